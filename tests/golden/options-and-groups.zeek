# Options change at run time through Option::set, passing their new value
# through the change handlers (higher priority first, each one's result
# going to the next); event handlers in a disabled group don't run.
module Tuning;

export {
	option threshold: count = 10;
}

function double_it(id: string, v: count): count
	{
	print "double_it", id, v;
	return v * 2;
	}

function note(id: string, v: count, where: string): count
	{
	print "note", id, v, where;
	return v;
	}

event tick(n: count) &group="chatty"
	{
	print "chatty tick", n;
	}

event tick(n: count)
	{
	print "tick", n, threshold;
	}

module GLOBAL;

event zeek_init()
	{
	Option::set_change_handler("Tuning::threshold", Tuning::note);
	Option::set_change_handler("Tuning::threshold", Tuning::double_it, 5);
	print Option::set("Tuning::threshold", 21, "zeek_init");
	print Option::set("Tuning::threshold", "x");
	print Option::set("nope", 1);
	print has_event_group("chatty"), has_event_group("other"), has_module_events("Tuning");
	event Tuning::tick(1);
	}

# Written in GLOBAL: Tuning's module group does not hold this handler.
event Tuning::tick(n: count) &priority=-5
	{
	print "GLOBAL handler", n;
	if ( n == 1 )
		{
		print disable_event_group("chatty");
		event Tuning::tick(2);
		}
	else if ( n == 2 )
		{
		print enable_event_group("chatty"), disable_module_events("Tuning");
		event Tuning::tick(3);
		}
	}
