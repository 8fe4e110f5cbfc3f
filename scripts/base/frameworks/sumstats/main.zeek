##! Summary statistics ("SumStats"): scripts feed observations into named
##! streams; reducers attached to a stream keep a running summary of what
##! arrived, per key; a SumStat bundles reducers over an epoch, checks its
##! thresholds as observations arrive and hands every key's results to its
##! callbacks when the epoch ends, then starts afresh.
##!
##! The calculations themselves are plugins (see ``./plugins``): each
##! registers a function for its :zeek:type:`SumStats::Calculation` value
##! from a :zeek:id:`SumStats::register_observe_plugins` handler and adds
##! its fields to :zeek:type:`SumStats::ResultVal`.

module SumStats;

export {
	## The calculations a reducer can apply; the plugins add the values.
	type Calculation: enum {
		PLACEHOLDER
	};

	## What a summary is about: a host, a string, or both.
	type Key: record {
		## A string the summary is about (a user name, a Host header),
		## alone or refining *host*.
		str:  string &optional;

		## The address the summary is about.
		host: addr &optional;
	};

	## One data point. Give one of the fields: a number is used as it is,
	## a string counts as 1.0 for the numeric calculations.
	type Observation: record {
		## A count.
		num:  count  &optional;
		## A double.
		dbl:  double &optional;
		## A string.
		str:  string &optional;
	};

	## Which stream to summarize and how.
	type Reducer: record {
		## The name of the observation stream to read.
		stream:         string;

		## The calculations to keep up to date.
		apply:          set[Calculation];

		## Decides per key and observation whether to take it in.
		pred:           function(key: SumStats::Key, obs: SumStats::Observation): bool &optional;

		## Maps a key to the one it is counted under (to merge keys, or
		## drop parts of them).
		normalize_key:  function(key: SumStats::Key): Key &optional;
	};

	## The summary of one stream for one key; the plugins add fields.
	type ResultVal: record {
		## When the first observation arrived.
		begin:  time;

		## When the latest observation arrived.
		end:    time;

		## How many observations arrived.
		num:    count &default=0;
	};

	## The summaries of one key, by stream name.
	type Result: table[string] of ResultVal;

	## Results by key.
	type ResultTable: table[Key] of Result;

	## A summary statistic: reducers, the epoch they are summarized over,
	## and what to do with the summaries.
	##
	## The callbacks should use their arguments only, not other global
	## state: in a cluster they run elsewhere than the observations.
	type SumStat: record {
		## A name, unique among SumStats.
		name:               string;

		## How long an epoch lasts. When it ends, *epoch_result* gets
		## every key's results and counting starts from scratch (so a
		## threshold must be reachable within one epoch). ``0 secs`` means
		## the epochs are ended by hand, with :zeek:see:`SumStats::next_epoch`.
		epoch:              interval;

		## The reducers summarized.
		reducers:           set[Reducer];

		## Computes, after each observation, the value compared with
		## the thresholds; required with *threshold* or *threshold_series*.
		threshold_val:      function(key: SumStats::Key, result: SumStats::Result): double &optional;

		## A single threshold for *threshold_crossed*.
		threshold:          double            &optional;

		## Several thresholds, in ascending order: each is checked only
		## once the one before it was crossed.
		threshold_series:   vector of double  &optional;

		## Called when *threshold_val* reaches a threshold (is greater than
		## or equal to it), once per threshold and key within an epoch.
		threshold_crossed:  function(key: SumStats::Key, result: SumStats::Result) &optional;

		## Called at the end of an epoch, once for each key.
		epoch_result:       function(ts: time, key: SumStats::Key, result: SumStats::Result) &optional;

		## Called after the last *epoch_result* of an epoch.
		epoch_finished:     function(ts:time) &optional;
	};

	## Starts summarizing.
	##
	## ss: The SumStat.
	global create: function(ss: SumStats::SumStat);

	## Feeds one data point into a stream.
	##
	## id: The stream's name.
	##
	## key: What the data point is about.
	##
	## obs: The data point.
	global observe: function(id: string, key: SumStats::Key, obs: SumStats::Observation);

	## The results gathered so far for one key, for use in ``when``
	## conditions only (the answer may have to come from other nodes).
	## Prefer the callbacks of :zeek:type:`SumStats::SumStat`.
	##
	## ss_name: The SumStat's name.
	##
	## key: The key.
	##
	## Returns: Its results, empty if there are none.
	global request_key: function(ss_name: string, key: Key): Result;

	## A key as a short string, ``sumstats_key(host=..., str=...)``.
	##
	## key: The key.
	##
	## Returns: The string.
	global key2str: function(key: SumStats::Key): string;

	## Ends the epoch of a SumStat created with a zero epoch. The end is
	## queued, as an event, and does not happen at once. In a cluster, call
	## it on the manager.
	##
	## ss_name: The SumStat's name.
	##
	## Returns: F if there is no such SumStat or its epochs are timed.
	global next_epoch: function(ss_name: string): bool;
}

