##! The events of Zeek's SOCKS analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global socks_request: event(c: connection, version: count, request_type: count, sa: SOCKS::Address, p: port, user: string);
global socks_reply: event(c: connection, version: count, reply: count, sa: SOCKS::Address, p: port);
global socks_login_userpass_request: event(c: connection, user: string, password: string);
global socks_login_userpass_reply: event(c: connection, code: count);
