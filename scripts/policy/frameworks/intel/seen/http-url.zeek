##! The URL of each HTTP request is a sighting once the request is
##! complete: the host (with the port unless it is 80) and the path,
##! without a scheme; a request for an absolute URL names it whole.

@load base/frameworks/intel
@load base/protocols/http
@load ./where-locations

module Intel;

# The request's URL as intel lists URLs.
function http_request_url(rec: HTTP::Info): string
	{
	local path = rec?$uri ? rec$uri : "/<missed_request>";
	if ( strstr(path, "://") > 0 )
		return path;

	local host = rec?$host ? rec$host : addr_to_uri(rec$id$resp_h);
	if ( rec$id$resp_p != 80/tcp )
		host = fmt("%s:%d", host, port_to_count(rec$id$resp_p));
	return host + path;
	}

event http_message_done(c: connection, is_orig: bool, stat: http_message_stat)
	{
	if ( ! is_orig || ! c?$http )
		return;

	Intel::seen([$indicator=http_request_url(c$http), $indicator_type=Intel::URL,
	             $conn=c, $where=HTTP::IN_URL]);
	}
