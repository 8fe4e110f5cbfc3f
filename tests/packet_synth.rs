//! Golden tests over pcaps these tests write themselves.

mod common;

use common::pcap::*;
use std::io::Cursor;

use rzeek::packet::{
    linktype, tcp_state, Config, ConnEvent, ConnHandle, Connection, PcapReader, Proto, ReadError,
    Tracker, WeirdScope,
};

// ---------- running ----------

struct Run {
    events: Vec<ConnEvent>,
    /// Snapshot of each connection as it was removed, in removal order.
    removed: Vec<Connection>,
    /// Snapshots at each event: (event, connection as seen then).
    seen: Vec<(String, Option<Connection>)>,
    err: Option<ReadError>,
}

impl Run {
    fn names(&self) -> Vec<String> {
        self.seen.iter().map(|(n, _)| n.clone()).collect()
    }
    fn weirds(&self) -> Vec<&'static str> {
        self.events
            .iter()
            .filter_map(|e| {
                if let ConnEvent::Weird { name, .. } = e {
                    Some(*name)
                } else {
                    None
                }
            })
            .collect()
    }
}

fn ev_name(e: &ConnEvent) -> String {
    let s = format!("{e:?}");
    s.split(['(', ' ', '{']).next().unwrap().to_string()
}

fn run_bytes(bytes: Vec<u8>, cfg: Config) -> Run {
    let mut r = Run {
        events: vec![],
        removed: vec![],
        seen: vec![],
        err: None,
    };
    let mut reader = match PcapReader::from_read(Cursor::new(bytes)) {
        Ok(x) => x,
        Err(e) => {
            r.err = Some(e);
            return r;
        }
    };
    let mut tr = Tracker::new(cfg);
    let mut evs = Vec::new();
    let drain = |tr: &Tracker, evs: &mut Vec<ConnEvent>, r: &mut Run| {
        for e in evs.drain(..) {
            let c = e.conn().and_then(|h: ConnHandle| tr.conn(h).cloned());
            if let ConnEvent::ConnectionStateRemove(_) = e {
                r.removed.push(c.clone().unwrap());
            }
            r.seen.push((ev_name(&e), c));
            r.events.push(e);
        }
    };
    loop {
        match reader.next_packet() {
            Ok(Some(p)) => tr.packet(&p, &mut evs),
            Ok(None) => break,
            Err(e) => {
                r.err = Some(e);
                break;
            }
        }
        drain(&tr, &mut evs, &mut r);
    }
    tr.finish(&mut evs);
    drain(&tr, &mut evs, &mut r);
    r
}

fn run_eth(pkts: &[(f64, Vec<u8>)], cfg: Config) -> Run {
    run_bytes(pcap(linktype::ETHERNET, pkts, false, false), cfg)
}

fn handshake_fin(t0: f64) -> Vec<(f64, Vec<u8>)> {
    let req = b"GET / HTTP/1.1\r\n\r\n";
    let resp = b"HTTP/1.1 200 OK\r\n\r\nhello";
    let (a, b) = (1000u32, 5000u32);
    let (rl, pl) = (req.len() as u32, resp.len() as u32);
    vec![
        (t0, eth4(&tcp4(C4, S4, 40000, 80, a, 0, SYN, b""))),
        (
            t0 + 0.1,
            eth4(&tcp4(S4, C4, 80, 40000, b, a + 1, SYN | ACK, b"")),
        ),
        (
            t0 + 0.2,
            eth4(&tcp4(C4, S4, 40000, 80, a + 1, b + 1, ACK, b"")),
        ),
        (
            t0 + 0.3,
            eth4(&tcp4(C4, S4, 40000, 80, a + 1, b + 1, PSH | ACK, req)),
        ),
        (
            t0 + 0.4,
            eth4(&tcp4(S4, C4, 80, 40000, b + 1, a + 1 + rl, PSH | ACK, resp)),
        ),
        (
            t0 + 0.5,
            eth4(&tcp4(
                C4,
                S4,
                40000,
                80,
                a + 1 + rl,
                b + 1 + pl,
                FIN | ACK,
                b"",
            )),
        ),
        (
            t0 + 0.6,
            eth4(&tcp4(
                S4,
                C4,
                80,
                40000,
                b + 1 + pl,
                a + 2 + rl,
                FIN | ACK,
                b"",
            )),
        ),
        (
            t0 + 0.7,
            eth4(&tcp4(C4, S4, 40000, 80, a + 2 + rl, b + 2 + pl, ACK, b"")),
        ),
    ]
}

