# args: -r traces/mixed.pcap
# One TCP conversation from handshake to FINs, a UDP exchange, an ICMP
# echo and two unanswered SYNs: the connection events in Zeek's order, and
# the connection record as each event sees it. A packet 70 s later
# triggers the removal timers (close delay, attempt, inactivity) in time
# order, at that packet's network time.

function show(what: string, c: connection)
	{
	print fmt("%.1f %s %s %s:%s > %s:%s hist=%s orig=%d/%d/%d/%d resp=%d/%d/%d/%d dur=%.1f %s",
	          time_to_double(network_time()) - 1400000000.0, what, c$id$proto, c$id$orig_h, c$id$orig_p, c$id$resp_h, c$id$resp_p,
	          c$history, c$orig$size, c$orig$state, c$orig$num_pkts, c$orig$num_bytes_ip,
	          c$resp$size, c$resp$state, c$resp$num_pkts, c$resp$num_bytes_ip, c$duration,
	          c$uid[0]);
	}

event new_connection(c: connection) { show("new_connection", c); }
event connection_established(c: connection) { show("connection_established", c); }
event connection_finished(c: connection) { show("connection_finished", c); }
event connection_attempt(c: connection) { show("connection_attempt", c); }
event connection_state_remove(c: connection) { show("connection_state_remove", c); }
event udp_request(u: connection) { show("udp_request", u); }
event udp_reply(u: connection) { show("udp_reply", u); }

event icmp_echo_request(c: connection, info: icmp_info, id: count, seq: count, payload: string)
	{
	show("icmp_echo_request", c);
	print info, id, seq, payload;
	}

event icmp_echo_reply(c: connection, info: icmp_info, id: count, seq: count, payload: string)
	{
	show("icmp_echo_reply", c);
	print info, id, seq, payload;
	}

event zeek_done()
	{
	print "zeek_done", time_to_double(network_time()) - 1400000000.0;
	}
