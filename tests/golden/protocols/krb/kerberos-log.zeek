# Kerberos: an AS exchange that first draws the pre-authentication error
# (ignored) and then a ticket; a TGS request refused with an error code
# that has no text; a service request (AP) answered; an AS request
# whose answer never comes, written when the connection goes.
@load base/protocols/krb
@load ../_lib/conn

function opts(fwd: bool, renew: bool): KRB::KDC_Options
	{
	return KRB::KDC_Options($forwardable=fwd, $forwarded=F, $proxiable=F, $proxy=F,
	                        $allow_postdate=F, $postdated=F, $renewable=renew,
	                        $opt_hardware_auth=F, $disable_transited_check=F,
	                        $renewable_ok=F, $enc_tkt_in_skey=F, $renew=F, $validate=F);
	}

function ticket(service: string, cipher: count): KRB::Ticket
	{
	return KRB::Ticket($pvno=5, $realm="EXAMPLE.COM", $service_name=service, $cipher=cipher);
	}

event zeek_init() &priority=-10
	{
	Test::to_stdout(KRB::LOG);
	Test::at(1700000000.0);
	local c = Test::conn("CHhAvVGS1DHFjwGM9", 10.0.0.1, 50000/udp, 10.0.0.88, 88/udp);
	local req = KRB::KDC_Request($pvno=5, $msg_type=10, $kdc_options=opts(T, T),
	                             $client_name="alice", $service_realm="EXAMPLE.COM",
	                             $service_name="krbtgt/EXAMPLE.COM",
	                             $till=double_to_time(1700086400.0));
	event krb_as_request(c, req);
	event krb_error(c, KRB::Error_Msg($error_code=25, $error_text="NEEDED_PREAUTH"));
	event krb_as_request(c, req);
	local enc = KRB::Encrypted_Data($cipher=18, $ciphertext="x");
	event krb_as_response(c, KRB::KDC_Response($pvno=5, $msg_type=11, $client_realm="EXAMPLE.COM",
	                                           $client_name="alice",
	                                           $ticket=ticket("krbtgt/EXAMPLE.COM", 18),
	                                           $enc_part=enc));

	local d = Test::conn("C4J4Th3PJpwUYZZ6gc", 10.0.0.1, 50001/tcp, 10.0.0.88, 88/tcp);
	event krb_tgs_request(d, KRB::KDC_Request($pvno=5, $msg_type=12, $kdc_options=opts(F, F),
	                                          $service_name="cifs/files.example.com"));
	event krb_error(d, KRB::Error_Msg($error_code=7, $client_realm="EXAMPLE.COM",
	                                  $service_name="cifs/files.example.com"));

	local e = Test::conn("ClEkJM2Vm5giqnMf4h", 10.0.0.1, 50002/tcp, 10.0.0.5, 445/tcp);
	event krb_ap_request(e, ticket("cifs/files.example.com", 23),
	                     KRB::AP_Options($use_session_key=F, $mutual_required=T), F);
	event krb_ap_response(e);

	local f = Test::conn("CtPZjS20MLrsMUOJi2", 10.0.0.2, 50003/udp, 10.0.0.88, 88/udp);
	event krb_as_request(f, KRB::KDC_Request($pvno=5, $msg_type=10, $client_name="bob",
	                                         $service_realm="EXAMPLE.COM"));
	event connection_state_remove(f);
	}
