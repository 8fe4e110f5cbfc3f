##! The events of Zeek's Geneve packet analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global geneve_packet: event(outer: connection, inner: pkt_hdr, vni: count);
