# args: -r traces/ticks.pcap
# The built-in calculations on edge cases, and a whole result value as it
# prints: the fields the calculations add come in the order Zeek's
# plugins add them. ticks.pcap has a UDP packet at 0.0, 0.2, 0.4, 0.6
# and 1.0 s (from 1400000000); each packet is one observation.
@load base/frameworks/sumstats

global n = 0;

event zeek_init()
	{
	# A string counts 1.0; STD_DEV brings VARIANCE and AVERAGE along.
	local spread = SumStats::Reducer($stream="v", $apply=set(SumStats::STD_DEV, SumStats::MIN,
	                                  SumStats::MAX, SumStats::SUM));
	# UNIQUE may go one past unique_max; LAST keeps nothing by default;
	# SAMPLE holds num_samples of all it saw.
	local capped = SumStats::Reducer($stream="c", $apply=set(SumStats::UNIQUE, SumStats::LAST,
	                                  SumStats::SAMPLE), $unique_max=2, $num_samples=2);
	local var_only = SumStats::Reducer($stream="w", $apply=set(SumStats::VARIANCE));
	SumStats::create([$name="calcs", $epoch=0 secs, $reducers=set(spread, capped, var_only),
		$epoch_result(ts: time, key: SumStats::Key, result: SumStats::Result) =
			{
			print "v", result["v"];
			local c = result["c"];
			print "c", c$num, c$unique, |SumStats::get_last(c)|, |c$samples|, c$sample_elements;
			local w = result["w"];
			print "w", w$num, w?$average, fmt("%.4f", w$variance), w$std_dev;
			},
		$epoch_finished(ts: time) = { print "finished"; }]);
	}

event udp_request(u: connection)
	{
	++n;
	local k = SumStats::Key($str="k");
	SumStats::observe("v", k, n == 3 ? SumStats::Observation($str="x") :
	                          SumStats::Observation($dbl=n * 1.5));
	SumStats::observe("c", k, [$num=n]);
	SumStats::observe("w", k, [$num=n * n]);
	if ( n == 5 )
		SumStats::next_epoch("calcs");
	}
