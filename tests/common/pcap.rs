//! The one builder for the packets and capture files tests and benches
//! write themselves. Packet headers (IPv4/IPv6 with TCP, UDP and ICMP,
//! Ethernet, VLAN and 802.11 frames) are made here byte by byte, since
//! tests need exact bytes (checksums, truncations, patched fields); pcap
//! and pcapng framing is the pcap-file crate's.
//!
//! Benches include this file by path
//! (`#[path = "../tests/common/pcap.rs"] mod pcap;`).

use std::borrow::Cow;
use std::io::{self, Write};
use std::time::Duration;

use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketBlock;
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::PcapNgWriter;
use pcap_file::{DataLink, Endianness, PcapError, TsResolution};
use rzeek::packet::cksum;

pub const C4: [u8; 4] = [10, 0, 0, 1];
pub const S4: [u8; 4] = [10, 0, 0, 2];
pub const SYN: u8 = 0x02;
pub const ACK: u8 = 0x10;
pub const FIN: u8 = 0x01;
pub const RST: u8 = 0x04;
pub const PSH: u8 = 0x08;

/// The snap length every file written here declares.
pub const SNAPLEN: u32 = 65535;

// ---------- network and transport headers ----------

pub fn ipv4_full(
    src: [u8; 4],
    dst: [u8; 4],
    proto: u8,
    id: u16,
    frag: u16,
    payload: &[u8],
) -> Vec<u8> {
    let mut h = vec![0x45, 0, 0, 0, 0, 0, 0, 0, 64, proto, 0, 0];
    let tot = (20 + payload.len()) as u16;
    h[2..4].copy_from_slice(&tot.to_be_bytes());
    h[4..6].copy_from_slice(&id.to_be_bytes());
    h[6..8].copy_from_slice(&frag.to_be_bytes());
    h.extend_from_slice(&src);
    h.extend_from_slice(&dst);
    let sum = cksum::compute(&h, 0);
    h[10..12].copy_from_slice(&sum.to_be_bytes());
    h.extend_from_slice(payload);
    h
}

/// An IPv4 packet with id 1 and Don't Fragment set.
pub fn ipv4(src: [u8; 4], dst: [u8; 4], proto: u8, payload: &[u8]) -> Vec<u8> {
    ipv4_full(src, dst, proto, 1, 0x4000, payload)
}

/// An IPv4 address as the IPv4-mapped IPv6 address checksums take.
pub fn a16(v4: [u8; 4]) -> [u8; 16] {
    let mut a = [0u8; 16];
    a[10] = 0xff;
    a[11] = 0xff;
    a[12..].copy_from_slice(&v4);
    a
}

pub fn l4_sum(src: &[u8; 16], dst: &[u8; 16], v6: bool, proto: u8, seg: &[u8]) -> u16 {
    cksum::compute(seg, cksum::pseudo(src, dst, v6, proto, seg.len() as u32))
}

/// A TCP header without options; `segment` adds the payload and the
/// checksum.
#[derive(Clone, Copy, Debug)]
pub struct Tcp {
    pub sp: u16,
    pub dp: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: u8,
    pub win: u16,
}

impl Tcp {
    pub fn segment(&self, src: &[u8; 16], dst: &[u8; 16], v6: bool, data: &[u8]) -> Vec<u8> {
        let mut s = Vec::with_capacity(20 + data.len());
        s.extend_from_slice(&self.sp.to_be_bytes());
        s.extend_from_slice(&self.dp.to_be_bytes());
        s.extend_from_slice(&self.seq.to_be_bytes());
        s.extend_from_slice(&self.ack.to_be_bytes());
        s.extend_from_slice(&[0x50, self.flags]);
        s.extend_from_slice(&self.win.to_be_bytes());
        s.extend_from_slice(&[0, 0, 0, 0]);
        s.extend_from_slice(data);
        let sum = l4_sum(src, dst, v6, 6, &s);
        s[16..18].copy_from_slice(&sum.to_be_bytes());
        s
    }
}

