# args: -r ../traces/mixed.pcap
# known_hosts.log lists each address of Known::host_tracking's kind (here
# every host) that completes a TCP handshake, once: mixed.pcap's one
# established connection reports both its ends, and an address already in
# Known::hosts is not reported again.
@load policy/protocols/conn/known-hosts

redef Known::host_tracking = ALL_HOSTS;

event new_connection(c: connection) {
	# Already known (added once traffic has set network time, which the
	# set's expiry counts from): not logged.
	add Known::hosts[10.0.0.2];
}

event Known::log_known_hosts(rec: Known::HostsInfo) {
	print "logged", rec$ts, rec$host;
}

event zeek_done() {
	print "known", Known::hosts;
}
