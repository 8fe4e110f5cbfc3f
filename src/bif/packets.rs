//! Built-ins about the packets being read: the current packet
//! (`get_current_packet`, `get_current_packet_ts`), writing packets to a
//! pcap file (`dump_packet`, `dump_current_packet`), the packet source's
//! filters and errors (`Pcap::*`), and the statistics records of
//! `get_*_stats`.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use super::{arg, bytes, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::table::TableVal;
use crate::runtime::types;
use crate::runtime::value::Value;

/// The packet the engine is processing (while its events run), and the
/// packet source's counters. The engine shares it through the
/// interpreter's extensions for the length of a trace.
pub struct CurrentPacket {
    /// Whether a packet is being processed now.
    pub active: bool,
    pub ts_sec: i64,
    pub ts_usec: u32,
    pub wire_len: u32,
    pub linktype: u32,
    pub data: Vec<u8>,
    /// Packets read, and their bytes on the wire (`get_net_stats`).
    pub received: u64,
    pub bytes_received: u64,
    /// The packet's `raw_pkt_hdr`, when a script asks for it
    /// (`get_current_packet_header`); the engine makes it.
    pub header: Value,
}

impl Default for CurrentPacket {
    fn default() -> Self {
        CurrentPacket {
            active: false,
            ts_sec: 0,
            ts_usec: 0,
            wire_len: 0,
            linktype: 0,
            data: Vec::new(),
            received: 0,
            bytes_received: 0,
            header: Value::Unset,
        }
    }
}

impl CurrentPacket {
    /// Takes a packet read from the source: it is current until
    /// [`CurrentPacket::done`].
    pub fn set(&mut self, ts_sec: i64, ts_nsec: u32, wire_len: u32, linktype: u32, data: &[u8]) {
        self.active = true;
        self.ts_sec = ts_sec;
        self.ts_usec = ts_nsec / 1000;
        self.wire_len = wire_len;
        self.linktype = linktype;
        self.data.clear();
        self.data.extend_from_slice(data);
        self.received += 1;
        self.bytes_received += u64::from(wire_len);
    }

    /// The packet and the events it raised are done.
    pub fn done(&mut self) {
        self.active = false;
        self.header = Value::Unset;
    }
}

/// The shared current-packet state, if a trace is being read.
pub fn current_packet(h: &mut dyn Host) -> Option<Rc<RefCell<CurrentPacket>>> {
    h.extensions().get::<Rc<RefCell<CurrentPacket>>>().cloned()
}

/// A `link_encap` value for a link type: Zeek takes the link type's
/// number as the enum's value.
fn link_encap(h: &mut dyn Host, dlt: u32) -> Value {
    if let Some(ty) = super::declared_type(h, "link_encap") {
        if let Some(et) = match &*ty {
            types::Type::Enum(e) => Some(e.clone()),
            _ => None,
        } {
            if let Some(c) = et.lookup(i64::from(dlt)) {
                return Value::Enum(c);
            }
            if let Some(c) = et.lookup(1) {
                return Value::Enum(c);
            }
        }
    }
    super::enum_value("link_encap", "LINK_UNKNOWN", 1)
}

/// A `pcap_packet` record: the current packet's, or Zeek's empty one.
fn packet_record(h: &mut dyn Host, p: Option<&CurrentPacket>) -> Value {
    let (sec, usec, caplen, len, data, dlt) = match p {
        Some(p) => (
            p.ts_sec.max(0) as u64,
            u64::from(p.ts_usec),
            p.data.len() as u64,
            u64::from(p.wire_len),
            p.data.clone(),
            p.linktype,
        ),
        None => (0, 0, 0, 0, Vec::new(), 1),
    };
    let lt = link_encap(h, dlt);
    super::record_of(
        h,
        "pcap_packet",
        vec![
            ("ts_sec", Value::Count(sec)),
            ("ts_usec", Value::Count(usec)),
            ("caplen", Value::Count(caplen)),
            ("len", Value::Count(len)),
            ("data", Value::string(data)),
            ("link_type", lt),
        ],
    )
}