// ---------- tests ----------

#[test]
fn tcp_handshake_data_fin() {
    let r = run_eth(&handshake_fin(1000.0), Config::default());
    assert!(r.err.is_none());
    assert_eq!(
        r.names(),
        [
            "NewConnection",
            "ConnectionEstablished",
            "ConnectionFirstAck",
            "ConnectionFinished",
            "ConnectionStateRemove"
        ]
    );
    assert_eq!(r.removed.len(), 1);
    let c = &r.removed[0];
    // The server never sends a bare ACK, so no 'a'.
    assert_eq!(c.history, "ShADdFf");
    assert_eq!(c.id.orig_h.to_string(), "10.0.0.1");
    assert_eq!(
        (c.id.orig_p, c.id.resp_p, c.id.proto, c.id.ip_proto),
        (40000, 80, Proto::Tcp, 6)
    );
    let (o, s) = (c.orig(), c.resp());
    assert_eq!((o.size, s.size), (18, 24));
    assert_eq!((o.state, s.state), (tcp_state::CLOSED, tcp_state::CLOSED));
    assert_eq!((o.num_pkts, s.num_pkts), (5, 3));
    assert_eq!(o.num_bytes_ip, 4 * 40 + 58);
    // Packets after both FINs do not extend the duration (Zeek's SetLastTime rule).
    assert!((c.duration() - 0.6).abs() < 1e-6, "{}", c.duration());
    assert_eq!(c.start_time, 1000.0);
    assert_eq!(c.serial(), 0, "the trace's first connection");
    // Removed by the close-delay timer at the end of input, not before.
    assert_eq!(c.orig().l2_addr, Some([6, 7, 8, 9, 10, 11]));
}

#[test]
fn close_delay_timer_removes() {
    // A later packet more than tcp_close_delay after the close runs the
    // delete timer before that packet's own events.
    let mut pkts = handshake_fin(1000.0);
    pkts.push((1010.0, eth4(&udp4(C4, S4, 5353, 5353, b"x"))));
    let r = run_eth(&pkts, Config::default());
    let n = r.names();
    let rm = n.iter().position(|x| x == "ConnectionStateRemove").unwrap();
    let newc = n.iter().rposition(|x| x == "NewConnection").unwrap();
    assert!(rm < newc, "{n:?}");
}

#[test]
fn tcp_rst_rejected() {
    let pkts = vec![
        (1.0, eth4(&tcp4(C4, S4, 40001, 81, 7, 0, SYN, b""))),
        (1.1, eth4(&tcp4(S4, C4, 81, 40001, 0, 8, RST | ACK, b""))),
    ];
    let r = run_eth(&pkts, Config::default());
    // Still "active" for Zeek at the end of input (only one side closed):
    // connection_pending precedes the removal.
    assert_eq!(
        r.names(),
        [
            "NewConnection",
            "ConnectionRejected",
            "ConnectionPending",
            "ConnectionStateRemove"
        ]
    );
    let c = &r.removed[0];
    assert_eq!(c.history, "Sr");
    assert_eq!(c.resp().state, tcp_state::RESET);
}

#[test]
fn tcp_reset_after_established() {
    let pkts = vec![
        (1.0, eth4(&tcp4(C4, S4, 40002, 22, 100, 0, SYN, b""))),
        (
            1.1,
            eth4(&tcp4(S4, C4, 22, 40002, 900, 101, SYN | ACK, b"")),
        ),
        (1.2, eth4(&tcp4(C4, S4, 40002, 22, 101, 901, ACK, b""))),
        (1.3, eth4(&tcp4(C4, S4, 40002, 22, 101, 901, RST, b""))),
    ];
    let r = run_eth(&pkts, Config::default());
    assert!(
        r.names().contains(&"ConnectionReset".to_string()),
        "{:?}",
        r.names()
    );
    assert_eq!(r.removed[0].history, "ShAR");
}

