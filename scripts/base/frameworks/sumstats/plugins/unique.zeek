##! UNIQUE: the number of distinct observations, exactly.

@load ../main

module SumStats;

export {
	redef record Reducer += {
		## Stop collecting distinct values beyond this many (UNIQUE).
		unique_max: count &optional;
	};

	redef enum Calculation += {
		## Number of distinct observations.
		UNIQUE
	};

	redef record ResultVal += {
		## How many distinct observations were seen (UNIQUE).
		unique: count &default=0;
	};
}

redef record ResultVal += {
	# The reducer's unique_max, for composing (internal).
	unique_max: count &optional;

	# The distinct observations themselves (internal).
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
			# The limit lets the set grow to one past it.
			if ( |rv$unique_vals| <= r$unique_max )
				add rv$unique_vals[obs];
			}
		else
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

	if ( ! rv1?$unique_vals )
		result$unique_vals = copy(rv2$unique_vals);
	else
		{
		result$unique_vals = copy(rv1$unique_vals);

		if ( rv2?$unique_vals )
			for ( obs in rv2$unique_vals )
				{
				if ( result?$unique_max && |result$unique_vals| >= result$unique_max )
					break;
				add result$unique_vals[copy(obs)];
				}
		}

	result$unique = |result$unique_vals|;
	}
