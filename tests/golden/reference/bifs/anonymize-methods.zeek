# anonymize_addr with each class's method: originators numbered in order
# of appearance (each address keeps its number), responders by tcpdpriv's
# prefix-preserving A50 (outputs share as many leading bits as inputs
# do; preserve_prefix keeps a prefix as it is, but only before the first
# anonymization), others by a keyed digest that preserves prefixes too.
# Addresses in preserve_*_addr are kept.

global orig_addr_anonymization = SEQUENTIALLY_NUMBERED;
global resp_addr_anonymization = PREFIX_PRESERVING_A50;
global other_addr_anonymization = PREFIX_PRESERVING_SHA256;
global preserve_orig_addr: set[addr] = { 9.9.9.9 };

function shared_bits(a: addr, b: addr): count
	{
	local n = 0;
	while ( n < 32 && mask_addr(a, n + 1) == mask_addr(b, n + 1) )
		++n;
	return n;
	}

event zeek_init()
	{
	print anonymize_addr(1.2.3.4, ORIG_ADDR), anonymize_addr(5.6.7.8, ORIG_ADDR),
	      anonymize_addr(1.2.3.4, ORIG_ADDR), anonymize_addr(9.9.9.9, ORIG_ADDR);

	preserve_prefix(10.0.0.0, 8);
	preserve_subnet(172.16.0.0/12);
	local a = anonymize_addr(10.1.2.3, RESP_ADDR);
	local b = anonymize_addr(10.1.2.200, RESP_ADDR);
	local c = anonymize_addr(10.1.129.1, RESP_ADDR);
	local d = anonymize_addr(172.20.1.1, RESP_ADDR);
	print mask_addr(a, 8), mask_addr(d, 12);
	print shared_bits(a, b) == shared_bits(10.1.2.3, 10.1.2.200),
	      shared_bits(a, c) == shared_bits(10.1.2.3, 10.1.129.1),
	      anonymize_addr(10.1.2.3, RESP_ADDR) == a;
	print anonymize_addr(0.0.0.0, RESP_ADDR), anonymize_addr(255.255.255.255, RESP_ADDR);
	preserve_prefix(192.168.0.0, 16);

	local x = anonymize_addr(131.243.1.10, OTHER_ADDR);
	local y = anonymize_addr(131.243.64.3, OTHER_ADDR);
	print shared_bits(x, y) == shared_bits(131.243.1.10, 131.243.64.3),
	      anonymize_addr(131.243.1.10, OTHER_ADDR) == x;
	}
