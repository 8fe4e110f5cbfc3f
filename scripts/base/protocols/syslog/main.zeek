##! syslog.log: every syslog message, with its facility and severity by
##! name. Each message is a line of its own, written once the handlers of
##! default priority have seen it (in c$syslog).

@load ./consts

module Syslog;

export {
	## The syslog.log stream.
	redef enum Log::ID += { LOG };

	## Syslog's ports over UDP and over TCP.
	const ports = { 514/udp } &redef;
	const tcp_ports = { 514/tcp } &redef;

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## A line of syslog.log.
	type Info: record {
		ts: time &log;	##< When the message was seen.
		## The connection's uid, addresses and transport.
		uid: string &log; id: conn_id &log; proto: transport_proto &log;
		## The facility and severity names.
		facility: string &log; severity: string &log;
		message: string &log;	##< The text of the message.
	};
}

redef record connection += {
	## The message being handled.
	syslog: Info &optional;
};

redef likely_server_ports += ports;
redef likely_server_ports += tcp_ports;

event zeek_init() &priority=5
	{
	local stream = Log::Stream($columns=Info, $path="syslog", $policy=log_policy);
	Log::create_stream(Syslog::LOG, stream);
	}

event syslog_message(c: connection, facility: count, severity: count, msg: string) &priority=5
	{
	c$syslog = Info($ts=network_time(), $uid=c$uid, $id=c$id,
	                $proto=get_port_transport_proto(c$id$resp_p),
	                $facility=facility_codes[facility],
	                $severity=severity_codes[severity], $message=msg);
	}

event syslog_message(c: connection, facility: count, severity: count, msg: string) &priority=-5
	{
	Log::write(Syslog::LOG, c$syslog);
	}
