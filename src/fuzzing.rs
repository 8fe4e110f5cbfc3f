//! Entry points for the fuzz targets (`fuzz/`), kept in the library so the
//! regression tests (tests/fuzz_regressions.rs) run every saved input
//! through exactly the code the fuzzer ran. Each takes arbitrary bytes and
//! must return, whatever they are: any panic, hang or abort is a bug.

use crate::compile::Compiler;
use crate::diag::Style;
use crate::packet::{linktype, PcapReader};
use crate::syntax::conditionals::FirstBranch;
use crate::syntax::parser;
use std::io::Cursor;

/// Bytes as script text: Zeek scripts are bytes, invalid UTF-8 is replaced
/// as `rzeek` does when it reads a file.
fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// `parse`: the lexer and parser alone.
pub fn parse(data: &[u8]) {
    let text = text_of(data);
    let _ = parser::parse(&text, 0, "fuzz.zeek", ".", &mut FirstBranch);
}

/// Names a fuzzed script may not mention: built-ins and directives that
/// reach the file system, other processes, the environment or the process
/// itself (`exit` ends the fuzzer), that sleep, or that lift the limits
/// below. A plain substring test: it also rejects harmless scripts that
/// merely contain these letters, which costs only some coverage.
pub const EVAL_DENYLIST: &[&str] = &[
    "@load",
    "@unload",
    "@prefixes",
    "system",
    "piped_exec",
    "sleep",
    "open",
    "close",
    "mkdir",
    "rmdir",
    "unlink",
    "rename",
    "rotate_file",
    "write_file",
    "set_buf",
    "flush_all",
    "active_file",
    "file_size",
    "setenv",
    "exit",
    "set_max_recursion_depth",
    "lookup_ID",
    "Log::",
];

/// Calls and loop iterations an `eval` input may use; enough for the
/// golden tests. Steps need not cost the same: a loop that appends to a
/// string and prints it does work quadratic in the steps, and at 50,000
/// steps that took longer than the fuzzer's 5 s timeout (the saved input
/// eval/timeout-quadratic-string-growth), so the budget is kept small.
pub const EVAL_STEPS: u64 = 10_000;

/// Script call depth for `eval` inputs: low, so deep recursion stays far
/// from the native stack even in unoptimised, instrumented builds.
pub const EVAL_DEPTH: u32 = 50;

/// `eval`: parse, type-check and run a script as `rzeek -b` would, with
/// the limits above. Returns whether the script was run (not filtered out
/// or rejected before running).
pub fn eval(data: &[u8]) -> bool {
    let text = text_of(data);
    if EVAL_DENYLIST.iter().any(|w| text.contains(w)) {
        return false;
    }
    // Rejecting what does not parse before building an interpreter keeps
    // the fuzzer fast on the many inputs that are not scripts.
    if parser::parse(&text, 0, "fuzz.zeek", ".", &mut FirstBranch).is_err() {
        return false;
    }
    let mut c = Compiler::new(Style::Zeek);
    c.interp.calls.max_depth = EVAL_DEPTH;
    c.interp.calls.steps_left = EVAL_STEPS;
    c.load_named("base/init-bare", None);
    c.load_source(
        "<bare-mode>".to_string(),
        "global __bare_mode = T;".to_string(),
    );
    c.load_source("fuzz.zeek".to_string(), text.into_owned());
    if c.errors > 0 || !c.run_init_stmts() {
        c.interp.flush();
        return false;
    }
    crate::driver::raise(&mut c.interp, "zeek_init");
    c.interp.drain_events();
    if c.interp.exit_code().is_none() {
        c.interp.advance_time(f64::MAX / 2.0);
    }
    if c.interp.exit_code().is_none() {
        crate::driver::raise(&mut c.interp, "zeek_done");
        c.interp.drain_events();
    }
    c.interp.flush();
    true
}

