# args: -a -u
# The usage analysis runs only on scripts without errors: here the
# error is all that is reported.

function f(): count
	{
	local a = 1;
	a = 2;
	return a + "x";
	}