#[test]
fn lone_syn_is_attempt() {
    let pkts = vec![(1.0, eth4(&tcp4(C4, S4, 40003, 443, 1, 0, SYN, b"")))];
    let r = run_eth(&pkts, Config::default());
    assert_eq!(
        r.names(),
        [
            "NewConnection",
            "ConnectionAttempt",
            "ConnectionStateRemove"
        ]
    );
    assert_eq!(r.removed[0].history, "S");
    assert_eq!(r.removed[0].orig().state, tcp_state::SYN_SENT);
    // And with time passing beyond tcp_attempt_delay, before the end.
    let pkts = vec![
        (1.0, eth4(&tcp4(C4, S4, 40003, 443, 1, 0, SYN, b""))),
        (9.0, eth4(&udp4(C4, S4, 1, 2, b"z"))),
    ];
    let r = run_eth(&pkts, Config::default());
    assert_eq!(
        &r.names()[..3],
        [
            "NewConnection",
            "ConnectionAttempt",
            "ConnectionStateRemove"
        ]
    );
}

#[test]
fn syn_ack_first_flips_with_likely_server_port() {
    let mut cfg = Config::default();
    cfg.likely_server_ports.insert((80, Proto::Tcp));
    let pkts = vec![
        (1.0, eth4(&tcp4(S4, C4, 80, 40004, 500, 11, SYN | ACK, b""))),
        (1.1, eth4(&tcp4(C4, S4, 40004, 80, 11, 501, ACK, b""))),
    ];
    let r = run_eth(&pkts, cfg);
    let c = &r.removed[0];
    assert_eq!(c.id.orig_h.to_string(), "10.0.0.1");
    assert_eq!(c.id.resp_p, 80);
    assert!(c.history.starts_with("^h"), "{}", c.history);
}

#[test]
fn udp_request_reply() {
    let mut cfg = Config::default();
    cfg.events.0 |= rzeek::packet::EventMask::UDP_REQUEST | rzeek::packet::EventMask::UDP_REPLY;
    let pkts = vec![
        (5.0, eth4(&udp4(C4, S4, 33000, 53, b"query!"))),
        (5.5, eth4(&udp4(S4, C4, 53, 33000, b"a longer reply"))),
    ];
    let r = run_eth(&pkts, cfg);
    assert_eq!(
        r.names(),
        [
            "NewConnection",
            "UdpRequest",
            "UdpReply",
            "ConnectionStateRemove"
        ]
    );
    let c = &r.removed[0];
    assert_eq!(c.history, "Dd");
    assert_eq!((c.orig().size, c.resp().size), (6, 14));
    assert_eq!((c.orig().state, c.resp().state), (1, 1));
    assert_eq!((c.orig().num_bytes_ip, c.resp().num_bytes_ip), (34, 42));
    assert!((c.duration() - 0.5).abs() < 1e-9);
}

#[test]
fn udp_reply_first_flips() {
    let mut cfg = Config::default();
    cfg.likely_server_ports.insert((53, Proto::Udp));
    let r = run_eth(&[(5.0, eth4(&udp4(S4, C4, 53, 33000, b"reply")))], cfg);
    let c = &r.removed[0];
    assert_eq!(c.id.orig_p, 33000);
    assert_eq!(c.history, "^d");
}

