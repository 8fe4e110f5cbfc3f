# A TLS 1.2 handshake with SNI, ALPN and ECDHE, then an aborted one that
# ends in an alert and is written when its connection goes.
@load base/protocols/ssl
@load ../_lib/conn

event zeek_init() &priority=-10
	{
	Test::to_stdout(SSL::LOG);
	Test::at(1700000000.5);
	local c = Test::conn("CHhAvVGS1DHFjwGM9", 10.0.0.1, 51000/tcp, 10.0.0.2, 443/tcp);
	event ssl_extension(c, T, SSL::SSL_EXTENSION_SERVER_NAME, "x");
	event ssl_extension_server_name(c, T, vector("example.com"));
	event ssl_client_hello(c, SSL::TLSv12, SSL::TLSv10, network_time(), "r", "", vector(0xc02f), vector(0));
	event ssl_handshake_message(c, T, SSL::CLIENT_HELLO, 100);
	event ssl_server_hello(c, SSL::TLSv12, SSL::TLSv12, network_time(), "r", "", 0xc02f, 0);
	event ssl_handshake_message(c, F, SSL::SERVER_HELLO, 80);
	event ssl_handshake_message(c, F, SSL::CERTIFICATE, 900);
	event ssl_ecdh_server_params(c, 23, "pt");
	event ssl_handshake_message(c, F, SSL::SERVER_KEY_EXCHANGE, 300);
	event ssl_handshake_message(c, F, SSL::SERVER_HELLO_DONE, 0);
	event ssl_handshake_message(c, T, SSL::CLIENT_KEY_EXCHANGE, 66);
	event ssl_change_cipher_spec(c, T);
	event ssl_handshake_message(c, T, SSL::FINISHED, 40);
	event ssl_change_cipher_spec(c, F);
	event ssl_extension_application_layer_protocol_negotiation(c, F, vector("h2"));
	event ssl_established(c);

	local d = Test::conn("C4J4Th3PJpwUYZZ6gc", 10.0.0.1, 51001/tcp, 10.0.0.3, 8443/tcp);
	event ssl_client_hello(d, SSL::TLSv12, SSL::TLSv10, network_time(), "r", "\x01\x02\x03", vector(0xc02f), vector(0));
	event ssl_handshake_message(d, T, SSL::CLIENT_HELLO, 100);
	event ssl_alert(d, F, 2, 40);
	event connection_state_remove(d);
	}
