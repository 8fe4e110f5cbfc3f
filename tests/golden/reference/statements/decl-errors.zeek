# Declarations (statements.rst: global, const, redef, local): a const
# without &redef cannot be redefined, a global declared twice is an error,
# a local declared twice in a function too; schedule and event need an
# event.

const fixed = 1;
redef fixed = 2;

global twice = 1;
global twice = 2;

function f(): count { return 1; }

event zeek_init()
	{
	local x = 1;
	local x = 2;
	event f();
	schedule 1 sec { f() };
	schedule "soon" { zeek_init() };
	}
