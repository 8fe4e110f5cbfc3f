# args: -r bodies.pcap
# Every HTTP body is hashed (policy/frameworks/files/hash-all-files) and
# typed by its first bytes: the files.log records as written, and the
# MIME types http.log lists per transaction. The expected hashes are
# those of the bodies the trace was made from (Python's hashlib).
@load base/protocols/http
@load base/files/hash
@load policy/frameworks/files/hash-all-files

event Files::log_files(rec: Files::Info)
	{
	print rec$fuid, rec$source, rec$is_orig, rec$seen_bytes, rec$total_bytes;
	print "  ", rec$analyzers, rec?$mime_type ? rec$mime_type : "-";
	print "  ", rec$md5, rec$sha1, rec$sha256;
	}

event HTTP::log_http(rec: HTTP::Info)
	{
	print rec$uri, rec?$orig_mime_types ? rec$orig_mime_types : vector(),
	      rec?$resp_mime_types ? rec$resp_mime_types : vector();
	}
