# args: -r traces/reply-first.pcap
# new_packet and raw_packet with the headers of each packet; raw_packet
# comes first and also has the link layer.

event raw_packet(p: raw_pkt_hdr)
	{
	print "raw_packet", p$l2;
	}

event new_packet(c: connection, p: pkt_hdr)
	{
	print "new_packet", c$id$orig_p, c$orig$num_pkts, c$resp$num_pkts;
	print p;
	}
