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
	Log::create_stream(HTTP::LOG, [$columns=Info, $ev=log_http, $path="http", $policy=log_policy]);
	}

function is_informational(code: count): bool
	{
	return 100 <= code && code <= 199;
	}

function init_state(c: connection)
	{
	if ( c?$http_state )
		return;
	local s: State;
	c$http_state = s;
	Conn::register_removal_hook(c, finalize_http);
	}

# Points c$http at the transaction of the latest request (is_orig) or
# reply, making it if need be.
function set_state(c: connection, is_orig: bool)
	{
	init_state(c);
	local n = is_orig ? c$http_state$current_request : c$http_state$current_response;
	if ( n !in c$http_state$pending )
		{
		local info: Info;
		info$ts = network_time();
		info$uid = c$uid;
		info$id = c$id;
		++c$http_state$trans_depth;
		info$trans_depth = c$http_state$trans_depth;
		c$http_state$pending[n] = info;
		}
	c$http = c$http_state$pending[n];
	}

event http_request(c: connection, method: string, original_URI: string,
                   unescaped_URI: string, version: string) &priority=5
	{
	init_state(c);
	local st = c$http_state;

	# More replies than requests: let this request pair with the next
	# reply.
	if ( st$current_request < st$current_response )
		{
		Reporter::conn_weird("HTTP_response_before_request", c);
		st$current_request = st$current_response;
		}

	# Too many unanswered: write them out and start afresh.
	if ( max_pending_requests > 0 && |st$pending| > max_pending_requests )
		{
		Reporter::conn_weird("HTTP_excessive_pipelining", c);
		if ( st$current_response == 0 )
			++st$current_response;
		while ( st$current_response < st$current_request )
			{
			if ( st$current_response in st$pending )
				{
				Log::write(HTTP::LOG, st$pending[st$current_response]);
				delete st$pending[st$current_response];
				}
			++st$current_response;
			}
		}

	++st$current_request;
	set_state(c, T);
	c$http$method = method;
	c$http$uri = unescaped_URI;

	if ( method !in http_methods )
		Reporter::conn_weird("unknown_HTTP_method", c, method);
	}

event http_reply(c: connection, version: string, code: count, reason: string) &priority=5
	{
	init_state(c);
	local st = c$http_state;

	# After an informational reply the final one is still to come, for
	# the same transaction.
	if ( st$current_response !in st$pending ||
	     ! st$pending[st$current_response]?$status_code ||
	     ! is_informational(st$pending[st$current_response]$status_code) )
		++st$current_response;

	set_state(c, F);
	c$http$status_code = code;
	c$http$status_msg = reason;
	c$http$version = version;

	if ( is_informational(code) )
		{
		c$http$info_code = code;
		c$http$info_msg = reason;
		}
	}

event http_header(c: connection, is_orig: bool, original_name: string, name: string, value: string) &priority=5
	{
	set_state(c, is_orig);
	if ( ! is_orig )
		return;

	switch ( name ) {
	case "HOST":
		c$http$host = value;
		break;
	case "REFERER":
		c$http$referrer = value;
		break;
	case "USER-AGENT":
		c$http$user_agent = value;
		break;
	case "ORIGIN":
		c$http$origin = value;
		break;
	case "RANGE":
		c$http$range_request = T;
		break;
	case "AUTHORIZATION", "PROXY-AUTHORIZATION":
		if ( /^[bB][aA][sS][iI][cC] / in value )
			{
			local creds = decode_base64(sub(value, /^[bB][aA][sS][iI][cC][[:blank:]]+/, ""));
			local parts = split_string1(creds, /:/);
			if ( |parts| == 2 )
				{
				c$http$username = parts[0];
				if ( c$http$capture_password )
					c$http$password = parts[1];
				}
			else
				{
				c$http$username = fmt("<problem-decoding> (%s)", value);
				if ( c$http$capture_password )
					c$http$password = creds;
				}
			}
		break;
	default:
		if ( name in proxy_headers )
			{
			if ( ! c$http?$proxied )
				c$http$proxied = set();
			add c$http$proxied[fmt("%s -> %s", name, value)];
			}
		break;
	}
	}

event http_message_done(c: connection, is_orig: bool, stat: http_message_stat) &priority=5
	{
	set_state(c, is_orig);
	if ( is_orig )
		c$http$request_body_len = stat$body_length;
	else
		c$http$response_body_len = stat$body_length;
	}

# A complete final reply ends its transaction.
event http_message_done(c: connection, is_orig: bool, stat: http_message_stat) &priority=-5
	{
	if ( is_orig )
		return;
	if ( c$http?$status_code && is_informational(c$http$status_code) )
		return;
	Log::write(HTTP::LOG, c$http);
	delete c$http_state$pending[c$http_state$current_response];
	}

hook finalize_http(c: connection)
	{
	if ( ! c?$http_state )
		return;
	for ( n, info in c$http_state$pending )
		{
		# Slot 0 holds what came before any request or reply.
		if ( n == 0 )
			next;
		Log::write(HTTP::LOG, info);
		}
	}
