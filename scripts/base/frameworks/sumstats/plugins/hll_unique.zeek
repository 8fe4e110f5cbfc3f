##! HLL_UNIQUE: the number of distinct observations, estimated with a
##! HyperLogLog counter.

@load ../main

module SumStats;

export {
	redef record Reducer += {
		## Relative error the estimate may have (HLL_UNIQUE).
		hll_error_margin: double &default=0.01;

		## Probability that the estimate is within the error margin
		## (HLL_UNIQUE).
		hll_confidence: double &default=0.95;
	};

	redef enum Calculation += {
		## Estimated number of distinct observations.
		HLL_UNIQUE
	};

	redef record ResultVal += {
		## The estimated number of distinct observations (HLL_UNIQUE).
		hll_unique: count &default=0;
	};
}

redef record ResultVal += {
	# The counter; read it only through the hll_cardinality_* functions
	# (internal).
	card: opaque of cardinality &optional;

	# The reducer's parameters, for composing (internal).
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
	if ( ! rv1?$card && ! rv2?$card )
		return;

	# The combined counter takes the parameters of the first side that
	# has one.
	local first = rv1?$card ? rv1 : rv2;
	local merged = hll_cardinality_init(first$hll_error_margin, first$hll_confidence);

	if ( rv1?$card )
		hll_cardinality_merge_into(merged, rv1$card);
	if ( rv2?$card )
		hll_cardinality_merge_into(merged, rv2$card);

	result$card = merged;
	result$hll_unique = hll_cardinality_estimate(merged) as count;
	}
