# Hooks reached through tables and records, and one-statement when bodies.
hook h(x: count) { print "h", x; }
type holder: record { f: hook(x: count); };
global hooks: table[count] of hook(x: count) = { [1] = h };

function later(): count
	{
	return when ( T ) { return 7; }
	}

event zeek_init()
	{
	hook hooks[1](5);
	local r = holder($f=h);
	hook r$f(6);
	when ( local got = later() )
		print "got", got;
	}