/// A TCP segment with a window of 65535.
#[allow(clippy::too_many_arguments)]
pub fn tcp_seg(
    src: &[u8; 16],
    dst: &[u8; 16],
    v6: bool,
    sp: u16,
    dp: u16,
    seq: u32,
    ack: u32,
    flags: u8,
    data: &[u8],
) -> Vec<u8> {
    Tcp {
        sp,
        dp,
        seq,
        ack,
        flags,
        win: 0xffff,
    }
    .segment(src, dst, v6, data)
}

#[allow(clippy::too_many_arguments)]
pub fn tcp4(
    src: [u8; 4],
    dst: [u8; 4],
    sp: u16,
    dp: u16,
    seq: u32,
    ack: u32,
    flags: u8,
    data: &[u8],
) -> Vec<u8> {
    ipv4(
        src,
        dst,
        6,
        &tcp_seg(&a16(src), &a16(dst), false, sp, dp, seq, ack, flags, data),
    )
}

pub fn udp_seg(src: &[u8; 16], dst: &[u8; 16], v6: bool, sp: u16, dp: u16, data: &[u8]) -> Vec<u8> {
    let mut s = Vec::new();
    s.extend_from_slice(&sp.to_be_bytes());
    s.extend_from_slice(&dp.to_be_bytes());
    s.extend_from_slice(&((8 + data.len()) as u16).to_be_bytes());
    s.extend_from_slice(&[0, 0]);
    s.extend_from_slice(data);
    let sum = l4_sum(src, dst, v6, 17, &s);
    s[6..8].copy_from_slice(&sum.to_be_bytes());
    s
}

pub fn udp4(src: [u8; 4], dst: [u8; 4], sp: u16, dp: u16, data: &[u8]) -> Vec<u8> {
    ipv4(
        src,
        dst,
        17,
        &udp_seg(&a16(src), &a16(dst), false, sp, dp, data),
    )
}

/// An ICMP echo request (type 8) or reply (type 0) message.
pub fn icmp_echo(typ: u8, id: u16, seq: u16, data: &[u8]) -> Vec<u8> {
    let mut m = vec![typ, 0, 0, 0];
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(data);
    let sum = cksum::compute(&m, 0);
    m[2..4].copy_from_slice(&sum.to_be_bytes());
    m
}

pub fn icmp4(src: [u8; 4], dst: [u8; 4], typ: u8, id: u16, seq: u16, data: &[u8]) -> Vec<u8> {
    ipv4(src, dst, 1, &icmp_echo(typ, id, seq, data))
}

/// An IPv6 packet with flow label 0x12345.
pub fn ipv6(src: [u8; 16], dst: [u8; 16], nh: u8, payload: &[u8]) -> Vec<u8> {
    let mut h = vec![0x60, 0x01, 0x23, 0x45];
    h.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    h.push(nh);
    h.push(64);
    h.extend_from_slice(&src);
    h.extend_from_slice(&dst);
    h.extend_from_slice(payload);
    h
}

// ---------- link layer ----------

/// A locally administered MAC address ending in `n`.
pub fn mac(n: u8) -> [u8; 6] {
    [0x02, 0, 0, 0, 0, n]
}

/// An Ethernet frame from `src` to `dst`.
pub fn eth_macs(dst: [u8; 6], src: [u8; 6], ethertype: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(14 + payload.len());
    f.extend_from_slice(&dst);
    f.extend_from_slice(&src);
    f.extend_from_slice(&ethertype.to_be_bytes());
    f.extend_from_slice(payload);
    f
}

/// An Ethernet frame from 06:07:08:09:0a:0b to 00:01:02:03:04:05.
pub fn eth(ethertype: u16, payload: &[u8]) -> Vec<u8> {
    eth_macs([0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], ethertype, payload)
}

pub fn eth4(ip: &[u8]) -> Vec<u8> {
    eth(0x0800, ip)
}