#[test]
fn udp_inactivity_timeout() {
    let pkts = vec![
        (0.0, eth4(&udp4(C4, S4, 1111, 2222, b"a"))),
        (61.5, eth4(&udp4(C4, S4, 1111, 2222, b"b"))),
    ];
    let r = run_eth(&pkts, Config::default());
    assert_eq!(
        r.names(),
        [
            "NewConnection",
            "ConnectionTimeout",
            "ConnectionStateRemove",
            "NewConnection",
            "ConnectionStateRemove"
        ]
    );
    assert_ne!(r.removed[0].serial(), r.removed[1].serial());
    let cfg = Config {
        udp_inactivity_timeout: 120.0,
        ..Config::default()
    };
    let r = run_eth(&pkts, cfg);
    assert_eq!(r.removed.len(), 1);
}

#[test]
fn icmp_echo() {
    let mut cfg = Config::default();
    cfg.events.0 |= rzeek::packet::EventMask::ICMP_ECHO;
    let pkts = vec![
        (1.0, eth4(&icmp4(C4, S4, 8, 77, 1, b"pingpingping"))),
        (1.2, eth4(&icmp4(S4, C4, 0, 77, 1, b"pingpingping"))),
    ];
    let r = run_eth(&pkts, cfg);
    assert_eq!(
        r.names(),
        [
            "NewConnection",
            "IcmpEchoRequest",
            "IcmpEchoReply",
            "ConnectionStateRemove"
        ]
    );
    let c = &r.removed[0];
    assert_eq!(
        (c.id.orig_p, c.id.resp_p, c.id.proto, c.id.ip_proto),
        (8, 0, Proto::Icmp, 1)
    );
    assert_eq!((c.orig().size, c.resp().size), (12, 12));
    assert_eq!(c.history, "");
    if let ConnEvent::IcmpEchoRequest {
        id, seq, payload, ..
    } = &r.events[1]
    {
        assert_eq!(
            (*id, *seq, payload.as_slice()),
            (77, 1, &b"pingpingping"[..])
        );
    } else {
        panic!()
    }
}

#[test]
fn vlan_and_qinq() {
    let ip = udp4(C4, S4, 1, 2, b"v");
    let pkts = vec![
        (1.0, vlan_tags(&[(0x8100, 42)], 0x0800, &ip)),
        (
            2.0,
            vlan_tags(
                &[(0x88a8, 100), (0x8100, 200)],
                0x0800,
                &udp4(C4, S4, 3, 4, b"q"),
            ),
        ),
    ];
    let r = run_eth(&pkts, Config::default());
    let mut cs = r.removed.clone();
    cs.sort_by_key(|c| c.id.orig_p);
    assert_eq!((cs[0].vlan, cs[0].inner_vlan), (Some(42), None));
    assert_eq!((cs[1].vlan, cs[1].inner_vlan), (Some(100), Some(200)));
    // VLANs are not part of the key by default; with vlan_in_key they are.
    let same = vec![
        (1.0, vlan_tags(&[(0x8100, 1)], 0x0800, &ip)),
        (1.1, vlan_tags(&[(0x8100, 2)], 0x0800, &ip)),
    ];
    assert_eq!(run_eth(&same, Config::default()).removed.len(), 1);
    let cfg = Config {
        vlan_in_key: true,
        ..Config::default()
    };
    assert_eq!(run_eth(&same, cfg).removed.len(), 2);
}

#[test]
fn ipv6_tcp_with_extension_header() {
    let mut src = [0u8; 16];
    src[0] = 0x20;
    src[1] = 0x01;
    src[15] = 1;
    let mut dst = src;
    dst[15] = 2;
    let seg = tcp_seg(&src, &dst, true, 5555, 80, 1, 0, SYN, b"");
    // Hop-by-hop options header (8 bytes: next=6, len=0, PadN).
    let mut p = vec![6, 0, 1, 4, 0, 0, 0, 0];
    p.extend_from_slice(&seg);
    let pkt = ipv6(src, dst, 0, &p);
    let r = run_eth(&[(1.0, eth(0x86dd, &pkt))], Config::default());
    assert!(r.weirds().is_empty(), "{:?}", r.weirds());
    let c = &r.removed[0];
    assert_eq!(c.id.orig_h.to_string(), "2001::1");
    assert_eq!(c.history, "S");
    assert_eq!(c.orig_flow_label_for_test(), 0x12345);
}