/// The script the `packet` target runs: it prints every field of each
/// connection at new_connection and connection_state_remove, and handles
/// the other events (which makes the tracker generate them) cheaply, as
/// printing whole records for every packet made the target ten times
/// slower.
pub const PACKET_SCRIPT: &str = r#"
global sink = 0;
function touch(c: connection)
	{
	print c;
	print c$id$orig_h, c$id$orig_p, c$id$resp_h, c$id$resp_p;
	print c$orig$size, c$orig$state, c$orig$flow_label;
	print c$resp$size, c$resp$state, c$resp$flow_label;
	if ( c$orig?$num_pkts ) print c$orig$num_pkts, c$orig$num_bytes_ip;
	if ( c$resp?$num_pkts ) print c$resp$num_pkts, c$resp$num_bytes_ip;
	if ( c$orig?$l2_addr ) print c$orig$l2_addr;
	if ( c$resp?$l2_addr ) print c$resp$l2_addr;
	print c$start_time, c$duration, c$service, c$history, c$uid;
	if ( c?$vlan ) print c$vlan;
	if ( c?$inner_vlan ) print c$inner_vlan;
	++sink;
	}
event new_connection(c: connection) { touch(c); }
event connection_state_remove(c: connection) { touch(c); }
event connection_established(c: connection) { ++sink; }
event connection_attempt(c: connection) { ++sink; }
event connection_finished(c: connection) { ++sink; }
event connection_reset(c: connection) { ++sink; }
event connection_rejected(c: connection) { ++sink; }
event connection_flipped(c: connection) { ++sink; }
event udp_request(u: connection) { ++sink; }
event udp_reply(u: connection) { ++sink; }
event icmp_echo_request(c: connection, info: icmp_info, id: count, seq: count, payload: string)
	{ print info, id, seq, |payload|; }
event icmp_echo_reply(c: connection, info: icmp_info, id: count, seq: count, payload: string)
	{ print info, id, seq, |payload|; }
event icmp_sent(c: connection, info: icmp_info) { print info; }
event icmp_sent_payload(c: connection, info: icmp_info, payload: string) { print info, |payload|; }
event icmp_error_message(c: connection, info: icmp_info, code: count, context: icmp_context)
	{ print info, code, context; }
event icmp_unreachable(c: connection, info: icmp_info, code: count, context: icmp_context)
	{ print info, code, context; }
event icmp_packet_too_big(c: connection, info: icmp_info, code: count, context: icmp_context)
	{ print info, code, context; }
event icmp_time_exceeded(c: connection, info: icmp_info, code: count, context: icmp_context)
	{ print info, code, context; }
event icmp_parameter_problem(c: connection, info: icmp_info, code: count, context: icmp_context)
	{ print info, code, context; }
event icmp_router_solicitation(c: connection, info: icmp_info, options: icmp6_nd_options)
	{ print info, options; }
event icmp_router_advertisement(c: connection, info: icmp_info, cur_hop_limit: count, managed: bool,
                                other: bool, home_agent: bool, pref: count, proxy: bool, rsv: count,
                                router_lifetime: interval, reachable_time: interval,
                                retrans_timer: interval, options: icmp6_nd_options)
	{ print info, cur_hop_limit, managed, other, home_agent, pref, proxy, rsv, router_lifetime,
	        reachable_time, retrans_timer, options; }
event icmp_neighbor_solicitation(c: connection, info: icmp_info, tgt: addr, options: icmp6_nd_options)
	{ print info, tgt, options, get_current_packet_header(); }
event icmp_neighbor_advertisement(c: connection, info: icmp_info, router: bool, solicited: bool,
                                  override: bool, tgt: addr, options: icmp6_nd_options)
	{ print info, router, solicited, override, tgt, options; }
event icmp_redirect(c: connection, info: icmp_info, tgt: addr, dest: addr, options: icmp6_nd_options)
	{ print info, tgt, dest, options; }
