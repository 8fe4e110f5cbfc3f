# How print, fmt, cat and to_json show values of opaque types and files.
# print names the value's class (MD5Val, not the type's name md5); to_json
# gives it as opaque_type. A file prints as: file "NAME" of string.

event zeek_init()
	{
	local hashes = vector(md5_hash_init(), sha1_hash_init(), sha256_hash_init());
	for ( i in hashes )
		print hashes[i], to_json(hashes[i]);

	print entropy_test_init(), topk_init(3), hll_cardinality_init(0.1, 0.99);
	print bloomfilter_basic_init(0.1, 100), paraglob_init(vector("a*"));
	print to_json(topk_init(3)), to_json(bloomfilter_basic_init(0.1, 100));
	print fmt("%s|", md5_hash_init()), cat(sha1_hash_init());

	local f = open("/dev/null");
	print f;
	print fmt("[%s]", f), to_json(f);
	close(f);
	print f;
	# The types keep their own names: a file's type is "file of string".
	print type_name(f), type_name(md5_hash_init()), type_name(topk_init(2));
	}
