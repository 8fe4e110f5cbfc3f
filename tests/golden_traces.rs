//! The pcaps the golden tests read (`tests/golden/traces/*.pcap`), made
//! here from scratch: small synthetic conversations, no captured traffic.
//! The test checks that the committed files are exactly what this code
//! writes; `UPDATE_GOLDEN=1 cargo test --test golden_traces` rewrites them.

mod common;

use std::path::PathBuf;

use common::pcap::{
    a16, eth_macs, icmp_echo, ipv4_full, ipv6, l4_sum, mac, pcap, udp_seg, wifi, Tcp, ACK, FIN,
    PSH, SYN,
};
use rzeek::packet::cksum;

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

// ---------- ICMP ----------

/// An ICMP message: type, code, the four bytes after the checksum, the
/// body; the checksum is left for the caller.
fn icmp_msg(typ: u8, code: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    let mut m = vec![typ, code, 0, 0];
    m.extend_from_slice(&rest);
    m.extend_from_slice(body);
    m
}

/// An ICMP message in an IPv4 packet (id 4, no flags) in an Ethernet
/// frame, with its checksum.
fn icmp4(src: [u8; 4], dst: [u8; 4], typ: u8, code: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    let mut m = icmp_msg(typ, code, rest, body);
    let sum = cksum::compute(&m, 0);
    m[2..4].copy_from_slice(&sum.to_be_bytes());
    eth4(ipv4_full(src, dst, 1, 4, 0, &m))
}

/// An IPv6 address: `prefix` (two bytes, e.g. fe80), last byte `n`.
fn a6(prefix: u16, n: u8) -> [u8; 16] {
    let mut a = [0u8; 16];
    a[..2].copy_from_slice(&prefix.to_be_bytes());
    a[15] = n;
    a
}

/// An ICMPv6 message in an IPv6 packet in an Ethernet frame, with its
/// checksum (over the pseudo header).
fn icmp6(src: [u8; 16], dst: [u8; 16], typ: u8, code: u8, rest: [u8; 4], body: &[u8]) -> Vec<u8> {
    let mut m = icmp_msg(typ, code, rest, body);
    let sum = l4_sum(&src, &dst, true, 58, &m);
    m[2..4].copy_from_slice(&sum.to_be_bytes());
    eth(0x86dd, src[15], dst[15], &ipv6(src, dst, 58, &m))
}

/// `n` packets a tenth of a second apart from `T0`.
fn spaced(frames: Vec<Vec<u8>>) -> Vec<u8> {
    let pkts: Vec<(f64, Vec<u8>)> = frames
        .into_iter()
        .enumerate()
        .map(|(i, f)| (T0 + i as f64 / 10.0, f))
        .collect();
    pcap_eth(&pkts)
}

/// The IPv4 header and first 8 bytes of a packet, as an ICMP error
/// quotes them.
fn quote(packet: &[u8]) -> Vec<u8> {
    packet[..28.min(packet.len())].to_vec()
}

/// ICMPv4: errors quoting UDP, TCP, a fragment and an echo request, two
/// quoting too little or a bad header, then the types that raise
/// `icmp_sent` (timestamp request and reply, redirect, source quench,
/// router advertisement) and a message with a bad checksum.
fn icmp_v4() -> Vec<u8> {
    let (s, r) = (ip(2), ip(9));
    let udp = ipv4(
        C,
        s,
        17,
        2,
        &udp_seg(&a16(C), &a16(s), false, 33000, 53, b"query"),
    );
    let syn = Tcp {
        sp: 40002,
        dp: 22,
        seq: 777,
        ack: 0,
        flags: SYN,
        win: 0x2000,
    }
    .segment(&a16(C), &a16(ip(5)), false, b"");
    let syn = ipv4(C, ip(5), 6, 1, &syn);
    // A later fragment (offset 80, more to come): its first bytes are
    // data, read as ports all the same.
    let frag = ipv4_full(
        C,
        s,
        17,
        7,
        0x2000 | 10,
        &[0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4],
    );
    let echo = ipv4(C, ip(4), 1, 3, &icmp_echo(8, 7, 1, b"ping"));
    let mut bad = ipv4(C, s, 47, 9, &[0, 0, 0x08, 0, 1, 2, 3, 4]);
    bad[10] ^= 0xff;
    let stamps: Vec<u8> = (1..=12).collect();
    let mut corrupt = icmp4(C, s, 8, 0, [0, 9, 0, 1], b"ping");
    let n = corrupt.len();
    corrupt[n - 1] ^= 0xff;
    spaced(vec![
        icmp4(s, C, 3, 3, [0; 4], &quote(&udp)),
        icmp4(r, C, 11, 0, [0; 4], &quote(&syn)),
        icmp4(s, C, 11, 1, [0; 4], &quote(&frag)),
        icmp4(ip(4), C, 3, 1, [0; 4], &quote(&echo)),
        icmp4(s, C, 3, 13, [0; 4], &udp[..12]),
        icmp4(s, C, 3, 2, [0; 4], &bad),
        icmp4(C, s, 13, 0, [0, 5, 0, 1], &stamps),
        icmp4(s, C, 14, 0, [0, 5, 0, 1], &stamps),
        icmp4(r, C, 5, 1, [10, 0, 0, 8], &quote(&udp)),
        icmp4(s, C, 4, 0, [0; 4], &quote(&udp)),
        icmp4(r, ip(255), 9, 0, [1, 2, 0, 30], &[10, 0, 0, 9, 0, 0, 0, 0]),
        corrupt,
    ])
}

