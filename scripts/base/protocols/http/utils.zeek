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
	# What was requested; a request line the analyzer never saw leaves
	# a marker in its place.
	local target = "/<missed_request>";
	if ( rec?$uri )
		target = rec$uri;

	# A request to a proxy names the whole URL already.
	if ( /:\/\// in target )
		return target;

	# Otherwise the server is the Host header, or else the address the
	# request went to; a port other than HTTP's own is spelled out.
	local server = addr_to_uri(rec$id$resp_h);
	if ( rec?$host )
		server = rec$host;

	if ( port_to_count(rec$id$resp_p) != 80 )
		server = cat(server, ":", port_to_count(rec$id$resp_p));

	return server + target;
	}

function build_url_http(rec: Info): string
	{
	return "http://" + build_url(rec);
	}

function describe(rec: Info): string
	{
	return build_url_http(rec);
	}