fn get_current_packet(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let cp = current_packet(h);
    let cur = cp.as_ref().map(|c| c.borrow());
    let p = cur.as_deref().filter(|p| p.active);
    // Borrow released before building: record_of may call into the host.
    let copy = p.map(|p| CurrentPacket {
        active: true,
        ts_sec: p.ts_sec,
        ts_usec: p.ts_usec,
        wire_len: p.wire_len,
        linktype: p.linktype,
        data: p.data.clone(),
        received: 0,
        bytes_received: 0,
        header: Value::Unset,
    });
    drop(cur);
    Ok(packet_record(h, copy.as_ref()))
}

fn get_current_packet_header(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let hdr = current_packet(h)
        .map(|c| {
            let c = c.borrow();
            if c.active {
                c.header.clone()
            } else {
                Value::Unset
            }
        })
        .unwrap_or(Value::Unset);
    if hdr.is_unset() {
        // No packet in hand: Zeek's empty record.
        return Ok(super::record_of(h, "raw_pkt_hdr", Vec::new()));
    }
    Ok(hdr)
}

fn get_current_packet_ts(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let ts = current_packet(h)
        .map(|c| {
            let c = c.borrow();
            if c.active {
                c.ts_sec as f64 + f64::from(c.ts_usec) / 1e6
            } else {
                0.0
            }
        })
        .unwrap_or(0.0);
    Ok(Value::Time(ts))
}

// ---------- dumping packets ----------

/// The file `dump_packet` writes to, kept open between calls as Zeek
/// keeps its one extra packet dumper: a call naming another file closes
/// it and opens that one.
struct Dumper {
    path: Vec<u8>,
    file: Option<std::fs::File>,
}

/// One packet, written to the dumper's file (a pcap file header first
/// when the file is new or empty); false on any I/O error.
fn dump(
    h: &mut dyn Host,
    path: &[u8],
    sec: u64,
    usec: u64,
    caplen: &[u8],
    len: u64,
    dlt: u32,
) -> bool {
    let reopen = h
        .extensions()
        .get::<Dumper>()
        .is_none_or(|d| d.path != path);
    if reopen {
        let name = String::from_utf8_lossy(path).into_owned();
        let file = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&name)
            .ok();
        let file = file.and_then(|mut f| {
            let empty = f.metadata().map(|m| m.len() == 0).unwrap_or(false);
            if empty {
                let mut hdr = Vec::with_capacity(24);
                hdr.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
                hdr.extend_from_slice(&2u16.to_le_bytes());
                hdr.extend_from_slice(&4u16.to_le_bytes());
                hdr.extend_from_slice(&0i32.to_le_bytes());
                hdr.extend_from_slice(&0u32.to_le_bytes());
                hdr.extend_from_slice(&65535u32.to_le_bytes());
                hdr.extend_from_slice(&dlt.to_le_bytes());
                f.write_all(&hdr).ok()?;
            }
            Some(f)
        });
        h.extensions().insert(Dumper {
            path: path.to_vec(),
            file,
        });
    }
    let Some(d) = h.extensions().get_mut::<Dumper>() else {
        return false;
    };
    let Some(f) = d.file.as_mut() else {
        return false;
    };
    let mut rec = Vec::with_capacity(16 + caplen.len());
    rec.extend_from_slice(&(sec as u32).to_le_bytes());
    rec.extend_from_slice(&(usec as u32).to_le_bytes());
    rec.extend_from_slice(&(caplen.len() as u32).to_le_bytes());
    rec.extend_from_slice(&(len as u32).to_le_bytes());
    rec.extend_from_slice(caplen);
    let ok = f.write_all(&rec).and_then(|_| f.flush()).is_ok();
    if !ok {
        d.file = None;
    }
    ok
}

fn dump_packet(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Record(r) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let get = |n: &str| {
        let r = r.borrow();
        r.ty.field_index(n)
            .and_then(|i| r.fields.get(i).cloned())
            .unwrap_or(Value::Unset)
    };
    let (sec, usec, caplen, len) = (
        get("ts_sec").as_count(),
        get("ts_usec").as_count(),
        get("caplen").as_count() as usize,
        get("len").as_count(),
    );
    let data = get("data");
    let data = data.as_bytes();
    let dlt = match get("link_type") {
        Value::Enum(e) => e.value as u32,
        _ => 1,
    };
    let cap = &data[..caplen.min(data.len())];
    let ok = dump(h, bytes(args, 1), sec, usec, cap, len, dlt);
    Ok(Value::Bool(ok))
}

