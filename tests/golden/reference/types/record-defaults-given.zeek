# A field given a value in a constructor does not evaluate its &default;
# the others do, in field order.
global n = 0;

function tick(): count
	{
	print "tick";
	return ++n;
	}

type Pair: record {
	first: count &default=tick();
	second: count &default=tick();
};

event zeek_init()
	{
	print Pair($first=10);
	print Pair($second=20);
	print Pair();
	}
