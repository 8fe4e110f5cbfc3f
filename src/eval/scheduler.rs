//! The event engine of the evaluator: queued events, timers and the
//! network time they run on, and waiting `when` statements.

use super::{trigger, Interp};
use crate::runtime::func::FuncVal;
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::collections::{BinaryHeap, VecDeque};
use std::rc::Rc;

pub struct Timer {
    pub when: f64,
    pub seq: u64,
    pub action: TimerAction,
}

/// What a timer does when due.
pub enum TimerAction {
    /// A scheduled event.
    Event(Rc<FuncVal>, Vec<Value>),
    /// A table's periodic expiry check.
    Expire(std::rc::Weak<std::cell::RefCell<crate::runtime::table::TableVal>>),
    /// The timeout of a waiting `when`.
    WhenTimeout(usize),
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        self.when == o.when && self.seq == o.seq
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    // BinaryHeap is a max-heap: the earliest timer must compare greatest.
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.when
            .partial_cmp(&self.when)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(o.seq.cmp(&self.seq))
    }
}

/// The `assertion_failure` and `assertion_result` hooks, if declared.
pub(crate) type AssertHooks = (Option<Rc<FuncVal>>, Option<Rc<FuncVal>>);

/// Events, timers and `when` triggers, and the clock.
#[derive(Default)]
pub struct Scheduler {
    /// Queued events with the network time they were raised at (what
    /// `current_event_time` returns while one runs).
    pub events: VecDeque<(Rc<FuncVal>, Vec<Value>, f64)>,
    pub timers: BinaryHeap<Timer>,
    pub(crate) timer_seq: u64,
    pub network_time: f64,
    /// The time of the event being handled (network time when queued).
    pub event_time: f64,
    /// The trace network time comes from (`-r`), if one is read; the
    /// reporter then leads its messages with network time.
    pub packet_source: Option<String>,
    /// `when` statements waiting for their condition (None once done).
    pub(crate) triggers: Vec<Option<trigger::Trigger>>,
    /// Per global id, the triggers whose condition reads it.
    pub(crate) watched: Vec<Vec<usize>>,
    /// Triggers to evaluate again after the current event.
    pub(crate) dirty_triggers: Vec<usize>,
    /// The `when` whose condition is being evaluated, and how many script
    /// function calls that evaluation has made so far: a call is known by
    /// the pair, so a `return when` function it made can hand back its
    /// value to the same call when the condition is evaluated again.
    pub(crate) cond_trigger: Option<usize>,
    pub(crate) cond_calls: u32,
    /// The condition call the running function was made by, if any.
    pub(crate) cond_call: Option<(usize, u32)>,
    /// Values `return when` functions produced, by condition call.
    pub(crate) when_results: Vec<((usize, u32), Value)>,
    /// A `return when` just left its function waiting: the call yields no
    /// value yet (and no warning about it).
    pub(crate) return_pending: bool,
    /// Set as the run ends: pending timers are flushed, tables don't expire.
    pub ending: bool,
    /// Set by `terminate()`: input processing stops, zeek_done still runs.
    pub terminating: bool,
    /// Events queued and events run so far (`get_event_stats`).
    pub events_queued: u64,
    pub events_dispatched: u64,
    /// The most timers pending at once (`get_timer_stats`).
    pub timers_max: u64,
    /// How deep the interpreter is in running events' handlers (0: no
    /// event is being handled).
    pub event_depth: u32,
    /// How deep the interpreter is in evaluating `when` conditions (the
    /// asynchronous built-ins may only be called there).
    pub when_cond_depth: u32,
    /// Tables whose `&on_change` function is running (it is not called
    /// again for them meanwhile).
    pub(crate) in_change: Vec<*const RefCell<crate::runtime::table::TableVal>>,
    /// `TableChange`'s values, once looked up.
    pub(crate) table_change: Vec<Value>,
    /// The `assertion_failure` and `assertion_result` hooks, once looked
    /// up (`None` until the first `assert` runs).
    pub(crate) assert_hooks: Option<AssertHooks>,
}

