//! ICMP's session logic (Zeek's ICMP analyzer): checksum, request/reply
//! sizes and the message events.
//!
//! Which message raises which event follows Zeek: for ICMP, echo,
//! unreachable and time exceeded have their own events, every other type
//! raises `icmp_sent`; for ICMPv6, echo, the four errors with events of
//! their own, neighbor discovery and MLD reports do, the other errors
//! (types below 128) raise `icmp_error_message` and the rest `icmp_sent`.
//! A message body is read only for an event some script handles (the
//! event mask): except for MLD's truncation weirds, which Zeek reports
//! handled or not, a trace without ICMP handlers costs nothing here.

use super::config::EventMask;
use super::emit::Emit;
use super::events::{ConnEvent, IcmpError, IcmpInfo, IcmpMessage, WeirdScope};
use super::thresholds::count_packet;
use crate::cksum;
use crate::conn::{Connection, ProtoState};
use crate::decode::Ip;
use crate::icmp::{context4, context6, mld_v2, nd_options, NdOption};

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
    if em.cfg.events.has(EventMask::ICMP_ANY) || v6 && matches!(data[0], 131 | 132 | 143) {
        message(c, em, ip, v6, plen.max(0) as u32);
    }
    if remaining >= len {
        count_packet(c, em, is_orig, ip);
    }
}

/// The message's event, by its type. `len`: bytes after the 8-byte
/// header by the IP length (the captured ones may be fewer).
fn message(c: &mut Connection, em: &mut Emit, ip: &Ip, v6: bool, len: u32) {
    // The dispatcher made sure of the 8-byte header.
    let data = ip.payload;
    let body = &data[8..];
    let info = IcmpInfo {
        v6,
        itype: data[0],
        icode: data[1],
        len,
        ttl: ip.fields.ttl,
    };
    let err = |em: &mut Emit, bit: u64, kind: IcmpError| {
        if em.cfg.events.has(bit) {
            let context = if v6 { context6(body) } else { context4(body) };
            let msg = IcmpMessage::Error {
                kind,
                info,
                context,
            };
            icmp(em, msg);
        }
    };
    if !v6 {
        match info.itype {
            8 | 0 => echo(em, info, data),
            3 => err(em, EventMask::ICMP_UNREACHABLE, IcmpError::Unreachable),
            11 => err(em, EventMask::ICMP_TIME_EXCEEDED, IcmpError::TimeExceeded),
            _ => sent(em, info, body),
        }
        return;
    }
    match info.itype {
        128 | 129 => echo(em, info, data),
        1 => err(em, EventMask::ICMP_UNREACHABLE, IcmpError::Unreachable),
        2 => err(em, EventMask::ICMP_PACKET_TOO_BIG, IcmpError::PacketTooBig),
        3 => err(em, EventMask::ICMP_TIME_EXCEEDED, IcmpError::TimeExceeded),
        4 => err(
            em,
            EventMask::ICMP_PARAMETER_PROBLEM,
            IcmpError::ParameterProblem,
        ),
        133..=137 => neighbor_discovery(c, em, info, data),
        131 | 132 => mld_v1(c, em, info, body),
        143 => mld_report_v2(c, em, data),
        t if t < 128 => err(em, EventMask::ICMP_ERROR_MESSAGE, IcmpError::Other),
        // Router renumbering (138), MLD queries (130) and the rest.
        _ => sent(em, info, body),
    }
}

fn icmp(em: &mut Emit, msg: IcmpMessage) {
    let conn = em.h;
    em.ev(ConnEvent::Icmp {
        conn,
        msg: Box::new(msg),
    });
}

