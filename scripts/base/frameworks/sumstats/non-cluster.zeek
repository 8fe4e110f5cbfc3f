##! SumStats in a single process: thresholds are checked right after each
##! observation, and an epoch's results go to the SumStat's callbacks
##! from here.

@load ./main

module SumStats;

## How many keys' results one event hands to epoch_result; the rest
## follow in later events, so that a large epoch does not stall the
## process.
const epoch_result_batch = 50;

## The pause between those events.
const epoch_result_pause = 0.01 secs;

## Delivers the results of a finished epoch (a copy, made when it ended),
## a batch of keys at a time; epoch_finished follows the last batch.
global deliver_epoch: event(ss: SumStat, now: time, data: ResultTable);

event SumStats::deliver_epoch(ss: SumStat, now: time, data: ResultTable)
	{
	local batch: vector of Key = vector();
	for ( key in data )
		{
		if ( |batch| == epoch_result_batch )
			break;
		batch += key;
		}

	for ( _, key in batch )
		{
		ss$epoch_result(now, key, data[key]);
		delete data[key];
		}

	if ( |data| > 0 )
		schedule epoch_result_pause { SumStats::deliver_epoch(ss, now, data) };
	else if ( ss?$epoch_finished )
		ss$epoch_finished(now);
	}

# Ends the running epoch of ss: its results go to the callbacks (all at
# once while Zeek shuts down, in batches otherwise), counting starts
# afresh and the next epoch is timed. A SumStat without epoch_result has
# nothing to hand over and is left as it is (as in Zeek).
function end_epoch(ss: SumStat)
	{
	if ( ss$name !in epoch_results || ! ss?$epoch_result )
		return;

	local now = network_time();
	local data = epoch_results[ss$name];

	if ( zeek_is_terminating() )
		{
		for ( key, result in data )
			ss$epoch_result(now, key, result);
		if ( ss?$epoch_finished )
			ss$epoch_finished(now);
		}
	else if ( |data| == 0 )
		{
		if ( ss?$epoch_finished )
			ss$epoch_finished(now);
		}
	else
		event SumStats::deliver_epoch(ss, now, copy(data));

	start_epoch(ss);

	if ( ss$epoch != 0secs )
		schedule ss$epoch { SumStats::epoch_over(ss) };
	}

event SumStats::epoch_over(ss: SumStat)
	{
	# Once Zeek shuts down, the zeek_done handler below ends the epochs.
	if ( ! zeek_is_terminating() )
		end_epoch(ss);
	}

# The timed epochs still running end at shutdown, before the zeek_done
# handlers of ordinary priority.
event zeek_done() &priority=10
	{
	for ( _, ss in sumstats )
		if ( ss$epoch != 0secs )
			end_epoch(ss);
	}

function observed(ss: SumStat, key: Key, result: Result)
	{
	if ( threshold_reached(ss, key, result, 1.0) )
		note_crossing(ss, key, result);
	}

function request_key(ss_name: string, key: Key): Result
	{
	# Asynchronous only so that it is called as it is in a cluster.
	return when [ss_name, key] ( T )
		{
		if ( ss_name in epoch_results && key in epoch_results[ss_name] )
			return epoch_results[ss_name][key];
		return table();
		}
	}
