##! dns.log: one line per DNS transaction, a query and the reply with the
##! same transaction id. Queries and replies are paired per connection;
##! a line is written once both halves were seen, and anything left
##! unpaired is written when the connection goes. Messages to multicast
##! addresses (mDNS, LLMNR) are never paired: their replies come on other
##! connections, so each is a line of its own.
##!
##! Standard queries, notifies and dynamic updates are tracked; other
##! opcodes are ignored.

@load base/utils/queue
@load base/protocols/conn/removal-hooks
@load ./consts

module DNS;

export {
	## The dns.log stream.
	redef enum Log::ID += { LOG };

	## DNS's ports, and those of the protocols built on its message
	## format: NetBIOS name service, mDNS and LLMNR.
	const ports = { 53/udp, 53/tcp, 137/udp, 5353/udp, 5355/udp } &redef;

	## Lets a handler veto or change a line before it is written.
	global log_policy: Log::PolicyHook;

	## A line of dns.log.
	type Info: record {
		## When the first message of the transaction was seen.
		ts: time &log;
		## The connection's uid, addresses and transport.
		uid: string &log; id: conn_id &log; proto: transport_proto &log;
		## The 16-bit id that ties the reply to the query.
		trans_id: count &log &optional;
		## Time from query to first answer (unset when only a reply was
		## seen).
		rtt: interval &log &optional;
		## The name asked about (decoded, for NetBIOS).
		query: string &log &optional;
		## The class and type asked for, as numbers and names.
		qclass: count &log &optional; qclass_name: string &log &optional;
		qtype: count &log &optional; qtype_name: string &log &optional;
		## The reply's response code, as a number and a name.
		rcode: count &log &optional; rcode_name: string &log &optional;
		## Header flags: authoritative answer, truncated, recursion
		## desired, recursion available, and the reserved Z bits.
		AA: bool &log &default=F; TC: bool &log &default=F;
		RD: bool &log &default=F; RA: bool &log &default=F;
		Z: count &log &default=0;
		## The answers, each as text, and their TTLs.
		answers: vector of string &log &optional;
		TTLs: vector of interval &log &optional;
		## Whether the server refused the query.
		rejected: bool &log &default=F;
		## The header's opcode, as a number and a name.
		opcode: count &log &optional; opcode_name: string &log &optional;
		## Record counts of the reply: answers, and all records
		## (answers, authority and additional).
		total_answers: count &optional; total_replies: count &optional;
		## Which halves of the transaction were seen.
		saw_query: bool &default=F; saw_reply: bool &default=F;
	};

	## Raised with each line written.
	global log_dns: event(rec: Info);

	## Runs for each answer record of a reply, with the record as text
	## (reply), which the default handler adds to the line's answers.
	global do_reply: hook(c: connection, msg: dns_msg, ans: dns_answer, reply: string);

	## Finds the line a message belongs to and puts it in c$dns. A
	## handler of higher priority can do its own pairing.
	global set_session: hook(c: connection, msg: dns_msg, is_query: bool);

	## Unpaired messages of a connection, queued by transaction id.
	type PendingMessages: table[count] of Queue::Queue;

	## Destinations whose messages are not paired (multicast).
	option multicast_subnets: set[subnet] = { 224.0.0.0/4, [ff00::]/8 };

	## Most unpaired messages kept for one transaction id; beyond, the
	## queue is written out and started over.
	option max_pending_msgs: count = 50;

	## Most transaction ids with unpaired messages kept; beyond, all of
	## them are written out.
	option max_pending_query_ids: count = 50;

	## A connection's pairing state.
	type State: record {
		## The one outstanding query, in the common case of one at a
		## time.
		pending_query: Info &optional;
		## Further outstanding queries.
		pending_queries: PendingMessages &optional;
		## Replies whose query was not seen (yet).
		pending_replies: PendingMessages &optional;
	};

	## Registered for each DNS connection: writes what is left unpaired.
	global finalize_dns: Conn::RemovalHook;
}

redef record connection += {
	## The transaction of the message being handled.
	dns: Info &optional;
	## The connection's pairing state.
	dns_state: State &optional;
};

