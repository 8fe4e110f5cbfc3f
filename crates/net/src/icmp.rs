//! ICMP message bodies as Zeek's ICMP analyzer reads them: the packet an
//! error message quotes ([`IcmpContext`]), IPv6 neighbor discovery
//! options ([`NdOption`]) and MLDv2 multicast address records
//! ([`MldRecord`]).
//!
//! Plain functions over the bytes after the 8-byte ICMP header, as much
//! of them as was captured. They never index past what they are given:
//! a truncated or malformed body gives what Zeek gives for it (a context
//! marked `bad_hdr_len`, the options read so far, a weird named through
//! the callback) and never a panic.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::cksum;
use crate::conn::Proto;
use crate::decode::to_ipaddr;
use crate::key::icmp_counterpart;

/// Zeek's `icmp_context`: the packet an ICMP error message quotes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IcmpContext {
    /// The quoted packet's addresses and ports (`id`).
    pub src: IpAddr,
    pub sport: u16,
    pub dst: IpAddr,
    pub dport: u16,
    /// The ports' protocol, and the context's `proto` (Zeek's
    /// `TransportProto`: 0 unknown, 1 TCP, 2 UDP, 3 ICMP).
    pub proto: Proto,
    /// `id$proto`: the protocol of the message quoting the packet (1 for
    /// ICMP, 58 for ICMPv6), as Zeek fills it in.
    pub ip_proto: u8,
    /// The quoted packet's IP length (header included).
    pub len: u32,
    pub frag_offset: u32,
    pub bad_hdr_len: bool,
    pub bad_checksum: bool,
    pub mf: bool,
    pub df: bool,
}

