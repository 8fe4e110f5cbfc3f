##! ntlm.log: one line per NTLM authentication: who logged in from which
##! workstation and domain, the names the server gave for itself in its
##! challenge, and, when the carrying protocol's GSSAPI layer tells,
##! whether it worked.
##!
##! The line is written when the outcome is known, or else when the
##! connection goes.

@load base/protocols/conn/removal-hooks

module NTLM;

export {
	## The ntlm.log stream.
	redef enum Log::ID += { LOG };

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## A line of ntlm.log.
	type Info: record {
		## When the first NTLM message was seen.
		ts: time &log;
		## The connection's uid and addresses.
		uid: string &log;
		id: conn_id &log;
		## The client's user, workstation and domain (AUTHENTICATE).
		username: string &log &optional;
		hostname: string &log &optional;
		domainname: string &log &optional;
		## The server's NetBIOS and DNS names and its forest
		## (CHALLENGE's target information).
		server_nb_computer_name: string &log &optional;
		server_dns_computer_name: string &log &optional;
		server_tree_name: string &log &optional;
		## Whether the authentication succeeded.
		success: bool &log &optional;
		## Whether the line was written.
		done: bool &default=F;
	};

	## Registered for each connection with NTLM: writes a line not yet
	## written.
	global finalize_ntlm: Conn::RemovalHook;
}

redef record connection += {
	## The connection's authentication.
	ntlm: Info &optional;
};

event zeek_init() &priority=5
	{
	local stream = Log::Stream($columns=Info, $path="ntlm", $policy=log_policy);
	Log::create_stream(NTLM::LOG, stream);
	}

# The line of c's authentication, started by its first message.
function session(c: connection): Info
	{
	if ( ! c?$ntlm )
		{
		c$ntlm = Info($ts=network_time(), $uid=c$uid, $id=c$id);
		Conn::register_removal_hook(c, finalize_ntlm);
		}
	return c$ntlm;
	}

event ntlm_negotiate(c: connection, negotiate: NTLM::Negotiate) &priority=5
	{
	session(c);
	}

event ntlm_challenge(c: connection, challenge: NTLM::Challenge) &priority=5
	{
	local rec = session(c);
	if ( ! challenge?$target_info )
		return;

	local names = challenge$target_info;
	rec$server_nb_computer_name = names$nb_computer_name;
	if ( names?$dns_computer_name )
		rec$server_dns_computer_name = names$dns_computer_name;
	if ( names?$dns_tree_name )
		rec$server_tree_name = names$dns_tree_name;
	}

event ntlm_authenticate(c: connection, request: NTLM::Authenticate) &priority=5
	{
	local rec = session(c);
	if ( request?$user_name )
		rec$username = request$user_name;
	if ( request?$workstation )
		rec$hostname = request$workstation;
	if ( request?$domain_name )
		rec$domainname = request$domain_name;
	}

# The GSSAPI negotiation result: 0 accepted, 1 still incomplete (no
# outcome yet), 2 rejected.
event gssapi_neg_result(c: connection, state: count) &priority=3
	{
	if ( state != 1 && c?$ntlm )
		c$ntlm$success = state == 0;
	}

event gssapi_neg_result(c: connection, state: count) &priority=-3
	{
	if ( ! c?$ntlm )
		return;
	local rec = c$ntlm;
	if ( rec$done || ! rec?$success )
		return;
	Log::write(NTLM::LOG, rec);
	rec$done = T;
	}

# Undecided, but logged all the same.
hook finalize_ntlm(c: connection)
	{
	if ( ! c?$ntlm )
		return;
	local rec = c$ntlm;
	if ( ! rec$done )
		Log::write(NTLM::LOG, rec);
	}
