# Looking a subnet up in a subnet-indexed table finds the longest prefix
# that covers it; check_subnet() and delete want the exact subnet.
global nets: table[subnet] of string = {
	[192.168.0.0/16] = "site",
	[192.168.7.0/24] = "lab",
	[[2001:db8::]/32] = "v6",
};

event zeek_init()
	{
	print 192.168.7.128/25 in nets, nets[192.168.7.128/25];
	print 192.168.9.0/24 in nets, nets[192.168.9.0/24];
	print 192.169.0.0/24 in nets, 192.168.0.0/15 in nets;
	print [2001:db8:1::]/48 in nets, nets[[2001:db8:1::]/48];
	print check_subnet(192.168.7.128/25, nets), check_subnet(192.168.7.0/24, nets);
	delete nets[192.168.7.1/32];
	print |nets|;
	delete nets[192.168.7.0/24];
	print |nets|, nets[192.168.7.1/32];
	}
