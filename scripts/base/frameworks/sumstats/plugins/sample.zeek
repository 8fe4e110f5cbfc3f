##! SAMPLE: keeps a uniform random sample of the observations
##! (reservoir sampling).

@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## A random sample of the observations.
		SAMPLE
	};

	redef record Reducer += {
		## How many observations the sample holds (SAMPLE).
		num_samples: count &default=0;
	};

	redef record ResultVal += {
		## The sample (SAMPLE).
		samples: vector of Observation &default=vector();

		## How many observations the sample was drawn from (SAMPLE).
		sample_elements: count &default=0;
	};
}

redef record ResultVal += {
	# The reducer's num_samples, for composing (internal).
	num_samples: count &default=0;
};

hook init_resultval_hook(r: Reducer, rv: ResultVal)
	{
	if ( SAMPLE in r$apply )
		rv$num_samples = r$num_samples;
	}

function sample_add_sample(obs:Observation, rv: ResultVal)
	{
	rv$sample_elements += 1;

	if ( |rv$samples| < rv$num_samples )
		{
		rv$samples += obs;
		return;
		}

	# The n-th observation replaces a random slot with probability
	# num_samples/n.
	local slot = rand(rv$sample_elements);
	if ( slot < rv$num_samples )
		rv$samples[slot] = obs;
	}

hook register_observe_plugins()
	{
	register_observe_plugin(SAMPLE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{ sample_add_sample(obs, rv); });
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( rv1$num_samples != rv2$num_samples )
		{
		Reporter::error("Merging sample sets with differing sizes is not supported");
		return;
		}

	local n = rv1$num_samples;
	result$num_samples = n;

	if ( |rv1$samples| > n || |rv2$samples| > n )
		{
		Reporter::error("Sample vector with too many elements. Aborting.");
		return;
		}

	if ( |rv1$samples| != n && |rv2$samples| < n )
		{
		# Neither side has filled its sample: both hold every
		# observation they saw, so sample them again.
		if ( |rv1$samples| != rv1$sample_elements || |rv2$samples| < rv2$sample_elements )
			{
			Reporter::error("Mismatch in sample element size and tracking. Aborting merge");
			return;
			}

		for ( _, obs in rv1$samples )
			sample_add_sample(obs, result);
		for ( _, obs in rv2$samples )
			sample_add_sample(obs, result);
		return;
		}

	# Start from the side that saw more, and take each slot from the
	# other side in proportion to how much it saw.
	local bigger = rv1$sample_elements > rv2$sample_elements ? rv1 : rv2;
	local smaller = rv1$sample_elements > rv2$sample_elements ? rv2 : rv1;
	local total = rv1$sample_elements + rv2$sample_elements;

	result$samples = copy(bigger$samples);
	result$sample_elements = total;

	for ( i, obs in smaller$samples )
		if ( rand(total) <= smaller$sample_elements )
			result$samples[i] = obs;
	}
