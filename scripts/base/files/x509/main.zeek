##! x509.log. A certificate's line is assembled from the events the X.509
##! file analyzer raises for it (the parsed certificate, then its
##! extensions) and written when analysis of the file ends. A certificate
##! that was written recently, in the same role, is not written again.
##!
##! rzeek has no X.509 file analyzer: the line appears when a script
##! raises these events itself.

@load base/frameworks/files

module X509;

export {
	## The x509.log stream.
	redef enum Log::ID += { LOG };

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## Turns a certificate's DER bytes into the fingerprint that
	## identifies it in x509.log and ssl.log.
	option hash_function: function(cert: string): string = sha256_hash;

	## Set to write certificates to files.log as well; by default a file
	## that only carried a certificate is left out of it.
	option log_x509_in_files_log: bool = F;

	## What makes two sightings of a certificate "the same" for the
	## purpose of not logging it twice.
	type LogCertHash: record {
		fingerprint: string;	##< The certificate's fingerprint.
		host_cert: bool;	##< Presented as the end host's own.
		client_cert: bool;	##< Presented by the client side.
	};

	## A line of x509.log, and the state gathered while the file is
	## analyzed.
	type Info: record {
		## When the file carrying the certificate was first seen.
		ts: time &log;
		## The certificate's fingerprint (see hash_function).
		fingerprint: string &log;
		## What the analyzer parsed out of it.
		certificate: X509::Certificate &log;
		## The certificate itself, for the x509_* built-ins.
		handle: opaque of x509;
		## Each extension, in the order they came.
		extensions: vector of X509::Extension &default=vector();
		## Subject alternative names and basic constraints, from their
		## extensions when the certificate has them.
		san: X509::SubjectAlternativeName &optional &log; basic_constraints: X509::BasicConstraints &optional &log;
		## Every extension event's value, in order; kept for the
		## certificate cache, not meant for other scripts.
		extensions_cache: vector of any &default=vector();
		## Whether it is the first certificate of a chain (the host's
		## own), and whether the client side sent it.
		host_cert: bool &log &default=F; client_cert: bool &log &default=F;
		## Where this certificate counts as logged; set by
		## create_deduplication_index.
		deduplication_index: LogCertHash &optional;
	};

	## Sets a certificate's deduplication_index. Handlers that set it
	## first choose their own notion of "already logged".
	global create_deduplication_index: hook(c: X509::Info);

	## A signed certificate timestamp from a certificate or an OCSP
	## response.
	##
	## version is that of the SCT structure (0 is v1), logid the id of the
	## log that signed it, timestamp the issue time in milliseconds since
	## the epoch as sent (so signatures over it can be checked), then the
	## hash and signature algorithms and the signature bytes.
	type SctInfo: record {
		version: count; logid: string; timestamp: count;
		hash_alg: count; sig_alg: count; signature: string;
	};

	## How long a logged certificate stays known; 0secs logs every
	## sighting.
	option relog_known_certificates_after: interval = 1day;

	## The certificates logged within relog_known_certificates_after
	## (each entry expires that long after it was added).
	global known_log_certs: set[LogCertHash]
		&create_expire=relog_known_certificates_after;

	## Beyond this many known certificates, new ones are logged without
	## being remembered.
	option known_log_certs_maximum_size: count = 1000000;

	## Zeek's older switch for sharing known certificates through Broker
	## stores; kept for scripts that set it.
	global known_log_certs_use_broker: bool = T;

	## In a cluster, tell the other nodes which certificates were logged.
	const known_log_certs_enable_publish: bool = T &redef;

	## In a cluster, the manager sends the whole known set to a worker
	## that comes up.
	const known_log_certs_enable_node_up_publish: bool = T &redef;

	## Raised with each line written.
	global log_x509: event(line: Info);

	## Longest string value written per field (certificates can carry
	## long names and URI lists); 0 means no limit.
	const default_max_field_string_bytes: count = Log::default_max_field_string_bytes &redef;

	## Most elements written for one container field.
	const default_max_field_container_elements: count = 500 &redef;

	## Most container elements written for one line, over all its fields.
	const default_max_total_container_elements: count = 1500 &redef;
}

