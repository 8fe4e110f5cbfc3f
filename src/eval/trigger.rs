//! `when` triggers: a condition that does not hold yet waits, with a copy
//! of its function's frame, and is evaluated again after the event in which
//! a global it reads changed; its body runs once the condition holds, its
//! timeout body if the timeout passes first.
//!
//! A global "changes" when it is assigned, or when its table, record or
//! vector is written one step down (`t[k] = v`, `add t[k]`, `t[k]$f = v`,
//! `r$f = v`). Deeper writes are not seen, as in Zeek, which watches the
//! values a condition reads rather than everything inside them.

use super::{Interp, Result, TimerAction};
use crate::runtime::ir::{Expr, ExprKind, LValue, WhenInfo};
use crate::runtime::value::Value;
use std::rc::Rc;

pub struct Trigger {
    info: Rc<WhenInfo>,
    /// The frame of the function the `when` is in, as it was then.
    frame: Vec<Value>,
    /// For a `return when`: the condition call its function was made by,
    /// which gets the value its body or timeout body returns.
    parent: Option<(usize, u32)>,
}

impl Interp {
    /// Runs a `when`: at once if its condition holds, else it waits.
    pub(crate) fn exec_when(&mut self, info: &Rc<WhenInfo>) -> Result<super::Flow> {
        let parent = if info.is_return {
            self.sched.cond_call
        } else {
            None
        };
        // The slot is taken before the condition runs, so calls in it are
        // known by this trigger's id.
        let id = self.sched.triggers.len();
        self.sched.triggers.push(None);
        let cond = self.eval_when_cond(info, id);
        let holds = match cond {
            Ok(v) => Self::when_holds(info, &v),
            Err(d) => {
                self.report_runtime(&d);
                false
            }
        };
        if holds {
            if self.sched.triggers.len() == id + 1 {
                self.sched.triggers.pop();
            }
            return self.exec_block(&info.body);
        }
        let frame = self
            .calls
            .stack
            .get(self.calls.base..)
            .map(<[Value]>::to_vec)
            .unwrap_or_default();
        self.sched.triggers[id] = Some(Trigger {
            info: info.clone(),
            frame,
            parent,
        });
        for &g in &info.deps {
            let g = g as usize;
            if self.sched.watched.len() <= g {
                self.sched.watched.resize(g + 1, Vec::new());
            }
            self.sched.watched[g].push(id);
        }
        if let Some((t, _)) = &info.timeout {
            let secs = self.eval(t)?.as_double();
            let when = self.sched.network_time + secs;
            self.push_trigger_timer(when, id);
        }
        if info.is_return {
            // The function returns now; its value comes later.
            self.sched.return_pending = true;
            self.discard_return();
            return Ok(super::Flow::Return);
        }
        Ok(super::Flow::Normal)
    }

    /// Evaluates the condition of trigger `id`, its calls counted afresh.
    fn eval_when_cond(&mut self, info: &WhenInfo, id: usize) -> Result<Value> {
        let saved = (
            self.sched.cond_trigger.replace(id),
            std::mem::take(&mut self.sched.cond_calls),
        );
        self.sched.when_cond_depth += 1;
        let cond = self.eval(&info.cond);
        self.sched.when_cond_depth -= 1;
        (self.sched.cond_trigger, self.sched.cond_calls) = saved;
        cond
    }

    /// A script function called in a `when` condition: the value a
    /// `return when` in an earlier call at the same place produced, if
    /// there is one; else the call is noted as the current one.
    #[cold]
    #[inline(never)]
    pub(crate) fn cond_call_enter(&mut self) -> (Option<Value>, Option<(usize, u32)>) {
        let Some(t) = self.sched.cond_trigger else {
            return (None, self.sched.cond_call);
        };
        let key = (t, self.sched.cond_calls);
        self.sched.cond_calls += 1;
        if let Some(i) = self.sched.when_results.iter().position(|(k, _)| *k == key) {
            let (_, v) = self.sched.when_results.swap_remove(i);
            return (Some(v), self.sched.cond_call);
        }
        (None, self.sched.cond_call.replace(key))
    }

    /// After a `return when` body ran: its value goes to the call that
    /// waits for it, whose condition is looked at again.
    fn deliver_return(&mut self, parent: Option<(usize, u32)>) {
        let Some(key) = parent else {
            self.discard_return();
            return;
        };
        let v = std::mem::replace(&mut self.calls.ret, Value::Unset);
        self.sched.when_results.push((key, v));
        if !self.sched.dirty_triggers.contains(&key.0) {
            self.sched.dirty_triggers.push(key.0);
        }
    }

