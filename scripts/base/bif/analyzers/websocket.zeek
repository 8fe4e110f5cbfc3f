##! The events of Zeek's WebSocket analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global websocket_established: event(c: connection, aid: count);
global websocket_frame: event(c: connection, is_orig: bool, fin: bool, rsv: count, opcode: count, payload_len: count);
global websocket_frame_data: event(c: connection, is_orig: bool, data: string);
global websocket_message: event(c: connection, is_orig: bool, opcode: count);
global websocket_close: event(c: connection, is_orig: bool, status: count, reason: string);
