##! Counting toward a series of thresholds: each crossing is reported
##! once, so that notices about growing numbers are raised at 30, 100,
##! 1000 and so on rather than every time.

module GLOBAL;

export {
	## A count and how many thresholds it has crossed.
	type TrackCount: record {
		## The count.
		n: count &default=0;
		## The next threshold to cross, as an index into the series.
		index: count &default=0;
	};

	## The series :zeek:see:`default_check_threshold` uses.
	const default_notice_thresholds: vector of count = {
		30, 100, 1000, 10000,
		100000, 1000000, 10000000
	} &redef;

	## Whether the count has reached the next threshold of a series; if
	## so the tracker moves on to the one after.
	##
	## v: the thresholds, in increasing order.
	##
	## tracker: the count.
	##
	## Returns: T once per threshold reached.
	global check_threshold: function(v: vector of count, tracker: TrackCount): bool;

	## :zeek:see:`check_threshold` with
	## :zeek:see:`default_notice_thresholds`.
	global default_check_threshold: function(tracker: TrackCount): bool;
}

## A new tracker at zero.
function new_track_count(): TrackCount
	{
	local fresh: TrackCount;
	return fresh;
	}

function check_threshold(v: vector of count, tracker: TrackCount): bool
	{
	# Only the next threshold counts: one crossing per call.
	local next_one = tracker$index;
	local crossed = next_one < |v| && tracker$n >= v[next_one];
	if ( crossed )
		tracker$index = next_one + 1;
	return crossed;
	}

function default_check_threshold(tracker: TrackCount): bool
	{
	return check_threshold(default_notice_thresholds, tracker);
	}
