# A Bloom filter holds elements of one type, fixed by the first one
# added: adding or looking up a value of another type is an error (the
# filter is left as it was).
# An empty filter has no type yet, so any lookup answers 0.

event zeek_init()
	{
	local bf = bloomfilter_basic_init(0.01, 100);
	print bloomfilter_lookup(bf, "anything");
	bloomfilter_add(bf, 42);
	bloomfilter_add(bf, 43);
	print bloomfilter_lookup(bf, 42), bloomfilter_lookup(bf, 44);

	bloomfilter_add(bf, "forty-two");
	print bloomfilter_lookup(bf, "forty-two");
	print bloomfilter_lookup(bf, 42);

	local strings = bloomfilter_basic_init(0.01, 100);
	bloomfilter_add(strings, "a");
	local empty = bloomfilter_basic_init(0.01, 100);
	# An untyped filter merges with any, and the result takes the type.
	local merged = bloomfilter_merge(strings, empty);
	print bloomfilter_lookup(merged, "a");
	}
