##! smtp.log: one line per mail transaction (MAIL FROM up to the end of
##! the message data) of an SMTP session, with the envelope, the main
##! headers of the message, the path of Received headers back to the
##! sender, and the server's last reply.
##!
##! A transaction's line is written when the server acknowledges the end
##! of the data, when the client starts the next transaction without
##! that acknowledgement seen, or when the connection goes; a session in
##! which the client did nothing worth logging writes no line.

@load base/utils/addrs
@load base/utils/directions-and-hosts
@load base/utils/email
@load base/protocols/conn/removal-hooks
@load base/frameworks/notice/weird

module SMTP;

export {
	## The smtp.log stream.
	redef enum Log::ID += { LOG };

	## Ports SMTP is expected on: relay and submission.
	const ports = { 25/tcp, 587/tcp } &redef;

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## A line of smtp.log: one mail transaction.
	type Info: record {
		## When the transaction started.
		ts: time &log;
		## The connection's uid and addresses.
		uid: string &log;
		id: conn_id &log;
		## The transaction's place in its session, from 1.
		trans_depth: count &log;
		## What the client called itself in HELO or EHLO.
		helo: string &log &optional;
		## The envelope sender (MAIL FROM) and recipients (RCPT TO).
		mailfrom: string &log &optional;
		rcptto: set[string] &log &optional;
		## The message's Date, From, To, Cc and Reply-To headers.
		date: string &log &optional;
		from: string &log &optional;
		to: set[string] &log &optional;
		cc: set[string] &log &optional;
		reply_to: string &log &optional;
		## Its Message-ID, In-Reply-To and Subject headers.
		msg_id: string &log &optional;
		in_reply_to: string &log &optional;
		subject: string &log &optional;
		## The address in an X-Originating-IP header.
		x_originating_ip: addr &log &optional;
		## The newest Received header, and the one before it.
		first_received: string &log &optional;
		second_received: string &log &optional;
		## The last reply of the server: code and text.
		last_reply: string &log &optional;
		## The hosts the message passed, from the server back towards
		## the sender, as far as Received headers tell.
		path: vector of addr &log &optional;
		## The mail client, from X-Mailer, User-Agent or X-User-Agent.
		user_agent: string &log &optional;
		## Whether the session switched to TLS (STARTTLS).
		tls: bool &log &default=F;
		## Internal: whether Received headers still extend the path
		## (they stop once one names a host outside mail_path_capture).
		process_received_from: bool &default=T;
		## Internal: whether the client did anything that makes the
		## transaction worth a line.
		has_client_activity: bool &default=F;
		## Internal: whether headers still describe the message itself
		## (not once a nested MIME part began).
		process_smtp_headers: bool &default=T;
		## Internal: MIME entities begun so far.
		entity_count: count &default=0;
	};

	## What a session keeps across its transactions.
	type State: record {
		## The client's HELO/EHLO name.
		helo: string &optional;
		## Transactions completed (acknowledged by the server).
		messages_transferred: count &default=0;
		## Lines not yet written.
		pending_messages: set[Info] &optional;
		## Within the current transaction: MAIL FROM and RCPT TO seen.
		trans_mail_from_seen: bool &default=F;
		trans_rcpt_to_seen: bool &default=F;
		## Commands seen out of order so far.
		invalid_transactions: count &default=0;
		## A BDAT ... LAST was seen, whose reply ends the transaction.
		bdat_last_observed: bool &default=F;
		## The analyzer, to stop it after too many invalid transactions.
		analyzer_id: count &optional;
	};

	## Which hosts' Received headers extend the path (the others end
	## it); private addresses always do.
	option mail_path_capture = ALL_HOSTS;

	## A one-line summary of a transaction: sender, a recipient, how
	## many more, and the start of the subject.
	global describe: function(rec: Info): string;

	## Raised with each line written.
	global log_smtp: event(rec: Info);

	## Registered for each SMTP connection: writes the open transaction.
	global finalize_smtp: Conn::RemovalHook;

	## Report RCPT TO before MAIL FROM, and DATA/BDAT before RCPT TO, as
	## weirds.
	option mail_transaction_validation = T;

	## After this many invalid transactions the analyzer is stopped; 0
	## never stops it.
	option max_invalid_mail_transactions = 25;

	## Most recipients, To and Cc addresses, and path hosts kept per line
	## (each with a weird when reached); 0 means no limit.
	const max_rcptto_addresses: count = 1000 &redef;
	const max_to_addresses: count = 1000 &redef;
	const max_cc_addresses: count = 1000 &redef;
	const max_path_length: count = 1000 &redef;
}

redef record connection += {
	## The transaction under way.
	smtp: Info &optional;
	## The session's state.
	smtp_state: State &optional;
};

redef likely_server_ports += ports;

