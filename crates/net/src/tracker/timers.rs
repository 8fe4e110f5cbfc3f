//! Connection timers: what kinds there are and the queue that orders
//! them.
//!
//! Separate from the tracker because the queue is a data structure with
//! its own invariant (FIFOs per kind plus a heap, `earliest` as a cheap
//! lower bound) that the per-packet path relies on being O(1); what a
//! timer does when it fires is the tracker's business (`expire` and
//! `tcp::timers`).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TimerKind {
    Inactivity,
    TcpExpire,
    TcpAttempt,
    TcpPartialClose,
    TcpReset,
    Delete,
    /// The expire timer re-armed after a half close (its own FIFO: a
    /// different delay than the initial one).
    TcpExpireLater,
}

impl TimerKind {
    /// Whether the timer still fires when everything is expired at the end.
    pub(super) fn do_expire(self) -> bool {
        matches!(self, TimerKind::TcpAttempt | TimerKind::TcpReset)
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Timer {
    pub(super) t: f64,
    pub(super) seq: u64,
    pub(super) idx: u32,
    pub(super) gen: u32,
    pub(super) epoch: u32,
    pub(super) kind: TimerKind,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    /// Reversed: the heap pops the earliest timer.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// Connection timers. Most timers of one kind are set at "now + a fixed
/// delay" and so arrive in time order: those go to a FIFO per kind, the
/// rest to a heap. The earliest timer is the least of the FIFO heads and
/// the heap top, so push and pop are O(1) in the common case.
pub(super) struct TimerQueue {
    fifos: [VecDeque<Timer>; 7],
    heap: BinaryHeap<Timer>,
    /// No timer is due before this (infinite when there are none): most
    /// packets find nothing due, and then the eight sources go unread.
    pub(super) earliest: f64,
}

impl Default for TimerQueue {
    fn default() -> Self {
        TimerQueue {
            fifos: Default::default(),
            heap: BinaryHeap::new(),
            earliest: f64::INFINITY,
        }
    }
}

impl TimerQueue {
    #[inline]
    pub(super) fn push(&mut self, tm: Timer) {
        self.earliest = self.earliest.min(tm.t);
        let q = &mut self.fifos[tm.kind as usize];
        if q.back().is_none_or(|b| b.t <= tm.t) {
            q.push_back(tm);
        } else {
            self.heap.push(tm);
        }
    }

    /// Where the earliest timer is: 0..7 a FIFO, 7 the heap.
    fn min_source(&self) -> Option<usize> {
        let mut best: Option<(usize, &Timer)> = self.heap.peek().map(|t| (7, t));
        for (i, q) in self.fifos.iter().enumerate() {
            if let Some(t) = q.front() {
                // `Timer`'s order is reversed (for the heap): greater = earlier.
                if best.is_none_or(|(_, b)| t > b) {
                    best = Some((i, t));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    #[inline]
    pub(super) fn peek(&self) -> Option<&Timer> {
        match self.min_source()? {
            7 => self.heap.peek(),
            i => self.fifos[i].front(),
        }
    }

    #[inline]
    pub(super) fn pop(&mut self) -> Option<Timer> {
        let tm = match self.min_source()? {
            7 => self.heap.pop(),
            i => self.fifos[i].pop_front(),
        };
        self.earliest = self.peek().map_or(f64::INFINITY, |t| t.t);
        tm
    }

    /// Empties the queue, returning the timers `keep` accepts. Each
    /// source's memory goes as it is read, so with a million connections
    /// open the end of the run holds no second copy of every timer.
    pub(super) fn take_matching(&mut self, mut keep: impl FnMut(&Timer) -> bool) -> Vec<Timer> {
        self.earliest = f64::INFINITY;
        let mut v = std::mem::take(&mut self.heap).into_vec();
        v.retain(&mut keep);
        v.shrink_to_fit();
        for q in &mut self.fifos {
            v.extend(std::mem::take(q).into_iter().filter(&mut keep));
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timer(t: f64, seq: u64, kind: TimerKind) -> Timer {
        Timer {
            t,
            seq,
            idx: 0,
            gen: 0,
            epoch: 0,
            kind,
        }
    }

    #[test]
    fn pops_in_time_order_across_fifos_and_heap() {
        let mut q = TimerQueue::default();
        assert_eq!(q.earliest, f64::INFINITY);
        // In order per kind: FIFOs. Out of order: the heap.
        q.push(timer(5.0, 1, TimerKind::Inactivity));
        q.push(timer(3.0, 2, TimerKind::TcpExpire));
        q.push(timer(4.0, 3, TimerKind::Inactivity));
        q.push(timer(7.0, 4, TimerKind::Inactivity));
        q.push(timer(3.0, 5, TimerKind::Delete));
        assert_eq!(q.earliest, 3.0);
        let mut got = Vec::new();
        while let Some(t) = q.pop() {
            got.push((t.t, t.seq));
        }
        // Equal times go by sequence number.
        assert_eq!(got, [(3.0, 2), (3.0, 5), (4.0, 3), (5.0, 1), (7.0, 4)]);
        assert_eq!(q.earliest, f64::INFINITY);
    }

    #[test]
    fn take_matching_keeps_only_what_is_asked_and_empties() {
        let mut q = TimerQueue::default();
        q.push(timer(2.0, 1, TimerKind::TcpAttempt));
        q.push(timer(1.0, 2, TimerKind::TcpAttempt));
        q.push(timer(1.5, 3, TimerKind::Inactivity));
        q.push(timer(9.0, 4, TimerKind::TcpReset));
        let mut kept = q.take_matching(|t| t.kind.do_expire());
        kept.sort_unstable_by(|a, b| b.cmp(a));
        let seqs: Vec<u64> = kept.iter().map(|t| t.seq).collect();
        assert_eq!(seqs, [2, 1, 4]);
        assert!(q.pop().is_none());
        assert_eq!(q.earliest, f64::INFINITY);
    }
}
