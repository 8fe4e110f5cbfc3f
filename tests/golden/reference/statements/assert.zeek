# assert (statements.rst: assert): a failing assertion is reported as an
# error with the condition as written and the message, and ends the
# handler; a passing one does nothing.

function f(x: count)
	{
	assert x > 1;
	print "after the first assert", x;
	assert 40 < x, fmt("%s is not greater than 40", x);
	print "after the second assert", x;
	}

event zeek_init()
	{
	f(50);
	f(37);
	print "not reached";
	}

event zeek_init() &priority=-1
	{
	assert to_lower("ABC") == "abc";
	assert |"abc"| == 4, "the size";
	print "not reached either";
	}

event zeek_done()
	{
	f(1);
	}