event zeek_init() &priority=5
	{
	Log::create_stream(DNS::LOG, Log::Stream($columns=Info, $path="dns",
	                                         $ev=log_dns, $policy=log_policy));
	}

# ---- pairing queries with replies ----

# A line for a message that starts a transaction.
function fresh_line(c: connection, trans_id: count): Info
	{
	return Info($ts=network_time(), $uid=c$uid, $id=c$id, $trans_id=trans_id,
	            $proto=get_port_transport_proto(c$id$resp_p));
	}

# Writes every line waiting in q.
function write_queue(q: Queue::Queue)
	{
	local waiting: vector of Info;
	Queue::get_vector(q, waiting);
	for ( _, rec in waiting )
		Log::write(DNS::LOG, rec);
	}

# Writes every line waiting in msgs, and empties it.
function write_pending(msgs: PendingMessages)
	{
	for ( _, q in msgs )
		write_queue(q);
	clear_table(msgs);
	}

# Whether a line for transaction id waits in msgs.
function waiting(msgs: PendingMessages, id: count): bool
	{
	return id in msgs && Queue::len(msgs[id]) > 0;
	}

# Queues a line under its transaction id. A queue that grew too long,
# or too many ids, mean the other halves are not coming: what is there is
# written out first.
function park(msgs: PendingMessages, id: count, rec: Info)
	{
	if ( id in msgs )
		{
		if ( Queue::len(msgs[id]) > max_pending_msgs )
			{
			write_queue(msgs[id]);
			msgs[id] = Queue::init();
			}
		}
	else
		{
		if ( |msgs| > max_pending_query_ids )
			write_pending(msgs);
		msgs[id] = Queue::init();
		}
	Queue::put(msgs[id], rec);
	}

# The oldest line queued under id (which must be there).
function unpark(msgs: PendingMessages, id: count): Info
	{
	local rec: Info = Queue::get(msgs[id]);
	if ( Queue::len(msgs[id]) == 0 )
		delete msgs[id];
	return rec;
	}

# The line of a query: the reply that came first, if one waits; else a
# new line, which waits for its reply.
function line_for_query(c: connection, id: count): Info
	{
	local st = c$dns_state;
	if ( st?$pending_replies && waiting(st$pending_replies, id) )
		return unpark(st$pending_replies, id);

	local rec = fresh_line(c, id);
	if ( ! st?$pending_query )
		st$pending_query = rec;
	else
		{
		if ( ! st?$pending_queries )
			st$pending_queries = table();
		park(st$pending_queries, id, rec);
		}
	return rec;
	}

# After the single outstanding query was answered, the next queued one
# takes its place: one with the same id if there is one (so queries
# sharing an id keep their order), else any.
function promote_query(st: State, id: count)
	{
	if ( ! st?$pending_queries )
		return;

	if ( waiting(st$pending_queries, id) )
		{
		st$pending_query = unpark(st$pending_queries, id);
		return;
		}

	for ( other, q in st$pending_queries )
		if ( Queue::len(q) > 0 )
			{
			st$pending_query = unpark(st$pending_queries, other);
			return;
			}
	}

# The line of a reply: that of its query, if one waits; else a new
# line, which waits for its query.
function line_for_reply(c: connection, id: count): Info
	{
	local st = c$dns_state;
	local rec: Info;

	if ( st?$pending_query && st$pending_query$trans_id == id )
		{
		rec = st$pending_query;
		delete st$pending_query;
		promote_query(st, id);
		return rec;
		}

	if ( st?$pending_queries && waiting(st$pending_queries, id) )
		return unpark(st$pending_queries, id);

	rec = fresh_line(c, id);
	if ( ! st?$pending_replies )
		st$pending_replies = table();
	park(st$pending_replies, id, rec);
	return rec;
	}

