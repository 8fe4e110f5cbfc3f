# `table() &default=x` given to a declared table type: the attributes
# belong to the empty constructor, and its &default is checked as the
# constructor takes the declared type. A complaint names the type (where
# it was declared) and the constructor with its attributes, among them
# the &optional that Zeek adds to a &default outside a global.
type Counts: table[string] of count;

event zeek_init()
	{
	local fine: Counts = table() &default=0;
	print fine["unseen"];
	local wrong: Counts = table() &default="none";
	}
