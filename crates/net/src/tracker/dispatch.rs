//! From a raw packet to a connection: link layer, IP (with fragment
//! reassembly), the transport header, the connection key, and the hand-off
//! to the protocol's session logic.
//!
//! Every step here runs for every packet, so the steps are small and
//! marked `#[inline]`: the split is for reading, not for the call graph.

use super::config::EventMask;
use super::events::{ConnEvent, WeirdScope};
use super::{icmp, tcp, thresholds, udp, Tracker};
use crate::conn::{ConnHandle, Proto};
use crate::decode::{self, IcmpFields, Ip, Link, TcpFields, UdpFields};
use crate::key::{icmp_counterpart, make_key};
use crate::reader::RawPacket;

impl Tracker {
    /// Runs timers and then the packet: what Zeek does per packet.
    pub fn packet(&mut self, pkt: &RawPacket, out: &mut Vec<ConnEvent>) {
        self.advance(pkt.time(), out);
        self.dispatch_inner(pkt, out);
    }

    /// Decodes and analyzes one packet (timers must have been advanced).
    pub fn dispatch(&mut self, pkt: &RawPacket, out: &mut Vec<ConnEvent>) {
        self.release();
        self.dispatch_inner(pkt, out);
    }

    #[inline]
    fn dispatch_inner(&mut self, pkt: &RawPacket, out: &mut Vec<ConnEvent>) {
        self.stats.packets += 1;
        let t = pkt.time();
        self.info = decode::PacketInfo {
            time: t,
            wire_len: pkt.wire_len,
            cap_len: pkt.cap_len(),
            ..Default::default()
        };
        let link = decode::link(pkt, &mut self.info);
        if self.cfg.events.has(EventMask::RAW_PACKET) {
            out.push(ConnEvent::RawPacket);
        }
        match link {
            Link::Ip(off) => {
                let d = pkt.data.get(off..).unwrap_or(&[]);
                let wire_left = pkt.wire_len.saturating_sub(off as u32);
                self.ip_packet(t, d, wire_left, false, out);
            }
            Link::Skipped { unprocessed } => {
                if unprocessed {
                    self.stats.unprocessed += 1;
                }
            }
            Link::Ignored => {
                if self.info.l3 != decode::L3Proto::Arp {
                    self.stats.unprocessed += 1;
                }
            }
            Link::Unknown {
                analyzer,
                protocol,
                offset,
            } => {
                self.stats.unprocessed += 1;
                if self.cfg.events.has(EventMask::UNKNOWN_PROTOCOL) {
                    let fb = pkt.data.get(offset..).unwrap_or(&[]);
                    out.push(ConnEvent::UnknownProtocol {
                        analyzer,
                        protocol,
                        first_bytes: fb[..fb.len().min(10)].to_vec(),
                    });
                }
            }
            Link::Weird(name) => {
                self.stats.unprocessed += 1;
                out.push(ConnEvent::dropping_weird(name, WeirdScope::Net))
            }
        }
    }

    /// An IP packet (or a datagram reassembled from fragments).
    fn ip_packet(
        &mut self,
        t: f64,
        d: &[u8],
        wire_left: u32,
        reassembled: bool,
        out: &mut Vec<ConnEvent>,
    ) {
        // Read in place: moving the parsed header out of the result cost
        // two copies of it per packet.
        let parsed = decode::ip(d, wire_left, self.cfg.ignore_checksums, reassembled);
        let ip = match &parsed {
            Ok(ip) => ip,
            Err(w) => {
                self.stats.unprocessed += 1;
                let scope = match w.flow {
                    Some((s, d)) => WeirdScope::Flow {
                        src: decode::to_ipaddr(&s),
                        dst: decode::to_ipaddr(&d),
                    },
                    None => WeirdScope::Net,
                };
                out.push(ConnEvent::dropping_weird(w.name, scope));
                return;
            }
        };
        self.info.l3 = if ip.v6 {
            decode::L3Proto::Ipv6
        } else {
            decode::L3Proto::Ipv4
        };
        self.info.ip = Some(ip.fields);
        if ip.is_frag && self.fragment(t, ip, d, out) {
            return;
        }
        match ip.next_proto {
            6 => self.transport(t, ip, Proto::Tcp, 20, out),
            17 => self.transport(t, ip, Proto::Udp, 8, out),
            1 | 58 => self.transport(t, ip, Proto::Icmp, 8, out),
            59 => out.push(ConnEvent::dropping_weird("ipv6_no_next", flow(ip))),
            // Tunnels, ESP and mobility headers: not analyzed here.
            4 | 41 | 47 | 50 | 135 => {}
            _ if self.cfg.track_unknown_ip => self.transport(t, ip, Proto::Unknown, 0, out),
            _ => {}
        }
    }

