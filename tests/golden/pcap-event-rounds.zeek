# args: -r traces/ticks.pcap
# Zeek drains the event queue in rounds: after each packet, events raised
# by handlers run for a few rounds only; deeper ones wait and run before
# the next packet's events, at that packet's network time.

function rel(): string
	{
	return fmt("%.1f", time_to_double(network_time()) - 1400000000.0);
	}

event chain(depth: count)
	{
	print "chain", depth, rel();
	if ( depth > 1 )
		event chain(depth - 1);
	}

event new_connection(c: connection)
	{
	print "new_connection", rel();
	event chain(4);
	}

event udp_request(u: connection)
	{
	print "udp_request", rel();
	}
