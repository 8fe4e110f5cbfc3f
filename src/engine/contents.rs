//! `packet_contents` and `udp_contents`: payloads as scripts see them,
//! taken from the frame (the tracker keeps only what it analyzes).

use std::net::IpAddr;

use ahash::{AHashMap, AHashSet};

use super::lookup::{global, global_bool, global_set};
use super::packet_ctx::{At, PktCtx};
use super::Run;
use crate::eval::Interp;
use crate::packet::{ConnHandle, PacketInfo, Proto, Tracker};
use crate::runtime::value::Value;

/// Which UDP payloads `udp_contents` gets (Zeek's `udp_content_*`).
#[derive(Default)]
pub(super) struct UdpContents {
    ports: AHashSet<u16>,
    orig: AHashMap<u16, bool>,
    resp: AHashMap<u16, bool>,
    all_orig: bool,
    all_resp: bool,
    use_resp: bool,
}

impl UdpContents {
    pub(super) fn new(interp: &Interp) -> UdpContents {
        let udp_ports = |v: &Value| match v {
            Value::Port(p) if p.packet_proto() == Proto::Udp => Some(p.num as u16),
            _ => None,
        };
        let table = |name: &str| -> AHashMap<u16, bool> {
            match global(interp, name) {
                Some(Value::Table(t)) => t
                    .borrow()
                    .iter()
                    .filter_map(|(k, v)| udp_ports(k).map(|p| (p, v.as_bool())))
                    .collect(),
                _ => AHashMap::new(),
            }
        };
        UdpContents {
            ports: global_set(interp, "udp_content_ports")
                .iter()
                .filter_map(udp_ports)
                .collect(),
            orig: table("udp_content_delivery_ports_orig"),
            resp: table("udp_content_delivery_ports_resp"),
            all_orig: global_bool(interp, "udp_content_deliver_all_orig", false),
            all_resp: global_bool(interp, "udp_content_deliver_all_resp", false),
            use_resp: global_bool(interp, "udp_content_delivery_ports_use_resp", false),
        }
    }

    /// Zeek's UDP analyzer's choice.
    fn wanted(&self, sport: u16, dport: u16, conn_resp_p: u16, is_orig: bool) -> bool {
        if self.ports.contains(&dport) || self.ports.contains(&sport) {
            return true;
        }
        let p = if self.use_resp { conn_resp_p } else { dport };
        if is_orig {
            self.all_orig || self.orig.get(&p).copied().unwrap_or(false)
        } else {
            self.all_resp || self.resp.get(&p).copied().unwrap_or(false)
        }
    }
}

/// The IP payload of the packet `info` describes, found in its frame.
/// None for a packet put together from fragments, or if not found.
fn ip_payload<'a>(frame: &'a [u8], info: &PacketInfo) -> Option<&'a [u8]> {
    let ip = info.ip.as_ref()?;
    let (src, dst): (Vec<u8>, Vec<u8>) = match (ip.src, ip.dst) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (a.octets().to_vec(), b.octets().to_vec()),
        (IpAddr::V6(a), IpAddr::V6(b)) => (a.octets().to_vec(), b.octets().to_vec()),
        _ => return None,
    };
    let (ver, at) = if ip.v6 { (6, 8) } else { (4, 12) };
    let n = src.len();
    let start = (0..frame.len().min(128)).find(|&o| {
        frame.get(o).is_some_and(|b| b >> 4 == ver)
            && frame.get(o + at..o + at + n) == Some(&src[..])
            && frame.get(o + at + n..o + at + 2 * n) == Some(&dst[..])
    })?;
    if !ip.v6 {
        // The header found must be the whole datagram, not a fragment.
        let off = u16::from_be_bytes([frame[start + 6], frame[start + 7]]);
        if off & 0x3fff != 0 {
            return None;
        }
    }
    let total = if ip.v6 {
        40 + ip.len as usize
    } else {
        ip.len as usize
    };
    let end = (start + total).min(frame.len());
    frame.get(start + ip.hl as usize..end)
}

impl Run {
    /// `packet_contents(c, payload)`: the transport payload of a packet
    /// that has one.
    pub(super) fn packet_contents(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        raw: Option<(u32, &[u8])>,
        at: At,
    ) {
        let info = tr.last_packet();
        let Some(pl) = raw.and_then(|(_, frame)| ip_payload(frame, info)) else {
            return;
        };
        let data = if let Some(t) = &info.tcp {
            pl.get(t.hl as usize..)
        } else if info.udp.is_some() || info.icmp.is_some() {
            pl.get(8..)
        } else {
            Some(pl)
        };
        let Some(data) = data.filter(|d| !d.is_empty()) else {
            return;
        };
        let f = self.ev.packet_contents.clone();
        self.conn_event(interp, tr, f, h, at, vec![Value::str(data)]);
    }

    /// `udp_contents(u, is_orig, payload)` when Zeek's settings ask for it.
    pub(super) fn udp_contents(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        is_orig: bool,
        raw: Option<(u32, &[u8])>,
        during: Option<&PktCtx>,
    ) {
        let info = tr.last_packet();
        let (Some(u), Some(conn)) = (&info.udp, tr.conn(h)) else {
            return;
        };
        if !self
            .udp_contents
            .wanted(u.sport, u.dport, conn.id.resp_p, is_orig)
        {
            return;
        }
        let Some(pl) = raw.and_then(|(_, frame)| ip_payload(frame, info)) else {
            return;
        };
        let data = pl.get(8..).unwrap_or(&[]);
        let f = self.ev.udp_contents.clone();
        self.conn_event(
            interp,
            tr,
            f,
            h,
            At::during(during),
            vec![Value::Bool(is_orig), Value::str(data)],
        );
    }
}
