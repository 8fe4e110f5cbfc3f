##! STD_DEV: the standard deviation, the square root of VARIANCE.

@load ./variance
@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Standard deviation of the values.
		STD_DEV
	};

	redef record ResultVal += {
		## The standard deviation so far (STD_DEV).
		std_dev: double &default=0.0;
	};
}

function calc_std_dev(rv: ResultVal)
	{
	if ( rv?$variance )
		rv$std_dev = sqrt(rv$variance);
	}

# After VARIANCE.
hook register_observe_plugins() &priority=-10
	{
	register_observe_plugin(STD_DEV, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{ calc_std_dev(rv); });
	add_observe_plugin_dependency(STD_DEV, VARIANCE);
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal) &priority=-10
	{
	calc_std_dev(result);
	}
