##! http.log. Requests and replies are paired in order (a connection may
##! carry several, pipelined or one after the other); each pair gets an
##! :zeek:see:`HTTP::Info`, filled from the analyzer's events and written
##! when its reply is complete, or when the connection goes.

@load base/protocols/conn/removal-hooks

module HTTP;

export {
	## The http.log stream.
	redef enum Log::ID += { LOG };

	## The stream's policy hook.
	global log_policy: Log::PolicyHook;

	## Whether Basic authentication passwords are logged.
	option default_capture_password = F;

	## Things worth marking in a transaction.
	type Tags: enum {
		## Nothing yet.
		EMPTY
	};

	## The columns of http.log.
	type Info: record {
		## When the request (or, lacking one, the reply) started.
		ts: time &log;
		## The connection's unique identifier.
		uid: string &log;
		## Its addresses and ports.
		id: conn_id &log;
		## Which transaction of the connection this is, from 1.
		trans_depth: count &log;
		## The request method.
		method: string &log &optional;
		## The Host header.
		host: string &log &optional;
		## The request target, %-escapes decoded.
		uri: string &log &optional;
		## The Referer header.
		referrer: string &log &optional;
		## The reply's HTTP version.
		version: string &log &optional;
		## The User-Agent header.
		user_agent: string &log &optional;
		## The Origin header.
		origin: string &log &optional;
		## Body bytes the client sent.
		request_body_len: count &log &default=0;
		## Body bytes the server sent.
		response_body_len: count &log &default=0;
		## The final status code.
		status_code: count &log &optional;
		## The final status reason.
		status_msg: string &log &optional;
		## The last informational (1xx) code.
		info_code: count &log &optional;
		## The last informational reason.
		info_msg: string &log &optional;
		## Marks on the transaction.
		tags: set[Tags] &log;
		## The user of Basic authentication.
		username: string &log &optional;
		## The password of Basic authentication (when capture is on).
		password: string &log &optional;
		## Whether to keep the password.
		capture_password: bool &default=default_capture_password;
		## Headers hinting at a proxy, as "NAME -> value".
		proxied: set[string] &log &optional;
		## Whether the request asked for a range.
		range_request: bool &default=F;
	};

	## Transactions of a connection waiting for their replies.
	type State: record {
		## By transaction number.
		pending: table[count] of Info;
		## The number of the latest request.
		current_request: count &default=0;
		## The number of the latest reply.
		current_response: count &default=0;
		## The deepest transaction so far.
		trans_depth: count &default=0;
	};

	## Request headers that suggest a proxy.
	option proxy_headers: set[string] = {
		"FORWARDED", "X-FORWARDED-FOR", "X-FORWARDED-FROM", "CLIENT-IP",
		"VIA", "XROXY-CONNECTION", "PROXY-CONNECTION",
	};

	## The methods taken as ordinary; others are reported as weird.
	option http_methods: set[string] = {
		"GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE",
		"CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE",
		"LOCK", "UNLOCK", "POLL", "REPORT", "SUBSCRIBE", "BMOVE", "SEARCH",
	};

	## Past this many transactions waiting for replies, they are all
	## written out (0: no limit).
	option max_pending_requests = 100;

	## Raised with each line written to http.log.
	global log_http: event(rec: Info);

	## Writes what is left when the connection goes.
	global finalize_http: Conn::RemovalHook;
}

redef record connection += {
	## The transaction being worked on.
	http: Info &optional;
	## The connection's transactions.
	http_state: State &optional;
};

## The ports HTTP is looked for on from a connection's start.
const ports = {
	80/tcp, 81/tcp, 631/tcp, 1080/tcp, 3128/tcp, 8000/tcp, 8080/tcp, 8888/tcp,
};
redef likely_server_ports += ports;

event zeek_init() &priority=5
	{
	Log::create_stream(HTTP::LOG, Log::Stream($columns=Info, $path="http", $ev=log_http,
	                                          $policy=log_policy));
	}

# 1xx: a reply that another, final, one follows.
function is_informational(code: count): bool
	{
	return code / 100 == 1;
	}

# The connection's transactions, made (with the hook that writes what is
# left of them at the end) on first use.
function http_state_of(c: connection): State
	{
	if ( ! c?$http_state )
		{
		local fresh: State;
		c$http_state = fresh;
		Conn::register_removal_hook(c, finalize_http);
		}
	return c$http_state;
	}

# Transaction `n` of the connection, begun now if it is new.
function transaction(c: connection, st: State, n: count): Info
	{
	if ( n !in st$pending )
		{
		st$trans_depth += 1;
		local t: Info;
		t$ts = network_time();
		t$uid = c$uid;
		t$id = c$id;
		t$trans_depth = st$trans_depth;
		st$pending[n] = t;
		}
	return st$pending[n];
	}

