##! The events of Zeek's FTP analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global ftp_request: event(c: connection, command: string, arg: string);
global ftp_reply: event(c: connection, code: count, msg: string, cont_resp: bool);
global ftp_starttls: event(c: connection);
