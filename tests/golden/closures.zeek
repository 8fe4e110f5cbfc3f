# Lambdas capture locals; state kept in a capture persists across calls.
function make_counter(start: count): function(): count
	{
	local n = start;
	return function[n](): count { return ++n; };
	}

event zeek_init()
	{
	local counter = make_counter(10);
	print counter(), counter(), counter();
	local sum = function(a: count, b: count): count { return a + b; };
	print sum(2, 3);
	}
