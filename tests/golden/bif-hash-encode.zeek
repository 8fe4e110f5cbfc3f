# Hashes and encodings.
event zeek_init()
	{
	print md5_hash("abc"), sha1_hash("abc");
	print sha256_hash("abc");
	local h = md5_hash_init();
	md5_hash_update(h, "a");
	md5_hash_update(h, "bc");
	print md5_hash_finish(h);
	print encode_base64("hello"), decode_base64("aGVsbG8=");
	print bytestring_to_hexstr("AB"), hexstr_to_bytestring("4142");
	print to_json([$a=1, $b="x"]), to_json(set(1));
	}
