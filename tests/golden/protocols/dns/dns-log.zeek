# A query for an A record answered with a CNAME and two addresses 250 ms
# later; a query that is never answered, written when its connection
# goes; a reply refusing a query.
@load base/protocols/dns
@load ../_lib/conn

function msg(id: count, qr: bool, rcode: count, nq: count, na: count): dns_msg
	{
	return dns_msg($id=id, $opcode=0, $rcode=rcode, $QR=qr, $AA=F, $TC=F, $RD=T, $RA=qr,
	               $Z=0, $AD=F, $CD=F, $num_queries=nq, $num_answers=na, $num_auth=0,
	               $num_addl=0, $is_netbios=F);
	}

function ans(name: string, qtype: count, ttl: interval): dns_answer
	{
	return dns_answer($answer_type=DNS_ANS, $query=name, $qtype=qtype, $qclass=1, $TTL=ttl);
	}

global c: connection;

event zeek_init() &priority=-10
	{
	Test::to_stdout(DNS::LOG);
	Test::at(1700000000.0);
	c = Test::conn("CHhAvVGS1DHFjwGM9", 10.0.0.1, 53000/udp, 10.0.0.53, 53/udp);
	local q = msg(4660, F, 0, 1, 0);
	event dns_message(c, T, q, 40);
	event dns_request(c, q, "www.example.com", 1, 1, "www.Example.com");
	event dns_end(c, q);

	event Test::step(1700000000.25);
	local r = msg(4660, T, 0, 1, 3);
	event dns_message(c, F, r, 120);
	event dns_CNAME_reply(c, r, ans("www.example.com", 5, 300 secs), "example.com");
	event dns_A_reply(c, r, ans("example.com", 1, 60 secs), 93.184.216.34);
	event dns_A_reply(c, r, ans("example.com", 1, 60 secs), 93.184.216.35);
	event dns_end(c, r);

	local d = Test::conn("C4J4Th3PJpwUYZZ6gc", 10.0.0.1, 53001/udp, 10.0.0.53, 53/udp);
	local q7 = msg(7, F, 0, 1, 0);
	event dns_message(d, T, q7, 40);
	event dns_request(d, q7, "lost.example", 28, 1, "lost.example");
	event dns_end(d, q7);
	event connection_state_remove(d);

	local e = Test::conn("ClEkJM2Vm5giqnMf4h", 10.0.0.1, 53002/udp, 10.0.0.53, 53/udp);
	local q2 = msg(9, F, 0, 1, 0);
	event dns_message(e, T, q2, 40);
	event dns_request(e, q2, "example.org", 15, 1, "example.org");
	event dns_end(e, q2);
	local no = msg(9, T, 5, 1, 0);
	event dns_message(e, F, no, 40);
	event dns_rejected(e, no, "example.org", 15, 1, "example.org");
	event dns_end(e, no);
	}
