##! Conn::set_conn: fills a connection's conn.log record on demand, as the
##! connection scripts do when it starts and when it ends, for scripts
##! that want the record earlier (long-lived connections, for instance).

@load ./main

module Conn;

export {
	## Makes (or refreshes) c$conn from what is known now; with eoc, also
	## the totals and the state known only at the end.
	global set_conn: function(c: connection, eoc: bool);
}

function set_conn(c: connection, eoc: bool)
	{
	if ( eoc )
		{
		local info = c$conn;
		if ( c$duration > 0secs )
			{
			info$duration = c$duration;
			info$orig_bytes = c$orig$size;
			info$resp_bytes = c$resp$size;
			}
		if ( c$orig?$num_pkts )
			{
			info$orig_pkts = c$orig$num_pkts;
			info$orig_ip_bytes = c$orig$num_bytes_ip;
			info$resp_pkts = c$resp$num_pkts;
			info$resp_ip_bytes = c$resp$num_bytes_ip;
			}
		if ( |c$service| > 0 )
			info$service = to_lower(join_string_set(c$service, ","));
		info$conn_state = conn_state(c, get_port_transport_proto(c$id$resp_p));
		if ( c$history != "" )
			info$history = c$history;
		return;
		}

	if ( ! c?$conn )
		c$conn = Info($ts=c$start_time, $uid=c$uid, $id=c$id,
		              $proto=get_port_transport_proto(c$id$resp_p));
	c$conn$id = c$id;
	if ( c$id$proto != 65535 )
		c$conn$ip_proto = c$id$proto;
	if ( |Site::local_nets| > 0 )
		{
		c$conn$local_orig = Site::is_local_addr(c$id$orig_h);
		c$conn$local_resp = Site::is_local_addr(c$id$resp_h);
		}
	}
