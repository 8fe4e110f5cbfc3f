##! Names for files extracted from traffic.

@load ./addrs

## A file name built from a connection's endpoints, for saving what was
## extracted from it: "PREFIX_ORIG:PORT-RESP:PORT_SUFFIX", IPv6 addresses
## in brackets, with the prefix and suffix left out when empty. On
## Windows (``OS=Windows_NT``) the colons become dashes.
function generate_extraction_filename(prefix: string, c: connection, suffix: string): string
	{
	local name = cat(addr_to_uri(c$id$orig_h), ":", port_to_count(c$id$orig_p), "-",
	                 addr_to_uri(c$id$resp_h), ":", port_to_count(c$id$resp_p));
	if ( getenv("OS") == "Windows_NT" )
		name = subst_string(name, ":", "-");
	if ( prefix != "" )
		name = cat(prefix, "_", name);
	if ( suffix != "" )
		name = cat(name, "_", suffix);
	return name;
	}

@ifdef ( unescape_URI )
## The file name a Content-Disposition header gives, without quotes, a
## language and charset prefix (RFC 2231) or %-escapes.
function extract_filename_from_content_disposition(data: string): string
	{
	# Everything after the (last) "name=" or "name*=".
	local fname = sub(data, /^.*[nN][aA][mM][eE][[:blank:]]*\*?=[[:blank:]]*/, "");

	if ( starts_with(fname, "\"") )
		fname = split_string_n(fname, /\"/, F, 2)[1];

	# charset'language'value
	if ( /^[a-zA-Z0-9\!#$%&+-^_`{}~]+'[a-zA-Z0-9\!#$%&+-^_`{}~]*'/ in fname )
		fname = sub(fname, /^.+'.*'/, "");

	return unescape_URI(fname);
	}
@endif
