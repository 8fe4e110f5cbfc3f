##! The events of Zeek's NTP analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global ntp_message: event(c: connection, is_orig: bool, msg: NTP::Message);
