//! Reading and writing into aggregates: record construction with field
//! defaults, table lookups and their `&default`s, vector indexing and
//! slices, and assignment to every kind of target (`x`, `r$f`, `t[k]`,
//! `v[i]`, slices).

use super::{Interp, Result};
use crate::runtime::ir::{Expr, ExprKind, LValue};
use crate::runtime::table::{TableDefault, TableVal};
use crate::runtime::types::RecordType;
use crate::runtime::value::{RecordVal, Value, VectorVal};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub fn eval_field_default(&mut self, idx: u32) -> Result<Value> {
        // The default expressions live in the interpreter; evaluate a
        // taken-out copy so `self` stays borrowable.
        let e = std::mem::replace(
            &mut self.globals.field_defaults[idx as usize],
            Expr {
                kind: ExprKind::Const(Value::Unset),
                span: Default::default(),
            },
        );
        let r = self.eval(&e);
        self.globals.field_defaults[idx as usize] = e;
        r
    }

    /// A record of a type with every `&default` applied.
    pub fn new_record(&mut self, rt: &Rc<RecordType>) -> Result<Rc<RefCell<RecordVal>>> {
        let n = rt.fields.borrow().len();
        self.new_record_with(rt, vec![Value::Unset; n], 0)
    }

    /// A record of a type from `fields` (one slot per field) holding the
    /// values a constructor gave, with the `&default`s of the others: a
    /// default is not evaluated for a field given a value, as in Zeek.
    /// `given` marks the given fields among the first 128; past those an
    /// unset slot counts as not given.
    pub fn new_record_with(
        &mut self,
        rt: &Rc<RecordType>,
        mut fields: Vec<Value>,
        given: u128,
    ) -> Result<Rc<RefCell<RecordVal>>> {
        for (i, slot) in fields.iter_mut().enumerate() {
            let was_given = if i < 128 {
                given & (1 << i) != 0
            } else {
                !slot.is_unset()
            };
            if was_given {
                continue;
            }
            // The borrow ends before the default runs (it may make
            // records of this type).
            let default = rt.fields.borrow().get(i).and_then(|f| f.default);
            if let Some(d) = default {
                *slot = self.eval_field_default(d)?;
            }
        }
        let r = Rc::new(RefCell::new(RecordVal {
            ty: rt.clone(),
            fields,
        }));
        if let Some(made) = &mut self.globals.parse_time_records {
            made.push(Rc::downgrade(&r));
        }
        Ok(r)
    }

    /// After `redef record` added fields to `rt` (those from `first` on):
    /// every record of that type made while reading the scripts gets them,
    /// each evaluating the fields' defaults for itself, in the order the
    /// records were made.
    pub fn extend_parse_time_records(&mut self, rt: &Rc<RecordType>, first: usize) {
        let Some(made) = &self.globals.parse_time_records else {
            return;
        };
        let mine: Vec<_> = made
            .iter()
            .filter_map(|w| w.upgrade())
            .filter(|r| Rc::ptr_eq(&r.borrow().ty, rt))
            .collect();
        let defaults: Vec<Option<u32>> = rt
            .fields
            .borrow()
            .iter()
            .skip(first)
            .map(|f| f.default)
            .collect();
        for r in mine {
            if r.borrow().fields.len() != first {
                continue;
            }
            for d in &defaults {
                let v = match d {
                    Some(i) => self.eval_field_default(*i).unwrap_or(Value::Unset),
                    None => Value::Unset,
                };
                r.borrow_mut().fields.push(v);
            }
        }
    }

    pub fn apply_table_attrs(
        &mut self,
        t: &mut TableVal,
        attrs: &crate::runtime::ir::TableAttrs,
    ) -> Result<()> {
        if attrs.ordered {
            t.set_ordered();
        }
        if let Some(d) = &attrs.default {
            let v = self.eval(d)?;
            let t = t.attrs_mut();
            t.default_insert = attrs.default_insert;
            t.default = Some(if attrs.default_is_func {
                TableDefault::Func(v)
            } else {
                TableDefault::Value(v)
            });
        }
        if let Some((kind, iv)) = &attrs.expire {
            // A running timer keeps serving the table.
            let armed = t.expiry().is_some_and(|x| x.armed);
            let mut x = self.make_expiry(*kind, iv, attrs.expire_func.as_ref())?;
            x.armed = armed;
            t.attrs_mut().expiry = Some(x);
        }
        if let Some(f) = &attrs.on_change {
            t.attrs_mut().on_change = Some(self.eval(f)?);
        }
        Ok(())
    }

    pub(crate) fn table_lookup(&mut self, tv: &Value, key: Value, e: &Expr) -> Result<Value> {
        let Value::Table(t) = tv else {
            return Err(self.error_at(e.span, "indexing a non-table"));
        };
        let found = t.borrow().get(&key).cloned();
        if let Some(v) = found {
            if t.borrow().expiry().is_some() {
                self.touch_entry(t, &key, false, false);
            }
            return Ok(v);
        }
        if let Some(k) = t.borrow().subnet_match(&key) {
            return Ok(t.borrow().get(&k).cloned().unwrap_or(Value::Unset));
        }
        let default = t.borrow().default().cloned();
        let v = match default {
            Some(TableDefault::Value(v)) => match &v {
                // An aggregate default is copied so entries do not share it.
                Value::Record(_) | Value::Table(_) | Value::Vector(_) => v.deep_copy(),
                _ => v,
            },
            Some(TableDefault::Func(Value::Func(f))) => {
                let args = match &key {
                    Value::Tuple(parts) => parts.as_ref().clone(),
                    k => vec![k.clone()],
                };
                self.call(&f, &args, e.span)?
            }
            _ => return Err(self.error_at(e.span, "no such index")),
        };
        if t.borrow().default_insert() {
            if t.borrow().on_change().is_some() {
                self.insert_watched(t, &key, v.clone())?;
            } else {
                t.borrow_mut().insert(key, v.clone());
            }
        }
        Ok(v)
    }

    pub(crate) fn vector_select(&mut self, vv: Value, sv: Value, e: &Expr) -> Result<Value> {
        let (Value::Vector(v), Value::Vector(sel)) = (&vv, &sv) else {
            return Err(self.error_at(e.span, "invalid vector selection"));
        };
        let v = v.borrow();
        let sel = sel.borrow();
        let mut items = Vec::new();
        if sel.items.iter().all(|x| matches!(x, Value::Bool(_))) {
            if sel.items.len() != v.items.len() {
                drop((v, sel));
                return Err(self.error_at(e.span, "size mismatch, boolean index and vector"));
            }
            for (x, b) in v.items.iter().zip(sel.items.iter()) {
                if b.as_bool() {
                    items.push(x.clone());
                }
            }
        } else {
            for i in sel.items.iter() {
                if i.is_unset() {
                    items.push(Value::Unset);
                    continue;
                }
                match vector_index(i.as_int(), v.items.len()).and_then(|i| v.items.get(i)) {
                    Some(x) => items.push(x.clone()),
                    None => {
                        drop((v, sel));
                        return Err(self.error_at(e.span, "no such index"));
                    }
                }
            }
        }
        Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
            ty: v.ty.clone(),
            items,
        }))))
    }

    pub fn read_lvalue(&mut self, lv: &LValue, e: &Expr) -> Result<Value> {
        match lv {
            LValue::Local(s) => Ok(self.local(*s).clone()),
            LValue::Global(g) => Ok(self.globals.values[*g as usize].clone()),
            LValue::Field(r, i) => {
                let Value::Record(rec) = self.eval(r)? else {
                    return Err(self.error_at(e.span, "field access on non-record"));
                };
                let v = rec
                    .borrow()
                    .fields
                    .get(*i as usize)
                    .cloned()
                    .unwrap_or(Value::Unset);
                Ok(v)
            }
            LValue::TableIndex(t, k) => {
                let tv = self.eval(t)?;
                let key = self.eval(k)?;
                self.table_lookup(&tv, key, e)
            }
            LValue::VectorIndex(v, i) => {
                let Value::Vector(vec) = self.eval(v)? else {
                    return Err(self.error_at(e.span, "indexing a non-vector"));
                };
                let i = self.eval(i)?.as_int();
                let vec = vec.borrow();
                let r = vector_index(i, vec.items.len())
                    .and_then(|i| vec.items.get(i))
                    .cloned();
                drop(vec);
                r.ok_or_else(|| self.error_at(e.span, "no such index"))
            }
            LValue::VectorSlice(..) => Err(self.error_at(e.span, "cannot read a slice target")),
        }
    }

    pub fn assign(&mut self, lv: &LValue, v: Value, e: &Expr) -> Result<()> {
        if !self.sched.watched.is_empty() {
            self.note_write(lv);
        }
        match lv {
            LValue::Local(s) => *self.local_mut(*s) = v,
            LValue::Global(g) => self.globals.values[*g as usize] = v,
            LValue::Field(r, i) => {
                let Value::Record(rec) = self.eval(r)? else {
                    return Err(self.error_at(e.span, "field assignment on non-record"));
                };
                let mut rec = rec.borrow_mut();
                let i = *i as usize;
                if rec.fields.len() <= i {
                    // Fields a redef added since take their defaults.
                    let ty = rec.ty.clone();
                    let defs = ty.fields.borrow();
                    for f in defs.iter().take(i + 1).skip(rec.fields.len()) {
                        rec.fields
                            .push(f.late_default.clone().unwrap_or(Value::Unset));
                    }
                    rec.fields.resize(i + 1, Value::Unset);
                }
                rec.fields[i] = v;
            }
            LValue::TableIndex(t, k) => {
                let Value::Table(tab) = self.eval(t)? else {
                    return Err(self.error_at(e.span, "index assignment on non-table"));
                };
                let key = self.eval(k)?;
                self.warn_if_looping(&tab, &key, true, index_span(t, k));
                let created = if tab.borrow().on_change().is_some() {
                    self.insert_watched(&tab, &key, v)?
                } else {
                    tab.borrow_mut().insert(key.clone(), v)
                };
                if tab.borrow().expiry().is_some() {
                    self.touch_entry(&tab, &key, true, created);
                }
            }
            LValue::VectorIndex(vec, i) => {
                let Value::Vector(vec) = self.eval(vec)? else {
                    return Err(self.error_at(e.span, "index assignment on non-vector"));
                };
                let i = self.eval(i)?.as_int();
                let mut vb = vec.borrow_mut();
                let len = vb.items.len();
                let idx = if i < 0 {
                    match vector_index(i, len) {
                        Some(x) => x,
                        None => {
                            drop(vb);
                            return Err(self.error_at(e.span, "no such index"));
                        }
                    }
                } else {
                    i as usize
                };
                if idx >= len {
                    if idx - len >= crate::runtime::value::MAX_VECTOR_GROWTH {
                        drop(vb);
                        return Err(self.error_at(e.span, "vector index too large"));
                    }
                    vb.items.resize(idx + 1, Value::Unset);
                }
                // In bounds: the vector was just grown past `idx`.
                vb.items[idx] = v;
            }
            LValue::VectorSlice(vec, lo, hi) => {
                let Value::Vector(vec) = self.eval(vec)? else {
                    return Err(self.error_at(e.span, "slice assignment on non-vector"));
                };
                let lo = match lo {
                    Some(l) => Some(self.eval(l)?.as_int()),
                    None => None,
                };
                let hi = match hi {
                    Some(h) => Some(self.eval(h)?.as_int()),
                    None => None,
                };
                let Value::Vector(src) = v else {
                    return Err(self.error_at(e.span, "slice assignment of non-vector"));
                };
                let new_items = src.borrow().items.clone();
                let mut vb = vec.borrow_mut();
                let (a, b) = slice_bounds(vb.items.len(), lo, hi);
                vb.items.splice(a..b.max(a), new_items);
            }
        }
        Ok(())
    }

    /// Zeek warns when a loop's table gains or loses a key inside the loop.
    pub(crate) fn warn_if_looping(
        &mut self,
        tab: &RefCell<TableVal>,
        key: &Value,
        adding: bool,
        at: crate::syntax::ast::Span,
    ) {
        let t = tab.borrow();
        if !t.in_loop() || t.contains(key) == adding {
            return;
        }
        drop(t);
        let msg = format!(
            "possible loop/iterator invalidation ({})",
            self.span_text(at)
        );
        let mut d = crate::diag::Diagnostic::runtime(at, msg);
        d.severity = crate::diag::Severity::RuntimeWarning;
        self.report_diag(&d);
    }
}

