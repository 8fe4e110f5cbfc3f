##! The events of Zeek's Teredo packet analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global teredo_packet: event(outer: connection, inner: teredo_hdr);
global new_teredo_state: event(c: connection);
global teredo_authentication: event(outer: connection, inner: teredo_hdr);
global teredo_origin_indication: event(outer: connection, inner: teredo_hdr);
global teredo_bubble: event(outer: connection, inner: teredo_hdr);
