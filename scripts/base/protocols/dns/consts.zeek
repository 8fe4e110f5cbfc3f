##! DNS's numbers and their names: record types, classes, response codes,
##! opcodes, DNSSEC algorithms and digests, SVCB parameter keys. The long
##! lists come from registries in src/bif/registry/dns-*.tsv (see
##! protocol_registry); all are &redef tables. A code missing from a table
##! is named after the table, e.g. "query-65000" or "rcode-30".

module DNS;

export {
	## Record type of a domain name pointer (reverse lookups).
	const PTR: count = 12;
	## Record type of EDNS's pseudo-record OPT.
	const EDNS: count = 41;
	## Class NONE, used by dynamic updates to mean "must not exist".
	const NONE: count = 254;
	## Type and class ANY: everything (a query for all records, or in an
	## update, all classes).
	const ANY: count = 255;

	## Record type names, by code (dns.log's qtype_name).
	const query_types = protocol_registry("dns-types") as table[count] of string
		&default=function(n: count): string { return fmt("query-%d", n); } &redef;

	## Response code names, by code (dns.log's rcode_name).
	const base_errors = protocol_registry("dns-rcodes") as table[count] of string
		&default=function(n: count): string { return fmt("rcode-%d", n); } &redef;

	## The EDNS Z field: only the DNSSEC OK bit (0x8000) has a meaning.
	const edns_zfield: table[count] of string = { [0] = "NOVALUE", [0x8000] = "DNS_SEC_OK" }
		&default="?" &redef;

	## Class names, by code (dns.log's qclass_name).
	const classes = protocol_registry("dns-classes") as table[count] of string
		&default=function(n: count): string { return fmt("qclass-%d", n); } &redef;

	## DNSSEC algorithm names (DNSKEY, DS and RRSIG records).
	const algorithms = protocol_registry("dns-algorithms") as table[count] of string
		&default=function(n: count): string { return fmt("algorithm-%d", n); } &redef;

	## DNSSEC digest types (DS records).
	const digests: table[count] of string = {
		[0] = "reserved0", [1] = "SHA1", [2] = "SHA256",
		[3] = "GOST_R_34_11_94", [4] = "SHA384",
	} &default=function(n: count): string { return fmt("digest-%d", n); } &redef;

	## Parameter keys of SVCB and HTTPS records (RFC 9460).
	const svcparam_keys: table[count] of string = {
		[0] = "mandatory", [1] = "alpn", [2] = "no-default-alpn", [3] = "port",
		[4] = "ipv4hint", [5] = "ech", [6] = "ipv6hint",
	} &default=function(n: count): string { return fmt("key-%d", n); } &redef;

	## Opcodes of the header (3 is unassigned).
	const DNS_OP_QUERY: count = 0;
	const DNS_OP_IQUERY: count = 1;
	const DNS_OP_SERVER_STATUS: count = 2;
	const DNS_OP_NOTIFY: count = 4;
	const DNS_OP_DYNAMIC_UPDATE: count = 5;
	const DNS_OP_DSO: count = 6;

	## Opcode names (dns.log's opcode_name).
	const opcodes: table[count] of string = {
		[DNS_OP_QUERY] = "query", [DNS_OP_IQUERY] = "iquery",
		[DNS_OP_SERVER_STATUS] = "server-status", [DNS_OP_NOTIFY] = "notify",
		[DNS_OP_DYNAMIC_UPDATE] = "dynamic-update", [DNS_OP_DSO] = "dso",
	} &default=function(n: count): string { return fmt("opcode-%d", n); } &redef;

	## Opcode names of the NetBIOS name service, which reuses DNS's
	## header with opcodes of its own (RFC 1002, 4.2.1.1).
	const netbios_opcodes: table[count] of string = {
		[0] = "netbios-query", [5] = "netbios-registration",
		[6] = "netbios-release", [7] = "netbios-wack", [8] = "netbios-refresh",
	} &default=function(n: count): string { return fmt("netbios-opcode-%d", n); } &redef;
}
