##! TOPK: the most frequent observations, kept in a top-k counter.

@load ../main

module SumStats;

export {
	redef record Reducer += {
		## How many distinct values the counter tracks (TOPK).
		topk_size: count &default=500;
	};

	redef enum Calculation += {
		## Most frequent observations; read them with the topk_*
		## functions.
		TOPK
	};

	redef record ResultVal += {
		## The counter (TOPK).
		topk: opaque of topk &optional;
	};
}

hook register_observe_plugins()
	{
	register_observe_plugin(TOPK, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{ topk_add(rv$topk, obs); });
	}

hook init_resultval_hook(r: Reducer, rv: ResultVal)
	{
	if ( TOPK in r$apply && ! rv?$topk )
		rv$topk = topk_init(r$topk_size);
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( ! rv1?$topk && ! rv2?$topk )
		return;

	local size = rv1?$topk ? topk_size(rv1$topk) : topk_size(rv2$topk);
	result$topk = topk_init(size);

	if ( rv1?$topk )
		topk_merge(result$topk, rv1$topk);
	if ( rv2?$topk )
		topk_merge(result$topk, rv2$topk);
	}
