//! Time passing: timers firing, connections removed, and the drain at
//! the end of input.
//!
//! A timer only names its connection and kind; what it does is decided
//! here for the generic kinds (inactivity, delete) and in
//! `tcp::timers` for TCP's. Removal is the one place a connection
//! leaves the table, so the end of its HTTP analysis and
//! `connection_state_remove` are here too.

use super::config::{DrainOrder, EventMask};
use super::emit::Emit;
use super::events::ConnEvent;
use super::stats::proto_slot;
use super::table::Slot;
use super::tcp;
use super::timers::{Timer, TimerKind};
use super::Tracker;
use crate::conn::{ConnHandle, Connection, ProtoState};

impl Tracker {
    /// `set_inactivity_timeout`: gives a live connection its own
    /// inactivity timeout (0 for none) and returns the one it had.
    pub fn set_inactivity_timeout(&mut self, h: ConnHandle, timeout: f64) -> Option<f64> {
        self.conn(h).filter(|c| !c.removed)?;
        let mut out = Vec::new();
        let (c, mut em) = self.emit(h, &mut out);
        let old = c.inactivity_timeout;
        em.set_inactivity(c, timeout);
        Some(old)
    }

    /// `Reporter::limit_reached_weird`'s mark: an `X` in the connection's
    /// history, once. False if there is no such live connection.
    pub fn analyzer_limit_reached(&mut self, h: ConnHandle) -> bool {
        match super::table::live_conn(&mut self.slots, h) {
            Some(c) => {
                c.check_history(0x400, b'X');
                true
            }
            None => false,
        }
    }

    /// Frees the slots of the connections removed by the last call, now
    /// that their handles need resolve no more.
    #[inline]
    pub(super) fn release(&mut self) {
        for idx in self.pending_free.drain(..) {
            let s = &mut self.slots[idx as usize];
            s.conn = None;
            s.gen = s.gen.wrapping_add(1);
            self.free.push(idx);
        }
    }

    /// Earliest pending connection timer, if any.
    pub fn next_timer(&mut self) -> Option<f64> {
        while let Some(t) = self.timers.peek() {
            if self.timer_live(t) {
                return Some(t.t);
            }
            self.timers.pop();
        }
        None
    }

    fn timer_live(&self, t: &Timer) -> bool {
        match self.slots.get(t.idx as usize) {
            Some(Slot { gen, conn: Some(c) }) if *gen == t.gen && !c.removed => {
                if t.kind == TimerKind::Inactivity {
                    c.inact_epoch == t.epoch
                } else {
                    c.analyzer_epoch == t.epoch
                }
            }
            _ => false,
        }
    }

    /// Moves network time to `t` (if later) and runs the connection timers
    /// due by then.
    pub fn advance(&mut self, t: f64, out: &mut Vec<ConnEvent>) {
        self.release();
        if t > self.network_time {
            self.network_time = t;
        }
        let now = self.network_time;
        while self.timers.earliest <= now {
            let Some(top) = self.timers.peek() else { break };
            if top.t > now {
                break;
            }
            let tm = self.timers.pop().unwrap();
            if self.timer_live(&tm) {
                self.fire(tm, now, false, out);
            }
        }
        self.frags.expire(now);
    }

    /// End of input: expires the timers that fire at shutdown (attempts,
    /// resets), then removes every remaining connection in the configured
    /// order. Call once.
    pub fn finish(&mut self, out: &mut Vec<ConnEvent>) {
        self.finish_timers(out);
        while self.finish_some(out, usize::MAX) {}
    }

