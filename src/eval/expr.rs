//! Evaluation of expressions and assignments.

use super::access::{size, slice, vector_index};
use super::casts::cast;
use super::ops::{self, contains, set_op};
use super::{Interp, Result};
use crate::runtime::func::FuncVal;
use crate::runtime::ir::{Expr, ExprKind, LValue};
use crate::runtime::table::TableVal;
use crate::runtime::types::type_of;
use crate::runtime::value::{Value, VectorVal};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    /// Evaluates an expression. The common, cheap forms are handled here
    /// with a small stack frame; everything else goes to `eval_general`.
    #[inline]
    pub fn eval(&mut self, e: &Expr) -> Result<Value> {
        match &e.kind {
            ExprKind::Const(v) => Ok(v.clone()),
            ExprKind::Local(s) => match self.local(*s) {
                Value::Unset => Err(self.unset_error(e)),
                Value::Count(c) => Ok(Value::Count(*c)),
                v => Ok(v.clone()),
            },
            ExprKind::Arith(op, a, b) => {
                if let (Some(x), Some(y)) = (self.peek_count(a), self.peek_count(b)) {
                    use crate::runtime::ir::Arith;
                    match op {
                        Arith::Add => return Ok(Value::Count(x.wrapping_add(y))),
                        Arith::Mul => return Ok(Value::Count(x.wrapping_mul(y))),
                        Arith::Mod if y != 0 => return Ok(Value::Count(x % y)),
                        Arith::Sub if y <= x => return Ok(Value::Count(x - y)),
                        _ => {}
                    }
                }
                let av = self.eval(a)?;
                let bv = self.eval(b)?;
                use crate::runtime::ir::Arith;
                let fast = match (op, &av, &bv) {
                    (Arith::Add, Value::Count(x), Value::Count(y)) => {
                        Value::Count(x.wrapping_add(*y))
                    }
                    (Arith::Mul, Value::Count(x), Value::Count(y)) => {
                        Value::Count(x.wrapping_mul(*y))
                    }
                    (Arith::Mod, Value::Count(x), Value::Count(y)) if *y != 0 => {
                        Value::Count(x % y)
                    }
                    (Arith::Sub, Value::Count(x), Value::Count(y)) if y <= x => Value::Count(x - y),
                    (Arith::Add, Value::Int(x), Value::Int(y)) => Value::Int(x.wrapping_add(*y)),
                    (Arith::Add, Value::Double(x), Value::Double(y)) => Value::Double(x + y),
                    _ => return self.arith_general(*op, av, bv, e),
                };
                // Both operands were plain numbers: nothing to drop (and
                // no copy of them made to look).
                std::mem::forget(av);
                std::mem::forget(bv);
                Ok(fast)
            }
            ExprKind::Cmp(op, a, b) => {
                if let (Some(x), Some(y)) = (self.peek_count(a), self.peek_count(b)) {
                    return Ok(Value::Bool(compare_counts(*op, x, y)));
                }
                let av = self.eval(a)?;
                let bv = self.eval(b)?;
                if let (Value::Count(x), Value::Count(y)) = (&av, &bv) {
                    let r = compare_counts(*op, *x, *y);
                    std::mem::forget(av);
                    std::mem::forget(bv);
                    return Ok(Value::Bool(r));
                }
                self.compare_general(*op, av, bv, e)
            }
            ExprKind::Call(f, args) => {
                let fv = match &f.kind {
                    ExprKind::Global(g) => match &self.globals.values[*g as usize] {
                        // Only the function itself is shared (the global may
                        // change during the call); no general value copy.
                        Value::Func(func) => {
                            let func = func.clone();
                            return self.call_exprs(&func, args, e.span);
                        }
                        v => v.clone(),
                    },
                    _ => self.eval(f)?,
                };
                match fv {
                    Value::Func(func) => self.call_exprs(&func, args, e.span),
                    _ => Err(self.error_at(e.span, "call of a non-function")),
                }
            }
            _ => self.eval_general(e),
        }
    }

    /// The count a local or constant operand holds, read in place: no
    /// recursive `eval`, no `Result<Value>` passed back through memory.
    /// None for anything else (an unset local included), which then takes
    /// the general path.
    #[inline(always)]
    fn peek_count(&self, e: &Expr) -> Option<u64> {
        match &e.kind {
            ExprKind::Local(s) => match self.local(*s) {
                Value::Count(c) => Some(*c),
                _ => None,
            },
            ExprKind::Const(Value::Count(c)) => Some(*c),
            _ => None,
        }
    }

    /// A count computed from local or constant counts without a call:
    /// the leaves `peek_count` reads, or one arithmetic step on two of
    /// them that cannot fail or warn.
    #[inline(always)]
    pub(crate) fn try_count(&self, e: &Expr) -> Option<u64> {
        if let ExprKind::Arith(op, a, b) = &e.kind {
            use crate::runtime::ir::Arith;
            let (x, y) = (self.peek_count(a)?, self.peek_count(b)?);
            return match op {
                Arith::Add => Some(x.wrapping_add(y)),
                Arith::Mul => Some(x.wrapping_mul(y)),
                Arith::Mod if y != 0 => Some(x % y),
                Arith::Sub if y <= x => Some(x - y),
                _ => None,
            };
        }
        self.peek_count(e)
    }

    /// A condition's truth, answered without building a `Value` when it
    /// compares counts held in locals or constants.
    #[inline(always)]
    pub fn eval_cond(&mut self, e: &Expr) -> Result<bool> {
        if let ExprKind::Cmp(op, a, b) = &e.kind {
            if let (Some(x), Some(y)) = (self.peek_count(a), self.peek_count(b)) {
                return Ok(compare_counts(*op, x, y));
            }
        }
        Ok(self.eval(e)?.as_bool())
    }

    #[cold]
    fn unset_error(&self, e: &Expr) -> Box<crate::diag::Diagnostic> {
        self.error_at(e.span, "value used but not set")
    }

    #[inline(never)]
    fn arith_general(
        &mut self,
        op: crate::runtime::ir::Arith,
        av: Value,
        bv: Value,
        e: &Expr,
    ) -> Result<Value> {
        if let (crate::runtime::ir::Arith::Sub, Value::Count(x), Value::Count(y)) = (op, &av, &bv) {
            if y > x {
                self.warn_at(e.span, "count underflow");
            }
        }
        ops::arith(op, &av, &bv).map_err(|m| self.error_at(e.span, &m))
    }

    #[inline(never)]
    fn compare_general(
        &mut self,
        op: crate::runtime::ir::Cmp,
        av: Value,
        bv: Value,
        e: &Expr,
    ) -> Result<Value> {
        ops::compare(op, &av, &bv)
            .map(Value::Bool)
            .map_err(|m| self.error_at(e.span, &m))
    }

    #[inline(never)]
    fn eval_general(&mut self, e: &Expr) -> Result<Value> {
        match &e.kind {
            // Handled by `eval` itself.
            ExprKind::Const(_)
            | ExprKind::Local(_)
            | ExprKind::Call(..)
            | ExprKind::Arith(..)
            | ExprKind::Cmp(..) => self.eval(e),
            ExprKind::Global(g) => {
                let v = &self.globals.values[*g as usize];
                if v.is_unset() {
                    return Err(self.error_at(e.span, "value used but not set"));
                }
                Ok(v.clone())
            }
            ExprKind::Field(r, i) => {
                let rv = self.eval(r)?;
                let Value::Record(rec) = rv else {
                    return Err(self.error_at(e.span, "field access on non-record"));
                };
                let v = rec
                    .borrow()
                    .fields
                    .get(*i as usize)
                    .cloned()
                    .unwrap_or(Value::Unset);
                if v.is_unset() {
                    // A field added by a later `redef` may have a default.
                    let def = rec
                        .borrow()
                        .ty
                        .fields
                        .borrow()
                        .get(*i as usize)
                        .and_then(|f| f.default);
                    if let Some(d) = def {
                        return self.eval_field_default(d);
                    }
                    return Err(self.error_at(e.span, "field value missing"));
                }
                Ok(v)
            }
            ExprKind::HasField(r, i) => {
                let rv = self.eval(r)?;
                let Value::Record(rec) = rv else {
                    return Ok(Value::Bool(false));
                };
                let rec = rec.borrow();
                let set = match rec.fields.get(*i as usize) {
                    Some(v) => !v.is_unset(),
                    // Added by a later redef: set if it has a default.
                    None => rec
                        .ty
                        .fields
                        .borrow()
                        .get(*i as usize)
                        .is_some_and(|f| f.late_default.is_some()),
                };
                Ok(Value::Bool(set))
            }
            ExprKind::TableIndex(t, k) => {
                let tv = self.eval(t)?;
                let key = self.eval(k)?;
                self.table_lookup(&tv, key, e)
            }
            ExprKind::SubnetTableIndex(t, k) => {
                let tv = self.eval(t)?;
                let addr = self.eval(k)?;
                // The longest subnet holding the address is the key; with
                // none, the address itself fails (or takes the default) as
                // a missing index does.
                let key = match (&tv, &addr) {
                    (Value::Table(t), Value::Addr(a)) => ops::longest_subnet(&t.borrow(), a),
                    _ => None,
                };
                self.table_lookup(&tv, key.unwrap_or(addr), e)
            }
            ExprKind::PatternTableIndex(t, k, vt) => {
                let tv = self.eval(t)?;
                let key = self.eval(k)?;
                let mut items = Vec::new();
                if let Value::Table(t) = &tv {
                    for (p, v) in t.borrow().iter() {
                        if let Value::Pattern(p) = p {
                            if p.exact().is_match(key.as_bytes()) {
                                items.push(v.clone());
                            }
                        }
                    }
                }
                Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
                    ty: vt.clone(),
                    items,
                }))))
            }
            ExprKind::VectorIndex(v, i) => {
                let vv = self.eval(v)?;
                let iv = self.eval(i)?;
                let Value::Vector(vec) = vv else {
                    return Err(self.error_at(e.span, "indexing a non-vector"));
                };
                let vec = vec.borrow();
                let idx = vector_index(iv.as_int(), vec.items.len());
                match idx.and_then(|i| vec.items.get(i)) {
                    Some(x) if !x.is_unset() => Ok(x.clone()),
                    _ => {
                        drop(vec);
                        Err(self.error_at(e.span, "no such index"))
                    }
                }
            }
            ExprKind::VectorSelect(v, sel) => {
                let vv = self.eval(v)?;
                let sv = self.eval(sel)?;
                self.vector_select(vv, sv, e)
            }
            ExprKind::StringIndex(s, i) => {
                let sv = self.eval(s)?;
                let iv = self.eval(i)?.as_int();
                let bytes = sv.as_bytes();
                let n = bytes.len() as i64;
                let idx = if iv < 0 { n + iv } else { iv };
                if idx < 0 || idx >= n {
                    return Ok(Value::str(b""));
                }
                Ok(Value::str(&bytes[idx as usize..idx as usize + 1]))
            }
            ExprKind::Slice(x, lo, hi) => {
                let xv = self.eval(x)?;
                let lo = match lo {
                    Some(l) => Some(self.eval(l)?.as_int()),
                    None => None,
                };
                let hi = match hi {
                    Some(h) => Some(self.eval(h)?.as_int()),
                    None => None,
                };
                Ok(slice(&xv, lo, hi))
            }
            ExprKind::Tuple(items) => {
                let mut vals = Vec::with_capacity(items.len());
                for i in items {
                    vals.push(self.eval(i)?);
                }
                Ok(Value::Tuple(Rc::new(vals)))
            }
            ExprKind::CallBif(f, _, args) => {
                let args = self.eval_args(args)?;
                self.set_bif_span(e.span);
                f(self, &args).map_err(|m| self.bif_error(e.span, &m))
            }
            ExprKind::HookCall(f, args) => {
                let fv = self.eval(f)?;
                let Value::Func(func) = fv else {
                    return Err(self.error_at(e.span, "hook call of a non-hook"));
                };
                let args = self.eval_args(args)?;
                self.call(&func, &args, e.span)
            }
            ExprKind::Neg(x) => {
                let v = self.eval(x)?;
                Ok(ops::map_vector(v, ops::neg))
            }
            ExprKind::Pos(x) => {
                let v = self.eval(x)?;
                Ok(ops::map_vector(v, ops::pos))
            }
            ExprKind::BitNot(x) => Ok(match self.eval(x)? {
                Value::Count(c) => Value::Count(!c),
                Value::Int(i) => Value::Int(!i),
                other => other,
            }),
            ExprKind::Not(x) => Ok(Value::Bool(match self.eval(x)? {
                Value::Bool(b) => !b,
                Value::Count(c) => c == 0,
                Value::Int(i) => i == 0,
                _ => false,
            })),
            ExprKind::Mask(a, w) => {
                let av = self.eval(a)?;
                let wv = self.eval(w)?;
                let width = match wv {
                    Value::Count(c) => c as u32,
                    Value::Int(i) => i as u32,
                    _ => 0,
                };
                let Value::Addr(addr) = av else {
                    return Err(self.error_at(e.span, "mask of a non-address"));
                };
                let (family, max) = if addr.is_ipv4() {
                    ("IPv4", 32)
                } else {
                    ("IPv6", 128)
                };
                if width > max {
                    let msg = format!("bad {family} subnet prefix length: {width}");
                    return Err(self.error_at(e.span, &msg));
                }
                Ok(ops::subnet_value(*addr, width as u8))
            }
            ExprKind::VecBinary(op, a, b, ty) => {
                let av = self.eval(a)?;
                let bv = self.eval(b)?;
                self.vec_binary(*op, av, bv, ty, e)
            }
            ExprKind::Concat(a, b) => {
                let av = self.eval(a)?;
                let bv = self.eval(b)?;
                let mut s = Vec::with_capacity(av.as_bytes().len() + bv.as_bytes().len());
                s.extend_from_slice(av.as_bytes());
                s.extend_from_slice(bv.as_bytes());
                Ok(Value::string(s))
            }
            ExprKind::PatternOp(is_and, a, b) => {
                let (Value::Pattern(p), Value::Pattern(q)) = (self.eval(a)?, self.eval(b)?) else {
                    return Err(self.error_at(e.span, "pattern operation on non-patterns"));
                };
                crate::runtime::pattern::merge(&p, &q, if *is_and { "" } else { "|" })
                    .map_err(|m| self.error_at(e.span, &m))
            }
            ExprKind::PatternAddTo(a, b) => {
                let (Value::Pattern(p), Value::Pattern(q)) = (self.eval(a)?, self.eval(b)?) else {
                    return Err(self.error_at(e.span, "pattern operation on non-patterns"));
                };
                crate::runtime::pattern::add_to(&p, &q).map_err(|m| self.error_at(e.span, &m))
            }
            ExprKind::SetOp(op, a, b) => {
                let av = self.eval(a)?;
                let bv = self.eval(b)?;
                Ok(set_op(*op, &av, &bv))
            }
            ExprKind::And(a, b) => {
                if !self.eval(a)?.as_bool() {
                    return Ok(Value::Bool(false));
                }
                Ok(Value::Bool(self.eval(b)?.as_bool()))
            }
            ExprKind::Or(a, b) => {
                if self.eval(a)?.as_bool() {
                    return Ok(Value::Bool(true));
                }
                Ok(Value::Bool(self.eval(b)?.as_bool()))
            }
            ExprKind::In(kind, a, b) => {
                let av = self.eval(a)?;
                let bv = self.eval(b)?;
                Ok(Value::Bool(contains(*kind, &av, &bv)))
            }
            ExprKind::VectorCond(c, a, b) => {
                let (Value::Vector(cv), Value::Vector(av), Value::Vector(bv)) =
                    (self.eval(c)?, self.eval(a)?, self.eval(b)?)
                else {
                    return Err(self.error_at(e.span, "vector conditional on non-vectors"));
                };
                let (cv, av, bv) = (cv.borrow(), av.borrow(), bv.borrow());
                if cv.items.len() != av.items.len() || av.items.len() != bv.items.len() {
                    drop((cv, av, bv));
                    return Err(self.error_at(
                        e.span,
                        "vectors in conditional expression have different sizes",
                    ));
                }
                let items = (cv.items.iter().zip(&av.items).zip(&bv.items))
                    .map(|((c, a), b)| if c.as_bool() { a.clone() } else { b.clone() })
                    .collect();
                Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
                    ty: av.ty.clone(),
                    items,
                }))))
            }
            ExprKind::Cond(c, a, b) => {
                if self.eval(c)?.as_bool() {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            ExprKind::Assign(lv, rhs) => {
                let v = self.eval(rhs)?;
                self.assign(lv, v.clone(), e)?;
                Ok(v)
            }
            ExprKind::IncDec(lv, delta) => {
                if let LValue::Local(slot) = &**lv {
                    // In place, without reading and writing back.
                    match self.local_mut(*slot) {
                        Value::Count(c) if *c > 0 || *delta > 0 => {
                            *c = c.wrapping_add(*delta as u64);
                            return Ok(Value::Count(*c));
                        }
                        Value::Int(i) => {
                            *i = i.wrapping_add(*delta);
                            return Ok(Value::Int(*i));
                        }
                        _ => {}
                    }
                }
                let cur = self.read_lvalue(lv, e)?;
                if matches!(cur, Value::Count(0)) && *delta < 0 {
                    self.warn_at(e.span, "count underflow");
                }
                let new = match cur {
                    Value::Count(c) => Value::Count(c.wrapping_add(*delta as u64)),
                    Value::Int(i) => Value::Int(i.wrapping_add(*delta)),
                    Value::Double(d) => Value::Double(d + *delta as f64),
                    other => other,
                };
                self.assign(lv, new.clone(), e)?;
                Ok(new)
            }
            ExprKind::AppendTo(lv, x) => {
                let v = self.read_lvalue(lv, e)?;
                let item = self.eval(x)?;
                if let Value::Vector(vec) = &v {
                    vec.borrow_mut().items.push(item);
                }
                Ok(v)
            }
            ExprKind::ExtendVector(lv, x, check) => {
                let v = self.read_lvalue(lv, e)?;
                let w = self.eval(x)?;
                if let (Value::Vector(dst), Value::Vector(src)) = (&v, &w) {
                    let items = src.borrow().items.clone();
                    let fits = check.as_ref().is_none_or(|elem| {
                        items.iter().all(|i| {
                            i.is_unset() || crate::runtime::types::same_type(&type_of(i), elem)
                        })
                    });
                    if fits {
                        dst.borrow_mut().items.extend(items);
                    } else {
                        // Zeek reports this and carries on without appending.
                        let msg = format!(
                            "incompatible vector element assignment ({} and {})",
                            self.span_text(e.span),
                            String::from_utf8_lossy(&crate::runtime::format::to_display(&w))
                        );
                        self.report_diag(&crate::diag::Diagnostic::error(e.span, msg));
                    }
                }
                Ok(v)
            }
            ExprKind::AddToSet(s, x) => {
                let sv = self.eval(s)?;
                let xv = self.eval(x)?;
                if let (Value::Table(t), Value::Table(src)) = (&sv, &xv) {
                    if !Rc::ptr_eq(t, src) {
                        let entries: Vec<(Value, Value)> = src
                            .borrow()
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        if t.borrow().on_change().is_some() {
                            for (k, v) in entries {
                                self.insert_watched(t, &k, v)?;
                            }
                        } else {
                            let mut t = t.borrow_mut();
                            for (k, v) in entries {
                                t.insert(k, v);
                            }
                        }
                    }
                }
                Ok(sv)
            }
            ExprKind::RemoveFromSet(s, x) => {
                let sv = self.eval(s)?;
                let xv = self.eval(x)?;
                if let (Value::Table(t), Value::Table(src)) = (&sv, &xv) {
                    let keys = src.borrow().keys();
                    if t.borrow().on_change().is_some() {
                        for k in keys {
                            self.remove_watched(t, &k)?;
                        }
                    } else {
                        let mut t = t.borrow_mut();
                        for k in keys {
                            t.remove(&k);
                        }
                    }
                }
                Ok(sv)
            }
            ExprKind::Size(x) => {
                let v = self.eval(x)?;
                Ok(size(&v))
            }
            ExprKind::Record(rt, inits) => {
                // The given values first, then the other fields' defaults.
                let mut fields = vec![Value::Unset; rt.fields.borrow().len()];
                let mut given = 0u128;
                for (i, init) in inits {
                    let v = self.eval(init)?;
                    if let Some(slot) = fields.get_mut(*i as usize) {
                        *slot = v;
                        if *i < 128 {
                            given |= 1 << *i;
                        }
                    }
                }
                Ok(Value::Record(self.new_record_with(rt, fields, given)?))
            }
            ExprKind::Table(ty, items, attrs) => {
                let mut t = TableVal::new(ty.clone());
                self.apply_table_attrs(&mut t, attrs)?;
                for (k, v) in items {
                    let key = self.eval(k)?;
                    let val = match v {
                        Some(v) => self.eval(v)?,
                        None => Value::Unset,
                    };
                    t.insert(key, val);
                }
                let watch = t.expiry().is_some();
                if watch {
                    let now = self.sched.network_time;
                    t.attrs_mut().stamps.iter_mut().for_each(|s| *s = now);
                }
                let tab = Rc::new(RefCell::new(t));
                if watch {
                    self.arm_expiry(&tab);
                }
                Ok(Value::Table(tab))
            }
            ExprKind::Vector(ty, items) => {
                let mut vals = Vec::with_capacity(items.len());
                for i in items {
                    vals.push(self.eval(i)?);
                }
                Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
                    ty: ty.clone(),
                    items: vals,
                }))))
            }
            ExprKind::Lambda(body, ty, captures) => {
                let f = FuncVal::new(
                    body.name.clone(),
                    crate::syntax::ast::FuncKind::Function,
                    ty.clone(),
                    e.span,
                );
                let mut caps = Vec::with_capacity(captures.len());
                for c in captures {
                    caps.push(self.eval_allow_unset(c)?);
                }
                *f.captures.borrow_mut() = caps;
                f.add_handler(crate::runtime::func::Handler {
                    priority: 0,
                    body: body.clone(),
                });
                Ok(Value::Func(Rc::new(f)))
            }
            ExprKind::Coerce(x, c) => {
                let v = self.eval(x)?;
                self.coerce(v, c, e)
            }
            ExprKind::Cast(x, ty) => {
                let v = self.eval(x)?;
                match super::casts::convert(&v, ty) {
                    Ok(c) => Ok(c),
                    Err(why) => Err(self.cast_failed(&v, ty, why, x, e)),
                }
            }
            ExprKind::CanCast(x, ty) => {
                let v = self.eval(x)?;
                Ok(Value::Bool(cast(&v, ty).is_some()))
            }
            ExprKind::Is(x, ty) => {
                let v = self.eval(x)?;
                Ok(Value::Bool(super::casts::has_type(&v, ty)))
            }
            ExprKind::Copy(x) => Ok(self.eval(x)?.deep_copy()),
            ExprKind::Schedule(when, ev, args) => {
                // A time is when; an interval, how long from now.
                let at = match self.eval(when)? {
                    Value::Time(t) => t,
                    v => self.sched.network_time + v.as_double(),
                };
                let Value::Func(f) = self.eval(ev)? else {
                    return Err(self.error_at(e.span, "schedule of a non-event"));
                };
                let args = self.eval_args(args)?;
                self.schedule(at, f, args);
                Ok(Value::Unset)
            }
        }
    }

    /// Like `eval`, but an unset local or global is not an error (captures
    /// of not-yet-assigned variables).
    fn eval_allow_unset(&mut self, e: &Expr) -> Result<Value> {
        match &e.kind {
            ExprKind::Global(g) => Ok(self.globals.values[*g as usize].clone()),
            _ => self.eval(e),
        }
    }

    pub fn eval_args(&mut self, args: &[Expr]) -> Result<Vec<Value>> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            out.push(self.eval(a)?);
        }
        Ok(out)
    }

    fn set_bif_span(&mut self, span: crate::syntax::ast::Span) {
        self.calls.bif_span = span;
    }

    /// An operator applied element by element: two vectors of one
    /// length (a hole in either gives a hole), or a vector and a scalar.
    fn vec_binary(
        &mut self,
        op: crate::runtime::ir::VecOp,
        a: Value,
        b: Value,
        ty: &crate::runtime::types::TypeRef,
        e: &Expr,
    ) -> Result<Value> {
        use crate::runtime::ir::{Arith, VecOp};
        let apply = |p: &Value, q: &Value| -> std::result::Result<Value, String> {
            match op {
                VecOp::Arith(o) => ops::arith(o, p, q),
                VecOp::Cmp(c) => ops::compare(c, p, q).map(Value::Bool),
                VecOp::Concat => {
                    let mut s = p.as_bytes().to_vec();
                    s.extend_from_slice(q.as_bytes());
                    Ok(Value::string(s))
                }
                VecOp::And => Ok(Value::Bool(p.as_bool() && q.as_bool())),
                VecOp::Or => Ok(Value::Bool(p.as_bool() || q.as_bool())),
            }
        };
        let underflow = |p: &Value, q: &Value| matches!((op, p, q), (VecOp::Arith(Arith::Sub), Value::Count(x), Value::Count(y)) if y > x);
        let mut items = Vec::new();
        match (&a, &b) {
            (Value::Vector(x), Value::Vector(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                if x.items.len() != y.items.len() {
                    drop((x, y));
                    let msg = if matches!(op, VecOp::And | VecOp::Or) {
                        "vector operands have different sizes"
                    } else {
                        "vector operands are of different sizes"
                    };
                    return Err(self.error_at(e.span, msg));
                }
                items.reserve(x.items.len());
                for (p, q) in x.items.iter().zip(y.items.iter()) {
                    if p.is_unset() || q.is_unset() {
                        items.push(Value::Unset);
                        continue;
                    }
                    if underflow(p, q) {
                        self.warn_at(e.span, "count underflow");
                    }
                    items.push(apply(p, q).map_err(|m| self.error_at(e.span, &m))?);
                }
            }
            (Value::Vector(v), s) | (s, Value::Vector(v)) => {
                let first = matches!(a, Value::Vector(_));
                let v = v.borrow();
                items.reserve(v.items.len());
                for it in v.items.iter() {
                    if it.is_unset() {
                        items.push(Value::Unset);
                        continue;
                    }
                    let r = if first { apply(it, s) } else { apply(s, it) };
                    items.push(r.map_err(|m| self.error_at(e.span, &m))?);
                }
            }
            _ => return Err(self.error_at(e.span, "vector operation on non-vectors")),
        }
        Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
            ty: ty.clone(),
            items,
        }))))
    }
}

#[inline(always)]
fn compare_counts(op: crate::runtime::ir::Cmp, x: u64, y: u64) -> bool {
    use crate::runtime::ir::Cmp;
    match op {
        Cmp::Eq => x == y,
        Cmp::Ne => x != y,
        Cmp::Lt => x < y,
        Cmp::Le => x <= y,
        Cmp::Gt => x > y,
        Cmp::Ge => x >= y,
    }
}
