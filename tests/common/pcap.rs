//! Builders for the packets and capture files tests write themselves:
//! IPv4/IPv6 with TCP, UDP and ICMP, Ethernet and VLAN frames, and pcap
//! and pcapng files around them.

use rzeek::packet::cksum;

pub const C4: [u8; 4] = [10, 0, 0, 1];
pub const S4: [u8; 4] = [10, 0, 0, 2];
pub const SYN: u8 = 0x02;
pub const ACK: u8 = 0x10;
pub const FIN: u8 = 0x01;
pub const RST: u8 = 0x04;
pub const PSH: u8 = 0x08;

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

pub fn ipv4(src: [u8; 4], dst: [u8; 4], proto: u8, payload: &[u8]) -> Vec<u8> {
    ipv4_full(src, dst, proto, 1, 0x4000, payload)
}

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
    let mut s = Vec::new();
    s.extend_from_slice(&sp.to_be_bytes());
    s.extend_from_slice(&dp.to_be_bytes());
    s.extend_from_slice(&seq.to_be_bytes());
    s.extend_from_slice(&ack.to_be_bytes());
    s.extend_from_slice(&[0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    s.extend_from_slice(data);
    let sum = l4_sum(src, dst, v6, 6, &s);
    s[16..18].copy_from_slice(&sum.to_be_bytes());
    s
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

pub fn icmp4(src: [u8; 4], dst: [u8; 4], typ: u8, id: u16, seq: u16, data: &[u8]) -> Vec<u8> {
    let mut m = vec![typ, 0, 0, 0];
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(data);
    let sum = cksum::compute(&m, 0);
    m[2..4].copy_from_slice(&sum.to_be_bytes());
    ipv4(src, dst, 1, &m)
}

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

pub fn eth(ethertype: u16, payload: &[u8]) -> Vec<u8> {
    let mut f = vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    f.extend_from_slice(&ethertype.to_be_bytes());
    f.extend_from_slice(payload);
    f
}

pub fn eth4(ip: &[u8]) -> Vec<u8> {
    eth(0x0800, ip)
}

pub fn vlan_tags(tags: &[(u16, u16)], inner_type: u16, payload: &[u8]) -> Vec<u8> {
    // tags: (tpid, vid)
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

// ---------- file writers ----------

pub fn pcap(lt: u32, pkts: &[(f64, Vec<u8>)], nano: bool, be: bool) -> Vec<u8> {
    let w32 = |v: u32| if be { v.to_be_bytes() } else { v.to_le_bytes() };
    let w16 = |v: u16| if be { v.to_be_bytes() } else { v.to_le_bytes() };
    let mut out = Vec::new();
    out.extend_from_slice(&w32(if nano { 0xa1b23c4d } else { 0xa1b2c3d4 }));
    out.extend_from_slice(&w16(2));
    out.extend_from_slice(&w16(4));
    out.extend_from_slice(&w32(0));
    out.extend_from_slice(&w32(0));
    out.extend_from_slice(&w32(65535));
    out.extend_from_slice(&w32(lt));
    for (t, d) in pkts {
        let sec = t.floor();
        let frac = if nano {
            ((t - sec) * 1e9).round() as u32
        } else {
            ((t - sec) * 1e6).round() as u32
        };
        out.extend_from_slice(&w32(sec as u32));
        out.extend_from_slice(&w32(frac));
        out.extend_from_slice(&w32(d.len() as u32));
        out.extend_from_slice(&w32(d.len() as u32));
        out.extend_from_slice(d);
    }
    out
}

pub fn pcapng(lt: u16, pkts: &[(f64, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let block = |out: &mut Vec<u8>, ty: u32, body: &[u8]| {
        let mut b = body.to_vec();
        while !b.len().is_multiple_of(4) {
            b.push(0);
        }
        let len = (12 + b.len()) as u32;
        out.extend_from_slice(&ty.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&b);
        out.extend_from_slice(&len.to_le_bytes());
    };
    let mut shb = Vec::new();
    shb.extend_from_slice(&0x1a2b3c4du32.to_le_bytes());
    shb.extend_from_slice(&1u16.to_le_bytes());
    shb.extend_from_slice(&0u16.to_le_bytes());
    shb.extend_from_slice(&(-1i64).to_le_bytes());
    block(&mut out, 0x0a0d0d0a, &shb);
    let mut idb = Vec::new();
    idb.extend_from_slice(&lt.to_le_bytes());
    idb.extend_from_slice(&0u16.to_le_bytes());
    idb.extend_from_slice(&65535u32.to_le_bytes());
    // if_tsresol = 9 (nanoseconds), then end of options
    idb.extend_from_slice(&[9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0]);
    block(&mut out, 1, &idb);
    for (t, d) in pkts {
        let ns = t.floor() as u64 * 1_000_000_000 + ((t - t.floor()) * 1e9).round() as u64;
        let mut epb = Vec::new();
        epb.extend_from_slice(&0u32.to_le_bytes());
        epb.extend_from_slice(&((ns >> 32) as u32).to_le_bytes());
        epb.extend_from_slice(&(ns as u32).to_le_bytes());
        epb.extend_from_slice(&(d.len() as u32).to_le_bytes());
        epb.extend_from_slice(&(d.len() as u32).to_le_bytes());
        epb.extend_from_slice(d);
        block(&mut out, 6, &epb);
    }
    out
}
