# A first script: a function, a record, a table and an event handler.
type Host: record {
	a: addr;
	name: string &optional;
	seen: count &default=0;
};

global hosts: table[addr] of Host;

function visit(a: addr): count
	{
	if ( a !in hosts )
		hosts[a] = Host($a=a);
	return ++hosts[a]$seen;
	}

event zeek_init()
	{
	visit(10.0.0.1);
	visit(10.0.0.2);
	print visit(10.0.0.1);
	for ( a, h in hosts )
		print a, h$seen, h?$name;
	print |hosts|;
	}
