##! TOPK: the most frequent observations, counted approximately with the
##! Space-Saving algorithm (Metwally et al., 2005) behind the top-k
##! built-ins.

@load ../main

module SumStats;

export {
	redef record Reducer += {
		## How many distinct observations the top-k list tracks.
		topk_size: count &default=500;
	};

	redef enum Calculation += {
		## Keep a top-k list of the observations.
		TOPK
	};

	redef record ResultVal += {
		## The top-k list; read it with topk_get_top, topk_count and
		## the other top-k built-ins.
		topk: opaque of topk &optional;
	};
}

hook init_resultval_hook(r: Reducer, rv: ResultVal)
	{
	if ( TOPK in r$apply && ! rv?$topk )
		rv$topk = topk_init(r$topk_size);
	}

hook register_observe_plugins()
	{
	register_observe_plugin(TOPK, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		topk_add(rv$topk, obs);
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	local model = rv1?$topk ? rv1 : rv2;
	if ( ! model?$topk )
		return;

	result$topk = topk_init(topk_size(model$topk));
	for ( _, side in vector(rv1, rv2) )
		if ( side?$topk )
			topk_merge(result$topk, side$topk);
	}
