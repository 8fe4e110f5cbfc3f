# `when` waits: a condition that does not hold is looked at again after an
# event that writes a global it reads; the body runs once it holds, the
# timeout body if time runs out first. Captured locals are copies taken
# when the statement was reached.
# (The bumps come 1 ms apart and the timeout is 150 ms: wide margins, as
# these are wall-clock waits.)
redef exit_only_after_terminate = T;

global level = 0;
global seen: table[string] of count;

event bump()
	{
	++level;
	seen["bumps"] = level;
	if ( level < 3 )
		schedule 1 msec { bump() };
	}

event finish()
	{
	print "finish", level;
	terminate();
	}

event zeek_init()
	{
	local tag = "first";
	when [tag] ( level >= 2 )
		{
		print "level reached", level, tag;
		}
	timeout 5 sec
		{
		print "unexpected timeout";
		}

	when ( "bumps" in seen && seen["bumps"] == 3 )
		{
		print "three bumps seen";
		}

	when ( level > 100 )
		{
		print "never";
		}
	timeout 150 msec
		{
		print "timed out waiting for 100";
		}

	tag = "changed later";
	schedule 1 msec { bump() };
	schedule 400 msec { finish() };
	}
