##! AVERAGE: the mean of the observed values.

@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Mean of the values.
		AVERAGE
	};

	redef record ResultVal += {
		## The mean so far (AVERAGE).
		average: double &optional;
	};
}

hook register_observe_plugins()
	{
	register_observe_plugin(AVERAGE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		# A running mean: move toward the new value by 1/n of the gap.
		rv$average = rv?$average ? rv$average + (val - rv$average) / rv$num : val;
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( rv1?$average && rv2?$average )
		{
		local weighted = rv1$average * rv1$num + rv2$average * rv2$num;
		result$average = weighted / (rv1$num + rv2$num);
		}
	else if ( rv1?$average || rv2?$average )
		result$average = rv1?$average ? rv1$average : rv2$average;
	}