event zeek_init() &priority=5
	{
	local stream = Log::Stream($columns=SMTP::Info, $path="smtp", $ev=log_smtp,
	                           $policy=log_policy);
	Log::create_stream(SMTP::LOG, stream);
	}

# The address a Received header names: of several, the second (the first
# is usually the receiving host's own).
function received_from_address(header: string): string
	{
	local found = extract_ip_addresses(header, T);
	switch ( |found| )
		{
		case 0:
			return "";
		case 1:
			return found[0];
		default:
			return found[1];
		}
	}

# A fresh line for the next transaction of c's session.
function start_transaction(c: connection): Info
	{
	local st = c$smtp_state;
	local rec = Info($ts=network_time(), $uid=c$uid, $id=c$id,
	                 $trans_depth=st$messages_transferred + 1);
	if ( st?$helo )
		rec$helo = st$helo;
	# The path ends (at its low indices) with this connection's hosts.
	rec$path = vector(c$id$resp_h, c$id$orig_h);
	Conn::register_removal_hook(c, finalize_smtp);
	return rec;
	}

# Makes sure c has its session state and a transaction line.
function session(c: connection): Info
	{
	if ( ! c?$smtp_state )
		c$smtp_state = State();
	if ( ! c?$smtp )
		c$smtp = start_transaction(c);
	return c$smtp;
	}

# Reports a command out of its place in a transaction; too many of them
# stop the analyzer.
function invalid_transaction(c: connection, what: string)
	{
	local st = c$smtp_state;
	Reporter::conn_weird("smtp_mail_transaction_invalid", c, what, "SMTP");
	st$invalid_transactions += 1;

	if ( max_invalid_mail_transactions == 0 || ! st?$analyzer_id )
		return;
	if ( st$invalid_transactions <= max_invalid_mail_transactions )
		return;

	Reporter::limit_reached_weird("smtp_excessive_invalid_mail_transactions", c,
	                              st$invalid_transactions,
	                              max_invalid_mail_transactions, "SMTP");
	if ( disable_analyzer(c$id, st$analyzer_id) )
		delete st$analyzer_id;
	}

# Writes the transaction's line if the client did anything, and starts
# the next one.
function smtp_message(c: connection)
	{
	if ( ! c$smtp$has_client_activity )
		return;
	Log::write(SMTP::LOG, c$smtp);
	c$smtp = start_transaction(c);
	}

# Adds addresses to one of a line's address sets, up to limit (0: no
# limit), with the weird named overflow when the limit is hit.
function add_addresses(c: connection, into: set[string], addrs: set[string],
                       limit: count, overflow: string)
	{
	for ( a in addrs )
		{
		if ( limit > 0 && |into| >= limit )
			{
			Reporter::conn_weird(overflow, c);
			return;
			}
		add into[a];
		}
	}

event smtp_request(c: connection, is_orig: bool, command: string, arg: string) &priority=5
	{
	local rec = session(c);
	local st = c$smtp_state;

	switch ( to_upper(command) )
		{
		case "HELO", "EHLO":
			st$helo = arg;
			rec$helo = arg;
			break;

		case "MAIL":
			if ( /^[fF][rR][oO][mM]:/ !in arg )
				break;
			# A new transaction: the last one ends here if its
			# acknowledgement went unseen.
			smtp_message(c);
			rec = c$smtp;
			local sender = extract_first_email_addr(arg);
			if ( sender != "" )
				rec$mailfrom = sender;
			rec$has_client_activity = T;
			st$trans_mail_from_seen = T;
			st$trans_rcpt_to_seen = F;
			break;

		case "RCPT":
			if ( /^[tT][oO]:/ !in arg )
				break;
			if ( ! rec?$rcptto )
				rec$rcptto = set();
			# DSN's ORCPT parameter is not part of the address.
			local recipients: set[string] = set();
			for ( r in extract_email_addrs_set(arg) )
				add recipients[gsub(r, /ORCPT=rfc822;?/, "")];
			add_addresses(c, rec$rcptto, recipients, max_rcptto_addresses,
			              "smtp_too_many_rcptto_addresses");
			rec$has_client_activity = T;
			st$trans_rcpt_to_seen = T;
			if ( mail_transaction_validation && ! st$trans_mail_from_seen )
				invalid_transaction(c, "rcpt to missing mail from");
			break;

		case "DATA", "BDAT":
			if ( mail_transaction_validation && ! st$trans_rcpt_to_seen )
				invalid_transaction(c, "data missing rcpt to");
			if ( to_upper(command) == "BDAT" && ends_with(arg, " LAST") )
				{
				# The last chunk: the transaction ends with its reply.
				st$trans_mail_from_seen = F;
				st$trans_rcpt_to_seen = F;
				st$bdat_last_observed = T;
				}
			break;

		case ".":
			# The end of the data; a new transaction must start over.
			st$trans_mail_from_seen = F;
			st$trans_rcpt_to_seen = F;
			break;
		}
	}

