# With exit_only_after_terminate and no packet source the main loop runs
# until terminate(): each turn drains two rounds of events at a new
# network time, so a self-raising event sees time move every other call,
# and a scheduled timer fires as the clock passes it.
redef exit_only_after_terminate = T;

global calls = 0;
global times: set[time];
global prev: time;

event again()
	{
	++calls;
	local t = network_time();
	print calls, calls == 1 ? "first" : (t == prev ? "same turn" : "next turn");
	add times[t];
	prev = t;
	if ( calls < 6 )
		event again();
	}

event later()
	{
	print "timer fired", |times|, network_time() > prev;
	terminate();
	}

event zeek_init()
	{
	event again();
	schedule 20 msec { later() };
	}

event zeek_done()
	{
	print "done";
	}
