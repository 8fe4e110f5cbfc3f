##! The events of Zeek's RADIUS analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global radius_message: event(c: connection, result: RADIUS::Message);
global radius_attribute: event(c: connection, attr_type: count, value: string);
