# A call's arguments are checked against the parameters' types as an
# assignment would be: a count may widen to an int or a double, nothing
# narrows, and a value of another kind is refused. The first argument that
# does not fit stops the check; the type, the argument and the call are named.
type Point: record { x: count; y: count; };

function scale(n: count, p: Point): count { return n * p$x; }
function names(s: set[string]): count { return |s|; }
function widen(d: double, i: int): double { return d + i; }

global moved: event(n: count);

global pairs: set[string, string];

event zeek_init()
	{
	print widen(3, 4);
	scale("three", [$x=1, $y=2]);
	scale(2, 3);
	scale(2.5, [$x=1, $y=2]);
	names(pairs);
	event moved("far");
	schedule 1sec { moved(-1) };
	}
