##! Small string helpers written in script.

## Whether at least a quarter of a string's bytes are outside 7-bit ASCII.
function is_string_binary(s: string): bool
	{
	local high = |s| - |gsub(s, /[\x80-\xff]/, "")|;
	return high * 4 >= |s|;
	}

## Puts a backslash before each backslash in a string and before each
## occurrence of any of the given characters.
##
## s: the string.
##
## chars: the characters to escape, each on its own.
##
## Returns: the escaped string.
function string_escape(s: string, chars: string): string
	{
	local out = subst_string(s, "\\", "\\\\");
	for ( ch in chars )
		out = subst_string(out, ch, "\\" + ch);
	return out;
	}

## Drops the last bytes of a string.
##
## s: the string.
##
## tail_len: how many bytes to drop; all of them if it is longer.
##
## Returns: what is left.
function cut_tail(s: string, tail_len: count): string
	{
	if ( tail_len >= |s| )
		return "";
	return sub_bytes(s, 1, |s| - tail_len);
	}
