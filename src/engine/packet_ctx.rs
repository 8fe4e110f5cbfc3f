//! When an event takes the connection record. Zeek fills the record in
//! as an event is queued, part way through its processing of a packet:
//! events raised before the connection's first packet is analyzed see
//! nothing counted, those raised while a packet is analyzed see its
//! packet and bytes not counted yet.

use std::net::IpAddr;

use crate::packet::{Connection, PacketInfo};

/// The packet being delivered, to tell the events raised while Zeek's
/// analyzers still work on it: those see the connection's packet and byte
/// counts without it (Zeek's conn-size analyzer comes last).
#[derive(Clone, Copy)]
pub(super) struct PktCtx {
    src: IpAddr,
    dst: IpAddr,
    sport: u16,
    dport: u16,
    /// ICMP: no ports to compare.
    icmp: bool,
    /// What the packet adds to its sender's `num_bytes_ip`.
    pub(super) ip_len: u64,
}

impl PktCtx {
    pub(super) fn of(info: &PacketInfo) -> Option<PktCtx> {
        let ip = info.ip.as_ref()?;
        let (sport, dport) = match (&info.tcp, &info.udp) {
            (Some(t), _) => (t.sport, t.dport),
            (_, Some(u)) => (u.sport, u.dport),
            _ => (0, 0),
        };
        let ip_len = if ip.v6 {
            ip.len as u64 + 40
        } else {
            ip.len as u64
        };
        Some(PktCtx {
            src: ip.src,
            dst: ip.dst,
            sport,
            dport,
            icmp: info.icmp.is_some(),
            ip_len,
        })
    }

    /// Whether the packet went from the connection's originator (`Some(true)`),
    /// from its responder, or does not belong to it.
    pub(super) fn direction(&self, conn: &Connection) -> Option<bool> {
        let id = &conn.id;
        let fwd = self.src == id.orig_h && self.dst == id.resp_h;
        let rev = self.src == id.resp_h && self.dst == id.orig_h;
        if self.icmp {
            return if fwd {
                Some(true)
            } else if rev {
                Some(false)
            } else {
                None
            };
        }
        if fwd && self.sport == id.orig_p && self.dport == id.resp_p {
            Some(true)
        } else if rev && self.sport == id.resp_p && self.dport == id.orig_p {
            Some(false)
        } else {
            None
        }
    }
}

/// When, in Zeek's processing, an event takes the connection record.
#[derive(Clone, Copy)]
pub(super) enum At<'a> {
    /// Before the connection's first packet is analyzed.
    Creation,
    /// While a packet is analyzed (its own packet and bytes not counted).
    During(&'a PktCtx),
    /// With everything counted.
    Now,
}

impl<'a> At<'a> {
    pub(super) fn during(p: Option<&'a PktCtx>) -> At<'a> {
        p.map_or(At::Now, At::During)
    }
}
