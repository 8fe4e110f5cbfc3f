//! The TCP endpoint state machine (TCPSessionAdapter's
//! `UpdateStateMachine`): what a segment does to its sender's state,
//! one function per state the sender was in, and the events and weirds
//! of each transition.
//!
//! It reports whether the segment closes the sender's side (and whether
//! that close raises an event); closing itself is `close`'s job.

use super::close::connection_reset;
use crate::conn::Connection;
use crate::tcp::tcp_state::*;
use crate::tcp::{seq_delta, Segment, TcpConn};
use crate::tracker::config::EventMask;
use crate::tracker::emit::Emit;
use crate::tracker::events::ConnEvent;
use crate::tracker::timers::TimerKind;

/// What a transition asks of the close logic.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Close {
    /// The sender's side closes (ConnectionClosed).
    pub(super) close: bool,
    /// The close raises connection_finished when complete.
    pub(super) gen_event: bool,
}

impl Close {
    const NONE: Close = Close {
        close: false,
        gen_event: false,
    };
    const WITH_EVENT: Close = Close {
        close: true,
        gen_event: true,
    };
}

/// The segment `pk` of endpoint `e`; `delta_last` is how far it moved
/// the endpoint's last sequence number.
#[inline]
pub(super) fn update(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    delta_last: i32,
    t: f64,
) -> Close {
    match tcp.eps[e].state {
        INACTIVE => inactive(c, em, tcp, e, pk, t),
        SYN_SENT | SYN_ACK_SENT => handshaking(c, em, tcp, e, pk),
        ESTABLISHED | PARTIAL => established(c, em, tcp, e, pk),
        CLOSED => closed(c, em, tcp, e, pk, delta_last, t),
        RESET => {
            after_reset(c, em, pk);
            Close::NONE
        }
        _ => Close::NONE,
    }
}

/// Applies a state change and the inactivity switch it may imply.
#[inline]
fn st(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, e: usize, new: u8) {
    let ps = tcp.eps[1 - e].state;
    if tcp.eps[e].set_state(new, ps) {
        let to = em.cfg.tcp_inactivity_timeout;
        em.set_inactivity(c, to);
    }
}

/// The sender's first segment.
#[inline]
fn inactive(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    t: f64,
) -> Close {
    let p = 1 - e;
    let mut out = Close::NONE;
    if pk.syn() {
        if tcp.is_orig_idx(e) {
            first_syn_from_orig(c, em, tcp, e, pk, t);
        } else {
            first_syn_from_resp(c, em, tcp, e, pk);
        }
    }
    if pk.fin() {
        st(c, em, tcp, e, CLOSED);
        out = Close::WITH_EVENT;
        if tcp.eps[p].state != PARTIAL && !pk.syn() {
            em.weird(c, "spontaneous_FIN");
        }
    }
    if pk.rst() {
        // (Roles as they are now: a SYN above may have flipped them.)
        st(c, em, tcp, e, RESET);
        let is_orig = tcp.is_orig_idx(e);
        let ps = tcp.eps[p].state;
        let is_reject = if is_orig {
            ps == ESTABLISHED
        } else {
            ps == SYN_SENT || ps == SYN_ACK_SENT
        };
        out = Close {
            close: true,
            gen_event: !is_reject,
        };
        if is_reject {
            em.ev(ConnEvent::ConnectionRejected(em.h));
        } else if ps == INACTIVE {
            em.weird(c, "spontaneous_RST");
        }
    }
    if tcp.eps[e].state == INACTIVE {
        first_without_syn_fin_rst(c, em, tcp, e, pk);
    }
    out
}

/// The originator's first SYN (or SYN-ACK): the handshake starts, and
/// the attempt timer with it.
fn first_syn_from_orig(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    t: f64,
) {
    if pk.ack() {
        em.weird(c, "connection_originator_SYN_ack");
        st(c, em, tcp, e, SYN_ACK_SENT);
    } else {
        st(c, em, tcp, e, SYN_SENT);
    }
    if em.cfg.tcp_attempt_delay != 0.0 {
        let at = t + em.cfg.tcp_attempt_delay;
        em.timer(c, at, TimerKind::TcpAttempt);
    }
}

/// The responder's first SYN: normally the SYN-ACK that establishes
/// the connection; a SYN answering a SYN-ACK means the roles were the
/// other way round.
fn first_syn_from_resp(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
) {
    let p = 1 - e;
    let ps = tcp.eps[p].state;
    if pk.ack() {
        if ps != INACTIVE && ps != PARTIAL {
            let pp = &tcp.eps[p];
            let lo = pp.start_seq32();
            let hi = pp.last_seq;
            let between = seq_delta(pk.ack_seq, lo) >= 0 && seq_delta(hi, pk.ack_seq) >= 0;
            if !between {
                em.weird(c, "bad_SYN_ack");
            }
        }
    } else if ps == SYN_ACK_SENT && pk.base_seq == tcp.eps[e].start_seq32() {
        // SYN / SYN-ACK reversal: flip and establish.
        tcp.is_partial = false;
        flip_conn(c, em, tcp);
        st(c, em, tcp, p, ESTABLISHED);
        tcp.first_packet_seen |= if tcp.is_orig_idx(e) { 1 } else { 2 };
    } else {
        em.weird(c, "simultaneous_open");
    }
    let ps = tcp.eps[p].state;
    if ps == SYN_SENT {
        st(c, em, tcp, p, ESTABLISHED);
    } else if ps == INACTIVE {
        em.weird(c, "unsolicited_SYN_response");
    }
    st(c, em, tcp, e, ESTABLISHED);
    if tcp.eps[p].state != PARTIAL {
        em.ev(ConnEvent::ConnectionEstablished(em.h));
    }
}

