##! The events of Zeek's Ident analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global ident_request: event(c: connection, lport: port, rport: port);
global ident_reply: event(c: connection, lport: port, rport: port, user_id: string, system: string);
global ident_error: event(c: connection, lport: port, rport: port, line: string);
