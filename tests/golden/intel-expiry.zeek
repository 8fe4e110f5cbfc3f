# Intel::item_expiration: an indicator not inserted again within it is
# handed to Intel::item_expired; when every handler runs to the end it
# stays for another round, a break removes it (indicator_removed
# follows). Inserting again restarts the clock. Each indicator's time is
# up at least 150 msec apart from the others': keep.example at 0.3 s and
# again at 0.6 s, late.example (refreshed at 0.15 s) at 0.45 s, the
# address (added at 0.5 s) at 0.8 s.
@load base/frameworks/intel

redef exit_only_after_terminate = T;
redef table_expire_interval = 50 msec;
redef Intel::item_expiration = 300 msec;

global rounds: table[string] of count;
global removed = 0;

hook Intel::item_expired(indicator: string, indicator_type: Intel::Type, metas: set[Intel::MetaData])
	{
	if ( indicator !in rounds )
		rounds[indicator] = 0;
	++rounds[indicator];
	local srcs: vector of string = vector();
	for ( md in metas )
		srcs += md$source;
	sort(srcs, strcmp);
	print "expired", indicator, indicator_type, rounds[indicator], srcs;
	# "keep.example" gets a second round.
	if ( indicator != "keep.example" || rounds[indicator] > 1 )
		break;
	}

hook Intel::indicator_removed(indicator: string, indicator_type: Intel::Type)
	{
	print "removed", indicator, indicator_type;
	if ( ++removed == 3 )
		terminate();
	}

event refresh()
	{
	# Well before it expires: its time starts again.
	Intel::insert([$indicator="late.example", $indicator_type=Intel::DOMAIN, $meta=[$source="y"]]);
	print "refreshed";
	}

event add_host()
	{
	Intel::insert([$indicator="10.9.9.9", $indicator_type=Intel::ADDR, $meta=[$source="x"]]);
	}

event zeek_init()
	{
	Intel::insert([$indicator="Keep.Example", $indicator_type=Intel::DOMAIN, $meta=[$source="x"]]);
	Intel::insert([$indicator="keep.example", $indicator_type=Intel::DOMAIN, $meta=[$source="z"]]);
	Intel::insert([$indicator="late.example", $indicator_type=Intel::DOMAIN, $meta=[$source="x"]]);
	schedule 150 msec { refresh() };
	schedule 500 msec { add_host() };
	}
