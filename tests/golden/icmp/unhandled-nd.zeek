# args: -r ../traces/icmp6-nd.pcap
# Zeek reads neighbor discovery options only for a handled event: without
# handlers the truncated messages give no weirds.

event conn_weird(name: string, c: connection, addl: string, source: string)
	{
	print name, c$id$orig_p, addl;
	}

event net_weird(name: string, addl: string, source: string)
	{
	print name, addl;
	}

event zeek_done()
	{
	print "done";
	}
