##! ssl.log: one line per SSL, TLS or DTLS session, saying which version
##! and cipher suite the two sides settled on, the server name the client
##! asked for, whether an earlier session was resumed, and the order in
##! which handshake messages went back and forth (ssl_history).
##!
##! The line is written as soon as the handshake completes
##! (ssl_established), or, for a handshake that never completes, when the
##! connection is removed. Other scripts can hold a line back with
##! delay_log until they have added their own fields to it.

@load base/frameworks/notice/weird
@load base/protocols/conn/removal-hooks
@load ./consts

module SSL;

export {
	## The ssl.log stream.
	redef enum Log::ID += { LOG };

	## TCP ports on which SSL/TLS is expected (HTTPS, the TLS variants of
	## NNTP, LDAP, FTP, telnet, IMAP, POP3, and XMPP's legacy port).
	const ssl_ports = {
		443/tcp, 465/tcp, 563/tcp, 585/tcp, 614/tcp, 636/tcp, 989/tcp,
		990/tcp, 992/tcp, 993/tcp, 995/tcp, 5223/tcp,
	} &redef;

	## UDP ports on which DTLS is expected. DTLS has no ports of its own.
	const dtls_ports = { 443/udp } &redef;

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## A line of ssl.log, and the state the handshake handlers keep in it.
	type Info: record {
		## When the session's first message was seen.
		ts: time &log;
		## The connection's uid and addresses.
		uid: string &log; id: conn_id &log;
		## The version the server picked: its number (not logged) and
		## its name.
		version_num: count &optional; version: string &log &optional;
		## The cipher suite the server picked.
		cipher: string &log &optional;
		## The named group of an ECDH(E) key exchange.
		curve: string &log &optional;
		## The host name the client asked for (server_name extension).
		server_name: string &log &optional;
		## The session id the client offered, hex-encoded; used to tell
		## a resumption, not logged.
		session_id: string &optional;
		## Whether the session reused the keys of an earlier one.
		resumed: bool &log &default=F;
		## Internal flags for telling resumption: the client sent a
		## session ticket with an empty session id, the client sent a key
		## exchange, the client offered a pre-shared key (TLS 1.3).
		client_ticket_empty_session_seen: bool &default=F;
		client_key_exchange_seen: bool &default=F;
		client_psk_seen: bool &default=F;
		## The description of the last alert either side sent.
		last_alert: string &log &optional;
		## The application protocol the server chose (ALPN).
		next_protocol: string &log &optional;
		## The id of the analyzer instance, to remove it once the
		## session is logged.
		analyzer_id: count &optional;
		## Whether the handshake completed.
		established: bool &log &default=F;
		## Whether the line was written already.
		logged: bool &default=F;
		## A hello-retry request was just seen (its server hello comes
		## next and is logged as "j").
		hrr_seen: bool &default=F;
		## One letter per message, upper case for the client's and lower
		## case for the server's:
		##
		## h hello_request, c client_hello, s server_hello,
		## v hello_verify_request, t new session ticket, e
		## end_of_early_data, j hello_retry_request, o
		## encrypted_extensions, x certificate, k server_key_exchange, r
		## certificate_request, n server_hello_done, y
		## certificate_verify, g client_key_exchange, f finished, w
		## certificate_url, u certificate_status, a supplemental_data, p
		## key_update, m message_hash, z any other handshake type, i
		## change_cipher_spec, l alert, b heartbeat.
		##
		## A "^" marks where the analyzer found the client hello coming
		## from the responder and swapped the roles (DTLS after STUN, for
		## instance).
		ssl_history: string &log &default="";
	};

	## Root certificates to validate chains against (subject to DER);
	## empty unless a script fills it.
	const root_certs: table[string] of string &redef;

	## A Certificate Transparency log.
	type CTInfo: record {
		description: string;	##< What the log calls itself.
		operator: string;	##< Who runs it.
		key: string;	##< Its public key.
		maximum_merge_delay: count;	##< Its promised merge delay.
		url: string;	##< Where it is.
	};

	## Known Certificate Transparency logs, by binary log id; empty
	## unless a script fills it.
	option ct_logs: table[string] of CTInfo = {};

	## Once a session is logged, stop analyzing its (encrypted) traffic.
	option disable_analyzer_after_detection = T;

	## ssl_history stops growing at this length (with a weird).
	option max_ssl_history_length = 100;

	## Holds info's line back until undelay_log is called with the same
	## token, or for 15 seconds at most.
	global delay_log: function(info: Info, token: string);

	## Releases a token given to delay_log.
	global undelay_log: function(info: Info, token: string);

	## Raised with each line written.
	global log_ssl: event(rec: Info);

	## Runs just before a session's line is written, for scripts that
	## fill in fields from state gathered during the handshake.
	global ssl_finishing: hook(c: connection);

	## Registered for each connection with a session: writes a line not
	## yet written when the connection goes.
	global finalize_ssl: Conn::RemovalHook;
}

