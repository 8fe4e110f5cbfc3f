# args: -C -r traces/weird.pcap
# The trace of pcap-weird read with -C: the segment with the corrupted
# checksum is taken as data, and no weird is raised.

event conn_weird(name: string, c: connection, addl: string)
	{
	print "conn_weird", name;
	}

event connection_state_remove(c: connection)
	{
	print "connection_state_remove", c$history, c$orig$size, c$orig$num_pkts;
	}
