##! Kerberos's numbers and their names: error codes and encryption
##! types, from the registries krb-errors and krb-ciphers (see
##! protocol_registry). Codes missing from a table read "unknown-N".

module KRB;

export {
	## Error code names (KRB-ERROR's error-code), kerberos.log's
	## error_msg when the error has no text of its own.
	const error_msg = protocol_registry("krb-errors") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); };

	## Encryption type names, kerberos.log's cipher.
	const cipher_name = protocol_registry("krb-ciphers") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); };
}