redef record connection += {
	## The connection's SSL/TLS session.
	ssl: Info &optional;
};

redef record Info += {
	## Tokens of delay_log still outstanding.
	delay_tokens: set[string] &optional;
};

# RFC 8446 4.1.3: a server hello whose random is this fixed value is a
# hello-retry request.
const retry_request_random =
	"\xCF\x21\xAD\x74\xE5\x9A\x61\x11\xBE\x1D\x8C\x02\x1E\x65\xB8\x91"
	+ "\xC2\xA2\x11\x16\x7A\xBB\x8C\x5E\x07\x9E\x09\xE2\xC8\xA8\x33\x9C";

# History letters of the handshake message types (see Info$ssl_history).
# Server hellos are handled apart, since they may be retry requests.
const message_letter: table[count] of string = {
	[HELLO_REQUEST] = "h", [CLIENT_HELLO] = "c",
	[HELLO_VERIFY_REQUEST] = "v", [SESSION_TICKET] = "t",
	[5] = "e",	# end_of_early_data
	[HELLO_RETRY_REQUEST] = "j", [ENCRYPTED_EXTENSIONS] = "o",
	[CERTIFICATE] = "x", [SERVER_KEY_EXCHANGE] = "k",
	[CERTIFICATE_REQUEST] = "r", [SERVER_HELLO_DONE] = "n",
	[CERTIFICATE_VERIFY] = "y", [CLIENT_KEY_EXCHANGE] = "g",
	[FINISHED] = "f", [CERTIFICATE_URL] = "w", [CERTIFICATE_STATUS] = "u",
	[SUPPLEMENTAL_DATA] = "a", [KEY_UPDATE] = "p",
	[254] = "m",	# message_hash
} &default="z";

event zeek_init() &priority=6
	{
	local stream = Log::Stream($columns=Info, $path="ssl", $ev=log_ssl, $policy=log_policy);
	Log::create_stream(SSL::LOG, stream);
	}

## The session record of c, started (and given its removal hook) by the
## first message seen.
function session(c: connection): Info
	{
	if ( ! c?$ssl )
		{
		c$ssl = Info($ts=network_time(), $uid=c$uid, $id=c$id);
		Conn::register_removal_hook(c, finalize_ssl);
		}
	return c$ssl;
	}

# Appends one history letter, in the case that says who sent the message.
function add_to_history(c: connection, from_client: bool, letter: string)
	{
	local s = session(c);
	if ( |s$ssl_history| >= max_ssl_history_length )
		return;

	s$ssl_history += from_client ? to_upper(letter) : to_lower(letter);
	local n = |s$ssl_history|;
	if ( n == max_ssl_history_length )
		Reporter::limit_reached_weird("SSL_max_ssl_history_length_reached", c, n, 0, "SSL");
	}

