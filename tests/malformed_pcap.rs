//! `rzeek -r` on malformed traces, written here (the well-formed parts
//! with the common builder, the broken records byte by byte): each gives a
//! clear message or a weird, processing continues where it can, and the
//! connections already tracked still go through `connection_state_remove`.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::pcap::{
    a16, eth_macs, ipv4_full, mac, pcap as pcap_file, pcap_record, udp_seg, C4 as C, S4 as S,
};
use common::Rzeek;

fn ipv4(proto: u8, id: u16, frag: u16, payload: &[u8]) -> Vec<u8> {
    ipv4_full(C, S, proto, id, frag, payload)
}

fn udp(sport: u16, data: &[u8]) -> Vec<u8> {
    udp_seg(&a16(C), &a16(S), false, sport, 53, data)
}

fn eth(ip: &[u8]) -> Vec<u8> {
    eth_macs(mac(2), mac(1), 0x0800, ip)
}

/// A UDP packet from port `sport` to 53, in an Ethernet frame.
fn udp_frame(sport: u16, data: &[u8]) -> Vec<u8> {
    eth(&ipv4(17, 1, 0x4000, &udp(sport, data)))
}

/// The file header of an empty little-endian microsecond pcap.
fn file_header(linktype: u32) -> Vec<u8> {
    pcap_file(linktype, &[], false, false)
}

/// A record header claiming `caplen` captured bytes (and as many on the
/// wire) at second `t`, written byte by byte: the records it starts are
/// the malformed ones.
fn record_header(t: u32, caplen: u32) -> Vec<u8> {
    let mut out = Vec::new();
    for w in [1_500_000_000 + t, 0, caplen, caplen] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// A pcap of `frames`, one a second from 1,500,000,000.
fn pcap(linktype: u32, frames: &[Vec<u8>]) -> Vec<u8> {
    let pkts: Vec<(f64, Vec<u8>)> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| (1_500_000_000.0 + i as f64, f.clone()))
        .collect();
    pcap_file(linktype, &pkts, false, false)
}

