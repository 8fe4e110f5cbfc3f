# args: -b -r traces/ticks.pcap
# ConnPolling::watch on a UDP flow of five packets a quarter second apart
# (from t=0 to t=1): the callback runs once 300 ms have passed since the
# first packet (timers fire as packets move network time on), then after
# each interval it returns; a negative interval ends the polling.

@load base/protocols/conn/polling

function every_300ms(c: connection, cnt: count): interval
	{
	print fmt("poll %d of %s at +%.2f", cnt, c$id$resp_p,
	          interval_to_double(network_time() - c$start_time));
	return cnt < 3 ? 300msec : -1sec;
	}

event new_connection(c: connection)
	{
	ConnPolling::watch(c, every_300ms, 1, 300msec);
	}

event connection_state_remove(c: connection)
	{
	print "removed", c$orig$num_pkts;
	}
