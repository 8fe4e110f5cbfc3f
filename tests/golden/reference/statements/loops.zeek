# for over every container, with one, several and blank loop variables and
# the key-value form; while; next and break (statements.rst: for, while,
# next, break). Tables and sets are &ordered so the order is defined.

global myset: set[port] = set(80/tcp, 81/tcp) &ordered;
global mytable: table[addr, port] of string = table(
	[10.0.0.1, 80/tcp] = "s1", [10.0.0.2, 81/tcp] = "skip",
	[10.0.0.3, 82/tcp] = "s3", [10.0.0.4, 83/tcp] = "done",
	[10.0.0.5, 84/tcp] = "never") &ordered;
global myvector = vector("zero", "one", "two");

event zeek_init()
	{
	for ( p in myset )
		print "set", p;

	for ( [ip, p2], val in mytable )
		{
		if ( val == "done" )
			break;
		if ( val == "skip" )
			next;
		print "table", ip, p2, val;
		}

	for ( _, val2 in mytable )
		print "values only", val2;

	for ( [ip3, _], _ in mytable )
		print "first index only", ip3;

	# One blank stands for a whole multi-part index.
	local n = 0;
	for ( _ in mytable )
		++n;
	print "blank index, iterations", n;

	for ( i, v in myvector )
		print "vector index and value", i, v;

	for ( _, v2 in myvector )
		print "vector value", v2;

	for ( i2 in myvector )
		print "vector index", i2;

	for ( c in "abc" )
		print "string", c;

	# Empty containers: no iterations.
	for ( e in set(1) - set(1) )
		print "never";
	for ( e2 in "" )
		print "never";

	# A loop variable declared before keeps its declaration.
	local k: count;
	for ( k in set(7) )
		print "predeclared", k;
	for ( k in set(8) )
		print "reused", k;

	# A vector's holes are skipped.
	local holes: vector of count;
	holes[0] = 10;
	holes[3] = 13;
	for ( h, hv in holes )
		print "hole-free", h, hv;

	local j = 0;
	while ( j < 6 )
		{
		++j;
		if ( j == 2 )
			next;
		if ( j == 5 )
			break;
		print "while", j;
		}
	print "after while", j;

	while ( F )
		print "never";

	# Nested loops: break leaves only the inner one.
	for ( a in set(1, 2) )
		for ( b in set(10, 20) )
			{
			if ( b == 20 )
				break;
			print "nested", a, b;
			}
	}