/// Link-layer address option (`typ` 1: source, 2: target) of host `n`.
fn lladdr(typ: u8, n: u8) -> Vec<u8> {
    let mut o = vec![typ, 1];
    o.extend_from_slice(&mac(n));
    o
}

/// ICMPv6 neighbor discovery: a router solicitation and advertisement
/// (every option Zeek decodes, and one it does not), neighbor
/// solicitation and advertisement, a redirect quoting a packet, then
/// messages cut short: before the options, an option of length zero, a
/// truncated option header, a prefix option shorter than its fields.
fn icmp6_nd() -> Vec<u8> {
    let (c, s, rt) = (a6(0xfe80, 1), a6(0xfe80, 2), a6(0xfe80, 9));
    let all_routers = a6(0xff02, 2);
    let all_nodes = a6(0xff02, 1);
    let mut ra = vec![0, 0, 0x75, 0x30, 0, 0, 0x03, 0xe8];
    ra.extend(lladdr(1, 9));
    ra.extend_from_slice(&[5, 1, 0, 0, 0, 0, 0x05, 0xdc]);
    ra.extend_from_slice(&[
        3, 4, 64, 0xc0, 0, 0x27, 0x8d, 0, 0, 0x09, 0x3a, 0x80, 0, 0, 0, 0,
    ]);
    ra.extend_from_slice(&a6(0x2001, 0)[..2]);
    ra.extend_from_slice(&[0x0d, 0xb8]);
    ra.extend_from_slice(&[0; 12]);
    ra.extend_from_slice(&[25, 3, 0, 0, 0, 0, 0x0e, 0x10]);
    ra.extend_from_slice(&a6(0x2001, 53));
    let mut ns = s.to_vec();
    ns.extend(lladdr(1, 1));
    let mut na = s.to_vec();
    na.extend(lladdr(2, 2));
    let far = a6(0x2001, 7);
    let quoted = ipv6(c, far, 17, &udp_seg(&c, &far, true, 5000, 53, b"query"));
    let mut redirect = a6(0xfe80, 5).to_vec();
    redirect.extend_from_slice(&far);
    redirect.extend(lladdr(2, 5));
    redirect.extend_from_slice(&[4, 7, 0, 0, 0, 0, 0, 0]);
    redirect.extend_from_slice(&quoted[..48]);
    let mut zero = s.to_vec();
    zero.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0]);
    let mut cut = s.to_vec();
    cut.push(2);
    // Reachable time 9 ms, retransmission timer 13 ms: values whose
    // conversion to seconds shows whether it rounds as Zeek's does.
    let mut short_prefix = vec![0, 0, 0, 9, 0, 0, 0, 13];
    short_prefix.extend_from_slice(&[3, 4, 64, 0xc0, 0, 0, 0, 1, 0, 0]);
    spaced(vec![
        icmp6(c, all_routers, 133, 0, [0; 4], &lladdr(1, 1)),
        icmp6(rt, all_nodes, 134, 0, [64, 0xce, 0x07, 0x08], &ra),
        icmp6(c, a6(0xff02, 2), 135, 0, [0; 4], &ns),
        icmp6(s, c, 136, 0, [0xe0, 0, 0, 0], &na),
        icmp6(rt, c, 137, 0, [0; 4], &redirect),
        icmp6(c, s, 135, 0, [0; 4], &[0; 8]),
        icmp6(c, s, 135, 0, [0; 4], &zero),
        icmp6(s, c, 136, 0, [0x40, 0, 0, 0], &cut),
        icmp6(rt, all_nodes, 134, 0, [64, 0, 0, 0], &short_prefix),
    ])
}

