# Membership, set operators, vector element-wise operators, record field
# operators and the conditional (operators.rst).
type R: record {
	a: count;
	b: string &optional;
};

event zeek_init()
	{
	local s1 = set(1, 2, 3);
	local s2 = set(2, 3, 4);
	print "in set", 2 in s1, 5 in s1, 5 !in s1;
	print "intersection", |s1 & s2|, 2 in (s1 & s2), 1 in (s1 & s2);
	print "union", |s1 | s2|, 4 in (s1 | s2);
	print "difference", |s1 - s2|, 1 in (s1 - s2), 2 in (s1 - s2);
	print "subset", set(2) < s1, s1 <= s1, s1 < s1, s1 == set(3, 2, 1), s1 != s2;
	local t = table([1] = "one", [2] = "two");
	print "in table", 1 in t, 3 in t, 3 !in t;
	local t2 = table([1, "x"] = T);
	print "in table, two indices", [1, "x"] in t2, [2, "x"] in t2;
	local v = vector(10, 20, 30);
	print "in vector (index)", 0 in v, 2 in v, 3 in v;
	print "in string", "ell" in "hello", "xyz" in "hello", "" in "hello";
	print "in pattern", /el+/ in "hello", /^el/ in "hello";
	print "pattern ==", /hel+o/ == "hello", /hel/ == "hello";
	print "in subnet", 10.1.2.3 in 10.0.0.0/8, 11.1.2.3 in 10.0.0.0/8;
	local a = vector(1, 2, 3);
	local b = vector(10, 20, 30);
	print "vector +", a + b;
	print "vector *", a * b;
	print "vector -", b - a;
	print "vector <", a < vector(2, 2, 2);
	print "vector ==", a == vector(1, 0, 3);
	print "vector size", |a|;
	local bv = vector(T, F, T);
	print "vector &&", bv && vector(T, T, F);
	print "vector ||", bv || vector(F, F, F);
	local r = R($a=1);
	print "?$", r?$a, r?$b;
	r$b = "x";
	print "?$ after assignment", r?$b, r$b;
	print "conditional", T ? "yes" : "no", F ? 1 : 2;
	print "conditional promotes", T ? 1 : 2.5;
	local vc = vector(T, F) ? vector(1, 2) : vector(3, 4);
	print "vector conditional", vc;
	print "string +", "ab" + "cd";
	print "string compare", "a" < "b", "abc" == "abc", "b" >= "c";
	print "string slice", "hello"[1:3], "hello"[2], "hello"[-2:];
	print "vector slice", b[1:3], b[:1];
	print "addr compare", 1.2.3.4 < 1.2.3.5, [::1] == [::1];
	print "port compare", 80/tcp < 443/tcp, 53/udp < 53/tcp, 1/icmp > 1/udp;
	print "interval compare", 1min > 59sec, 1hr == 60min;
	print "bitwise", 0xF0 & 0x3C, 0xF0 | 0x0F, 0xFF ^ 0x0F, ~0 == 0xffffffffffffffff;
	print "shifts", 1 << 4, 256 >> 2, -16 >> 2;
	print "bool", !T, T && F, T || F;
	}
