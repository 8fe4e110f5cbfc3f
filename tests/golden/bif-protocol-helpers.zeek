# FTP argument parsing and formatting, NetBIOS names, certificate host
# names and path compression.
event zeek_init()
	{
	print parse_ftp_port("10,0,0,1,0,21");
	print parse_ftp_port("10,0,0,1,300,21");
	print parse_ftp_port("10,0,0");
	print parse_eftp_port("!2!2001:db8::1!8021!");
	print parse_eftp_port("|1|10.1.2.3|70000|");
	print parse_eftp_port("|1|not-an-ip|21|");
	print parse_ftp_pasv("227 Passive (172,16,5,9,4,1).");
	print parse_ftp_pasv("227 ok 172,16,5,9,4,2");
	print parse_ftp_epsv("229 Extended (|||6446|)");
	print fmt_ftp_port(172.16.5.9, 1026/tcp);
	print fmt_ftp_port([2001:db8::1], 21/tcp);

	print decode_netbios_name("EEEFEGEFEOEDEFCACACACACACACACAAA"), decode_netbios_name_type("EEEFEGEFEOEDEFCACACACACACACACAAA");
	print decode_netbios_name("fefeeeeeeeeeeeeeeeeeeeeeeeeeeeeb"), decode_netbios_name_type("fefeeeeeeeeeeeeeeeeeeeeeeeeeeeeb");
	print |decode_netbios_name("ZZ")|, decode_netbios_name_type("ZZ");

	print x509_check_hostname("mail.example.net", "*.example.net");
	print x509_check_hostname("a.mail.example.net", "*.example.net");
	print x509_check_hostname("MAIL.example.net", "mail.EXAMPLE.net");
	print x509_check_hostname("example.net", "*.net");
	print x509_check_hostname("smtp.example.net", "s*p.example.net");

	print compress_path("logs/./2024/../current/");
	print compress_path("./../x"), compress_path("/var//log/."), compress_path("a/b");
	}