fn dump_current_packet(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(cp) = current_packet(h) else {
        return Ok(Value::Bool(false));
    };
    let (sec, usec, data, len, dlt) = {
        let c = cp.borrow();
        if !c.active {
            return Ok(Value::Bool(false));
        }
        (
            c.ts_sec.max(0) as u64,
            u64::from(c.ts_usec),
            c.data.clone(),
            u64::from(c.wire_len),
            c.linktype,
        )
    };
    let ok = dump(h, bytes(args, 0), sec, usec, &data, len, dlt);
    Ok(Value::Bool(ok))
}

// ---------- the packet source's filters ----------

/// Zeek's limit on filter ids.
const MAX_FILTER_ID: i64 = 100;

fn filter_id(v: &Value) -> i64 {
    match v {
        Value::Enum(e) => e.value,
        v => v.as_int(),
    }
}

/// rzeek reads traces without libpcap, so it cannot compile BPF filters
/// for a packet source; without one, Zeek's answers hold (nothing to
/// filter: success).
fn no_bpf(what: &str) -> String {
    format!("{what}: rzeek does not support BPF packet filters on a packet source")
}

fn precompile_pcap_filter(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = filter_id(arg(args, 0));
    if id >= MAX_FILTER_ID {
        let msg = format!("PCAP filter ids must remain below 100 (is {id})");
        super::builtin_error(h, &msg);
        return Ok(Value::Bool(false));
    }
    if h.packet_source().is_some() {
        return Err(no_bpf("Pcap::precompile_pcap_filter"));
    }
    Ok(Value::Bool(true))
}

fn install_pcap_filter(h: &mut dyn Host, _: &[Value]) -> BifResult {
    if h.packet_source().is_some() {
        return Err(no_bpf("Pcap::install_pcap_filter"));
    }
    Ok(Value::Bool(true))
}

fn pcap_error(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::str(b"no error"))
}

fn get_filter_state(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(super::declared_enum(h, "Pcap::ok")
        .unwrap_or_else(|| super::enum_value("Pcap::filter_state", "Pcap::ok", 0)))
}

fn get_filter_state_string(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::str(b"<unknown>"))
}

// ---------- statistics ----------

fn c(n: u64) -> Value {
    Value::Count(n)
}

fn get_net_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let (recvd, bytes) = current_packet(h)
        .map(|c| {
            let c = c.borrow();
            (c.received, c.bytes_received)
        })
        .unwrap_or_default();
    Ok(super::record_of(
        h,
        "NetStats",
        vec![
            ("pkts_recvd", c(recvd)),
            ("pkts_dropped", c(0)),
            ("pkts_link", c(0)),
            ("bytes_recvd", c(bytes)),
        ],
    ))
}

/// `getrusage` of this process.
fn rusage() -> libc::rusage {
    // SAFETY: rusage is plain old data; getrusage fills it in.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage of our own.
    unsafe {
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
    }
    ru
}

/// When this process started, as seconds since the epoch.
fn start_time() -> f64 {
    // The process's start, from /proc: its start in clock ticks after
    // boot, and the boot time.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |x| x.1);
    let ticks: f64 = after
        .split_whitespace()
        .nth(19)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let btime: f64 = std::fs::read_to_string("/proc/stat")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("btime ").and_then(|s| s.trim().parse().ok()))
        .unwrap_or(0.0);
    if hz > 0.0 && btime > 0.0 {
        btime + ticks / hz
    } else {
        now()
    }
}

fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn get_proc_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let ru = rusage();
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let start = start_time();
    let n = |v: libc::c_long| Value::Count(v.max(0) as u64);
    Ok(super::record_of(
        h,
        "ProcStats",
        vec![
            ("debug", Value::Bool(cfg!(debug_assertions))),
            ("start_time", Value::Time(start)),
            ("real_time", Value::Interval(now() - start)),
            ("user_time", Value::Interval(tv(ru.ru_utime))),
            ("system_time", Value::Interval(tv(ru.ru_stime))),
            // ru_maxrss is in kilobytes on Linux.
            ("mem", Value::Count(ru.ru_maxrss.max(0) as u64 * 1024)),
            ("minor_faults", n(ru.ru_minflt)),
            ("major_faults", n(ru.ru_majflt)),
            ("num_swap", n(ru.ru_nswap)),
            ("blocking_input", n(ru.ru_inblock)),
            ("blocking_output", n(ru.ru_oublock)),
            ("num_context", n(ru.ru_nivcsw)),
        ],
    ))
}

