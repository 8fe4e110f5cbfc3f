##! The events of Zeek's GSSAPI analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global gssapi_neg_result: event(c: connection, state: count);