## What a plugin registers for its calculation: update *rv* with one
## observation (*val* is its numeric value).
type ObserveFunc: function(r: Reducer, val: double, data: Observation, rv: ResultVal);

## Plugins register their calculations from handlers of this hook
## (run at the very start of zeek_init).
global register_observe_plugins: hook();

## Run on each new result value, for plugins to set up their fields.
global init_resultval_hook: hook(r: Reducer, rv: ResultVal);

## Run when two result values are merged into *result*, for plugins to
## merge their fields.
global compose_resultvals_hook: hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal);

## Ends an epoch (raised by the epoch's timer or by next_epoch).
global epoch_over: event(ss: SumStat);

## After each observation: checks the thresholds (the cluster and
## stand-alone scripts each define it).
global observed: function(ss: SumStat, key: Key, result: Result);

# Calculation plugins: what each calculation runs, and which
# calculations must run before it.
global calculations: table[Calculation] of ObserveFunc = table();
global prerequisites: table[Calculation] of vector of Calculation = table();

# A reducer as it is attached to its stream: the SumStat it belongs to and
# the calculations to run, dependencies first.
type Attachment: record {
	ss: SumStat;
	r: Reducer;
	plan: vector of Calculation;
};

# SumStats by name, the attachments of each stream, and per SumStat the
# results of the running epoch.
global sumstats: table[string] of SumStat = table();
global attachments: table[string] of vector of Attachment = table();
global epoch_results: table[string] of ResultTable = table();

# Per SumStat with thresholds, per key: how many thresholds were crossed
# this epoch (0 or 1 for a single threshold, the position reached in a
# series).
global crossings: table[string] of table[Key] of count = table();

function register_observe_plugin(calc: Calculation, func: ObserveFunc)
	{
	calculations[calc] = func;
	}

function add_observe_plugin_dependency(calc: Calculation, depends_on: Calculation)
	{
	if ( calc in prerequisites )
		prerequisites[calc] += depends_on;
	else
		prerequisites[calc] = vector(depends_on);
	}

event zeek_init() &priority=100000
	{
	hook register_observe_plugins();
	}

function key2str(key: Key): string
	{
	local parts: vector of string = vector();
	if ( key?$host )
		parts += fmt("host=%s", key$host);
	if ( key?$str )
		parts += fmt("str=%s", key$str);
	return fmt("sumstats_key(%s)", join_string_vec(parts, ", "));
	}

function next_epoch(ss_name: string): bool
	{
	if ( ss_name !in sumstats || sumstats[ss_name]$epoch != 0secs )
		return F;
	event SumStats::epoch_over(sumstats[ss_name]);
	return T;
	}

# A fresh summary for reducer r, begun now.
function new_resultval(r: Reducer): ResultVal
	{
	local now = network_time();
	local rv = ResultVal($begin=now, $end=now);
	hook init_resultval_hook(r, rv);
	return rv;
	}

# Two summaries of the same stream merged into a new one.
function merge_resultvals(rv1: ResultVal, rv2: ResultVal): ResultVal
	{
	local merged = ResultVal($begin=rv1$begin < rv2$begin ? rv1$begin : rv2$begin,
	                         $end=rv1$end > rv2$end ? rv1$end : rv2$end,
	                         $num=rv1$num + rv2$num);
	hook compose_resultvals_hook(merged, rv1, rv2);
	return merged;
	}

# Two results merged stream by stream.
function merge_results(r1: Result, r2: Result): Result &is_used
	{
	local merged: Result = copy(r1);
	for ( stream, rv in r2 )
		merged[stream] = stream in merged ? merge_resultvals(merged[stream], rv) : rv;
	return merged;
	}

# Forgets the results of a SumStat's epoch and the thresholds crossed.
function start_epoch(ss: SumStat)
	{
	epoch_results[ss$name] = table();
	if ( ss$name in crossings )
		crossings[ss$name] = table();
	}

