//! The per-packet header records scripts get (`pkt_hdr` for
//! `new_packet`, `raw_pkt_hdr` for `raw_packet`, `icmp_info` for the echo
//! events), built from what the decoder found, with the types and enum
//! constants looked up once.

use std::cell::RefCell;
use std::net::IpAddr;
use std::rc::Rc;

use super::lookup::enum_const;
use super::records::Shape;
use crate::eval::Interp;
use crate::packet::{linktype, IcmpInfo, L3Proto, LinkEncap, PacketInfo, Proto};
use crate::runtime::types::{EnumConst, TypeRef};
use crate::runtime::value::{Port, Value, VectorVal};

/// A port value as the packet's protocol numbers it.
pub(super) fn port(num: u16, proto: Proto) -> Value {
    Value::Port(Port::of_packet(num, proto))
}

/// A MAC address as Zeek prints it (`00:11:22:33:44:55`).
pub(super) fn mac(a: &[u8; 6]) -> Value {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = Vec::with_capacity(17);
    for (i, b) in a.iter().enumerate() {
        if i > 0 {
            s.push(b':');
        }
        s.push(HEX[(b >> 4) as usize]);
        s.push(HEX[(b & 15) as usize]);
    }
    Value::string(s)
}

/// Per-packet header records (`pkt_hdr`, `raw_pkt_hdr`, `icmp_info`).
pub(super) struct Headers {
    ip4: Option<Shape>,
    ip6: Option<Shape>,
    tcp: Option<Shape>,
    udp: Option<Shape>,
    icmp: Option<Shape>,
    pkt: Option<Shape>,
    l2: Option<Shape>,
    raw: Option<Shape>,
    icmp_info: Option<Shape>,
    link_ethernet: Option<Rc<EnumConst>>,
    link_unknown: Option<Rc<EnumConst>>,
    l3: [Option<Rc<EnumConst>>; 4],
    /// For `unknown_protocol`'s analyzer history.
    pub(super) string_vec: Option<TypeRef>,
}

impl Headers {
    pub(super) fn new(interp: &Interp) -> Headers {
        Headers {
            ip4: Shape::of(
                interp,
                "ip4_hdr",
                &[
                    "hl", "tos", "len", "id", "DF", "MF", "offset", "ttl", "p", "sum", "src", "dst",
                ],
            ),
            ip6: Shape::of(
                interp,
                "ip6_hdr",
                &["class", "flow", "len", "nxt", "hlim", "src", "dst", "exts"],
            ),
            tcp: Shape::of(
                interp,
                "tcp_hdr",
                &[
                    "sport", "dport", "seq", "ack", "hl", "dl", "reserved", "flags", "win",
                ],
            ),
            udp: Shape::of(interp, "udp_hdr", &["sport", "dport", "ulen"]),
            icmp: Shape::of(interp, "icmp_hdr", &["icmp_type"]),
            pkt: Shape::of(interp, "pkt_hdr", &["ip", "ip6", "tcp", "udp", "icmp"]),
            l2: Shape::of(
                interp,
                "l2_hdr",
                &[
                    "encap",
                    "len",
                    "cap_len",
                    "src",
                    "dst",
                    "vlan",
                    "vlan_pcp",
                    "vlan_dei",
                    "inner_vlan",
                    "inner_vlan_pcp",
                    "inner_vlan_dei",
                    "eth_type",
                    "proto",
                ],
            ),
            raw: Shape::of(
                interp,
                "raw_pkt_hdr",
                &["l2", "ip", "ip6", "tcp", "udp", "icmp"],
            ),
            icmp_info: Shape::of(interp, "icmp_info", &["v6", "itype", "icode", "len", "ttl"]),
            link_ethernet: enum_const(interp, "link_encap", "LINK_ETHERNET"),
            link_unknown: enum_const(interp, "link_encap", "LINK_UNKNOWN"),
            l3: [
                enum_const(interp, "layer3_proto", "L3_IPV4"),
                enum_const(interp, "layer3_proto", "L3_IPV6"),
                enum_const(interp, "layer3_proto", "L3_ARP"),
                enum_const(interp, "layer3_proto", "L3_UNKNOWN"),
            ],
            string_vec: interp.named_type("string_vec"),
        }
    }

    /// The `pkt_hdr` fields: ip or ip6, then tcp, udp or icmp.
    fn layers(&self, interp: &mut Interp, info: &PacketInfo) -> [Value; 5] {
        let mut out = [
            Value::Unset,
            Value::Unset,
            Value::Unset,
            Value::Unset,
            Value::Unset,
        ];
        if let Some(ip) = &info.ip {
            let addr = |a: &IpAddr| Value::addr(*a);
            if !ip.v6 {
                if let Some(s) = &self.ip4 {
                    out[0] = s.build(
                        interp,
                        vec![
                            Value::Count(ip.hl as u64),
                            Value::Count(ip.tos as u64),
                            Value::Count(ip.len as u64),
                            Value::Count(ip.id as u64),
                            Value::Bool(ip.df),
                            Value::Bool(ip.mf),
                            Value::Count(ip.offset as u64),
                            Value::Count(ip.ttl as u64),
                            Value::Count(ip.p as u64),
                            Value::Count(ip.sum as u64),
                            addr(&ip.src),
                            addr(&ip.dst),
                        ],
                    );
                }
            } else if let Some(s) = &self.ip6 {
                let exts = match s.field_type(7) {
                    Some(ty) => Value::Vector(Rc::new(RefCell::new(VectorVal {
                        ty,
                        items: Vec::new(),
                    }))),
                    None => Value::Unset,
                };
                out[1] = s.build(
                    interp,
                    vec![
                        Value::Count(ip.tos as u64),
                        Value::Count(ip.flow_label as u64),
                        Value::Count(ip.len as u64),
                        Value::Count(ip.p as u64),
                        Value::Count(ip.ttl as u64),
                        addr(&ip.src),
                        addr(&ip.dst),
                        exts,
                    ],
                );
            }
        }
        if let (Some(t), Some(s)) = (&info.tcp, &self.tcp) {
            out[2] = s.build(
                interp,
                vec![
                    port(t.sport, Proto::Tcp),
                    port(t.dport, Proto::Tcp),
                    Value::Count(t.seq as u64),
                    Value::Count(t.ack as u64),
                    Value::Count(t.hl as u64),
                    Value::Count(t.dl as u64),
                    Value::Count(t.reserved as u64),
                    Value::Count(t.flags as u64),
                    Value::Count(t.win as u64),
                ],
            );
        }
        if let (Some(u), Some(s)) = (&info.udp, &self.udp) {
            out[3] = s.build(
                interp,
                vec![
                    port(u.sport, Proto::Udp),
                    port(u.dport, Proto::Udp),
                    Value::Count(u.ulen as u64),
                ],
            );
        }
        if let (Some(i), Some(s)) = (&info.icmp, &self.icmp) {
            out[4] = s.build(interp, vec![Value::Count(i.itype as u64)]);
        }
        out
    }

