##! What happens when a signature matches: each match's action (from
##! :zeek:see:`Signatures::actions`, keyed by the signature's id) decides
##! whether it is written to signatures.log, raised as a notice, counted
##! per responder, summarised per originator, or dropped. Hosts that set
##! off one signature on many hosts, or many signatures on one host, are
##! reported once each threshold is crossed.

@load base/frameworks/notice

module Signatures;

export {
	redef enum Notice::Type += {
		## A signature whose action asks for a notice matched.
		Sensitive_Signature,
		## One originator set off many different signatures against one
		## responder (see :zeek:see:`Signatures::vert_scan_thresholds`).
		Multiple_Signatures,
		## One originator set off the same signature against many
		## responders (see :zeek:see:`Signatures::horiz_scan_thresholds`).
		Multiple_Sig_Responders,
		## A ``SIG_COUNT_PER_RESP`` signature reached one of
		## :zeek:see:`Signatures::count_thresholds` on one responder.
		Count_Signature,
		## The delayed summary of a ``SIG_SUMMARY`` signature for one
		## originator.
		Signature_Summary,
	};

	## The signatures.log stream.
	redef enum Log::ID += { LOG };
	## The policy hook of its default filter.
	global log_policy: Log::PolicyHook;

	## What to do when a signature matches.
	type Action: enum {
		## Nothing at all: the match is dropped.
		SIG_IGNORE,
		## Track it for the scan checks, but neither log nor notice it.
		SIG_QUIET,
		## Write it to signatures.log.
		SIG_LOG,
		## Log it, but leave it out of the scan checks.
		SIG_FILE_BUT_NO_SCAN,
		## Log it and raise a notice for every match.
		SIG_ALARM,
		## Log it, and raise a notice for the first match per originator.
		SIG_ALARM_PER_ORIG,
		## Log it, and raise a notice for its first match only.
		SIG_ALARM_ONCE,
		## Count matches per responder; a notice at each count threshold.
		SIG_COUNT_PER_RESP,
		## Log it, and after :zeek:see:`Signatures::summary_interval`
		## raise one summary notice per originator.
		SIG_SUMMARY,
	};

	## A line of signatures.log.
	type Info: record {
		## Network time of the match (or of the scan report).
		ts: time &log;
		## The connection's unique id, when a connection is known.
		uid: string &log &optional;
		## The address and port the matching data came from.
		src_addr: addr &log &optional;
		src_port: port &log &optional;
		## The address and port it went to.
		dst_addr: addr &log &optional;
		dst_port: port &log &optional;
		## The kind of report.
		note: Notice::Type &log;
		## The signature's id.
		sig_id: string &log &optional;
		## The signature's message, prefixed with the source address.
		event_msg: string &log &optional;
		## The matched data (at most 140 bytes of it) or a scan summary.
		sub_msg: string &log &optional;
		## How many different signatures one responder saw (scan reports).
		sig_count: count &log &optional;
		## How many responders saw the signature (scan reports).
		host_count: count &log &optional;
	};

	## The action for each signature id; ids not listed are alarms.
	global actions: table[string] of Action = {
		["unspecified"] = SIG_IGNORE,
	} &redef &default = SIG_ALARM;

	## Signature ids matching this pattern are dropped whatever their
	## action.
	option ignored_ids = /NO_DEFAULT_MATCHES/;

	## How many responders one originator must trigger a signature on
	## for a :zeek:see:`Signatures::Multiple_Sig_Responders` report.
	const horiz_scan_thresholds = { 5, 10, 50, 100, 500, 1000 } &redef;

	## How many different signatures one originator must trigger on one
	## responder for a :zeek:see:`Signatures::Multiple_Signatures` report.
	const vert_scan_thresholds = { 5, 10, 50, 100, 500, 1000 } &redef;

	## The per-responder counts at which a ``SIG_COUNT_PER_RESP``
	## signature raises :zeek:see:`Signatures::Count_Signature`.
	const count_thresholds = { 5, 10, 50, 100, 500, 1000, 10000, 1000000, } &redef;

	## How long a ``SIG_SUMMARY`` signature waits before its summary.
	option summary_interval = 1 day;

	## Raised for each line written to signatures.log.
	global log_signature: event(rec: Info);
}

# Responders per (originator, signature), and signatures per
# (originator, responder), for the scan reports.
global responders_of: table[addr, string] of addr_set &read_expire = 1 hr;
global sigs_between: table[addr, addr] of string_set &read_expire = 1 hr;
# The last reported threshold per originator, so a level is said once.
global reported_horiz: table[addr] of count &default = 0 &read_expire = 1 hr;
global reported_vert: table[addr] of count &default = 0 &read_expire = 1 hr;
# Match counts per (responder, signature) and (originator, signature).
global resp_matches: table[addr, string] of count &default = 0 &read_expire = 1 hr;
global orig_matches: table[addr, string] of count &default = 0 &read_expire = 1 hr;
# Signatures whose single alarm (SIG_ALARM_ONCE) has been raised.
global alarmed_once: set[string] &read_expire = 1 hr;

event zeek_init() &priority=5 {
	Log::create_stream(Signatures::LOG, Log::Stream($columns=Info, $ev=log_signature,
		$path="signatures", $policy=log_policy));
}

