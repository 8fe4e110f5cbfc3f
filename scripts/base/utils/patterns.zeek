##! Building patterns from strings, and where a pattern matches.

module GLOBAL;

## A pattern made from a template by putting the strings of a set, each
## matched literally and all joined by "|", where the template has "~~".
## For example ``set_to_regex(set("a", "b"), "x(~~)")`` matches "xa" and
## "xb".
##
## ss: the strings.
##
## pat: the template (a literal backslash in it is written twice).
##
## Returns: the pattern.
function set_to_regex(ss: set[string], pat: string): pattern
	{
	local alts = "";
	local first = T;
	for ( s in ss )
		{
		# Each one goes in front of those before it.
		local lit = convert_for_pattern(s);
		alts = first ? lit : cat(lit, "|", alts);
		first = F;
		}
	local text = sub(pat, /~~/, alts);
	return string_to_pattern(text, F);
	}

## Where a pattern first matches in a string.
type PatternMatchResult: record {
	## Whether it matched at all.
	matched: bool;
	## The text it matched.
	str: string;
	## Where that text starts, counting from 1.
	off: count;
};

## Finds the first match of a pattern in a string: the earliest place it
## matches, and there the longest text. For example
## ``match_pattern("foobar", /o+[a-k]/)`` gives the match "oob" at 2.
##
## s: the string.
##
## p: the pattern.
##
## Returns: the match, or ``matched=F`` with an empty string at 0.
function match_pattern(s: string, p: pattern): PatternMatchResult
	{
	local pieces = split_string_n(s, p, T, 1);
	if ( |pieces| < 2 )
		return PatternMatchResult($matched=F, $str="", $off=0);
	return PatternMatchResult($matched=T, $str=pieces[1], $off=|pieces[0]| + 1);
	}
