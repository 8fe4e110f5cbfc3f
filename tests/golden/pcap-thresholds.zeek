# args: -r traces/mixed.pcap
# The conn-size thresholds: a generic packet count for every connection,
# and per-connection byte, packet and duration thresholds set from a
# script (one already reached when set, so it reports at once).
redef ConnThreshold::generic_packet_thresholds = {2, 4};

event new_connection(c: connection)
	{
	print "new", c$id$resp_p, get_current_conn_packets_threshold(c$id, T);
	}

event connection_established(c: connection)
	{
	set_current_conn_packets_threshold(c$id, 1, T);
	set_current_conn_bytes_threshold(c$id, 100, F);
	set_current_conn_duration_threshold(c$id, 300 msec);
	print "set", get_current_conn_packets_threshold(c$id, T),
	      get_current_conn_bytes_threshold(c$id, F),
	      get_current_conn_duration_threshold(c$id);
	}

event conn_generic_packet_threshold_crossed(c: connection, threshold: count)
	{
	print "generic", c$id$resp_p, threshold, c$orig$num_pkts + c$resp$num_pkts;
	}

event conn_packets_threshold_crossed(c: connection, threshold: count, is_orig: bool)
	{
	print "packets", c$id$resp_p, threshold, is_orig;
	}

event conn_bytes_threshold_crossed(c: connection, threshold: count, is_orig: bool)
	{
	print "bytes", c$id$resp_p, threshold, is_orig, c$resp$num_bytes_ip;
	}

event conn_duration_threshold_crossed(c: connection, threshold: interval, is_orig: bool)
	{
	print "duration", c$id$resp_p, threshold, is_orig;
	}

event net_done(t: time)
	{
	print get_current_conn_packets_threshold([$orig_h=10.0.0.1, $orig_p=1/tcp, $resp_h=10.0.0.2, $resp_p=2/tcp, $proto=6], T);
	}
