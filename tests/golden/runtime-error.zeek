# A runtime error aborts its handler only; later handlers still run.
global t: table[string] of count;

event zeek_init()
	{
	print "before";
	print t["missing"];
	print "not reached";
	}

event zeek_init() &priority=-5
	{
	print "later handler";
	}
