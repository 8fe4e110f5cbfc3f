# POSIX character classes inside brackets.
event zeek_init()
	{
	print split_string1("Subject:	 hello: world", /:[[:blank:]]*/);
	print split_string("a1b22c333", /[[:digit:]]+/);
	print "Tab	X" == /Tab[[:space:]][[:upper:]]/;
	print "x-y" == /x[[:punct:][:alpha:]]y/, "x?y" == /x[-[:alpha:]]y/;
	}
