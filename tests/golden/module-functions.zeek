# A function defined inside a module is the module's own, even where a
# global function of the same name exists (Zeek looks for the name being
# defined in the current module only); an event handler inside a module
# still handles the global event.

function twice(s: string): string
	{
	return s + s;
	}

global ping: event(s: string);

module Shadow;

function twice(s: string): string
	{
	return "shadow " + s;
	}

event ping(s: string)
	{
	print "ping handled in Shadow", s;
	}

event zeek_init()
	{
	print twice("a"), GLOBAL::twice("a"), Shadow::twice("b");
	event ping("x");
	}
