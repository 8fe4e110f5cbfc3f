##! HLL_UNIQUE: how many distinct observations there were, estimated with
##! a HyperLogLog counter in bounded memory.

@load ../main

module SumStats;

export {
	redef record Reducer += {
		## The counter's error margin.
		hll_error_margin: double &default=0.01;

		## The confidence in that margin.
		hll_confidence: double &default=0.95;
	};

	redef enum Calculation += {
		## Estimate the number of distinct observations.
		HLL_UNIQUE
	};

	redef record ResultVal += {
		## The estimated number of distinct observations.
		hll_unique: count &default=0;
	};
}

redef record ResultVal += {
	# The counter (read it through hll_unique).
	card: opaque of cardinality &optional;

	# The reducer's parameters, for merging.
	hll_error_margin: double &optional;
	hll_confidence: double &optional;
};

hook register_observe_plugins()
	{
	register_observe_plugin(HLL_UNIQUE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$card )
			{
			rv$hll_error_margin = r$hll_error_margin;
			rv$hll_confidence = r$hll_confidence;
			rv$card = hll_cardinality_init(rv$hll_error_margin, rv$hll_confidence);
			}
		hll_cardinality_add(rv$card, obs);
		rv$hll_unique = hll_cardinality_estimate(rv$card) as count;
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	# The merged counter takes its parameters from whichever side has one.
	local model = rv1?$card ? rv1 : rv2;
	if ( ! model?$card )
		return;

	local merged = hll_cardinality_init(model$hll_error_margin, model$hll_confidence);
	for ( _, side in vector(rv1, rv2) )
		if ( side?$card )
			hll_cardinality_merge_into(merged, side$card);

	result$card = merged;
	result$hll_unique = hll_cardinality_estimate(merged) as count;
	}
