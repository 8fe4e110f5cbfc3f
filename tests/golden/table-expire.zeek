# Table expiration: entries leave a table when not accessed within its
# interval, checked every table_expire_interval; an &expire_func sees each
# leaving entry and may keep it longer by returning an interval.
redef exit_only_after_terminate = T;
redef table_expire_interval = 50 msec;

global asked: set[string];

function keep_once(t: table[string] of count, k: string): interval
	{
	print "expire_func", k, t[k];
	if ( k == "slow" && k !in asked )
		{
		add asked[k];
		return 10 sec;
		}
	return 0 sec;
	}

global created: table[string] of count &create_expire=100 msec &expire_func=keep_once;
global read: table[string] of count &read_expire=300 msec;
global ticks = 0;

event tick()
	{
	++ticks;
	# Reading "kept" keeps it; "idle" is never read.
	if ( "kept" in read && read["kept"] == 1 && ticks < 15 )
		schedule 50 msec { tick() };
	}

event check()
	{
	print "created", |created|, "slow" in created;
	print "read", "kept" in read, "idle" in read;
	terminate();
	}

event zeek_init()
	{
	created["fast"] = 1;
	created["slow"] = 2;
	read["kept"] = 1;
	read["idle"] = 2;
	schedule 50 msec { tick() };
	schedule 600 msec { check() };
	}
