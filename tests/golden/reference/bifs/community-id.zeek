# community_id_v1: the Community ID (v1) of a connection's 5-tuple, with the
# spec's example flow; the same ID from either direction; the seed; the hex
# form; an unknown transport is a built-in error and gives "".

event zeek_init()
	{
	local id = conn_id($orig_h=128.232.110.120, $orig_p=34855/tcp,
	                   $resp_h=66.35.250.204, $resp_p=80/tcp, $proto=6);
	local back = conn_id($orig_h=66.35.250.204, $orig_p=80/tcp,
	                     $resp_h=128.232.110.120, $resp_p=34855/tcp, $proto=6);
	print community_id_v1(id);
	print community_id_v1(back) == community_id_v1(id);
	print community_id_v1(id, 1);
	print community_id_v1(id, 0, F);
	local u = conn_id($orig_h=1.2.3.4, $orig_p=0/unknown, $resp_h=5.6.7.8, $resp_p=0/unknown);
	print |community_id_v1(u)|;
	}