/// An Ethernet frame (MACs as `eth`) with VLAN tags, outermost first:
/// (TPID, VLAN id) each.
pub fn vlan_tags(tags: &[(u16, u16)], inner_type: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    f.extend_from_slice(&tags[0].0.to_be_bytes());
    for (i, (_, vid)) in tags.iter().enumerate() {
        f.extend_from_slice(&vid.to_be_bytes());
        let next = tags.get(i + 1).map(|t| t.0).unwrap_or(inner_type);
        f.extend_from_slice(&next.to_be_bytes());
    }
    f.extend_from_slice(payload);
    f
}

/// An 802.11 data frame behind a radiotap header, carrying an IPv4
/// packet in LLC/SNAP. `ds` is the frame's To-DS/From-DS bits; `qos`
/// makes it a QoS data frame; `protected` sets the protected bit. The
/// stations are 02:11:00:00:00:`from` and 02:11:00:00:00:`to`, the
/// access point 02:bb:00:00:00:bb.
pub fn wifi(ds: u8, qos: bool, protected: bool, from: u8, to: u8, ip: &[u8]) -> Vec<u8> {
    // Radiotap: version, pad, length 8, no fields present.
    let mut f = vec![0, 0, 8, 0, 0, 0, 0, 0];
    let subtype: u8 = if qos { 0x80 } else { 0x00 };
    f.push(0x08 | subtype);
    f.push(ds | if protected { 0x40 } else { 0 });
    f.extend_from_slice(&[0, 0]); // duration
    let sta = |n: u8| [0x02, 0x11, 0, 0, 0, n];
    let bssid = [0x02, 0xbb, 0, 0, 0, 0xbb];
    // Addresses 1-3 in the order the DS bits give them meaning.
    let (a1, a2, a3) = match ds {
        0 => (sta(to), sta(from), bssid),
        1 => (bssid, sta(from), sta(to)),
        _ => (sta(to), bssid, sta(from)),
    };
    f.extend_from_slice(&a1);
    f.extend_from_slice(&a2);
    f.extend_from_slice(&a3);
    f.extend_from_slice(&[0x10, 0]); // sequence control
    if qos {
        f.extend_from_slice(&[0, 0]);
    }
    f.extend_from_slice(&[0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00]);
    f.extend_from_slice(ip);
    f
}

// ---------- capture files ----------

/// A time in seconds as a timestamp of the given resolution: whole
/// seconds, and the fraction rounded to micro- or nanoseconds.
pub fn stamp(t: f64, nano: bool) -> Duration {
    let sec = t.floor();
    let nanos = if nano {
        ((t - sec) * 1e9).round() as u32
    } else {
        ((t - sec) * 1e6).round() as u32 * 1000
    };
    Duration::new(sec as u64, nanos)
}

fn io_err(e: PcapError) -> io::Error {
    match e {
        PcapError::IoError(e) => e,
        e => io::Error::other(e.to_string()),
    }
}

/// A classic pcap file being written, one packet at a time.
pub struct Pcap<W: Write> {
    out: PcapWriter<W>,
    nano: bool,
}

impl<W: Write> Pcap<W> {
    /// A little-endian, microsecond pcap of link type `linktype` (DLT).
    pub fn new(out: W, linktype: u32) -> io::Result<Self> {
        Self::with_format(out, linktype, false, false)
    }

    /// A pcap with nanosecond timestamps (`nano`) and/or big-endian
    /// fields (`be`).
    pub fn with_format(out: W, linktype: u32, nano: bool, be: bool) -> io::Result<Self> {
        let header = PcapHeader {
            version_major: 2,
            version_minor: 4,
            ts_correction: 0,
            ts_accuracy: 0,
            snaplen: SNAPLEN,
            datalink: DataLink::from(linktype),
            ts_resolution: if nano {
                TsResolution::NanoSecond
            } else {
                TsResolution::MicroSecond
            },
            endianness: if be {
                Endianness::Big
            } else {
                Endianness::Little
            },
        };
        let out = PcapWriter::with_header(out, header).map_err(io_err)?;
        Ok(Pcap { out, nano })
    }

    /// A packet captured whole at `t` seconds.
    pub fn packet(&mut self, t: f64, data: &[u8]) -> io::Result<()> {
        self.captured(stamp(t, self.nano), data, data.len() as u32)
    }

