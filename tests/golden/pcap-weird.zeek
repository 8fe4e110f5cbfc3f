# args: -r traces/weird.pcap
# A TCP segment with a corrupted checksum is dropped with a conn_weird and
# a 'C' in the history; a frame of an Ethertype nothing analyzes raises
# unknown_protocol. (pcap-weird-nocheck reads the trace with -C.)

event conn_weird(name: string, c: connection, addl: string)
	{
	print "conn_weird", name, c$id, c$history, addl;
	}

event flow_weird(name: string, src: addr, dst: addr, addl: string)
	{
	print "flow_weird", name, src, dst;
	}

event net_weird(name: string, addl: string)
	{
	print "net_weird", name;
	}

event unknown_protocol(analyzer_name: string, protocol: count, first_bytes: string,
                       analyzer_history: string_vec)
	{
	print "unknown_protocol", analyzer_name, protocol, bytestring_to_hexstr(first_bytes), analyzer_history;
	}

event connection_state_remove(c: connection)
	{
	print "connection_state_remove", c$history, c$orig$size, c$orig$num_pkts;
	}
