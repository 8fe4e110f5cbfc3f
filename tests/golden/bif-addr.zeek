# Address and subnet built-ins.
event zeek_init()
	{
	print to_addr("10.1.2.3"), to_subnet("10.0.0.0/8"), mask_addr(10.1.2.3, 16);
	print is_v4_addr(1.2.3.4), is_v6_addr([::1]), is_v4_subnet(10.0.0.0/8);
	print addr_to_counts(1.2.3.4), counts_to_addr(vector(16909060));
	print subnet_width(192.168.0.0/16), subnet_to_addr(192.168.0.0/16);
	print 10.1.2.3 in 10.0.0.0/8, ptr_name_to_addr("4.3.2.1.in-addr.arpa");
	print addr_to_ptr_name(1.2.3.4), to_port("80/tcp"), port_to_count(53/udp);
	print get_port_transport_proto(53/udp), count_to_port(22, tcp);
	}
