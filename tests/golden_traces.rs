//! The pcaps the golden tests read (`tests/golden/traces/*.pcap`), made
//! here from scratch: small synthetic conversations, no captured traffic.
//! The test checks that the committed files are exactly what this code
//! writes; `UPDATE_GOLDEN=1 cargo test --test golden_traces` rewrites them.

mod common;

use std::path::PathBuf;

use common::pcap::{
    a16, eth_macs, icmp_echo, ipv4_full, mac, pcap, udp_seg, wifi, Tcp, ACK, FIN, PSH, SYN,
};

const C: [u8; 4] = [10, 0, 0, 1];

fn ip(n: u8) -> [u8; 4] {
    [10, 0, 0, n]
}

/// These traces' IPv4 packets: Don't Fragment, and an id per protocol.
fn ipv4(src: [u8; 4], dst: [u8; 4], proto: u8, id: u16, payload: &[u8]) -> Vec<u8> {
    ipv4_full(src, dst, proto, id, 0x4000, payload)
}

/// A TCP segment with a window of 8192 in IPv4 packet 1.
#[allow(clippy::too_many_arguments)]
fn tcp(
    src: [u8; 4],
    dst: [u8; 4],
    sp: u16,
    dp: u16,
    seq: u32,
    ack: u32,
    flags: u8,
    data: &[u8],
) -> Vec<u8> {
    let seg = Tcp {
        sp,
        dp,
        seq,
        ack,
        flags,
        win: 0x2000,
    }
    .segment(&a16(src), &a16(dst), false, data);
    ipv4(src, dst, 6, 1, &seg)
}

fn udp(src: [u8; 4], dst: [u8; 4], sp: u16, dp: u16, data: &[u8]) -> Vec<u8> {
    ipv4(
        src,
        dst,
        17,
        2,
        &udp_seg(&a16(src), &a16(dst), false, sp, dp, data),
    )
}

fn icmp_echo4(src: [u8; 4], dst: [u8; 4], typ: u8, id: u16, seq: u16, data: &[u8]) -> Vec<u8> {
    ipv4(src, dst, 1, 3, &icmp_echo(typ, id, seq, data))
}

/// An Ethernet frame; the MACs say which host sent it.
fn eth(ethertype: u16, from: u8, to: u8, payload: &[u8]) -> Vec<u8> {
    eth_macs(mac(to), mac(from), ethertype, payload)
}

fn eth4(packet: Vec<u8>) -> Vec<u8> {
    let (from, to) = (packet[15], packet[19]);
    eth(0x0800, from, to, &packet)
}

/// A classic little-endian microsecond pcap of the given link type (DLT).
fn pcap_link(link: u32, pkts: &[(f64, Vec<u8>)]) -> Vec<u8> {
    pcap(link, pkts, false, false)
}

/// A classic little-endian microsecond pcap with Ethernet framing.
fn pcap_eth(pkts: &[(f64, Vec<u8>)]) -> Vec<u8> {
    pcap_link(1, pkts)
}

const T0: f64 = 1_400_000_000.0;

/// One complete TCP conversation, a UDP query and answer, an ICMP echo,
/// and two SYNs nobody answers, the last long after the rest so that the
/// others are removed by their timers.
fn mixed() -> Vec<u8> {
    let s = ip(2);
    let (req, resp) = (b"hello", b"world!!");
    let pkts = vec![
        (T0 + 0.0, eth4(tcp(C, s, 40001, 80, 1000, 0, SYN, b""))),
        (
            T0 + 0.1,
            eth4(tcp(s, C, 80, 40001, 5000, 1001, SYN | ACK, b"")),
        ),
        (T0 + 0.2, eth4(tcp(C, s, 40001, 80, 1001, 5001, ACK, b""))),
        (
            T0 + 0.3,
            eth4(tcp(C, s, 40001, 80, 1001, 5001, PSH | ACK, req)),
        ),
        (
            T0 + 0.4,
            eth4(tcp(s, C, 80, 40001, 5001, 1006, PSH | ACK, resp)),
        ),
        (
            T0 + 0.5,
            eth4(tcp(C, s, 40001, 80, 1006, 5008, FIN | ACK, b"")),
        ),
        (
            T0 + 0.6,
            eth4(tcp(s, C, 80, 40001, 5008, 1007, FIN | ACK, b"")),
        ),
        (T0 + 0.7, eth4(tcp(C, s, 40001, 80, 1007, 5009, ACK, b""))),
        (T0 + 1.0, eth4(udp(C, ip(3), 33000, 53, b"query"))),
        (T0 + 1.2, eth4(udp(ip(3), C, 53, 33000, b"response!!"))),
        (T0 + 2.0, eth4(icmp_echo4(C, ip(4), 8, 7, 1, b"ping"))),
        (T0 + 2.1, eth4(icmp_echo4(ip(4), C, 0, 7, 1, b"ping"))),
        (T0 + 3.0, eth4(tcp(C, ip(5), 40002, 22, 777, 0, SYN, b""))),
        (T0 + 70.0, eth4(tcp(C, ip(6), 40003, 443, 888, 0, SYN, b""))),
    ];
    pcap_eth(&pkts)
}

