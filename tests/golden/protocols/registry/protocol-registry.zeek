# protocol_registry turns a registry file into a table value: lookups by
# a count index (decimal or hexadecimal in the file) and by a pair
# index; the table a script declares from it takes &default
# and redef += like any other; an unknown name is a runtime error.

const ciphers = protocol_registry("tls-ciphers") as table[count] of string
	&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;
redef ciphers += { [0xfefe] = "OUR_OWN_SUITE" };

event zeek_init()
	{
	print ciphers[0xc02f], ciphers[0x1301], ciphers[0xfefe], ciphers[0xabcd];
	print |ciphers| > 300;

	local ops = protocol_registry("dce-rpc-operations") as table[string, count] of string;
	print ops["12345778-1234-abcd-ef00-0123456789ac", 0];

	local types = protocol_registry("dns-types") as table[count] of string;
	for ( code in set(1, 28, 33, 65) )
		print code, types[code];

	print protocol_registry("no-such-registry");
	print "after";
	}
