##! The events of Zeek's Gnutella analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global gnutella_text_msg: event(c: connection, orig: bool, headers: string);
global gnutella_binary_msg: event(c: connection, orig: bool, msg_type: count, ttl: count, hops: count, msg_len: count, payload: string, payload_len: count, trunc: bool, complete: bool);
global gnutella_partial_binary_msg: event(c: connection, orig: bool, msg: string, len: count);
global gnutella_establish: event(c: connection);
global gnutella_not_establish: event(c: connection);
global gnutella_http_notify: event(c: connection);
