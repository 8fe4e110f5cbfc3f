##! The events of Zeek's IMAP analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global imap_capabilities: event(c: connection, capabilities: string_vec);
global imap_starttls: event(c: connection);
