# &default on a table must give the yield type: a value that promotes to
# it (a count for a double), or a function from the index types to the
# yield type. Anything else is refused, the value's own complaint first.
global widened: table[count] of double &default=1;
global words: table[count] of count &default="none";
global narrowed: table[count] of count &default=1.5;
global by_index: table[string] of count &default=function(s: string): count { return |s|; };
global wrong_index: table[string] of string &default=function(n: count): string { return "?"; };
global wrong_yield: table[string] of count &default=function(s: string): string { return s; };
