//! Link-layer and IP decoding, with Zeek's checks and weird names.
//!
//! Hand-written rather than built on a general packet crate: every check
//! here mirrors one in Zeek's packet analyzers (which weird it raises, and
//! whether the packet goes on), and the hot path must not allocate.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::cksum;
use super::reader::{linktype, RawPacket};

/// The link encapsulation of a packet (Zeek's `link_encap`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkEncap {
    #[default]
    Ethernet,
    Ppp,
    Unknown,
}

/// Layer-3 protocol (Zeek's `layer3_proto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum L3Proto {
    Ipv4,
    Ipv6,
    Arp,
    #[default]
    Unknown,
}

/// Decoded header fields of the current packet: what Zeek puts into
/// `raw_pkt_hdr` / `pkt_hdr`. Plain data, copied per packet, no allocation.
#[derive(Debug, Clone, Copy, Default)]
pub struct PacketInfo {
    pub time: f64,
    pub encap: LinkEncap,
    pub wire_len: u32,
    pub cap_len: u32,
    pub l2_src: Option<[u8; 6]>,
    pub l2_dst: Option<[u8; 6]>,
    /// Outer and inner 802.1Q/802.1ad tag (0 = none), as Zeek's vlan/inner_vlan.
    pub vlan: Option<u16>,
    pub inner_vlan: Option<u16>,
    pub eth_type: Option<u16>,
    pub l3: L3Proto,
    pub ip: Option<IpFields>,
    pub tcp: Option<TcpFields>,
    pub udp: Option<UdpFields>,
    pub icmp: Option<IcmpFields>,
}

/// IPv4 (`ip4_hdr`) or IPv6 (`ip6_hdr`) header fields.
#[derive(Debug, Clone, Copy)]
pub struct IpFields {
    pub v6: bool,
    /// v4: header length; v6: 40 plus extension headers.
    pub hl: u32,
    /// v4: TOS; v6: traffic class.
    pub tos: u8,
    /// v4: total length; v6: payload length field.
    pub len: u32,
    pub id: u32,
    pub df: bool,
    pub mf: bool,
    /// Fragment offset in bytes.
    pub offset: u32,
    /// TTL / hop limit.
    pub ttl: u8,
    /// Protocol field of the fixed header (v6: first next-header).
    pub p: u8,
    /// The transport protocol after any extension headers.
    pub next_proto: u8,
    pub sum: u16,
    pub flow_label: u32,
    pub src: IpAddr,
    pub dst: IpAddr,
}

#[derive(Debug, Clone, Copy)]
pub struct TcpFields {
    pub sport: u16,
    pub dport: u16,
    pub seq: u32,
    pub ack: u32,
    pub hl: u32,
    pub dl: u32,
    pub reserved: u8,
    pub flags: u8,
    pub win: u16,
}

#[derive(Debug, Clone, Copy)]
pub struct UdpFields {
    pub sport: u16,
    pub dport: u16,
    pub ulen: u16,
}

#[derive(Debug, Clone, Copy)]
pub struct IcmpFields {
    pub itype: u8,
    pub icode: u8,
}