trait FlowLabel {
    fn orig_flow_label_for_test(&self) -> u32;
}
impl FlowLabel for Connection {
    fn orig_flow_label_for_test(&self) -> u32 {
        self.orig().flow_label
    }
}

#[test]
fn ipv4_fragments_reassembled() {
    let data: Vec<u8> = (0..100u8).collect();
    let seg = udp_seg(&a16(C4), &a16(S4), false, 7000, 8000, &data);
    // 108-byte UDP datagram in fragments of 64 and 44 bytes, out of order.
    let f1 = ipv4_full(C4, S4, 17, 99, 0x2000, &seg[..64]);
    let f2 = ipv4_full(C4, S4, 17, 99, 64 / 8, &seg[64..]);
    let r = run_eth(&[(1.0, eth4(&f2)), (1.1, eth4(&f1))], Config::default());
    assert!(r.weirds().is_empty(), "{:?}", r.weirds());
    assert_eq!(r.removed.len(), 1);
    let c = &r.removed[0];
    assert_eq!(c.orig().size, 100);
    assert_eq!(c.orig().num_bytes_ip, 128);
    assert_eq!(c.history, "D");
    // Overlap with different bytes: a weird, first data wins.
    let mut bad = seg[56..].to_vec();
    bad[0] ^= 0xff;
    let f3 = ipv4_full(C4, S4, 17, 98, 56 / 8, &bad);
    let g1 = ipv4_full(C4, S4, 17, 98, 0x2000, &seg[..64]);
    let r = run_eth(&[(1.0, eth4(&g1)), (1.1, eth4(&f3))], Config::default());
    assert!(
        r.weirds().contains(&"fragment_inconsistency"),
        "{:?}",
        r.weirds()
    );
    assert_eq!(r.removed.len(), 1);
}

#[test]
fn bad_checksums() {
    let mut seg = tcp4(C4, S4, 40005, 80, 1, 0, SYN, b"");
    let n = seg.len();
    seg[n - 4] ^= 0x55; // urgent pointer: TCP checksum now wrong
    let r = run_eth(&[(1.0, eth4(&seg))], Config::default());
    assert_eq!(r.weirds(), ["bad_TCP_checksum"]);
    assert_eq!(r.removed[0].history, "C");
    assert_eq!(r.removed[0].orig().num_pkts, 0);
    // -C: no weird, the SYN counts.
    let cfg = Config {
        ignore_checksums: true,
        ..Config::default()
    };
    let r = run_eth(&[(1.0, eth4(&seg))], cfg);
    assert!(r.weirds().is_empty());
    assert_eq!(r.removed[0].history, "S");

    let mut ip = udp4(C4, S4, 1, 2, b"x");
    ip[10] ^= 1; // IP header checksum
    let r = run_eth(&[(1.0, eth4(&ip))], Config::default());
    assert_eq!(r.weirds(), ["bad_IP_checksum"]);
    assert!(r.removed.is_empty());
    assert!(matches!(
        &r.events[0],
        ConnEvent::Weird {
            scope: WeirdScope::Flow { .. },
            ..
        }
    ));

    let mut u = udp4(C4, S4, 1, 2, b"xyz");
    let n = u.len();
    u[n - 1] ^= 1;
    let r = run_eth(&[(1.0, eth4(&u))], Config::default());
    assert_eq!(r.weirds(), ["bad_UDP_checksum"]);
    assert_eq!(r.removed[0].history, "C");
}

