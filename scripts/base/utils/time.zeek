##! Helpers for times and intervals.

## Writes an interval as whole minutes and seconds, such as "3m34s"
## (fractions of a second are dropped).
function duration_to_mins_secs(dur: interval): string
	{
	local secs = double_to_count(interval_to_double(dur));
	return fmt("%dm%ds", secs / 60, secs % 60);
	}

## The time at the epoch, 0: what a time without a value is compared to.
const null_ts = double_to_time(0.0);

@ifdef ( get_current_packet_ts )
## How far packet processing lags behind the clock: the wall-clock time
## minus the timestamp of the packet being processed, or 0 when no packet
## is.
function get_packet_lag(): interval
	{
	# Not network_time(): it stays at the last packet's time for a while
	# after the packets stop.
	local ts = get_current_packet_ts();
	if ( ts == null_ts )
		return 0 sec;
	return current_time() - ts;
	}
@endif
