# add and delete (statements.rst: add, delete): elements of sets and
# tables, &optional record fields, whole containers; a deleted &default
# field reads as its default again.

type R: record {
	a: count;
	b: count &optional;
	c: string &default="dflt";
	d: vector of count &default=vector(1, 2);
};

event zeek_init()
	{
	local myset: set[string];
	add myset["test"];
	add myset["test"];
	add myset["other"];
	print "add twice", |myset|;
	delete myset["test"];
	delete myset["absent"];
	print "after delete", myset;

	local mytable = table(["key1"] = 80/tcp, ["key2"] = 53/udp);
	delete mytable["key1"];
	delete mytable["nope"];
	print "table after delete", mytable;

	local multi: table[count, string] of bool = { [1, "a"] = T, [2, "b"] = F };
	delete multi[1, "a"];
	print "multi-index", |multi|, [2, "b"] in multi;

	local r = R($a=1, $b=2, $c="given");
	delete r$b;
	print "optional deleted", r?$b;
	delete r$b;
	print "deleted again", r?$b;
	r$d[2] = 3;
	delete r$c;
	delete r$d;
	# Deleted, the field is unset; reading it gives the &default.
	print "defaults back", r$c, r$d, r?$c;
	print r;

	local s2 = set("this", "test");
	delete s2;
	print "whole set", |s2|;
	local t2 = table([1] = "x", [2] = "y");
	delete t2;
	print "whole table", |t2|;
	local v = vector(1, 2, 3);
	delete v;
	print "whole vector", |v|;

	# The container is emptied in place: other references see it.
	local alias = myset;
	delete myset;
	print "alias emptied", |alias|;
	}
