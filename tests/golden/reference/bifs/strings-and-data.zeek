# str_smith_waterman (the common substrings, where they start in each
# string counted from 0, the last of an alignment marked new; nothing
# shorter than min_strlen), routing0_data_to_addrs (addresses after 4
# reserved bytes; a length that is not 4 + 16n is warned about),
# bloomfilter_decrement (counting filters only, members only),
# calc_next_rotate (to the next multiple of the interval after
# log_rotate_base_time, local midnight by default; a zero interval is an
# error and means a day).

event zeek_init()
	{
	print str_smith_waterman("abcdefgh", "xxcdefyy", sw_params());
	print |str_smith_waterman("abcdefgh", "xxcdefyy", sw_params($min_strlen=5))|;
	print |str_smith_waterman("ab", "ab", sw_params())|;

	print routing0_data_to_addrs("\x00\x00\x00\x00\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\xfe\x80\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02");
	print routing0_data_to_addrs("\x00\x00\x00");

	local cbf = bloomfilter_counting_init(3, 64, 3);
	bloomfilter_add(cbf, "x");
	bloomfilter_add(cbf, "x");
	print bloomfilter_decrement(cbf, "x"), bloomfilter_lookup(cbf, "x");
	print bloomfilter_decrement(cbf, "x"), bloomfilter_lookup(cbf, "x");
	print bloomfilter_decrement(cbf, "x");
	local bf = bloomfilter_basic_init(0.01, 100);
	bloomfilter_add(bf, "x");
	print bloomfilter_decrement(bf, "x"), bloomfilter_lookup(bf, "x");

	# 2001-09-09 01:46:40 UTC.
	set_network_time(double_to_time(1000000000.0));
	print calc_next_rotate(1 hr), calc_next_rotate(10 min);
	print calc_next_rotate(0 sec);
	}
