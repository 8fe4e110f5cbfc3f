# args: -r traces/mixed.pcap
# packet_contents carries each packet's transport payload (TCP and UDP
# after their headers, ICMP after its 8-byte header); udp_contents the UDP
# payloads that udp_content_ports selects, just before udp_request/reply.

redef udp_content_ports += { 53/udp };

event packet_contents(c: connection, contents: string)
	{
	print "packet_contents", c$id$resp_p, contents;
	}

event udp_contents(u: connection, is_orig: bool, contents: string)
	{
	print "udp_contents", is_orig, contents;
	}

event udp_request(u: connection)
	{
	print "udp_request";
	}

event udp_reply(u: connection)
	{
	print "udp_reply";
	}
