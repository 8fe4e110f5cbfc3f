# args: -r traces/mixed.pcap
# Removal hooks registered in new_connection run when each connection is
# removed, inside connection_state_remove (after its other handlers); what
# a handler stores in the connection record is still there then.
@load base/protocols/conn/removal-hooks

redef record connection += {
	seen_at: interval &optional;
	note: string &default="none";
};

global removed = 0;

hook on_removal(c: connection)
	{
	++removed;
	print "hook", c$id$resp_h, c$id$resp_p, c$note, c$seen_at;
	}

hook never(c: connection)
	{
	print "never runs";
	}

event new_connection(c: connection)
	{
	c$seen_at = network_time() - c$start_time;
	c$note = fmt("conn to %s", c$id$resp_h);
	Conn::register_removal_hook(c, on_removal);
	Conn::register_removal_hook(c, never);
	Conn::unregister_removal_hook(c, never);
	}

event connection_state_remove(c: connection)
	{
	print "connection_state_remove", c$id$resp_h, |c$removal_hooks|;
	}

event zeek_done()
	{
	print "removed", removed;
	}
