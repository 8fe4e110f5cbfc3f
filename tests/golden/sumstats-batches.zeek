# An epoch's results go to epoch_result fifty keys per event, the next
# batch 0.01 s later; epoch_finished follows the last. Without a packet
# source the later batch comes as Zeek shuts down, when the timer that
# carries it expires. A manual epoch ends only by next_epoch, and never
# at shutdown.
@load base/frameworks/sumstats

global delivered: table[count] of count;
global batch = 0;

event zeek_init()
	{
	local r = SumStats::Reducer($stream="s", $apply=set(SumStats::SUM));
	SumStats::create([$name="many", $epoch=0 secs, $reducers=set(r),
		$epoch_result(ts: time, key: SumStats::Key, result: SumStats::Result) =
			{
			if ( zeek_is_terminating() )
				batch = 2;
			else
				batch = 1;
			if ( batch !in delivered )
				delivered[batch] = 0;
			++delivered[batch];
			},
		$epoch_finished(ts: time) =
			{
			print "finished", delivered[1], delivered[2];
			}]);
	local never = SumStats::Reducer($stream="s", $apply=set(SumStats::SUM));
	SumStats::create([$name="manual", $epoch=0 secs, $reducers=set(never),
		$epoch_result(ts: time, key: SumStats::Key, result: SumStats::Result) =
			{ print "manual epoch_result"; }]);

	local i = 0;
	while ( ++i <= 60 )
		SumStats::observe("s", [$str=cat(i)], [$num=i]);
	print SumStats::next_epoch("many");
	}

event zeek_done()
	{
	print "zeek_done";
	}
