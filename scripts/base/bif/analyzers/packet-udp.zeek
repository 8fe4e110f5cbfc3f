##! The events of Zeek's UDP packet analyzer, with their argument types.
##! rzeek raises all three.

## Raised for each UDP packet from the originator.
##
## u: the connection.
global udp_request: event(u: connection);

## Raised for each UDP packet from the responder.
##
## u: the connection.
global udp_reply: event(u: connection);

## Raised for the payload of UDP packets selected by the udp_content_*
## settings.
##
## u: the connection.
## is_orig: whether the originator sent it.
## contents: the payload.
global udp_contents: event(u: connection, is_orig: bool, contents: string);
global udp_multiple_checksum_errors: event(u: connection, is_orig: bool, threshold: count);
