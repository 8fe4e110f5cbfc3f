# Time built-ins.
event zeek_init()
	{
	local t = double_to_time(1700000000.5);
	print t, time_to_double(t);
	print interval_to_double(90sec);
	print double_to_interval(3600.0), 2min + 30sec, 1day / 24;
	}