impl Scheduler {
    /// Adds a timer, counting it for `get_timer_stats`.
    pub(crate) fn add_timer(&mut self, when: f64, action: TimerAction) {
        self.timer_seq += 1;
        self.timers.push(Timer {
            when,
            seq: self.timer_seq,
            action,
        });
        self.timers_max = self.timers_max.max(self.timers.len() as u64);
    }
}

impl Interp {
    /// Runs each handler of an event; an error aborts only that handler.
    pub fn dispatch_event(&mut self, f: &Rc<FuncVal>, args: &[Value]) {
        self.sched.events_dispatched += 1;
        f.calls.set(f.calls.get() + 1);
        self.sched.event_depth += 1;
        let reporting = self.is_reporter_event(f);
        if reporting {
            self.enter_reporter_handler(true);
        }
        self.run_handlers(f, args);
        if reporting {
            self.enter_reporter_handler(false);
        }
        self.sched.event_depth -= 1;
    }

    fn run_handlers(&mut self, f: &Rc<FuncVal>, args: &[Value]) {
        for body in self.enabled_bodies(f) {
            // A stop that came while no step was taken (a blocking
            // built-in) ends the run here, not at the event's declaration.
            if self.check_stop() {
                return;
            }
            if let Err(e) = self.run_body(f, &body, args, f.span) {
                self.report_runtime(&e);
            }
            self.discard_return();
            if self.output.exit_code.is_some() {
                return;
            }
        }
        if !self.sched.dirty_triggers.is_empty() {
            self.process_triggers();
        }
    }

    pub fn queue_event(&mut self, f: Rc<FuncVal>, args: Vec<Value>) {
        let now = self.sched.network_time;
        self.queue_event_at(f, args, now);
    }

    /// Queues an event stamped with another time (a scheduled event
    /// carries the time it was scheduled for).
    pub fn queue_event_at(&mut self, f: Rc<FuncVal>, args: Vec<Value>, time: f64) {
        if !f.handlers.borrow().is_empty() {
            self.sched.events_queued += 1;
            self.sched.events.push_back((f, args, time));
        }
    }

    /// Runs queued events until the queue is empty.
    pub fn drain_events(&mut self) {
        while let Some((f, args, raised)) = self.sched.events.pop_front() {
            if self.check_stop() {
                self.sched.events.clear();
                return;
            }
            self.sched.event_time = raised;
            self.dispatch_event(&f, &args);
        }
    }

    pub fn schedule(&mut self, when: f64, event: Rc<FuncVal>, args: Vec<Value>) {
        self.sched.add_timer(when, TimerAction::Event(event, args));
    }

    /// Runs a due timer: queues its event (stamped `at`) or checks its
    /// table. A table's check only runs while time really reaches it, not
    /// when the run ends with timers left.
    pub fn fire_timer(&mut self, timer: Timer, at: f64) {
        match timer.action {
            TimerAction::Event(f, args) => self.queue_event_at(f, args, at),
            TimerAction::Expire(t) => {
                if timer.when <= self.sched.network_time && !self.sched.ending {
                    self.fire_expiry(&t);
                }
            }
            TimerAction::WhenTimeout(id) => {
                if timer.when <= self.sched.network_time && !self.sched.ending {
                    self.trigger_timed_out(id);
                }
            }
        }
    }

    /// Fires every timer due at or before `t`, advancing network time to
    /// each timer's time as it fires.
    pub fn advance_time(&mut self, t: f64) {
        self.fire_timers_up_to(t);
        if t > self.sched.network_time {
            self.sched.network_time = t;
        }
    }

