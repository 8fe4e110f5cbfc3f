# record_fields() names field types with their kind and marks fields with
# a &default as optional; enum_names() takes an enum type or its name.
type Level: enum { LOW, HIGH };

type Inner: record {
	x: count;
};

type Sample: record {
	level: Level &default=HIGH;
	inner: Inner &optional;
	tags: set[string];
	hist: table[Level] of vector of Inner;
	note: string &default="none" &log;
};

event zeek_init()
	{
	local f = record_fields(Sample);
	for ( name in set("level", "inner", "tags", "hist", "note") )
		print name, f[name]$type_name, f[name]$optional, f[name]?$default_val;
	print |enum_names(Level)|, |enum_names("Level")|, "HIGH" in enum_names("Level");
	print |enum_names("Sample")|, |enum_names("no_such_type")|;
	}