fn get_event_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let s = h.run_stats();
    Ok(super::record_of(
        h,
        "EventStats",
        vec![
            ("queued", c(s.events_queued)),
            ("dispatched", c(s.events_dispatched)),
        ],
    ))
}

fn get_timer_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let s = h.run_stats();
    Ok(super::record_of(
        h,
        "TimerStats",
        vec![
            ("current", c(s.timers_current)),
            ("max", c(s.timers_max)),
            ("cumulative", c(s.timers_cumulative)),
        ],
    ))
}

/// A statistics record whose every count is zero: what it counts is
/// machinery rzeek does not have (see the README).
fn zeros(h: &mut dyn Host, type_name: &str, fields: &[&'static str]) -> Value {
    let fields = fields.iter().map(|f| (*f, c(0))).collect();
    super::record_of(h, type_name, fields)
}

fn get_reassembler_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(zeros(
        h,
        "ReassemblerStats",
        &["file_size", "frag_size", "tcp_size", "unknown_size"],
    ))
}

fn get_dns_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let s = h
        .extensions()
        .get::<super::dns::DnsStats>()
        .copied()
        .unwrap_or_default();
    Ok(super::record_of(
        h,
        "DNSStats",
        vec![
            ("requests", c(s.requests)),
            ("successful", c(s.successful)),
            ("failed", c(s.failed)),
            ("pending", c(0)),
            ("cached_hosts", c(0)),
            ("cached_addresses", c(0)),
            ("cached_texts", c(0)),
            ("cached_total", c(0)),
        ],
    ))
}

fn get_file_analysis_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(zeros(
        h,
        "FileAnalysisStats",
        &["current", "max", "cumulative"],
    ))
}

fn get_thread_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(zeros(h, "ThreadStats", &["num_threads"]))
}

fn get_gap_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(zeros(
        h,
        "GapStats",
        &["ack_events", "ack_bytes", "gap_events", "gap_bytes"],
    ))
}

const MATCHER_FIELDS: &[&str] = &[
    "matchers",
    "nfa_states",
    "dfa_states",
    "computed",
    "mem",
    "hits",
    "misses",
];

fn get_matcher_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(zeros(h, "MatcherStats", MATCHER_FIELDS))
}

fn table_pattern_matcher_stats(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Table(t) = arg(args, 0) else {
        super::builtin_error(h, "pattern-table_stats() requires a table argument");
        return Err("pattern-table_stats() requires a table argument".into());
    };
    let single_pattern = {
        let t = t.borrow();
        matches!(t.ty.as_table(), Some(tt) if tt.index.len() == 1 && matches!(*tt.index[0], types::Type::Pattern))
    };
    if !single_pattern {
        let msg = "pattern_table_stats() requires a single index of type pattern";
        super::builtin_error(h, msg);
        return Err(msg.into());
    }
    // One matcher; rzeek's pattern tables match each pattern in turn and
    // build no combined DFA, so there are no states to count.
    let mut fields: Vec<(&str, Value)> = MATCHER_FIELDS.iter().map(|f| (*f, c(0))).collect();
    fields[0].1 = c(1);
    Ok(super::record_of(h, "MatcherStats", fields))
}

fn get_broker_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(zeros(
        h,
        "BrokerStats",
        &[
            "num_peers",
            "num_stores",
            "num_pending_queries",
            "num_events_incoming",
            "num_events_outgoing",
            "num_logs_incoming",
            "num_logs_outgoing",
            "num_ids_incoming",
            "num_ids_outgoing",
        ],
    ))
}

fn get_reporter_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let s = super::weird::sampler(h);
    let (total, by_name) = {
        let s = s.borrow();
        (s.total(), s.counts())
    };
    let ty = super::declared_type(h, "table_string_of_count")
        .unwrap_or_else(|| types::table_of(vec![types::string()], types::count()));
    let mut t = TableVal::new(ty);
    for (name, n) in by_name {
        t.insert(Value::str(name.as_bytes()), c(n));
    }
    Ok(super::record_of(
        h,
        "ReporterStats",
        vec![
            ("weirds", c(total)),
            ("weirds_by_type", Value::Table(Rc::new(RefCell::new(t)))),
        ],
    ))
}

