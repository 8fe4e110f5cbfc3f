//! Table expiration (`&create_expire`, `&read_expire`, `&write_expire`,
//! `&expire_func`) the way Zeek runs it: each table with an expiry has a
//! timer that, every `table_expire_interval` of network time, removes the
//! entries not accessed within the table's interval. An `&expire_func` may
//! keep an entry by returning how much longer it should live.

use super::{Interp, Result, TimerAction};
use crate::runtime::ir::{Expr, ExprKind};
use crate::runtime::table::{ExpireKind, Expiry, TableVal};
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// What happened to a table entry, as `&on_change` is told
/// (`TableChange`'s values, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    New,
    Changed,
    Removed,
    Expired,
}

impl Change {
    fn enum_name(self) -> &'static str {
        match self {
            Change::New => "TABLE_ELEMENT_NEW",
            Change::Changed => "TABLE_ELEMENT_CHANGED",
            Change::Removed => "TABLE_ELEMENT_REMOVED",
            Change::Expired => "TABLE_ELEMENT_EXPIRED",
        }
    }
}

/// Zeek's default `table_expire_interval`.
const DEFAULT_EXPIRE_INTERVAL: f64 = 10.0;

/// Whether `e` can be evaluated outside the frame it was written in (it
/// reads only constants and globals), so it may be evaluated later.
fn closed(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Global(_) => true,
        ExprKind::Field(x, _) | ExprKind::Coerce(x, _) => closed(x),
        ExprKind::TableIndex(t, k) => closed(t) && closed(k),
        ExprKind::Tuple(xs) => xs.iter().all(closed),
        _ => false,
    }
}

impl Interp {
    /// The expiry of a table being made with these attributes. An
    /// expression that reads locals is evaluated now, since its frame is
    /// gone when the table's entries are checked.
    pub(crate) fn make_expiry(
        &mut self,
        kind: ExpireKind,
        interval: &Rc<Expr>,
        func: Option<&Rc<Expr>>,
    ) -> Result<Expiry> {
        let later = |e: &Rc<Expr>, me: &mut Interp| -> Result<Rc<Expr>> {
            if closed(e) {
                return Ok(e.clone());
            }
            let v = me.eval(e)?;
            Ok(Rc::new(Expr {
                kind: ExprKind::Const(v),
                span: e.span,
            }))
        };
        let interval = later(interval, self)?;
        let func = match func {
            Some(f) => Some(later(f, self)?),
            None => None,
        };
        Ok(Expiry {
            kind,
            interval,
            func,
            armed: false,
        })
    }

    /// Gives an existing table attributes; one with an expiry starts
    /// its timer now, as Zeek's does when the attributes are set.
    pub(crate) fn apply_table_attrs_to(
        &mut self,
        t: &Rc<RefCell<TableVal>>,
        attrs: &crate::runtime::ir::TableAttrs,
    ) -> Result<()> {
        self.apply_table_attrs(&mut t.borrow_mut(), attrs)?;
        let unarmed = t.borrow().expiry().is_some_and(|x| !x.armed);
        if unarmed {
            self.arm_expiry(t);
        }
        Ok(())
    }

    /// Records an access to `key` of `tab` and starts the table's expiry
    /// timer at its first write.
    pub(crate) fn touch_entry(
        &mut self,
        tab: &Rc<RefCell<TableVal>>,
        key: &Value,
        write: bool,
        created: bool,
    ) {
        let now = self.sched.network_time;
        let arm = tab.borrow_mut().touch(key, now, write, created);
        if arm {
            self.arm_expiry(tab);
        }
    }

    /// Starts the expiry timer of a table that has entries to watch.
    pub(crate) fn arm_expiry(&mut self, tab: &Rc<RefCell<TableVal>>) {
        if let Some(x) = tab.borrow_mut().attrs_mut().expiry.as_mut() {
            x.armed = true;
        }
        let when = self.sched.network_time + self.expire_interval();
        self.push_timer(when, TimerAction::Expire(Rc::downgrade(tab)));
    }

    fn expire_interval(&self) -> f64 {
        match self.globals.expire_interval_id {
            Some(id) => match self.globals.values.get(id as usize) {
                Some(Value::Interval(i)) => *i,
                _ => DEFAULT_EXPIRE_INTERVAL,
            },
            None => DEFAULT_EXPIRE_INTERVAL,
        }
    }

    /// A table's expiry timer is due: expire what is stale and run the
    /// timer again. A table no longer referenced anywhere is left alone.
    pub(crate) fn fire_expiry(&mut self, table: &Weak<RefCell<TableVal>>) {
        let Some(tab) = table.upgrade() else { return };
        let Some(x) = tab.borrow().expiry().cloned() else {
            return;
        };
        self.expire_entries(&tab, &x);
        if self.output.exit_code.is_none() {
            let when = self.sched.network_time + self.expire_interval();
            self.push_timer(when, TimerAction::Expire(Rc::downgrade(&tab)));
        }
    }