impl IcmpContext {
    /// What Zeek reports when not even a whole IP header is quoted: the
    /// unspecified address, no ports, and `bad_hdr_len`.
    fn truncated(ip_proto: u8) -> IcmpContext {
        IcmpContext {
            src: IpAddr::V6(Ipv6Addr::UNSPECIFIED),
            sport: 0,
            dst: IpAddr::V6(Ipv6Addr::UNSPECIFIED),
            dport: 0,
            proto: Proto::Unknown,
            ip_proto,
            len: 0,
            frag_offset: 0,
            bad_hdr_len: true,
            bad_checksum: false,
            mf: false,
            df: false,
        }
    }
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// An address from 16 bytes (`b` has at least 16); v4-mapped ones are
/// IPv4, as Zeek's addresses are.
fn addr16(b: &[u8]) -> IpAddr {
    let mut a = [0u8; 16];
    a.copy_from_slice(&b[..16]);
    to_ipaddr(&a)
}

/// The ports of the quoted transport header `t` (at least 4 bytes) of IP
/// protocol `ip_p`. For a quoted ICMP message Zeek byte-swaps the type
/// and its counterpart (`ntohs` of a one-byte value) on the little-endian
/// machines it runs on: an echo request shows as `2048/icmp`. So do we.
fn transport(cx: &mut IcmpContext, ip_p: u8, t: &[u8], v6: bool) {
    match ip_p {
        1 | 58 => {
            cx.proto = Proto::Icmp;
            cx.sport = u16::from(t[0]).swap_bytes();
            cx.dport = u16::from(icmp_counterpart(v6, t[0], t[1]).0).swap_bytes();
        }
        6 | 17 => {
            cx.proto = if ip_p == 6 { Proto::Tcp } else { Proto::Udp };
            cx.sport = be16(t);
            cx.dport = be16(&t[2..]);
        }
        _ => {
            cx.proto = Proto::Unknown;
            cx.sport = 0;
            cx.dport = 0;
        }
    }
}

/// The context of an ICMPv4 error: `b` should start with the quoted IPv4
/// header (it is read as one whatever its version says).
pub fn context4(b: &[u8]) -> IcmpContext {
    if b.len() < 20 {
        return IcmpContext::truncated(1);
    }
    let hl = usize::from(b[0] & 0x0f) * 4;
    let bad_hdr_len = hl > b.len();
    let off = be16(&b[6..]);
    let mut cx = IcmpContext {
        src: IpAddr::V4(Ipv4Addr::new(b[12], b[13], b[14], b[15])),
        sport: 0,
        dst: IpAddr::V4(Ipv4Addr::new(b[16], b[17], b[18], b[19])),
        dport: 0,
        proto: Proto::Unknown,
        ip_proto: 1,
        len: u32::from(be16(&b[2..])),
        frag_offset: u32::from(off & 0x1fff) * 8,
        bad_hdr_len,
        bad_checksum: !bad_hdr_len && !cksum::valid(&b[..hl]),
        mf: off & 0x2000 != 0,
        df: off & 0x4000 != 0,
    };
    if b.len() >= hl + 4 {
        transport(&mut cx, b[9], &b[hl..], false);
    } else {
        // Both ports must be there.
        cx.bad_hdr_len = true;
    }
    cx
}

/// Whether IPv6 next-header `t` is an extension header Zeek walks.
fn ext_header(t: u8) -> bool {
    matches!(t, 0 | 43 | 60 | 44 | 51 | 50 | 135)
}

/// The context of an ICMPv6 error (or of a redirect's quoted header): `b`
/// should start with the quoted IPv6 header. The extension headers are
/// walked as far as they were quoted in full; a routing header or a home
/// address option names the addresses, as for any IPv6 packet.
pub fn context6(b: &[u8]) -> IcmpContext {
    if b.len() < 40 {
        return IcmpContext::truncated(58);
    }
    let mut home: Option<IpAddr> = None;
    let mut final_dst: Option<IpAddr> = None;
    // The last header taken: its type, next header and offset.
    let mut last = (41u8, b[6], 0usize);
    let mut cur = 41u8;
    let mut off = 0usize;
    loop {
        let left = b.len() - off;
        if left < 2 {
            break;
        }
        let (next, len) = match cur {
            41 => (b[off + 6], 40),
            0 | 43 | 60 | 135 => (b[off], 8 + 8 * usize::from(b[off + 1])),
            44 => (b[off], 8),
            51 => (b[off], 8 + 4 * usize::from(b[off + 1])),
            // ESP: what follows is encrypted.
            _ => (59, 8),
        };
        if len > left {
            break;
        }
        let h = &b[off..off + len];
        if cur == 43 && final_dst.is_none() {
            final_dst = routing_destination(h);
        }
        if cur == 60 {
            home_address(h, &mut home);
        }
        last = (cur, next, off);
        off += len;
        if matches!(cur, 44 | 50 | 135) || !ext_header(next) {
            break;
        }
        cur = next;
    }
    let (last_type, next_proto, last_off) = last;
    let (frag_offset, mf) = if last_type == 44 {
        let offlg = be16(&b[last_off + 2..]);
        (u32::from(offlg & 0xfff8), offlg & 1 != 0)
    } else {
        (0, false)
    };
    let mut cx = IcmpContext {
        src: home.unwrap_or_else(|| addr16(&b[8..])),
        sport: 0,
        dst: final_dst.unwrap_or_else(|| addr16(&b[24..])),
        dport: 0,
        proto: Proto::Unknown,
        ip_proto: 58,
        len: u32::from(be16(&b[4..])) + 40,
        frag_offset,
        bad_hdr_len: false,
        // IPv6 has no header checksum.
        bad_checksum: false,
        mf,
        df: false,
    };
    if b.len() >= off + 4 {
        transport(&mut cx, next_proto, &b[off..], true);
    } else {
        cx.bad_hdr_len = true;
    }
    cx
}

/// The final destination a routing header `h` names, if any: type 0 with
/// segments left and an even length, type 2 (Mobile IPv6) of length 2.
fn routing_destination(h: &[u8]) -> Option<IpAddr> {
    let (hlen, rtype, segleft) = (h[1], h[2], h[3]);
    let named = match rtype {
        0 => segleft > 0 && hlen >= 2 && hlen % 2 == 0,
        2 => segleft > 0 && hlen == 2,
        _ => false,
    };
    // Both lengths make the header at least 24 bytes.
    named.then(|| addr16(&h[h.len() - 16..]))
}

/// The first home address option (Mobile IPv6) of destination options `h`.
fn home_address(h: &[u8], home: &mut Option<IpAddr>) {
    let mut p = 2;
    while p < h.len() {
        if h[p] == 0 {
            // Pad1.
            p += 1;
            continue;
        }
        let left = h.len() - p;
        if left < 2 || left < 2 + usize::from(h[p + 1]) {
            break;
        }
        let olen = usize::from(h[p + 1]);
        if h[p] == 201 && olen == 16 && home.is_none() {
            *home = Some(addr16(&h[p + 2..]));
        }
        p += 2 + olen;
    }
}

/// The prefix information option of neighbor discovery.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NdPrefix {
    pub prefix_len: u8,
    pub l_flag: bool,
    pub a_flag: bool,
    /// Seconds.
    pub valid_lifetime: u32,
    /// Seconds.
    pub preferred_lifetime: u32,
    pub prefix: IpAddr,
}

