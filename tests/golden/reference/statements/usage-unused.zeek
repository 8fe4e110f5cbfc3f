# args: -u
# The usage analysis (-u): values assigned to locals that no later
# statement can read. Zeek's analysis walks each body backwards, and
# reports in that order; the scripts then run as usual.

function f(): count
	{
	return 1;
	}

function straight(): count
	{
	local a = 1;
	a = 2;
	# A call may have effects: never reported.
	local b = f();
	b = a + 1;
	local c = 3 &is_used;
	local d: count;
	d = a;
	return a;
	}

function after_return(x: count): count
	{
	# What follows a return still counts as a reader (as in Zeek).
	local y = x;
	if ( x > 1 )
		{
		y = 5;
		return 0;
		}
	print y;
	return y;
	}

function loops(xs: vector of count): count
	{
	local total = 0;
	local last = 0;
	for ( i in xs )
		{
		total += xs[i];
		last = xs[i];
		}
	local k = 0;
	local n = |xs|;
	while ( n > 0 )
		{
		k = k + n;
		--n;
		}
	local after = k;
	return total;
	}

function switches(v: count): string
	{
	local s = "none";
	switch ( v ) {
	case 1:
		s = "one";
		break;
	case 2:
		s = "two";
		fallthrough;
	case 3:
		s = "three";
		break;
	}
	local t = "x";
	switch ( v ) {
	case 1:
		t = "one";
		break;
	default:
		t = "other";
		break;
	}
	return s + t;
	}

event zeek_init()
	{
	local n = 1;
	# Captured locals belong to the closure too: never reported.
	local fn = function[n](): count { n = 5; return n; };
	print fn();
	when [n] ( n > 0 )
		{
		local m = 2;
		n = 3;
		}
	print straight(), after_return(1), loops(vector(1, 2)), switches(2);
	}