#[test]
fn truncated_and_malformed_packets() {
    let full = tcp4(C4, S4, 1, 2, 1, 0, SYN, b"");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![0u8; 10], "truncated_ethernet_frame"),
        (eth4(&full[..12]), "truncated_IP"),
        (eth4(&[0x75u8; 20]), "unknown_ip_version"),
        (eth4(&full[..30]), "truncated_IP_len"),
    ];
    for (frame, want) in cases {
        let r = run_eth(&[(1.0, frame)], Config::default());
        assert_eq!(r.weirds(), [want]);
        assert!(r.removed.is_empty());
    }
    // Captured short of the TCP header, but the wire length is right.
    let frame = eth4(&full);
    let mut file = Pcap::new(Vec::new(), linktype::ETHERNET).unwrap();
    file.captured(stamp(1.0, false), &frame[..14 + 30], frame.len() as u32)
        .unwrap();
    let r = run_bytes(file.finish(), Config::default());
    assert_eq!(r.weirds(), ["internally_truncated_header"]);
    // Garbage of all sizes never panics.
    let mut seed = 12345u64;
    for len in 0..200usize {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 56) as u8
            })
            .collect();
        for lt in [
            linktype::ETHERNET,
            linktype::RAW,
            linktype::LINUX_SLL,
            linktype::LINUX_SLL2,
            linktype::NULL,
            linktype::IEEE802_11,
            linktype::IEEE802_11_RADIO,
        ] {
            let mut b = bytes.clone();
            if lt == linktype::RAW && !b.is_empty() {
                b[0] = 0x45;
            }
            if lt == linktype::IEEE802_11_RADIO && b.len() > 9 {
                // A short radiotap header, then a (QoS) data frame.
                b[2] = 8;
                b[3] = 0;
                b[8] = if len % 2 == 0 { 0x08 } else { 0x88 };
            }
            let _ = run_bytes(pcap(lt, &[(1.0, b)], false, false), Config::default());
        }
    }
}

#[test]
fn truncated_file_keeps_connections() {
    let mut file = pcap(linktype::ETHERNET, &handshake_fin(1.0)[..3], false, false);
    file.truncate(file.len() - 5);
    let r = run_bytes(file, Config::default());
    assert!(
        matches!(r.err, Some(ReadError::Truncated { packets_read: 2 })),
        "{:?}",
        r.err
    );
    assert_eq!(r.removed.len(), 1);
    assert_eq!(r.removed[0].history, "Sh");
    // Not a pcap at all.
    let r = run_bytes(
        b"hello, this is not a capture file at all".to_vec(),
        Config::default(),
    );
    assert!(matches!(r.err, Some(ReadError::NotPcap)), "{:?}", r.err);
    let r = run_bytes(Vec::new(), Config::default());
    assert!(r.err.is_some());
}

#[test]
fn file_formats() {
    let pkts = handshake_fin(1_700_000_000.25);
    let want = run_eth(&pkts, Config::default()).removed[0].clone();
    for (nano, be) in [(false, true), (true, false), (true, true)] {
        let r = run_bytes(pcap(linktype::ETHERNET, &pkts, nano, be), Config::default());
        let c = &r.removed[0];
        assert_eq!(c.history, want.history);
        assert_eq!(c.start_time, want.start_time, "nano={nano} be={be}");
    }
    let r = run_bytes(pcapng(1, &pkts), Config::default());
    assert!(r.err.is_none(), "{:?}", r.err);
    assert_eq!(r.removed[0].history, want.history);
    assert_eq!(r.removed[0].start_time, want.start_time);
}

#[test]
fn other_link_types() {
    let ip = udp4(C4, S4, 9, 10, b"payload");
    // Linux SLL: 16-byte header, protocol at 14.
    let mut sll = vec![0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00];
    sll.extend_from_slice(&ip);
    // SLL2: protocol first, 20-byte header.
    let mut sll2 = vec![
        0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0,
    ];
    sll2.extend_from_slice(&ip);
    // BSD loopback: family 2 in host (little-endian) order.
    let mut null = 2u32.to_le_bytes().to_vec();
    null.extend_from_slice(&ip);
    for (lt, frame) in [
        (linktype::LINUX_SLL, sll),
        (linktype::LINUX_SLL2, sll2),
        (linktype::NULL, null),
        (linktype::RAW, ip.clone()),
        (12, ip.clone()),
        (14, ip.clone()),
    ] {
        let r = run_bytes(pcap(lt, &[(1.0, frame)], false, false), Config::default());
        assert_eq!(r.removed.len(), 1, "linktype {lt}");
        assert_eq!(r.removed[0].orig().size, 7, "linktype {lt}");
    }
}