/// UDP packets spread over time, for timers against packets.
fn ticks() -> Vec<u8> {
    let pkts: Vec<(f64, Vec<u8>)> = [0.0, 0.2, 0.4, 0.6, 1.0]
        .iter()
        .enumerate()
        .map(|(i, dt)| {
            (
                T0 + dt,
                eth4(udp(C, ip(3), 33000, 53, format!("q{i}").as_bytes())),
            )
        })
        .collect();
    pcap_eth(&pkts)
}

/// A TCP conversation with one corrupted checksum, then a frame of an
/// Ethertype nothing analyzes.
fn weird() -> Vec<u8> {
    let s = ip(2);
    let mut bad = tcp(C, s, 40003, 80, 1006, 5001, PSH | ACK, b"more");
    let n = bad.len();
    bad[n - 1] ^= 0xff;
    let pkts = vec![
        (T0 + 0.0, eth4(tcp(C, s, 40003, 80, 1000, 0, SYN, b""))),
        (
            T0 + 0.1,
            eth4(tcp(s, C, 80, 40003, 5000, 1001, SYN | ACK, b"")),
        ),
        (
            T0 + 0.2,
            eth4(tcp(C, s, 40003, 80, 1001, 5001, PSH | ACK, b"hello")),
        ),
        (T0 + 0.3, eth4(bad)),
        (
            T0 + 0.4,
            eth(
                0x88b5,
                1,
                2,
                b"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c",
            ),
        ),
    ];
    pcap_eth(&pkts)
}

/// The first packet comes from a likely server port (53/udp).
fn reply_first() -> Vec<u8> {
    let pkts = vec![
        (T0 + 0.0, eth4(udp(ip(3), C, 53, 33001, b"answer"))),
        (T0 + 0.5, eth4(udp(C, ip(3), 33001, 53, b"question"))),
    ];
    pcap_eth(&pkts)
}

/// Wireless traffic: a UDP exchange to and from an access point, a QoS
/// data frame, a beacon (management, not analyzed) and an encrypted
/// QoS frame (skipped).
fn wlan() -> Vec<u8> {
    let s = ip(7);
    let mut beacon = vec![0, 0, 8, 0, 0, 0, 0, 0, 0x80, 0];
    beacon.extend_from_slice(&[0u8; 30]);
    let pkts = vec![
        (
            T0 + 0.0,
            wifi(1, false, false, 1, 7, &udp(C, s, 5353, 53, b"q")),
        ),
        (
            T0 + 0.1,
            wifi(2, false, false, 7, 1, &udp(s, C, 53, 5353, b"a")),
        ),
        (
            T0 + 0.2,
            wifi(0, true, false, 1, 8, &udp(C, ip(8), 4000, 4001, b"x")),
        ),
        (T0 + 0.3, beacon),
        (
            T0 + 0.4,
            wifi(0, true, true, 1, 9, &udp(C, ip(9), 4000, 4001, b"y")),
        ),
    ];
    pcap_link(127, &pkts)
}

/// Retransmissions: one repeats its bytes, one changes them (partly
/// overlapping what was sent), and one comes after the data was acked.
fn rexmit() -> Vec<u8> {
    let s = ip(2);
    let pkts = vec![
        (T0 + 0.0, eth4(tcp(C, s, 40010, 80, 1000, 0, SYN, b""))),
        (
            T0 + 0.1,
            eth4(tcp(s, C, 80, 40010, 5000, 1001, SYN | ACK, b"")),
        ),
        (
            T0 + 0.2,
            eth4(tcp(C, s, 40010, 80, 1001, 5001, PSH | ACK, b"abcdef")),
        ),
        (
            T0 + 0.3,
            eth4(tcp(C, s, 40010, 80, 1001, 5001, PSH | ACK, b"abcdef")),
        ),
        (
            T0 + 0.4,
            eth4(tcp(C, s, 40010, 80, 1004, 5001, ACK, b"DEFghi")),
        ),
        (T0 + 0.5, eth4(tcp(s, C, 80, 40010, 5001, 1010, ACK, b""))),
        (
            T0 + 0.6,
            eth4(tcp(C, s, 40010, 80, 1001, 5001, PSH | ACK, b"XXXXXX")),
        ),
    ];
    pcap_eth(&pkts)
}

fn traces() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("mixed.pcap", mixed()),
        ("ticks.pcap", ticks()),
        ("weird.pcap", weird()),
        ("reply-first.pcap", reply_first()),
        ("wlan.pcap", wlan()),
        ("rexmit.pcap", rexmit()),
    ]
}

#[test]
fn committed_traces_match_generator() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/traces");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    for (name, bytes) in traces() {
        let path = dir.join(name);
        assert!(bytes.len() < 2048, "{name} should stay small");
        if update {
            std::fs::write(&path, &bytes).unwrap();
            continue;
        }
        let have = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
        let first = have.iter().zip(&bytes).position(|(a, b)| a != b);
        assert!(
            have == bytes,
            "{} differs from its generator at byte {} ({} bytes committed, {} generated; \
             UPDATE_GOLDEN=1 cargo test --release --test golden_traces rewrites it)",
            path.display(),
            first.unwrap_or(have.len().min(bytes.len())),
            have.len(),
            bytes.len()
        );
    }
}
