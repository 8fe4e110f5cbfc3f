//! TCP's session logic: Zeek's TCPSessionAdapter, driving the endpoint
//! state of [`crate::tcp`] one segment at a time.
//!
//! | module | job |
//! | --- | --- |
//! | this file | header and checksum checks, connection reuse |
//! | `segment` | one segment, step by step (Zeek's `DeliverPacket`) |
//! | `state_machine` | the endpoint state transitions and their events |
//! | `close` | closing: finished/reset events, deferred close, gaps |
//! | `timers` | what TCP's timers do when they fire |
//! | `http` | feeding the in-order stream to the HTTP analyzer |
//!
//! The dependencies go one way: `segment` uses `state_machine`, `close`
//! and `http`; `state_machine` uses `close`; `timers` stands alone.

mod close;
mod http;
mod segment;
mod state_machine;
mod timers;

pub(super) use timers::timer_fired;

use super::emit::Emit;
use super::events::ConnEvent;
use super::thresholds::count_packet;
use super::Tracker;
use crate::conn::{ConnHandle, Connection, ProtoState};
use crate::decode::Ip;
use crate::tcp::tcp_state::*;
use crate::tcp::{Segment, TcpConn, TH_ACK, TH_SYN};

/// A TCP packet of connection `c`, sent by the originator or not: the
/// header checks at which Zeek drops the packet, then the segment.
pub(super) fn deliver(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip, t: f64) {
    let data = ip.payload;
    let mut len = (ip.total_len - ip.hdr_len) as i64;
    if len == 0 {
        len = data.len() as i64;
    }
    let mut remaining = data.len() as i64;
    let hdr_len = ((data[12] >> 4) as i64) * 4;
    if hdr_len < 20 {
        em.dropping_weird(c, "bad_TCP_header_len");
        return;
    }
    if hdr_len > len || hdr_len > remaining {
        em.dropping_weird(c, "truncated_header");
        return;
    }
    len -= hdr_len;
    remaining -= hdr_len;
    let ProtoState::Tcp(mut tcp) = std::mem::replace(&mut c.state, ProtoState::Other) else {
        return;
    };
    let e = tcp.idx(is_orig);
    let captured = remaining >= len;
    if !em.cfg.ignore_checksums
        && captured
        && !ip.transport_checksum_ok(6, &data[..(hdr_len + len) as usize])
    {
        bad_checksum(c, em, &mut tcp, e, is_orig);
        c.state = ProtoState::Tcp(tcp);
        return;
    }
    let pk = Segment {
        flags: data[13],
        base_seq: u32::from_be_bytes([data[4], data[5], data[6], data[7]]),
        ack_seq: u32::from_be_bytes([data[8], data[9], data[10], data[11]]),
        len: len as u32,
        hdr: &data[..hdr_len as usize],
        payload: if captured {
            &data[hdr_len as usize..(hdr_len + len) as usize]
        } else {
            &[]
        },
    };
    segment::process(c, em, &mut tcp, e, &pk, captured, t);
    c.state = ProtoState::Tcp(tcp);
    count_packet(c, em, is_orig, ip);
}

/// `bad_TCP_checksum`, which drops the packet, with `C`/`c` in the
/// history at the 1st, 10th, 100th ... bad checksum of the endpoint
/// (after the weird, in Zeek).
fn bad_checksum(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, e: usize, is_orig: bool) {
    let mut cc = tcp.eps[e].chk;
    let added = c.scaled_history(if is_orig { b'C' } else { b'c' }, &mut cc.0, &mut cc.1);
    tcp.eps[e].chk = cc;
    em.weird_with(c, "bad_TCP_checksum", String::new(), true, added);
}

impl Tracker {
    /// TCPSessionAdapter::IsReuse: whether a SYN on the connection in
    /// slot `idx` starts a new connection instead (the old one goes).
    /// `p` is the TCP header and data.
    pub(in crate::tracker) fn tcp_is_reuse(
        &mut self,
        idx: u32,
        t: f64,
        p: &[u8],
        out: &mut Vec<ConnEvent>,
    ) -> bool {
        if p[12] >> 4 < 5 {
            return false;
        }
        let flags = p[13];
        if flags & TH_SYN == 0 {
            return false;
        }
        let h = ConnHandle {
            idx,
            gen: self.slots[idx as usize].gen,
        };
        let linger = self.cfg.tcp_connection_linger;
        let (c, mut em) = self.emit(h, out);
        let ProtoState::Tcp(tcp) = &c.state else {
            return false;
        };
        let (o, r) = (tcp.orig(), tcp.resp());
        let mut conn_orig = o;
        if flags & TH_ACK != 0 {
            if o.state != INACTIVE {
                return false;
            }
            conn_orig = r;
        }
        let weird: Option<&'static str>;
        if tcp.is_active {
            let base_seq = u32::from_be_bytes([p[4], p[5], p[6], p[7]]);
            if base_seq == conn_orig.start_seq32() {
                return false;
            }
            if flags & TH_ACK == 0
                && conn_orig.state == SYN_ACK_SENT
                && r.state == INACTIVE
                && base_seq == r.start_seq32()
            {
                return false;
            }
            weird = Some(if conn_orig.state == SYN_SENT {
                "SYN_seq_jump"
            } else {
                "active_connection_reuse"
            });
        } else if (o.is_active() || r.is_active()) && o.state != RESET && r.state != RESET {
            weird = Some("active_connection_reuse");
        } else if t - c.last_time < linger && o.state != RESET && r.state != RESET {
            weird = Some("premature_connection_reuse");
        } else {
            weird = None;
        }
        if let Some(w) = weird {
            em.weird(c, w);
        }
        true
    }
}
