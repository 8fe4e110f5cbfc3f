##! The events of Zeek's Syslog analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global syslog_message: event(c: connection, facility: count, severity: count, msg: string);
