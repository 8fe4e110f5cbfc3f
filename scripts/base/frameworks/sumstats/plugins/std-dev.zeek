##! STD_DEV: the standard deviation of the observed values, the square
##! root of VARIANCE (which it brings along).

@load ./variance
@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Keep the standard deviation of the values.
		STD_DEV
	};

	redef record ResultVal += {
		## The standard deviation.
		std_dev: double &default=0.0;
	};
}

function update_std_dev(rv: ResultVal)
	{
	if ( rv?$variance )
		rv$std_dev = sqrt(rv$variance);
	}

hook register_observe_plugins() &priority=-10
	{
	register_observe_plugin(STD_DEV, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		update_std_dev(rv);
		});
	add_observe_plugin_dependency(STD_DEV, VARIANCE);
	}

# After VARIANCE merged (priority -5).
hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal) &priority=-10
	{
	update_std_dev(result);
	}
