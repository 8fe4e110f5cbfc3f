##! SUM: the total of the observed values (for strings, how many there
##! were).

@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Add the values up; each string counts one.
		SUM
	};

	redef record ResultVal += {
		## The total.
		sum: double &default=0.0;
	};
}

hook register_observe_plugins()
	{
	register_observe_plugin(SUM, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		rv$sum = rv$sum + val;
		});
	}

hook init_resultval_hook(r: Reducer, rv: ResultVal)
	{
	if ( SUM in r$apply )
		rv$sum = 0.0;
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	result$sum = rv1$sum + rv2$sum;
	}
