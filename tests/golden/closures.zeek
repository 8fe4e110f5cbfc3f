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

# copy() of a closure copies what it captured, also as a table's &default.
event zeek_init()
	{
	local n = 10;
	local bump = function[n](): count { return n += 1; };
	local other = copy(bump);
	print bump(), bump(), other();
	local seen = 0;
	local t: table[count] of string = {} &default = function[seen](k: count): string { return fmt("miss %d #%d", k, seen += 1); };
	print t[1];
	local t2 = copy(t);
	print t[2], t2[3];
	}
