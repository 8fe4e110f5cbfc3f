//! The reporter as scripts see it. Once the top-level statements have
//! run, every message (a script's `Reporter::info`, warnings, runtime
//! errors) is also raised as a `reporter_info`, `reporter_warning` or
//! `reporter_error` event, which the reporter framework turns into
//! reporter.log. Until `zeek_init` has been handled every message goes to
//! stderr too; after that the `Reporter::*_to_stderr` options decide.
//! A message from a handler of those events raises no further event.

use super::Interp;
use crate::diag::{Diagnostic, Severity};
use crate::runtime::func::FuncVal;
use crate::runtime::value::Value;
use std::rc::Rc;

/// Whether messages become events yet, and the three events.
#[derive(Default)]
pub struct ReporterState {
    /// Messages are raised as events from now on.
    via_events: bool,
    /// `zeek_init` has been handled: the `*_to_stderr` options apply.
    init_done: bool,
    /// reporter_info, reporter_warning and reporter_error, when declared.
    events: [Option<Rc<FuncVal>>; 3],
    /// How deeply handlers of those events are running now.
    in_handler: u32,
}

/// The message's level: 0 info, 1 warning, 2 error; fatal errors have
/// none (Zeek raises no event for them).
fn level(sev: Severity) -> Option<usize> {
    match sev {
        Severity::Info => Some(0),
        Severity::Warning | Severity::RuntimeWarning => Some(1),
        Severity::Error | Severity::Runtime | Severity::RuntimeFatal => Some(2),
        Severity::Fatal | Severity::Quiet => None,
    }
}

impl Interp {
    /// From now on messages are raised as events (after the top-level
    /// statements, before `zeek_init` runs).
    pub fn report_via_events(&mut self) {
        let find = |i: &Interp, name: &str| match i.global_named(name) {
            Some(Value::Func(f)) => Some(f.clone()),
            _ => None,
        };
        self.reporter.events = [
            find(self, "reporter_info"),
            find(self, "reporter_warning"),
            find(self, "reporter_error"),
        ];
        self.reporter.via_events = true;
    }

    /// `zeek_init` has been handled: the `Reporter::*_to_stderr` options
    /// decide from now on whether messages also go to stderr.
    pub fn reporter_init_done(&mut self) {
        self.reporter.init_done = true;
    }

    /// Whether `f` is one of the reporter's events (its handlers' own
    /// messages raise no more events).
    #[inline]
    pub(crate) fn is_reporter_event(&self, f: &Rc<FuncVal>) -> bool {
        self.reporter.via_events
            && self
                .reporter
                .events
                .iter()
                .any(|e| e.as_ref().is_some_and(|e| Rc::ptr_eq(e, f)))
    }

    pub(crate) fn enter_reporter_handler(&mut self, inside: bool) {
        if inside {
            self.reporter.in_handler += 1;
        } else {
            self.reporter.in_handler = self.reporter.in_handler.saturating_sub(1);
        }
    }

    /// Raises the event for a message, if messages are raised as events
    /// now. Returns whether the message goes to stderr as well.
    pub(crate) fn reporter_event(&mut self, d: &Diagnostic) -> bool {
        let Some(lvl) = level(d.severity) else {
            return true;
        };
        if self.reporter.in_handler > 0 {
            // The reporter's own handlers report to stderr only.
            return true;
        }
        if self.reporter.via_events {
            if let Some(ev) = self.reporter.events[lvl].clone() {
                let t = if self.sched.network_time != 0.0 {
                    self.sched.network_time
                } else {
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0.0, |d| d.as_secs_f64())
                };
                let loc = crate::diag::zeek_location(d, &self.output.sources).unwrap_or_default();
                let args = vec![
                    Value::Time(t),
                    Value::str(d.message.as_bytes()),
                    Value::str(loc.as_bytes()),
                ];
                self.queue_event(ev, args);
            }
        }
        if !self.reporter.init_done {
            return true;
        }
        let option = ["info_to_stderr", "warnings_to_stderr", "errors_to_stderr"][lvl];
        !matches!(
            self.global_named(&format!("Reporter::{option}")),
            Some(Value::Bool(false))
        )
    }
}
