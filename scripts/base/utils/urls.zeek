##! URLs in text, and the parts of a URI.

## What :zeek:see:`find_all_urls` takes for a URL: a scheme of three to
## five letters, "://", a host name, and an optional path.
const url_regex = /^([a-zA-Z\-]{3,5}):\/\/(-\.)?([^[:blank:]\/?\.#-]+\.?)+(\/[^[:blank:]]*)?/ &redef;

## The parts of a URI, as :zeek:see:`decompose_uri` splits it.
type URI: record {
	## The scheme ("http"), when the URI names one.
	scheme: string &optional;
	## The host (name or address), without the port.
	netlocation: string;
	## The port, when one is given.
	portnum: count &optional;
	## The path, from its leading slash ("/" when there is none).
	path: string;
	## The last element of the path, when it does not end in a slash.
	file_name: string &optional;
	## The file name up to its first dot.
	file_base: string &optional;
	## What follows that first dot.
	file_ext: string &optional;
	## The parameters of the query, by name (only those with a "=").
	params: table[string] of string &optional;
};

## The URLs found in a text.
function find_all_urls(s: string): string_set
	{
	return find_all(s, url_regex);
	}

## The URLs found in a text, each without its scheme and "://".
function find_all_urls_without_scheme(s: string): string_set
	{
	local bare: string_set = set();
	for ( u in find_all_urls(s) )
		add bare[sub(u, /^([a-zA-Z\-]{3,5})(:\/\/)/, "")];
	return bare;
	}

## Splits a URI into scheme, host, port, path, file name and query
## parameters. It does not unescape anything.
function decompose_uri(uri: string): URI
	{
	local result = URI($netlocation="", $path="/");
	local rest = uri;
	local halves: string_vec;

	# The query: name=value pairs split at "&".
	if ( /\?/ in rest )
		{
		halves = split_string1(rest, /\?/);
		rest = halves[0];
		result$params = table();
		for ( _, pair in split_string(halves[1], /&/) )
			{
			if ( /=/ !in pair )
				next;
			local nv = split_string1(pair, /=/);
			result$params[nv[0]] = nv[1];
			}
		}

	if ( /:\/\// in rest )
		{
		halves = split_string1(rest, /:\/\//);
		result$scheme = halves[0];
		rest = halves[1];
		}

	if ( /\// in rest )
		{
		halves = split_string1(rest, /\//);
		rest = halves[0];
		result$path = "/" + halves[1];

		if ( |result$path| > 1 && ! ends_with(result$path, "/") )
			{
			# The text after the path's last slash.
			local slash_at = rfind_str(result$path, "/");
			local fname = result$path[slash_at + 1:];
			result$file_name = fname;
			if ( /\./ in fname )
				{
				local dot = split_string1(fname, /\./);
				result$file_base = dot[0];
				result$file_ext = dot[1];
				}
			else
				result$file_base = fname;
			}
		}

	# A trailing ":" with or without digits is the port.
	if ( /:[0-9]*$/ in rest )
		{
		result$netlocation = gsub(rest, /:[0-9]*$/, "");
		local digits = rest[|result$netlocation| + 1:];
		if ( digits != "" )
			result$portnum = to_count(digits);
		}
	else
		result$netlocation = rest;

	return result;
	}
