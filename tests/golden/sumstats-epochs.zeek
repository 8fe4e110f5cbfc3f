# args: -r traces/ticks.pcap
# SumStats epochs on timers against packet time, a threshold, a
# predicate and key normalization.  ticks.pcap has a UDP packet at 0.0,
# 0.2, 0.4, 0.6 and 1.0 s.  The first epoch timer, scheduled in zeek_init
# at network time 0, fires with the first packet; the last epoch is
# delivered at shutdown from zeek_done.
@load base/frameworks/sumstats

function rel(t: time): string
	{
	return fmt("%.1f", time_to_double(t) - 1400000000.0);
	}

event zeek_init()
	{
	local r = SumStats::Reducer($stream="pkt", $apply=set(SumStats::SUM),
		$pred(key: SumStats::Key, obs: SumStats::Observation) = { return obs$num < 100; },
		$normalize_key(key: SumStats::Key) = { return SumStats::Key($host=key$host); });
	SumStats::create([$name="pkts", $epoch=0.5secs, $reducers=set(r),
		$threshold=3.0,
		$threshold_val(key: SumStats::Key, result: SumStats::Result) = { return result["pkt"]$sum; },
		$threshold_crossed(key: SumStats::Key, result: SumStats::Result) =
			{ print "crossed", rel(network_time()), key, result["pkt"]$sum; },
		$epoch_result(ts: time, key: SumStats::Key, result: SumStats::Result) =
			{ print "result", rel(ts), key, result["pkt"]$sum, result["pkt"]$num; },
		$epoch_finished(ts: time) = { print "finished", rel(ts); }]);
	}

event udp_request(u: connection)
	{
	print "packet", rel(network_time());
	SumStats::observe("pkt", [$host=u$id$orig_h, $str="dropped by normalize_key"], [$num=1]);
	SumStats::observe("pkt", [$host=u$id$orig_h], [$num=500]);
	}

event zeek_done()
	{
	print "zeek_done";
	}
