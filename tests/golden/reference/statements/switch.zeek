# switch (statements.rst: switch, fallthrough, break): several labels in a
# case, fallthrough into the next case, default anywhere, no match, and
# switches on the type of an any value with and without `as`.

function classify(n: count): string
	{
	switch ( n ) {
	case 1, 2:
		return "one or two";
	default:
		return "other";
	case 3:
		return "three";
	}
	}

function casts(v: any)
	{
	switch ( v ) {
	case type count as c:
		print "count plus one", c + 1;
		break;
	case type string as s:
		print "string of size", |s|;
		break;
	case type addr, type subnet:
		print "an address or a subnet", v;
		break;
	default:
		print "something else";
		break;
	}
	}

event zeek_init()
	{
	print classify(1), classify(2), classify(3), classify(9);

	local x = "b";
	switch ( x ) {
	case "a":
		print "a";
		break;
	case "b":
		print "b";
		fallthrough;
	case "c":
		print "c (after fallthrough)";
		fallthrough;
	default:
		print "default (after fallthrough)";
		break;
	}

	# No case matches and there is no default: nothing runs.
	switch ( 5/udp ) {
	case 53/udp:
		print "dns";
		break;
	}

	# break leaves the switch, not the loop around it.
	for ( i in vector(10, 20, 30) )
		{
		switch ( i ) {
		case 1:
			print "index one";
			break;
		default:
			print "index", i;
			break;
		}
		}

	casts(41);
	casts("four");
	casts(10.0.0.1);
	casts(10.0.0.0/8);
	casts(1.5);
	}
