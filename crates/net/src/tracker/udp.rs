//! UDP's session logic (Zeek's UDP analyzer): checksum, length check,
//! service recognition on the payload, history and request/reply sizes.

use super::config::EventMask;
use super::emit::Emit;
use super::events::ConnEvent;
use super::thresholds::count_packet;
use crate::conn::{Connection, ProtoState};
use crate::decode::Ip;
use crate::service;

/// A UDP packet of connection `c`, sent by the originator or not.
pub(super) fn deliver(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip, t: f64) {
    let data = ip.payload;
    let mut len = (ip.total_len - ip.hdr_len) as usize;
    if len == 0 {
        len = data.len();
    }
    let remaining = data.len();
    count_packet(c, em, is_orig, ip);
    if !em.cfg.ignore_checksums && remaining >= len && !checksum_ok(ip, &data[..len]) {
        bad_checksum(c, em, is_orig);
        return;
    }
    let ulen = u16::from_be_bytes([data[4], data[5]]) as i64;
    if ulen != len as i64 {
        em.weird_addl(
            c,
            "UDP_datagram_length_mismatch",
            format!("{} != {}", ulen, len),
        );
    }
    c.last_time = t;
    let plen = ulen - 8;
    if let Some(payload) = data.get(8..len.min(remaining)) {
        let ports = (c.id.orig_p, c.id.resp_p);
        c.services = service::udp_payload(c.services, ports, payload);
    }
    let h = em.h;
    if is_orig {
        c.check_history(0x1, b'D');
    } else {
        c.check_history(0x2, b'd');
    }
    if let ProtoState::Datagram { req, rep, .. } = &mut c.state {
        let v = if is_orig { req } else { rep };
        *v = if *v < 0 { plen } else { *v + plen };
    }
    if is_orig {
        em.opt(EventMask::UDP_REQUEST, ConnEvent::UdpRequest(h));
    } else {
        em.opt(EventMask::UDP_REPLY, ConnEvent::UdpReply(h));
    }
}

/// The datagram's checksum (`seg`: header and payload); over IPv4 a
/// checksum of zero means none.
fn checksum_ok(ip: &Ip, seg: &[u8]) -> bool {
    let sum = u16::from_be_bytes([seg[6], seg[7]]);
    (!ip.v6 && sum == 0) || ip.transport_checksum_ok(17, seg)
}

/// `bad_UDP_checksum`, with `C`/`c` in the history at the 1st, 10th,
/// 100th ... bad checksum of the direction (after the weird, in Zeek).
fn bad_checksum(c: &mut Connection, em: &mut Emit, is_orig: bool) {
    let mut added = false;
    if let ProtoState::Datagram { chk, .. } = &mut c.state {
        let i = usize::from(!is_orig);
        let mut cc = chk[i];
        added = c.scaled_history(if is_orig { b'C' } else { b'c' }, &mut cc.0, &mut cc.1);
        if let ProtoState::Datagram { chk, .. } = &mut c.state {
            chk[i] = cc;
        }
    }
    em.weird_with(c, "bad_UDP_checksum", String::new(), false, added);
}
