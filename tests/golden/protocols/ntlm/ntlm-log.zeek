# NTLM: a login whose outcome the GSSAPI layer reports (an incomplete
# state first, then success), and one that is never decided, written
# when its connection goes.
@load base/protocols/ntlm
@load ../_lib/conn

function flags(): NTLM::NegotiateFlags
	{
	return NTLM::NegotiateFlags($negotiate_56=F, $negotiate_key_exch=F, $negotiate_128=T,
		$negotiate_version=T, $negotiate_target_info=T, $request_non_nt_session_key=F,
		$negotiate_identify=F, $negotiate_extended_sessionsecurity=T,
		$target_type_server=F, $target_type_domain=T, $negotiate_always_sign=T,
		$negotiate_oem_workstation_supplied=F, $negotiate_oem_domain_supplied=F,
		$negotiate_anonymous_connection=F, $negotiate_ntlm=T, $negotiate_lm_key=F,
		$negotiate_datagram=F, $negotiate_seal=T, $negotiate_sign=T,
		$request_target=T, $negotiate_oem=F, $negotiate_unicode=T);
	}

event zeek_init() &priority=-10
	{
	Test::to_stdout(NTLM::LOG);
	Test::at(1700000000.0);
	local c = Test::conn("CHhAvVGS1DHFjwGM9", 10.0.0.1, 50000/tcp, 10.0.0.5, 445/tcp);
	event ntlm_negotiate(c, NTLM::Negotiate($flags=flags()));
	local names = NTLM::AVs($nb_computer_name="FILES", $nb_domain_name="CORP",
	                        $dns_computer_name="files.corp.example.com",
	                        $dns_tree_name="corp.example.com");
	event ntlm_challenge(c, NTLM::Challenge($flags=flags(), $challenge=1234, $target_info=names));
	event gssapi_neg_result(c, 1);
	event ntlm_authenticate(c, NTLM::Authenticate($flags=flags(), $domain_name="CORP",
	                                              $user_name="alice", $workstation="WS-17"));
	event gssapi_neg_result(c, 0);
	event gssapi_neg_result(c, 2);

	local d = Test::conn("C4J4Th3PJpwUYZZ6gc", 10.0.0.2, 50001/tcp, 10.0.0.80, 80/tcp);
	event ntlm_authenticate(d, NTLM::Authenticate($flags=flags(), $user_name="bob"));
	event connection_state_remove(d);
	}