hook set_session(c: connection, msg: dns_msg, is_query: bool) &priority=5
	{
	if ( ! c?$dns_state )
		{
		c$dns_state = State();
		Conn::register_removal_hook(c, finalize_dns);
		}

	if ( c$id$resp_h in multicast_subnets )
		{
		# Nothing to pair with: the line is complete as it is.
		c$dns = fresh_line(c, msg$id);
		c$dns$saw_query = T;
		c$dns$saw_reply = T;
		}
	else
		c$dns = is_query ? line_for_query(c, msg$id) : line_for_reply(c, msg$id);

	local rec = c$dns;
	if ( ! is_query )
		{
		rec$rcode = msg$rcode;
		rec$rcode_name = base_errors[msg$rcode];
		if ( ! rec?$total_answers )
			rec$total_answers = msg$num_answers;
		if ( ! rec?$total_replies )
			rec$total_replies = msg$num_answers + msg$num_auth + msg$num_addl;
		# An error reply that does not even repeat the question.
		if ( msg$rcode != 0 && msg$num_queries == 0 )
			rec$rejected = T;
		}

	rec$opcode = msg$opcode;
	rec$opcode_name = msg$is_netbios ? netbios_opcodes[msg$opcode] : opcodes[msg$opcode];
	}

hook finalize_dns(c: connection)
	{
	if ( ! c?$dns_state )
		return;

	local st = c$dns_state;
	if ( st?$pending_query )
		Log::write(DNS::LOG, st$pending_query);
	if ( st?$pending_queries )
		write_pending(st$pending_queries);
	if ( st?$pending_replies )
		write_pending(st$pending_replies);
	}

# ---- messages ----

# The opcodes whose transactions are logged.
function tracked(msg: dns_msg): bool
	{
	return msg$opcode == DNS_OP_QUERY || msg$opcode == DNS_OP_NOTIFY
	       || msg$opcode == DNS_OP_DYNAMIC_UPDATE;
	}

event dns_message(c: connection, is_orig: bool, msg: dns_msg, len: count) &priority=5
	{
	if ( tracked(msg) )
		hook set_session(c, msg, ! msg$QR);
	}

event dns_request(c: connection, msg: dns_msg, query: string, qtype: count, qclass: count) &priority=5
	{
	if ( ! tracked(msg) )
		return;

	local rec = c$dns;
	rec$RD = msg$RD;
	rec$TC = msg$TC;
	rec$Z = msg$Z;
	rec$qclass = qclass;
	rec$qclass_name = classes[qclass];
	rec$qtype = qtype;
	rec$qtype_name = query_types[qtype];

	if ( c$id$resp_p == 137/udp )
		{
		# NetBIOS names travel encoded (the name type suffix is left
		# in). Type 33 is SRV to DNS but NBSTAT to NetBIOS.
		local name = decode_netbios_name(query);
		if ( name != "" )
			query = name;
		if ( rec$qtype_name == "SRV" )
			rec$qtype_name = "NBSTAT";
		}
	rec$query = query;
	}

event dns_rejected(c: connection, msg: dns_msg, query: string, qtype: count, qclass: count) &priority=5
	{
	if ( c?$dns )
		c$dns$rejected = T;
	}

event dns_end(c: connection, msg: dns_msg) &priority=5
	{
	if ( ! c?$dns )
		return;
	if ( msg$QR )
		c$dns$saw_reply = T;
	else
		c$dns$saw_query = T;
	}

event dns_end(c: connection, msg: dns_msg) &priority=-5
	{
	# Written once both halves are in; handlers of the message's
	# events had their turn in between.
	if ( c?$dns && c$dns$saw_query && c$dns$saw_reply )
		{
		Log::write(DNS::LOG, c$dns);
		delete c$dns;
		}
	}

# ---- answers ----