    fn when_holds(info: &WhenInfo, v: &Value) -> bool {
        if info.binds {
            !v.is_unset()
        } else {
            v.as_bool()
        }
    }

    /// A global was written: the triggers reading it are evaluated again
    /// after the current event.
    pub(crate) fn global_changed(&mut self, g: u32) {
        if let Some(ids) = self.sched.watched.get(g as usize) {
            for &id in ids {
                if !self.sched.dirty_triggers.contains(&id) {
                    self.sched.dirty_triggers.push(id);
                }
            }
        }
    }

    /// The global a write through `lv` changes, if it is one Zeek sees.
    pub(crate) fn note_write(&mut self, lv: &LValue) {
        let root = match lv {
            LValue::Global(g) => Some(*g),
            LValue::Field(r, _) | LValue::TableIndex(r, _) | LValue::VectorIndex(r, _) => {
                near_global(r)
            }
            _ => None,
        };
        if let Some(g) = root {
            self.global_changed(g);
        }
    }

    /// `add`/`delete` on a container expression.
    pub(crate) fn note_container_write(&mut self, container: &Expr) {
        if let ExprKind::Global(g) = container.kind {
            self.global_changed(g);
        }
    }

    /// Evaluates the triggers whose inputs changed, in the order they
    /// changed in.
    pub(crate) fn process_triggers(&mut self) {
        while !self.sched.dirty_triggers.is_empty() {
            let ids = std::mem::take(&mut self.sched.dirty_triggers);
            for id in ids {
                self.evaluate_trigger(id);
            }
        }
    }

    fn evaluate_trigger(&mut self, id: usize) {
        let Some(Some(t)) = self.sched.triggers.get(id) else {
            return;
        };
        let info = t.info.clone();
        let frame = t.frame.clone();
        let parent = t.parent;
        let saved = self.enter_frame(frame);
        let cond = self.eval_when_cond(&info, id);
        let holds = match cond {
            Ok(v) => Self::when_holds(&info, &v),
            // Zeek reported the error when the `when` was reached.
            Err(_) => false,
        };
        if holds {
            self.finish_trigger(id);
            if let Err(d) = self.exec_block(&info.body) {
                self.report_runtime(&d);
            }
            self.deliver_return(parent);
        }
        self.leave_frame(saved);
    }

    /// The timeout of a trigger passed: unless its body ran, the timeout
    /// body runs.
    pub(crate) fn trigger_timed_out(&mut self, id: usize) {
        let Some(Some(t)) = self.sched.triggers.get(id) else {
            return;
        };
        let info = t.info.clone();
        let frame = t.frame.clone();
        let parent = t.parent;
        self.finish_trigger(id);
        if let Some((_, body)) = &info.timeout {
            let saved = self.enter_frame(frame);
            if let Err(d) = self.exec_block(body) {
                self.report_runtime(&d);
            }
            self.deliver_return(parent);
            self.leave_frame(saved);
        }
        self.process_triggers();
        self.drain_events();
    }

    fn finish_trigger(&mut self, id: usize) {
        if let Some(slot) = self.sched.triggers.get_mut(id) {
            *slot = None;
        }
        for ids in &mut self.sched.watched {
            ids.retain(|&x| x != id);
        }
    }

    fn enter_frame(&mut self, frame: Vec<Value>) -> (usize, usize) {
        let new_base = self.calls.stack.len();
        self.calls.stack.extend(frame);
        (std::mem::replace(&mut self.calls.base, new_base), new_base)
    }

    fn leave_frame(&mut self, (base, new_base): (usize, usize)) {
        self.calls.base = base;
        self.calls.stack.truncate(new_base);
    }

    fn push_trigger_timer(&mut self, when: f64, id: usize) {
        self.sched.add_timer(when, TimerAction::WhenTimeout(id));
    }
}

/// The global an expression reaches in at most one step: `g`, `g[k]`,
/// `g$f`.
fn near_global(e: &Expr) -> Option<u32> {
    match &e.kind {
        ExprKind::Global(g) => Some(*g),
        ExprKind::TableIndex(t, _) | ExprKind::VectorIndex(t, _) | ExprKind::Field(t, _) => {
            match t.kind {
                ExprKind::Global(g) => Some(g),
                _ => None,
            }
        }
        _ => None,
    }
}
