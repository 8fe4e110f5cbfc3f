# Octal escapes in patterns, as flex reads them: a backslash and one to
# three octal digits name one byte, outside and inside brackets.
event zeek_init()
	{
	print "a\x00b" == /a\0b/, "ab" == /a\0?b/, "a\x00\x00b" == /a\0\0b/;
	print "A" == /\101/, "A5" == /\1015/, "\x07" == /\7/;
	print "1-2" == /1[\-\0]2/, "1\x002" == /1[\.\0]2/, "1x2" == /1[\.\0]2/;
	print split_string("x\x00y\x00z", /\000/);
	}
