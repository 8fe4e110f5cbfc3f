//! The built-ins of Zeek's core whose machinery rzeek does not have:
//! signatures, analyzer trees with ids, plugins, packet drop filters,
//! live capture devices, configurable packet analyzers, a profiler, a
//! call stack, DNS TXT queries.
//!
//! Each exists, with Zeek's signature, and gives the answer written
//! beside it: Zeek's own where Zeek has one for the missing machinery
//! (what Zeek answers without signatures loaded, for an event no
//! analyzer raised, ...), else a runtime error saying rzeek does not
//! support it. `rzeek --list-bifs` prints these answers, and the README
//! lists them.

use super::{arg, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types;
use crate::runtime::value::Value;

/// A built-in rzeek gives a fixed, documented answer for.
pub struct Unsupported {
    pub def: BifDef,
    /// What the built-in does here, and why.
    pub answer: &'static str,
}

/// The runtime error of a built-in rzeek does not support.
fn unsupported(name: &str, what: &str) -> String {
    format!("{name}(): rzeek does not support {what}")
}

fn zero(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Count(0))
}

fn false_(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(false))
}

fn true_(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(true))
}

fn nothing(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Unset)
}

/// Whether the connection a `conn_id` names is being tracked.
fn conn_known(h: &mut dyn Host, cid: &Value) -> bool {
    super::conn::record_for(h, cid).is_some()
}

fn lookup_connection_analyzer_id(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if !conn_known(h, arg(args, 0)) {
        super::builtin_error_arg(h, "connection ID not a known connection", arg(args, 0));
    }
    Ok(Value::Count(0))
}

fn disable_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if !conn_known(h, arg(args, 0)) {
        super::builtin_error_arg(h, "connection ID not a known connection", arg(args, 0));
        return Ok(Value::Bool(false));
    }
    if super::boolean(args, 2) {
        super::builtin_error(h, "connection does not have analyzer specified to disable");
    }
    Ok(Value::Bool(false))
}

fn conn_exists(h: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(conn_known(h, arg(args, 0))))
}

fn file_magic(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let ty =
        super::declared_type(h, "mime_matches").unwrap_or_else(|| types::vector_of(types::any()));
    Ok(Value::Vector(std::rc::Rc::new(std::cell::RefCell::new(
        crate::runtime::value::VectorVal {
            ty,
            items: Vec::new(),
        },
    ))))
}

fn backtrace(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err(unsupported("backtrace", "call stacks"))
}

fn findalldevs(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err(unsupported("Pcap::findalldevs", "live capture devices"))
}

fn drop_filter(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err("rzeek does not support packet drop filters (install_*_filter)".to_string())
}

fn packet_analyzers(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err("rzeek's packet analyzers are built in and cannot be changed from scripts".to_string())
}

fn lookup_hostname_txt(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err(unsupported("lookup_hostname_txt", "DNS TXT lookups"))
}

fn no_certificates(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err("rzeek does not verify X.509 certificates: it has no trust store".to_string())
}

fn no_pppoe_session(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Count(0xFFFF_FFFF))
}

fn not_in_packet(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err("rzeek's packet analyzers keep no options of the current packet for scripts".to_string())
}

fn no_contents_files(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err("rzeek does not write connection contents to files".to_string())
}

const NO_CERTS: &str =
    "runtime error: rzeek does not verify X.509 certificates: it has no trust store";
const NO_ANALYZER: &str = "F: rzeek has no such analyzer on the connection to act on";

const DROP_FILTER: &str = "runtime error: rzeek does not support packet drop filters";
const PACKET_ANALYZERS: &str =
    "runtime error: rzeek's packet analyzers are built in and cannot be changed from scripts";