    fn expire_entries(&mut self, tab: &Rc<RefCell<TableVal>>, x: &Expiry) {
        let timeout = match self.eval(&x.interval) {
            Ok(v) => v.as_double(),
            Err(d) => {
                self.report_runtime(&d);
                return;
            }
        };
        if timeout < 0.0 {
            return;
        }
        let now = self.sched.network_time;
        let stale = tab.borrow().stale_keys(now - timeout);
        for key in stale {
            if !tab.borrow().contains(&key) {
                continue;
            }
            // An entry whose function fails (or was declared but never
            // given a body) is removed all the same, as in Zeek.
            if let Some(f) = &x.func {
                let asked = match self.expire_func(f) {
                    Ok((func, span)) => self.ask_expire_func(&func, span, tab, &key),
                    Err(d) => Err(d),
                };
                match asked {
                    Ok(more) if more > 0.0 => {
                        tab.borrow_mut().set_stamp(&key, now + more - timeout);
                        continue;
                    }
                    Ok(_) => {}
                    Err(d) => self.report_runtime(&d),
                }
            }
            let old = tab.borrow_mut().remove(&key);
            if let Some(old) = old.filter(|_| tab.borrow().on_change().is_some()) {
                if let Err(d) = self.table_changed(&tab.clone(), &key, Some(old), Change::Expired) {
                    self.report_runtime(&d);
                }
            }
        }
        self.drain_events();
    }

    /// Calls `&expire_func` with the table and the index; its answer is
    /// how much longer the entry lives.
    fn expire_func(
        &mut self,
        f: &Expr,
    ) -> Result<(Rc<crate::runtime::func::FuncVal>, crate::syntax::ast::Span)> {
        match self.eval(f)? {
            Value::Func(func) if func.builtin.is_some() || !func.handlers.borrow().is_empty() => {
                Ok((func, f.span))
            }
            Value::Func(func) => {
                let msg = format!("value used but not set ({})", func.name);
                Err(Box::new(crate::diag::Diagnostic::runtime(f.span, msg)))
            }
            _ => Err(self.error_at(f.span, "value used but not set")),
        }
    }

    fn ask_expire_func(
        &mut self,
        func: &Rc<crate::runtime::func::FuncVal>,
        span: crate::syntax::ast::Span,
        tab: &Rc<RefCell<TableVal>>,
        key: &Value,
    ) -> Result<f64> {
        let mut args = vec![Value::Table(tab.clone())];
        match key {
            Value::Tuple(parts) => args.extend(parts.iter().cloned()),
            k => args.push(k.clone()),
        }
        let v = self.call(func, &args, span)?;
        Ok(v.as_double())
    }

    /// Stores into a table with an `&on_change` function, then tells it
    /// (a new entry with its value, a changed one with the value it had).
    /// Returns whether the entry is new.
    pub(crate) fn insert_watched(
        &mut self,
        tab: &Rc<RefCell<TableVal>>,
        key: &Value,
        v: Value,
    ) -> Result<bool> {
        let old = tab.borrow().peek(key).cloned();
        let created = tab.borrow_mut().insert(key.clone(), v.clone());
        if created {
            self.table_changed(tab, key, Some(v), Change::New)?;
        } else {
            self.table_changed(tab, key, old, Change::Changed)?;
        }
        Ok(created)
    }

    /// Removes from a table with an `&on_change` function, then tells it.
    pub(crate) fn remove_watched(
        &mut self,
        tab: &Rc<RefCell<TableVal>>,
        key: &Value,
    ) -> Result<()> {
        let old = tab.borrow_mut().remove(key);
        self.table_changed(tab, key, old, Change::Removed)
    }

    /// Calls a table's `&on_change` function after a change to `key`:
    /// with the table, the kind of change, the index and (for a table,
    /// not a set) the value before the change, or the new value of a new
    /// entry. Not while the same table's function is already running,
    /// and a table entry that was not there is not news. An error in the
    /// function is reported and goes no further, as in Zeek.
    pub(crate) fn table_changed(
        &mut self,
        tab: &Rc<RefCell<TableVal>>,
        key: &Value,
        value: Option<Value>,
        change: Change,
    ) -> Result<()> {
        let Some(Value::Func(f)) = tab.borrow().on_change().cloned() else {
            return Ok(());
        };
        let is_set = tab.borrow().is_set();
        if (!is_set && value.is_none()) || self.sched.in_change.contains(&Rc::as_ptr(tab)) {
            return Ok(());
        }
        let kind = self.table_change_value(change);
        let mut args = vec![Value::Table(tab.clone()), kind];
        match key {
            Value::Tuple(parts) => args.extend(parts.iter().cloned()),
            k => args.push(k.clone()),
        }
        if !is_set {
            args.extend(value);
        }
        self.sched.in_change.push(Rc::as_ptr(tab));
        let r = self.call(&f, &args, f.span);
        self.sched.in_change.retain(|t| *t != Rc::as_ptr(tab));
        if let Err(d) = r {
            if self.output.exit_code.is_some() {
                return Err(d);
            }
            self.report_runtime(&d);
        }
        Ok(())
    }

    /// The `TableChange` value for a change (looked up once).
    fn table_change_value(&mut self, change: Change) -> Value {
        if self.sched.table_change.is_empty() {
            let all = [
                Change::New,
                Change::Changed,
                Change::Removed,
                Change::Expired,
            ];
            self.sched.table_change = all
                .iter()
                .map(|c| {
                    self.global_named(c.enum_name())
                        .cloned()
                        .unwrap_or(Value::Unset)
                })
                .collect();
        }
        self.sched.table_change[change as usize].clone()
    }

    fn push_timer(&mut self, when: f64, action: TimerAction) {
        self.sched.add_timer(when, action);
    }
}
