# args: -r ../traces/icmp6-errors.pcap
# get_current_packet_header() in the ICMP events: the packet being
# analyzed, its ICMP type among the headers.

event icmp_unreachable(c: connection, info: icmp_info, code: count, context: icmp_context)
	{
	local h = get_current_packet_header();
	print h$ip6$src, h$ip6$dst, h$ip6$nxt, h$ip6$len, h$icmp;
	}

event icmp_sent(c: connection, info: icmp_info)
	{
	local h = get_current_packet_header();
	print h$l2$len, h$ip6$len, h$icmp, info$len;
	}
