# Without a seed file, identifiers differ call to call (and run to run);
# only their shape is fixed.
event zeek_init()
	{
	local a = unique_id("X");
	local b = unique_id("X");
	print a != b, a[0], |a| > 10, /^X[0-9A-Za-z]+$/ in a;
	print unique_id_from(3, "P")[0];
	}