/// A first segment that left the sender inactive (no SYN, FIN or RST):
/// it joins an established connection, or the connection is partial.
#[inline]
fn first_without_syn_fin_rst(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
) {
    let p = 1 - e;
    let is_orig = tcp.is_orig_idx(e);
    if !is_orig && pk.len == 0 && tcp.orig().state == SYN_SENT {
        // A bare ACK from the responder during the handshake.
    } else if pk.ack() && tcp.eps[p].state == ESTABLISHED {
        st(c, em, tcp, e, ESTABLISHED);
        tcp.is_partial = false;
        tcp.first_packet_seen |= if is_orig { 1 } else { 2 };
    } else {
        st(c, em, tcp, e, PARTIAL);
        if tcp.eps[p].state == PARTIAL {
            em.ev(ConnEvent::PartialConnection(em.h));
        }
    }
}

/// A segment from an endpoint that sent a SYN (or SYN-ACK).
#[inline]
fn handshaking(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
) -> Close {
    let p = 1 - e;
    let (syn, fin, rst, ack) = (pk.syn(), pk.fin(), pk.rst(), pk.ack());
    let es = tcp.eps[e].state;
    let mut out = Close::NONE;
    if syn {
        if tcp.is_orig_idx(e) {
            if ack && !fin && !rst && es != SYN_ACK_SENT {
                em.weird(c, "repeated_SYN_with_ack");
            }
        } else if !ack && es != SYN_SENT {
            em.weird(c, "repeated_SYN_reply_wo_ack");
        }
    }
    if fin {
        let ps = tcp.eps[p].state;
        if ps == INACTIVE || ps == SYN_SENT {
            em.weird(c, "inappropriate_FIN");
        }
        st(c, em, tcp, e, CLOSED);
        out = Close::WITH_EVENT;
    }
    if rst {
        st(c, em, tcp, e, RESET);
        connection_reset(em, tcp);
        out.close = true;
    } else if pk.len > 0 {
        em.weird(c, "data_before_established");
    }
    out
}

/// A segment from an established (or partial) endpoint.
#[inline]
fn established(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
) -> Close {
    let p = 1 - e;
    let mut out = Close::NONE;
    if pk.syn() && tcp.eps[e].state == PARTIAL && tcp.eps[p].state == INACTIVE && !pk.ack() {
        em.weird(c, "SYN_after_partial");
        st(c, em, tcp, e, SYN_SENT);
    }
    if pk.fin() && !pk.rst() {
        st(c, em, tcp, e, CLOSED);
        let pp = &tcp.eps[p];
        if pp.state == RESET && pp.prev_state == CLOSED {
            st(c, em, tcp, p, CLOSED);
        }
        out = Close::WITH_EVENT;
    }
    if pk.rst() {
        st(c, em, tcp, e, RESET);
        out.close = true;
        let pp = &tcp.eps[p];
        if pp.state != RESET || pp.prev_state != ESTABLISHED {
            connection_reset(em, tcp);
        }
    }
    out
}

/// A segment from an endpoint that closed.
#[inline]
fn closed(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    delta_last: i32,
    t: f64,
) -> Close {
    let mut out = Close::NONE;
    if pk.syn() {
        em.weird(c, "SYN_after_close");
    }
    if pk.fin() && delta_last > 0 {
        em.weird(c, "FIN_advanced_last_seq");
    }
    if pk.rst() && tcp.eps[1 - e].state != CLOSED {
        st(c, em, tcp, e, RESET);
        if !tcp.eps[e].did_close {
            out.close = true;
        }
        let at = t + em.cfg.tcp_reset_delay;
        em.timer(c, at, TimerKind::TcpReset);
    }
    out
}

/// A segment from an endpoint that was reset: only weirds.
#[inline]
fn after_reset(c: &mut Connection, em: &mut Emit, pk: &Segment) {
    if pk.syn() {
        em.weird(c, "SYN_after_reset");
    }
    if pk.fin() {
        em.weird(c, "FIN_after_reset");
    }
    if pk.len > 0 && !pk.rst() {
        em.weird(c, "data_after_reset");
    }
}

/// Connection::FlipRoles for a TCP connection mid-analysis.
fn flip_conn(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn) {
    // The TCP state is held outside the record while it is analyzed.
    tcp.flip();
    c.flip_roles();
    em.opt(EventMask::FLIPPED, ConnEvent::ConnectionFlipped(em.h));
}