event sig_summary(orig: addr, id: string, msg: string) {
	local n = orig_matches[orig, id];
	NOTICE(Notice::Info($note=Signature_Summary, $src=orig, $n=n,
		$msg=fmt("%s: %s", orig, msg)));
}

# Whether this match raises a Sensitive_Signature notice, counting it for
# the per-originator and once-only actions on the way.
function wants_alarm(action: Action, state: signature_state, msg: string): bool {
	local sig_id = state$sig_id;
	switch ( action ) {
	case SIG_ALARM:
		return T;
	case SIG_ALARM_ONCE:
		if ( sig_id in alarmed_once )
			return F;
		add alarmed_once[sig_id];
		return T;
	case SIG_ALARM_PER_ORIG, SIG_SUMMARY:
		local orig = state$conn$id$orig_h;
		++orig_matches[orig, sig_id];
		if ( orig_matches[orig, sig_id] != 1 )
			return F;
		if ( action == SIG_ALARM_PER_ORIG )
			return T;
		schedule summary_interval { sig_summary(orig, sig_id, msg) };
		return F;
	default:
		return F;
	}
}

# Counts a SIG_COUNT_PER_RESP match and reports the thresholds it reaches.
function count_for_responder(state: signature_state, msg: string) {
	local resp = state$conn$id$resp_h;
	local sig_id = state$sig_id;
	local n = ++resp_matches[resp, sig_id];
	if ( n !in count_thresholds )
		return;
	NOTICE(Notice::Info($note=Count_Signature, $conn=state$conn, $msg=msg, $n=n,
		$sub=fmt("%d matches of signature %s on host %s", n, sig_id, resp)));
}

# Records the match for the scan checks and reports new threshold levels.
function track_scans(state: signature_state, msg: string) {
	local sig_id = state$sig_id;
	local orig = state$conn$id$orig_h;
	local resp = state$conn$id$resp_h;

	if ( [orig, sig_id] !in responders_of )
		responders_of[orig, sig_id] = set();
	add responders_of[orig, sig_id][resp];
	if ( [orig, resp] !in sigs_between )
		sigs_between[orig, resp] = set();
	add sigs_between[orig, resp][sig_id];

	local hosts = |responders_of[orig, sig_id]|;
	if ( hosts in horiz_scan_thresholds && hosts != reported_horiz[orig] ) {
		reported_horiz[orig] = hosts;
		local hmsg = fmt("%s has triggered signature %s on %d hosts", orig, sig_id, hosts);
		Log::write(Signatures::LOG, Info($ts=network_time(), $note=Multiple_Sig_Responders,
			$src_addr=orig, $sig_id=sig_id, $event_msg=msg, $host_count=hosts,
			$sub_msg=hmsg));
		NOTICE(Notice::Info($note=Multiple_Sig_Responders, $src=orig, $msg=msg,
			$n=hosts, $sub=hmsg));
	}

	local sigs = |sigs_between[orig, resp]|;
	if ( sigs in vert_scan_thresholds && sigs != reported_vert[orig] ) {
		reported_vert[orig] = sigs;
		local vmsg = fmt("%s has triggered %d different signatures on host %s", orig,
			sigs, resp);
		Log::write(Signatures::LOG, Info($ts=network_time(), $note=Multiple_Signatures,
			$src_addr=orig, $dst_addr=resp, $sig_id=sig_id, $sig_count=sigs,
			$event_msg=fmt("%s different signatures triggered", sigs), $sub_msg=vmsg));
		NOTICE(Notice::Info($note=Multiple_Signatures, $src=orig, $dst=resp, $msg=msg,
			$n=sigs, $sub=vmsg));
	}
}

event signature_match(state: signature_state, msg: string, data: string) {
	local sig_id = state$sig_id;
	local action = actions[sig_id];
	if ( action == SIG_IGNORE || ignored_ids in sig_id )
		return;

	if ( |data| > 140 )
		data = fmt("%s...", sub_bytes(data, 0, 140));

	# The side that sent the matching data is the source.
	local id = state$conn$id;
	local src = state$is_orig ? id$orig_h : id$resp_h;
	local sport = state$is_orig ? id$orig_p : id$resp_p;
	local dst = state$is_orig ? id$resp_h : id$orig_h;
	local dport = state$is_orig ? id$resp_p : id$orig_p;

	if ( action != SIG_QUIET && action != SIG_COUNT_PER_RESP )
		Log::write(Signatures::LOG, Info($ts=network_time(), $note=Sensitive_Signature,
			$uid=state$conn$uid, $src_addr=src, $src_port=sport, $dst_addr=dst,
			$dst_port=dport, $event_msg=fmt("%s: %s", src, msg), $sig_id=sig_id,
			$sub_msg=data));

	if ( action == SIG_COUNT_PER_RESP )
		count_for_responder(state, msg);

	if ( wants_alarm(action, state, msg) )
		NOTICE(Notice::Info($note=Sensitive_Signature, $conn=state$conn, $src=src,
			$dst=dst, $msg=fmt("%s: %s", src, msg), $sub=data));

	if ( action != SIG_FILE_BUT_NO_SCAN && action != SIG_SUMMARY )
		track_scans(state, msg);
}
