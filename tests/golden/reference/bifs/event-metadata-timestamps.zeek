# With EventMetadata::add_network_timestamp, each event carries the
# network time at which it was raised.

redef EventMetadata::add_network_timestamp = T;

event later(n: count)
	{
	print n, EventMetadata::current(EventMetadata::NETWORK_TIMESTAMP), EventMetadata::current_all();
	}

event zeek_init()
	{
	# Without a trace network time is the clock's from start-up on, and
	# zeek_init was raised at it.
	local stamps = EventMetadata::current(EventMetadata::NETWORK_TIMESTAMP);
	print |stamps|, stamps[0] as time == network_time(), network_time() > double_to_time(0.0);
	set_network_time(double_to_time(10.0));
	event later(1);
	set_network_time(double_to_time(20.0));
	event later(2);
	}
