# args: -r traces/mixed.pcap
# The seen script for connections reports both addresses of each
# established TCP connection (mixed.pcap has one, 10.0.0.1 to
# 10.0.0.2:80); with do_notice, an item whose metadata asks for it raises
# Intel::Notice when it matches where if_in says.
@load base/frameworks/intel
@load policy/frameworks/intel/seen/conn-established
@load policy/frameworks/intel/do_notice

event zeek_init()
	{
	Intel::insert([$indicator="10.0.0.2", $indicator_type=Intel::ADDR,
	               $meta=[$source="feed", $do_notice=T]]);
	Intel::insert([$indicator="10.0.0.0/8", $indicator_type=Intel::SUBNET,
	               $meta=[$source="nets", $do_notice=T, $if_in=Conn::IN_RESP]]);
	}

event Intel::match(s: Intel::Seen, items: set[Intel::Item])
	{
	print "match", s$indicator, s$where, s$uid == s$conn$uid, |items|;
	}

event Intel::log_intel(rec: Intel::Info)
	{
	print "log", |rec$uid| > 0, rec$id$resp_h, rec$seen$where;
	}

hook Notice::policy(n: Notice::Info)
	{
	print "notice", n$note, n$msg, n$sub, n$identifier, n$email_body_sections;
	}
