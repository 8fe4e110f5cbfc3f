//! Execution of statements.

use super::access::{index_span, vector_index};
use super::{Flow, Interp, Result};
use crate::diag::Diagnostic;
use crate::runtime::format;
use crate::runtime::func::FuncVal;
use crate::runtime::ir::{ForKind, Stmt, StmtKind};
use crate::runtime::types::Type;
use crate::runtime::value::{RecordVal, Value, VectorVal};
use crate::syntax::ast::{FuncKind, Span};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub fn exec_block(&mut self, stmts: &[Stmt]) -> Result<Flow> {
        for s in stmts {
            match self.exec(s)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Runs one statement; the frequent forms are handled here with a
    /// small stack frame, the rest in `exec_general`.
    #[inline]
    pub fn exec(&mut self, s: &Stmt) -> Result<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                if let crate::runtime::ir::ExprKind::Assign(lv, rhs) = &e.kind {
                    if let crate::runtime::ir::LValue::Local(slot) = &**lv {
                        let v = self.eval(rhs)?;
                        Value::store(self.local_mut(*slot), v);
                        return Ok(Flow::Normal);
                    }
                }
                self.exec_general(s)
            }
            StmtKind::If(c, then, els) => {
                if self.eval_cond(c)? {
                    self.exec_block(then)
                } else {
                    self.exec_block(els)
                }
            }
            StmtKind::Return(Some(e)) => {
                // Counts are stored by tag and word (see `returned`).
                let v = match self.try_count(e) {
                    Some(c) => Value::Count(c),
                    None => match self.eval(e)? {
                        Value::Count(c) => Value::Count(c),
                        v => v,
                    },
                };
                Value::store(&mut self.calls.ret, v);
                Ok(Flow::Return)
            }
            StmtKind::Local(slot, Some(e)) => {
                let v = self.eval(e)?;
                Value::store(self.local_mut(*slot), v);
                Ok(Flow::Normal)
            }
            _ => self.exec_general(s),
        }
    }

    #[inline(never)]
    fn exec_general(&mut self, s: &Stmt) -> Result<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => match &e.kind {
                // An assignment whose value is not used: no copy of it.
                crate::runtime::ir::ExprKind::Assign(lv, rhs) => {
                    let v = self.eval(rhs)?;
                    match &**lv {
                        crate::runtime::ir::LValue::Local(slot) => {
                            Value::store(self.local_mut(*slot), v)
                        }
                        lv => self.assign(lv, v, e)?,
                    }
                }
                _ => {
                    self.eval(e)?;
                }
            },
            StmtKind::Print(args) => {
                let vals = self.eval_args(args)?;
                // `print f, ...` with a file first writes the rest to it.
                if vals.len() > 1 {
                    if let Some(f) = crate::runtime::opaque::file_state(&vals[0]) {
                        if self.log_print(&vals[1..], true, s.span)? {
                            return Ok(Flow::Normal);
                        }
                        let mut line = format::print_line(&vals[1..]);
                        line.push(b'\n');
                        f.borrow_mut().write(&line);
                        return Ok(Flow::Normal);
                    }
                }
                if self.log_print(&vals, false, s.span)? {
                    return Ok(Flow::Normal);
                }
                let mut line = format::print_line(&vals);
                line.push(b'\n');
                self.write_out(&line);
            }
            StmtKind::Event(f, args) => {
                let Value::Func(func) = self.eval(f)? else {
                    return Err(self.error_at(s.span, "event of a non-event"));
                };
                let args = self.eval_args(args)?;
                self.queue_event(func, args);
            }
            StmtKind::If(c, then, els) => {
                return if self.eval_cond(c)? {
                    self.exec_block(then)
                } else {
                    self.exec_block(els)
                };
            }
            StmtKind::While(c, body) => {
                while self.eval_cond(c)? {
                    self.step(s.span)?;
                    match self.exec_block(body)? {
                        Flow::Break => break,
                        Flow::Return => return Ok(Flow::Return),
                        _ => {}
                    }
                }
            }
            StmtKind::For(kind, iter, body) => return self.exec_for(kind, iter, body, s.span),
            StmtKind::Switch {
                value,
                by_value,
                by_type,
                default,
                cases,
            } => {
                let v = self.eval(value)?;
                let start = if by_type.is_empty() {
                    by_value.get(&v).copied().or(*default)
                } else {
                    by_type
                        .iter()
                        .find(|(t, _)| super::casts::has_type(&v, t))
                        .map(|(_, i)| *i)
                        .or(*default)
                };
                let Some(mut i) = start else {
                    return Ok(Flow::Normal);
                };
                while i < cases.len() {
                    if let Some((slot, ty)) = &cases[i].bind {
                        if let Some(cv) = super::casts::cast(&v, ty) {
                            *self.local_mut(*slot) = cv;
                        }
                    }
                    match self.exec_block(&cases[i].body)? {
                        Flow::Fallthrough => i += 1,
                        Flow::Break | Flow::Normal => break,
                        other => return Ok(other),
                    }
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Next => return Ok(Flow::Next),
            StmtKind::Fallthrough => return Ok(Flow::Fallthrough),
            StmtKind::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?,
                    None => Value::Unset,
                };
                self.calls.ret = v;
                return Ok(Flow::Return);
            }
            StmtKind::Add(t, k) => {
                if !self.sched.watched.is_empty() {
                    self.note_container_write(t);
                }
                let Value::Table(tab) = self.eval(t)? else {
                    return Err(self.error_at(s.span, "add to a non-set"));
                };
                let key = self.eval(k)?;
                self.warn_if_looping(&tab, &key, true, index_span(t, k));
                let created = if tab.borrow().on_change().is_some() {
                    self.insert_watched(&tab, &key, Value::Unset)?
                } else {
                    tab.borrow_mut().insert(key.clone(), Value::Unset)
                };
                if tab.borrow().expiry().is_some() {
                    self.touch_entry(&tab, &key, true, created);
                }
            }
            StmtKind::Delete(t, k) => {
                if !self.sched.watched.is_empty() {
                    self.note_container_write(t);
                }
                let tv = self.eval(t)?;
                let key = self.eval(k)?;
                if let Value::Table(tab) = tv {
                    self.warn_if_looping(&tab, &key, false, index_span(t, k));
                    if tab.borrow().on_change().is_some() {
                        self.remove_watched(&tab, &key)?;
                    } else {
                        tab.borrow_mut().remove(&key);
                    }
                }
            }
            StmtKind::DeleteField(r, i) => {
                if let Value::Record(rec) = self.eval(r)? {
                    // As in Zeek, the field is unset: reading it gives its
                    // `&default` (evaluated anew), `?$` says F.
                    if let Some(f) = rec.borrow_mut().fields.get_mut(*i as usize) {
                        *f = Value::Unset;
                    }
                }
            }
            StmtKind::Clear(c) => match self.eval(c)? {
                Value::Table(t) => t.borrow_mut().clear(),
                Value::Vector(v) => v.borrow_mut().items.clear(),
                _ => {}
            },
            StmtKind::Local(slot, init) => {
                let v = match init {
                    Some(e) => self.eval(e)?,
                    None => Value::Unset,
                };
                Value::store(self.local_mut(*slot), v);
            }
            StmtKind::Block(b) => return self.exec_block(b),
            StmtKind::Assert(c, msg, text) => {
                let ok = self.eval(c)?.as_bool();
                let (failure, result) = self.assert_hooks();
                if !ok || result.is_some() {
                    let m = match msg {
                        Some(m) => self.eval(m)?,
                        None => Value::str(b""),
                    };
                    return self.report_assert(ok, text, m, failure, result, s.span);
                }
            }
            StmtKind::When(info) => return self.exec_when(info),
        }
        Ok(Flow::Normal)
    }

    fn exec_table_loop(
        &mut self,
        keys: &[u32],
        value: &Option<u32>,
        entries: Vec<(Value, Value)>,
        body: &[Stmt],
        span: crate::syntax::ast::Span,
    ) -> Result<Flow> {
        for (k, v) in entries {
            self.step(span)?;
            if keys.len() == 1 {
                *self.local_mut(keys[0]) = k;
            } else if let Value::Tuple(parts) = &k {
                for (slot, part) in keys.iter().zip(parts.iter()) {
                    *self.local_mut(*slot) = part.clone();
                }
            }
            if let Some(vs) = value {
                *self.local_mut(*vs) = v;
            }
            match self.exec_block(body)? {
                Flow::Break => break,
                Flow::Return => return Ok(Flow::Return),
                _ => {}
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_for(
        &mut self,
        kind: &ForKind,
        iter: &crate::runtime::ir::Expr,
        body: &[Stmt],
        span: crate::syntax::ast::Span,
    ) -> Result<Flow> {
        let coll = self.eval(iter)?;
        match (kind, coll) {
            (ForKind::Table { keys, value }, Value::Table(t)) => {
                // Iterate over a snapshot so the body may modify the table.
                let entries: Vec<(Value, Value)> = t
                    .borrow()
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            if value.is_some() {
                                v.clone()
                            } else {
                                Value::Unset
                            },
                        )
                    })
                    .collect();
                // Zeek's loop holds an iterator on the table until it ends.
                t.borrow().begin_iteration();
                let flow = self.exec_table_loop(keys, value, entries, body, span);
                t.borrow().end_iteration();
                return flow;
            }
            (ForKind::Vector { index, value }, Value::Vector(v)) => {
                let mut i = 0usize;
                loop {
                    let item = {
                        let vb = v.borrow();
                        if i >= vb.items.len() {
                            break;
                        }
                        vb.items[i].clone()
                    };
                    if item.is_unset() {
                        // holes are skipped
                        i += 1;
                        continue;
                    }
                    // The body may append to the vector, so this loop
                    // need not end by itself.
                    self.step(span)?;
                    *self.local_mut(*index) = Value::Count(i as u64);
                    if let Some(vs) = value {
                        *self.local_mut(*vs) = item;
                    }
                    match self.exec_block(body)? {
                        Flow::Break => break,
                        Flow::Return => return Ok(Flow::Return),
                        _ => {}
                    }
                    i += 1;
                }
                let _ = vector_index;
            }
            (ForKind::String { var }, Value::String(s)) => {
                for b in s.iter() {
                    self.step(span)?;
                    *self.local_mut(*var) = Value::str(&[*b]);
                    match self.exec_block(body)? {
                        Flow::Break => break,
                        Flow::Return => return Ok(Flow::Return),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Ok(Flow::Normal)
    }
}

impl Interp {
    /// The `assertion_failure` and `assertion_result` hooks, when they have
    /// bodies (looked up by name once).
    fn assert_hooks(&mut self) -> (Option<Rc<FuncVal>>, Option<Rc<FuncVal>>) {
        if self.sched.assert_hooks.is_none() {
            let hook = |i: &Self, name: &str| match i.global_named(name) {
                Some(Value::Func(f)) if f.kind == FuncKind::Hook => Some(f.clone()),
                _ => None,
            };
            let found = (
                hook(self, "assertion_failure"),
                hook(self, "assertion_result"),
            );
            self.sched.assert_hooks = Some(found);
        }
        let Some((failure, result)) = &self.sched.assert_hooks else {
            return (None, None);
        };
        let live = |f: &Option<Rc<FuncVal>>| f.clone().filter(|f| !f.handlers.borrow().is_empty());
        (live(failure), live(result))
    }

    /// Zeek's `report_assert`: the result hook hears every outcome, the
    /// failure hook each failure; unless one of them says `break`, a
    /// failure is reported as an error. A failure ends the handler.
    fn report_assert(
        &mut self,
        ok: bool,
        cond: &str,
        msg: Value,
        failure: Option<Rc<FuncVal>>,
        result: Option<Rc<FuncVal>>,
        span: Span,
    ) -> Result<Flow> {
        let cond_v = Value::str(cond.as_bytes());
        let mut report = true;
        if let Some(h) = &result {
            let bt = self.assert_backtrace(h, 3, span);
            let args = [Value::Bool(ok), cond_v.clone(), msg.clone(), bt];
            report &= self.call(h, &args, span)?.as_bool();
        }
        if ok {
            return Ok(Flow::Normal);
        }
        if let Some(h) = &failure {
            let bt = self.assert_backtrace(h, 2, span);
            let args = [cond_v, msg.clone(), bt];
            report &= self.call(h, &args, span)?.as_bool();
        }
        let mut d = Diagnostic::error(span, String::new());
        if report {
            let text = match &msg {
                Value::String(s) if !s.is_empty() => format!(
                    "assertion failure: {cond} ({})",
                    String::from_utf8_lossy(&format::to_display(&msg))
                ),
                _ => format!("assertion failure: {cond}"),
            };
            d.message = text;
        } else {
            d.severity = crate::diag::Severity::Quiet;
        }
        Err(Box::new(d))
    }

    /// The `Backtrace` a hook's parameter `param` takes: the `assert`
    /// statement's own element, with its file and line. (The frames of
    /// the script functions around it are not recorded by rzeek.)
    fn assert_backtrace(&self, hook: &FuncVal, param: usize, span: Span) -> Value {
        let bt_ty = match hook.ty.as_func().and_then(|f| f.params.get(param)) {
            Some(p) => p.ty.clone(),
            None => return Value::Unset,
        };
        let Some(Type::Record(rt)) = (match &*bt_ty {
            Type::Vector(e) => Some(&**e),
            _ => None,
        }) else {
            return Value::Unset;
        };
        let args_ty = rt.fields.borrow().get(1).map(|f| f.ty.clone());
        let (file, line) = match self.output.sources.get(span.file) {
            Some(f) => (f.name.clone(), f.line_of(span.lo as usize) as u64),
            None => (String::new(), 0),
        };
        let n = rt.fields.borrow().len();
        let mut fields = vec![Value::Unset; n];
        let mut set = |i: usize, v: Value| {
            if let Some(f) = fields.get_mut(i) {
                *f = v;
            }
        };
        set(0, Value::str(b"assert"));
        if let Some(t) = args_ty {
            set(
                1,
                Value::Vector(Rc::new(RefCell::new(VectorVal {
                    ty: t,
                    items: Vec::new(),
                }))),
            );
        }
        set(2, Value::string(file.into_bytes()));
        set(3, Value::Count(line));
        let elem = Value::Record(Rc::new(RefCell::new(RecordVal {
            ty: rt.clone(),
            fields,
        })));
        Value::Vector(Rc::new(RefCell::new(VectorVal {
            ty: bt_ty,
            items: vec![elem],
        })))
    }
}
