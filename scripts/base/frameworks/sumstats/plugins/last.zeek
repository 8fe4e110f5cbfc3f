##! LAST: the most recent observations, up to a number given per reducer.

@load ../main
@load base/utils/queue

module SumStats;

export {
	redef enum Calculation += {
		## Keep the latest observations.
		LAST
	};

	redef record Reducer += {
		## How many of the latest observations to keep (0: none).
		num_last_elements: count &default=0;
	};

	redef record ResultVal += {
		## The kept observations, oldest first; read them with
		## :zeek:see:`SumStats::get_last`.
		last_elements: Queue::Queue &optional;
	};

	## The observations LAST kept, oldest first.
	global get_last: function(rv: ResultVal): vector of Observation;
}

function get_last(rv: ResultVal): vector of Observation
	{
	local kept: vector of Observation = vector();
	if ( ! rv?$last_elements )
		return kept;

	local items: vector of any = vector();
	Queue::get_vector(rv$last_elements, items);
	for ( _, item in items )
		kept += item as Observation;
	return kept;
	}

hook register_observe_plugins()
	{
	register_observe_plugin(LAST, function(r: Reducer, val: double, obs: Observation, rv: ResultVal)
		{
		if ( r$num_last_elements == 0 )
			return;
		if ( ! rv?$last_elements )
			rv$last_elements = Queue::init([$max_len=r$num_last_elements]);
		Queue::put(rv$last_elements, obs);
		});
	}

hook compose_resultvals_hook(result: ResultVal, rv1: ResultVal, rv2: ResultVal)
	{
	if ( rv1?$last_elements && rv2?$last_elements )
		result$last_elements = Queue::merge(rv1$last_elements, rv2$last_elements);
	else if ( rv1?$last_elements || rv2?$last_elements )
		result$last_elements = rv1?$last_elements ? rv1$last_elements : rv2$last_elements;
	}
