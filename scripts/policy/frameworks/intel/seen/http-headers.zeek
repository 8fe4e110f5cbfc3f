##! Sightings in the headers of HTTP requests: the Host header (an address
##! or a domain, without a port), the addresses of X-Forwarded-For, the
##! Referer (a URL, without its scheme) and the User-Agent (software).

@load base/frameworks/intel
@load base/utils/addrs
@load ./where-locations

event http_header(c: connection, is_orig: bool, original_name: string, name: string, value: string)
	{
	if ( ! is_orig )
		return;

	if ( name == "HOST" )
		{
		local host = sub(value, /:[[:digit:]]+$/, "");
		if ( is_valid_ip(host) )
			Intel::seen([$host=to_addr(host), $indicator_type=Intel::ADDR, $conn=c,
			             $where=HTTP::IN_HOST_HEADER]);
		else
			Intel::seen([$indicator=host, $indicator_type=Intel::DOMAIN, $conn=c,
			             $where=HTTP::IN_HOST_HEADER]);
		}
	else if ( name == "X-FORWARDED-FOR" )
		{
		# Only a header that is a single address as a whole.
		if ( ! is_valid_ip(value) )
			return;
		for ( _, a in extract_ip_addresses(value) )
			Intel::seen([$host=to_addr(a), $indicator_type=Intel::ADDR, $conn=c,
			             $where=HTTP::IN_X_FORWARDED_FOR_HEADER]);
		}
	else if ( name == "REFERER" )
		Intel::seen([$indicator=sub(value, /^.*:\/\//, ""), $indicator_type=Intel::URL,
		             $conn=c, $where=HTTP::IN_REFERRER_HEADER]);
	else if ( name == "USER-AGENT" )
		Intel::seen([$indicator=value, $indicator_type=Intel::SOFTWARE, $conn=c,
		             $where=HTTP::IN_USER_AGENT_HEADER]);
	}
