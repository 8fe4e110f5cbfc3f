# Syslog: messages over UDP and TCP, one without a priority (999), one
# with numbers outside the tables, and one a handler changes before it
# is written.
@load base/protocols/syslog
@load ../_lib/conn

event syslog_message(c: connection, facility: count, severity: count, msg: string)
	{
	if ( /password/ in msg )
		c$syslog$message = "[redacted]";
	}

event zeek_init() &priority=-10
	{
	Test::to_stdout(Syslog::LOG);
	Test::at(1700000000.0);
	local c = Test::conn("CHhAvVGS1DHFjwGM9", 10.0.0.1, 40514/udp, 10.0.0.9, 514/udp);
	event syslog_message(c, 4, 6, "sshd[411]: Accepted publickey for alice");
	event syslog_message(c, 999, 999, "no priority here");
	event syslog_message(c, 30, 9, "out of range");
	local d = Test::conn("C4J4Th3PJpwUYZZ6gc", 10.0.0.2, 40515/tcp, 10.0.0.9, 514/tcp);
	event syslog_message(d, 16, 3, "app: bad password for bob");
	}
