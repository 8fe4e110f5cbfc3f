# anonymize_addr: without an *_addr_anonymization setting an address is
# kept (KEEP_ORIG_ADDR); an invalid class is a built-in error.

event zeek_init()
	{
	print anonymize_addr(1.2.3.4, ORIG_ADDR), anonymize_addr(10.0.0.1, RESP_ADDR),
	      anonymize_addr(192.168.1.1, OTHER_ADDR);
	}
