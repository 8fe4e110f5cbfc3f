# An FTP session: a login (password hidden), a change of directory, a
# passive download whose file size comes from the 150 reply and whose
# URL is resolved against the directory, an active upload (PORT), a
# deletion refused; the last command is written when the connection
# goes. A second session only logs in, and still gets one line, with the
# guest's password shown.
@load base/protocols/ftp
@load ../_lib/conn

event zeek_init() &priority=-10
	{
	Test::to_stdout(FTP::LOG);
	Test::at(1700000000.0);
	local c = Test::conn("CHhAvVGS1DHFjwGM9", 10.0.0.1, 40000/tcp, 10.0.0.21, 21/tcp);
	event ftp_reply(c, 220, "FTP server ready", F);
	event ftp_request(c, "USER", "alice");
	event ftp_reply(c, 331, "Password required for alice", F);
	event ftp_request(c, "PASS", "s3cret");
	event ftp_reply(c, 230, "User alice logged in", F);
	event ftp_request(c, "CWD", "pub/reports");
	event ftp_reply(c, 250, "CWD command successful", F);
	event ftp_request(c, "PASV", "");
	event ftp_reply(c, 227, "Entering Passive Mode (10,0,0,21,195,80)", F);
	event ftp_request(c, "RETR", "q3.pdf");
	event ftp_reply(c, 150, "Opening BINARY mode data connection for q3.pdf (48213 bytes)", F);
	event ftp_reply(c, 226, "Transfer complete", F);
	event ftp_request(c, "PORT", "10,0,0,1,156,64");
	event ftp_reply(c, 200, "PORT command successful", F);
	event ftp_request(c, "STOR", "/incoming/notes.txt");
	event ftp_reply(c, 150, "Opening data connection", F);
	event ftp_reply(c, 226, "Transfer complete", F);
	event ftp_request(c, "DELE", "q3.pdf");
	event ftp_reply(c, 550, "q3.pdf: Permission denied", F);
	event connection_state_remove(c);

	local d = Test::conn("C4J4Th3PJpwUYZZ6gc", 10.0.0.2, 40001/tcp, 10.0.0.21, 21/tcp);
	event ftp_reply(d, 220, "FTP server ready", F);
	event ftp_request(d, "USER", "anonymous");
	event ftp_reply(d, 331, "Guest login ok, send your email address as password", F);
	event ftp_request(d, "PASS", "guest@example.org");
	event ftp_reply(d, 230, "Guest login ok", F);
	event ftp_request(d, "QUIT", "");
	event ftp_reply(d, 221, "Goodbye", F);
	event connection_state_remove(d);

	print FTP::parse_ftp_reply_code(227);
	}
