# Without a packet source nothing keeps Zeek running after zeek_init: it
# shuts down at once, expiring the timers still pending (a SumStat's
# epoch, an event that keeps rescheduling itself) once, with
# zeek_is_terminating() true. The epoch's results reach epoch_result from
# SumStats' zeek_done handler, which runs before the script's own.
@load base/frameworks/sumstats

global lines: vector of string;

event tick()
	{
	print "tick", zeek_is_terminating();
	schedule 1 min { tick() };
	}

event zeek_init()
	{
	local r = SumStats::Reducer($stream="conns", $apply=set(SumStats::SUM, SumStats::UNIQUE));
	SumStats::create([$name="per-host", $epoch=10 min, $reducers=set(r), $threshold=2.0,
		$threshold_val(key: SumStats::Key, result: SumStats::Result) =
			{ return result["conns"]$sum; },
		$threshold_crossed(key: SumStats::Key, result: SumStats::Result) =
			{ print "threshold crossed", key$host, result["conns"]$sum, zeek_is_terminating(); },
		$epoch_result(ts: time, key: SumStats::Key, result: SumStats::Result) =
			{
			lines += fmt("%s sum=%.1f unique=%d terminating=%s", key$host,
			             result["conns"]$sum, result["conns"]$unique, zeek_is_terminating());
			},
		$epoch_finished(ts: time) =
			{
			sort(lines, strcmp);
			for ( _, l in lines )
				print "epoch result", l;
			print "epoch finished", ts == network_time();
			}]);

	for ( _, s in vector("a", "b", "a") )
		SumStats::observe("conns", [$host=10.0.0.1], [$str=s]);
	SumStats::observe("conns", [$host=10.0.0.2], [$str="c"]);
	print "next_epoch on a timed SumStat", SumStats::next_epoch("per-host");
	schedule 1 min { tick() };
	}

event zeek_done()
	{
	print "zeek_done";
	}
