# `redef name += { ... }` adds to a &redef table or set; the braces hold
# the new elements, each checked against the declared types. An element
# that does not fit is reported where the elements are written, and that
# redef adds nothing; the others still apply.
type Host: record {
	name: string;
	rack: count &optional;
};

const inventory: table[addr] of Host = table() &redef;

redef inventory += {
	[10.0.0.1] = [$name="alpha"]
};

redef inventory += {
	[10.0.0.2] = ["beta", 4]
};

redef inventory += {
	[10.0.0.3] = [$name="gamma", $rack=2]
};

redef inventory += {
	[10.0.0.4] = [$rack="top"]
};
