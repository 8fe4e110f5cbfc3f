# &on_change (attributes.rst): called after each change to a table or set
# with the kind of change, the index and (for a table) the value before the
# change, or the new value when added; not called again while it runs;
# changes inside an element are not news. Also &add_func and &delete_func
# on redef, and &redef itself.

function tchange(t: table[string, int] of count, tpe: TableChange,
                 a: string, b: int, val: count)
	{
	print "table change", tpe, a, b, val;
	# Not called again for this change of its own.
	if ( tpe == TABLE_ELEMENT_NEW )
		t[a, b] = val + 100;
	}

function schange(s: set[count], tpe: TableChange, c: count)
	{
	print "set change", tpe, c;
	}

function nested_change(t: table[string] of set[string], tpe: TableChange,
                       idx: string, val: set[string])
	{
	print "nested change", tpe, idx, |val|;
	}

global t: table[string, int] of count &on_change=tchange;
global s: set[count] &on_change=schange;

function add_to(old: set[string], new: set[string]): set[string]
	{
	print "add_func", |old|, |new|;
	return old | new | set("added by add_func");
	}

function del_from(old: set[string], gone: set[string]): set[string]
	{
	print "delete_func", |old|, |gone|;
	return old - gone;
	}

global names: set[string] = set("a") &redef &add_func=add_to &delete_func=del_from;
redef names += { "b" };
redef names -= { "a" };

const clever = T &redef;
redef clever = F;

event zeek_init()
	{
	t["x", 1] = 1;
	print "stored", t["x", 1];
	t["x", 1] = 2;
	delete t["x", 1];
	delete t["missing", 0];
	add s[5];
	add s[5];
	delete s[5];
	print "sizes", |t|, |s|;

	local nt: table[string] of set[string] &on_change=nested_change;
	local inner: set[string] = set();
	nt["s"] = inner;
	add inner["a"];
	print "inner", |nt["s"]|;

	print "redefs", |names|, "a" in names, "b" in names, "added by add_func" in names, clever;
	}
