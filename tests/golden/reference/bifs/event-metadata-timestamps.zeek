# With EventMetadata::add_network_timestamp, each event carries the
# network time at which it was raised.

redef EventMetadata::add_network_timestamp = T;

event later(n: count)
	{
	print n, EventMetadata::current(EventMetadata::NETWORK_TIMESTAMP), EventMetadata::current_all();
	}

event zeek_init()
	{
	print EventMetadata::current(EventMetadata::NETWORK_TIMESTAMP);
	set_network_time(double_to_time(10.0));
	event later(1);
	set_network_time(double_to_time(20.0));
	event later(2);
	}
