# When handlers run (event-semantics.rst and statements.rst: event,
# schedule): zeek_init handlers by &priority (higher first, then in the
# order written); an event raised in a handler is queued and runs after
# the current one finishes, in the order raised; a scheduled event runs
# after the queue drains; zeek_done runs last.

global ev: event(n: count);
global later: event(msg: string);

event ev(n: count) &priority=-5
	{
	print "ev low priority", n;
	}

event ev(n: count) &priority=5
	{
	print "ev high priority", n;
	}

event ev(n: count)
	{
	print "ev default priority", n;
	if ( n == 1 )
		event ev(3);
	}

event later(msg: string)
	{
	print "later", msg;
	}

event zeek_init() &priority=-10
	{
	print "zeek_init -10";
	}

event zeek_init()
	{
	print "zeek_init 0, first written";
	event ev(1);
	schedule 1 sec { later("scheduled") };
	event ev(2);
	print "zeek_init 0 raised ev(1) and ev(2)";
	}

event zeek_init() &priority=10
	{
	print "zeek_init 10";
	}

event zeek_init()
	{
	print "zeek_init 0, second written";
	}

event zeek_done()
	{
	print "zeek_done";
	}
