##! The events of Zeek's NTLM analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global ntlm_negotiate: event(c: connection, negotiate: NTLM::Negotiate);
global ntlm_challenge: event(c: connection, challenge: NTLM::Challenge);
global ntlm_authenticate: event(c: connection, request: NTLM::Authenticate);
