##! Finding IP addresses in text, and writing addresses for URIs and MAC
##! addresses in their usual form.

module GLOBAL;

export {
	## One decimal part of an IPv4 address, 0 to 255 (with up to two
	## leading zeros for three digits).
	const ipv4_decim = /25[0-5]|2[0-4][0-9]|[01][0-9][0-9]|[0-9][0-9]?/;

	## An IPv4 address in dotted-decimal form.
	const ipv4_addr_regex = ipv4_decim & /\./ & ipv4_decim
	                        & /\./ & ipv4_decim & /\./ & ipv4_decim;

	## One group of an IPv6 address: one to four hex digits.
	const ipv6_hextet = /[0-9a-fA-F]{1,4}/;

	## An IPv6 address with all eight groups written out.
	const ipv6_8hex_regex = /([0-9a-fA-F]{1,4}:){7}/ & ipv6_hextet;

	## An IPv6 address whose last 32 bits are written as IPv4, with all
	## six groups before them.
	const ipv6_hex4dec_regex = /([0-9a-fA-F]{1,4}:){6}/ & ipv4_addr_regex;

	## Compressed IPv6 addresses, by the number of groups before the
	## "::" (0 to 7) and so at most how many after it.
	const ipv6_compressed_lead_hextets0 = /::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,6})?/;
	## One group before "::".
	const ipv6_compressed_lead_hextets1 = /[0-9a-fA-F]{1,4}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,5})?/;
	## Two groups before "::".
	const ipv6_compressed_lead_hextets2 = /[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,4})?/;
	## Three groups before "::".
	const ipv6_compressed_lead_hextets3 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){2}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,3})?/;
	## Four groups before "::".
	const ipv6_compressed_lead_hextets4 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){3}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,2})?/;
	## Five groups before "::".
	const ipv6_compressed_lead_hextets5 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){4}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4})?)?/;
	## Six groups before "::".
	const ipv6_compressed_lead_hextets6 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){5}::([0-9a-fA-F]{1,4})?/;
	## Seven groups before "::".
	const ipv6_compressed_lead_hextets7 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){6}::/;

	## Any compressed IPv6 address.
	const ipv6_compressed_hex_regex = ipv6_compressed_lead_hextets0
		| ipv6_compressed_lead_hextets1 | ipv6_compressed_lead_hextets2
		| ipv6_compressed_lead_hextets3 | ipv6_compressed_lead_hextets4
		| ipv6_compressed_lead_hextets5 | ipv6_compressed_lead_hextets6
		| ipv6_compressed_lead_hextets7;

	## Compressed IPv6 addresses ending in IPv4 form, by the number of
	## groups before the "::" (0 to 5). As in Zeek, the groups after the
	## "::" run straight into the IPv4 part.
	const ipv6_compressed_hext4dec_lead_hextets0 = /::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,4})?/ & ipv4_addr_regex;
	## One group before "::".
	const ipv6_compressed_hext4dec_lead_hextets1 = /[0-9a-fA-F]{1,4}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,3})?/ & ipv4_addr_regex;
	## Two groups before "::".
	const ipv6_compressed_hext4dec_lead_hextets2 = /[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){0,2})?/ & ipv4_addr_regex;
	## Three groups before "::".
	const ipv6_compressed_hext4dec_lead_hextets3 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){2}::([0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4})?)?/ & ipv4_addr_regex;
	## Four groups before "::".
	const ipv6_compressed_hext4dec_lead_hextets4 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){3}::([0-9a-fA-F]{1,4})?/ & ipv4_addr_regex;
	## Five groups before "::".
	const ipv6_compressed_hext4dec_lead_hextets5 = /[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){4}::/ & ipv4_addr_regex;

	## Any compressed IPv6 address ending in IPv4 form.
	const ipv6_compressed_hex4dec_regex = ipv6_compressed_hext4dec_lead_hextets0
		| ipv6_compressed_hext4dec_lead_hextets1 | ipv6_compressed_hext4dec_lead_hextets2
		| ipv6_compressed_hext4dec_lead_hextets3 | ipv6_compressed_hext4dec_lead_hextets4
		| ipv6_compressed_hext4dec_lead_hextets5;

	## Any IPv6 address.
	const ipv6_addr_regex = ipv6_8hex_regex | ipv6_compressed_hex_regex
		| ipv6_hex4dec_regex | ipv6_compressed_hex4dec_regex;

	## Any IPv4 or IPv6 address.
	const ip_addr_regex = ipv4_addr_regex | ipv6_addr_regex;

	## Whether every string is a decimal number from 0 to 255.
	##
	## octets: the strings, such as the parts of a dotted address.
	##
	## Returns: F if one of them is above 255.
	global has_valid_octets: function(octets: string_vec): bool;

	## The IP addresses written in a text.
	##
	## input: the text.
	##
	## check_wrapping: only take addresses with matching delimiters on
	##                 both sides: spaces, square brackets, braces or
	##                 parentheses (or nothing at all), so that address-like
	##                 pieces of longer tokens are left out.
	##
	## Returns: the addresses, in the order they appear.
	global extract_ip_addresses: function(input: string, check_wrapping: bool &default=F): string_vec;

	## An address as it is written in a URI: IPv6 in square brackets,
	## IPv4 as it is.
	##
	## a: the address.
	##
	## Returns: its text.
	global addr_to_uri: function(a: addr): string;

	## A MAC address in the form 00:a0:32:d7:81:8f, made from the hex
	## digits of a string (12 of them, or 16 for an EUI-64).
	##
	## a: the text holding the address.
	##
	## Returns: the address, or "" without 12 or 16 hex digits.
	global normalize_mac: function(a: string): string;
}

function has_valid_octets(octets: string_vec): bool
	{
	for ( _, o in octets )
		if ( to_count(o) > 255 )
			return F;
	return T;
	}

# What may close an address when the given text opens it.
const addr_closers: table[string] of string = {
	["["] = "]", ["("] = ")", ["{"] = "}", [" "] = " ",
};

function extract_ip_addresses(input: string, check_wrapping: bool &default=F): string_vec
	{
	local found: string_vec = vector();
	# Matches sit at the odd indexes, the text between them at the even.
	local pieces = split_string_all(input, ip_addr_regex);
	local i = 1;
	while ( i < |pieces| )
		{
		local candidate = pieces[i];
		if ( is_valid_ip(candidate) )
			{
			local wanted = T;
			if ( check_wrapping )
				{
				local before = pieces[i - 1];
				local after = pieces[i + 1];
				if ( before == "" || after == "" )
					wanted = before == "" && after == "";
				else
					{
					local opener = before[|before| - 1];
					wanted = opener in addr_closers && addr_closers[opener] == after[0];
					}
				}
			if ( wanted )
				found += candidate;
			}
		i += 2;
		}
	return found;
	}

function addr_to_uri(a: addr): string
	{
	return is_v6_addr(a) ? cat("[", a, "]") : cat(a);
	}

function normalize_mac(a: string): string
	{
	local digits = to_lower(gsub(a, /[^0-9A-Fa-f]/, ""));
	if ( |digits| != 12 && |digits| != 16 )
		return "";

	local pairs: string_vec = vector();
	local i = 0;
	while ( i < |digits| )
		{
		pairs += digits[i:i + 2];
		i += 2;
		}
	return join_string_vec(pairs, ":");
	}
