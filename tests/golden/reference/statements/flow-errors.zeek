# break outside of a loop, switch or hook, and next outside of a loop
# (statements.rst: break, next). Zeek reports these after all scripts
# are parsed, functions by name first.

function zz()
	{
	break;
	}

function aa(n: count)
	{
	if ( n > 1 )
		next;
	switch ( n ) {
	case 1:
		next;
		break;
	}
	}

hook h()
	{
	# break is fine in a hook: it stops the handlers after this one.
	break;
	}

event zeek_init()
	{
	for ( i in set(1) )
		{
		next;
		break;
		}
	break;
	}
