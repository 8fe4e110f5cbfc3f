##! The analyzer tags the core script leaves out: the protocol analyzers
##! added since (some are Spicy analyzers in Zeek; rzeek runs none of them,
##! but scripts name them), and the file analyzers.

module Analyzer;

export {
	redef enum Tag += {
		ANALYZER_LDAP_TCP,
		ANALYZER_LDAP_UDP,
		ANALYZER_POSTGRESQL,
		ANALYZER_QUIC,
		ANALYZER_REDIS,
		ANALYZER_STREAM_EVENT,
		ANALYZER_SYSLOG_TCP,
		ANALYZER_WEBSOCKET,
	};
}

module Files;

export {
	## The file analyzers, named as Analyzer::name() gives them without
	## the ANALYZER_ prefix.
	type Tag: enum {
		ANALYZER_DATA_EVENT,
		ANALYZER_ENTROPY,
		ANALYZER_EXTRACT,
		ANALYZER_MD5,
		ANALYZER_SHA1,
		ANALYZER_SHA256,
		ANALYZER_OCSP_REPLY,
		ANALYZER_OCSP_REQUEST,
		ANALYZER_PE,
		ANALYZER_X509,
	};
}

module GLOBAL;