/// A vector position from a possibly negative index.
pub fn vector_index(i: i64, len: usize) -> Option<usize> {
    let idx = if i < 0 { len as i64 + i } else { i };
    (idx >= 0 && (idx as usize) < len).then_some(idx as usize)
}

pub(crate) fn slice_bounds(len: usize, lo: Option<i64>, hi: Option<i64>) -> (usize, usize) {
    let n = len as i64;
    let fix = |x: i64| if x < 0 { (n + x).max(0) } else { x.min(n) };
    let a = lo.map(fix).unwrap_or(0);
    let b = hi.map(fix).unwrap_or(n);
    (a as usize, b.max(a) as usize)
}

pub fn slice(v: &Value, lo: Option<i64>, hi: Option<i64>) -> Value {
    match v {
        Value::String(s) => {
            let (a, b) = slice_bounds(s.len(), lo, hi);
            Value::str(&s[a..b])
        }
        Value::Vector(vec) => {
            let vb = vec.borrow();
            let (a, b) = slice_bounds(vb.items.len(), lo, hi);
            Value::Vector(Rc::new(RefCell::new(VectorVal {
                ty: vb.ty.clone(),
                items: vb.items[a..b].to_vec(),
            })))
        }
        other => other.clone(),
    }
}

pub fn size(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::Count(s.len() as u64),
        Value::Table(t) => Value::Count(t.borrow().len() as u64),
        Value::Vector(vec) => Value::Count(vec.borrow().items.len() as u64),
        Value::Record(r) => Value::Count(r.borrow().ty.num_fields() as u64),
        Value::Count(c) => Value::Count(*c),
        Value::Int(i) => Value::Count(i.unsigned_abs()),
        Value::Double(d) => Value::Double(d.abs()),
        Value::Interval(d) | Value::Time(d) => Value::Double(d.abs()),
        Value::Addr(a) => Value::Count(if a.is_ipv4() { 32 } else { 128 }),
        Value::Subnet(s) => {
            let bits = if s.addr.is_ipv4() { 32 } else { 128 };
            Value::Double(2f64.powi(bits - s.width as i32))
        }
        Value::Port(p) => Value::Count(p.num as u64),
        Value::Enum(e) => Value::Count(e.value as u64),
        Value::Bool(b) => Value::Count(*b as u64),
        _ => Value::Count(0),
    }
}

/// The span of `t[k]` from the spans of its table and key expressions.
pub(crate) fn index_span(t: &Expr, k: &Expr) -> crate::syntax::ast::Span {
    crate::syntax::ast::Span::new(t.span.file, t.span.lo as usize, k.span.hi as usize + 1)
}
