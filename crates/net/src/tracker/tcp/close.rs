//! Closing a TCP connection: Zeek's ConnectionClosed with its deferral
//! while data is still pending, end of an endpoint's stream, the
//! finished/reset events, and content gaps found when data is acked.

use crate::conn::Connection;
use crate::tcp::tcp_state::*;
use crate::tcp::TcpConn;
use crate::tracker::config::EventMask;
use crate::tracker::emit::Emit;
use crate::tracker::events::ConnEvent;
use crate::tracker::timers::TimerKind;

/// Content gaps of endpoint `e` found by its reassembler: history `G`/`g`
/// and `content_gap`, reported only while both endpoints are clean.
#[inline]
pub(super) fn report_gaps(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    gaps: &[(u64, u64)],
) {
    if gaps.is_empty() {
        return;
    }
    let clean = tcp.eps[e].is_clean() && tcp.eps[1 - e].is_clean();
    if !clean {
        return;
    }
    let is_orig = tcp.is_orig_idx(e);
    for &(seq, len) in gaps {
        let mut g = tcp.eps[e].gap;
        c.scaled_history(if is_orig { b'G' } else { b'g' }, &mut g.0, &mut g.1);
        tcp.eps[e].gap = g;
        em.opt(
            EventMask::CONTENT_GAP,
            ConnEvent::ContentGap {
                conn: em.h,
                is_orig,
                seq,
                len,
            },
        );
    }
}

/// Endpoint `e` reached the end of its stream: a close deferred for its
/// pending data happens now.
pub(super) fn endpoint_eof(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, e: usize, t: f64) {
    if tcp.close_deferred {
        let p = 1 - e;
        if tcp.eps[e].data_pending(&tcp.eps[p]) && tcp.both_closed() {
            em.weird(c, "pending_data_when_closed");
        }
        let g = tcp.deferred_gen_event;
        connection_closed(c, em, tcp, e, g, t);
        tcp.close_deferred = false;
    }
}

/// `connection_finished` (or half finished): the analysis is done.
fn connection_finished(em: &mut Emit, tcp: &mut TcpConn, half: bool) {
    em.ev(if half {
        ConnEvent::ConnectionHalfFinished(em.h)
    } else {
        ConnEvent::ConnectionFinished(em.h)
    });
    tcp.is_active = false;
}

/// `connection_reset`: the analysis is done.
pub(super) fn connection_reset(em: &mut Emit, tcp: &mut TcpConn) {
    em.ev(ConnEvent::ConnectionReset(em.h));
    tcp.is_active = false;
}

/// Endpoint `e` closed (FIN or RST): Zeek's ConnectionClosed. Deferred
/// while data is pending; once both sides are done (or the peer never
/// spoke) the finished event, removal after `tcp_close_delay`; else a
/// timer for the other side to close.
pub(super) fn connection_closed(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    mut gen_event: bool,
    _t: f64,
) {
    let p = 1 - e;
    if tcp.eps[e].data_pending(&tcp.eps[p]) {
        tcp.close_deferred = true;
        if !tcp.deferred_gen_event {
            tcp.deferred_gen_event = gen_event;
        }
        return;
    }
    tcp.close_deferred = false;
    if tcp.eps[e].did_close {
        return;
    }
    tcp.eps[e].did_close = true;
    let (es, eprev) = (tcp.eps[e].state, tcp.eps[e].prev_state);
    let (ps, pdc) = (tcp.eps[p].state, tcp.eps[p].did_close);
    let close_complete = es == RESET || pdc || ps == INACTIVE;
    if close_complete {
        if eprev != INACTIVE || ps != INACTIVE {
            if tcp.deferred_gen_event {
                gen_event = true;
                tcp.deferred_gen_event = false;
            }
            if gen_event {
                connection_finished(em, tcp, ps == INACTIVE);
            }
        }
        // CancelTimers (the analyzer's) and schedule the removal.
        c.analyzer_epoch = c.analyzer_epoch.wrapping_add(1);
        let at = c.last_time + em.cfg.tcp_close_delay;
        em.timer(c, at, TimerKind::Delete);
    } else if eprev == INACTIVE {
        if em.cfg.events.has(EventMask::PARTIAL_CLOSE) {
            let at = c.last_time + em.cfg.tcp_partial_close_delay;
            em.timer(c, at, TimerKind::TcpPartialClose);
        }
    } else {
        let at = c.last_time + em.cfg.tcp_session_timer;
        em.timer(c, at, TimerKind::TcpExpireLater);
    }
}