/// Every built-in with a fixed answer, with its answer.
pub static UNSUPPORTED: &[Unsupported] = &[
    Unsupported {
        def: BifDef {
            name: "backtrace",
            sig: "function(): Backtrace",
            func: backtrace,
        },
        answer: "runtime error: rzeek keeps no call stack to describe",
    },
    Unsupported {
        def: BifDef {
            name: "current_analyzer",
            sig: "function(): count",
            func: zero,
        },
        answer: "0, Zeek's answer for an event no analyzer raised: rzeek's analyzers have no ids",
    },
    Unsupported {
        def: BifDef {
            name: "lookup_connection_analyzer_id",
            sig: "function(cid: conn_id, atype: any): count",
            func: lookup_connection_analyzer_id,
        },
        answer: "0 (\"no such analyzer\"); an unknown connection is a built-in error: rzeek's analyzers have no ids",
    },
    Unsupported {
        def: BifDef {
            name: "disable_analyzer",
            sig: "function(cid: conn_id, aid: count, err_if_no_conn: bool &default=T, prevent: bool &default=F): bool",
            func: disable_analyzer,
        },
        answer: "F, with Zeek's built-in errors for an unknown connection or analyzer id: no analyzer has an id to disable",
    },
    Unsupported {
        def: BifDef {
            name: "skip_further_processing",
            sig: "function(cid: conn_id): bool",
            func: conn_exists,
        },
        answer: "T for a tracked connection, else F; rzeek goes on analyzing the connection's contents",
    },
    Unsupported {
        def: BifDef {
            name: "set_record_packets",
            sig: "function(cid: conn_id, do_record: bool): bool",
            func: conn_exists,
        },
        answer: "T for a tracked connection, else F; rzeek writes no packets (it has no -w)",
    },
    Unsupported {
        def: BifDef {
            name: "do_profiling",
            sig: "function(): any",
            func: nothing,
        },
        answer: "nothing, as Zeek without a profiler configured: rzeek has no profiler",
    },
    Unsupported {
        def: BifDef {
            name: "dump_rule_stats",
            sig: "function(f: file): bool",
            func: true_,
        },
        answer: "T, writing nothing, as Zeek without signatures: rzeek has no signature engine",
    },
    Unsupported {
        def: BifDef {
            name: "match_signatures",
            sig: "function(c: connection, pattern_type: int, s: string, bol: bool, eol: bool, from_orig: bool, clear: bool): bool",
            func: false_,
        },
        answer: "F, as Zeek without signatures: rzeek has no signature engine",
    },
    Unsupported {
        def: BifDef {
            name: "file_magic",
            sig: "function(data: string): mime_matches",
            func: file_magic,
        },
        answer: "an empty vector, as Zeek without file magic signatures loaded (bare mode)",
    },
    Unsupported {
        def: BifDef {
            name: "generate_all_events",
            sig: "function(): bool",
            func: true_,
        },
        answer: "T, with no effect: rzeek has no new_event to show unhandled events to",
    },
    Unsupported {
        def: BifDef {
            name: "Pcap::findalldevs",
            sig: "function(): Pcap::Interfaces",
            func: findalldevs,
        },
        answer: "runtime error: rzeek does not capture live traffic",
    },
    Unsupported {
        def: BifDef {
            name: "lookup_hostname_txt",
            sig: "function(host: string): string",
            func: lookup_hostname_txt,
        },
        answer: "runtime error: rzeek does not make DNS TXT queries",
    },
    Unsupported {
        def: BifDef {
            name: "install_src_addr_filter",
            sig: "function(ip: addr, tcp_flags: count, prob: double): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "install_src_net_filter",
            sig: "function(snet: subnet, tcp_flags: count, prob: double): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "uninstall_src_addr_filter",
            sig: "function(ip: addr): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "uninstall_src_net_filter",
            sig: "function(snet: subnet): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "install_dst_addr_filter",
            sig: "function(ip: addr, tcp_flags: count, prob: double): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "install_dst_net_filter",
            sig: "function(snet: subnet, tcp_flags: count, prob: double): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "uninstall_dst_addr_filter",
            sig: "function(ip: addr): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "uninstall_dst_net_filter",
            sig: "function(snet: subnet): bool",
            func: drop_filter,
        },
        answer: DROP_FILTER,
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::register_packet_analyzer",
            sig: "function(parent: PacketAnalyzer::Tag, identifier: count, child: PacketAnalyzer::Tag): bool",
            func: packet_analyzers,
        },
        answer: PACKET_ANALYZERS,
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::try_register_packet_analyzer_by_name",
            sig: "function(parent: string, identifier: count, child: string): bool",
            func: packet_analyzers,
        },
        answer: PACKET_ANALYZERS,
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::register_protocol_detection",
            sig: "function(parent: PacketAnalyzer::Tag, child: PacketAnalyzer::Tag): bool",
            func: packet_analyzers,
        },
        answer: PACKET_ANALYZERS,
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::__disable_analyzer",
            sig: "function(id: PacketAnalyzer::Tag): bool",
            func: packet_analyzers,
        },
        answer: PACKET_ANALYZERS,
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::__enable_analyzer",
            sig: "function(id: PacketAnalyzer::Tag): bool",
            func: packet_analyzers,
        },
        answer: PACKET_ANALYZERS,
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::__set_ignore_checksums_nets",
            sig: "function(v: subnet_set): bool",
            func: packet_analyzers,
        },
        answer: PACKET_ANALYZERS,
    },
    Unsupported {
        def: BifDef {
            name: "FileExtract::__set_limit",
            sig: "function(file_id: string, args: any, n: count): bool",
            func: false_,
        },
        answer: "F: rzeek has no file extraction analyzer",
    },
    Unsupported {
        def: BifDef {
            name: "x509_ocsp_verify",
            sig: "function(certs: x509_opaque_vector, ocsp_reply: string, root_certs: table_string_of_string, verify_time: time &default=network_time()): X509::Result",
            func: no_certificates,
        },
        answer: NO_CERTS,
    },
    Unsupported {
        def: BifDef {
            name: "x509_verify",
            sig: "function(certs: x509_opaque_vector, root_certs: table_string_of_string, verify_time: time &default=network_time()): X509::Result",
            func: no_certificates,
        },
        answer: NO_CERTS,
    },
    Unsupported {
        def: BifDef {
            name: "sct_verify",
            sig: "function(cert: opaque of x509, logid: string, log_key: string, signature: string, timestamp: count, hash_algorithm: count, issuer_key_hash: string &default=\"\"): bool",
            func: false_,
        },
        answer: "F: rzeek does not verify signed certificate timestamps",
    },
    Unsupported {
        def: BifDef {
            name: "x509_set_certificate_cache",
            sig: "function(tbl: string_any_table): bool",
            func: true_,
        },
        answer: "T, as Zeek always answers; rzeek reads certificates only through x509_from_der and keeps no cache of them",
    },
    Unsupported {
        def: BifDef {
            name: "x509_set_certificate_cache_hit_callback",
            sig: "function(f: string_any_file_hook): bool",
            func: true_,
        },
        answer: "T, as Zeek always answers; rzeek reads certificates only through x509_from_der and keeps no cache of them",
    },
    Unsupported {
        def: BifDef {
            name: "skip_http_entity_data",
            sig: "function(c: connection, is_orig: bool): any",
            func: nothing,
        },
        answer: "nothing: rzeek's HTTP analyzer does not skip bodies on request",
    },
    Unsupported {
        def: BifDef {
            name: "skip_smtp_data",
            sig: "function(c: connection): any",
            func: nothing,
        },
        answer: "nothing: rzeek has no SMTP analyzer",
    },
    Unsupported {
        def: BifDef {
            name: "get_login_state",
            sig: "function(cid: conn_id): count",
            func: zero,
        },
        answer: "0: rzeek has no Telnet/Rlogin analyzer",
    },
    Unsupported {
        def: BifDef {
            name: "set_login_state",
            sig: "function(cid: conn_id, new_state: count): bool",
            func: false_,
        },
        answer: NO_ANALYZER,
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::Geneve::get_options",
            sig: "function(): any",
            func: not_in_packet,
        },
        answer: "runtime error: rzeek's packet analyzers keep no options of the current packet for scripts",
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::GTPV1::remove_gtpv1_connection",
            sig: "function(cid: conn_id): bool",
            func: false_,
        },
        answer: "F: rzeek has no GTPv1 tunnel analyzer",
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::TEREDO::remove_teredo_connection",
            sig: "function(cid: conn_id): bool",
            func: false_,
        },
        answer: "F: rzeek has no Teredo tunnel analyzer",
    },
    Unsupported {
        def: BifDef {
            name: "PacketAnalyzer::PPPoE::session_id",
            sig: "function(): count",
            func: no_pppoe_session,
        },
        answer: "0xFFFFFFFF, Zeek's answer for a packet without a PPPoE session",
    },
    Unsupported {
        def: BifDef {
            name: "set_ssl_established",
            sig: "function(c: connection): bool",
            func: false_,
        },
        answer: NO_ANALYZER,
    },
    Unsupported {
        def: BifDef {
            name: "set_secret",
            sig: "function(c: connection, secret: string): bool",
            func: false_,
        },
        answer: NO_ANALYZER,
    },
    Unsupported {
        def: BifDef {
            name: "set_keys",
            sig: "function(c: connection, keys: string): bool",
            func: false_,
        },
        answer: NO_ANALYZER,
    },
    Unsupported {
        def: BifDef {
            name: "get_orig_seq",
            sig: "function(cid: conn_id): count",
            func: zero,
        },
        answer: "0, Zeek's answer for a connection without TCP sequence state for scripts",
    },
    Unsupported {
        def: BifDef {
            name: "get_resp_seq",
            sig: "function(cid: conn_id): count",
            func: zero,
        },
        answer: "0, Zeek's answer for a connection without TCP sequence state for scripts",
    },
    Unsupported {
        def: BifDef {
            name: "set_contents_file",
            sig: "function(cid: conn_id, direction: count, f: file): bool",
            func: false_,
        },
        answer: "F: rzeek does not write connection contents to files",
    },
    Unsupported {
        def: BifDef {
            name: "get_contents_file",
            sig: "function(cid: conn_id, direction: count): file",
            func: no_contents_files,
        },
        answer: "runtime error: rzeek does not write connection contents to files",
    },
    Unsupported {
        def: BifDef {
            name: "TCP::raw_options",
            sig: "function(stop_at_eol: bool &default=T): any",
            func: not_in_packet,
        },
        answer: "runtime error: rzeek's packet analyzers keep no options of the current packet for scripts",
    },
    Unsupported {
        def: BifDef {
            name: "WebSocket::__configure_analyzer",
            sig: "function(c: connection, aid: count, config: WebSocket::AnalyzerConfig): bool",
            func: false_,
        },
        answer: NO_ANALYZER,
    },
];

