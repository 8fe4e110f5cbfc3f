# The `as` cast table, `?as` and `is`, as operators.rst lists them.
type color: enum { RED, GREEN, BLUE };

function check_any(a: any)
	{
	print "any is string", a is string;
	print "any is count", a is count;
	print "any ?as int", a ?as int;
	if ( a is count )
		print "any as count", a as count;
	}

event zeek_init()
	{
	print "string as double", "3.5" as double;
	print "string as int", "-42" as int;
	print "string as count", "42" as count;
	print "string as addr", "192.168.0.1" as addr;
	print "string as subnet", "10.0.0.0/8" as subnet;
	print "string as port", "80/tcp" as port;
	print "int as double", -3 as double;
	local i: int = 7;
	print "int as count", i as count;
	print "count as double", 7 as double;
	print "count as int", 7 as int;
	print "count as addr", 16909060 as addr;
	print "port as count", 443/tcp as count;
	print "double as time", 1.5 as time;
	print "double as interval", 90.0 as interval;
	print "42.7 as count", 42.7 as count;
	print "42.5 as count", 42.5 as count;
	print "43.5 as count", 43.5 as count;
	print "-2.5 as int", -2.5 as int;
	print "enum as int", GREEN as int;
	print "enum as count", BLUE as count;
	print "interval as double", 2min as double;
	print "time as double", double_to_time(5.0) as double;
	print "addr as subnet", 1.2.3.4 as subnet;
	print "subnet as addr", 10.1.0.0/16 as addr;
	print "subnet as count", 10.1.0.0/16 as count;
	local s = set(1, 2, 3);
	local v = s as vector of count;
	print "set as vector", |v|, v[0] + v[1] + v[2];
	local vs = vector(5, 5, 6) as set[count];
	print "vector as set", |vs|, 5 in vs, 6 in vs, 7 in vs;
	print "no-op", "x" as string;
	print "?as string to count", "12" ?as count, "x12" ?as count;
	print "?as count to int", 5 ?as int;
	print "?as string to addr", "1.2.3.4" ?as addr, "1.2.3" ?as addr;
	print "is on a non-any", 5 is count, 5 is int;
	check_any("hi");
	check_any(5);
	}