# Points c$http at the transaction of the latest request (is_orig) or
# reply.
function set_state(c: connection, is_orig: bool)
	{
	local st = http_state_of(c);
	c$http = transaction(c, st, is_orig ? st$current_request : st$current_response);
	}

# Gives up on the replies still owed: writes out every transaction
# between the latest reply and the latest request as it stands.
function write_unanswered(st: State)
	{
	local n = st$current_response > 0 ? st$current_response : 1;
	while ( n < st$current_request )
		{
		if ( n in st$pending )
			{
			Log::write(HTTP::LOG, st$pending[n]);
			delete st$pending[n];
			}
		++n;
		}
	st$current_response = n;
	}

event http_request(c: connection, method: string, original_URI: string,
                   unescaped_URI: string, version: string) &priority=5
	{
	local st = http_state_of(c);

	# A reply came without its request: the request now seen starts
	# after it.
	if ( st$current_response > st$current_request )
		{
		Reporter::conn_weird("HTTP_response_before_request", c);
		st$current_request = st$current_response;
		}

	if ( max_pending_requests != 0 && |st$pending| > max_pending_requests )
		{
		Reporter::conn_weird("HTTP_excessive_pipelining", c);
		write_unanswered(st);
		}

	st$current_request += 1;
	set_state(c, T);
	local h = c$http;
	h$method = method;
	h$uri = unescaped_URI;

	if ( method !in http_methods )
		Reporter::conn_weird("unknown_HTTP_method", c, method);
	}

# Whether the latest reply was informational, so that the one now
# arriving belongs to the same transaction.
function final_reply_due(st: State): bool
	{
	local n = st$current_response;
	if ( n !in st$pending )
		return F;
	local prev = st$pending[n];
	return prev?$status_code && is_informational(prev$status_code);
	}

event http_reply(c: connection, version: string, code: count, reason: string) &priority=5
	{
	local st = http_state_of(c);
	if ( ! final_reply_due(st) )
		st$current_response += 1;

	set_state(c, F);
	local h = c$http;
	h$version = version;
	h$status_code = code;
	h$status_msg = reason;

	# The interim reply is kept beside the final one that will replace
	# the status.
	if ( is_informational(code) )
		{
		h$info_code = code;
		h$info_msg = reason;
		}
	}

# Takes the user name, and the password if it is to be kept, from the
# value of a header carrying Basic credentials.
function take_basic_credentials(h: Info, value: string)
	{
	if ( to_upper(value[0:6]) != "BASIC " )
		return;

	local decoded = decode_base64(sub(value[6:], /^[[:blank:]]*/, ""));
	local user_pass = split_string1(decoded, /:/);
	local well_formed = |user_pass| == 2;

	h$username = well_formed ? user_pass[0] : fmt("<problem-decoding> (%s)", value);
	if ( h$capture_password )
		h$password = well_formed ? user_pass[1] : decoded;
	}

event http_header(c: connection, is_orig: bool, original_name: string, name: string, value: string) &priority=5
	{
	set_state(c, is_orig);

	# Only the client's headers are recorded.
	if ( ! is_orig )
		return;

	local h = c$http;
	if ( name == "HOST" )
		h$host = value;
	else if ( name == "USER-AGENT" )
		h$user_agent = value;
	else if ( name == "REFERER" )
		h$referrer = value;
	else if ( name == "ORIGIN" )
		h$origin = value;
	else if ( name == "RANGE" )
		h$range_request = T;
	else if ( name == "AUTHORIZATION" || name == "PROXY-AUTHORIZATION" )
		take_basic_credentials(h, value);
	else if ( name in proxy_headers )
		{
		local seen: set[string] = h?$proxied ? h$proxied : set();
		add seen[fmt("%s -> %s", name, value)];
		h$proxied = seen;
		}
	}

event http_message_done(c: connection, is_orig: bool, stat: http_message_stat) &priority=5
	{
	set_state(c, is_orig);
	local h = c$http;
	if ( is_orig )
		h$request_body_len = stat$body_length;
	else
		h$response_body_len = stat$body_length;
	}

# A final reply, once complete, ends its transaction.
event http_message_done(c: connection, is_orig: bool, stat: http_message_stat) &priority=-5
	{
	local h = c$http;
	local interim = h?$status_code && is_informational(h$status_code);
	if ( is_orig || interim )
		return;

	Log::write(HTTP::LOG, h);
	delete c$http_state$pending[c$http_state$current_response];
	}

hook finalize_http(c: connection)
	{
	if ( ! c?$http_state )
		return;

	# Number 0 collects what came before any request or reply; it is not
	# a transaction.
	for ( n, t in c$http_state$pending )
		{
		if ( n > 0 )
			Log::write(HTTP::LOG, t);
		}
	}