# Appends calculation c to plan after what it depends on, each once.
function plan_calc(c: Calculation, plan: vector of Calculation, planned: set[Calculation])
	{
	if ( c in planned )
		return;
	add planned[c];
	if ( c in prerequisites )
		for ( _, dep in prerequisites[c] )
			plan_calc(dep, plan, planned);
	plan += c;
	}

function create(ss: SumStat)
	{
	local thresholds = ss?$threshold || ss?$threshold_series;
	if ( thresholds && ! ss?$threshold_val )
		Reporter::error("SumStats given a threshold with no $threshold_val function");

	sumstats[ss$name] = ss;
	if ( thresholds )
		crossings[ss$name] = table();

	for ( r in ss$reducers )
		{
		local plan: vector of Calculation = vector();
		local planned: set[Calculation] = set();
		for ( c in r$apply )
			plan_calc(c, plan, planned);

		local att = Attachment($ss=ss, $r=r, $plan=plan);
		if ( r$stream in attachments )
			attachments[r$stream] += att;
		else
			attachments[r$stream] = vector(att);
		}

	start_epoch(ss);
	if ( ss$epoch != 0secs )
		schedule ss$epoch { SumStats::epoch_over(ss) };
	}

# How many thresholds the key crossed this epoch.
function thresholds_crossed(ss_name: string, key: Key): count
	{
	if ( ss_name in crossings && key in crossings[ss_name] )
		return crossings[ss_name][key];
	return 0;
	}

# Whether a key's observations are no longer needed: its thresholds are
# used up. For a single threshold that holds only when no epoch_result
# reads the results; past the end of a series it always does (as Zeek
# has it).
function done_with_key(ss: SumStat, key: Key): bool
	{
	if ( ss$name !in crossings )
		return F;
	local crossed = thresholds_crossed(ss$name, key);
	if ( ! ss?$epoch_result && ss?$threshold && crossed > 0 )
		return T;
	return ss?$threshold_series && key in crossings[ss$name] &&
	       crossed == |ss$threshold_series|;
	}

# Gives a result an entry for each reducer of the SumStat, so that the
# threshold callbacks can read every stream.
function fill_result(ss: SumStat, result: Result)
	{
	if ( |result| == |ss$reducers| )
		return;
	for ( r in ss$reducers )
		if ( r$stream !in result )
			result[r$stream] = new_resultval(r);
	}

function observe(id: string, orig_key: Key, obs: Observation)
	{
	if ( id !in attachments )
		return;

	# A string alone counts as one.
	local val = obs?$num ? obs$num + 0.0 : (obs?$dbl ? obs$dbl : 1.0);

	for ( _, att in attachments[id] )
		{
		local r = att$r;
		local ss = att$ss;
		local key = r?$normalize_key ? r$normalize_key(copy(orig_key)) : orig_key;

		if ( r?$pred && ! r$pred(key, obs) )
			next;
		if ( done_with_key(ss, key) )
			next;

		if ( ss$name !in epoch_results )
			epoch_results[ss$name] = table();
		local by_key = epoch_results[ss$name];
		if ( key !in by_key )
			by_key[key] = table();
		local result = by_key[key];
		if ( id !in result )
			result[id] = new_resultval(r);

		local rv = result[id];
		rv$num += 1;
		rv$end = network_time();
		for ( _, c in att$plan )
			calculations[c](r, val, obs, rv);

		observed(ss, key, result);
		}
	}

# Whether the key reached its next threshold with this result; a value
# only the share modify_pct of the whole (a cluster node's part) is
# scaled up first.
function threshold_reached(ss: SumStat, key: Key, result: Result, modify_pct: double): bool
	{
	if ( ! (ss?$threshold || ss?$threshold_series || ss?$threshold_crossed) )
		return F;

	fill_result(ss, result);
	local value = ss$threshold_val(key, result);
	if ( 0.0 < modify_pct && modify_pct < 1.0 )
		value = value / modify_pct;

	local crossed = thresholds_crossed(ss$name, key);
	if ( ss?$threshold && crossed == 0 && value >= ss$threshold )
		return T;
	return ss?$threshold_series && crossed < |ss$threshold_series| &&
	       value >= ss$threshold_series[crossed];
	}

# Counts the crossing and tells the SumStat's callback.
function note_crossing(ss: SumStat, key: Key, result: Result) &is_used
	{
	if ( ! ss?$threshold_crossed )
		return;

	if ( ss$name !in crossings )
		crossings[ss$name] = table();
	crossings[ss$name][key] = thresholds_crossed(ss$name, key) + 1;

	fill_result(ss, result);
	ss$threshold_crossed(key, result);
	}
