# args: -r gzip.pcap
# Bodies sent with Content-Encoding gzip or deflate (zlib-wrapped, and
# raw deflate sent chunked) are decoded before they are seen: the entity
# data, http.log's body length and the file's bytes and hashes are those
# of the decoded body (the expected values come from make-gzip-trace.py,
# which compressed them). The size announced is that of the encoded body,
# so the file's total_bytes stays unset.
@load base/protocols/http
@load base/files/hash
@load policy/frameworks/files/hash-all-files

global entity_bytes: table[string] of count &default=0;

event http_entity_data(c: connection, is_orig: bool, length: count, data: string)
	{
	if ( ! is_orig )
		entity_bytes[c$http$uri] += length;
	}

event HTTP::log_http(rec: HTTP::Info)
	{
	print rec$uri, rec$response_body_len, entity_bytes[rec$uri], rec$resp_mime_types;
	}

event Files::log_files(rec: Files::Info)
	{
	print rec$fuid, rec$seen_bytes, rec?$total_bytes, rec$md5, rec$sha1;
	}
