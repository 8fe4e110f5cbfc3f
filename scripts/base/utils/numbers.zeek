##! Numbers found in text.

## The first (or last) run of decimal digits in a string, as a count.
##
## s: the text to search.
##
## get_first: F to take the last run of digits instead of the first.
##
## Returns: the number, or 0 if the text has no digits.
function extract_count(s: string, get_first: bool &default=T): count
	{
	local runs = find_all_ordered(s, /[0-9]+/);
	if ( |runs| == 0 )
		return 0;
	local pick = get_first ? runs[0] : runs[|runs| - 1];
	return to_count(pick);
	}