event smtp_reply(c: connection, is_orig: bool, code: count, cmd: string,
                 msg: string, cont_resp: bool) &priority=5
	{
	# Each reply replaces the last; the line keeps the final one.
	session(c)$last_reply = fmt("%d %s", code, msg);
	}

event smtp_reply(c: connection, is_orig: bool, code: count, cmd: string,
                 msg: string, cont_resp: bool) &priority=-5
	{
	local st = c$smtp_state;
	local data_done = cmd == ".";
	local bdat_done = cmd == "BDAT" && ! cont_resp && st$bdat_last_observed;
	if ( ! data_done && ! bdat_done )
		return;

	# The server took the message: one more transferred.
	st$messages_transferred += 1;
	st$bdat_last_observed = F;
	smtp_message(c);
	c$smtp = start_transaction(c);
	}

# The header fields that go into the line, by their upper-case names.
event mime_one_header(c: connection, h: mime_header_rec) &priority=5
	{
	if ( ! c?$smtp || ! c$smtp$process_smtp_headers )
		return;

	local rec = c$smtp;
	local v = h$value;
	switch ( h$name )
		{
		case "MESSAGE-ID":
			rec$msg_id = v;
			break;
		case "RECEIVED":
			# Newest first: the one seen before moves down.
			if ( rec?$first_received )
				rec$second_received = rec$first_received;
			rec$first_received = v;
			break;
		case "IN-REPLY-TO":
			rec$in_reply_to = v;
			break;
		case "SUBJECT":
			rec$subject = v;
			break;
		case "FROM":
			rec$from = v;
			break;
		case "REPLY-TO":
			rec$reply_to = v;
			break;
		case "DATE":
			rec$date = v;
			break;
		case "TO":
			if ( ! rec?$to )
				rec$to = set();
			add_addresses(c, rec$to, split_mime_email_addresses(v),
			              max_to_addresses, "smtp_too_many_to_addresses");
			break;
		case "CC":
			if ( ! rec?$cc )
				rec$cc = set();
			add_addresses(c, rec$cc, split_mime_email_addresses(v),
			              max_cc_addresses, "smtp_too_many_cc_addresses");
			break;
		case "X-ORIGINATING-IP":
			local ips = extract_ip_addresses(v);
			if ( |ips| > 0 )
				rec$x_originating_ip = to_addr(ips[0]);
			break;
		case "X-MAILER", "USER-AGENT", "X-USER-AGENT":
			rec$user_agent = v;
			break;
		}
	}

# Received headers, newest first, extend the path back towards the
# sender until one names a host outside mail_path_capture.
event mime_one_header(c: connection, h: mime_header_rec) &priority=3
	{
	if ( h$name != "RECEIVED" || ! c?$smtp )
		return;
	local rec = c$smtp;
	if ( ! rec$process_smtp_headers || ! rec$process_received_from )
		return;

	local text = received_from_address(h$value);
	if ( text == "" )
		return;

	local hop = to_addr(text);
	if ( ! Site::is_private_addr(hop) && ! addr_matches_host(hop, mail_path_capture) )
		rec$process_received_from = F;

	# The same host twice in a row is one hop.
	if ( rec$path[|rec$path| - 1] == hop )
		return;
	if ( max_path_length > 0 && |rec$path| >= max_path_length )
		{
		Reporter::conn_weird("smtp_max_path_length_exceeded", c);
		return;
		}
	rec$path += hop;
	}

# Headers of a nested MIME part do not describe the message.
event mime_begin_entity(c: connection) &priority=5
	{
	if ( ! c?$smtp )
		return;
	c$smtp$entity_count += 1;
	if ( c$smtp$entity_count > 1 )
		c$smtp$process_smtp_headers = F;
	}

event smtp_starttls(c: connection) &priority=5
	{
	if ( ! c?$smtp )
		return;
	c$smtp$tls = T;
	c$smtp$has_client_activity = T;
	}

hook finalize_smtp(c: connection)
	{
	if ( c?$smtp )
		smtp_message(c);
	}

function describe(rec: Info): string
	{
	if ( ! rec?$mailfrom || ! rec?$rcptto )
		return "";

	local text = rec$mailfrom + " -> ";
	for ( one in rec$rcptto )
		{
		text += one;
		break;
		}
	if ( |rec$rcptto| > 1 )
		text += fmt(" (plus %d others)", |rec$rcptto| - 1);
	if ( rec?$subject && |rec$subject| > 20 )
		text += fmt(": %s...", rec$subject[0:21]);
	return text;
	}