function delay_log(info: Info, token: string)
	{
	if ( info?$delay_tokens )
		add info$delay_tokens[token];
	else
		info$delay_tokens = set(token);
	}

function undelay_log(info: Info, token: string)
	{
	if ( info?$delay_tokens && token in info$delay_tokens )
		delete info$delay_tokens[token];
	}

# Whether some delay_log token of the line is still outstanding.
function held_back(info: Info): bool
	{
	return info?$delay_tokens && |info$delay_tokens| > 0;
	}

# Writes the line, once: right away when nothing holds it back, else
# when the last token is released or after 15 seconds, whichever comes
# first.
function log_record(info: Info)
	{
	if ( info$logged )
		return;

	if ( ! held_back(info) )
		{
		info$logged = T;
		Log::write(SSL::LOG, info);
		return;
		}

	when [info] ( ! held_back(info) )
		{
		log_record(info);
		}
	timeout 15secs
		{
		# Whoever held it back is too late now.
		info$delay_tokens = set();
		log_record(info);
		}
	}

# Logs the session; after a completed handshake, also stops the analyzer
# (if so configured), since all that follows is encrypted.
function finish(c: connection, stop_analyzer: bool)
	{
	local s = c$ssl;
	log_record(s);

	if ( stop_analyzer && disable_analyzer_after_detection && s?$analyzer_id )
		{
		if ( disable_analyzer(c$id, s$analyzer_id) )
			delete s$analyzer_id;
		}
	}

# The name of a version, remembering its number too.
function note_version(s: Info, v: count)
	{
	s$version_num = v;
	s$version = version_strings[v];
	}

event ssl_client_hello(c: connection, version: count, record_version: count, possible_ts: time, client_random: string, session_id: string, ciphers: index_vec, comp_methods: index_vec) &priority=5
	{
	local s = session(c);

	# An all-zero id is a placeholder, not an offer to resume.
	if ( session_id != "" && session_id != /^\x00{32}$/ )
		{
		s$session_id = bytestring_to_hexstr(session_id);
		s$client_ticket_empty_session_seen = F;
		}

	# An SSLv2 hello (record version 0) comes without a handshake
	# message event, so its letter is added here.
	if ( record_version == 0 )
		add_to_history(c, T, "c");
	}

event ssl_server_hello(c: connection, version: count, record_version: count, possible_ts: time, server_random: string, session_id: string, cipher: count, comp_method: count) &priority=5
	{
	local s = session(c);

	# A supported_versions extension, seen first, says the real version.
	if ( ! s?$version_num )
		note_version(s, version);
	s$cipher = cipher_desc[cipher];

	if ( server_random == retry_request_random )
		s$hrr_seen = T;

	# Resumption in TLS 1.2 and before: the server echoes the client's
	# session id. (Not for TLS 1.3 and its drafts, which echo it always.)
	local tls13 = s$version_num == TLSv13 || s$version_num / 0xFF == 0x7F;
	if ( ! tls13 && s?$session_id && s$session_id == bytestring_to_hexstr(session_id) )
		s$resumed = T;

	# As for the client hello: SSLv2 has no handshake message event.
	if ( version == SSLv2 )
		add_to_history(c, F, "s");
	}

event ssl_extension_supported_versions(c: connection, is_client: bool, versions: index_vec)
	{
	# The server's answer names exactly one version.
	if ( ! is_client && |versions| == 1 )
		note_version(session(c), versions[0]);
	}

event ssl_ecdh_server_params(c: connection, curve: count, point: string) &priority=5
	{
	session(c)$curve = ec_curves[curve];
	}

event ssl_extension_key_share(c: connection, is_client: bool, curves: index_vec)
	{
	# In TLS 1.3 the server's key share names the group used.
	if ( ! is_client && |curves| == 1 )
		session(c)$curve = ec_curves[curves[0]];
	}

