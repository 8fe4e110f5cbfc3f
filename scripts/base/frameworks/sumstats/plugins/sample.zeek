##! SAMPLE: a uniformly random sample of the observations, of a size
##! given per reducer (reservoir sampling).

@load ../main

module SumStats;

export {
	redef enum Calculation += {
		## Keep a random sample of the observations.
		SAMPLE
	};

	redef record Reducer += {
		## How many observations the sample holds.
		num_samples: count &default=0;
	};

	redef record ResultVal += {
		## The sample.
		samples: vector of Observation &default=vector();

		## How many observations the sample was drawn from.
		sample_elements: count &default=0;
	};
}

redef record ResultVal += {
	# The reducer's num_samples, for merging.
	num_samples: count &default=0;
};

hook init_resultval_hook(r: Reducer, rv: ResultVal)
	{
	if ( SAMPLE in r$apply )
		rv$num_samples = r$num_samples;
	}

# One more observation for the reservoir: kept while there is room, later
# in place of a random earlier one with the chance that keeps every
# observation equally likely to be in the sample.
function offer_sample(rv: ResultVal, obs: Observation)
	{
	rv$sample_elements += 1;
	if ( |rv$samples| < rv$num_samples )
		{
		rv$samples += obs;
		return;
		}

	local slot = rand(rv$sample_elements);
	if ( slot < rv$num_samples )
		rv$samples[slot] = obs;
	}

hook register_observe_plugins()
	{
	register_observe_plugin(SAMPLE, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		offer_sample(rv, obs);
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( rv1$num_samples != rv2$num_samples )
		{
		Reporter::error("Merging sample sets with differing sizes is not supported");
		return;
		}

	result$num_samples = rv1$num_samples;
	local complete1 = |rv1$samples| == rv1$sample_elements;
	local complete2 = |rv2$samples| == rv2$sample_elements;

	if ( complete1 && complete2 )
		{
		# Both hold all they saw: offer everything again.
		for ( _, obs in rv1$samples )
			offer_sample(result, obs);
		for ( _, obs in rv2$samples )
			offer_sample(result, obs);
		return;
		}

	# Start from the side that saw more; each slot then goes to the
	# other side with the share of the observations it saw.
	local big = rv1$sample_elements >= rv2$sample_elements ? rv1 : rv2;
	local small = rv1$sample_elements >= rv2$sample_elements ? rv2 : rv1;
	local total = rv1$sample_elements + rv2$sample_elements;

	result$samples = copy(big$samples);
	result$sample_elements = total;
	for ( i, obs in small$samples )
		if ( i < |result$samples| && rand(total) < small$sample_elements )
			result$samples[i] = obs;
	}