event icmpv6_mld_report_v1(c: connection, group_addr: addr) { print group_addr; }
event icmpv6_mld_done_v1(c: connection, group_addr: addr) { print group_addr; }
event icmpv6_mld_report_v2(c: connection, groups: icmp6_mldv2_mar_vec) { print groups; }
event content_gap(c: connection, is_orig: bool, seq: count, length: count)
	{ print is_orig, seq, length; }
event conn_weird(name: string, c: connection, addl: string, source: string)
	{ print name, addl, source; }
event flow_weird(name: string, src: addr, dst: addr, addl: string, source: string)
	{ print name, src, dst, addl, source; }
event net_weird(name: string, addl: string, source: string)
	{ print name, addl, source; }
event new_packet(c: connection, p: pkt_hdr) { ++sink; }
event raw_packet(p: raw_pkt_hdr) { ++sink; }
event packet_contents(c: connection, contents: string) { sink += |contents|; }
event udp_contents(u: connection, is_orig: bool, contents: string) { sink += |contents|; }
event unknown_protocol(analyzer_name: string, protocol: count, first_bytes: string,
                       analyzer_history: string_vec)
	{ print analyzer_name, protocol, |first_bytes|, analyzer_history; }
event http_request(c: connection, method: string, original_URI: string,
                   unescaped_URI: string, version: string)
	{ print method, original_URI, unescaped_URI, version; }
event http_reply(c: connection, version: string, code: count, reason: string)
	{ print version, code, reason; }
event http_header(c: connection, is_orig: bool, original_name: string, name: string, value: string)
	{ print is_orig, name, value; }
event http_entity_data(c: connection, is_orig: bool, length: count, data: string)
	{ sink += length; }
event http_message_done(c: connection, is_orig: bool, stat: http_message_stat)
	{ print is_orig, stat; }
event get_file_handle(tag: Analyzer::Tag, c: connection, is_orig: bool)
	{ set_file_handle(cat(c$uid, is_orig, sink)); }
event file_new(f: fa_file) { print f$id; }
event file_state_remove(f: fa_file) { print f$id, f$seen_bytes; }
event zeek_done() { print sink; }
"#;

/// Link types the framed mode of the `packet` target picks from.
const LINK_TYPES: &[u32] = &[
    linktype::ETHERNET,
    linktype::RAW,
    linktype::NULL,
    linktype::LOOP,
    linktype::LINUX_SLL,
    linktype::LINUX_SLL2,
    linktype::IEEE802_11,
    linktype::IEEE802_11_RADIO,
    linktype::PPP_SERIAL,
    linktype::IPV4,
    linktype::IPV6,
];

