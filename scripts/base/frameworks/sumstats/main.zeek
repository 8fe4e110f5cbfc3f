##! Summary statistics: scripts feed observations into named streams,
##! reducers attached to those streams fold them into per-key results,
##! and each SumStat reports its results when an epoch ends or when a
##! threshold is reached.  The calculations themselves live in plugins/.

module SumStats;

export {
	## The calculations a reducer can apply; each plugin adds its own.
	type Calculation: enum {
		PLACEHOLDER
	};

	## What results are kept apart by: a string, a host, or both.
	type Key: record {
		## A free-form key, or a sub-key next to *host*.
		str:  string &optional;

		## The host the results are about.
		host: addr &optional;
	};

	## One data point.  Give exactly one of the fields.
	type Observation: record {
		## An integral value.
		num:  count  &optional;
		## A floating-point value.
		dbl:  double &optional;
		## A string; numeric calculations count it as 1.0.
		str:  string &optional;
	};

	## Folds the observations of one stream with a set of calculations.
	type Reducer: record {
		## The observation stream this reducer reads.
		stream:         string;

		## The calculations it performs.
		apply:          set[Calculation];

		## When given, only observations it accepts are counted.
		pred:           function(key: SumStats::Key, obs: SumStats::Observation): bool &optional;

		## When given, maps each key before results are looked up,
		## e.g. to fold many keys into one.
		normalize_key:  function(key: SumStats::Key): Key &optional;
	};

	## The state one reducer keeps for one key; plugins add fields.
	type ResultVal: record {
		## Network time of the first observation.
		begin:  time;

		## Network time of the latest observation.
		end:    time;

		## How many observations were counted.
		num:    count &default=0;
	};

	## The results for one key, by stream name.
	type Result: table[string] of ResultVal;

	## The results of a SumStat, by key.
	type ResultTable: table[Key] of Result;

	## A named summary: its reducers, how long an epoch lasts, and the
	## callbacks that receive results.
	type SumStat: record {
		## The name that identifies the SumStat.
		name:               string;

		## Length of an epoch; when it ends *epoch_result* sees every
		## key's result and the results start over.  Zero means epochs
		## only end when :zeek:see:`SumStats::next_epoch` is called.
		epoch:              interval;

		## The reducers whose results make up this SumStat.
		reducers:           set[Reducer];

		## Turns a key's result into the number thresholds are checked
		## against.  Needed with *threshold* or *threshold_series*.
		threshold_val:      function(key: SumStats::Key, result: SumStats::Result): double &optional;

		## A single threshold.
		threshold:          double            &optional;

		## Several thresholds, in ascending order; each one is only
		## considered after the one before it was crossed.
		threshold_series:   vector of double  &optional;

		## Called the first time in an epoch a key's value reaches the
		## (next) threshold.
		threshold_crossed:  function(key: SumStats::Key, result: SumStats::Result) &optional;

		## Called for every key when an epoch ends.
		epoch_result:       function(ts: time, key: SumStats::Key, result: SumStats::Result) &optional;

		## Called once an epoch's results have all been delivered, with
		## the time the epoch ended.
		epoch_finished:     function(ts:time) &optional;
	};

	## Registers a SumStat and starts its first epoch.
	##
	## ss: The SumStat.
	global create: function(ss: SumStats::SumStat);

	## Feeds a data point into a stream.
	##
	## id: The stream's name.
	##
	## key: What the data point is about.
	##
	## obs: The data point.
	global observe: function(id: string, key: SumStats::Key, obs: SumStats::Observation);

	## The current result for a key of a SumStat.  Asynchronous: call it
	## inside a ``when`` condition.
	##
	## ss_name: The SumStat's name.
	##
	## key: The key.
	##
	## Returns: The key's result, or an empty table.
	global request_key: function(ss_name: string, key: Key): Result;

	## Renders a key as a string.
	##
	## key: The key.
	##
	## Returns: The text, e.g. ``sumstats_key(host=1.2.3.4, str=x)``.
	global key2str: function(key: SumStats::Key): string;

	## Ends the epoch of a SumStat created with an epoch of zero.  The
	## results are delivered through the usual callbacks shortly after.
	##
	## ss_name: The SumStat's name.
	##
	## Returns: F when there is no such SumStat or it has timed epochs,
	##          else T.
	global next_epoch: function(ss_name: string): bool;
}

