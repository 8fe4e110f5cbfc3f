##! The events of Zeek's TCP analyzer, with their argument types.
##! rzeek's connection tracking raises the connection state events; the
##! others (options, packets, contents) are not raised yet.

global new_connection_contents: event(c: connection);

## Raised when a TCP originator sent a SYN and no answer came within
## tcp_attempt_delay.
global connection_attempt: event(c: connection);

## Raised when a TCP handshake completes.
global connection_established: event(c: connection);

## Raised for a TCP connection whose handshake was not seen, once both sides
## have sent something.
global partial_connection: event(c: connection);

## Raised when one side of a TCP connection closed it and the other stayed
## silent for tcp_partial_close_delay.
global connection_partial_close: event(c: connection);

## Raised when both sides of a TCP connection closed it with FINs.
global connection_finished: event(c: connection);

## Raised when one side of a TCP connection closed it and the other side
## never sent anything.
global connection_half_finished: event(c: connection);

## Raised when a responder answered a SYN with a RST.
global connection_rejected: event(c: connection);

## Raised when one side of an established TCP connection reset it.
global connection_reset: event(c: connection);

## Raised at the end of input for each TCP connection still active.
global connection_pending: event(c: connection);
global connection_SYN_packet: event(c: connection, pkt: SYN_packet);

## Raised for the first ACK of a TCP connection's originator after its SYN.
global connection_first_ACK: event(c: connection);
global connection_EOF: event(c: connection, is_orig: bool);
global tcp_packet: event(c: connection, is_orig: bool, flags: string, seq: count, ack: count, len: count, payload: string);
global tcp_option: event(c: connection, is_orig: bool, opt: count, optlen: count);
global tcp_options: event(c: connection, is_orig: bool, options: TCP::OptionList);
global tcp_contents: event(c: connection, is_orig: bool, seq: count, contents: string);
global tcp_rexmit: event(c: connection, is_orig: bool, seq: count, len: count, data_in_flight: count, window: count);
global tcp_multiple_checksum_errors: event(c: connection, is_orig: bool, threshold: count);
global tcp_multiple_zero_windows: event(c: connection, is_orig: bool, threshold: count);
global tcp_multiple_retransmissions: event(c: connection, is_orig: bool, threshold: count);
global tcp_multiple_gap: event(c: connection, is_orig: bool, threshold: count);
global contents_file_write_failure: event(c: connection, is_orig: bool, msg: string);
