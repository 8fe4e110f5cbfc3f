# args: -a -u -u
# The usage analysis asked for twice (-u -u): as in Zeek, only unused
# assignments are reported, not reads of locals without a value.

function f(): count
	{
	local a: count;
	local b = a + 1;
	b = 2;
	return b;
	}
