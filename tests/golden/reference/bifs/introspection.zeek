# Looking at the script's own declarations: type_aliases (a named type's
# name with every alias of it, nothing for unnamed types), val_footprint
# (1 per atomic value, a string one more per 32 bytes, an aggregate its
# slots plus what they hold), global_options, global_ids (with the
# declaration's flags, value and attributes, and "module NAME" entries),
# find_in_zeekpath.

module Test;

export {
	type Rec: record { a: count; b: string &optional; };
	type Rec2: Rec;
	type Names: set[string];
	const c: count = 42 &redef;
	option opt = 5;
	global t: table[string] of string &default="x";
}

event zeek_init()
	{
	local r = Rec($a=1);
	print "Test::Rec" in type_aliases(r), "Test::Rec2" in type_aliases(r), |type_aliases(r)|;
	print |type_aliases(Rec2)|, |type_aliases(1)|, |type_aliases(set(1))|;
	local n: Names = set();
	print type_aliases(n), type_aliases(Names);

	print val_footprint(1), val_footprint("short"),
	      val_footprint("0123456789012345678901234567890123456789");
	print val_footprint(r), val_footprint(vector(1, 2, 3)),
	      val_footprint(table(["a"] = 1)), val_footprint(set(1, 2));

	print "Test::opt" in global_options(), "Test::c" in global_options();

	local ids = global_ids();
	local ci = ids["Test::c"];
	print ci$type_name, ci$exported, ci$constant, ci$enum_constant, ci$option_value,
	      ci$redefinable, ci$value, ci$attributes;
	print ids["Test::opt"]$option_value, ids["Test::t"]$attributes;
	print ids["module Test"];
	print ids["Test::Rec"]?$value;

	print find_in_zeekpath("./x.zeek");
	}