## The certificate a file carried, while its events arrive.
redef record Files::Info += { x509: X509::Info &optional; };

event zeek_init() &priority=5
	{
	local s = Log::Stream($columns=Info, $ev=log_x509, $path="x509", $policy=log_policy);
	s$max_field_string_bytes = default_max_field_string_bytes;
	s$max_field_container_elements = default_max_field_container_elements;
	s$max_total_container_elements = default_max_total_container_elements;
	Log::create_stream(X509::LOG, s);
	}

# A file whose analyzers include X509 is only a certificate: left out of
# files.log unless asked for.
hook Files::log_policy(rec: Files::Info, id: Log::ID, filter: Log::Filter) &priority=5
	{
	if ( ! log_x509_in_files_log && "X509" in rec$analyzers )
		break;
	}

hook create_deduplication_index(i: X509::Info)
	{
	if ( relog_known_certificates_after == 0secs || i?$deduplication_index )
		return;

	i$deduplication_index = LogCertHash($fingerprint=i$fingerprint,
	                                    $host_cert=i$host_cert, $client_cert=i$client_cert);
	}

# The certificate's state, if the file has one under way.
function pending(f: fa_file): bool
	{
	return f?$info && f$info?$x509;
	}

event x509_certificate(f: fa_file, cert_ref: opaque of x509, cert: X509::Certificate) &priority=5
	{
	local fp = hash_function(x509_get_certificate_string(cert_ref));
	local rec = X509::Info($ts=f$info$ts, $fingerprint=fp, $certificate=cert, $handle=cert_ref);
	# The SSL analyzer labels the first certificate of a chain as the
	# user's, the rest as CA certificates.
	rec$host_cert = f$info?$mime_type && f$info$mime_type == "application/x-x509-user-cert";
	rec$client_cert = f$is_orig;
	f$info$x509 = rec;
	}

# Adds one extension event's value to the certificate's cache, and
# returns the certificate's state (or nothing if no certificate is
# under way in this file).
function cache_extension(f: fa_file, v: any): bool
	{
	if ( ! pending(f) )
		return F;
	f$info$x509$extensions_cache[|f$info$x509$extensions_cache|] = v;
	return T;
	}

event x509_extension(f: fa_file, ext: X509::Extension) &priority=5
	{
	if ( cache_extension(f, ext) )
		f$info$x509$extensions[|f$info$x509$extensions|] = ext;
	}

event x509_ext_basic_constraints(f: fa_file, ext: X509::BasicConstraints) &priority=5
	{
	if ( cache_extension(f, ext) )
		f$info$x509$basic_constraints = ext;
	}

event x509_ext_subject_alternative_name(f: fa_file, ext: X509::SubjectAlternativeName) &priority=5
	{
	if ( cache_extension(f, ext) )
		f$info$x509$san = ext;
	}

event x509_ocsp_ext_signed_certificate_timestamp(f: fa_file, version: count, logid: string,
                                                  timestamp: count, hash_algorithm: count,
                                                  signature_algorithm: count, signature: string) &priority=5
	{
	cache_extension(f, SctInfo($version=version, $logid=logid, $timestamp=timestamp,
	                           $hash_alg=hash_algorithm, $sig_alg=signature_algorithm,
	                           $signature=signature));
	}

# True when this certificate, in this role, was logged recently; else
# remembers it (room permitting) and answers false.
function seen_before(rec: X509::Info): bool
	{
	if ( ! rec?$deduplication_index )
		hook create_deduplication_index(rec);
	if ( ! rec?$deduplication_index )
		return F;

	local key = rec$deduplication_index;
	if ( key in known_log_certs )
		return T;
	if ( |known_log_certs| < known_log_certs_maximum_size )
		add known_log_certs[key];
	return F;
	}

event file_state_remove(f: fa_file) &priority=5
	{
	if ( pending(f) && ! seen_before(f$info$x509) )
		Log::write(X509::LOG, f$info$x509);
	}
