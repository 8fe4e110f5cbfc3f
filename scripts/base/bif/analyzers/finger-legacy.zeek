##! The events of Zeek's Finger analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global finger_request: event(c: connection, full: bool, username: string, hostname: string);
global finger_reply: event(c: connection, reply_line: string);
