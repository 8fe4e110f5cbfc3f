##! ftp.log: the commands of an FTP control session that move or change
##! files, each with the reply that answered it (replies are paired with
##! commands by utils-commands), the file's URL, size and type, and the
##! data connection it announced. Passwords are hidden except for guest
##! logins.
##!
##! A command's line is written when the next command comes (or, with
##! several commands waiting, as soon as its reply does), and the
##! remaining ones when the connection goes. A session whose commands
##! were all of other kinds still writes one line if someone logged in.

@load base/utils/numbers
@load base/protocols/conn/removal-hooks
@load base/frameworks/notice/weird
@load ./utils

module FTP;

export {
	## The ftp.log stream.
	redef enum Log::ID += { LOG };

	## Ports FTP control sessions are expected on (FTP and GridFTP).
	const ports = { 21/tcp, 2811/tcp } &redef;

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## The commands that get a line of their own.
	option logged_commands = {
		"APPE", "DELE", "RETR", "STOR", "STOU", "ACCT", "PORT", "PASV", "EPRT",
		"EPSV"
	};

	## Login names of anonymous access, whose passwords are shown.
	option guest_ids = { "anonymous", "ftp", "ftpuser", "guest" };

	## A reply code's three digits, most significant first.
	type ReplyCode: record {
		x: count;
		y: count;
		z: count;
	};

	## Splits a reply code into its digits.
	global parse_ftp_reply_code: function(code: count): ReplyCode;

	## Raised with each line written.
	global log_ftp: event(rec: Info);

	## Registered for each control session: writes what is left.
	global finalize_ftp: Conn::RemovalHook;

	## Registered for each data connection: forgets that it was expected.
	global finalize_ftp_data: hook(c: connection);

	## Most commands waiting for replies; more are not queued (a weird).
	option max_pending_commands = 20;

	## Longest user name, password, argument and reply text kept (longer
	## ones are cut, with a weird).
	option max_user_length = 128;
	option max_password_length = 128;
	option max_arg_length = 4096;
	option max_reply_msg_length = 4096;

	## Most data connections expected at once, over all sessions; 0 means
	## no limit.
	option max_expected_data_channels = 100000;

	## Write one line for a session with a login but no logged command.
	option log_at_least_one_command = T;
}

redef record connection += {
	## The control session.
	ftp: Info &optional;
	## Whether this data connection's endpoints were used before.
	ftp_data_reuse: bool &default=F;
};

redef likely_server_ports += ports;

event zeek_init() &priority=5
	{
	local stream = Log::Stream($columns=Info, $path="ftp", $ev=log_ftp, $policy=log_policy);
	Log::create_stream(FTP::LOG, stream);
	}

## The data connections announced and not yet over, by the address and
## port that will be connected to, with their control session.
global ftp_data_expected: table[addr, port] of Info &read_expire=5mins;

# Commands whose argument names a file; their lines show it as a URL.
const file_cmds = {
	"APPE", "CWD", "DELE", "MKD", "RETR", "RMD", "RNFR", "RNTO",
	"STOR", "STOU", "REST", "SIZE", "MDTM",
};

# The replies that tell a new working directory, by command. (CDUP's
# 200 is what RFC 959 lists; servers answer 250.)
const directory_cmds = {
	["CWD", 250], ["CDUP", 200], ["CDUP", 250], ["PWD", 257], ["XPWD", 257],
};

# The commands that ask the server to listen, and their answers.
const passive_cmds = { "PASV", "EPSV" };
const passive_replies = { 227, 229 };

function parse_ftp_reply_code(code: count): ReplyCode
	{
	return ReplyCode($x=(code / 100) % 10, $y=(code / 10) % 10, $z=code % 10);
	}

# The session record of c, started on the first message with a
# placeholder command for the server's greeting to answer.
function session(c: connection): Info
	{
	if ( ! c?$ftp )
		{
		c$ftp = Info($ts=network_time(), $uid=c$uid, $id=c$id, $pending_commands=PendingCmds());
		Conn::register_removal_hook(c, finalize_ftp);
		c$ftp$command_seq += 1;
		add_pending_cmd(c$ftp$pending_commands, c$ftp$command_seq, "<init>", "");
		}
	return c$ftp;
	}

# Whether the session's password must not be shown.
function hides_password(s: Info): bool
	{
	return ! s$capture_password && to_lower(s$user) !in guest_ids;
	}

# Cuts an over-long value, with a weird naming it.
function clip(c: connection, v: string, limit: count, weird: string): string
	{
	if ( |v| <= limit )
		return v;
	Reporter::conn_weird(weird, c, cat(|v|), "FTP");
	return v[:limit];
	}

# Writes the line of the command the last reply answered, if it is one of
# logged_commands, then clears the fields that belong to one transfer.
function ftp_message(c: connection)
	{
	local s = c$ftp;
	local cmd = s$cmdarg;
	s$ts = cmd$ts;
	s$command = cmd$cmd;
	s$arg = cmd$arg;
	if ( cmd$cmd in file_cmds )
		s$arg = build_url_ftp(s);

	s$arg = clip(c, s$arg, max_arg_length, "FTP_arg_too_long");
	if ( s?$reply_msg )
		s$reply_msg = clip(c, s$reply_msg, max_reply_msg_length, "FTP_reply_msg_too_long");

	if ( hides_password(s) )
		{
		if ( s$command == "PASS" )
			s$arg = "<hidden>";
		if ( s?$password )
			s$password = "<hidden>";
		}
	if ( s$arg == "" )
		delete s$arg;

	if ( s$command in logged_commands )
		{
		Log::write(FTP::LOG, s);
		s$logged_command_seen = T;
		}

	delete s$mime_type;
	delete s$file_size;
	delete s$data_channel;
	delete s$fuid;
	}

