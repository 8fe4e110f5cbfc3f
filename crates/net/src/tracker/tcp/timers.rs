//! What TCP's timers do when they fire: the attempt timer (no answer to
//! a SYN), the partial-close timer, the reset timer, and the expire
//! timer that re-arms itself every `tcp_session_timer` until the
//! connection has lingered long enough after closing.

use crate::conn::{Connection, ProtoState};
use crate::tcp::tcp_state::*;
use crate::tracker::config::EventMask;
use crate::tracker::emit::Emit;
use crate::tracker::events::ConnEvent;
use crate::tracker::timers::TimerKind;

/// A TCP timer of `kind` due at `t` fired at `now`; whether the
/// connection goes.
pub(in crate::tracker) fn timer_fired(
    c: &mut Connection,
    em: &mut Emit,
    kind: TimerKind,
    t: f64,
    now: f64,
) -> bool {
    let ProtoState::Tcp(tcp) = &mut c.state else {
        return false;
    };
    if !tcp.is_active {
        return false;
    }
    let (os, rs) = (tcp.orig().state, tcp.resp().state);
    let h = em.h;
    match kind {
        TimerKind::TcpAttempt if (os == SYN_SENT || os == SYN_ACK_SENT) && rs == INACTIVE => {
            tcp.is_active = false;
            em.ev(ConnEvent::ConnectionAttempt(h));
            true
        }
        TimerKind::TcpPartialClose => {
            let (o, r) = (tcp.orig(), tcp.resp());
            if os == INACTIVE || rs == INACTIVE || (o.did_close && r.did_close) {
                return false;
            }
            if os == RESET || rs == RESET {
                return false;
            }
            em.ev(ConnEvent::ConnectionPartialClose(h));
            true
        }
        TimerKind::TcpReset => {
            if !tcp.both_closed() {
                tcp.is_active = false;
                em.ev(ConnEvent::ConnectionReset(h));
            }
            true
        }
        TimerKind::TcpExpire | TimerKind::TcpExpireLater => expire_fired(c, em, t, now),
        _ => false,
    }
}

/// The expire timer: a connection idle for `tcp_connection_linger` after
/// a close (or that never got going) times out; otherwise the timer comes
/// back after `tcp_session_timer`.
fn expire_fired(c: &mut Connection, em: &mut Emit, t: f64, now: f64) -> bool {
    let ProtoState::Tcp(tcp) = &mut c.state else {
        return false;
    };
    let st = em.cfg.tcp_session_timer;
    // Fired late, after a jump in time: this timer would re-arm itself
    // every `st` and fire again within this same advance, once per period
    // up to now (a jump of years in a fuzzed trace made that 10^8
    // firings). Nothing but the time changes between those firings and
    // the check below only gets likelier with time, so only the last of
    // them can matter: go to it.
    let t = if st > 0.0 && now - t >= st {
        t + ((now - t) / st).floor() * st
    } else {
        t
    };
    let (o, r) = (tcp.orig(), tcp.resp());
    let (os, rs) = (o.state, r.state);
    let (odc, rdc) = (o.did_close, r.did_close);
    if c.last_time + em.cfg.tcp_connection_linger < t {
        let closed_enough = (odc || rdc)
            && ((odc && rdc) || os == RESET || rs == RESET || os == INACTIVE || rs == INACTIVE);
        if closed_enough {
            tcp.is_active = false;
        }
        if closed_enough || (rs == INACTIVE && os == INACTIVE) {
            em.opt(EventMask::TIMEOUT, ConnEvent::ConnectionTimeout(em.h));
            return true;
        }
    }
    // Always later than now, so it cannot fire again within this advance
    // (a period of zero or less would otherwise loop).
    let at = (t + st).max(now.next_up());
    em.timer(c, at, TimerKind::TcpExpireLater);
    false
}