event ssl_extension_server_name(c: connection, is_client: bool, names: string_vec) &priority=5
	{
	local s = session(c);
	if ( ! is_client || |names| == 0 )
		return;

	s$server_name = names[0];
	if ( |names| != 1 )
		Reporter::conn_weird("SSL_many_server_names", c, cat(names));
	}

event ssl_extension_application_layer_protocol_negotiation(c: connection, is_client: bool, protocols: string_vec)
	{
	local s = session(c);
	# The client lists what it can speak; the server's one choice counts.
	if ( ! is_client && |protocols| > 0 )
		s$next_protocol = protocols[0];
	}

event ssl_connection_flipped(c: connection)
	{
	local s = session(c);
	s$ssl_history = s$ssl_history + "^";
	}

event ssl_handshake_message(c: connection, is_client: bool, msg_type: count, length: count) &priority=5
	{
	local s = session(c);

	if ( is_client && msg_type == CLIENT_KEY_EXCHANGE )
		s$client_key_exchange_seen = T;

	local letter = message_letter[msg_type];
	if ( msg_type == SERVER_HELLO )
		{
		# ssl_server_hello came first and said whether this was a
		# retry request.
		if ( s$hrr_seen )
			letter = "j";
		else
			letter = "s";
		s$hrr_seen = F;
		}
	add_to_history(c, is_client, letter);
	}

# Extensions arrive before the hello that carries them.
event ssl_extension(c: connection, is_client: bool, code: count, val: string) &priority=5
	{
	local s = session(c);

	switch ( code )
		{
		case SSL_EXTENSION_SESSIONTICKET_TLS:
			# A ticket, maybe with an empty session id: the client
			# hello clears this again if the id is not empty.
			if ( is_client && val != "" )
				s$client_ticket_empty_session_seen = T;
			break;
		case SSL_EXTENSION_PRE_SHARED_KEY:
			# The server taking up a key the client offered is a
			# TLS 1.3 resumption.
			if ( is_client )
				s$client_psk_seen = T;
			else if ( s$client_psk_seen )
				s$resumed = T;
			break;
		}
	}

event ssl_change_cipher_spec(c: connection, is_client: bool) &priority=5
	{
	local s = session(c);
	add_to_history(c, is_client, "i");

	# A ticket and no key exchange before the client switches to the
	# new keys: the ticket's keys were reused.
	if ( is_client && s$client_ticket_empty_session_seen && ! s$client_key_exchange_seen )
		s$resumed = T;
	}

event ssl_alert(c: connection, is_client: bool, level: count, desc: count) &priority=5
	{
	add_to_history(c, is_client, "l");
	c$ssl$last_alert = alert_descriptions[desc];
	}

event ssl_heartbeat(c: connection, is_client: bool, length: count, heartbeat_type: count, payload_length: count, payload: string)
	{
	add_to_history(c, is_client, "b");
	}

event ssl_plaintext_data(c: connection, is_client: bool, record_version: count, content_type: count, length: count) &priority=5
	{
	local s = session(c);

	# Application data in the clear after the hellos but before the
	# handshake completed.
	if ( content_type == APPLICATION_DATA && s?$version && ! s$established )
		Reporter::conn_weird("ssl_early_application_data", c);
	}

# The end of the handshake, in three steps: first other scripts finish
# their fields (ssl_finishing), then the session counts as established,
# and last, after the handlers of default priority, it is logged.
event ssl_established(c: connection) &priority=20
	{
	session(c);
	hook ssl_finishing(c);
	}

event ssl_established(c: connection) &priority=7
	{
	session(c)$established = T;
	}

event ssl_established(c: connection) &priority=-5
	{
	finish(c, T);
	}

hook finalize_ssl(c: connection)
	{
	if ( ! c?$ssl )
		return;

	# A handshake that never completed is logged as it stands.
	local s = c$ssl;
	if ( ! s$logged )
		hook ssl_finishing(c);
	finish(c, F);
	}
