# Container built-ins.
function desc(a: count, b: count): int { return a > b ? -1 : (a < b ? 1 : 0); }
event zeek_init()
	{
	local v = vector(3, 1, 2);
	print sort(v), sort(vector(3, 1, 2), desc), order(vector(30, 10, 20));
	print resize(v, 5), |v|, any_set(vector(F, T)), all_set(vector(T, F));
	local t: table[string] of count = table(["a"] = 1);
	print |t|, "a" in t;
	clear_table(t);
	print |t|;

	}
