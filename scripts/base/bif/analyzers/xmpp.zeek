##! The events of Zeek's XMPP analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global xmpp_starttls: event(c: connection);
