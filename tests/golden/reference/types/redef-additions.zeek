# Additions by redef, seen at run time.
type Host: record {
	name: string;
	rack: count &optional;
};

const inventory: table[addr] of Host = table() &redef;
redef inventory += { [10.0.0.1] = [$name="alpha"] };
redef inventory += {
	[10.0.0.3] = [$name="gamma", $rack=2],
	[10.0.0.4] = [$name="delta"]
};

const ports: set[port] = { 22/tcp } &redef;
redef ports += { 80/tcp, 443/tcp };
redef ports -= { 22/tcp };

event zeek_init()
	{
	print |inventory|, inventory[10.0.0.3]$rack, inventory[10.0.0.4]?$rack;
	print 22/tcp in ports, 80/tcp in ports, |ports|;
	}
