##! SumStats in a single process: epochs end on a timer (or through
##! SumStats::next_epoch), and results go straight to the callbacks.

@load ./main

module SumStats;

# Hands an ended epoch's results to epoch_result a batch at a time, so a
# large table does not hold everything else up; then epoch_finished.
event SumStats::process_epoch_result(ss: SumStat, now: time, data: ResultTable)
	{
	local batch: vector of Key = vector();

	for ( key, res in data )
		{
		ss$epoch_result(now, key, res);
		batch += key;

		if ( |batch| == 50 )
			break;
		}

	for ( _, key in batch )
		delete data[key];

	if ( |data| == 0 )
		{
		if ( ss?$epoch_finished )
			ss$epoch_finished(now);
		}
	else
		schedule 0.01 secs { SumStats::process_epoch_result(ss, now, data) };
	}

function do_finish_epoch(ss: SumStat)
	{
	if ( ss$name !in result_store || ! ss?$epoch_result )
		return;

	local data = result_store[ss$name];
	local now = network_time();

	if ( zeek_is_terminating() )
		{
		# No more timers will run: deliver everything right away.
		for ( key, res in data )
			ss$epoch_result(now, key, res);

		if ( ss?$epoch_finished )
			ss$epoch_finished(now);
		}
	else if ( |data| > 0 )
		event SumStats::process_epoch_result(ss, now, copy(data));
	else if ( ss?$epoch_finished )
		ss$epoch_finished(now);

	reset(ss);

	if ( ss$epoch != 0secs )
		schedule ss$epoch { SumStats::finish_epoch(ss) };
	}

event SumStats::finish_epoch(ss: SumStat)
	{
	# At shutdown, the zeek_done handler below ends the epoch.
	if ( ! zeek_is_terminating() )
		do_finish_epoch(ss);
	}

# Timed SumStats deliver their last epoch at shutdown, a little before
# zeek_done handlers of default priority run.
event zeek_done() &priority=10
	{
	for ( _, ss in stats_store )
		if ( ss$epoch != 0secs )
			do_finish_epoch(ss);
	}

function data_added(ss: SumStat, key: Key, result: Result)
	{
	if ( check_thresholds(ss, key, result, 1.0) )
		threshold_crossed(ss, key, result);
	}

function request_key(ss_name: string, key: Key): Result
	{
	# Asynchronous only to match the cluster version's interface.
	return when [ss_name, key] ( T )
		{
		if ( ss_name in result_store && key in result_store[ss_name] )
			return result_store[ss_name][key];

		return table();
		}
	}
