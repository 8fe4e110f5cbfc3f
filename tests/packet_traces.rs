//! The packet layer over the conformance traces (read in place, never
//! copied): no panics, plausible counts, and for the traces whose Zeek
//! `conn.log` baseline is available, the same connections with the same
//! history, packet/byte counters and sizes. Every test reads
//! `../shared/conformance` (traces and Zeek's baselines) and is reported
//! as ignored without it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::harness;
use rzeek::packet::{Config, ConnEvent, Connection, PcapReader, Proto, Tracker, WeirdScope};

/// Runs a trace; returns the removed connections in removal order and the
/// weird names seen.
fn run(path: &Path, cfg: Config) -> (Vec<Connection>, Vec<&'static str>, Option<String>) {
    // Weirds collected are the flow and net ones (what core.reassembly prints).
    let mut reader = match PcapReader::open(path.to_str().unwrap()) {
        Ok(r) => r,
        Err(e) => return (vec![], vec![], Some(e.to_string())),
    };
    let mut tr = Tracker::new(cfg);
    let mut evs = Vec::new();
    let mut removed = Vec::new();
    let mut weirds = Vec::new();
    let mut err = None;
    let mut take = |tr: &Tracker, evs: &mut Vec<ConnEvent>, removed: &mut Vec<Connection>| {
        for ev in evs.drain(..) {
            match ev {
                ConnEvent::ConnectionStateRemove(h) => {
                    removed.push(tr.conn(h).expect("removed conn readable").clone())
                }
                ConnEvent::Weird { name, scope, .. } if !matches!(scope, WeirdScope::Conn(_)) => {
                    weirds.push(name)
                }
                _ => {}
            }
        }
    };
    loop {
        match reader.next_packet() {
            Ok(Some(p)) => tr.packet(&p, &mut evs),
            Ok(None) => break,
            Err(e) => {
                err = Some(e.to_string());
                break;
            }
        }
        take(&tr, &mut evs, &mut removed);
    }
    tr.finish(&mut evs);
    take(&tr, &mut evs, &mut removed);
    (removed, weirds, err)
}

fn proto_name(c: &Connection) -> &'static str {
    match c.id.proto {
        Proto::Tcp => "tcp",
        Proto::Udp => "udp",
        Proto::Icmp => "icmp",
        Proto::Unknown => "unknown_transport",
    }
}

/// One conn.log-like line of the fields this layer owns.
fn summary(c: &Connection) -> String {
    let (o, r) = (c.orig(), c.resp());
    let hist = if c.history.is_empty() {
        "-".to_string()
    } else {
        c.history.to_string()
    };
    // conn.log has sizes only for connections with a duration.
    let (os, rs) = if c.duration() > 0.0 {
        (o.size.to_string(), r.size.to_string())
    } else {
        ("-".into(), "-".into())
    };
    format!(
        "{} {} {} {} {} {} {} {} {} {} {} {}",
        c.id.orig_h,
        c.id.orig_p,
        c.id.resp_h,
        c.id.resp_p,
        proto_name(c),
        hist,
        o.num_pkts,
        o.num_bytes_ip,
        r.num_pkts,
        r.num_bytes_ip,
        os,
        rs
    )
}

fn baseline(conf: &Path, test: &str) -> Vec<String> {
    let text = std::fs::read_to_string(conf.join(format!("Baseline/{test}/conn.log"))).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            // ts uid orig_h orig_p resp_h resp_p proto service duration
            // orig_bytes resp_bytes conn_state local_orig local_resp
            // missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
            format!(
                "{} {} {} {} {} {} {} {} {} {} {} {}",
                f[2], f[3], f[4], f[5], f[6], f[15], f[16], f[17], f[18], f[19], f[9], f[10]
            )
        })
        .collect()
}

fn compare(conf: &Path, test: &str, trace: &str, ignore_checksums: bool) {
    let mut cfg = Config {
        ignore_checksums,
        ..Config::default()
    };
    // These tests run Zeek with its full scripts, whose analyzers put their
    // well-known ports into likely_server_ports.
    for p in [80u16, 443, 21, 22, 25, 53] {
        cfg.likely_server_ports.insert((p, Proto::Tcp));
    }
    cfg.likely_server_ports.insert((53, Proto::Udp));
    let (conns, _, err) = run(&conf.join("Traces").join(trace), cfg);
    assert!(err.is_none(), "{trace}: {err:?}");
    let mut got: Vec<String> = conns.iter().map(summary).collect();
    let mut want = baseline(conf, test);
    got.sort();
    want.sort();
    assert_eq!(got, want, "{trace}");
}