    /// A fragment: held for reassembly, and the datagram analyzed once
    /// complete. Whether the fragment was taken (false: a first fragment
    /// captured only in part goes on to be analyzed as it is).
    fn fragment(&mut self, t: f64, ip: &Ip, d: &[u8], out: &mut Vec<ConnEvent>) -> bool {
        if (d.len() as u32) < ip.total_len {
            let first = ip.frag_off == 0;
            out.push(ConnEvent::Weird {
                name: "incompletely_captured_fragment",
                addl: String::new(),
                scope: flow(ip),
                drops_packet: !first,
                history_after: false,
            });
            return !first;
        }
        let mut buf = std::mem::take(&mut self.frag_buf);
        let done = {
            let mut w = |name: &'static str| out.push(ConnEvent::weird(name, flow(ip)));
            self.frags.add(t, ip, &mut buf, &mut w)
        };
        self.stats.fragments = self.frags.len() as u64;
        self.stats.max_fragments = self.stats.max_fragments.max(self.stats.fragments);
        if !done {
            // Analysis of a datagram waits for its last fragment.
            self.stats.unprocessed += 1;
        }
        if done {
            self.stats.fragments_reassembled += 1;
            let n = buf.len() as u32;
            self.ip_packet(t, &buf, n, true, out);
        }
        self.frag_buf = buf;
        true
    }

    /// A transport segment: find (or make) its connection and give it the
    /// packet. `min_hdr` is the protocol's fixed header length.
    #[inline]
    fn transport(&mut self, t: f64, ip: &Ip, proto: Proto, min_hdr: u32, out: &mut Vec<ConnEvent>) {
        if !header_fits(ip, min_hdr, out) {
            return;
        }
        let p = ip.payload;
        let (sp, dp, one_way) = ports(ip, proto);
        self.note_transport_fields(ip, proto, sp, dp);
        let vlans = if self.cfg.vlan_in_key {
            (
                self.info.vlan.unwrap_or(0),
                self.info.inner_vlan.unwrap_or(0),
            )
        } else {
            (0, 0)
        };
        let key = make_key(&ip.src, sp, &ip.dst, dp, ip.next_proto, one_way, vlans);

        let mut idx = self.table.get(&self.slots, &key);
        if let Some(i) = idx {
            if proto == Proto::Tcp && self.tcp_is_reuse(i, t, p, out) {
                let h = ConnHandle {
                    idx: i,
                    gen: self.slots[i as usize].gen,
                };
                if self.cfg.events.has(EventMask::REUSED) {
                    out.push(ConnEvent::ConnectionReused(h));
                }
                self.remove(i, out);
                idx = None;
            }
        }
        let idx = match idx {
            Some(i) => i,
            None => match self.new_conn(t, ip, proto, (sp, dp), key, out) {
                Some(i) => i,
                None => return,
            },
        };
        self.deliver(idx, t, ip, proto, sp, out);
    }