/// What the link layer found.
pub(crate) enum Link {
    /// An IP packet starts at this offset.
    Ip(usize),
    /// ARP and other layer-2 protocols Zeek handles without connections.
    Ignored,
    /// No analyzer for this protocol: Zeek's `unknown_protocol`.
    Unknown {
        analyzer: &'static str,
        protocol: u32,
        offset: usize,
    },
    /// Malformed: a net weird.
    Weird(&'static str),
    /// Taken by an analyzer that has nothing to pass on (an 802.11 frame
    /// that is not data, or is encrypted); `unprocessed` tells which.
    Skipped { unprocessed: bool },
}

fn mac(b: &[u8]) -> [u8; 6] {
    [b[0], b[1], b[2], b[3], b[4], b[5]]
}

/// Decodes the link layer of `pkt`, filling the layer-2 part of `info`.
pub(crate) fn link(pkt: &RawPacket, info: &mut PacketInfo) -> Link {
    let d = pkt.data;
    match pkt.linktype {
        linktype::ETHERNET => ethernet(d, 0, info),
        linktype::RAW
        | linktype::RAW_BSD12
        | linktype::RAW_BSD14
        | linktype::IPV4
        | linktype::IPV6 => {
            info.encap = LinkEncap::Unknown;
            Link::Ip(0)
        }
        linktype::NULL | linktype::LOOP => {
            info.encap = LinkEncap::Unknown;
            if d.len() <= 4 {
                return Link::Weird("null_analyzer_failed");
            }
            let le = u32::from_le_bytes([d[0], d[1], d[2], d[3]]);
            let be = u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
            let fam = if pkt.linktype == linktype::LOOP {
                be
            } else {
                le
            };
            match fam {
                2 | 24 | 28 | 30 => Link::Ip(4),
                _ if matches!(be, 2 | 24 | 28 | 30) => Link::Ip(4),
                _ => Link::Unknown {
                    analyzer: "NULL",
                    protocol: fam,
                    offset: 4,
                },
            }
        }
        linktype::LINUX_SLL => {
            info.encap = LinkEncap::Unknown;
            if d.len() <= 16 {
                return Link::Weird("truncated_Linux_SLL_header");
            }
            let alen = (u16::from_be_bytes([d[4], d[5]]) as usize).min(8);
            if alen >= 6 {
                info.l2_src = Some(mac(&d[6..12]));
            }
            ethertype(d, u16::from_be_bytes([d[14], d[15]]), 16, "LINUXSLL", info)
        }
        linktype::LINUX_SLL2 => {
            info.encap = LinkEncap::Unknown;
            if d.len() <= 20 {
                return Link::Weird("truncated_Linux_SLL2_header");
            }
            let alen = (d[11] as usize).min(8);
            if alen >= 6 {
                info.l2_src = Some(mac(&d[12..18]));
            }
            ethertype(d, u16::from_be_bytes([d[0], d[1]]), 20, "LINUXSLL2", info)
        }
        linktype::IEEE802_11 => {
            info.encap = LinkEncap::Unknown;
            ieee802_11(d, 0, info)
        }
        linktype::IEEE802_11_RADIO => {
            info.encap = LinkEncap::Unknown;
            if d.len() < 4 {
                return Link::Weird("truncated_radiotap_header");
            }
            let hl = u16::from_le_bytes([d[2], d[3]]) as usize;
            if hl > d.len() {
                return Link::Weird("truncated_radiotap_header");
            }
            ieee802_11(d, hl, info)
        }
        linktype::PPP_SERIAL => {
            info.encap = LinkEncap::Ppp;
            if d.len() < 4 {
                return Link::Weird("truncated_link_header");
            }
            ppp_proto(u16::from_be_bytes([d[2], d[3]]), 4, "PPP_SERIAL")
        }
        other => Link::Unknown {
            analyzer: "ROOT",
            protocol: other,
            offset: 0,
        },
    }
}

/// An 802.11 frame at `off`: data frames carry an LLC/SNAP header and
/// then an ethertype; A-MSDU frames carry the first of their subframes.
fn ieee802_11(d: &[u8], off: usize, info: &mut PacketInfo) -> Link {
    let d = &d[off.min(d.len())..];
    let len = d.len();
    let mut hl = 24;
    if hl >= len {
        return Link::Weird("truncated_802_11_header");
    }
    let fc = d[0];
    // Management and control frames, and data subtypes without data.
    if (fc >> 2) & 0x02 == 0 || (fc >> 4) & 0x04 != 0 {
        return Link::Skipped { unprocessed: true };
    }
    let ds = d[1] & 0x03;
    if ds == 0x03 {
        hl += 6;
    }
    if hl >= len {
        return Link::Weird("truncated_802_11_header");
    }
    let mut amsdu = false;
    if (fc >> 4) & 0x08 != 0 {
        // QoS data: a two-byte QoS control field.
        amsdu = d[hl] & 0x80 != 0;
        if d[1] & 0x40 != 0 {
            // Protected: nothing to read.
            return Link::Skipped { unprocessed: false };
        }
        hl += 2;
    }
    if hl >= len {
        return Link::Weird("truncated_802_11_header");
    }
    let (src, dst) = match ds {
        0 => (10, 4),
        1 => (10, 16),
        2 => (16, 4),
        _ => (24, 16),
    };
    info.l2_src = Some(mac(&d[src..src + 6]));
    info.l2_dst = Some(mac(&d[dst..dst + 6]));
    let mut at = hl;
    if amsdu {
        // The first subframe: a 14-byte header, then its LLC.
        if len - at < 14 {
            return Link::Weird("truncated_802_11_amsdu_header");
        }
        let sub = u16::from_be_bytes([d[at + 12], d[at + 13]]) as usize;
        if len - at < sub + 14 {
            return Link::Weird("truncated_802_11_amsdu_packet");
        }
        at += 14;
    }
    if len - at < 8 {
        return Link::Weird("truncated_802_11_llc_header");
    }
    if d[at..at + 6] != [0xaa, 0xaa, 0x03, 0, 0, 0] {
        return Link::Skipped { unprocessed: true };
    }
    let proto = u16::from_be_bytes([d[at + 6], d[at + 7]]);
    info.eth_type = Some(proto);
    ethertype(d, proto, at + 8, "IEEE802_11", info).shifted(off)
}

impl Link {
    /// The same result with offsets counted from `off` bytes earlier.
    fn shifted(self, off: usize) -> Link {
        match self {
            Link::Ip(o) => Link::Ip(o + off),
            Link::Unknown {
                analyzer,
                protocol,
                offset,
            } => Link::Unknown {
                analyzer,
                protocol,
                offset: offset + off,
            },
            other => other,
        }
    }
}

fn ethernet(d: &[u8], mut off: usize, info: &mut PacketInfo) -> Link {
    info.encap = LinkEncap::Ethernet;
    if d.len() <= off + 16 {
        return Link::Weird("truncated_ethernet_frame");
    }
    // Cisco FabricPath: skip to the encapsulated Ethernet frame.
    if d[off + 12] == 0x89 && d[off + 13] == 0x03 {
        if off + 16 + 14 >= d.len() {
            return Link::Weird("truncated_link_header_cfp");
        }
        off += 16;
    }
    info.l2_dst = Some(mac(&d[off..off + 6]));
    info.l2_src = Some(mac(&d[off + 6..off + 12]));
    let proto = u16::from_be_bytes([d[off + 12], d[off + 13]]);
    info.eth_type = Some(proto);
    if proto >= 1536 {
        return ethertype(d, proto, off + 14, "ETHERNET", info);
    }
    if proto <= 1500 {
        // 802.3 / LLC / SNAP / Novell: no connections come from these.
        return Link::Ignored;
    }
    Link::Weird("undefined_ether_type")
}

fn ethertype(
    d: &[u8],
    proto: u16,
    off: usize,
    analyzer: &'static str,
    info: &mut PacketInfo,
) -> Link {
    match proto {
        0x0800 | 0x86dd => {
            info.l3 = if proto == 0x0800 {
                L3Proto::Ipv4
            } else {
                L3Proto::Ipv6
            };
            Link::Ip(off)
        }
        0x0806 | 0x8035 => {
            info.l3 = L3Proto::Arp;
            Link::Ignored
        }
        0x8100 | 0x88a8 | 0x9100 => vlan(d, off, info),
        0x8847 => mpls(d, off),
        0x8864 => pppoe(d, off),
        _ => Link::Unknown {
            analyzer,
            protocol: proto as u32,
            offset: off,
        },
    }
}

fn vlan(d: &[u8], off: usize, info: &mut PacketInfo) -> Link {
    if d.len() <= off + 4 {
        return Link::Weird("truncated_VLAN_header");
    }
    let id = u16::from_be_bytes([d[off], d[off + 1]]) & 0xfff;
    if info.vlan.is_none() {
        info.vlan = Some(id);
    } else {
        info.inner_vlan = Some(id);
    }
    let proto = u16::from_be_bytes([d[off + 2], d[off + 3]]);
    if proto >= 1536 {
        info.eth_type = Some(proto);
        return ethertype(d, proto, off + 4, "VLAN", info);
    }
    if proto <= 1500 {
        return Link::Ignored;
    }
    Link::Weird("undefined_vlan_protocol")
}

fn mpls(d: &[u8], mut off: usize) -> Link {
    loop {
        if d.len() < off + 4 {
            return Link::Weird("truncated_link_header");
        }
        let bottom = d[off + 2] & 0x01 != 0;
        off += 4;
        if bottom {
            break;
        }
    }
    match d.get(off).map(|b| b >> 4) {
        Some(4) | Some(6) => Link::Ip(off),
        Some(_) => Link::Weird("no_ip_in_mpls_payload"),
        None => Link::Weird("truncated_link_header"),
    }
}

fn pppoe(d: &[u8], off: usize) -> Link {
    if d.len() < off + 8 {
        return Link::Weird("truncated_pppoe_header");
    }
    ppp_proto(
        u16::from_be_bytes([d[off + 6], d[off + 7]]),
        off + 8,
        "PPPOE",
    )
}

fn ppp_proto(proto: u16, off: usize, analyzer: &'static str) -> Link {
    match proto {
        0x0021 | 0x0057 => Link::Ip(off),
        _ => Link::Unknown {
            analyzer,
            protocol: proto as u32,
            offset: off,
        },
    }
}

/// Where a malformed-IP weird is reported: with or without the addresses.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IpWeird {
    pub name: &'static str,
    /// Set once the header was valid enough to give addresses (flow weird).
    pub flow: Option<([u8; 16], [u8; 16])>,
}

