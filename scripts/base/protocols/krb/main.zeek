##! kerberos.log: one line per Kerberos exchange, the ticket request (AS
##! or TGS) or service request (AP) and the answer to it: who asked, for
##! which service, whether it worked, and the ticket's validity, flags
##! and encryption type.
##!
##! The line is written once the answer (or an error) has been handled,
##! or when the connection goes; only the first exchange of a connection
##! is logged. Errors that are a normal step of the protocol (asking the
##! client to pre-authenticate) do not count as an answer.

@load ./consts
@load base/protocols/conn/removal-hooks

module KRB;

export {
	## The kerberos.log stream.
	redef enum Log::ID += { LOG };

	## Ports of Kerberos over TCP and over UDP.
	const tcp_ports = { 88/tcp } &redef;
	const udp_ports = { 88/udp } &redef;

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## A line of kerberos.log.
	type Info: record {
		ts: time &log;	##< When the request was seen.
		## The connection's uid and addresses.
		uid: string &log; id: conn_id &log;
		request_type: string &log &optional;	##< "AS", "TGS" or "AP".
		client: string &log &optional;	##< The client, as name/realm.
		service: string &log &optional;	##< The service the ticket is for.
		success: bool &log &optional;	##< Whether the request was granted.
		## The error code of a refusal, and its text or name.
		error_code: count &optional; error_msg: string &log &optional;
		## The validity the client asked for.
		from: time &log &optional; till: time &log &optional;
		cipher: string &log &optional;	##< The ticket's encryption type.
		## Whether the ticket is to be forwardable and renewable.
		forwardable: bool &log &optional; renewable: bool &log &optional;
		logged: bool &default=F;	##< Whether the line was written.
	};

	## Error texts that only ask the client to pre-authenticate; such an
	## error is no answer, and the exchange goes on.
	option ignored_errors: set[string] = {
		"NEEDED_PREAUTH",
		"Need to use PA-ENC-TIMESTAMP/PA-PK-AS-REQ",
	};

	## Raised with each line written.
	global log_krb: event(rec: Info);

	## Registered for each Kerberos connection: writes a line not yet
	## written.
	global finalize_krb: Conn::RemovalHook;
}

redef record connection += {
	## The connection's exchange.
	krb: Info &optional;
};

redef likely_server_ports += tcp_ports;
redef likely_server_ports += udp_ports;

event zeek_init() &priority=5
	{
	local stream = Log::Stream($columns=Info, $path="kerberos", $ev=log_krb,
	                           $policy=log_policy);
	Log::create_stream(KRB::LOG, stream);
	}

# Makes sure c has its line; true when that line was already written
# (and the message is to be ignored).
function set_session(c: connection): bool
	{
	if ( c?$krb )
		return c$krb$logged;

	c$krb = Info($ts=network_time(), $uid=c$uid, $id=c$id);
	Conn::register_removal_hook(c, finalize_krb);
	return F;
	}

# Writes the line, once.
function do_log(c: connection)
	{
	if ( ! c?$krb || c$krb$logged )
		return;
	c$krb$logged = T;
	Log::write(KRB::LOG, c$krb);
	}

# What both ticket requests share: the service, validity and flags.
function note_request(rec: Info, kind: string, msg: KDC_Request)
	{
	rec$request_type = kind;
	if ( msg?$service_name )
		rec$service = msg$service_name;
	if ( msg?$from )
		rec$from = msg$from;
	if ( msg?$till )
		rec$till = msg$till;
	if ( msg?$kdc_options )
		{
		rec$forwardable = msg$kdc_options$forwardable;
		rec$renewable = msg$kdc_options$renewable;
		}
	}

# What both ticket answers share: the client (unless known), the ticket's
# service and encryption type, and success.
function note_response(rec: Info, msg: KDC_Response)
	{
	if ( ! rec?$client && ( msg?$client_name || msg?$client_realm ) )
		rec$client = msg$client_name + "/" + (msg?$client_realm ? msg$client_realm : "");
	rec$service = msg$ticket$service_name;
	rec$cipher = cipher_name[msg$ticket$cipher];
	rec$success = T;
	}

event krb_as_request(c: connection, msg: KDC_Request) &priority=5
	{
	if ( set_session(c) )
		return;
	local rec = c$krb;
	# The realm the client names is that of the service it asks.
	local name = msg?$client_name ? msg$client_name : "";
	local realm = msg?$service_realm ? msg$service_realm : "";
	rec$client = name + "/" + realm;
	note_request(rec, "AS", msg);
	}

event krb_tgs_request(c: connection, msg: KDC_Request) &priority=5
	{
	if ( ! set_session(c) )
		note_request(c$krb, "TGS", msg);
	}

event krb_as_response(c: connection, msg: KDC_Response) &priority=5
	{
	if ( ! set_session(c) )
		note_response(c$krb, msg);
	}

event krb_tgs_response(c: connection, msg: KDC_Response) &priority=5
	{
	if ( ! set_session(c) )
		note_response(c$krb, msg);
	}

event krb_ap_request(c: connection, ticket: KRB::Ticket, opts: KRB::AP_Options, in_kdc_padata: bool) &priority=5
	{
	# A ticket inside a TGS request's pre-authentication is part of that
	# request, not a service request of its own.
	if ( set_session(c) || in_kdc_padata )
		return;

	local rec = c$krb;
	rec$request_type = "AP";
	rec$service = ticket$service_name;
	rec$cipher = cipher_name[ticket$cipher];
	# Only the realm of the client is known here.
	rec$client = "/" + ticket$realm;
	}

event krb_ap_response(c: connection) &priority=5
	{
	if ( ! set_session(c) )
		c$krb$success = T;
	}

event krb_error(c: connection, msg: Error_Msg) &priority=5
	{
	if ( set_session(c) )
		return;

	if ( msg?$error_text && msg$error_text in ignored_errors )
		{
		# Not an answer: forget the line, the exchange starts over.
		delete c$krb;
		return;
		}

	local rec = c$krb;
	if ( ! rec?$client && ( msg?$client_name || msg?$client_realm ) )
		rec$client = (msg?$client_name ? msg$client_name + "/" : "")
		             + (msg?$client_realm ? msg$client_realm : "");
	if ( msg?$service_name )
		rec$service = msg$service_name;
	rec$success = F;
	rec$error_code = msg$error_code;
	if ( msg?$error_text )
		rec$error_msg = msg$error_text;
	else if ( msg$error_code in error_msg )
		rec$error_msg = error_msg[msg$error_code];
	}

# The answers are written after the handlers of default priority.
event krb_as_response(c: connection, msg: KDC_Response) &priority=-5
	{ do_log(c); }

event krb_tgs_response(c: connection, msg: KDC_Response) &priority=-5
	{ do_log(c); }

event krb_ap_response(c: connection) &priority=-5
	{ do_log(c); }

event krb_error(c: connection, msg: Error_Msg) &priority=-5
	{ do_log(c); }

hook finalize_krb(c: connection)
	{
	do_log(c);
	}
