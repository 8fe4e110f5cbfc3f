# return (statements.rst: return): a function without a result type takes
# no value, one with a result type needs one; a value returned from a hook
# draws Zeek's deprecation warning.

function nothing()
	{
	return 1;
	}

function something(): count
	{
	return;
	}

hook h()
	{
	return T;
	}

event e()
	{
	return 5;
	}
