# What files/x509 does without a certificate to parse: a file that only
# carried a certificate (its analyzers include X509) is left out of
# files.log, other files are not; x509.log's columns are those of
# X509::Info marked &log; the set of logged certificates starts empty.
# (x509-log raises the certificate events themselves.)
@load base/files/x509
@load ../_lib/conn

event zeek_init() &priority=-10
	{
	Test::to_stdout(Files::LOG);
	Test::at(1700000000.0);
	Log::write(Files::LOG, Files::Info($ts=network_time(), $fuid="FcertOnly1",
	                                   $analyzers=set("X509", "SHA1")));
	Log::write(Files::LOG, Files::Info($ts=network_time(), $fuid="FplainFile2",
	                                   $analyzers=set("SHA1")));

	local logged: vector of string;
	for ( name, field in record_fields(X509::Info) )
		if ( field$log )
			logged += name;
	print sort(logged, strcmp);
	print X509::relog_known_certificates_after, |X509::known_log_certs|;
	}
