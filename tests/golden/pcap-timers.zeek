# args: -r traces/ticks.pcap
# Script timers against packet time: a timer scheduled in zeek_init fires
# with the first packet; timers fire before the first packet at or after
# their time, seeing that packet's network time; a timer still pending at
# the end fires before the connections are removed; zeek_done sees the
# last packet's time.

function rel(): string
	{
	return fmt("%.1f", time_to_double(network_time()) - 1400000000.0);
	}

event tick(name: string)
	{
	print "tick", name, rel();
	if ( name == "a" )
		schedule 0.5 sec { tick("b") };
	if ( name == "b" )
		schedule 100 sec { tick("late") };
	}

event zeek_init()
	{
	print "zeek_init", network_time();
	schedule 0 sec { tick("zero") };
	schedule 1 sec { tick("a") };
	}

event network_time_init()
	{
	print "network_time_init", rel();
	}

event udp_request(u: connection)
	{
	print "udp_request", rel(), u$orig$num_pkts;
	}

event Pcap::file_done(path: string)
	{
	print "file_done", path, rel();
	}

event net_done(t: time)
	{
	print "net_done", time_to_double(t) - 1400000000.0;
	}

event connection_state_remove(c: connection)
	{
	print "connection_state_remove", rel(), c$orig$num_pkts;
	}

event zeek_done()
	{
	print "zeek_done", rel();
	}
