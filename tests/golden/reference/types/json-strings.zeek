# to_json on strings: printable ASCII and the usual whitespace escapes pass;
# well-formed UTF-8 stays as it is (print then shows its bytes escaped, and
# the lengths tell the raw bytes from escapes); one control character or
# broken sequence and every non-ASCII byte is written as \xNN.

event zeek_init()
	{
	local euro = "\xe2\x82\xac";
	local samples = vector("plain", "tab\tnl\n", "\xc3\xa9", euro + "1",
	                       "a\x01", "\x7f", "\xc3\xa9\x01", "\xc3", "\xc3\xa9\xff",
	                       "\xef\x80\x80", "q\"b\\");
	for ( i in samples )
		{
		local j = to_json(samples[i]);
		print j, |j|;
		}

	print to_json(vector("\xc3\xa9", "\x01"));
	print to_json(table(["\xc3\xa9"] = 1));
	}