/// A parsed IP header. `payload` is the captured part of the IP payload
/// (never beyond the IP total length, so link padding is dropped).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ip<'a> {
    pub v6: bool,
    pub src: [u8; 16],
    pub dst: [u8; 16],
    pub next_proto: u8,
    pub hdr_len: u32,
    pub total_len: u32,
    pub payload: &'a [u8],
    pub flow_label: u32,
    /// v4 id or v6 fragment id.
    pub frag_id: u32,
    /// Fragment offset in bytes.
    pub frag_off: u32,
    pub mf: bool,
    pub df: bool,
    pub is_frag: bool,
    /// v6 fragments: bytes of the fixed header plus extension headers that
    /// precede the fragment header, and where its next-header byte lives.
    pub unfrag_len: u32,
    pub prev_nh_pos: u32,
    /// The whole captured IP packet (header first).
    pub bytes: &'a [u8],
    pub fields: IpFields,
}

impl Ip<'_> {
    /// Whether a transport segment (`seg`, header included) of protocol
    /// `proto` carried in this packet has a valid checksum.
    pub(crate) fn transport_checksum_ok(&self, proto: u8, seg: &[u8]) -> bool {
        let acc = cksum::pseudo(&self.src, &self.dst, self.v6, proto, seg.len() as u32);
        cksum::fold(cksum::sum(seg, acc)) == 0xffff
    }
}