/// ICMPv6 errors: unreachable quoting UDP, too big quoting TCP, time
/// exceeded quoting a fragment, a parameter problem quoting a packet with
/// a hop-by-hop header, an unassigned error type quoting too little, an
/// unreachable quoting a header without ports; then the informational
/// types without events of their own (MLD query, router renumbering,
/// node information query, an unassigned one).
fn icmp6_errors() -> Vec<u8> {
    let (c, s, rt) = (a6(0xfe80, 1), a6(0xfe80, 2), a6(0xfe80, 9));
    let far = a6(0x2001, 7);
    let udp = ipv6(c, s, 17, &udp_seg(&c, &s, true, 5000, 53, b"query"));
    let syn = Tcp {
        sp: 40000,
        dp: 443,
        seq: 1,
        ack: 0,
        flags: SYN,
        win: 0x2000,
    }
    .segment(&c, &far, true, b"");
    let syn = ipv6(c, far, 6, &syn);
    let mut frag = vec![17, 0, 0x04, 0xd1, 0, 0, 0, 42];
    frag.extend_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
    let frag = ipv6(c, far, 44, &frag);
    let mut hop = vec![17, 0, 1, 4, 0, 0, 0, 0];
    hop.extend(udp_seg(&c, &s, true, 5001, 53, b"x"));
    let hop = ipv6(c, s, 0, &hop);
    spaced(vec![
        icmp6(s, c, 1, 4, [0; 4], &udp),
        icmp6(rt, c, 2, 0, [0, 0, 0x05, 0], &syn[..48]),
        icmp6(far, c, 3, 1, [0; 4], &frag),
        icmp6(s, c, 4, 1, [0, 0, 0, 40], &hop),
        icmp6(s, c, 100, 7, [0; 4], &udp[..30]),
        icmp6(s, c, 1, 0, [0; 4], &udp[..42]),
        icmp6(rt, a6(0xff02, 1), 130, 0, [0x27, 0x10, 0, 0], &[0; 16]),
        icmp6(rt, c, 138, 0, [0, 0, 0, 1], &[0; 8]),
        icmp6(c, s, 139, 0, [0, 2, 0, 0], &[1, 2, 3, 4, 5, 6, 7, 8]),
        icmp6(c, s, 200, 0, [0; 4], b"abc"),
    ])
}

/// An MLDv2 multicast address record.
fn mar(typ: u8, aux: &[u8], group: [u8; 16], sources: &[[u8; 16]]) -> Vec<u8> {
    let mut r = vec![typ, (aux.len() / 4) as u8];
    r.extend_from_slice(&(sources.len() as u16).to_be_bytes());
    r.extend_from_slice(&group);
    for s in sources {
        r.extend_from_slice(s);
    }
    r.extend_from_slice(aux);
    r
}

/// MLD: version 1 report and done, version 2 reports (two records, one
/// with sources and auxiliary data; a group type the enum lacks), then
/// truncated ones: a version 1 message without its address, a version 2
/// report too short for its record count, one whose record is cut.
fn icmp6_mld() -> Vec<u8> {
    let c = a6(0xfe80, 1);
    let group = a6(0xff02, 3);
    let mld2 = a6(0xff02, 0x16);
    let mut two = mar(4, b"", a6(0xff02, 0xfb), &[]);
    two.extend(mar(
        1,
        b"abcd",
        a6(0xff05, 3),
        &[a6(0x2001, 1), a6(0x2001, 2)],
    ));
    let odd = mar(9, b"", a6(0xff05, 4), &[]);
    let cut = &mar(2, b"", a6(0xff05, 5), &[a6(0x2001, 1), a6(0x2001, 2)])[..40];
    spaced(vec![
        icmp6(c, group, 131, 0, [0; 4], &group),
        icmp6(c, a6(0xff02, 2), 132, 0, [0; 4], &group),
        icmp6(c, mld2, 143, 0, [0, 0, 0, 2], &two),
        icmp6(c, mld2, 143, 0, [0, 0, 0, 1], &odd),
        icmp6(c, group, 131, 0, [0; 4], &group[..8]),
        icmp6(c, mld2, 143, 0, [0, 0, 0, 3], &two),
        icmp6(c, mld2, 143, 0, [0, 0, 0, 1], cut),
    ])
}

fn traces() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("mixed.pcap", mixed()),
        ("ticks.pcap", ticks()),
        ("weird.pcap", weird()),
        ("reply-first.pcap", reply_first()),
        ("wlan.pcap", wlan()),
        ("rexmit.pcap", rexmit()),
        ("icmp.pcap", icmp_v4()),
        ("icmp6-nd.pcap", icmp6_nd()),
        ("icmp6-errors.pcap", icmp6_errors()),
        ("icmp6-mld.pcap", icmp6_mld()),
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
