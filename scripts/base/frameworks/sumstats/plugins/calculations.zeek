##! The built-in SumStats calculations, in one table: for each
##! :zeek:type:`SumStats::Calculation` the function that takes an
##! observation into a :zeek:type:`SumStats::ResultVal`, the calculations
##! it needs to run first, and how two result values of it merge. The
##! per-calculation scripts next to this one (``./sum``, ``./variance``,
##! ...) load it.
##!
##! Calculations elsewhere (in packages) register themselves the same
##! way, through :zeek:id:`SumStats::register_observe_plugin`.

@load ../main
@load base/utils/queue

module SumStats;

export {
	redef enum Calculation += {
		## The mean of the values.
		AVERAGE,
		## An estimate of the number of distinct observations
		## (HyperLogLog, in bounded memory).
		HLL_UNIQUE,
		## The latest observations.
		LAST,
		## The largest value.
		MAX,
		## The smallest value.
		MIN,
		## A uniformly random sample of the observations.
		SAMPLE,
		## The sample variance of the values (brings AVERAGE along).
		VARIANCE,
		## The standard deviation of the values (brings VARIANCE along).
		STD_DEV,
		## The total of the values; each string counts one.
		SUM,
		## The most frequent observations (Space-Saving, Metwally et
		## al. 2005).
		TOPK,
		## The exact number of distinct observations.
		UNIQUE
	};

	redef record Reducer += {
		## HLL_UNIQUE: the estimate's error margin.
		hll_error_margin: double &default=0.01;
		## HLL_UNIQUE: the confidence in that margin.
		hll_confidence: double &default=0.95;
		## LAST: how many of the latest observations to keep.
		num_last_elements: count &default=0;
		## SAMPLE: how many observations the sample holds.
		num_samples: count &default=0;
		## TOPK: how many distinct observations the list tracks.
		topk_size: count &default=500;
		## UNIQUE: stop remembering distinct observations past this
		## many (the count may go one beyond it, as in Zeek).
		unique_max: count &optional;
	};

	# The fields are in the order Zeek's plugins add them (so that a
	# result prints as it does there); those without a ``##`` are the
	# calculations' own state.
	redef record ResultVal += {
		## AVERAGE: the mean, once there is a value.
		average: double &optional;

		## HLL_UNIQUE: the estimated number of distinct observations.
		hll_unique: count &default=0;
		card: opaque of cardinality &optional;
		hll_error_margin: double &optional;
		hll_confidence: double &optional;

		## LAST: the kept observations; read them with
		## :zeek:see:`SumStats::get_last`.
		last_elements: Queue::Queue &optional;

		## MAX: the largest value, once there is one.
		max: double &optional;

		## MIN: the smallest value, once there is one.
		min: double &optional;

		## SAMPLE: the sample.
		samples: vector of Observation &default=vector();
		## SAMPLE: how many observations it was drawn from.
		sample_elements: count &default=0;
		num_samples: count &default=0;

		## VARIANCE: the sample variance (0.0 for a single value).
		variance: double &optional;
		prev_avg: double &optional;
		var_s: double &default=0.0;

		## STD_DEV: the standard deviation.
		std_dev: double &default=0.0;

		## SUM: the total.
		sum: double &default=0.0;

		## TOPK: the list; read it with topk_get_top, topk_count and
		## the other top-k built-ins.
		topk: opaque of topk &optional;

		## UNIQUE: how many distinct observations there were.
		unique: count &default=0;
		unique_max: count &optional;
		unique_vals: set[Observation] &optional;
	};

	## The observations LAST kept, oldest first.
	global get_last: function(rv: ResultVal): vector of Observation;
}

function get_last(rv: ResultVal): vector of Observation
	{
	local kept: vector of Observation = vector();
	if ( ! rv?$last_elements )
		return kept;

	local items: vector of any = vector();
	Queue::get_vector(rv$last_elements, items);
	for ( _, item in items )
		kept += item as Observation;
	return kept;
	}

