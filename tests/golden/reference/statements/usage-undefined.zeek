# args: -a -u
# The usage analysis (-u) with -a: reads of locals that no path, or not
# every path, has given a value. Each variable is reported once.

global g: count;

function params(x: count, y: count): count
	{
	# Parameters and globals hold values.
	return x + y + g;
	}

function branches(c: bool): count
	{
	local a: count;
	local b: count;
	local d: count;
	if ( c )
		{
		a = 1;
		b = 2;
		}
	else
		a = 3;
	d = a + b;
	return d + b;
	}

function undefined(): count
	{
	local u: count;
	local v = u + 1;
	return u + v;
	}

function aggregates(): count
	{
	# Declaring a table, set, vector or record creates it.
	local t: table[string] of count;
	local s: set[string];
	local v: vector of count;
	local r: conn_id;
	local p: port;
	t["a"] = 1;
	add s["x"];
	v += 1;
	print r, p;
	return |t| + |s| + |v|;
	}

function loops(xs: vector of count): count
	{
	# The body may not run.
	local sum: count;
	local last: count;
	for ( i in xs )
		{
		sum = 0;
		last = xs[i];
		}
	return sum + last;
	}

function breaks(xs: vector of count): count
	{
	local found: count;
	for ( i in xs )
		{
		if ( xs[i] > 3 )
			{
			found = xs[i];
			break;
			}
		}
	return found;
	}

function nexts(xs: vector of count): count
	{
	# A path ending in next does not reach the end of the loop.
	local seen: count;
	for ( i in xs )
		{
		seen = i;
		next;
		}
	return seen;
	}

function returns(c: bool): count
	{
	local r: count;
	if ( c )
		return 0;
	else
		r = 1;
	return r;
	}

function whiles(n: count): count
	{
	local k: count;
	local j: count;
	while ( n > 0 )
		{
		k = n;
		--n;
		}
	return j + k;
	}

function switches(v: count): count
	{
	# Every case starts from the state before the switch joined with the
	# cases before it, and so does its end.
	local x: count;
	local y: count;
	switch ( v ) {
	case 1:
		x = 1;
		y = 1;
		break;
	case 2:
		print y;
		fallthrough;
	default:
		x = 2;
		break;
	}
	return x;
	}

function conditionals(c: bool): bool
	{
	# In an if, && and || become nested ifs whose conditions are checked;
	# elsewhere a local standing alone as an operand of &&, || or ?: is
	# not (Zeek keeps it inside a conditional expression, where its
	# analysis does not look).
	local a: bool;
	local b: bool;
	local x: bool;
	local y: bool;
	local n: count;
	local r = x && y;
	r = r || (c ? x : y);
	if ( a && b )
		return r;
	return n > 0 || c;
	}

function assigned_attr(): count
	{
	local q: count &is_assigned;
	return q;
	}

function incr(): count
	{
	local k: count;
	++k;
	local m: count;
	m += 1;
	return k + m;
	}

function fields(): conn_id
	{
	local c: conn_id;
	c$orig_h = 1.2.3.4;
	return c;
	}

hook h(n: count)
	{
	local z: count;
	if ( n > 2 )
		break;
	z = n;
	print z;
	}

event zeek_init()
	{
	# A when is a body of its own: its captures are read where it is
	# written.
	local w: count;
	local l = 1;
	when [w] ( w > 1 )
		{
		local inner: count;
		print w, inner;
		}
	# A lambda is a body of its own, its captures holding values.
	local f = function[l](): count { local o: count; return l + o; };
	print f();
	}
