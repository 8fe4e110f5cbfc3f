# SumStats threshold series: each threshold is crossed once, in order;
# after the last one, a SumStat without epoch_result stops counting the
# key.  Also key2str and a count observation into MAX.
@load base/frameworks/sumstats

event zeek_init()
	{
	local r = SumStats::Reducer($stream="s", $apply=set(SumStats::SUM, SumStats::MAX));
	SumStats::create([$name="series", $epoch=0secs, $reducers=set(r),
		$threshold_series=vector(2.0, 5.0, 6.0),
		$threshold_val(key: SumStats::Key, result: SumStats::Result) = { return result["s"]$sum; },
		$threshold_crossed(key: SumStats::Key, result: SumStats::Result) =
			{ print "crossed", SumStats::key2str(key), result["s"]$sum, result["s"]$max, result["s"]$num; }]);

	for ( _, v in vector(1, 1, 4, 3, 9) )
		SumStats::observe("s", [$str="a"], [$num=v]);
	SumStats::observe("s", [$host=[2001:db8::1]], [$dbl=2.5]);
	print SumStats::key2str([]);
	}
