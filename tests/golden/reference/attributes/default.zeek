# &default and &default_insert (attributes.rst): record fields (evaluated
# for each new record), tables with a value or a function (also an
# anonymous one), parameters; &optional fields.

global counter = 0;

function next_n(): count
	{
	return ++counter;
	}

type myrec: record {
	a: count;
	b: port &default=80/tcp;
	c: double;
	n: count &default=next_n();
	o: string &optional;
};

function table_default(c: count, s: string): string
	{
	return fmt("unknown-%s-%s", c, s);
	}

global t1: table[count] of string &default="foo";
global t2: table[count, string] of string &default=table_default;
global t3: table[count, string] of string &default=function(c: count, s: string): string {
	return fmt("lambda-%s-%s", c, s);
};
global t4: table[string] of count &default_insert=7;
global t5: table[string] of set[count] &default_insert=set();

const query_types = {
	[1] = "A",
	[2] = "NS",
} &default = function(n: count): string { return fmt("query-%d", n); };

function myfunc(a: count, b: port &default=80/tcp)
	{
	print "myfunc", a, b;
	}

event zeek_init()
	{
	local r1 = myrec($a=5, $c=3.14);
	local r2 = myrec($a=5, $b=53/udp, $c=3.14);
	print "records", r1, r2;
	print "optional", r1?$o, r1?$b;

	print "table default", t1[0], |t1|;
	print "function default", t2[0, "a"], |t2|;
	print "lambda default", t3[1, "b"];
	print "default_insert", t4["x"], |t4|, t4;
	add t5["k"][1];
	add t5["k"][2];
	print "default_insert container", t5;
	print "const with default", query_types[1], query_types[5];

	myfunc(5);
	myfunc(5, 53/udp);
	}