# Welford's method: var_s is the sum of squared distances from the mean,
# grown by the product of the new value's distances to the old and the
# new mean (AVERAGE has already moved the mean).
function refresh_spread(rv: ResultVal)
	{
	rv$variance = rv$num < 2 ? 0.0 : rv$var_s / (rv$num - 1);
	rv$std_dev = sqrt(rv$variance);
	}

# Reservoir sampling: the first num_samples observations are kept, each
# later one replaces a random kept one with the chance that leaves every
# observation equally likely to be in the sample.
function offer_sample(rv: ResultVal, obs: Observation)
	{
	rv$sample_elements += 1;
	if ( |rv$samples| < rv$num_samples )
		rv$samples += obs;
	else
		{
		local slot = rand(rv$sample_elements);
		if ( slot < rv$num_samples )
			rv$samples[slot] = obs;
		}
	}

const builtin_calculations: table[Calculation] of ObserveFunc = {
	[SUM] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		rv$sum = rv$sum + val;
		},
	[AVERAGE] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		local mean = rv?$average ? rv$average : val;
		rv$average = mean + (val - mean) / rv$num;
		},
	[MIN] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$min || val < rv$min )
			rv$min = val;
		},
	[MAX] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$max || val > rv$max )
			rv$max = val;
		},
	[VARIANCE] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( rv$num >= 2 )
			rv$var_s = rv$var_s + (val - rv$prev_avg) * (val - rv$average);
		rv$prev_avg = rv$average;
		rv$variance = rv$num < 2 ? 0.0 : rv$var_s / (rv$num - 1);
		},
	[STD_DEV] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( rv?$variance )
			rv$std_dev = sqrt(rv$variance);
		},
	[UNIQUE] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$unique_vals )
			rv$unique_vals = set();
		if ( r?$unique_max )
			rv$unique_max = r$unique_max;
		if ( r?$unique_max && |rv$unique_vals| > r$unique_max )
			return;
		add rv$unique_vals[obs];
		rv$unique = |rv$unique_vals|;
		},
	[HLL_UNIQUE] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$card )
			{
			rv$hll_error_margin = r$hll_error_margin;
			rv$hll_confidence = r$hll_confidence;
			rv$card = hll_cardinality_init(rv$hll_error_margin, rv$hll_confidence);
			}
		hll_cardinality_add(rv$card, obs);
		rv$hll_unique = hll_cardinality_estimate(rv$card) as count;
		},
	[TOPK] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		topk_add(rv$topk, obs);
		},
	[SAMPLE] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		offer_sample(rv, obs);
		},
	[LAST] = function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( r$num_last_elements == 0 )
			return;
		if ( ! rv?$last_elements )
			rv$last_elements = Queue::init([$max_len=r$num_last_elements]);
		Queue::put(rv$last_elements, obs);
		},
};

hook register_observe_plugins()
	{
	for ( calc, fn in builtin_calculations )
		register_observe_plugin(calc, fn);
	add_observe_plugin_dependency(VARIANCE, AVERAGE);
	add_observe_plugin_dependency(STD_DEV, VARIANCE);
	}

# What some calculations need in place before the first observation.
hook init_resultval_hook(r: Reducer, rv: ResultVal)
	{
	if ( TOPK in r$apply && ! rv?$topk )
		rv$topk = topk_init(r$topk_size);
	if ( SAMPLE in r$apply )
		rv$num_samples = r$num_samples;
	}

# The larger (or the smaller) of two values.
function pick(a: double, b: double, larger: bool): double
	{
	return ( larger ? a > b : a < b ) ? a : b;
	}

