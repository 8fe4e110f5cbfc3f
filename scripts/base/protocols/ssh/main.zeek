##! ssh.log: one line per SSH connection, with the versions both sides
##! announced, the algorithms they agreed on and how authentication went.
##! The line is written when a login succeeds, else when the connection
##! goes (a failed login is reported by ssh_auth_failed first).

@load base/utils/directions-and-hosts
@load base/protocols/conn/removal-hooks

module SSH;

export {
	## The ssh.log stream.
	redef enum Log::ID += { LOG };

	## Ports SSH is expected on.
	const ports = { 22/tcp } &redef;

	## The stream's policy hook.
	global log_policy: Log::PolicyHook;

	## The columns of ssh.log.
	type Info: record {
		## When the first version string was seen.
		ts: time &log;
		## The connection's unique id.
		uid: string &log;
		## Its addresses and ports.
		id: conn_id &log;
		## The protocol's major version (1 or 2).
		version: count &log &optional;
		## Whether a login succeeded (unset: not known).
		auth_success: bool &log &optional;
		## Logins tried.
		auth_attempts: count &log &default=0;
		## Inbound or outbound, when one side is local.
		direction: Direction &log &optional;
		## The client's version string.
		client: string &log &optional;
		## The server's version string.
		server: string &log &optional;
		## The cipher agreed.
		cipher_alg: string &log &optional;
		## The MAC agreed.
		mac_alg: string &log &optional;
		## The compression agreed.
		compression_alg: string &log &optional;
		## The key exchange agreed.
		kex_alg: string &log &optional;
		## The server's host key algorithm.
		host_key_alg: string &log &optional;
		## The fingerprint of the server's host key.
		host_key_fingerprint: string &log &optional;
	};

	## Compression methods that hide whether a login succeeded; with one
	## of them, logins are not counted.
	option compression_algorithms = set("zlib", "zlib@openssh.com");

	## Whether the analyzer is removed after a successful login.
	option disable_analyzer_after_detection = T;

	## Raised with each line written to ssh.log.
	global log_ssh: event(rec: Info);

	## Writes what is left when the connection goes.
	global finalize_ssh: Conn::RemovalHook;
}

module GLOBAL;

export {
	## Raised when a connection with login attempts ends without one
	## succeeding.
	global ssh_auth_failed: event(c: connection);

	## Raised once the outcome of a connection's logins is known.
	global ssh_auth_result: event(c: connection, result: bool, auth_attempts: count);
}

module SSH;

redef record Info += {
	## Whether the line was written.
	logged: bool &default=F;
	## The first side's KEXINIT, until the other's arrives.
	capabilities: Capabilities &optional;
	## The id of the analyzer on the connection.
	analyzer_id: count &optional;
};

redef record connection += {
	## The connection's SSH session.
	ssh: Info &optional;
};

event zeek_init() &priority=5
	{
	Log::create_stream(SSH::LOG, [$columns=Info, $ev=log_ssh, $path="ssh", $policy=log_policy]);
	}

function session(c: connection): Info
	{
	if ( c?$ssh )
		return c$ssh;
	local s = Info($ts=network_time(), $uid=c$uid, $id=c$id);
	local orig_local = Site::is_local_addr(c$id$orig_h);
	if ( orig_local != Site::is_local_addr(c$id$resp_h) )
		s$direction = orig_local ? OUTBOUND : INBOUND;
	c$ssh = s;
	Conn::register_removal_hook(c, finalize_ssh);
	return s;
	}

# The version digit of "SSH-x.y-...", and whether it is 1.99 (a server or
# client that speaks both).
function major(v: string): string
	{
	return v[4];
	}

function speaks_both(v: string): bool
	{
	return |v| > 7 && v[6:8] == "99";
	}

