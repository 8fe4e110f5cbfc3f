# args: -r ../traces/icmp6-mld.pcap
# Without handlers of the MLD events Zeek still reads the reports and
# reports the truncated ones.

event conn_weird(name: string, c: connection, addl: string, source: string)
	{
	print name, c$id$orig_p, addl;
	}
