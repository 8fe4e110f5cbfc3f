##! Counting toward a series of thresholds: each crossing is reported
##! once, so that notices about growing numbers are raised at 30, 100,
##! 1000 and so on rather than every time.

module GLOBAL;

export {
	## A count (``n``) and, as an index into the series, the next threshold
	## it has to cross.
	type TrackCount: record { n: count &default=0; index: count &default=0; };

	## The series :zeek:see:`default_check_threshold` uses: 30, 100, then
	## every power of ten up to ten million.
	const default_notice_thresholds: vector of count =
		{ 30, 100, 1000, 10000, 100000, 1000000, 10000000 } &redef;

	## Whether the count has reached the next threshold of ``v`` (given in
	## increasing order); if so the tracker moves on to the one after, so
	## each threshold answers T only once.
	global check_threshold: function(v: vector of count, tracker: TrackCount): bool;

	## :zeek:see:`check_threshold` with
	## :zeek:see:`default_notice_thresholds`.
	global default_check_threshold: function(tracker: TrackCount): bool;
}

## A new tracker at zero.
function new_track_count(): TrackCount {
	return TrackCount();
}

function check_threshold(v: vector of count, tracker: TrackCount): bool {
	# One crossing per call: only the next threshold is looked at.
	if ( tracker$index >= |v| || tracker$n < v[tracker$index] )
		return F;

	tracker$index += 1;
	return T;
}

function default_check_threshold(tracker: TrackCount): bool {
	return check_threshold(default_notice_thresholds, tracker);
}
