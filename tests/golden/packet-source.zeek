# args: -r traces/mixed.pcap
# packet_source() describes the trace being read, already in zeek_init.
event zeek_init()
	{
	print packet_source();
	}
