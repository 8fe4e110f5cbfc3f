//! [`Emit`]: what the session logic of one connection writes to while it
//! handles a packet or a timer — events, weirds, and timers to arm.
//!
//! It borrows the parts of the tracker that the logic may touch besides
//! the connection itself, so the logic can hold `&mut Connection` and
//! `&mut Emit` at once without borrowing the whole [`Tracker`].

use super::config::Config;
use super::events::{ConnEvent, WeirdScope};
use super::timers::{Timer, TimerKind, TimerQueue};
use super::Tracker;
use crate::conn::{ConnHandle, Connection};

pub(super) struct Emit<'a> {
    pub(super) out: &'a mut Vec<ConnEvent>,
    timers: &'a mut TimerQueue,
    timer_seq: &'a mut u64,
    pub(super) cfg: &'a Config,
    pub(super) h: ConnHandle,
    pub(super) net_time: f64,
    /// Scratch space for content gaps, reused across packets.
    pub(super) gaps: &'a mut Vec<(u64, u64)>,
}

impl Tracker {
    /// The live connection `h` and an [`Emit`] for it.
    #[inline]
    pub(super) fn emit<'a>(
        &'a mut self,
        h: ConnHandle,
        out: &'a mut Vec<ConnEvent>,
    ) -> (&'a mut Connection, Emit<'a>) {
        let c = self.slots[h.idx as usize]
            .conn
            .as_mut()
            .expect("live connection");
        let em = Emit {
            out,
            timers: &mut self.timers,
            timer_seq: &mut self.timer_seq,
            cfg: &self.cfg,
            h,
            net_time: self.network_time,
            gaps: &mut self.gaps,
        };
        (c, em)
    }
}

impl Emit<'_> {
    #[inline]
    pub(super) fn ev(&mut self, e: ConnEvent) {
        self.out.push(e);
    }

    /// An optional event: only when the mask has `bit`.
    #[inline]
    pub(super) fn opt(&mut self, bit: u64, e: ConnEvent) {
        if self.cfg.events.has(bit) {
            self.out.push(e);
        }
    }

    /// A weird on the connection; processing of the packet goes on.
    pub(super) fn weird(&mut self, c: &mut Connection, name: &'static str) {
        self.weird_with(c, name, String::new(), false, false);
    }

    /// A weird with additional information.
    pub(super) fn weird_addl(&mut self, c: &mut Connection, name: &'static str, addl: String) {
        self.weird_with(c, name, addl, false, false);
    }

    /// A weird at which Zeek drops the packet.
    pub(super) fn dropping_weird(&mut self, c: &mut Connection, name: &'static str) {
        self.weird_with(c, name, String::new(), true, false);
    }

    /// A weird with its flags spelled out (see [`ConnEvent::Weird`]).
    pub(super) fn weird_with(
        &mut self,
        c: &mut Connection,
        name: &'static str,
        addl: String,
        drops_packet: bool,
        history_after: bool,
    ) {
        c.did_weird = true;
        self.out.push(ConnEvent::Weird {
            name,
            addl,
            scope: WeirdScope::Conn(self.h),
            drops_packet,
            history_after,
        });
    }

    /// Arms a timer of `kind` at `t` for this connection.
    #[inline]
    pub(super) fn timer(&mut self, c: &Connection, t: f64, kind: TimerKind) {
        *self.timer_seq += 1;
        let epoch = if kind == TimerKind::Inactivity {
            c.inact_epoch
        } else {
            c.analyzer_epoch
        };
        self.timers.push(Timer {
            t,
            seq: *self.timer_seq,
            idx: self.h.idx,
            gen: self.h.gen,
            epoch,
            kind,
        });
    }

    /// Connection::SetInactivityTimeout. A pending inactivity timer that
    /// fires no later than the new deadline is kept: when it fires it sees
    /// the new timeout and re-arms at `last_time + timeout`, which is what
    /// replacing it would have done, without a second heap entry.
    #[inline]
    pub(super) fn set_inactivity(&mut self, c: &mut Connection, timeout: f64) {
        if timeout == c.inactivity_timeout {
            return;
        }
        c.inactivity_timeout = timeout;
        if timeout == 0.0 {
            c.inact_epoch = c.inact_epoch.wrapping_add(1);
            c.inact_timer_at = f64::INFINITY;
            return;
        }
        let due = c.last_time + timeout;
        if c.inact_timer_at <= due {
            return;
        }
        c.inact_epoch = c.inact_epoch.wrapping_add(1);
        c.inact_timer_at = due;
        self.timer(c, due, TimerKind::Inactivity);
    }
}
