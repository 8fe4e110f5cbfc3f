##! The certificates of PKINIT (public-key pre-authentication): the
##! client's and the KDC's, by file id and subject in kerberos.log.

@load ./main
@load base/frameworks/files
@load base/files/x509

module KRB;

export {
	redef record Info += {
		## The client's certificate file, its subject and file id.
		client_cert: Files::Info &optional;
		client_cert_subject: string &log &optional;
		client_cert_fuid: string &log &optional;
		## The KDC's certificate file, its subject and file id.
		server_cert: Files::Info &optional;
		server_cert_subject: string &log &optional;
		server_cert_fuid: string &log &optional;
	};

	## A certificate's file handle: none, since the Kerberos analyzer
	## names its files itself.
	global get_file_handle: function(c: connection, is_orig: bool): string;

	## The KDC's address and port, or else the certificate's serial,
	## subject and issuer.
	global describe_file: function(f: fa_file): string;
}

function get_file_handle(c: connection, is_orig: bool): string
	{
	return "";
	}

# Whether a file came from one of the two Kerberos analyzers.
function from_krb(f: fa_file): bool
	{
	return f$source == "KRB" || f$source == "KRB_TCP";
	}

function describe_file(f: fa_file): string
	{
	if ( ! from_krb(f) || ! f?$info || ! f$info?$x509 || ! f$info$x509?$certificate )
		return "";

	for ( _, conn in f$conns )
		if ( conn?$krb )
			return cat(conn$id$resp_h, ":", conn$id$resp_p);

	local cert = f$info$x509$certificate;
	return cat("Serial: ", cert$serial, " Subject: ", cert$subject, " Issuer: ", cert$issuer);
	}

event zeek_init() &priority=5
	{
	local reg = Files::ProtoRegistration($get_file_handle=KRB::get_file_handle,
	                                     $describe=KRB::describe_file);
	Files::register_protocol(Analyzer::ANALYZER_KRB, reg);
	Files::register_protocol(Analyzer::ANALYZER_KRB_TCP, reg);
	}

event file_over_new_connection(f: fa_file, c: connection, is_orig: bool) &priority=5
	{
	if ( ! from_krb(f) )
		return;
	set_session(c);
	local rec = c$krb;
	if ( is_orig )
		{
		rec$client_cert = f$info;
		rec$client_cert_fuid = f$id;
		}
	else
		{
		rec$server_cert = f$info;
		rec$server_cert_fuid = f$id;
		}
	}

# The subject of a certificate file, if it was parsed.
function cert_subject(fi: Files::Info): string
	{
	if ( fi?$x509 && fi$x509?$certificate )
		return fi$x509$certificate$subject;
	return "";
	}

# Copies the certificates' subjects into the line before it is written.
function fill_in_subjects(c: connection)
	{
	if ( ! c?$krb )
		return;
	local rec = c$krb;
	if ( rec?$client_cert && cert_subject(rec$client_cert) != "" )
		rec$client_cert_subject = cert_subject(rec$client_cert);
	if ( rec?$server_cert && cert_subject(rec$server_cert) != "" )
		rec$server_cert_subject = cert_subject(rec$server_cert);
	}

event krb_error(c: connection, msg: Error_Msg)
	{ fill_in_subjects(c); }

event krb_as_response(c: connection, msg: KDC_Response)
	{ fill_in_subjects(c); }

event krb_tgs_response(c: connection, msg: KDC_Response)
	{ fill_in_subjects(c); }

hook finalize_krb(c: connection) &priority=5
	{
	fill_in_subjects(c);
	}