# Two samples merged: when both still hold everything they saw, all of
# it is offered again; otherwise the sample of the side that saw more is
# the start, and each slot goes to the other side's observation with the
# share of the observations that side saw.
function merge_samples(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( rv1$num_samples != rv2$num_samples )
		{
		Reporter::error("Merging sample sets with differing sizes is not supported");
		return;
		}
	result$num_samples = rv1$num_samples;

	if ( |rv1$samples| == rv1$sample_elements && |rv2$samples| == rv2$sample_elements )
		{
		for ( _, obs in rv1$samples )
			offer_sample(result, obs);
		for ( _, obs in rv2$samples )
			offer_sample(result, obs);
		return;
		}

	local first_bigger = rv1$sample_elements >= rv2$sample_elements;
	local big = first_bigger ? rv1 : rv2;
	local small = first_bigger ? rv2 : rv1;
	local total = rv1$sample_elements + rv2$sample_elements;

	result$samples = copy(big$samples);
	result$sample_elements = total;
	for ( i, obs in small$samples )
		if ( i < |result$samples| && rand(total) < small$sample_elements )
			result$samples[i] = obs;
	}

# Merges the built-in calculations' fields of rv1 and rv2 into result
# (whose begin, end and num are merged already).
function merge_builtins(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	result$sum = rv1$sum + rv2$sum;

	if ( rv1?$min && rv2?$min )
		result$min = pick(rv1$min, rv2$min, F);
	else if ( rv1?$min || rv2?$min )
		result$min = rv1?$min ? rv1$min : rv2$min;

	if ( rv1?$max && rv2?$max )
		result$max = pick(rv1$max, rv2$max, T);
	else if ( rv1?$max || rv2?$max )
		result$max = rv1?$max ? rv1$max : rv2$max;

	# The means weighted by their counts; the squared distances each side
	# kept about its own mean, moved to the merged mean.
	if ( rv1?$average && rv2?$average )
		{
		result$average = (rv1$average * rv1$num + rv2$average * rv2$num) / (rv1$num + rv2$num);
		local d1 = rv1$average - result$average;
		local d2 = rv2$average - result$average;
		result$var_s = rv1$var_s + rv1$num * d1 * d1 + rv2$var_s + rv2$num * d2 * d2;
		}
	else if ( rv1?$average || rv2?$average )
		{
		local one = rv1?$average ? rv1 : rv2;
		result$average = one$average;
		result$var_s = one$var_s;
		}
	if ( rv1?$variance || rv2?$variance )
		{
		result$prev_avg = result$average;
		refresh_spread(result);
		}

	if ( rv1?$unique_vals || rv2?$unique_vals )
		{
		if ( rv1?$unique_max || rv2?$unique_max )
			result$unique_max = rv1?$unique_max ? rv1$unique_max : rv2$unique_max;
		local distinct: set[Observation] = rv1?$unique_vals ? copy(rv1$unique_vals) : set();
		if ( rv2?$unique_vals )
			for ( obs in rv2$unique_vals )
				{
				if ( result?$unique_max && |distinct| >= result$unique_max )
					break;
				add distinct[copy(obs)];
				}
		result$unique_vals = distinct;
		result$unique = |distinct|;
		}

	if ( rv1?$card || rv2?$card )
		{
		local hll_model = rv1?$card ? rv1 : rv2;
		local merged_card = hll_cardinality_init(hll_model$hll_error_margin, hll_model$hll_confidence);
		for ( _, side in vector(rv1, rv2) )
			if ( side?$card )
				hll_cardinality_merge_into(merged_card, side$card);
		result$card = merged_card;
		result$hll_error_margin = hll_model$hll_error_margin;
		result$hll_confidence = hll_model$hll_confidence;
		result$hll_unique = hll_cardinality_estimate(merged_card) as count;
		}

	if ( rv1?$topk || rv2?$topk )
		{
		local topk_model = rv1?$topk ? rv1 : rv2;
		result$topk = topk_init(topk_size(topk_model$topk));
		for ( _, side in vector(rv1, rv2) )
			if ( side?$topk )
				topk_merge(result$topk, side$topk);
		}

	if ( rv1?$last_elements && rv2?$last_elements )
		result$last_elements = Queue::merge(rv1$last_elements, rv2$last_elements);
	else if ( rv1?$last_elements || rv2?$last_elements )
		result$last_elements = rv1?$last_elements ? rv1$last_elements : rv2$last_elements;

	merge_samples(result, rv1, rv2);
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	merge_builtins(result, rv1, rv2);
	}
