# args: -r traces/mixed.pcap
# Weirds raised from scripts go through the same sampling as the core's:
# two per name and scope, then none (rate 0), whitelisted ones always;
# get_conn_stats counts what the trace made.
redef Weird::sampling_threshold = 2;
redef Weird::sampling_rate = 0;
redef Weird::sampling_whitelist = { "always" };

global n = 0;

event net_weird(name: string, addl: string, source: string)
	{ print "net_weird", name, addl; }

event flow_weird(name: string, src: addr, dst: addr, addl: string, source: string)
	{ print "flow_weird", name, src, dst; }

event conn_weird(name: string, c: connection, addl: string, source: string)
	{ print "conn_weird", name, c$id$resp_p; }

event new_connection(c: connection)
	{
	++n;
	local i = 0;
	while ( i < 3 )
		{
		Reporter::net_weird("net_one", fmt("%d", n));
		Reporter::flow_weird("flow_one", c$id$orig_h, c$id$resp_h);
		Reporter::conn_weird("conn_one", c);
		Reporter::net_weird("always");
		++i;
		}
	}

event net_done(t: time)
	{
	local s = get_conn_stats();
	print s$total_conns, s$cumulative_tcp_conns, s$cumulative_udp_conns,
	      s$cumulative_icmp_conns, s$num_packets, s$num_packets_unprocessed;
	}