    /// The first part of [`finish`](Self::finish): the timers that fire at
    /// shutdown, and the order the remaining connections go in. Then
    /// [`finish_some`](Self::finish_some) removes them a batch at a time,
    /// so a caller can turn each batch's events into script events before
    /// the next: with a million connections open, their removal events all
    /// at once would take 120 bytes each at the peak.
    pub fn finish_timers(&mut self, out: &mut Vec<ConnEvent>) {
        self.release();
        if self.finished {
            return;
        }
        self.finished = true;
        let now = self.network_time;
        let mut due: Vec<Timer> = self
            .timers
            .take_matching(|tm| tm.kind.do_expire())
            .into_iter()
            .filter(|tm| self.timer_live(tm))
            .collect();
        due.sort_unstable_by(|a, b| b.cmp(a));
        for tm in due {
            if self.timer_live(&tm) {
                self.fire(tm, now, true, out);
            }
        }
        // Slot numbers only (4 bytes a connection), ordered by what the
        // slots hold.
        let mut rest: Vec<u32> = self.table.index.iter().copied().collect();
        let slots = &self.slots;
        let conn = |i: &u32| slots[*i as usize].conn.as_ref();
        match self.cfg.drain_order {
            DrainOrder::SortedKey => rest.sort_unstable_by_key(|i| conn(i).map(|c| c.key)),
            DrainOrder::Creation => rest.sort_unstable_by_key(|i| conn(i).map(|c| c.serial)),
        }
        // Taken from the back.
        rest.reverse();
        self.draining = rest;
    }

    /// Removes up to `max` of the connections left at the end (after
    /// [`finish_timers`](Self::finish_timers)); whether any remain.
    pub fn finish_some(&mut self, out: &mut Vec<ConnEvent>, max: usize) -> bool {
        for _ in 0..max {
            let Some(idx) = self.draining.pop() else {
                break;
            };
            let h = ConnHandle {
                idx,
                gen: self.slots[idx as usize].gen,
            };
            if let Some(c) = self.slots[idx as usize].conn.as_ref() {
                if let ProtoState::Tcp(t) = &c.state {
                    if t.is_active && !t.both_closed() && self.cfg.events.has(EventMask::PENDING) {
                        out.push(ConnEvent::ConnectionPending(h));
                    }
                }
            }
            self.remove(idx, out);
        }
        if self.draining.is_empty() {
            self.draining = Vec::new();
            self.frags.clear();
            return false;
        }
        true
    }

    /// Removes the connection in slot `idx`: its HTTP messages end, then
    /// `connection_state_remove`. The slot is freed on the next call.
    pub(super) fn remove(&mut self, idx: u32, out: &mut Vec<ConnEvent>) {
        let s = &mut self.slots[idx as usize];
        let Some(c) = s.conn.as_mut() else { return };
        if c.removed {
            return;
        }
        c.removed = true;
        if let Some(k) = proto_slot(c.id.proto) {
            self.stats.current[k] = self.stats.current[k].saturating_sub(1);
        }
        let h = ConnHandle { idx, gen: s.gen };
        let key = c.key;
        if let ProtoState::Tcp(t) = &mut c.state {
            if let Some(mut a) = t.http.take() {
                // Messages still open end with the connection.
                let mut evs = Vec::new();
                a.eof(true, &mut evs);
                a.eof(false, &mut evs);
                out.extend(evs.into_iter().map(|ev| ConnEvent::Http { conn: h, ev }));
            }
        }
        out.push(ConnEvent::ConnectionStateRemove(h));
        self.table.remove(&key, idx);
        self.pending_free.push(idx);
    }

    fn fire(&mut self, tm: Timer, now: f64, expiring: bool, out: &mut Vec<ConnEvent>) {
        let h = ConnHandle {
            idx: tm.idx,
            gen: tm.gen,
        };
        let t = if expiring { now } else { tm.t };
        let (remove, killed) = {
            let (c, mut em) = self.emit(h, out);
            match tm.kind {
                TimerKind::Inactivity => {
                    let idle = inactivity_fired(c, &mut em, t);
                    (idle, idle)
                }
                TimerKind::Delete => (true, false),
                kind => (tcp::timer_fired(c, &mut em, kind, t, now), false),
            }
        };
        if killed {
            self.stats.killed_by_inactivity += 1;
        }
        if remove {
            self.remove(tm.idx, out);
        }
    }
}

/// The inactivity timer fired at `t`: whether the connection was idle
/// for its whole timeout (and goes); otherwise the timer re-arms.
fn inactivity_fired(c: &mut Connection, em: &mut Emit, t: f64) -> bool {
    c.inact_timer_at = f64::INFINITY;
    if c.inactivity_timeout == 0.0 {
        return false;
    }
    let at = c.last_time + c.inactivity_timeout;
    if at <= t {
        em.opt(EventMask::TIMEOUT, ConnEvent::ConnectionTimeout(em.h));
        return true;
    }
    c.inact_timer_at = at;
    em.timer(c, at, TimerKind::Inactivity);
    false
}
