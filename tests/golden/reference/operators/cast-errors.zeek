# A cast of an `any` to a type its value has no conversion to is an
# expression error that ends the handler; ?as answers F instead.
type R: record { a: count; };

function any_to_count(a: any)
	{
	print "?as", a ?as count;
	print a as count;
	print "after the cast";
	}

event zeek_init()
	{
	any_to_count(R($a=1));
	}

event zeek_init()
	{
	any_to_count(set(1));
	}

event zeek_init()
	{
	any_to_count(2.0);
	}

# A Broker::Data whose data field was never set says so after the types.
event zeek_init()
	{
	any_to_count(Broker::Data());
	}
