##! The numbers of SSL, TLS and DTLS: protocol versions, record content
##! types, handshake message types, extension types, and tables that name
##! the codes the analyzer hands to events (versions, cipher suites,
##! alerts, extensions, groups). The larger tables are registries
##! (src/bif/registry/tls-*.tsv) read by protocol_registry(); each is an
##! ordinary &redef table, so a site can add codes the registry lacks.
##! Looking up a code a table does not have gives "unknown-N".

module SSL;

export {
	## Wire versions (major byte, minor byte). DTLS counts down from
	## 0xFEFF; there was never a DTLS 1.1.
	const SSLv2: count = 0x0002;
	const SSLv3: count = 0x0300;
	const TLSv10: count = 0x0301;
	const TLSv11: count = 0x0302;
	const TLSv12: count = 0x0303;
	const TLSv13: count = 0x0304;
	const DTLSv10: count = 0xFEFF;
	const DTLSv12: count = 0xFEFD;
	const DTLSv13: count = 0xFEFC;

	## Version names. Drafts of TLS 1.3 were numbered 0x7F00 + draft, and
	## are named "TLSv13-draftN".
	const version_strings = protocol_registry("tls-versions") as table[count] of string
		&default=function(v: count): string
			{
			if ( v / 0xFF == 0x7F )
				return fmt("TLSv13-draft%d", v % 0x7F);
			return fmt("unknown-%d", v);
			} &redef;

	## Content types of the record layer (RFC 8446 and friends); the V2_
	## values stand for the message kinds of SSLv2, which has no content
	## type of its own.
	const CHANGE_CIPHER_SPEC: count = 20;
	const ALERT: count = 21;
	const HANDSHAKE: count = 22;
	const APPLICATION_DATA: count = 23;
	const HEARTBEAT: count = 24;
	const TLS12_CID: count = 25;
	const TLS13_ACK: count = 26;
	const RETURN_ROUTABILITY_CHECK: count = 26;
	const V2_ERROR: count = 300;
	const V2_CLIENT_HELLO: count = 301;
	const V2_CLIENT_MASTER_KEY: count = 302;
	const V2_SERVER_HELLO: count = 304;

	## Handshake message types, as ssl_handshake_message reports them.
	const HELLO_REQUEST: count = 0;
	const CLIENT_HELLO: count = 1;
	const SERVER_HELLO: count = 2;
	const HELLO_VERIFY_REQUEST: count = 3;
	const SESSION_TICKET: count = 4;
	const HELLO_RETRY_REQUEST: count = 6;
	const ENCRYPTED_EXTENSIONS: count = 8;
	const CERTIFICATE: count = 11;
	const SERVER_KEY_EXCHANGE: count = 12;
	const CERTIFICATE_REQUEST: count = 13;
	const SERVER_HELLO_DONE: count = 14;
	const CERTIFICATE_VERIFY: count = 15;
	const CLIENT_KEY_EXCHANGE: count = 16;
	const FINISHED: count = 20;
	const CERTIFICATE_URL: count = 21;
	const CERTIFICATE_STATUS: count = 22;
	const SUPPLEMENTAL_DATA: count = 23;
	const KEY_UPDATE: count = 24;
	const COMPRESSED_CERTIFICATE: count = 25;
	const EKT_KEY: count = 26;

	## Names of the two alert levels.
	const alert_levels: table[count] of string = { [1] = "warning", [2] = "fatal" }
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Hash algorithms of TLS 1.2's (hash, signature) pairs. TLS 1.3
	## numbers signature schemes as a whole instead.
	const hash_algorithms = protocol_registry("tls-hash-algorithms") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Signature algorithms of TLS 1.2's (hash, signature) pairs.
	const signature_algorithms = protocol_registry("tls-signature-algorithms") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Alert descriptions, by code (ssl.log's last_alert).
	const alert_descriptions = protocol_registry("tls-alerts") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Extension types, by name, for code that tests ssl_extension's code.
	const SSL_EXTENSION_SERVER_NAME: count = 0;
	const SSL_EXTENSION_MAX_FRAGMENT_LENGTH: count = 1;
	const SSL_EXTENSION_CLIENT_CERTIFICATE_URL: count = 2;
	const SSL_EXTENSION_TRUSTED_CA_KEYS: count = 3;
	const SSL_EXTENSION_TRUNCATED_HMAC: count = 4;
	const SSL_EXTENSION_STATUS_REQUEST: count = 5;
	const SSL_EXTENSION_USER_MAPPING: count = 6;
	const SSL_EXTENSION_CLIENT_AUTHZ: count = 7;
	const SSL_EXTENSION_SERVER_AUTHZ: count = 8;
	const SSL_EXTENSION_CERT_TYPE: count = 9;
	const SSL_EXTENSION_SUPPORTED_GROUPS: count = 10;
	const SSL_EXTENSION_EC_POINT_FORMATS: count = 11;
	const SSL_EXTENSION_SRP: count = 12;
	const SSL_EXTENSION_SIGNATURE_ALGORITHMS: count = 13;
	const SSL_EXTENSION_USE_SRTP: count = 14;
	const SSL_EXTENSION_HEARTBEAT: count = 15;
	const SSL_EXTENSION_APPLICATION_LAYER_PROTOCOL_NEGOTIATION: count = 16;
	const SSL_EXTENSION_STATUS_REQUEST_V2: count = 17;
	const SSL_EXTENSION_SIGNED_CERTIFICATE_TIMESTAMP: count = 18;
	const SSL_EXTENSION_CLIENT_CERTIFICATE_TYPE: count = 19;
	const SSL_EXTENSION_SERVER_CERTIFICATE_TYPE: count = 20;
	const SSL_EXTENSION_PADDING: count = 21;
	const SSL_EXTENSION_ENCRYPT_THEN_MAC: count = 22;
	const SSL_EXTENSION_EXTENDED_MASTER_SECRET: count = 23;
	const SSL_EXTENSION_TOKEN_BINDING: count = 24;
	const SSL_EXTENSION_CACHED_INFO: count = 25;
	const SSL_EXTENSION_TLS_LTS: count = 26;
	const SSL_EXTENSION_COMPRESS_CERTIFICATE: count = 27;
	const SSL_EXTENSION_RECORD_SIZE_LIMIT: count = 28;
	const SSL_EXTENSION_PWD_PROTECT: count = 29;
	const SSL_EXTENSION_PWD_CLEAR: count = 30;
	const SSL_EXTENSION_PASSWORD_SALT: count = 31;
	const SSL_EXTENSION_TICKET_PINNING: count = 32;
	const SSL_EXTENSION_TLS_CERT_WITH_EXTERN_PSK: count = 33;
	const SSL_EXTENSION_DELEGATED_CREDENTIAL: count = 34;
	const SSL_EXTENSION_SESSIONTICKET_TLS: count = 35;
	const SSL_EXTENSION_TLMSP: count = 36;
	const SSL_EXTENSION_TLMSP_PROXYING: count = 37;
	const SSL_EXTENSION_TLMSP_DELEGATE: count = 38;
	const SSL_EXTENSION_SUPPORTED_EKT_CIPHERS: count = 39;
	const SSL_EXTENSION_KEY_SHARE_OLD: count = 40;
	const SSL_EXTENSION_PRE_SHARED_KEY: count = 41;
	const SSL_EXTENSION_EARLY_DATA: count = 42;
	const SSL_EXTENSION_SUPPORTED_VERSIONS: count = 43;
	const SSL_EXTENSION_COOKIE: count = 44;
	const SSL_EXTENSION_PSK_KEY_EXCHANGE_MODES: count = 45;
	const SSL_EXTENSION_TICKETEARLYDATAINFO: count = 46;
	const SSL_EXTENSION_CERTIFICATE_AUTHORITIES: count = 47;
	const SSL_EXTENSION_OID_FILTERS: count = 48;
	const SSL_EXTENSION_POST_HANDSHAKE_AUTH: count = 49;
	const SSL_EXTENSION_SIGNATURE_ALGORITHMS_CERT: count = 50;
	const SSL_EXTENSION_KEY_SHARE: count = 51;
	const SSL_EXTENSION_TRANSPARENCY_INFO: count = 52;
	const SSL_EXTENSION_CONNECTION_ID_DEPRECATED: count = 53;
	const SSL_EXTENSION_CONNECTION_ID: count = 54;
	const SSL_EXTENSION_EXTERNAL_ID_HASH: count = 55;
	const SSL_EXTENSION_EXTERNAL_SESSION_ID: count = 56;
	const SSL_EXTENSION_QUIC_TRANSPORT_PARAMETERS: count = 57;
	const SSL_EXTENSION_TICKET_REQUEST: count = 58;
	const SSL_EXTENSION_DNSSEC_CHAIN: count = 59;
	const SSL_EXTENSION_SEQUENCE_NUMBER_ENCRYPTION_ALGORITHMS: count = 60;
	const SSL_EXTENSION_RRC: count = 61;
	const SSL_EXTENSION_TLS_FLAGS: count = 62;
	const SSL_EXTENSION_NEXT_PROTOCOL_NEGOTIATION: count = 13172;
	const SSL_EXTENSION_ORIGIN_BOUND_CERTIFICATES: count = 13175;
	const SSL_EXTENSION_ENCRYPTED_CLIENT_CERTIFICATES: count = 13180;
	const SSL_EXTENSION_APPLICATION_SETTING: count = 17513;
	const SSL_EXTENSION_CHANNEL_ID: count = 30031;
	const SSL_EXTENSION_CHANNEL_ID_NEW: count = 30032;
	const SSL_EXTENSION_PADDING_TEMP: count = 35655;
	const SSL_EXTENSION_ECH_OUTER_EXTENSION: count = 64768;
	const SSL_EXTENSION_ENCRYPTED_CLIENT_HELLO: count = 65037;
	const SSL_EXTENSION_RENEGOTIATION_INFO: count = 65281;

	## Extension names, by code.
	const extensions = protocol_registry("tls-extensions") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Named groups (elliptic curves and finite-field groups), by code
	## (ssl.log's curve).
	const ec_curves = protocol_registry("tls-groups") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Elliptic curve point formats, by code.
	const ec_point_formats = protocol_registry("tls-point-formats") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;

	## Cipher suites, by code (ssl.log's cipher). SSLv2's kinds are three
	## bytes long; the others two.
	const cipher_desc = protocol_registry("tls-ciphers") as table[count] of string
		&default=function(n: count): string { return fmt("unknown-%d", n); } &redef;
}
