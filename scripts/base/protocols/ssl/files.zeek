##! The certificates of SSL/TLS sessions: each chain's files in the
##! session record, their fingerprints in ssl.log (cert_chain_fps,
##! client_cert_chain_fps), and whether the server's certificate covers
##! the name the client asked for (sni_matches_cert).

@load ./main
@load base/utils/conn-ids
@load base/frameworks/files
@load base/files/x509

module SSL;

export {
	## Whether ssl.log shows the subject and issuer of the server's
	## certificate (they are in x509.log either way).
	const log_include_server_certificate_subject_issuer = F &redef;

	## Whether ssl.log shows the subject and issuer of a client
	## certificate.
	const log_include_client_certificate_subject_issuer = F &redef;

	redef record Info += {
		## The server's chain, as files, in the order sent.
		cert_chain: vector of Files::Info &optional;
		## Fingerprints of the server's chain.
		cert_chain_fps: vector of string &optional &log;
		## The client's chain, as files, in the order sent.
		client_cert_chain: vector of Files::Info &optional;
		## Fingerprints of the client's chain.
		client_cert_chain_fps: vector of string &optional &log;
		## Subject and issuer of the server's certificate.
		subject: string &log &optional; issuer: string &log &optional;
		## Subject and issuer of the client's certificate.
		client_subject: string &log &optional; client_issuer: string &log &optional;
		## Whether the server's certificate is valid for server_name
		## (unset without a server name).
		sni_matches_cert: bool &log &optional;
		## Certificates seen so far from each side; the analyzer names
		## their files with these.
		server_depth: count &default=0; client_depth: count &default=0;
	};

	## The file handle of a certificate: none, since the SSL analyzer
	## names its files itself.
	global get_file_handle: function(c: connection, is_orig: bool): string;

	## A short description of a certificate file, for files.log
	## consumers: the server's address and port, or else the
	## certificate's serial, subject and issuer.
	global describe_file: function(f: fa_file): string;
}

function get_file_handle(c: connection, is_orig: bool): string
	{
	return "";
	}

function describe_file(f: fa_file): string
	{
	if ( f$source != "SSL" || ! f?$info || ! f$info?$x509 || ! f$info$x509?$certificate )
		return "";

	for ( _, conn in f$conns )
		if ( conn?$ssl )
			return cat(conn$id$resp_h, ":", conn$id$resp_p);

	local cert = f$info$x509$certificate;
	return cat("Serial: ", cert$serial, " Subject: ", cert$subject, " Issuer: ", cert$issuer);
	}

event zeek_init() &priority=5
	{
	local reg = Files::ProtoRegistration($get_file_handle=SSL::get_file_handle,
	                                     $describe=SSL::describe_file);
	Files::register_protocol(Analyzer::ANALYZER_SSL, reg);
	Files::register_protocol(Analyzer::ANALYZER_DTLS, reg);

	# Subjects and issuers are left out of the default filter unless
	# asked for.
	local flt = Log::get_filter(SSL::LOG, "default");
	if ( flt$name == "<not found>" )
		return;

	local drop: set[string] = set();
	if ( flt?$exclude )
		drop = flt$exclude;
	if ( ! log_include_server_certificate_subject_issuer )
		{
		add drop["subject"];
		add drop["issuer"];
		}
	if ( ! log_include_client_certificate_subject_issuer )
		{
		add drop["client_subject"];
		add drop["client_issuer"];
		}
	flt$exclude = drop;
	Log::add_filter(SSL::LOG, flt);
	}

# The MIME types the SSL analyzer gives certificates it passes on.
const certificate_mime_types = set("application/x-x509-user-cert",
                                   "application/x-x509-ca-cert",
                                   "application/pkix-cert");

event file_sniff(f: fa_file, meta: fa_metadata) &priority=5
	{
	if ( ! f?$conns || |f$conns| != 1 || ! f?$info || ! f$info?$mime_type )
		return;
	if ( f$info$mime_type !in certificate_mime_types )
		return;

	for ( _, c in f$conns )
		{
		if ( ! c?$ssl )
			return;

		local s = c$ssl;
		if ( ! s?$cert_chain )
			{
			s$cert_chain = vector();
			s$client_cert_chain = vector();
			s$cert_chain_fps = string_vec();
			s$client_cert_chain_fps = string_vec();
			}

		# is_orig of a certificate file means "from the client", which
		# need not be the originator.
		if ( f$is_orig )
			s$client_cert_chain += f$info;
		else
			s$cert_chain += f$info;
		}
	}

# The fingerprints of a chain's certificates, in order.
function chain_fingerprints(chain: vector of Files::Info, fps: vector of string)
	{
	for ( _, fi in chain )
		if ( fi?$x509 && fi$x509?$fingerprint )
			fps += fi$x509$fingerprint;
	}

hook ssl_finishing(c: connection) &priority=20
	{
	local s = c$ssl;
	if ( s?$cert_chain )
		chain_fingerprints(s$cert_chain, s$cert_chain_fps);
	if ( s?$client_cert_chain )
		chain_fingerprints(s$client_cert_chain, s$client_cert_chain_fps);

	if ( s?$cert_chain && |s$cert_chain| > 0 && s$cert_chain[0]?$x509 )
		{
		local server = s$cert_chain[0]$x509;
		if ( s?$server_name )
			s$sni_matches_cert = x509_check_cert_hostname(server$handle, s$server_name) != "";
		s$subject = server$certificate$subject;
		s$issuer = server$certificate$issuer;
		}

	if ( s?$client_cert_chain && |s$client_cert_chain| > 0 && s$client_cert_chain[0]?$x509 )
		{
		local client = s$client_cert_chain[0]$x509;
		s$client_subject = client$certificate$subject;
		s$client_issuer = client$certificate$issuer;
		}
	}