hook do_reply(c: connection, msg: dns_msg, ans: dns_answer, reply: string) &priority=5
	{
	# Only answers of replies go into the line: the answer section, or an
	# update's prerequisites and records.
	if ( ! tracked(msg) || ! msg$QR )
		return;
	if ( ans$answer_type != DNS_ANS && ans$answer_type != DNS_PREREQUISITE
	     && ans$answer_type != DNS_UPDATE )
		return;

	local rec = c$dns;
	if ( ! rec?$query )
		rec$query = ans$query;
	rec$AA = msg$AA;
	rec$RA = msg$RA;

	if ( ! rec?$rtt )
		{
		# No time passed: only the reply was seen.
		local took = network_time() - rec$ts;
		if ( took != 0secs )
			rec$rtt = took;
		}

	if ( reply == "" )
		return;

	if ( msg$opcode == DNS_OP_DYNAMIC_UPDATE && ans$answer_type == DNS_UPDATE
	     && ! starts_with(reply, "del:") )
		reply = "add: " + reply;

	if ( ! rec?$answers )
		{
		rec$answers = vector();
		rec$TTLs = vector();
		}
	rec$answers += reply;
	rec$TTLs += ans$TTL;
	}

# An address record: the address, or in an update, type, name and
# address.
function address_answer(c: connection, msg: dns_msg, ans: dns_answer, rr: string, a: addr)
	{
	local text = cat(a);
	if ( msg$opcode == DNS_OP_DYNAMIC_UPDATE && ! msg$is_netbios )
		text = fmt("%s %s %s", rr, ans$query, a);
	hook do_reply(c, msg, ans, text);
	}

# TXT and SPF records: each string with its kind and length.
function strings_answer(c: connection, msg: dns_msg, ans: dns_answer, rr: string, strs: string_vec)
	{
	local parts: vector of string = vector();
	for ( _, s in strs )
		parts += fmt("%s %d %s", rr, |s|, s);
	hook do_reply(c, msg, ans, join_string_vec(parts, " "));
	}

event dns_A_reply(c: connection, msg: dns_msg, ans: dns_answer, a: addr) &priority=5
	{ address_answer(c, msg, ans, "A", a); }

event dns_AAAA_reply(c: connection, msg: dns_msg, ans: dns_answer, a: addr) &priority=5
	{ address_answer(c, msg, ans, "AAAA", a); }

event dns_A6_reply(c: connection, msg: dns_msg, ans: dns_answer, a: addr) &priority=5
	{ address_answer(c, msg, ans, "A6", a); }

event dns_TXT_reply(c: connection, msg: dns_msg, ans: dns_answer, strs: string_vec) &priority=5
	{ strings_answer(c, msg, ans, "TXT", strs); }

event dns_SPF_reply(c: connection, msg: dns_msg, ans: dns_answer, strs: string_vec) &priority=5
	{ strings_answer(c, msg, ans, "SPF", strs); }

# Records that name another host are shown as that name.
event dns_NS_reply(c: connection, msg: dns_msg, ans: dns_answer, name: string) &priority=5
	{ hook do_reply(c, msg, ans, name); }

event dns_CNAME_reply(c: connection, msg: dns_msg, ans: dns_answer, name: string) &priority=5
	{ hook do_reply(c, msg, ans, name); }

event dns_PTR_reply(c: connection, msg: dns_msg, ans: dns_answer, name: string) &priority=5
	{ hook do_reply(c, msg, ans, name); }

event dns_MX_reply(c: connection, msg: dns_msg, ans: dns_answer, name: string, preference: count) &priority=5
	{ hook do_reply(c, msg, ans, name); }

event dns_SRV_reply(c: connection, msg: dns_msg, ans: dns_answer, target: string, priority: count, weight: count, p: count) &priority=5
	{ hook do_reply(c, msg, ans, target); }

event dns_SOA_reply(c: connection, msg: dns_msg, ans: dns_answer, soa: dns_soa) &priority=5
	{ hook do_reply(c, msg, ans, soa$mname); }

# A record that carries nothing shown, but still sets the line's flags.
event dns_WKS_reply(c: connection, msg: dns_msg, ans: dns_answer) &priority=5
	{ hook do_reply(c, msg, ans, ""); }

event dns_unknown_reply(c: connection, msg: dns_msg, ans: dns_answer) &priority=5
	{ hook do_reply(c, msg, ans, fmt("<unknown type=%s>", ans$qtype)); }

