# Event groups (event-semantics.rst): &group attributes and module based
# groups; a handler runs only while all its groups are enabled; hooks too.

module Dbg;

global ping: event(n: count);
global check: hook(n: count);

event ping(n: count) &group="printing"
	{
	print "Dbg ping, group printing", n;
	}

event ping(n: count) &group="printing" &group="other"
	{
	print "Dbg ping, groups printing and other", n;
	}

event ping(n: count)
	{
	print "Dbg ping, module group only", n;
	}

hook check(n: count) &group="printing"
	{
	print "hook in group printing", n;
	}

module GLOBAL;

event Dbg::ping(n: count)
	{
	print "GLOBAL ping, no group", n;
	}

event zeek_init()
	{
	event Dbg::ping(1);
	hook Dbg::check(1);
	}

event Dbg::ping(n: count) &priority=-10
	{
	if ( n == 1 )
		{
		print "disable printing", disable_event_group("printing");
		hook Dbg::check(2);
		event Dbg::ping(2);
		}
	else if ( n == 2 )
		{
		print "enable printing, disable other",
		      enable_event_group("printing"), disable_event_group("other");
		event Dbg::ping(3);
		}
	else if ( n == 3 )
		{
		print "disable module Dbg", disable_module_events("Dbg");
		print "has groups", has_event_group("printing"), has_event_group("nope"),
		      has_module_events("Dbg");
		event Dbg::ping(4);
		}
	}
