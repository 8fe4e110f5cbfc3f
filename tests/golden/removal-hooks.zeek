# The removal-hooks module: registering, unregistering, and the hooks
# running when connection_state_remove is raised for the connection.
@load base/protocols/conn/removal-hooks

hook log_it(c: connection)
	{
	print "log_it", c$uid, c$id$orig_h;
	}

hook count_it(c: connection)
	{
	print "count_it", c$uid;
	}

function make_conn(uid: string, orig: addr): connection
	{
	local id = conn_id($orig_h=orig, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp);
	local ep = endpoint($size=0, $state=TCP_ESTABLISHED, $flow_label=0);
	return connection($id=id, $orig=ep, $resp=copy(ep), $start_time=double_to_time(0.0),
	                  $duration=0 sec, $service=set(), $history="", $uid=uid);
	}

event zeek_init()
	{
	local c = make_conn("C1", 10.0.0.1);
	print Conn::register_removal_hook(c, log_it);
	print Conn::register_removal_hook(c, log_it);
	print Conn::register_removal_hook(c, count_it);
	print Conn::unregister_removal_hook(c, count_it);
	print Conn::unregister_removal_hook(c, count_it);
	print |c$removal_hooks|;
	event connection_state_remove(c);

	local d = make_conn("C2", 10.0.0.3);
	print Conn::unregister_removal_hook(d, log_it);
	print d?$removal_hooks;
	event connection_state_remove(d);
	}

event connection_state_remove(c: connection)
	{
	print "connection_state_remove", c$uid;
	}