/// Prints each removed connection's originator port and every weird.
const SCRIPT: &str = "\
event connection_state_remove(c: connection) { print \"removed\", c$id$orig_p; }
event net_weird(name: string, addl: string) { print \"net_weird\", name; }
event flow_weird(name: string, src: addr, dst: addr, addl: string) { print \"flow_weird\", name; }
event conn_weird(name: string, c: connection, addl: string) { print \"conn_weird\", name; }
event unknown_protocol(analyzer_name: string, protocol: count, first_bytes: string, analyzer_history: string_vec)
	{ print \"unknown_protocol\", analyzer_name, protocol; }
event zeek_done() { print \"done\"; }
";

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rzeek-malformed-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

fn run(name: &str, trace: &[u8]) -> Run {
    let dir = scratch(name);
    std::fs::write(dir.join("s.zeek"), SCRIPT).unwrap();
    std::fs::write(dir.join("t.pcap"), trace).unwrap();
    let out: Output = Rzeek::new()
        .dir(&dir)
        .args(["-b", "--diagnostics", "zeek", "-r", "t.pcap", "s.zeek"])
        .env_remove("ZEEK_SEED_FILE")
        .run();
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        code: out.status.code(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn good() -> Vec<u8> {
    udp_frame(40000, b"one")
}

fn second() -> Vec<u8> {
    udp_frame(40001, b"two")
}

/// A trace whose first record is a good packet, followed by `rest`.
fn after_one(rest: &[u8]) -> Vec<u8> {
    let mut b = pcap(1, &[good()]);
    b.extend_from_slice(rest);
    b
}

#[test]
fn truncated_file_header_is_fatal() {
    let r = run("short-header", &file_header(1)[..10]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.out, "");
    assert_eq!(
        r.err,
        "fatal error: problem with trace file t.pcap (truncated dump file (after 0 packets))\n"
    );
    // A header and nothing else is an empty trace.
    let r = run("header-only", &file_header(1));
    assert_eq!(
        (r.code, r.out.as_str(), r.err.as_str()),
        (Some(0), "done\n", "")
    );
}

const TRUNCATED: &str =
    "error: problem with trace file t.pcap (truncated dump file (after 1 packets))\n";

#[test]
fn truncated_record_header() {
    let r = run(
        "short-record-header",
        &after_one(&record_header(1, 40)[..7]),
    );
    assert_eq!(r.code, Some(0));
    assert_eq!(r.out, "removed, 40000/udp\ndone\n");
    assert_eq!(r.err, TRUNCATED);
}

#[test]
fn truncated_record_data() {
    let mut rest = record_header(1, 40);
    rest.extend_from_slice(&good()[..10]);
    let r = run("short-record-data", &after_one(&rest));
    assert_eq!(r.code, Some(0));
    assert_eq!(r.out, "removed, 40000/udp\ndone\n");
    assert_eq!(r.err, TRUNCATED);
}

#[test]
fn zero_length_record() {
    let mut rest = pcap_record(1_500_000_001.0, &[]);
    rest.extend(pcap_record(1_500_000_002.0, &second()));
    let r = run("zero-length", &after_one(&rest));
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.out,
        "net_weird, truncated_ethernet_frame\nremoved, 40000/udp\nremoved, 40001/udp\ndone\n"
    );
    assert_eq!(r.err, "");
}

#[test]
fn huge_length_record() {
    // A length beyond anything the file holds: the file ends inside it.
    let mut rest = record_header(1, 0xffff_fff0);
    rest.extend(second());
    let r = run("huge-length", &after_one(&rest));
    assert_eq!(r.code, Some(0));
    assert_eq!(r.out, "removed, 40000/udp\ndone\n");
    assert_eq!(r.err, TRUNCATED);
    // Longer than the snap length but present: read, and reading goes on.
    let mut rest = record_header(1, 300_000);
    rest.extend(vec![0u8; 300_000]);
    rest.extend(pcap_record(1_500_000_002.0, &second()));
    let r = run("over-snaplen", &after_one(&rest));
    assert_eq!(r.code, Some(0));
    assert_eq!(r.out, "removed, 40000/udp\nremoved, 40001/udp\ndone\n");
    assert_eq!(r.err, "");
}

#[test]
fn unknown_link_type() {
    // As in Zeek, the root analyzer finds nothing for the link type:
    // unknown_protocol for each packet, and no connection.
    let r = run("unknown-linktype", &pcap(4242, &[good(), second()]));
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.out,
        "unknown_protocol, ROOT, 4242\nunknown_protocol, ROOT, 4242\ndone\n"
    );
    assert_eq!(r.err, "");
}

#[test]
fn bad_ip_header_lengths() {
    for (ihl, weird) in [
        (0x40u8, "IPv4_min_header_size"),
        (0x43, "IPv4_min_header_size"),
        (0x4f, "invalid_IP_header_size"),
    ] {
        let mut bad = good();
        bad[14] = ihl;
        let r = run(&format!("ihl-{ihl:x}"), &pcap(1, &[good(), bad, second()]));
        assert_eq!(r.code, Some(0));
        assert_eq!(
            r.out,
            format!("net_weird, {weird}\nremoved, 40000/udp\nremoved, 40001/udp\ndone\n"),
            "IHL byte {ihl:#x}"
        );
        assert_eq!(r.err, "");
    }
}

#[test]
fn overlapping_fragments() {
    // A 40-byte UDP datagram in three fragments: 0..24, 8..24 with other
    // bytes (overlapping the first), and 16..40.
    let seg = udp(40002, &[7u8; 32]);
    let f1 = eth(&ipv4(17, 9, 0x2000, &seg[..24]));
    let f2 = eth(&ipv4(17, 9, 0x2001, &[9u8; 16]));
    let f3 = eth(&ipv4(17, 9, 0x0002, &seg[16..]));
    let r = run("overlap", &pcap(1, &[good(), f1, f2, f3]));
    assert_eq!(r.code, Some(0));
    assert_eq!(
        r.out,
        "flow_weird, excessively_small_fragment\n\
         flow_weird, excessively_small_fragment\n\
         flow_weird, fragment_inconsistency\n\
         flow_weird, fragment_overlap\n\
         removed, 40000/udp\n\
         removed, 40002/udp\n\
         done\n"
    );
    assert_eq!(r.err, "");
}
