# Declaration checks and parameter defaults.
global lookup: table[string] of count &default=0;
global f: function(a: string, b: string);
function f(a: string &default="x", b: string &default="y") { print "f", a, b; }

global e: event(a: string &default="declared");
event e(a: string &default="ignored") { print "e", a; }

global t: table[count] of string = { [1] = "one", [2] = "two" };

event zeek_init()
	{
	f();
	event e();
	print lookup["missing"];
	for ( k in t )
		{
		t[3] = "three";
		break;
		}
	schedule 1 sec { e("later") };
	}