event dns_NAPTR_reply(c: connection, msg: dns_msg, ans: dns_answer, naptr: dns_naptr_rr) &priority=5
	{
	# Order, preference, flags, service, then the regexp and the
	# replacement, whichever are not empty.
	local tail: vector of string = vector();
	if ( naptr$regexp != "" )
		tail += naptr$regexp;
	if ( naptr$replacement != "" )
		tail += naptr$replacement;
	hook do_reply(c, msg, ans, fmt("NAPTR %s %s %s %s %s", naptr$order, naptr$preference,
	                               naptr$flags, naptr$service, join_string_vec(tail, " ")));
	}

# DNSSEC records: their kind and a field or two.
event dns_RRSIG(c: connection, msg: dns_msg, ans: dns_answer, rrsig: dns_rrsig_rr) &priority=5
	{
	local signer = rrsig$signer_name == "" ? "<Root>" : rrsig$signer_name;
	hook do_reply(c, msg, ans, fmt("RRSIG %s %s", rrsig$type_covered, signer));
	}

event dns_DNSKEY(c: connection, msg: dns_msg, ans: dns_answer, dnskey: dns_dnskey_rr) &priority=5
	{ hook do_reply(c, msg, ans, fmt("DNSKEY %s", dnskey$algorithm)); }

event dns_NSEC(c: connection, msg: dns_msg, ans: dns_answer, next_name: string, bitmaps: string_vec) &priority=5
	{ hook do_reply(c, msg, ans, fmt("NSEC %s %s", ans$query, next_name)); }

event dns_NSEC3(c: connection, msg: dns_msg, ans: dns_answer, nsec3: dns_nsec3_rr) &priority=5
	{ hook do_reply(c, msg, ans, "NSEC3"); }

event dns_NSEC3PARAM(c: connection, msg: dns_msg, ans: dns_answer, nsec3param: dns_nsec3param_rr) &priority=5
	{ hook do_reply(c, msg, ans, "NSEC3PARAM"); }

event dns_DS(c: connection, msg: dns_msg, ans: dns_answer, ds: dns_ds_rr) &priority=5
	{ hook do_reply(c, msg, ans, fmt("DS %s %s", ds$algorithm, ds$digest_type)); }

event dns_BINDS(c: connection, msg: dns_msg, ans: dns_answer, binds: dns_binds_rr) &priority=5
	{ hook do_reply(c, msg, ans, "BIND9 signing signal"); }

event dns_SSHFP(c: connection, msg: dns_msg, ans: dns_answer, algo: count, fptype: count, fingerprint: string) &priority=5
	{ hook do_reply(c, msg, ans, "SSHFP: " + bytestring_to_hexstr(fingerprint)); }

event dns_LOC(c: connection, msg: dns_msg, ans: dns_answer, loc: dns_loc_rr) &priority=5
	{ hook do_reply(c, msg, ans, fmt("LOC:  %d %d %d", loc$size, loc$horiz_pre, loc$vert_pre)); }

# ---- dynamic updates (RFC 2136) ----

# A prerequisite, by its class and type: a name must (not) be in use, or
# a record set must (not) exist.
event dns_dynamic_update_pre(c: connection, msg: dns_msg, ans: dns_answer) &priority=5
	{
	local name = ans$query;
	local what: string;
	if ( ans$qtype == ANY && ans$qclass == NONE )
		what = "NameNotInUse " + name;
	else if ( ans$qtype == ANY && ans$qclass == ANY )
		what = "NameInUse " + name;
	else
		what = fmt("%s %s %s", ans$qclass == NONE ? "NoRRSet" : "RRSetExists",
		           query_types[ans$qtype], name);
	hook do_reply(c, msg, ans, "pre: " + what);
	}

# A deletion: every record of a name, one record, or a record set.
event dns_dynamic_update_del(c: connection, msg: dns_msg, ans: dns_answer) &priority=5
	{
	local what: string;
	if ( ans$qtype == ANY && ans$qclass == ANY )
		what = "RRSet * " + ans$query;
	else if ( ans$qclass == NONE )
		what = fmt("RR %s %s", query_types[ans$qtype], ans$query);
	else
		what = "RRSet " + query_types[ans$qtype];
	hook do_reply(c, msg, ans, "del: " + what);
	}
