# Without a packet source network time is the clock's: 0 while scripts
# load, the time of start-up from the top-level statements on (when
# network_time_init is raised after zeek_init). Nothing keeps the run
# alive, so Zeek does not wait for the timer: it expires it as it shuts
# down (the event runs, zeek_is_terminating() is true) and network time
# stays at start-up.

global at_load = network_time();
global start: time;

global tick: event();

event tick()
	{
	print "tick", network_time() == start, zeek_is_terminating();
	}

event network_time_init()
	{
	print "network_time_init", network_time() == start;
	}

event zeek_init()
	{
	start = network_time();
	print "zeek_init", at_load == double_to_time(0.0), start > double_to_time(1600000000.0),
	      current_time() - start < 1 hr;
	schedule 5 sec { tick() };
	}

event zeek_done()
	{
	print "zeek_done", network_time() == start;
	}
