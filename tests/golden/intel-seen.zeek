# Intel::insert, Intel::seen and Intel::match: addresses match their own
# entry and every subnet around them, strings match without regard to
# case (the items name the indicator as it was seen), a source inserting
# an indicator again replaces its metadata, and what is logged comes from
# the extend_match hook (breaking out of it keeps a match out of the log).
@load base/frameworks/intel

redef enum Intel::Where += { Test::IN_HERE };

function item_str(it: Intel::Item): string
	{
	return fmt("%s/%s/%s/%s", it$indicator, it$indicator_type, it$meta$source,
	           it$meta?$desc ? it$meta$desc : "-");
	}

event Intel::match(s: Intel::Seen, items: set[Intel::Item])
	{
	local l: vector of string = vector();
	for ( it in items )
		l += item_str(it);
	sort(l, strcmp);
	print "match", s$indicator, s$indicator_type, s$where, s$node, s?$host, l;
	}

event Intel::log_intel(rec: Intel::Info)
	{
	local srcs: vector of string = vector();
	for ( src in rec$sources )
		srcs += src;
	sort(srcs, strcmp);
	print "log", rec?$uid ? rec$uid : "-", rec$seen$indicator, |rec$matched|, srcs, rec$ts == network_time();
	}

hook Intel::seen_policy(s: Intel::Seen, found: bool)
	{
	print "seen_policy", s?$indicator ? s$indicator : cat(s$host), found;
	}

hook Intel::extend_match(info: Intel::Info, s: Intel::Seen, items: set[Intel::Item])
	{
	if ( s$where == Test::IN_HERE )
		break;
	}

hook Intel::indicator_inserted(indicator: string, t: Intel::Type)
	{
	print "inserted", indicator, t;
	}

event zeek_init()
	{
	Intel::insert([$indicator="192.168.0.1", $indicator_type=Intel::ADDR, $meta=[$source="a", $desc="host"]]);
	Intel::insert([$indicator="192.168.0.0/16", $indicator_type=Intel::SUBNET, $meta=[$source="b"]]);
	Intel::insert([$indicator="192.168.0.0/24", $indicator_type=Intel::SUBNET, $meta=[$source="c"]]);
	Intel::insert([$indicator="Evil.Example", $indicator_type=Intel::DOMAIN, $meta=[$source="a", $desc="first"]]);
	Intel::insert([$indicator="evil.example", $indicator_type=Intel::DOMAIN, $meta=[$source="a", $desc="second"]]);
	Intel::insert([$indicator="evil.example", $indicator_type=Intel::DOMAIN, $meta=[$source="b"]]);
	Intel::insert([$indicator="evil.example", $indicator_type=Intel::URL, $meta=[$source="u"]]);
	Intel::insert([$indicator="user@evil.example", $indicator_type=Intel::EMAIL, $meta=[$source="e"]]);

	Intel::seen([$host=192.168.0.1, $where=Intel::IN_ANYWHERE, $uid="Cabc"]);
	Intel::seen([$host=192.168.7.7, $where=Intel::IN_ANYWHERE, $node="elsewhere"]);
	Intel::seen([$host=10.0.0.1, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="EVIL.example", $indicator_type=Intel::DOMAIN, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="www.evil.example", $indicator_type=Intel::DOMAIN, $where=Intel::IN_ANYWHERE]);
	Intel::seen([$indicator="USER@evil.example", $indicator_type=Intel::EMAIL, $where=Test::IN_HERE]);
	}