    /// As the run ends without a packet source, Zeek's shutdown: Zeek
    /// does not wait for timers then (its main loop only runs while a
    /// packet source, input or `exit_only_after_terminate` keeps it
    /// alive), it expires them. Zeek is terminating from here on, every
    /// timer still pending fires once, in time order, stamped with network
    /// time (which stays where it is), and their events run. What those
    /// events schedule is never reached, so an event that keeps
    /// rescheduling itself (a SumStat's epoch) cannot keep the run alive.
    pub fn run_out_timers(&mut self) {
        self.sched.terminating = true;
        self.sched.ending = true;
        self.fire_timers_due_by(f64::INFINITY);
        self.drain_events();
    }

    fn fire_timers_up_to(&mut self, t: f64) {
        while let Some(top) = self.sched.timers.peek() {
            if top.when > t || self.check_stop() {
                break;
            }
            let Some(timer) = self.sched.timers.pop() else {
                break;
            };
            if !matches!(timer.action, TimerAction::Event(..)) && t >= f64::MAX / 4.0 {
                // The run is ending: table checks don't run on.
                continue;
            }
            if timer.when > self.sched.network_time {
                self.sched.network_time = timer.when;
            }
            let when = timer.when;
            self.fire_timer(timer, when);
            self.drain_events();
        }
    }
}

/// What the main loops (the trace's, the driver's idle loop) ask of the
/// scheduler: the clock, the timers due, and Zeek's rounds of draining.
impl Interp {
    /// Network time: the time of the last packet (or timer) reached.
    #[inline]
    pub fn network_time(&self) -> f64 {
        self.sched.network_time
    }

    /// Moves network time on to `t`; it never goes back.
    #[inline]
    pub fn advance_clock(&mut self, t: f64) {
        if t > self.sched.network_time {
            self.sched.network_time = t;
        }
    }

    /// When the earliest timer is due, if one is pending.
    #[inline]
    pub fn next_timer_due(&self) -> Option<f64> {
        self.sched.timers.peek().map(|t| t.when)
    }

    /// Fires the earliest timer, stamped with its due time, or with
    /// network time for one that never came due (the run is ending).
    pub fn fire_next_timer(&mut self) {
        if let Some(tm) = self.sched.timers.pop() {
            let at = tm.when.min(self.sched.network_time);
            self.fire_timer(tm, at);
        }
    }

    /// Fires, in time order, every timer due by `t` (the events they
    /// queue run later, with the rest of the queue).
    pub fn fire_timers_due_by(&mut self, t: f64) {
        while self.next_timer_due().is_some_and(|w| w <= t) {
            self.fire_next_timer();
        }
    }

    /// Whether events wait in the queue.
    #[inline]
    pub fn has_queued_events(&self) -> bool {
        !self.sched.events.is_empty()
    }

    /// Runs one of Zeek's draining rounds: the events queued now, each
    /// stamped with the time it was raised; what they raise waits for the
    /// next round. `after` gets each event's arguments back once its
    /// handlers ran. Returns false, with the queue dropped, once a script
    /// ended the run.
    #[inline]
    pub fn run_event_round(&mut self, mut after: impl FnMut(&mut Interp, Vec<Value>)) -> bool {
        let mut batch = std::mem::take(&mut self.sched.events);
        while let Some((f, args, raised)) = batch.pop_front() {
            if self.output.exit_code.is_some() {
                self.sched.events.clear();
                return false;
            }
            self.sched.event_time = raised;
            self.dispatch_event(&f, &args);
            after(self, args);
        }
        // Keep the buffer for what this round raised.
        batch.append(&mut self.sched.events);
        self.sched.events = batch;
        true
    }

    /// Whether `terminate()` was called: input stops, the shutdown runs.
    #[inline]
    pub fn is_terminating(&self) -> bool {
        self.sched.terminating
    }

    /// Names the trace network time comes from (`-r`), if one is read.
    pub fn set_packet_source(&mut self, path: Option<String>) {
        self.sched.packet_source = path;
    }
}
