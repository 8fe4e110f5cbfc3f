# A loop variable first met inside a block is not that block's local
# (only `local` declarations are): a later loop may use the name again,
# and read it, after the block has closed.

function f()
	{
	if ( T )
		{
		for ( x in set(1) )
			print "inner", x;
		}
	for ( x in set(2) )
		print "outer", x;
	print "after", x;
	}

event zeek_init()
	{
	f();
	}
