##! VARIANCE: the sample variance of the observed values (Welford's
##! running method; needs AVERAGE, which it pulls in).

@load ./average
@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Sample variance of the values.
		VARIANCE
	};

	redef record ResultVal += {
		## The variance so far (VARIANCE).
		variance: double &optional;
	};
}

redef record ResultVal += {
	# The mean before the latest value (internal).
	prev_avg: double &optional;

	# Running sum of squared deviations (internal).
	var_s: double &default=0.0;
};

function calc_variance(rv: ResultVal)
	{
	if ( rv$num > 1 )
		rv$variance = rv$var_s / (rv$num - 1);
	else
		rv$variance = 0.0;
	}

# After AVERAGE has seen the value.
hook register_observe_plugins() &priority=-5
	{
	register_observe_plugin(VARIANCE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( rv$num > 1 )
			rv$var_s = rv$var_s + (val - rv$prev_avg) * (val - rv$average);

		calc_variance(rv);
		rv$prev_avg = rv$average;
		});
	add_observe_plugin_dependency(VARIANCE, AVERAGE);
	}

# After the average was combined.
hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal) &priority=-5
	{
	if ( rv1?$var_s && rv1?$average && rv2?$var_s && rv2?$average )
		{
		local d1 = rv1$average - result$average;
		local d2 = rv2$average - result$average;
		result$var_s = rv1$num * (rv1$var_s / rv1$num + d1 * d1) +
		               rv2$num * (rv2$var_s / rv2$num + d2 * d2);
		}
	else if ( rv1?$var_s || rv2?$var_s )
		result$var_s = rv1?$var_s ? rv1$var_s : rv2$var_s;

	if ( rv1?$prev_avg && rv2?$prev_avg )
		result$prev_avg = (rv1$prev_avg * rv1$num + rv2$prev_avg * rv2$num) / (rv1$num + rv2$num);
	else if ( rv1?$prev_avg || rv2?$prev_avg )
		result$prev_avg = rv1?$prev_avg ? rv1$prev_avg : rv2$prev_avg;

	calc_variance(result);
	}
