##! UNIQUE: how many distinct observations there were, counted exactly.

@load ../main

module SumStats;

export {
	redef record Reducer += {
		## Stop remembering new distinct observations past this many.
		unique_max: count &optional;
	};

	redef enum Calculation += {
		## Count the distinct observations.
		UNIQUE
	};

	redef record ResultVal += {
		## How many distinct observations there were.
		unique: count &default=0;
	};
}

redef record ResultVal += {
	# The reducer's unique_max, for merging.
	unique_max: count &optional;

	# The distinct observations themselves.
	unique_vals: set[Observation] &optional;
};

hook register_observe_plugins()
	{
	register_observe_plugin(UNIQUE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( ! rv?$unique_vals )
			rv$unique_vals = set();

		if ( r?$unique_max )
			{
			rv$unique_max = r$unique_max;
			# As in Zeek, the set may grow one past the limit.
			if ( |rv$unique_vals| > r$unique_max )
				return;
			}

		add rv$unique_vals[obs];
		rv$unique = |rv$unique_vals|;
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( ! rv1?$unique_vals && ! rv2?$unique_vals )
		return;

	if ( rv1?$unique_max || rv2?$unique_max )
		result$unique_max = rv1?$unique_max ? rv1$unique_max : rv2$unique_max;

	local merged: set[Observation] = rv1?$unique_vals ? copy(rv1$unique_vals) : set();
	if ( rv2?$unique_vals )
		for ( obs in rv2$unique_vals )
			{
			if ( rv1?$unique_vals && result?$unique_max && |merged| >= result$unique_max )
				break;
			add merged[copy(obs)];
			}

	result$unique_vals = merged;
	result$unique = |merged|;
	}
