# args: -r traces/mixed.pcap
# connection_exists() and lookup_connection() find live connections by
# their id; a bad or unknown id is reported (with network time, as all
# messages while a trace is read) and gives a placeholder record.
global first: conn_id;
global seen = 0;

event new_connection(c: connection)
	{
	++seen;
	if ( seen > 2 )
		return;
	if ( seen == 1 )
		first = c$id;
	print connection_exists(c$id), lookup_connection(c$id)$uid == c$uid;
	local other = copy(c$id);
	other$orig_p = 1/udp;
	print connection_exists(other);
	local partial: conn_id;
	partial$orig_h = c$id$orig_h;
	print connection_exists(partial);
	local placeholder = lookup_connection(other);
	print placeholder$id, placeholder$history == "";
	}

event connection_state_remove(c: connection)
	{
	# Zeek cannot compare records with ==: compare the fields.
	if ( c$id$orig_h == first$orig_h && c$id$orig_p == first$orig_p &&
	     c$id$resp_h == first$resp_h && c$id$resp_p == first$resp_p )
		print "being removed", connection_exists(first);
	}

event zeek_done()
	{
	print "at the end", connection_exists(first);
	}