fn get_event_handler_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let mut items = Vec::new();
    for n in h.global_names() {
        let Some((Value::Func(f), _, false)) = h.lookup_global(&n) else {
            continue;
        };
        if f.kind != crate::syntax::ast::FuncKind::Event || f.calls.get() == 0 {
            continue;
        }
        let calls = f.calls.get();
        items.push(super::record_of(
            h,
            "EventNameCounter",
            vec![
                ("name", Value::str(n.as_bytes())),
                ("times_called", c(calls)),
            ],
        ));
    }
    let ty =
        super::declared_type(h, "EventNameStats").unwrap_or_else(|| types::vector_of(types::any()));
    Ok(Value::Vector(Rc::new(RefCell::new(
        crate::runtime::value::VectorVal { ty, items },
    ))))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "get_current_packet",
        sig: "function(): pcap_packet",
        func: get_current_packet,
    },
    BifDef {
        name: "get_current_packet_header",
        sig: "function(): raw_pkt_hdr",
        func: get_current_packet_header,
    },
    BifDef {
        name: "get_current_packet_ts",
        sig: "function(): time",
        func: get_current_packet_ts,
    },
    BifDef {
        name: "dump_packet",
        sig: "function(pkt: pcap_packet, file_name: string): bool",
        func: dump_packet,
    },
    BifDef {
        name: "dump_current_packet",
        sig: "function(file_name: string): bool",
        func: dump_current_packet,
    },
    BifDef {
        name: "Pcap::precompile_pcap_filter",
        sig: "function(id: PcapFilterID, s: string): bool",
        func: precompile_pcap_filter,
    },
    BifDef {
        name: "Pcap::install_pcap_filter",
        sig: "function(id: PcapFilterID): bool",
        func: install_pcap_filter,
    },
    BifDef {
        name: "Pcap::error",
        sig: "function(): string",
        func: pcap_error,
    },
    BifDef {
        name: "Pcap::get_filter_state",
        sig: "function(id: PcapFilterID): Pcap::filter_state",
        func: get_filter_state,
    },
    BifDef {
        name: "Pcap::get_filter_state_string",
        sig: "function(id: PcapFilterID): string",
        func: get_filter_state_string,
    },
    BifDef {
        name: "get_net_stats",
        sig: "function(): NetStats",
        func: get_net_stats,
    },
    BifDef {
        name: "get_proc_stats",
        sig: "function(): ProcStats",
        func: get_proc_stats,
    },
    BifDef {
        name: "get_event_stats",
        sig: "function(): EventStats",
        func: get_event_stats,
    },
    BifDef {
        name: "get_timer_stats",
        sig: "function(): TimerStats",
        func: get_timer_stats,
    },
    BifDef {
        name: "get_reassembler_stats",
        sig: "function(): ReassemblerStats",
        func: get_reassembler_stats,
    },
    BifDef {
        name: "get_dns_stats",
        sig: "function(): DNSStats",
        func: get_dns_stats,
    },
    BifDef {
        name: "get_file_analysis_stats",
        sig: "function(): FileAnalysisStats",
        func: get_file_analysis_stats,
    },
    BifDef {
        name: "get_thread_stats",
        sig: "function(): ThreadStats",
        func: get_thread_stats,
    },
    BifDef {
        name: "get_gap_stats",
        sig: "function(): GapStats",
        func: get_gap_stats,
    },
    BifDef {
        name: "get_matcher_stats",
        sig: "function(): MatcherStats",
        func: get_matcher_stats,
    },
    BifDef {
        name: "table_pattern_matcher_stats",
        sig: "function(tbl: any): MatcherStats",
        func: table_pattern_matcher_stats,
    },
    BifDef {
        name: "get_broker_stats",
        sig: "function(): BrokerStats",
        func: get_broker_stats,
    },
    BifDef {
        name: "get_reporter_stats",
        sig: "function(): ReporterStats",
        func: get_reporter_stats,
    },
    BifDef {
        name: "get_event_handler_stats",
        sig: "function(): EventNameStats",
        func: get_event_handler_stats,
    },
];