    /// A packet whose first `data.len()` of `wire_len` bytes were captured.
    pub fn captured(&mut self, ts: Duration, data: &[u8], wire_len: u32) -> io::Result<()> {
        self.out
            .write_packet(&PcapPacket::new(ts, wire_len, data))
            .map(drop)
            .map_err(io_err)
    }

    pub fn finish(self) -> W {
        self.out.into_writer()
    }
}

/// A whole pcap file of `(seconds, frame)` packets.
pub fn pcap(lt: u32, pkts: &[(f64, Vec<u8>)], nano: bool, be: bool) -> Vec<u8> {
    let mut w = Pcap::with_format(Vec::new(), lt, nano, be).expect("pcap header");
    for (t, d) in pkts {
        w.packet(*t, d).expect("pcap packet");
    }
    w.finish()
}

/// One record of a little-endian microsecond pcap as the writer frames
/// it (no file header), for tests that put records together by hand.
pub fn pcap_record(t: f64, data: &[u8]) -> Vec<u8> {
    pcap(1, &[(t, data.to_vec())], false, false).split_off(24)
}

/// A little-endian pcapng file: one interface of link type `lt` with
/// nanosecond timestamps, and an enhanced packet block per packet.
pub fn pcapng(lt: u16, pkts: &[(f64, Vec<u8>)]) -> Vec<u8> {
    let mut w = PcapNgWriter::with_endianness(Vec::new(), Endianness::Little).expect("pcapng");
    let mut idb = InterfaceDescriptionBlock::new(DataLink::from(u32::from(lt)), SNAPLEN);
    idb.options = vec![InterfaceDescriptionOption::IfTsResol(9)];
    w.write_pcapng_block(idb).expect("pcapng interface");
    for (t, d) in pkts {
        let epb = EnhancedPacketBlock {
            interface_id: 0,
            timestamp: stamp(*t, true),
            original_len: d.len() as u32,
            data: Cow::Borrowed(d),
            options: vec![],
        };
        w.write_pcapng_block(epb).expect("pcapng packet");
    }
    w.into_inner()
}

/// Writes `conns` short TCP connections from 10.x.y.z to
/// 192.168.0.1:80, one after another, 100 µs between packets: a
/// handshake, a request and a reply, and a close from both sides (8
/// packets each, Ethernet framed). Returns the number of packets.
pub fn short_connections<W: Write>(out: W, conns: u32) -> io::Result<u64> {
    let mut w = Pcap::new(out, 1)?;
    let mut packets = 0u64;
    let mut t = 1_700_000_000.0f64;
    let server = [192, 168, 0, 1];
    for i in 0..conns {
        let client = [10, (i >> 16) as u8, (i >> 8) as u8, i as u8];
        let sp = 1024 + (i % 60000) as u16;
        let (a, b) = (1000u32, 5000u32);
        let frame = |from_client: bool, seq: u32, ack: u32, flags: u8, data: &[u8]| {
            let (src, dst, sp, dp) = if from_client {
                (client, server, sp, 80)
            } else {
                (server, client, 80, sp)
            };
            eth_macs(
                mac(2),
                mac(1),
                0x0800,
                &tcp4(src, dst, sp, dp, seq, ack, flags, data),
            )
        };
        let pkts = [
            frame(true, a, 0, SYN, b""),
            frame(false, b, a + 1, SYN | ACK, b""),
            frame(true, a + 1, b + 1, ACK, b""),
            frame(true, a + 1, b + 1, PSH | ACK, b"GET /\r\n"),
            frame(false, b + 1, a + 8, PSH | ACK, b"OK\r\n"),
            frame(true, a + 8, b + 5, FIN | ACK, b""),
            frame(false, b + 5, a + 9, FIN | ACK, b""),
            frame(true, a + 9, b + 6, ACK, b""),
        ];
        for p in pkts {
            t += 0.000_1;
            w.packet(t, &p)?;
            packets += 1;
        }
    }
    w.finish().flush()?;
    Ok(packets)
}
