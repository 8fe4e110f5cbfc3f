# A type declared as another type's alias prints under its own name when
# used as a value; values of the alias type are plain values of the type.
type Hostname: string;
type PortList: vector of port;
type Pair: record { a: count; b: count; };

event zeek_init()
	{
	local h: Hostname = "example.org";
	local pl: PortList = vector(22/tcp, 53/udp);
	local anything: any = Hostname;
	print Hostname, PortList, Pair, anything;
	print h, pl, type_name(h), type_name(pl);
	print h == "example.org", |pl|;
	}
