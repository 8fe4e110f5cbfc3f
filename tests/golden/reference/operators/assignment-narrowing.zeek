# Assignments convert numbers as Zeek's AssignExpr does: widening
# silently, narrowing with a warning (the value truncated).
global g: count = 3.7;

event zeek_init()
	{
	local d: double = 3;
	local i: int = 5;
	local j: int = 2.9;
	local k: count = i;
	local t: time = 0;
	print "count from double", g;
	print "double from count", d;
	print "int from double", j;
	print "count from int", k;
	print "time from zero", t;
	d = i;
	print "double from int", d;
	}
