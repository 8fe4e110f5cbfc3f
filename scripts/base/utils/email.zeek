##! Mail addresses in header text.

# An address with what delimits it on either side: the start or one of
# "<,:" or a blank before, ">,;" or a blank or the end after.
const email_addr_with_delims = /(^|[<,:[:blank:]])[^<,:[:blank:]@]+"@"[^>,;[:blank:]]+([>,;[:blank:]]|$)/;

# The delimiters, to strip from what matched.
const email_addr_delims = /[<>,:;[:blank:]]/;

## The mail addresses in a text, in order (repeats kept).
##
## str: text such as a To: header.
##
## Returns: the addresses, without angle brackets.
function extract_email_addrs_vec(str: string): string_vec
	{
	local found: string_vec = vector();
	for ( _, raw in find_all_ordered(str, email_addr_with_delims) )
		found += gsub(raw, email_addr_delims, "");
	return found;
	}

## The mail addresses in a text, as a set.
##
## str: text such as a To: header.
##
## Returns: the addresses, without angle brackets.
function extract_email_addrs_set(str: string): set[string]
	{
	local found: set[string] = set();
	for ( raw in find_all(str, email_addr_with_delims) )
		add found[gsub(raw, email_addr_delims, "")];
	return found;
	}

## The first mail address in a text, or "" if it has none.
function extract_first_email_addr(str: string): string
	{
	local all = extract_email_addrs_vec(str);
	return |all| == 0 ? "" : all[0];
	}

## The comma-separated addresses of a MIME header, each with its display
## name (quoted or not) and surrounding blanks stripped off the ends.
##
## line: the header's value.
##
## Returns: the addresses as written.
function split_mime_email_addresses(line: string): set[string]
	{
	local found: set[string] = set();
	for ( piece in find_all(line, /(\"[^"]*\")?[^,]+@[^,]+/) )
		add found[strip(piece)];
	return found;
	}
