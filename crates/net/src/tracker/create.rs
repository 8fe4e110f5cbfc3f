//! A new connection: whether Zeek wants one for this packet (and with
//! which roles), its record, its place in the table and its first timers.

use std::net::IpAddr;

use super::config::EventMask;
use super::emit::Emit;
use super::events::ConnEvent;
use super::stats::proto_slot;
use super::table::Slot;
use super::timers::TimerKind;
use super::Tracker;
use crate::conn::{ConnHandle, ConnId, Connection, Proto, ProtoState, SizeLimits};
use crate::decode::{self, Ip};
use crate::key::Key;
use crate::tcp::{TcpConn, TH_ACK, TH_SYN};

impl Tracker {
    /// Makes the connection for a packet no connection has (`ports` as
    /// the packet has them), raising `new_connection`; its slot, or None
    /// when Zeek wants no connection for it.
    pub(super) fn new_conn(
        &mut self,
        t: f64,
        ip: &Ip,
        proto: Proto,
        (sp, dp): (u16, u16),
        key: Key,
        out: &mut Vec<ConnEvent>,
    ) -> Option<u32> {
        let flip = self.want_connection(proto, sp, dp, ip.payload)?;
        // Placed first and flipped there: a record is big, and each move
        // of it is a copy.
        let c = self.record(t, ip, proto, sp, dp, key);
        self.count_new(proto);
        let idx = self.place(c, &key);
        let h = ConnHandle {
            idx,
            gen: self.slots[idx as usize].gen,
        };
        let (c, mut em) = self.emit(h, out);
        let flipped = flip && !is_broadcast(&c.id.resp_h);
        if flipped {
            c.flip_roles();
        }
        arm_first_timers(c, &mut em, proto);
        // Connection::FlipRoles raises connection_flipped, also for a flip
        // at creation (before new_connection).
        if flipped {
            em.opt(EventMask::FLIPPED, ConnEvent::ConnectionFlipped(h));
        }
        em.ev(ConnEvent::NewConnection(h));
        Some(idx)
    }

    /// Zeek's WantConnection: None for no connection, else whether the
    /// roles flip (the packet likely comes from the server).
    #[inline]
    fn want_connection(&self, proto: Proto, sp: u16, dp: u16, p: &[u8]) -> Option<bool> {
        let likely = |port: u16| self.cfg.likely_server_ports.contains(&(port, proto));
        let mut flip = false;
        match proto {
            Proto::Tcp => {
                let flags = p[13];
                if flags & TH_SYN == 0 || flags & TH_ACK != 0 {
                    if !self.cfg.partial_connection_ok {
                        return None;
                    }
                    if flags & TH_SYN != 0 && !self.cfg.tcp_syn_ack_ok {
                        return None;
                    }
                    if likely(sp) {
                        flip = if likely(dp) {
                            flags & TH_SYN == 0 && sp < dp
                        } else {
                            true
                        };
                    }
                }
            }
            Proto::Udp => flip = likely(sp) && !likely(dp),
            _ => {}
        }
        Some(flip)
    }

    /// The new connection's record, roles as the packet has them.
    #[inline]
    fn record(&mut self, t: f64, ip: &Ip, proto: Proto, sp: u16, dp: u16, key: Key) -> Connection {
        let mut c = Connection {
            id: ConnId {
                orig_h: decode::to_ipaddr(&ip.src),
                orig_p: sp,
                resp_h: decode::to_ipaddr(&ip.dst),
                resp_p: dp,
                proto,
                ip_proto: ip.next_proto,
            },
            start_time: t,
            last_time: t,
            history: compact_str::CompactString::const_new(""),
            vlan: self.info.vlan.filter(|&v| v != 0),
            inner_vlan: self.info.inner_vlan.filter(|&v| v != 0),
            orig_l2: self.info.l2_src,
            resp_l2: self.info.l2_dst,
            orig_flow_label: ip.flow_label,
            resp_flow_label: 0,
            orig_pkts: 0,
            orig_ip_bytes: 0,
            resp_pkts: 0,
            resp_ip_bytes: 0,
            saw_first_orig: true,
            saw_first_resp: false,
            hist_seen: 0,
            services: 0,
            did_weird: false,
            state: match proto {
                Proto::Tcp => ProtoState::Tcp(Box::new(TcpConn::new())),
                Proto::Udp | Proto::Icmp => ProtoState::Datagram {
                    req: -1,
                    rep: -1,
                    chk: [(0, 1), (0, 1)],
                },
                Proto::Unknown => ProtoState::Other,
            },
            inactivity_timeout: 0.0,
            inact_timer_at: f64::INFINITY,
            inact_epoch: 0,
            analyzer_epoch: 0,
            serial: self.serial,
            key,
            removed: false,
            flips: 0,
            limits: None,
        };
        if self.cfg.events.has(EventMask::GENERIC_THRESHOLD)
            && !self.cfg.generic_packet_thresholds.is_empty()
        {
            let mut l = SizeLimits::default();
            l.next_generic(&self.cfg.generic_packet_thresholds);
            c.limits = Some(Box::new(l));
        }
        c
    }

    /// Counts a new connection of `proto`.
    #[inline]
    fn count_new(&mut self, proto: Proto) {
        self.serial += 1;
        self.stats.connections += 1;
        match proto {
            Proto::Tcp => self.stats.tcp += 1,
            Proto::Udp => self.stats.udp += 1,
            Proto::Icmp => self.stats.icmp += 1,
            Proto::Unknown => self.stats.other += 1,
        }
        if let Some(k) = proto_slot(proto) {
            self.stats.current[k] += 1;
            self.stats.max[k] = self.stats.max[k].max(self.stats.current[k]);
        }
    }

    /// Puts `c` in a free slot (or a new one) and indexes it by `key`.
    #[inline]
    fn place(&mut self, c: Connection, key: &Key) -> u32 {
        let idx = match self.free.pop() {
            Some(i) => {
                self.slots[i as usize].conn = Some(c);
                i
            }
            None => {
                self.slots.push(Slot {
                    gen: 0,
                    conn: Some(c),
                });
                (self.slots.len() - 1) as u32
            }
        };
        self.table.insert(&self.slots, key, idx);
        idx
    }
}

/// A new connection's timers: the inactivity timeout of its protocol
/// (TCP starts with UDP's until the handshake is done) and TCP's expire
/// timer after the SYN timeout.
#[inline]
fn arm_first_timers(c: &mut Connection, em: &mut Emit, proto: Proto) {
    let cfg = em.cfg;
    let timeout = match proto {
        Proto::Tcp => {
            let at = em.net_time + cfg.tcp_syn_timeout;
            em.timer(c, at, TimerKind::TcpExpire);
            cfg.udp_inactivity_timeout
        }
        Proto::Udp => cfg.udp_inactivity_timeout,
        Proto::Icmp => cfg.icmp_inactivity_timeout,
        Proto::Unknown => cfg.unknown_ip_inactivity_timeout,
    };
    em.set_inactivity(c, timeout);
}

fn is_broadcast(a: &IpAddr) -> bool {
    matches!(a, IpAddr::V4(v) if v.is_broadcast())
}
