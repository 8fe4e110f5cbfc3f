# args: -r ../../traces/mixed.pcap
# The signature framework's actions, as frameworks/signatures.rst lists
# them: each match is raised here by hand on mixed.pcap's one connection
# (there is no signature engine in this test). SIG_IGNORE and ignored_ids
# drop a match, SIG_QUIET only counts it for the scan checks, the alarm
# actions log and raise Signatures::Sensitive_Signature (always, once per
# originator, once at all), SIG_COUNT_PER_RESP raises Count_Signature at
# each threshold, and one originator setting off several signatures on a
# responder raises Multiple_Signatures.
@load base/frameworks/signatures

redef Signatures::actions += {
	["dropped"] = Signatures::SIG_IGNORE,
	["quiet"] = Signatures::SIG_QUIET,
	["logged"] = Signatures::SIG_LOG,
	["per-orig"] = Signatures::SIG_ALARM_PER_ORIG,
	["once"] = Signatures::SIG_ALARM_ONCE,
	["counted"] = Signatures::SIG_COUNT_PER_RESP,
};
redef Signatures::ignored_ids = /^noise-/;
redef Signatures::count_thresholds = { 2, 3 };
redef Signatures::vert_scan_thresholds = { 4 };

function match(c: connection, id: string, is_orig: bool, data: string) {
	local st = signature_state($sig_id=id, $conn=c, $is_orig=is_orig, $payload_size=|data|);
	event signature_match(st, fmt("%s matched", id), data);
}

event new_connection(c: connection) {
	match(c, "dropped", T, "a");
	match(c, "noise-1", T, "b");
	match(c, "quiet", T, "c");
	match(c, "logged", F, "reply");
	match(c, "per-orig", T, "d");
	match(c, "per-orig", T, "e");
	match(c, "once", T, "f");
	match(c, "once", T, "g");
	match(c, "unlisted", T, "h");
	match(c, "counted", T, "i");
	match(c, "counted", T, "j");
	match(c, "counted", T, "k");
	match(c, "counted", T, "l");
}

event Signatures::log_signature(rec: Signatures::Info) {
	print "log", rec$note, rec?$sig_id ? rec$sig_id : "-",
		rec?$src_addr ? cat(rec$src_addr) : "-", rec?$dst_port ? cat(rec$dst_port) : "-",
		rec?$event_msg ? rec$event_msg : "-", rec?$sub_msg ? rec$sub_msg : "-",
		rec?$sig_count ? rec$sig_count : 0;
}

hook Notice::policy(n: Notice::Info) {
	print "notice", n$note, n$msg, n?$sub ? n$sub : "-", n?$n ? n$n : 0;
}