# What a calculation plugin provides: it updates *rv* with one value.
type ObserveFunc: function(r: Reducer, val: double, data: Observation, rv: ResultVal);

redef record Reducer += {
	# The SumStat this reducer belongs to (set by create()).
	ssname: string &optional;

	# The calculations to run, dependencies first (set by create()).
	calc_funcs: vector of Calculation &optional;
};

# How far each key of a SumStat has got through its thresholds: with a
# single threshold 0 or 1, with a series the index of the next one.
global threshold_tracker: table[string] of table[Key] of count;

function increment_threshold_tracker(ss_name: string, key: Key)
	{
	if ( ss_name !in threshold_tracker )
		threshold_tracker[ss_name] = table();

	local per_key = threshold_tracker[ss_name];
	per_key[key] = (key in per_key) ? per_key[key] + 1 : 1;
	}

function get_threshold_index(ss_name: string, key: Key): count
	{
	if ( ss_name in threshold_tracker && key in threshold_tracker[ss_name] )
		return threshold_tracker[ss_name][key];
	return 0;
	}

# Plugins set up their fields of a fresh result value here.
global init_resultval_hook: hook(r: Reducer, rv: ResultVal);

# Plugins combine their fields of two result values into a third here.
global compose_resultvals_hook: hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal);

# Every SumStat, by name.
global stats_store: table[string] of SumStat = table();

# The reducers reading each stream.
global reducer_store: table[string] of set[Reducer] = table();

# The current epoch's results of each SumStat.
global result_store: table[string] of ResultTable = table();

# Kept for scripts that refer to it.
global thresholds_store: table[string, Key] of bool = table();

# The function of each calculation.
global calc_store: table[Calculation] of ObserveFunc = table();

# The calculations each calculation needs to run before it.
global calc_deps: table[Calculation] of vector of Calculation = table();

# Plugins register their calculations from this hook.
global register_observe_plugins: hook();

# Called after a key's result changed; cluster and standalone operation
# each define it.
global data_added: function(ss: SumStat, key: Key, result: Result);

# Ends an epoch of a SumStat.
global finish_epoch: event(ss: SumStat);

