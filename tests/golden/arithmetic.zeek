# Numeric types, promotion, wrap-around of count, and division.
event zeek_init()
	{
	local c = 3;
	local i = -4;
	local d = 2.5;
	print c + 4, c - 5, c * 2, 7 / 2, 7 % 3;
	print i + c, i * 2, -c, +c;
	print d * 2, c + d, 1 / 4.0;
	print 0xff, 1e3, .5;
	print c < 4, i <= -4, d > 3, c == 3.0, i != -4;
	print 5 & 3, 5 | 3, 5 ^ 3, 1 << 4, 256 >> 4, ~0;
	local x = 0;
	--x;
	print x;
	}
