##! The events of Zeek's POP3 analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global pop3_request: event(c: connection, is_orig: bool, command: string, arg: string);
global pop3_reply: event(c: connection, is_orig: bool, cmd: string, msg: string);
global pop3_data: event(c: connection, is_orig: bool, data: string);
global pop3_unexpected: event(c: connection, is_orig: bool, msg: string, detail: string);
global pop3_starttls: event(c: connection);
global pop3_login_success: event(c: connection, is_orig: bool, user: string, password: string);
global pop3_login_failure: event(c: connection, is_orig: bool, user: string, password: string);
