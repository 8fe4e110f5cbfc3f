//! ICMP's session logic (Zeek's ICMP analyzer): checksum, request/reply
//! sizes and the echo events.

use super::config::EventMask;
use super::emit::Emit;
use super::events::{ConnEvent, IcmpInfo};
use super::thresholds::count_packet;
use crate::cksum;
use crate::conn::{Connection, ProtoState};
use crate::decode::Ip;

/// An ICMP packet of connection `c`, sent by the originator or not.
pub(super) fn deliver(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip, t: f64) {
    let data = ip.payload;
    let mut len = (ip.total_len - ip.hdr_len) as usize;
    if len == 0 {
        len = data.len();
    }
    let remaining = data.len();
    let v6 = ip.next_proto == 58;
    if !em.cfg.ignore_checksums && remaining >= len {
        let ok = if v6 {
            ip.transport_checksum_ok(58, &data[..len])
        } else {
            cksum::valid(&data[..len])
        };
        if !ok {
            em.dropping_weird(c, "bad_ICMP_checksum");
            return;
        }
    }
    c.last_time = t;
    let plen = len as i64 - 8;
    if let ProtoState::Datagram { req, rep, .. } = &mut c.state {
        let v = if is_orig { req } else { rep };
        *v = if *v < 0 { plen } else { *v + plen };
    }
    if em.cfg.events.has(EventMask::ICMP_ECHO) {
        echo(em, ip, v6, plen);
    }
    if remaining >= len {
        count_packet(c, em, is_orig, ip);
    }
}

/// `icmp_echo_request` / `icmp_echo_reply`, if the message is one.
fn echo(em: &mut Emit, ip: &Ip, v6: bool, plen: i64) {
    let data = ip.payload;
    let itype = data[0];
    let (request, reply) = if v6 { (128, 129) } else { (8, 0) };
    if itype != request && itype != reply {
        return;
    }
    let info = IcmpInfo {
        v6,
        itype,
        icode: data[1],
        len: plen.max(0) as u32,
        ttl: ip.fields.ttl,
    };
    let id = u16::from_be_bytes([data[4], data[5]]);
    let seq = u16::from_be_bytes([data[6], data[7]]);
    let payload = data[8..].to_vec();
    let conn = em.h;
    em.ev(if itype == request {
        ConnEvent::IcmpEchoRequest {
            conn,
            info,
            id,
            seq,
            payload,
        }
    } else {
        ConnEvent::IcmpEchoReply {
            conn,
            info,
            id,
            seq,
            payload,
        }
    });
}