/// A classic little-endian pcap of `frames` (each `(seconds, bytes)`).
pub fn pcap_file(lt: u32, frames: &[(u32, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for w in [0xa1b2_c3d4u32, 0x0004_0002, 0, 0, 65535, lt] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    for (t, f) in frames {
        // Frames come from a 16-bit length, so the length fits a u32.
        let len = f.len() as u32;
        for w in [1_500_000_000 + *t, 0, len, len] {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(f);
    }
    out
}

/// The framed mode's input: after the mode byte, records of a one-byte
/// time step, a two-byte big-endian length and that many bytes (fewer at
/// the end of the input).
fn frames_of(mut data: &[u8]) -> Vec<(u32, &[u8])> {
    let mut out = Vec::new();
    let mut t = 0u32;
    while let [step, hi, lo, rest @ ..] = data {
        t = t.saturating_add(u32::from(*step));
        let n = usize::from(u16::from_be_bytes([*hi, *lo])).min(rest.len());
        let (frame, after) = rest.split_at(n);
        out.push((t, frame));
        data = after;
    }
    out
}

/// `packet`: the first byte chooses how the rest is read. Even: the rest
/// is a pcap (or pcapng) file as it is. Odd: the rest is frames (see
/// `frames_of`) written into a pcap of the link type the byte's high bits
/// choose; checksums are then not checked, so made-up packets get past
/// them. Either way the trace runs through the reader, the decoder and the
/// connection tracker under [`PACKET_SCRIPT`], as `rzeek -b -r` would.
pub fn packet(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (bytes, no_checksums) = if mode & 1 == 0 {
        (rest.to_vec(), false)
    } else {
        // In bounds: the index is taken modulo the (non-zero) length.
        let lt = LINK_TYPES[usize::from(mode >> 1) % LINK_TYPES.len()];
        (pcap_file(lt, &frames_of(rest)), true)
    };
    run_trace_bytes(PACKET_SCRIPT, bytes, no_checksums);
}

/// Runs a trace held in memory under `script` as `rzeek -b -r` does.
/// Returns the fatal error, if there was one (the trace could not be
/// opened).
pub fn run_trace_bytes(script: &str, bytes: Vec<u8>, no_checksums: bool) -> Option<String> {
    let mut c = Compiler::new(Style::Zeek);
    c.load_named("base/init-bare", None);
    c.load_source(
        "<bare-mode>".to_string(),
        "global __bare_mode = T;".to_string(),
    );
    c.load_source("script.zeek".to_string(), script.to_string());
    if c.errors > 0 || !c.run_init_stmts() {
        c.interp.flush();
        return Some("the script did not compile".to_string());
    }
    crate::driver::raise(&mut c.interp, "zeek_init");
    c.interp.drain_events();
    let mut fatal = None;
    match PcapReader::from_read(Cursor::new(bytes)) {
        Ok(mut reader) => {
            if let Err(e) =
                crate::engine::process_reader(&mut c.interp, &mut reader, "fuzz.pcap", no_checksums)
            {
                fatal = Some(e);
            }
        }
        Err(e) => fatal = Some(format!("problem with trace file fuzz.pcap ({e})")),
    }
    if fatal.is_none() && c.interp.exit_code().is_none() {
        crate::driver::raise(&mut c.interp, "zeek_done");
        c.interp.drain_events();
    }
    c.interp.flush();
    fatal
}

#[cfg(test)]
mod tests {
    /// The targets are only useful while their fixed parts compile.
    #[test]
    fn the_fixed_script_and_a_plain_script_run() {
        let trace = super::pcap_file(super::linktype::RAW, &[]);
        assert_eq!(
            super::run_trace_bytes(super::PACKET_SCRIPT, trace, false),
            None
        );
        assert!(super::eval(b"event zeek_init() { print 1; }"));
        // Filtered out, and so not run.
        assert!(!super::eval(b"event zeek_init() { exit(0); }"));
    }

    /// A script that would run forever stops at the step budget.
    #[test]
    fn endless_scripts_stop() {
        for s in [
            "event zeek_init() { while ( T ) { } }",
            "global v = vector(1); event zeek_init() { for ( i in v ) v += 1; }",
            "function f(n: count): count { return f(n + 1); } event zeek_init() { f(0); }",
            "event e() { event e(); } event zeek_init() { event e(); }",
            "event e() { schedule 1 sec { e() }; } event zeek_init() { event e(); }",
        ] {
            assert!(super::eval(s.as_bytes()), "{s}");
        }
    }

    /// Sizes a script asks for are checked before anything is allocated.
    #[test]
    fn huge_sizes_are_refused() {
        for s in [
            "event zeek_init() { local v: vector of count; v[9223372036854775807] = 1; print |v|; }",
            "event zeek_init() { local v: vector of count; v[100000000] = 1; print |v|; }",
            "event zeek_init() { local v = vector(1); print resize(v, 18446744073709551615); }",
            "event zeek_init() { print |string_fill(9223372036854775807, \"ab\")|; }",
            "event zeek_init() { print bloomfilter_basic_init2(3, 18446744073709551615); }",
            "event zeek_init() { print bloomfilter_counting_init(18446744073709551615, 10, 3); }",
            "event zeek_init() { print bloomfilter_basic_init(0.000000001, 18446744073709551615); }",
        ] {
            assert!(super::eval(s.as_bytes()), "{s}");
        }
    }
}
