# Helper of the ICMP conn.log tests: each connection's conn.log record
# printed instead of written (no file left behind), its uid masked.

@load base/protocols/conn

event zeek_init()
	{
	Log::remove_default_filter(Conn::LOG);
	}

event Conn::log_conn(rec: Conn::Info)
	{
	rec$uid = "-";
	print rec;
	}
