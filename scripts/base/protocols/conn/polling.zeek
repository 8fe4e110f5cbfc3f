##! Polling a connection while it lasts: a callback that runs again and
##! again, each time choosing how long to wait before the next run.
##! Scripts use it to look at long-lived connections at intervals of
##! their choosing (their byte counts so far, their duration).

module ConnPolling;

export {
	## Runs *callback* on *c* once *i* has passed, then again after each
	## interval it returns. *cnt* numbers the runs (the first run gets
	## the value given here). A negative interval ends the polling, and
	## so does the end of the connection.
	global watch: function(c: connection,
	                       callback: function(c: connection, cnt: count): interval,
	                       cnt: count, i: interval);
}

## One scheduled run of a poll.
global check: event(c: connection,
                    callback: function(c: connection, cnt: count): interval,
                    cnt: count);

event check(c: connection,
            callback: function(c: connection, cnt: count): interval,
            cnt: count)
	{
	# A connection the core has forgotten is polled no more.
	if ( ! connection_exists(c$id) )
		return;

	# The callback sees the record as the core keeps it now, not the
	# copy taken when this run was scheduled.
	local current = lookup_connection(c$id);
	local wait = callback(current, cnt);
	if ( wait < 0secs )
		return;

	watch(current, callback, cnt + 1, wait);
	}

function watch(c: connection,
               callback: function(c: connection, cnt: count): interval,
               cnt: count, i: interval)
	{
	schedule i { ConnPolling::check(c, callback, cnt) };
	}