/// `icmp_echo_request` / `icmp_echo_reply`: the identifier, the sequence
/// number and the captured bytes after the header.
fn echo(em: &mut Emit, info: IcmpInfo, data: &[u8]) {
    if !em.cfg.events.has(EventMask::ICMP_ECHO) {
        return;
    }
    let request = if info.v6 { 128 } else { 8 };
    let id = u16::from_be_bytes([data[4], data[5]]);
    let seq = u16::from_be_bytes([data[6], data[7]]);
    let payload = data[8..].to_vec();
    let conn = em.h;
    em.ev(if info.itype == request {
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

/// `icmp_sent` / `icmp_sent_payload`: the payload is the captured part of
/// the body, within the IP length.
fn sent(em: &mut Emit, info: IcmpInfo, body: &[u8]) {
    let ev = em.cfg.events;
    if !ev.has(EventMask::ICMP_SENT | EventMask::ICMP_SENT_PAYLOAD) {
        return;
    }
    let payload = ev
        .has(EventMask::ICMP_SENT_PAYLOAD)
        .then(|| body[..body.len().min(info.len as usize)].to_vec());
    icmp(em, IcmpMessage::Sent { info, payload });
}

/// A weird on no connection (Zeek's ICMP analyzer reports a neighbor
/// discovery message too short for its fixed fields so).
fn net_weird(em: &mut Emit, name: &'static str, addl: String) {
    em.ev(ConnEvent::Weird {
        name,
        addl,
        scope: WeirdScope::Net,
        drops_packet: false,
        history_after: false,
    });
}

/// Router and neighbor solicitations and advertisements, redirects:
/// fixed fields, then options. Read only when the event is handled (so
/// too their weirds, as in Zeek).
fn neighbor_discovery(c: &mut Connection, em: &mut Emit, info: IcmpInfo, data: &[u8]) {
    let body = &data[8..];
    let (bit, fixed, weird) = match info.itype {
        133 => (EventMask::ICMP_ROUTER_SOLICITATION, 0, ""),
        134 => (
            EventMask::ICMP_ROUTER_ADVERTISEMENT,
            8,
            "icmp6_ra_bad_opt_offset",
        ),
        135 => (
            EventMask::ICMP_NEIGHBOR_SOLICITATION,
            16,
            "icmp6_ns_bad_opt_offset",
        ),
        136 => (
            EventMask::ICMP_NEIGHBOR_ADVERTISEMENT,
            16,
            "icmp6_na_bad_opt_offset",
        ),
        _ => (
            EventMask::ICMP_REDIRECT,
            32,
            "icmp6_redirect_bad_opt_offset",
        ),
    };
    if !em.cfg.events.has(bit) {
        return;
    }
    if body.len() < fixed {
        net_weird(em, weird, format!("{fixed} (length {})", body.len()));
        return;
    }
    let options = options(c, em, &body[fixed..]);
    let addr = |k: usize| crate::decode::to_ipaddr(&body[k..k + 16].try_into().unwrap_or([0; 16]));
    let be32 = |k: usize| u32::from_be_bytes([body[k], body[k + 1], body[k + 2], body[k + 3]]);
    let msg = match info.itype {
        133 => IcmpMessage::RouterSolicitation { info, options },
        134 => IcmpMessage::RouterAdvertisement {
            info,
            cur_hop_limit: data[4],
            flags: data[5],
            router_lifetime: u16::from_be_bytes([data[6], data[7]]),
            reachable_time: be32(0),
            retrans_timer: be32(4),
            options,
        },
        135 => IcmpMessage::NeighborSolicitation {
            info,
            tgt: addr(0),
            options,
        },
        136 => IcmpMessage::NeighborAdvertisement {
            info,
            flags: data[4],
            tgt: addr(0),
            options,
        },
        _ => IcmpMessage::Redirect {
            info,
            tgt: addr(0),
            dest: addr(16),
            options,
        },
    };
    icmp(em, msg);
}

/// Neighbor discovery options, their weirds on the connection.
fn options(c: &mut Connection, em: &mut Emit, b: &[u8]) -> Vec<NdOption> {
    // One weird at most: reading stops at it.
    let mut weird = "";
    let opts = nd_options(b, |w| weird = w);
    if !weird.is_empty() {
        em.weird(c, weird);
    }
    opts
}

/// MLDv1 report or done: the multicast address. Truncated ones are a
/// weird whether or not the events are handled.
fn mld_v1(c: &mut Connection, em: &mut Emit, info: IcmpInfo, body: &[u8]) {
    if body.len() < 16 {
        em.weird(c, "truncated_ICMPv6_MLDv1");
        return;
    }
    let done = info.itype == 132;
    let bit = if done {
        EventMask::ICMP_MLD_DONE_V1
    } else {
        EventMask::ICMP_MLD_REPORT_V1
    };
    if em.cfg.events.has(bit) {
        let group = crate::decode::to_ipaddr(&body[..16].try_into().unwrap_or([0; 16]));
        icmp(em, IcmpMessage::MldV1 { done, group });
    }
}

/// MLDv2 report: its records are checked for truncation (weirds) always,
/// and made only for a handler.
fn mld_report_v2(c: &mut Connection, em: &mut Emit, data: &[u8]) {
    let count = u16::from_be_bytes([data[6], data[7]]);
    let build = em.cfg.events.has(EventMask::ICMP_MLD_REPORT_V2);
    // One weird at most: a report that cannot hold its records, or the
    // first truncated record.
    let mut weird = "";
    let groups = mld_v2(count, &data[8..], build, |w| weird = w);
    if !weird.is_empty() {
        em.weird(c, weird);
    }
    if let (true, Some(groups)) = (build, groups) {
        icmp(em, IcmpMessage::MldV2 { groups });
    }
}
