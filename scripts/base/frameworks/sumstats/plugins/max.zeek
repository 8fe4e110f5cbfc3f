##! MAX: the largest observed value.

@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Keep the largest value.
		MAX
	};

	redef record ResultVal += {
		## The largest value, once there is one.
		max: double &optional;
	};
}

hook register_observe_plugins()
	{
	register_observe_plugin(MAX, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$max || val > rv$max )
			rv$max = val;
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	for ( _, side in vector(rv1, rv2) )
		if ( side?$max && ( ! result?$max || side$max > result$max ) )
			result$max = side$max;
	}
