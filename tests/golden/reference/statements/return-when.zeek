# return when: a function that waits. Called in a when condition, the call
# has no value until the function's when body (or its timeout body)
# returns one; then the outer condition is looked at again and the call
# yields that value. A condition that holds at once returns at once.
# never(7) keeps waiting: without a trace no network time passes, so its
# timeout does not come and the outer when never runs its body.

global ready = F;
global later: event();

function doubled(x: count): count
	{
	return when [x] ( ready )
		{
		return x * 2;
		}
	timeout 1hr
		{
		return 0;
		}
	}

function never(x: count): string
	{
	print "never called with", x;
	return when [x] ( x > 100 )
		{
		return "big";
		}
	timeout 1sec
		{
		return "timed out";
		}
	}

event zeek_init()
	{
	when ( local r = doubled(21) )
		{
		print "doubled", r;
		}
	when ( local s = never(7) )
		{
		print "never", s;
		}
	when ( local t = never(700) )
		{
		print "at once", t;
		}
	print "zeek_init done";
	schedule 1sec { later() };
	}

event later()
	{
	ready = T;
	print "ready";
	}