# Remembers a data connection the session announced (within
# max_expected_data_channels).
function add_expected_data_channel(s: Info, chan: ExpectedDataChannel)
	{
	local known = [chan$resp_h, chan$resp_p] in ftp_data_expected;
	if ( ! known && max_expected_data_channels > 0
	     && |ftp_data_expected| >= max_expected_data_channels )
		{
		Reporter::net_weird("FTP_too_many_expected_data_channels",
		                    cat(|ftp_data_expected|), "FTP");
		return;
		}

	s$passive = chan$passive;
	s$data_channel = chan;
	ftp_data_expected[chan$resp_h, chan$resp_p] = s;
	}

event ftp_request(c: connection, command: string, arg: string) &priority=5
	{
	# The command before is complete once the next one comes (if a
	# reply was paired with it and it is still waiting).
	local s = session(c);
	if ( s?$reply_code && s?$cmdarg && remove_pending_cmd(s$pending_commands, s$cmdarg) )
		ftp_message(c);

	if ( |s$pending_commands| >= max_pending_commands )
		Reporter::conn_weird("FTP_too_many_pending_commands", c,
		                     cat(|s$pending_commands|), "FTP");
	else
		{
		s$command_seq += 1;
		add_pending_cmd(s$pending_commands, s$command_seq, command, arg);
		}

	switch ( command )
		{
		case "USER":
			s$user = clip(c, arg, max_user_length, "FTP_user_too_long");
			break;
		case "PASS":
			s$password = clip(c, arg, max_password_length, "FTP_password_too_long");
			break;
		case "PORT", "EPRT":
			# The client will listen; the server connects to it.
			local active = command == "PORT" ? parse_ftp_port(arg) : parse_eftp_port(arg);
			if ( active$valid )
				add_expected_data_channel(s, ExpectedDataChannel($passive=F,
				                          $orig_h=c$id$resp_h, $resp_h=active$h,
				                          $resp_p=active$p));
			break;
		}
	}

event ftp_reply(c: connection, code: count, msg: string, cont_resp: bool) &priority=5
	{
	local s = session(c);

	# Continuation lines have no code of their own and are not paired,
	# except a line that looks like a complete reply: some servers end a
	# multi-line reply with another code than they began it with.
	if ( cont_resp && code == 0 && s?$reply_code
	     && /^[1-9][0-9]{2} [[:print:]]{10}.*/ !in msg )
		return;

	s$cmdarg = get_pending_cmd(s$pending_commands, code, msg);
	s$reply_code = code;
	s$reply_msg = msg;

	# Only a reply's first line says anything more.
	if ( cont_resp )
		return;

	local cmd = s$cmdarg;
	if ( (code == 150 && cmd$cmd == "RETR") || (code == 213 && cmd$cmd == "SIZE") )
		# The size in the reply (RETR's overrides an earlier SIZE's).
		s$file_size = extract_count(msg, F);

	else if ( code in passive_replies && cmd$cmd in passive_cmds )
		{
		# The server will listen; the client connects to it. EPSV gives
		# only a port: the server's own address is meant.
		local passive = code == 227 ? parse_ftp_pasv(msg) : parse_ftp_epsv(msg);
		if ( passive$valid )
			{
			s$passive = T;
			if ( code == 229 && passive$h == [::] )
				passive$h = c$id$resp_h;
			add_expected_data_channel(s, ExpectedDataChannel($passive=T,
			                          $orig_h=c$id$orig_h, $resp_h=passive$h,
			                          $resp_p=passive$p));
			}
		}

	if ( [cmd$cmd, code] in directory_cmds && ! cmd$cwd_consumed )
		{
		cmd$cwd_consumed = T;
		switch ( cmd$cmd )
			{
			case "CWD":
				s$cwd = build_path_compressed(s$cwd, cmd$arg);
				break;
			case "CDUP":
				s$cwd = build_path_compressed(s$cwd, "/..");
				break;
			default:
				s$cwd = extract_path(msg);
				break;
			}
		}

	# With more commands waiting, the next request would not tell which
	# one is complete: this one is written now.
	if ( |s$pending_commands| > 1 )
		{
		remove_pending_cmd(s$pending_commands, cmd);
		ftp_message(c);
		}
	}

# A data connection that was announced: marked as such, and forgotten
# once over. (Zeek does this when the announced connection's analyzer is
# attached; rzeek, which attaches none, when the connection starts.)
event new_connection(c: connection) &priority=10
	{
	if ( [c$id$resp_h, c$id$resp_p] !in ftp_data_expected )
		return;
	add c$service["ftp-data"];
	Conn::register_removal_hook(c, finalize_ftp_data);
	}

# The data connection's file type goes to the control session's line.
event file_transferred(c: connection, prefix: string, descr: string,
                       mime_type: string) &priority=5
	{
	if ( [c$id$resp_h, c$id$resp_p] !in ftp_data_expected )
		return;
	ftp_data_expected[c$id$resp_h, c$id$resp_p]$mime_type = split_string1(mime_type, /;/)[0];
	}

event connection_reused(c: connection) &priority=5
	{
	if ( "ftp-data" in c$service )
		c$ftp_data_reuse = T;
	}

hook finalize_ftp_data(c: connection)
	{
	if ( ! c$ftp_data_reuse )
		delete ftp_data_expected[c$id$resp_h, c$id$resp_p];
	}

hook finalize_ftp(c: connection)
	{
	if ( ! c?$ftp )
		return;

	local s = c$ftp;
	for ( _, waiting in s$pending_commands )
		{
		s$cmdarg = waiting;
		ftp_message(c);
		}

	if ( log_at_least_one_command && s?$user && ! s$logged_command_seen )
		Log::write(FTP::LOG, s);
	}