    /// The transport header's fields as `pkt_hdr` shows them.
    #[inline]
    fn note_transport_fields(&mut self, ip: &Ip, proto: Proto, sp: u16, dp: u16) {
        let p = ip.payload;
        let payload_len = ip.total_len - ip.hdr_len;
        match proto {
            Proto::Tcp => {
                self.info.tcp = Some(TcpFields {
                    sport: sp,
                    dport: dp,
                    seq: u32::from_be_bytes([p[4], p[5], p[6], p[7]]),
                    ack: u32::from_be_bytes([p[8], p[9], p[10], p[11]]),
                    hl: ((p[12] >> 4) as u32) * 4,
                    dl: payload_len.saturating_sub(((p[12] >> 4) as u32) * 4),
                    reserved: p[12] & 0x0f,
                    flags: p[13],
                    win: u16::from_be_bytes([p[14], p[15]]),
                })
            }
            Proto::Udp => {
                self.info.udp = Some(UdpFields {
                    sport: sp,
                    dport: dp,
                    ulen: u16::from_be_bytes([p[4], p[5]]),
                })
            }
            Proto::Icmp => {
                self.info.icmp = Some(IcmpFields {
                    itype: p[0],
                    icode: p[1],
                })
            }
            Proto::Unknown => {}
        }
    }

    /// The packet to its connection (in slot `idx`): which direction it
    /// goes, then the protocol's session logic.
    #[inline]
    fn deliver(
        &mut self,
        idx: u32,
        t: f64,
        ip: &Ip,
        proto: Proto,
        sp: u16,
        out: &mut Vec<ConnEvent>,
    ) {
        let h = ConnHandle {
            idx,
            gen: self.slots[idx as usize].gen,
        };
        let ev_new_packet = self.cfg.events.has(EventMask::NEW_PACKET);
        let (c, mut em) = self.emit(h, out);
        let is_orig = decode::to_ipaddr(&ip.src) == c.id.orig_h && sp == c.id.orig_p;
        // Connection::CheckFlowLabel
        let fl = if is_orig {
            &mut c.orig_flow_label
        } else {
            &mut c.resp_flow_label
        };
        if *fl != ip.flow_label {
            *fl = ip.flow_label;
        }
        if is_orig {
            c.saw_first_orig = true;
        } else {
            c.saw_first_resp = true;
        }
        if ev_new_packet {
            em.ev(ConnEvent::NewPacket(h));
        }
        match proto {
            Proto::Tcp => tcp::deliver(c, &mut em, is_orig, ip, t),
            Proto::Udp => udp::deliver(c, &mut em, is_orig, ip, t),
            Proto::Icmp => icmp::deliver(c, &mut em, is_orig, ip, t),
            Proto::Unknown => {
                c.last_time = t;
                thresholds::count_packet(c, &mut em, is_orig, ip);
            }
        }
    }
}

/// The weird scope of a packet's addresses. Made only for a weird: most
/// packets have none, and the two addresses are a copy worth skipping.
fn flow(ip: &Ip) -> WeirdScope {
    WeirdScope::Flow {
        src: ip.fields.src,
        dst: ip.fields.dst,
    }
}

/// Whether the transport header (`min_hdr` bytes) is there, in the IP
/// length and in the capture; a weird that drops the packet if not.
#[inline]
fn header_fits(ip: &Ip, min_hdr: u32, out: &mut Vec<ConnEvent>) -> bool {
    let payload_len = ip.total_len - ip.hdr_len;
    if payload_len != 0 && payload_len < min_hdr {
        out.push(ConnEvent::dropping_weird("truncated_header", flow(ip)));
        return false;
    } else if (ip.payload.len() as u32) < min_hdr {
        out.push(ConnEvent::dropping_weird(
            "internally_truncated_header",
            flow(ip),
        ));
        return false;
    }
    true
}

/// The ports of the connection key: TCP and UDP ports; for ICMP the type
/// and its counterpart (or the code), and whether the message is one-way.
#[inline]
fn ports(ip: &Ip, proto: Proto) -> (u16, u16, bool) {
    let p = ip.payload;
    match proto {
        Proto::Tcp | Proto::Udp => (
            u16::from_be_bytes([p[0], p[1]]),
            u16::from_be_bytes([p[2], p[3]]),
            false,
        ),
        Proto::Icmp => {
            let (cp, ow) = icmp_counterpart(ip.next_proto == 58, p[0], p[1]);
            (p[0] as u16, cp as u16, ow)
        }
        Proto::Unknown => (0, 0, false),
    }
}
