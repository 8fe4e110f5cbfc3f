# Conversion built-ins report the call (with defaulted arguments filled
# in) and the value they could not convert, then return a fallback.
function parse_port_number(text: string): count
	{
	return to_count(text);
	}

event zeek_init()
	{
	print to_int("12abc");
	print to_int("ff", 16);
	print to_count("-3");
	print parse_port_number("eighty");
	print to_double("1.5e");
	print to_addr("300.1.1.1");
	print to_subnet("192.168.0.0/40");
	print int_to_count(-1);
	}
