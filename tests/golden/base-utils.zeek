# The helpers of base/utils: directions and hosts, times, strings,
# numbers, addresses, paths, patterns, the queue, thresholds, URLs and
# mail addresses.

@load base/utils/directions-and-hosts
@load base/utils/time
@load base/utils/strings
@load base/utils/numbers
@load base/utils/addrs
@load base/utils/files
@load base/utils/paths
@load base/utils/patterns
@load base/utils/queue
@load base/utils/thresholds
@load base/utils/urls
@load base/utils/email
@load base/utils/hash_hrw

redef Site::local_nets += { 10.0.0.0/8 };
redef Site::local_admins += { [10.1.0.0/16] = set("ops@example.com"), [10.0.0.0/8] = set("noc@example.com") };

event zeek_init()
	{
	local out = conn_id($orig_h=10.0.0.1, $orig_p=1/tcp, $resp_h=1.2.3.4, $resp_p=80/tcp);
	local inside = conn_id($orig_h=10.0.0.1, $orig_p=1/tcp, $resp_h=10.2.3.4, $resp_p=80/tcp);
	print "directions", id_matches_direction(out, OUTBOUND), id_matches_direction(out, INBOUND),
	      id_matches_direction(out, BIDIRECTIONAL), id_matches_direction(inside, BIDIRECTIONAL),
	      id_matches_direction(out, NO_DIRECTION);
	print "hosts", addr_matches_host(10.1.1.1, LOCAL_HOSTS), addr_matches_host(10.1.1.1, REMOTE_HOSTS),
	      addr_matches_host(1.1.1.1, ALL_HOSTS), addr_matches_host(1.1.1.1, NO_HOSTS);
	print "admins", Site::get_emails(10.1.2.3) == "ops@example.com, noc@example.com" ||
	                Site::get_emails(10.1.2.3) == "noc@example.com, ops@example.com",
	      Site::get_emails(10.2.0.1), Site::get_emails(1.2.3.4) == "";
	print "local_nets_table", Site::local_nets_table[10.9.9.9];

	print "time", duration_to_mins_secs(214.4sec), duration_to_mins_secs(59sec), null_ts;

	print "strings", is_string_binary("abc\xff"), is_string_binary("abcde\xff"),
	      string_escape("a\\b\"c", "\""), cut_tail("hello", 2), cut_tail("hi", 5);
	print "numbers", extract_count("a12b34"), extract_count("a12b34", F), extract_count("none");

	print "addrs", extract_ip_addresses("x 1.2.3.4 y [::1] z (2001:db8::1) 10.0.0.300");
	print "wrapped", extract_ip_addresses("a1.2.3.4 [1.2.3.5] (1.2.3.6] 1.2.3.7", T);
	print "uri", addr_to_uri(1.2.3.4), addr_to_uri([2001:db8::1]);
	print "mac", normalize_mac("00-A0-32-D7-81-8F"), normalize_mac("0:1:2:3:4:5:6:7:8:9:a:b:c:d:e:f"),
	      normalize_mac("abc") == "";
	print "octets", has_valid_octets(vector("1", "255")), has_valid_octets(vector("256"));

	print "paths", extract_path("see /usr/local/bin/zeek here"), build_path("/a/", "b"),
	      build_path("/a", "/b"), build_path("", "c"), build_path_compressed("/a/../b", "c");

	print "regex", set_to_regex(set("a.com"), "\\.(~~)"), match_pattern("foobar", /o+[a-k]/),
	      match_pattern("foobar", /z/);

	local q = Queue::init([$max_len=2]);
	Queue::put(q, 1);
	Queue::put(q, 2);
	Queue::put(q, 3);
	local v: vector of any;
	Queue::get_vector(q, v);
	print "queue", Queue::len(q), Queue::peek(q), v;
	local q2 = Queue::init();
	Queue::put(q2, "x");
	local merged = Queue::merge(q, q2);
	local mv: vector of any;
	Queue::get_vector(merged, mv);
	print "merged", mv, Queue::get(merged), Queue::len(merged);

	local tc = new_track_count();
	tc$n = 150;
	print "thresholds", check_threshold(default_notice_thresholds, tc),
	      check_threshold(default_notice_thresholds, tc), check_threshold(default_notice_thresholds, tc), tc;

	print "urls", find_all_urls("see http://www.example.com/x?y=1 there"),
	      find_all_urls_without_scheme("go to https://a.example.org/p now");
	print decompose_uri("http://www.example.com:8080/dir/file.tar.gz?a=1&b=2&c");
	print decompose_uri("example.com/");

	print "mail", extract_email_addrs_vec("Joe <joe@a.com>, b@c.org"), extract_first_email_addr("no one"),
	      split_mime_email_addresses("\"Doe, J\" <j@d.e>");

	local p = HashHRW::Pool();
	print "hrw", HashHRW::add_site(p, [$id=1]), HashHRW::add_site(p, [$id=1]),
	      HashHRW::add_site(p, [$id=2]), HashHRW::rem_site(p, [$id=2]), HashHRW::get_site(p, "k")$id;
	}
