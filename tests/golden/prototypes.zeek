# Alternate event prototypes, deprecated ones, and element-wise conditionals.
global ev: event(a: string, b: count);
global ev: event(b: count) &deprecated="use the two-argument form";

event ev(a: string, b: count) { print "canonical", a, b; }
event ev(b: count) { print "alternate", b; }

global ok = vector(T, F, T);

event zeek_init()
	{
	event ev("x", 3);
	print ok ? vector(1, 2, 3) : vector(10, 20, 30);
	local c = 5;
	c += +2;
	c -= -3;
	print c, type_name(c);
	print "7" as count, " 8 " as count, "-1" as count;
	}
