# Every SumStats reducer plugin on known inputs, with a manual epoch
# ended by SumStats::next_epoch.
@load base/frameworks/sumstats

event zeek_init()
	{
	local nums = SumStats::Reducer($stream="nums", $apply=set(SumStats::SUM, SumStats::AVERAGE,
	                 SumStats::MIN, SumStats::MAX, SumStats::STD_DEV, SumStats::UNIQUE,
	                 SumStats::LAST), $num_last_elements=2);
	local strs = SumStats::Reducer($stream="strs", $apply=set(SumStats::UNIQUE,
	                 SumStats::HLL_UNIQUE, SumStats::TOPK, SumStats::SAMPLE),
	                 $num_samples=10, $topk_size=5);
	SumStats::create([$name="test", $epoch=0secs, $reducers=set(nums, strs),
		$epoch_result(ts: time, key: SumStats::Key, result: SumStats::Result) =
			{
			print SumStats::key2str(key), |result|;
			local n = result["nums"];
			print fmt("num=%d sum=%.1f avg=%.1f min=%.1f max=%.1f var=%.4f sd=%.6f unique=%d",
			          n$num, n$sum, n$average, n$min, n$max, n$variance, n$std_dev, n$unique);
			print SumStats::get_last(n);
			local s = result["strs"];
			print fmt("num=%d unique=%d hll=%d samples=%d of %d", s$num, s$unique,
			          s$hll_unique, |s$samples|, s$sample_elements);
			print topk_get_top(s$topk, 2), topk_count(s$topk, SumStats::Observation($str="b"));
			},
		$epoch_finished(ts: time) = { print "epoch finished"; }]);

	local key = SumStats::Key($host=10.0.0.1, $str="k");
	for ( _, v in vector(1, 2, 3, 4, 10) )
		SumStats::observe("nums", key, [$num=v]);
	for ( _, s in vector("a", "b", "a", "c", "b", "b") )
		SumStats::observe("strs", key, [$str=s]);
	SumStats::observe("other", key, [$num=1]);
	print SumStats::next_epoch("test"), SumStats::next_epoch("nosuch");
	}