#[test]
fn drain_order_and_uids() {
    // Three connections left open at the end: removed in key order by
    // default, creation order on request; uids are reproducible per seed.
    let pkts = vec![
        (1.0, eth4(&udp4([10, 0, 0, 9], S4, 1, 2, b"a"))),
        (1.1, eth4(&udp4([10, 0, 0, 3], S4, 1, 2, b"b"))),
        (1.2, eth4(&udp4([10, 0, 0, 5], S4, 1, 2, b"c"))),
    ];
    let r = run_eth(&pkts, Config::default());
    let order: Vec<String> = r.removed.iter().map(|c| c.id.orig_h.to_string()).collect();
    assert_eq!(order, ["10.0.0.3", "10.0.0.5", "10.0.0.9"]);
    let cfg = Config {
        drain_order: rzeek::packet::DrainOrder::Creation,
        ..Config::default()
    };
    let r2 = run_eth(&pkts, cfg);
    let order: Vec<String> = r2.removed.iter().map(|c| c.id.orig_h.to_string()).collect();
    assert_eq!(order, ["10.0.0.9", "10.0.0.3", "10.0.0.5"]);
    // The same connections either way, only removed in another order.
    let serials = |r: &Run| {
        let mut v: Vec<u64> = r.removed.iter().map(|c| c.serial()).collect();
        v.sort();
        v
    };
    assert_eq!(serials(&r), serials(&r2));
}

#[test]
fn truncated_and_mangled_wifi_frames_never_panic() {
    // Radiotap, a QoS data frame with all four addresses and the A-MSDU
    // bit, one subframe, LLC/SNAP, then the start of an IPv4 header.
    let mut f = vec![0, 0, 8, 0, 0, 0, 0, 0, 0x88, 0x03, 0, 0];
    f.extend_from_slice(&[0x02; 24]);
    f.extend_from_slice(&[0x02; 6]);
    f.extend_from_slice(&[0x80, 0]);
    f.extend_from_slice(&[0x02; 12]);
    f.extend_from_slice(&[0, 28]);
    f.extend_from_slice(&[0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00]);
    f.extend_from_slice(&[0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0]);
    f.extend_from_slice(&[10, 0, 0, 1, 10, 0, 0, 2]);
    for n in 0..=f.len() {
        let _ = run_bytes(
            pcap(
                linktype::IEEE802_11_RADIO,
                &[(1.0, f[..n].to_vec())],
                false,
                false,
            ),
            Config::default(),
        );
        let _ = run_bytes(
            pcap(
                linktype::IEEE802_11,
                &[(1.0, f[8.min(n)..n].to_vec())],
                false,
                false,
            ),
            Config::default(),
        );
    }
    for i in 0..f.len() {
        for v in [0u8, 0x03, 0x40, 0x80, 0xff] {
            let mut g = f.clone();
            g[i] = v;
            let _ = run_bytes(
                pcap(linktype::IEEE802_11_RADIO, &[(1.0, g)], false, false),
                Config::default(),
            );
        }
    }
}

/// A half-closed connection's expire timer re-arms itself every
/// tcp_session_timer. After a jump of decades in packet time (found by the
/// packet fuzz target) it used to fire once per period up to the new time,
/// 10^8 times; now it goes straight to the last period. A period of zero
/// must not loop either.
#[test]
fn expire_timer_after_a_jump_in_time() {
    for session_timer in [6.0, 0.0] {
        let mut pkts: Vec<_> = handshake_fin(1000.0).into_iter().take(6).collect();
        pkts.push((1.0e9, eth4(&udp4(C4, S4, 5353, 5353, b"x"))));
        let cfg = Config {
            tcp_inactivity_timeout: 0.0,
            tcp_session_timer: session_timer,
            ..Config::default()
        };
        let start = std::time::Instant::now();
        let r = run_eth(&pkts, cfg);
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
        assert_eq!(r.removed.len(), 2, "session timer {session_timer}");
    }
}