pub(crate) fn v4_mapped(b: &[u8]) -> [u8; 16] {
    let mut a = [0u8; 16];
    a[10] = 0xff;
    a[11] = 0xff;
    a[12..].copy_from_slice(&b[..4]);
    a
}

/// Zeek's address from 16 bytes: v4-mapped addresses are IPv4.
pub fn to_ipaddr(a: &[u8; 16]) -> IpAddr {
    if a[..10].iter().all(|&b| b == 0) && a[10] == 0xff && a[11] == 0xff {
        IpAddr::V4(Ipv4Addr::new(a[12], a[13], a[14], a[15]))
    } else {
        IpAddr::V6(Ipv6Addr::from(*a))
    }
}

/// Parses and checks an IP packet as Zeek's IP analyzer does. `wire_left`
/// is the on-wire length remaining at this offset (for `truncated_IP_len`).
/// `reassembled` packets skip the checksum and fragment checks.
pub(crate) fn ip<'a>(
    d: &'a [u8],
    wire_left: u32,
    ignore_checksums: bool,
    reassembled: bool,
) -> Result<Ip<'a>, IpWeird> {
    let net = |name| Err(IpWeird { name, flow: None });
    if d.len() < 20 {
        return net("truncated_IP");
    }
    match d[0] >> 4 {
        4 => ipv4(d, wire_left, ignore_checksums, reassembled),
        6 => {
            if d.len() < 40 {
                return net("truncated_IP");
            }
            ipv6(d, wire_left)
        }
        _ => net("unknown_ip_version"),
    }
}

fn ipv4<'a>(
    d: &'a [u8],
    wire_left: u32,
    ignore_checksums: bool,
    reassembled: bool,
) -> Result<Ip<'a>, IpWeird> {
    let net = |name| Err(IpWeird { name, flow: None });
    let hl = ((d[0] & 0x0f) as u32) * 4;
    let mut total = u16::from_be_bytes([d[2], d[3]]) as u32;
    if total == 0 {
        // TSO can zero the length; Zeek reports it and goes on only under -C.
        if !ignore_checksums {
            return net("ip_hdr_len_zero");
        }
        total = d.len() as u32;
    }
    if wire_left < total {
        return net("truncated_IP_len");
    }
    if hl > total {
        return net("invalid_IP_header_size");
    }
    if hl as usize > d.len() {
        return net("internally_truncated_header");
    }
    if hl < 20 {
        return net("IPv4_min_header_size");
    }
    let src = v4_mapped(&d[12..16]);
    let dst = v4_mapped(&d[16..20]);
    if !ignore_checksums && !reassembled && !cksum::valid(&d[..hl as usize]) {
        return Err(IpWeird {
            name: "bad_IP_checksum",
            flow: Some((src, dst)),
        });
    }
    let off_field = u16::from_be_bytes([d[6], d[7]]);
    let frag_off = ((off_field & 0x1fff) as u32) * 8;
    let mf = off_field & 0x2000 != 0;
    let df = off_field & 0x4000 != 0;
    let end = (total as usize).min(d.len());
    let fields = IpFields {
        v6: false,
        hl,
        tos: d[1],
        len: total,
        id: u16::from_be_bytes([d[4], d[5]]) as u32,
        df,
        mf,
        offset: frag_off,
        ttl: d[8],
        p: d[9],
        next_proto: d[9],
        sum: u16::from_be_bytes([d[10], d[11]]),
        flow_label: 0,
        src: to_ipaddr(&src),
        dst: to_ipaddr(&dst),
    };
    Ok(Ip {
        v6: false,
        src,
        dst,
        next_proto: d[9],
        hdr_len: hl,
        total_len: total,
        payload: &d[hl as usize..end.max(hl as usize)],
        flow_label: 0,
        frag_id: fields.id,
        frag_off,
        mf,
        df,
        is_frag: !reassembled && (off_field & 0x3fff) != 0,
        unfrag_len: hl,
        prev_nh_pos: 9,
        bytes: &d[..end.max(hl as usize)],
        fields,
    })
}

