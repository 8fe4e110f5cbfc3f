# Sets, tables and vectors: membership, iteration in insertion order,
# deletion, multi-part indices, sizes, slicing and reference semantics.
event zeek_init()
	{
	local s: set[string] = { "b", "a" };
	add s["c"];
	delete s["b"];
	print |s|, "a" in s, "b" in s;
	for ( e in s )
		print e;

	local t: table[count, string] of bool;
	t[1, "x"] = T;
	t[2, "y"] = F;
	print [1, "x"] in t, t[2, "y"];
	for ( [n, name], flag in t )
		print n, name, flag;

	local v = vector(1, 2, 3);
	local w = v;
	w += 4;
	print v, |v|, v[-1], v[1:3];
	local c = copy(v);
	c[0] = 100;
	print v[0], c[0];
	}