fn conn_log_mpls_in_vlan(conf: PathBuf) {
    compare(&conf, "core.mpls-in-vlan", "mpls-in-vlan.pcap", true);
}

fn conn_log_pppoe_over_qinq(conf: PathBuf) {
    compare(&conf, "core.pppoe-over-qinq", "pppoe-over-qinq.pcap", false);
}

fn conn_log_cisco_fabric_path(conf: PathBuf) {
    compare(
        &conf,
        "core.cisco-fabric-path",
        "cisco-fabric-path.pcap",
        false,
    );
}

fn conn_log_tcp_padding(conf: PathBuf) {
    compare(
        &conf,
        "core.tcp-padding",
        "tcp-http-with-padding.pcap",
        true,
    );
}

fn handshake_reorder_flips(conf: PathBuf) {
    // core.connection_flipped: SYN-ACK seen before the SYN, no likely
    // server ports: the SYN flips the roles.
    let (conns, _, _) = run(
        &conf.join("Traces/tcp/handshake-reorder.pcap"),
        Config::default(),
    );
    assert_eq!(conns.len(), 1);
    let c = &conns[0];
    assert_eq!(c.history, "Hs^ADadFf");
    assert_eq!(c.id.orig_h.to_string(), "141.142.228.5");
    assert_eq!(c.id.orig_p, 59856);
    assert_eq!(c.id.resp_p, 80);
    assert_eq!(format!("{:.6}", c.start_time), "1362692526.939084");
}

fn http_get_one_connection(conf: PathBuf) {
    let (conns, _, _) = run(&conf.join("Traces/http/get.pcap"), Config::default());
    assert_eq!(conns.len(), 1);
    assert_eq!(conns[0].id.orig_h.to_string(), "141.142.228.5");
    assert_eq!(conns[0].id.orig_p, 59856);
}

fn fragments_weirds(conf: PathBuf) {
    // core.reassembly, first trace: the flow weirds Zeek reports.
    let cfg = Config {
        ignore_checksums: true,
        ..Config::default()
    };
    let (_, weirds, _) = run(&conf.join("Traces/ipv4/fragmented-1.pcap"), cfg.clone());
    assert_eq!(
        weirds,
        [
            "excessively_small_fragment",
            "fragment_size_inconsistency",
            "fragment_inconsistency",
            "fragment_inconsistency"
        ]
    );
    let (_, weirds, _) = run(&conf.join("Traces/ipv4/fragmented-3.pcap"), cfg);
    assert_eq!(weirds, ["fragment_with_DF"; 5]);
}

fn every_trace_without_panic(conf: PathBuf) {
    let mut files = Vec::new();
    let mut stack = vec![conf.join("Traces")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut summary = BTreeMap::new();
    for f in &files {
        for ignore in [false, true] {
            let cfg = Config {
                ignore_checksums: ignore,
                ..Config::default()
            };
            let (conns, _, err) = run(f, cfg);
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            assert!(err.is_none(), "{name}: {err:?}");
            // Every removed connection is removed once, with sane times.
            let mut serials: Vec<u64> = conns.iter().map(|c| c.serial()).collect();
            serials.sort_unstable();
            serials.dedup();
            assert_eq!(serials.len(), conns.len(), "{name}");
            for c in &conns {
                assert!(c.duration() >= 0.0, "{name}: {}", summary_line(c));
            }
            if ignore {
                summary.insert(name, conns.len());
            }
        }
    }
    // Plausible counts for traces whose content is known.
    assert_eq!(summary["get.pcap"], 1);
    assert_eq!(summary["handshake-reorder.pcap"], 1);
    assert!(summary["wikipedia.pcap"] > 10);
    assert!(summary["ticks-dns-1hr.pcap"] >= 1);
    // Only traces without IP connections (LLDP, 802.11) or with datagrams
    // that never complete may come out empty.
    let allowed_empty = [
        "lldp.pcap",
        "radiotap.pcap",
        "wlanmon.pcap",
        "fragmented-2.pcap",
        "fragmented-3.pcap",
    ];
    for (name, n) in &summary {
        assert!(
            *n > 0 || allowed_empty.contains(&name.as_str()),
            "{name} has no connections"
        );
    }
    eprintln!("{summary:?}");
}

fn summary_line(c: &Connection) -> String {
    summary(c)
}

fn main() {
    harness::run(trials![needs "conformance":
        conn_log_mpls_in_vlan,
        conn_log_pppoe_over_qinq,
        conn_log_cisco_fabric_path,
        conn_log_tcp_padding,
        handshake_reorder_flips,
        http_get_one_connection,
        fragments_weirds,
        every_trace_without_panic,
    ]);
}
