# An SMTP session with two mails: the first acknowledged after its data
# (headers, Received path, a MIME part with a file name), the second
# never acknowledged and written when the connection goes; a RCPT before
# any MAIL is a weird.
@load base/protocols/smtp
@load ../_lib/conn

function hdr(name: string, value: string): mime_header_rec
	{
	return mime_header_rec($original_name=name, $name=to_upper(name), $value=value);
	}

event zeek_init() &priority=-10
	{
	Test::to_stdout(SMTP::LOG);
	Test::to_stdout(Weird::LOG);
	Test::at(1700000000.0);
	local c = Test::conn("CHhAvVGS1DHFjwGM9", 10.0.0.1, 40000/tcp, 10.0.0.25, 25/tcp);
	event smtp_reply(c, F, 220, "> ", "mail.example.com ESMTP", F);
	event smtp_request(c, T, "EHLO", "client.example.org");
	event smtp_reply(c, F, 250, "EHLO", "mail.example.com", F);
	event smtp_request(c, T, "RCPT", "TO:<early@example.com>");
	event smtp_request(c, T, "MAIL", "FROM:<alice@example.org> SIZE=100");
	event smtp_reply(c, F, 250, "MAIL", "ok", F);
	event smtp_request(c, T, "RCPT", "TO:<bob@example.com> ORCPT=rfc822;bob@example.com");
	event smtp_request(c, T, "RCPT", "TO:<carol@example.com>");
	event smtp_request(c, T, "DATA", "");
	event smtp_reply(c, F, 354, "DATA", "go ahead", F);
	event mime_begin_entity(c);
	event mime_one_header(c, hdr("Received", "from relay.example.org (relay [192.168.1.7]) by mail.example.com"));
	event mime_one_header(c, hdr("Received", "from client (client [10.9.9.9]) by relay.example.org"));
	event mime_one_header(c, hdr("From", "Alice <alice@example.org>"));
	event mime_one_header(c, hdr("To", "Bob <bob@example.com>, carol@example.com"));
	event mime_one_header(c, hdr("Subject", "Quarterly figures and the plan for next year"));
	event mime_one_header(c, hdr("Message-ID", "<1@example.org>"));
	event mime_one_header(c, hdr("X-Mailer", "TestMail 1.0"));
	event mime_one_header(c, hdr("X-Originating-IP", "[172.16.0.4]"));
	event mime_begin_entity(c);
	event mime_one_header(c, hdr("Content-Disposition", "attachment; filename=\"figures.pdf\""));
	event mime_one_header(c, hdr("Subject", "not the message's"));
	event mime_end_entity(c);
	event mime_end_entity(c);
	event smtp_request(c, T, ".", ".");
	event smtp_reply(c, F, 250, ".", "queued as 1234", F);

	event smtp_request(c, T, "MAIL", "FROM:<alice@example.org>");
	event smtp_request(c, T, "RCPT", "TO:<dave@example.net>");
	event connection_state_remove(c);
	}
