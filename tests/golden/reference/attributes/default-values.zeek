# The accepted forms of &default on tables, used.
global widened: table[count] of double &default=1;
global by_index: table[string] of count &default=function(s: string): count { return |s|; };

event zeek_init()
	{
	print widened[7], by_index["four"];
	}