    pub(super) fn pkt_hdr(&self, interp: &mut Interp, info: &PacketInfo) -> Value {
        let Some(s) = &self.pkt else {
            return Value::Unset;
        };
        let l = self.layers(interp, info);
        s.build(interp, l.to_vec())
    }

    pub(super) fn raw_pkt_hdr(
        &self,
        interp: &mut Interp,
        info: &PacketInfo,
        raw: Option<(u32, &[u8])>,
    ) -> Value {
        let Some(s) = &self.raw else {
            return Value::Unset;
        };
        let l2 = match &self.l2 {
            Some(l2s) => {
                let encap = match info.encap {
                    LinkEncap::Ethernet => self.link_ethernet.clone(),
                    _ => self.link_unknown.clone(),
                };
                let l3 = match info.l3 {
                    L3Proto::Ipv4 => &self.l3[0],
                    L3Proto::Ipv6 => &self.l3[1],
                    L3Proto::Arp => &self.l3[2],
                    L3Proto::Unknown => &self.l3[3],
                };
                let tags = raw.map(|(lt, d)| vlan_tags(lt, d)).unwrap_or_default();
                let opt_enum =
                    |e: &Option<Rc<EnumConst>>| e.clone().map(Value::Enum).unwrap_or(Value::Unset);
                let tag = |i: usize, k: usize| match tags.get(i) {
                    Some(t)
                        if i == 0 && info.vlan.is_some() || i == 1 && info.inner_vlan.is_some() =>
                    {
                        match k {
                            0 => Value::Count(t.0 as u64),
                            1 => Value::Count(t.1 as u64),
                            _ => Value::Bool(t.2),
                        }
                    }
                    _ => Value::Unset,
                };
                let vlan =
                    |v: Option<u16>| v.map(|x| Value::Count(x as u64)).unwrap_or(Value::Unset);
                l2s.build(
                    interp,
                    vec![
                        opt_enum(&encap),
                        Value::Count(info.wire_len as u64),
                        Value::Count(info.cap_len as u64),
                        info.l2_src.as_ref().map(mac).unwrap_or(Value::Unset),
                        info.l2_dst.as_ref().map(mac).unwrap_or(Value::Unset),
                        vlan(info.vlan),
                        tag(0, 1),
                        tag(0, 2),
                        vlan(info.inner_vlan),
                        tag(1, 1),
                        tag(1, 2),
                        info.eth_type
                            .map(|e| Value::Count(e as u64))
                            .unwrap_or(Value::Unset),
                        opt_enum(l3),
                    ],
                )
            }
            None => Value::Unset,
        };
        let [ip, ip6, tcp, udp, icmp] = self.layers(interp, info);
        s.build(interp, vec![l2, ip, ip6, tcp, udp, icmp])
    }

    pub(super) fn icmp_info(&self, interp: &mut Interp, i: &IcmpInfo) -> Value {
        match &self.icmp_info {
            Some(s) => s.build(
                interp,
                vec![
                    Value::Bool(i.v6),
                    Value::Count(i.itype as u64),
                    Value::Count(i.icode as u64),
                    Value::Count(i.len as u64),
                    Value::Count(i.ttl as u64),
                ],
            ),
            None => Value::Unset,
        }
    }
}

/// The 802.1Q tags of an Ethernet frame: (id, priority, drop eligible).
fn vlan_tags(lt: u32, d: &[u8]) -> Vec<(u16, u8, bool)> {
    let mut out = Vec::new();
    if lt != linktype::ETHERNET {
        return out;
    }
    let mut off = 12;
    while out.len() < 2 {
        let Some(b) = d.get(off..off + 4) else { break };
        let et = u16::from_be_bytes([b[0], b[1]]);
        if !matches!(et, 0x8100 | 0x88a8 | 0x9100) {
            break;
        }
        let tci = u16::from_be_bytes([b[2], b[3]]);
        out.push((tci & 0x0fff, (tci >> 13) as u8, tci & 0x1000 != 0));
        off += 4;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vlan_tag_fields() {
        let mut f = vec![0u8; 12];
        f.extend_from_slice(&[0x81, 0x00, 0xa0, 0x7b, 0x08, 0x00]);
        assert_eq!(vlan_tags(linktype::ETHERNET, &f), vec![(123, 5, false)]);
    }
}
