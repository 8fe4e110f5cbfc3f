# Analyzer events are declared with their argument types, some with an
# alternate prototype: a handler may take the declared parameters or a
# subset named as in the alternate. A script can raise them itself.
event http_header(c: connection, is_orig: bool, name: string, value: string)
	{
	print "four", name, value;
	}

event http_header(c: connection, is_orig: bool, original_name: string, name: string, value: string)
	{
	print "five", original_name, name;
	}

event dns_request(c: connection, msg: dns_msg, query: string, qtype: count, qclass: count)
	{
	print "dns", query, qtype, msg$id;
	}

event zeek_init()
	{
	local id = conn_id($orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp, $proto=6);
	local ep = endpoint($size=0, $state=0, $flow_label=0);
	local c = connection($id=id, $orig=ep, $resp=ep, $start_time=double_to_time(0.0),
	                     $duration=0sec, $service=set(), $history="", $uid="CtestUid");
	event http_header(c, T, "Host", "HOST", "example.com");
	local msg = dns_msg($id=7, $opcode=0, $rcode=0, $QR=F, $AA=F, $TC=F, $RD=T, $RA=F, $Z=0,
	                    $AD=F, $CD=F, $num_queries=1, $num_answers=0, $num_auth=0, $num_addl=0, $is_netbios=F);
	event dns_request(c, msg, "example.com", 1, 1, "Example.com");
	}
