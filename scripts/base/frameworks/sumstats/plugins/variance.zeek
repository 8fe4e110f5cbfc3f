##! VARIANCE: the sample variance of the observed values, kept up to date
##! with Welford's method (the mean comes from AVERAGE, which runs first).

@load ./average
@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Keep the sample variance of the values.
		VARIANCE
	};

	redef record ResultVal += {
		## The sample variance (0.0 for a single value).
		variance: double &optional;
	};
}

redef record ResultVal += {
	# The mean before the latest value.
	prev_avg: double &optional;

	# The sum of squared differences from the mean, Welford's M2.
	var_s: double &default=0.0;
};

# Variance from the running sum of squares.
function update_variance(rv: ResultVal)
	{
	if ( rv$num < 2 )
		rv$variance = 0.0;
	else
		rv$variance = rv$var_s / (rv$num - 1);
	}

hook register_observe_plugins() &priority=-5
	{
	register_observe_plugin(VARIANCE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		# AVERAGE already took val in: the product of the distances to
		# the old and the new mean is what M2 grows by.
		if ( rv$num >= 2 )
			rv$var_s = rv$var_s + (val - rv$prev_avg) * (val - rv$average);
		rv$prev_avg = rv$average;
		update_variance(rv);
		});
	add_observe_plugin_dependency(VARIANCE, AVERAGE);
	}

# After AVERAGE merged the means (priority 0).
hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal) &priority=-5
	{
	if ( rv1?$average && rv2?$average )
		{
		# Each side's squares about its own mean, moved to the merged one.
		local d1 = rv1$average - result$average;
		local d2 = rv2$average - result$average;
		result$var_s = rv1$var_s + rv1$num * d1 * d1 + rv2$var_s + rv2$num * d2 * d2;
		}
	else
		result$var_s = rv1?$average ? rv1$var_s : rv2$var_s;

	if ( result?$average )
		result$prev_avg = result$average;
	update_variance(result);
	}