fn ipv6<'a>(d: &'a [u8], wire_left: u32) -> Result<Ip<'a>, IpWeird> {
    let plen = u16::from_be_bytes([d[4], d[5]]) as u32;
    let mut src = [0u8; 16];
    let mut dst = [0u8; 16];
    src.copy_from_slice(&d[8..24]);
    dst.copy_from_slice(&d[24..40]);
    // The total length counts the fixed header, so it is never zero.
    let total = plen + 40;
    if wire_left < total {
        return Err(IpWeird {
            name: "truncated_IP_len",
            flow: None,
        });
    }
    let flow = |name| {
        Err(IpWeird {
            name,
            flow: Some((src, dst)),
        })
    };
    // Walk the extension header chain (within the captured bytes).
    let avail = (total as usize).min(d.len());
    let mut nh = d[6];
    let mut prev_nh_pos = 6usize;
    let mut off = 40usize;
    let mut frag: Option<(u32, u32, bool)> = None;
    let mut unfrag_len = 0u32;
    let mut final_dst = dst;
    while matches!(nh, 0 | 43 | 60 | 51 | 44) {
        if off + 2 > avail {
            return flow("truncated_IP");
        }
        let len = match nh {
            44 => 8,
            51 => (d[off + 1] as usize + 2) * 4,
            _ => (d[off + 1] as usize + 1) * 8,
        };
        if off + len > avail {
            return flow("truncated_IP");
        }
        if nh == 43 {
            // Routing: type 0 (segments) and 2 (home address) name the final
            // destination, which Zeek uses for the connection.
            let rtype = d[off + 2];
            let segleft = d[off + 3];
            if segleft > 0 && (rtype == 0 || rtype == 2) && len >= 24 {
                let last = off + len - 16;
                final_dst.copy_from_slice(&d[last..last + 16]);
            }
        }
        if nh == 44 {
            let fo = u16::from_be_bytes([d[off + 2], d[off + 3]]);
            let id = u32::from_be_bytes([d[off + 4], d[off + 5], d[off + 6], d[off + 7]]);
            frag = Some(((fo & 0xfff8) as u32, id, fo & 1 != 0));
            unfrag_len = off as u32;
            let next = d[off];
            off += len;
            nh = next;
            // The rest belongs to the fragmented payload.
            break;
        }
        prev_nh_pos = off;
        nh = d[off];
        off += len;
    }
    let hdr_len = off as u32;
    if hdr_len > total {
        return flow("invalid_IP_header_size");
    }
    let (frag_off, frag_id, mf) = frag.unwrap_or((0, 0, false));
    let flow_label = u32::from_be_bytes([0, d[1] & 0x0f, d[2], d[3]]);
    let fields = IpFields {
        v6: true,
        hl: hdr_len,
        tos: ((d[0] & 0x0f) << 4) | (d[1] >> 4),
        len: plen,
        id: frag_id,
        df: false,
        mf,
        offset: frag_off,
        ttl: d[7],
        p: d[6],
        next_proto: nh,
        sum: 0,
        flow_label,
        src: to_ipaddr(&src),
        dst: to_ipaddr(&final_dst),
    };
    Ok(Ip {
        v6: true,
        src,
        dst: final_dst,
        next_proto: nh,
        hdr_len,
        total_len: total,
        payload: &d[off.min(avail)..avail],
        flow_label,
        frag_id,
        frag_off,
        mf,
        df: false,
        is_frag: frag.is_some(),
        unfrag_len,
        prev_nh_pos: prev_nh_pos as u32,
        bytes: &d[..avail],
        fields,
    })
}
