##! The events of Zeek's VXLAN packet analyzer, with their argument types.
##! rzeek has no such analyzer yet: a script may raise them itself, and
##! its handlers see the arguments Zeek's analyzer would give.

global vxlan_packet: event(outer: connection, inner: pkt_hdr, vni: count);
