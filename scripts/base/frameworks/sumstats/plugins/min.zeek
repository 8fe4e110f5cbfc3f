##! MIN: the smallest observed value.

@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Keep the smallest value.
		MIN
	};

	redef record ResultVal += {
		## The smallest value, once there is one.
		min: double &optional;
	};
}

hook register_observe_plugins()
	{
	register_observe_plugin(MIN, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$min || val < rv$min )
			rv$min = val;
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	for ( _, side in vector(rv1, rv2) )
		if ( side?$min && ( ! result?$min || side$min < result$min ) )
			result$min = side$min;
	}