/// What a neighbor discovery option carries, where Zeek decodes it.
#[derive(Debug, Clone, PartialEq)]
pub enum NdValue {
    /// Source or target link-layer address (types 1 and 2).
    LinkAddress(Vec<u8>),
    /// Prefix information (type 3).
    Prefix(NdPrefix),
    /// The header a redirect quotes (type 4).
    Redirect(IcmpContext),
    /// MTU (type 5).
    Mtu(u32),
    /// Any other option, or one of the above not captured in full: its
    /// bytes after type and length.
    Payload(Vec<u8>),
}

/// Zeek's `icmp6_nd_option`.
#[derive(Debug, Clone, PartialEq)]
pub struct NdOption {
    pub otype: u8,
    /// In units of 8 bytes, type and length included.
    pub len: u8,
    pub value: NdValue,
}

/// The neighbor discovery options in `b`, read as Zeek reads them: up to
/// the end of the bytes, a truncated option header or a zero length
/// (those two with a weird).
pub fn nd_options(mut b: &[u8], mut weird: impl FnMut(&'static str)) -> Vec<NdOption> {
    let mut out = Vec::new();
    while !b.is_empty() {
        if b.len() < 2 {
            weird("truncated_ICMPv6_ND_options");
            break;
        }
        let (otype, olen) = (b[0], b[1]);
        if olen == 0 {
            weird("zero_length_ICMPv6_ND_option");
            break;
        }
        // Bytes after type and length.
        let length = usize::from(olen) * 8 - 2;
        b = &b[2..];
        let cap = b.len();
        let value = match otype {
            1 | 2 if cap >= length => NdValue::LinkAddress(b[..length].to_vec()),
            // Zeek reads the prefix's fixed 30 bytes whatever the
            // option's length says.
            3 if cap >= 30 => NdValue::Prefix(NdPrefix {
                prefix_len: b[0],
                l_flag: b[1] & 0x80 != 0,
                a_flag: b[1] & 0x40 != 0,
                valid_lifetime: be32(&b[2..]),
                preferred_lifetime: be32(&b[6..]),
                prefix: addr16(&b[14..]),
            }),
            // Six reserved bytes, then the quoted packet.
            4 if cap >= length => NdValue::Redirect(context6(&b[6..length])),
            5 if cap >= 6 => NdValue::Mtu(be32(&b[2..])),
            _ => NdValue::Payload(b[..length.min(cap)].to_vec()),
        };
        out.push(NdOption {
            otype,
            len: olen,
            value,
        });
        b = b.get(length..).unwrap_or(&[]);
    }
    out
}

/// Zeek's `icmp6_mldv2_mar`: a multicast address record of an MLDv2
/// report.
#[derive(Debug, Clone, PartialEq)]
pub struct MldRecord {
    /// `icmp6_mldv2_group_type`'s value.
    pub group_type: u8,
    /// Bytes of auxiliary data.
    pub aux_len: u32,
    pub num_sources: u16,
    pub addr: IpAddr,
    pub sources: Vec<IpAddr>,
    /// Present when `aux_len` is not 0.
    pub aux: Option<Vec<u8>>,
}

/// The `count` records (the count is the header's) of an MLDv2 report
/// body `b`. None when the body cannot hold that many records (the
/// report is then not raised); otherwise the records read until one is
/// truncated. With `build` false nothing is allocated: the records are
/// only checked, for the weirds.
pub fn mld_v2(
    count: u16,
    b: &[u8],
    build: bool,
    mut weird: impl FnMut(&'static str),
) -> Option<Vec<MldRecord>> {
    if b.len() < usize::from(count) * 20 {
        weird("truncated_ICMPv6_MLDv2");
        return None;
    }
    let mut out = Vec::new();
    if build {
        out.reserve(usize::from(count).min(32));
    }
    let mut p = 0usize;
    for _ in 0..count {
        let left = b.len() - p;
        if left == 0 {
            break;
        }
        if left < 4 {
            weird("truncated_ICMPv6_MLDv2_record");
            break;
        }
        let group_type = b[p];
        let aux_len = usize::from(b[p + 1]) * 4;
        let num_sources = be16(&b[p + 2..]);
        p += 4;
        if b.len() - p < 16 + usize::from(num_sources) * 16 + aux_len {
            weird("truncated_ICMPv6_MLDv2_record");
            break;
        }
        let start = p;
        p += 16 + usize::from(num_sources) * 16 + aux_len;
        if !build {
            continue;
        }
        let addr = addr16(&b[start..]);
        let sources = (0..usize::from(num_sources))
            .map(|k| addr16(&b[start + 16 + 16 * k..]))
            .collect();
        let aux_at = start + 16 + usize::from(num_sources) * 16;
        out.push(MldRecord {
            group_type,
            aux_len: aux_len as u32,
            num_sources,
            addr,
            sources,
            aux: (aux_len > 0).then(|| b[aux_at..aux_at + aux_len].to_vec()),
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An IPv4 header (valid checksum) of `len` total bytes quoting
    /// protocol `p`, and 8 bytes of its transport header.
    fn quoted4(p: u8, t: [u8; 8]) -> Vec<u8> {
        let mut h = vec![
            0x45, 0, 0, 60, 0x12, 0x34, 0x40, 0, 64, p, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
        ];
        let s = cksum::compute(&h, 0);
        h[10..12].copy_from_slice(&s.to_be_bytes());
        h.extend_from_slice(&t);
        h
    }

    #[test]
    fn ipv4_context_of_udp() {
        let b = quoted4(17, [0x30, 0x39, 0, 53, 0, 8, 0, 0]);
        let cx = context4(&b);
        assert_eq!(cx.src.to_string(), "10.0.0.1");
        assert_eq!(cx.dst.to_string(), "10.0.0.2");
        assert_eq!((cx.sport, cx.dport, cx.proto), (12345, 53, Proto::Udp));
        assert_eq!((cx.len, cx.frag_offset, cx.ip_proto), (60, 0, 1));
        assert!(!cx.bad_hdr_len && !cx.bad_checksum && cx.df && !cx.mf);
    }

    #[test]
    fn ipv4_context_quirks() {
        // An echo request quoted: its type byte-swapped, as Zeek shows it.
        let cx = context4(&quoted4(1, [8, 0, 0, 0, 0, 0, 0, 0]));
        assert_eq!((cx.sport, cx.dport, cx.proto), (2048, 0, Proto::Icmp));
        // Just the header: no ports, bad_hdr_len.
        let mut b = quoted4(6, [0; 8]);
        b.truncate(22);
        let cx = context4(&b);
        assert_eq!(
            (cx.proto, cx.sport, cx.bad_hdr_len),
            (Proto::Unknown, 0, true)
        );
        assert!(!cx.bad_checksum);
        // A wrong checksum.
        let mut b = quoted4(6, [0; 8]);
        b[10] ^= 1;
        assert!(context4(&b).bad_checksum);
        // Less than a header: nothing but bad_hdr_len.
        let cx = context4(&b[..19]);
        assert_eq!(cx, IcmpContext::truncated(1));
        assert_eq!(cx.src.to_string(), "::");
    }

    fn quoted6(nh: u8, plen: u16, rest: &[u8]) -> Vec<u8> {
        let mut h = vec![0x60, 0, 0, 0];
        h.extend_from_slice(&plen.to_be_bytes());
        h.push(nh);
        h.push(64);
        h.extend_from_slice(&[0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        h.extend_from_slice(&[0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        h.extend_from_slice(rest);
        h
    }

    #[test]
    fn ipv6_context_through_a_fragment_header() {
        let mut rest = vec![6, 0, 0x05, 0x01, 0, 0, 0, 9];
        rest.extend_from_slice(&[0x1f, 0x90, 0x00, 0x50]);
        let cx = context6(&quoted6(44, 100, &rest));
        assert_eq!((cx.sport, cx.dport, cx.proto), (8080, 80, Proto::Tcp));
        assert_eq!(
            (cx.len, cx.frag_offset, cx.mf, cx.df),
            (140, 0x500, true, false)
        );
        assert!(!cx.bad_hdr_len);
        // The fragment header cut short: the chain stops at the IPv6
        // header, whose next header (44) has no ports.
        let cx = context6(&quoted6(44, 100, &rest[..6]));
        assert_eq!(
            (cx.proto, cx.frag_offset, cx.bad_hdr_len),
            (Proto::Unknown, 0, false)
        );
        let cx = context6(&quoted6(17, 100, &[0, 1]));
        assert!(cx.bad_hdr_len);
        assert_eq!(context6(&[0x60; 39]), IcmpContext::truncated(58));
    }

    #[test]
    fn nd_options_as_zeek_reads_them() {
        let mut b = vec![1, 1, 0, 1, 2, 3, 4, 5];
        b.extend_from_slice(&[5, 1, 0, 0, 0, 0, 5, 220]);
        b.extend_from_slice(&[99, 1, 9, 9, 9, 9, 9, 9]);
        b.extend_from_slice(&[2, 1, 7]);
        let mut weirds = Vec::new();
        let o = nd_options(&b, |w| weirds.push(w));
        assert_eq!(o.len(), 4);
        assert_eq!(o[0].value, NdValue::LinkAddress(vec![0, 1, 2, 3, 4, 5]));
        assert_eq!(o[1].value, NdValue::Mtu(1500));
        assert_eq!(o[2].value, NdValue::Payload(vec![9; 6]));
        assert_eq!(o[3].value, NdValue::Payload(vec![7]));
        assert!(weirds.is_empty());
        let o = nd_options(&[1, 0, 1, 1], |w| weirds.push(w));
        assert!(o.is_empty());
        nd_options(&[3], |w| weirds.push(w));
        assert_eq!(
            weirds,
            [
                "zero_length_ICMPv6_ND_option",
                "truncated_ICMPv6_ND_options"
            ]
        );
    }

    #[test]
    fn mld_v2_records() {
        let mut b = vec![4, 1, 0, 1];
        b.extend_from_slice(&[0xff; 16]);
        b.extend_from_slice(&[0x20; 16]);
        b.extend_from_slice(&[1, 2, 3, 4]);
        let r = mld_v2(1, &b, true, |_| panic!("no weird")).unwrap();
        assert_eq!(r[0].group_type, 4);
        assert_eq!((r[0].aux_len, r[0].num_sources), (4, 1));
        assert_eq!(r[0].sources.len(), 1);
        assert_eq!(r[0].aux.as_deref(), Some(&[1u8, 2, 3, 4][..]));
        let mut w = Vec::new();
        assert!(mld_v2(3, &b, true, |x| w.push(x)).is_none());
        assert_eq!(mld_v2(1, &b[..39], false, |x| w.push(x)), Some(vec![]));
        assert_eq!(
            w,
            ["truncated_ICMPv6_MLDv2", "truncated_ICMPv6_MLDv2_record"]
        );
    }

    /// Every parser on every prefix of patterned bytes: no panic.
    #[test]
    fn malformed_bodies_never_panic() {
        let patterns: [fn(usize) -> u8; 5] = [
            |_| 0,
            |_| 0xff,
            |i| i as u8,
            |i| (i as u8).wrapping_mul(37).wrapping_add(11),
            |i| [0x60, 0x45, 44, 43, 60, 1, 2, 3, 4, 201, 16][i % 11],
        ];
        for pat in patterns {
            let full: Vec<u8> = (0..200).map(pat).collect();
            for n in 0..=full.len() {
                for start in [0usize, 1, 6] {
                    let b = &full[start.min(n)..n];
                    let _ = context4(b);
                    let _ = context6(b);
                    let _ = nd_options(b, |_| {});
                    for count in [0u16, 1, 3, 0xffff] {
                        let _ = mld_v2(count, b, true, |_| {});
                    }
                }
            }
        }
    }
}
