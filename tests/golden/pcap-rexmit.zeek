# args: -r traces/rexmit.pcap
# A retransmission with the same bytes is quiet; one whose bytes differ
# from the data it overlaps reports both versions and its flags; once the
# data is acknowledged nothing is left to compare with.
event rexmit_inconsistency(c: connection, t1: string, t2: string, tcp_flags: string)
	{
	print "rexmit_inconsistency", c$id$orig_p, t1, t2, tcp_flags;
	}

event connection_state_remove(c: connection)
	{
	print "removed", c$history;
	}