function next_epoch(ss_name: string): bool
	{
	if ( ss_name !in stats_store || stats_store[ss_name]$epoch != 0secs )
		return F;

	event SumStats::finish_epoch(stats_store[ss_name]);
	return T;
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

function register_observe_plugin(calc: Calculation, func: ObserveFunc)
	{
	calc_store[calc] = func;
	}

function add_observe_plugin_dependency(calc: Calculation, depends_on: Calculation)
	{
	if ( calc in calc_deps )
		calc_deps[calc] += depends_on;
	else
		calc_deps[calc] = vector(depends_on);
	}

event zeek_init() &priority=100000
	{
	hook register_observe_plugins();
	}

function init_resultval(r: Reducer): ResultVal
	{
	local now = network_time();
	local rv = ResultVal($begin=now, $end=now);
	hook init_resultval_hook(r, rv);
	return rv;
	}

function compose_resultvals(rv1: ResultVal, rv2: ResultVal): ResultVal
	{
	local combined = ResultVal($begin=rv1$begin, $end=rv1$end, $num=rv1$num + rv2$num);
	if ( rv2$begin < combined$begin )
		combined$begin = rv2$begin;
	if ( rv2$end > combined$end )
		combined$end = rv2$end;

	hook compose_resultvals_hook(combined, rv1, rv2);
	return combined;
	}

function compose_results(r1: Result, r2: Result): Result &is_used
	{
	local combined: Result = table();

	for ( stream, rv in r1 )
		combined[stream] = (stream in r2) ? compose_resultvals(rv, r2[stream]) : rv;

	for ( stream, rv in r2 )
		if ( stream !in r1 )
			combined[stream] = rv;

	return combined;
	}

# Drops a SumStat's results and threshold progress for a new epoch.
function reset(ss: SumStat)
	{
	result_store[ss$name] = table();

	if ( ss$name in threshold_tracker )
		threshold_tracker[ss$name] = table();
	}

function calc_listed(calcs: vector of Calculation, c: Calculation): bool
	{
	for ( _, listed in calcs )
		if ( listed == c )
			return T;
	return F;
	}

# Appends the calculations *c* depends on (and theirs) to *calcs*.
function add_calc_deps(calcs: vector of Calculation, c: Calculation)
	{
	for ( _, dep in calc_deps[c] )
		{
		if ( calc_listed(calcs, dep) )
			next;

		if ( dep in calc_deps )
			add_calc_deps(calcs, dep);
		calcs += dep;
		}
	}

function create(ss: SumStat)
	{
	local has_threshold = ss?$threshold || ss?$threshold_series;

	if ( has_threshold && ! ss?$threshold_val )
		Reporter::error("SumStats given a threshold with no $threshold_val function");

	stats_store[ss$name] = ss;

	if ( has_threshold )
		threshold_tracker[ss$name] = table();

	for ( r in ss$reducers )
		{
		r$ssname = ss$name;
		r$calc_funcs = vector();

		for ( calc in r$apply )
			{
			if ( calc in calc_deps )
				add_calc_deps(r$calc_funcs, calc);

			if ( ! calc_listed(r$calc_funcs, calc) )
				r$calc_funcs += calc;
			}

		if ( r$stream in reducer_store )
			add reducer_store[r$stream][r];
		else
			reducer_store[r$stream] = set(r);
		}

	reset(ss);

	if ( ss$epoch != 0secs )
		schedule ss$epoch { SumStats::finish_epoch(ss) };
	}

# Whether counting more for *key* is pointless because nobody will see
# it: without an epoch_result callback, once the key has crossed its
# threshold; with a threshold series, once it has crossed all of them.
function thresholds_done(ss: SumStat, key: Key): bool
	{
	if ( ss$name !in threshold_tracker || key !in threshold_tracker[ss$name] )
		return F;

	local progress = threshold_tracker[ss$name][key];

	if ( ss?$threshold_series && progress == |ss$threshold_series| )
		return T;

	return ! ss?$epoch_result && ss?$threshold && progress != 0;
	}

function observe(id: string, orig_key: Key, obs: Observation)
	{
	if ( id !in reducer_store )
		return;

	# Numeric calculations see a count or double as is, a string as 1.0.
	local val = obs?$num ? (obs$num + 0.0) : (obs?$dbl ? obs$dbl : 1.0);

	for ( r in reducer_store[id] )
		{
		local key = orig_key;
		if ( r?$normalize_key )
			key = r$normalize_key(copy(orig_key));

		if ( r?$pred && ! r$pred(key, obs) )
			next;

		local ss = stats_store[r$ssname];
		if ( thresholds_done(ss, key) )
			next;

		if ( r$ssname !in result_store )
			result_store[r$ssname] = table();
		local results = result_store[r$ssname];

		if ( key !in results )
			results[key] = table();
		local result = results[key];

		if ( id !in result )
			result[id] = init_resultval(r);
		local rv = result[id];

		rv$num += 1;
		rv$end = network_time();

		for ( _, calc in r$calc_funcs )
			calc_store[calc](r, val, obs, rv);

		data_added(ss, key, result);
		}
	}

# Gives *result* an initial value for each reducer that has none yet, so
# callbacks can index it by any of the SumStat's streams.
function fill_missing_results(ss: SumStat, result: Result)
	{
	if ( |ss$reducers| == |result| )
		return;

	for ( r in ss$reducers )
		if ( r$stream !in result )
			result[r$stream] = init_resultval(r);
	}

# Whether *key*'s result has reached its next threshold.  A *modify_pct*
# between 0 and 1 scales the value up (a cluster node's partial view).
function check_thresholds(ss: SumStat, key: Key, result: Result, modify_pct: double): bool
	{
	if ( ! ss?$threshold && ! ss?$threshold_series && ! ss?$threshold_crossed )
		return F;

	fill_missing_results(ss, result);

	local value = ss$threshold_val(key, result);
	if ( 0.0 < modify_pct && modify_pct < 1.0 )
		value = value / modify_pct;

	local idx = get_threshold_index(ss$name, key);

	if ( ss?$threshold && idx == 0 && value >= ss$threshold )
		return T;

	if ( ss?$threshold_series && idx < |ss$threshold_series| &&
	     value >= ss$threshold_series[idx] )
		return T;

	return F;
	}

function threshold_crossed(ss: SumStat, key: Key, result: Result) &is_used
	{
	if ( ! ss?$threshold_crossed )
		return;

	increment_threshold_tracker(ss$name, key);
	fill_missing_results(ss, result);
	ss$threshold_crossed(key, result);
	}
