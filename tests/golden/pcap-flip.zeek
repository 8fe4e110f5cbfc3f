# args: -r traces/reply-first.pcap
# The first packet comes from a likely server port: the connection is
# flipped as it is made, so connection_flipped comes before new_connection
# and the history starts with '^'.

redef likely_server_ports += { 53/udp };

event connection_flipped(c: connection)
	{
	print "connection_flipped", c$id, c$history, c$orig$size, c$resp$size;
	}

event new_connection(c: connection)
	{
	print "new_connection", c$id, c$history;
	}

event udp_reply(u: connection)
	{
	print "udp_reply", u$history, u$orig$size, u$resp$size;
	}

event udp_request(u: connection)
	{
	print "udp_request", u$history, u$orig$size, u$resp$size;
	}

event connection_state_remove(c: connection)
	{
	print "connection_state_remove", c$id$orig_p, c$history, c$orig$num_pkts, c$resp$num_pkts;
	}
