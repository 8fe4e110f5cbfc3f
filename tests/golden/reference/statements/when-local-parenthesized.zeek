# A `when` condition that declares a local (``local x = init``, an
# expression in Zeek's grammar) may wrap that declaration in parentheses
# of its own; the local is visible in the body as usual.
event zeek_init()
	{
	local word = "three";
	when [word] ( (local n = |word|) )
		{
		print "length", n;
		}
	when ( ((local m = to_count("42"))) )
		{
		print "count", m;
		}
	}
