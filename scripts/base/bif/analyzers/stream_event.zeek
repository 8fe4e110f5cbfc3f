##! The events of Zeek's stream-event analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global stream_deliver: event(c: connection, is_orig: bool, data: string);
global stream_undelivered: event(c: connection, is_orig: bool, seq: count, len: count);