# Works out the version once both sides announced theirs.
function decide_version(c: connection)
	{
	local s = c$ssh;
	delete s$version;
	if ( ! s?$client || ! s?$server || s$client == "" || s$server == "" )
		return;
	if ( |s$client| <= 4 || |s$server| <= 4 )
		{
		Reporter::conn_weird("SSH_cannot_determine_version", c,
		                     fmt("%s vs %s", s$server, s$client));
		return;
		}
	local cv = major(s$client);
	local sv = major(s$server);
	if ( cv == "2" && sv == "2" )
		s$version = 2;
	else if ( cv == "1" && sv == "1" )
		s$version = speaks_both(s$server) && speaks_both(s$client) ? 2 : 1;
	else if ( (cv == "1" && sv == "2" && speaks_both(s$client)) ||
	          (cv == "2" && sv == "1" && speaks_both(s$server)) )
		s$version = 2;
	else if ( (cv == "1" && sv == "2") || (cv == "2" && sv == "1") )
		Reporter::conn_weird("SSH_version_mismatch", c, fmt("%s vs %s", s$server, s$client));
	}

event ssh_server_version(c: connection, version: string)
	{
	session(c)$server = version;
	decide_version(c);
	}

event ssh_client_version(c: connection, version: string)
	{
	session(c)$client = version;
	decide_version(c);
	}

event ssh_auth_attempted(c: connection, authenticated: bool) &priority=5
	{
	if ( ! c?$ssh )
		return;
	local s = c$ssh;
	if ( s?$auth_success && s$auth_success )
		return;
	if ( s?$compression_alg && s$compression_alg in compression_algorithms )
		return;
	s$auth_success = authenticated;
	++s$auth_attempts;
	if ( authenticated && disable_analyzer_after_detection && s?$analyzer_id )
		disable_analyzer(c$id, s$analyzer_id);
	}

event ssh_auth_attempted(c: connection, authenticated: bool) &priority=-5
	{
	if ( ! authenticated || ! c?$ssh || c$ssh$logged )
		return;
	event ssh_auth_result(c, T, c$ssh$auth_attempts);
	c$ssh$logged = T;
	Log::write(SSH::LOG, c$ssh);
	}

# The client's first choice the server also offers.
function agree(client: vector of string, server: vector of string): string
	{
	local offered: set[string] = set();
	for ( _, a in server )
		add offered[a];
	for ( _, a in client )
		if ( a in offered )
			return a;
	return "Algorithm negotiation failed";
	}

# The same for a pair of directions, named apart when they differ.
function agree_both(client: Algorithm_Prefs, server: Algorithm_Prefs): string
	{
	local up = agree(client$client_to_server, server$client_to_server);
	local down = agree(client$server_to_client, server$server_to_client);
	if ( up == down )
		return up;
	return fmt("To server: %s, to client: %s", up, down);
	}

event ssh_capabilities(c: connection, cookie: string, capabilities: Capabilities)
	{
	if ( ! c?$ssh )
		return;
	local s = c$ssh;
	if ( ! s?$capabilities )
		{
		s$capabilities = capabilities;
		return;
		}
	if ( s$capabilities$is_server == capabilities$is_server )
		return;
	local cl = capabilities$is_server ? s$capabilities : capabilities;
	local sv = capabilities$is_server ? capabilities : s$capabilities;
	s$cipher_alg = agree_both(cl$encryption_algorithms, sv$encryption_algorithms);
	s$mac_alg = agree_both(cl$mac_algorithms, sv$mac_algorithms);
	s$compression_alg = agree_both(cl$compression_algorithms, sv$compression_algorithms);
	s$kex_alg = agree(cl$kex_algorithms, sv$kex_algorithms);
	s$host_key_alg = agree(cl$server_host_key_algorithms, sv$server_host_key_algorithms);
	}

event ssh_server_host_key_fingerprint(c: connection, fingerprint: string) &priority=5
	{
	if ( c?$ssh )
		c$ssh$host_key_fingerprint = fingerprint;
	}

hook finalize_ssh(c: connection)
	{
	if ( ! c?$ssh || c$ssh$logged )
		return;
	local s = c$ssh;
	# Both sides talked and logins were tried: unless one succeeded (and
	# was logged then), they failed.
	if ( s?$client && s?$server && s?$auth_success )
		{
		if ( ! s$auth_success )
			event ssh_auth_failed(c);
		return;
		}
	s$logged = T;
	Log::write(SSH::LOG, s);
	}

event ssh_auth_failed(c: connection) &priority=-5
	{
	if ( ! c?$ssh || c$ssh$logged )
		return;
	c$ssh$logged = T;
	Log::write(SSH::LOG, c$ssh);
	event ssh_auth_result(c, F, c$ssh$auth_attempts);
	}
