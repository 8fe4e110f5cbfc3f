##! URLs of HTTP requests, and the keys of query strings.

@load ./main
@load base/utils/addrs

module HTTP;

export {
	## The keys of "k=v" pairs separated by kv_splitter.
	global extract_keys: function(data: string, kv_splitter: pattern): string_vec;
	## The host (with the port unless 80) and path of a request.
	global build_url: function(rec: Info): string;
	## The same as an http:// URL.
	global build_url_http: function(rec: Info): string;
	## How a request is described in notices.
	global describe: function(rec: Info): string;
}

function extract_keys(data: string, kv_splitter: pattern): string_vec
	{
	local keys: string_vec = vector();
	for ( _, pair in split_string(data, kv_splitter) )
		{
		local kv = split_string1(pair, /=/);
		if ( |kv| > 0 )
			keys += kv[0];
		}
	return keys;
	}

function build_url(rec: Info): string
	{
	local uri = rec?$uri ? rec$uri : "/<missed_request>";
	# An absolute URI (to a proxy) is the URL already.
	if ( strstr(uri, "://") != 0 )
		return uri;
	local host = rec?$host ? rec$host : addr_to_uri(rec$id$resp_h);
	local p = port_to_count(rec$id$resp_p);
	if ( p != 80 )
		host = fmt("%s:%d", host, p);
	return host + uri;
	}

function build_url_http(rec: Info): string
	{
	return "http://" + build_url(rec);
	}

function describe(rec: Info): string
	{
	return build_url_http(rec);
	}
