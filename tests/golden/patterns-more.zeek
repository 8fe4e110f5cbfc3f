# Pattern flags and pattern-indexed containers.
global p: set[pattern] = { /foo/, /ba[rz]/ };
global t: table[pattern] of count = { [/a.*/] = 1, [/.*b/] = 2, [/x/] = 3 };

event zeek_init()
	{
	print /a.b/ == "a\nb", /a.b/s == "a\nb";
	print /foo/i | /bar/ == "FOO", /foo/i | /bar/ == "BAR";
	print /"AbC"/i == "abc", /"AbC"/i == "AbC", /x"AbC"/i == "XAbC";
	print "foo" in p, "baz" in p, "fooz" in p;
	print |t["ab"]|, |t["aab"]|, |t["b"]|, |t["q"]|;
	local v: vector of any;
	v += 1;
	v += vector(2, 3);
	print v, |v|;
	local w: vector of count = vector(7);
	w += vector(8, 9);
	print w;
	}