/// The answers of the built-ins that are not Zeek's machinery but Zeek's
/// fallback (documented for `--list-bifs` and the README): the
/// statistics of machinery rzeek lacks, GeoIP, BPF filters.
pub static FALLBACKS: &[(&str, &str)] = &[
    ("get_broker_stats", "all zeros: rzeek has no Broker"),
    (
        "get_dns_stats",
        "counts of rzeek's own lookups; nothing is cached or pending",
    ),
    ("get_file_analysis_stats", "all zeros: not counted yet"),
    ("get_gap_stats", "all zeros: not counted yet"),
    (
        "get_matcher_stats",
        "all zeros: rzeek has no signature matchers",
    ),
    ("get_reassembler_stats", "all zeros: not counted yet"),
    ("get_thread_stats", "0: rzeek runs no threads"),
    (
        "table_pattern_matcher_stats",
        "one matcher, no DFA states: rzeek matches a pattern table's patterns one by one",
    ),
    (
        "mmdb_open_location_db",
        "F, as Zeek built without libmaxminddb",
    ),
    ("mmdb_open_asn_db", "F, as Zeek built without libmaxminddb"),
    (
        "lookup_location",
        "an empty record and, once, Zeek's error for a build without GeoIP",
    ),
    (
        "lookup_autonomous_system",
        "an empty record and, once, Zeek's error for a build without GeoIP",
    ),
    (
        "Pcap::precompile_pcap_filter",
        "T without a packet source (as Zeek); with a trace a runtime error: no BPF",
    ),
    (
        "Pcap::install_pcap_filter",
        "T without a packet source (as Zeek); with a trace a runtime error: no BPF",
    ),
    (
        "Pcap::get_filter_state",
        "Pcap::ok, as Zeek for an unknown filter",
    ),
    (
        "Pcap::get_filter_state_string",
        "\"<unknown>\", as Zeek for an unknown filter",
    ),
    ("Pcap::error", "\"no error\""),
    ("have_spicy", "F: rzeek has no Spicy"),
    ("have_spicy_analyzers", "F: rzeek has no Spicy"),
    ("is_remote_event", "F: every event is local"),
    ("reading_live_traffic", "F: rzeek reads traces only"),
    (
        "suspend_processing",
        "counts suspensions for is_processing_suspended; a trace is not paused",
    ),
    (
        "continue_processing",
        "counts suspensions for is_processing_suspended; a trace is not paused",
    ),
];

/// The answer of a built-in with a fixed or fallback answer, if it has
/// one.
pub fn answer(name: &str) -> Option<&'static str> {
    UNSUPPORTED
        .iter()
        .find(|u| u.def.name == name)
        .map(|u| u.answer)
        .or_else(|| FALLBACKS.iter().find(|f| f.0 == name).map(|f| f.1))
}
