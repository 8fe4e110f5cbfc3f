##! conn.log: one line per connection, written when the connection is
##! removed.
##!
##! Each connection gets a :zeek:see:`Conn::Info` when it is made. What is
##! known only at the end (sizes, duration, state, history) is filled in
##! early in :zeek:see:`connection_state_remove`, so other handlers of that
##! event see it, and the line is written by a removal hook registered with
##! :zeek:see:`Conn::register_removal_hook`, which runs after them.

@load base/utils/site
@load base/protocols/conn/removal-hooks

module Conn;

export {
	## The conn.log stream.
	redef enum Log::ID += { LOG };

	## The stream's policy hook: break in a handler to keep a
	## connection out of conn.log.
	global log_policy: Log::PolicyHook;

	## The columns of conn.log.
	type Info: record {
		## When the connection's first packet was seen.
		ts: time &log;
		## The connection's unique identifier.
		uid: string &log;
		## Its addresses and ports.
		id: conn_id &log;
		## The transport protocol.
		proto: transport_proto &log;
		## The application protocols found on it, comma-separated.
		service: string &log &optional;
		## How long it lasted (unset for a single packet).
		duration: interval &log &optional;
		## Payload bytes from the originator (the TCP sequence span for
		## TCP), set when the connection lasted.
		orig_bytes: count &log &optional;
		## Payload bytes from the responder.
		resp_bytes: count &log &optional;
		## A summary of both endpoints' states: S0 (a SYN, no answer), S1
		## (established, not closed), SF (closed normally), REJ (SYN
		## answered by a reset), S2 and S3 (only the originator or only
		## the responder closed), RSTO and RSTR (reset by the originator
		## or responder), RSTOS0 (SYN then reset by the originator),
		## RSTRH (a responder's SYN-ACK then its reset), SH and SHR (a
		## SYN or SYN-ACK then a FIN, nothing from the other side), OTH
		## (none of these, e.g. seen mid-stream).
		conn_state: string &log &optional;
		## Whether the originator is in :zeek:see:`Site::local_nets`.
		local_orig: bool &log &optional;
		## Whether the responder is in :zeek:see:`Site::local_nets`.
		local_resp: bool &log &optional;
		## Bytes lost to gaps in TCP streams.
		missed_bytes: count &log &default=0;
		## The connection's history letters (see
		## :zeek:field:`connection$history`).
		history: string &log &optional;
		## Packets from the originator.
		orig_pkts: count &log &optional;
		## IP-level bytes from the originator.
		orig_ip_bytes: count &log &optional;
		## Packets from the responder.
		resp_pkts: count &log &optional;
		## IP-level bytes from the responder.
		resp_ip_bytes: count &log &optional;
		## The uids of tunnels the connection ran inside.
		tunnel_parents: set[string] &log &optional;
		## The IP protocol number.
		ip_proto: count &log &optional;
	};

	## Raised with each line written to conn.log.
	global log_conn: event(rec: Info);

	## The :zeek:field:`Conn::Info$conn_state` letters of a connection.
	##
	## c: the connection.
	## trans: its transport protocol.
	##
	## Returns: the state's code.
	global conn_state: function(c: connection, trans: transport_proto): string;
}

redef record connection += {
	## The connection's conn.log line, filled as it goes.
	conn: Info &optional;
};

event zeek_init() &priority=5
	{
	Log::create_stream(Conn::LOG, Log::Stream($columns=Info, $ev=log_conn,
	                                          $path="conn", $policy=log_policy));
	}

# The TCP codes, from the endpoint states. An endpoint is "quiet" when it
# sent nothing that set up or ended the connection.
function tcp_state(c: connection): string
	{
	local o = c$orig$state;
	local r = c$resp$state;
	local o_quiet = o == TCP_INACTIVE || o == TCP_PARTIAL;
	local r_quiet = r == TCP_INACTIVE || r == TCP_PARTIAL;

	if ( r == TCP_RESET )
		{
		local nothing_sent = c$orig$size == 0 && c$resp$size == 0;
		if ( o == TCP_SYN_SENT || o == TCP_SYN_ACK_SENT || (o == TCP_RESET && nothing_sent) )
			return "REJ";
		return o_quiet ? "RSTRH" : "RSTR";
		}

	if ( o == TCP_RESET )
		{
		if ( ! r_quiet )
			return "RSTO";
		# A SYN, then the originator's reset with no handshake, ack,
		# data or FIN of its own in between.
		return /^\^?S[^HAFGIQ]*R/ in c$history ? "RSTOS0" : "OTH";
		}

	if ( o == TCP_CLOSED && r == TCP_CLOSED )
		return "SF";
	if ( o == TCP_CLOSED )
		return r_quiet ? "SH" : "S2";
	if ( r == TCP_CLOSED )
		return o_quiet ? "SHR" : "S3";
	if ( o == TCP_SYN_SENT && r == TCP_INACTIVE )
		return "S0";
	if ( o == TCP_ESTABLISHED && r == TCP_ESTABLISHED )
		return "S1";
	return "OTH";
	}

function conn_state(c: connection, trans: transport_proto): string
	{
	if ( trans == tcp )
		return tcp_state(c);

	if ( trans == udp )
		{
		local o_active = c$orig$state == UDP_ACTIVE;
		local r_active = c$resp$state == UDP_ACTIVE;
		if ( o_active )
			return r_active ? "SF" : "S0";
		return r_active ? "SHR" : "OTH";
		}

	return "OTH";
	}

# Where the two ends are, relative to the site.
function set_locality(c: connection)
	{
	c$conn$local_orig = Site::is_local_addr(c$id$orig_h);
	c$conn$local_resp = Site::is_local_addr(c$id$resp_h);
	}

# Writes the line: the last thing done for a connection.
hook write_line(c: connection)
	{
	if ( c?$conn )
		Log::write(Conn::LOG, c$conn);
	}

event new_connection(c: connection) &priority=100
	{
	local info = Info($ts=c$start_time, $uid=c$uid, $id=c$id,
	                  $proto=get_port_transport_proto(c$id$resp_p));
	if ( c$id$proto != 65535 )
		info$ip_proto = c$id$proto;
	c$conn = info;
	if ( |Site::local_nets| > 0 )
		set_locality(c);
	Conn::register_removal_hook(c, write_line);
	}

event connection_flipped(c: connection) &priority=5
	{
	if ( c?$conn )
		set_locality(c);
	}

event content_gap(c: connection, is_orig: bool, seq: count, length: count) &priority=5
	{
	if ( c?$conn )
		c$conn$missed_bytes += length;
	}

# What is known only at the end, in place before other handlers run.
event connection_state_remove(c: connection) &priority=5
	{
	if ( ! c?$conn )
		return;

	local info = c$conn;
	# A flip turns the connection around after the record was made.
	info$id = c$id;

	if ( c$duration > 0secs )
		{
		info$duration = c$duration;
		info$orig_bytes = c$orig$size;
		info$resp_bytes = c$resp$size;
		}

	# Packet and IP byte counts are there even for a single packet.
	if ( c$orig?$num_pkts )
		{
		info$orig_pkts = c$orig$num_pkts;
		info$orig_ip_bytes = c$orig$num_bytes_ip;
		info$resp_pkts = c$resp$num_pkts;
		info$resp_ip_bytes = c$resp$num_bytes_ip;
		}

	if ( |c$service| > 0 )
		info$service = to_lower(join_string_set(c$service, ","));

	info$conn_state = conn_state(c, info$proto);

	if ( c$history != "" )
		info$history = c$history;
	}
