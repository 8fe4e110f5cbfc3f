# Operand types the operators refuse, in Zeek's words.
type color: enum { RED, GREEN };
type shade: enum { DARK, LIGHT };

event zeek_init()
	{
	local s = "a";
	local c = 1;
	local d = 1.5;
	local b = T;
	print s + c;
	print d % 2.0;
	print s * 2;
	print -s;
	print !c;
	print ~d;
	print b < F;
	print s && b;
	print c | s;
	print RED == DARK;
	print 1.2.3.4 + 1;
	print vector(1, 2) + 1;
	print |b|;
	}
