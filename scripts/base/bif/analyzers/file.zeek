##! The events of Zeek's file-data analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global file_transferred: event(c: connection, prefix: string, descr: string, mime_type: string);
