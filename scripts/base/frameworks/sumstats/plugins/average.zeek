##! AVERAGE: the mean of the observed values.

@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Keep the mean of the values.
		AVERAGE
	};

	redef record ResultVal += {
		## The mean, once there is a value.
		average: double &optional;
	};
}

hook register_observe_plugins()
	{
	register_observe_plugin(AVERAGE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		# A running mean: move towards the new value by its share.
		local before = rv?$average ? rv$average : val;
		rv$average = before + (val - before) / rv$num;
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( rv1?$average && rv2?$average )
		{
		local total = rv1$num + rv2$num;
		result$average = (rv1$average * rv1$num + rv2$average * rv2$num) / total;
		}
	else if ( rv1?$average || rv2?$average )
		result$average = rv1?$average ? rv1$average : rv2$average;
	}
