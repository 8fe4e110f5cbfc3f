//! Evaluation of expressions and assignments.

use super::ops;
use super::{Interp, Result};
use crate::runtime::func::FuncVal;
use crate::runtime::ir::{Coercion, Expr, ExprKind, InKind, LValue};
use crate::runtime::table::{TableDefault, TableVal};
use crate::runtime::types::{self, type_of, RecordType, Type, TypeRef};
use crate::runtime::value::{RecordVal, Value, VectorVal};
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
                            if p.exact.is_match(key.as_bytes()) {
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
            ExprKind::Neg(x) => Ok(match self.eval(x)? {
                Value::Int(i) => Value::Int(i.wrapping_neg()),
                Value::Count(c) => Value::Int((c as i64).wrapping_neg()),
                Value::Double(d) => Value::Double(-d),
                Value::Interval(d) => Value::Interval(-d),
                other => other,
            }),
            ExprKind::BitNot(x) => Ok(match self.eval(x)? {
                Value::Count(c) => Value::Count(!c),
                Value::Int(i) => Value::Int(!i),
                other => other,
            }),
            ExprKind::Not(x) => Ok(Value::Bool(!self.eval(x)?.as_bool())),
            ExprKind::VecArith(op, a, b) => {
                let av = self.eval(a)?;
                let bv = self.eval(b)?;
                self.vec_arith(*op, av, bv, e)
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
                // Each side keeps its own `/i`, unless both have it.
                let both = p.case_insensitive && q.case_insensitive;
                let part = |x: &crate::runtime::value::PatternVal| {
                    if x.case_insensitive && !both && !x.source.starts_with("(?i:") {
                        format!("(?i:{})", x.source)
                    } else {
                        x.source.clone()
                    }
                };
                let src = if *is_and {
                    format!("({})({})", part(&p), part(&q))
                } else {
                    format!("({})|({})", part(&p), part(&q))
                };
                crate::runtime::pattern::make_pattern(&src, both)
                    .map_err(|m| self.error_at(e.span, &m))
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
                    return Err(self.error_at(e.span, "vector operands are of different sizes"));
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
                        let mut t = t.borrow_mut();
                        for (k, v) in entries {
                            t.insert(k, v);
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
                    let mut t = t.borrow_mut();
                    for k in keys {
                        t.remove(&k);
                    }
                }
                Ok(sv)
            }
            ExprKind::Size(x) => {
                let v = self.eval(x)?;
                Ok(size(&v))
            }
            ExprKind::Record(rt, inits) => {
                let rec = self.new_record(rt)?;
                for (i, init) in inits {
                    let v = self.eval(init)?;
                    rec.borrow_mut().fields[*i as usize] = v;
                }
                Ok(Value::Record(rec))
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
                cast(&v, ty).ok_or_else(|| {
                    self.error_at(
                        e.span,
                        &format!(
                            "invalid cast of value with type '{}' to type '{}'",
                            type_of(&v),
                            ty
                        ),
                    )
                })
            }
            ExprKind::Is(x, ty) => {
                let v = self.eval(x)?;
                Ok(Value::Bool(cast(&v, ty).is_some()))
            }
            ExprKind::Copy(x) => Ok(self.eval(x)?.deep_copy()),
            ExprKind::Schedule(when, ev, args) => {
                let t = self.eval(when)?.as_double();
                let Value::Func(f) = self.eval(ev)? else {
                    return Err(self.error_at(e.span, "schedule of a non-event"));
                };
                let args = self.eval_args(args)?;
                let at = self.sched.network_time + t;
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
        let defaults: Vec<Option<u32>> = rt.fields.borrow().iter().map(|f| f.default).collect();
        let mut fields = Vec::with_capacity(defaults.len());
        for d in defaults {
            fields.push(match d {
                Some(i) => self.eval_field_default(i)?,
                None => Value::Unset,
            });
        }
        Ok(Rc::new(RefCell::new(RecordVal {
            ty: rt.clone(),
            fields,
        })))
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

    fn table_lookup(&mut self, tv: &Value, key: Value, e: &Expr) -> Result<Value> {
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
            t.borrow_mut().insert(key, v.clone());
        }
        Ok(v)
    }

    fn vector_select(&mut self, vv: Value, sv: Value, e: &Expr) -> Result<Value> {
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

    fn vec_arith(
        &mut self,
        op: crate::runtime::ir::Arith,
        a: Value,
        b: Value,
        e: &Expr,
    ) -> Result<Value> {
        let (Value::Vector(x), Value::Vector(y)) = (&a, &b) else {
            // vector op scalar
            let (vec, scalar, vec_first) = match (&a, &b) {
                (Value::Vector(v), s) => (v.clone(), s.clone(), true),
                (s, Value::Vector(v)) => (v.clone(), s.clone(), false),
                _ => return Err(self.error_at(e.span, "invalid vector arithmetic")),
            };
            let v = vec.borrow();
            let mut items = Vec::with_capacity(v.items.len());
            for it in v.items.iter() {
                let r = if vec_first {
                    ops::arith(op, it, &scalar)
                } else {
                    ops::arith(op, &scalar, it)
                };
                items.push(r.map_err(|m| self.error_at(e.span, &m))?);
            }
            return Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
                ty: v.ty.clone(),
                items,
            }))));
        };
        let (x, y) = (x.borrow(), y.borrow());
        if x.items.len() != y.items.len() {
            drop((x, y));
            return Err(self.error_at(e.span, "vector operands are of different sizes"));
        }
        let mut items = Vec::with_capacity(x.items.len());
        for (p, q) in x.items.iter().zip(y.items.iter()) {
            if p.is_unset() || q.is_unset() {
                items.push(Value::Unset);
                continue;
            }
            items.push(ops::arith(op, p, q).map_err(|m| self.error_at(e.span, &m))?);
        }
        Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
            ty: x.ty.clone(),
            items,
        }))))
    }

    fn coerce(&mut self, v: Value, c: &Coercion, e: &Expr) -> Result<Value> {
        Ok(match (c, v) {
            (Coercion::ToInt, Value::Count(n)) if n > i64::MAX as u64 => {
                let msg = format!(
                    "overflow promoting from unsigned/double to signed arithmetic value (int and {n})"
                );
                let d = crate::diag::Diagnostic::error(e.span, msg)
                    .with_also(crate::diag::Also::Before("int".into()));
                return Err(Box::new(d));
            }
            (Coercion::ToInt, Value::Count(n)) => Value::Int(n as i64),
            (Coercion::ToDouble, v @ (Value::Count(_) | Value::Int(_))) => {
                Value::Double(v.as_double())
            }
            (Coercion::ToInt | Coercion::ToDouble, Value::Vector(vec)) => {
                let v = vec.borrow();
                let elem = if matches!(c, Coercion::ToInt) {
                    types::int()
                } else {
                    types::double()
                };
                let items = v
                    .items
                    .iter()
                    .map(|x| match (c, x) {
                        (Coercion::ToInt, Value::Count(n)) => Value::Int(*n as i64),
                        (Coercion::ToDouble, Value::Count(_) | Value::Int(_)) => {
                            Value::Double(x.as_double())
                        }
                        _ => x.clone(),
                    })
                    .collect();
                Value::Vector(Rc::new(RefCell::new(VectorVal {
                    ty: types::vector_of(elem),
                    items,
                })))
            }
            (Coercion::Record(rt), Value::Record(src)) => {
                if Rc::ptr_eq(&src.borrow().ty, rt) {
                    return Ok(Value::Record(src));
                }
                let rec = self.new_record(rt)?;
                let s = src.borrow();
                let sfields = s.ty.fields.borrow();
                for (i, f) in sfields.iter().enumerate() {
                    if let Some(j) = rt.field_index(&f.name) {
                        let v = s.fields.get(i).cloned().unwrap_or(Value::Unset);
                        if !v.is_unset() {
                            let target = rt.fields.borrow()[j].ty.clone();
                            rec.borrow_mut().fields[j] = coerce_nested(v, &target, self)?;
                        }
                    }
                }
                Value::Record(rec)
            }
            (Coercion::FromAny(ty), v) => match cast(&v, ty) {
                Some(x) => x,
                None => {
                    return Err(self.error_at(
                        e.span,
                        &format!(
                            "invalid cast of value with type '{}' to type '{}'",
                            type_of(&v),
                            ty
                        ),
                    ))
                }
            },
            (Coercion::Retype(ty), Value::Table(t)) => {
                if t.borrow().is_empty() && !types::same_type(&t.borrow().ty, ty) {
                    t.borrow_mut().ty = ty.clone();
                }
                Value::Table(t)
            }
            (Coercion::Retype(ty), Value::Vector(v)) => {
                if v.borrow().items.is_empty() {
                    v.borrow_mut().ty = ty.clone();
                }
                Value::Vector(v)
            }
            (_, v) => v,
        })
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
                let created = tab.borrow_mut().insert(key.clone(), v);
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
}

fn coerce_nested(v: Value, target: &TypeRef, interp: &mut Interp) -> Result<Value> {
    match (&**target, &v) {
        (Type::Record(rt), Value::Record(r)) if !Rc::ptr_eq(&r.borrow().ty, rt) => {
            let e = Expr {
                kind: ExprKind::Const(Value::Unset),
                span: Default::default(),
            };
            interp.coerce(v, &Coercion::Record(rt.clone()), &e)
        }
        (Type::Int, Value::Count(c)) => Ok(Value::Int(*c as i64)),
        (Type::Double, Value::Count(_) | Value::Int(_)) => Ok(Value::Double(v.as_double())),
        _ => Ok(v),
    }
}

/// A vector position from a possibly negative index.
pub fn vector_index(i: i64, len: usize) -> Option<usize> {
    let idx = if i < 0 { len as i64 + i } else { i };
    (idx >= 0 && (idx as usize) < len).then_some(idx as usize)
}

fn slice_bounds(len: usize, lo: Option<i64>, hi: Option<i64>) -> (usize, usize) {
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

pub fn contains(kind: InKind, a: &Value, b: &Value) -> bool {
    match kind {
        InKind::Table => match b {
            Value::Table(t) => match a {
                Value::Subnet(_) => t.borrow().subnet_match(a).is_some(),
                _ => t.borrow().contains(a),
            },
            _ => false,
        },
        InKind::Substring => {
            let (needle, hay) = (a.as_bytes(), b.as_bytes());
            needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
        }
        InKind::Pattern => match a {
            Value::Pattern(p) => p.search.is_match(b.as_bytes()),
            _ => false,
        },
        InKind::Subnet => match (a, b) {
            (Value::Addr(x), Value::Subnet(s)) => ops::subnet_contains(s, x),
            _ => false,
        },
        InKind::SubnetInSubnet => match (a, b) {
            (Value::Subnet(x), Value::Subnet(s)) => {
                x.width >= s.width && ops::subnet_contains(s, &x.addr)
            }
            _ => false,
        },
        InKind::SubnetTable => match (a, b) {
            (Value::Addr(x), Value::Table(t)) => ops::longest_subnet(&t.borrow(), x).is_some(),
            _ => false,
        },
        InKind::PatternTable => match b {
            Value::Table(t) => t.borrow().iter().any(|(k, _)| match k {
                Value::Pattern(p) => p.exact.is_match(a.as_bytes()),
                _ => false,
            }),
            _ => false,
        },
        InKind::VectorIndex => match b {
            Value::Vector(v) => {
                let v = v.borrow();
                vector_index(a.as_int(), v.items.len()).is_some_and(|i| !v.items[i].is_unset())
            }
            _ => false,
        },
    }
}

fn set_op(op: crate::runtime::ir::Arith, a: &Value, b: &Value) -> Value {
    use crate::runtime::ir::Arith;
    let (Value::Table(x), Value::Table(y)) = (a, b) else {
        return a.clone();
    };
    let (x, y) = (x.borrow(), y.borrow());
    let mut out = x.shallow_clone_empty();
    // The same steps as Zeek's, so that the result's order matches too.
    match op {
        Arith::BitOr => {
            for (k, v) in x.iter().chain(y.iter()) {
                out.insert(k.clone(), v.clone());
            }
        }
        Arith::BitAnd => {
            // Zeek walks the smaller operand (the right one on a tie).
            let (small, big) = if y.len() > x.len() {
                (&x, &y)
            } else {
                (&y, &x)
            };
            for (k, v) in small.iter() {
                if big.contains(k) {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        _ => {
            // A copy of the left operand, then each right key removed.
            for (k, v) in x.iter() {
                out.insert(k.clone(), v.clone());
            }
            for (k, _) in y.iter() {
                out.remove(k);
            }
        }
    }
    Value::Table(Rc::new(RefCell::new(out)))
}

/// The span of `t[k]` from the spans of its table and key expressions.
pub(crate) fn index_span(t: &Expr, k: &Expr) -> crate::syntax::ast::Span {
    crate::syntax::ast::Span::new(t.span.file, t.span.lo as usize, k.span.hi as usize + 1)
}

impl Interp {
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

/// Whether a value is of a type (a type switch's test): a cast that needs
/// no conversion.
pub fn has_type(v: &Value, ty: &Type) -> bool {
    matches!(ty, Type::Any)
        || std::mem::discriminant(&*type_of(v)) == std::mem::discriminant(ty)
            && cast(v, ty).is_some()
}

/// `v as T` for a value of type `any` (or a numeric): the value if it has
/// that type, converted where Zeek converts.
pub fn cast(v: &Value, ty: &Type) -> Option<Value> {
    match (ty, v) {
        (Type::Any, _) => Some(v.clone()),
        (Type::Count, Value::Count(_)) => Some(v.clone()),
        (Type::Count, Value::Port(p)) => Some(Value::Count(p.num as u64)),
        (Type::Int, Value::Port(p)) => Some(Value::Int(p.num as i64)),
        (Type::Count, Value::Int(i)) if *i >= 0 => Some(Value::Count(*i as u64)),
        (Type::Count, Value::Double(d)) if *d >= 0.0 => Some(Value::Count(d.round() as u64)),
        (Type::Count | Type::Int, Value::Enum(e)) => Some(if matches!(ty, Type::Count) {
            Value::Count(e.value as u64)
        } else {
            Value::Int(e.value)
        }),
        (Type::Int, Value::Int(_)) => Some(v.clone()),
        (Type::Int, Value::Count(c)) => Some(Value::Int(*c as i64)),
        (Type::Int, Value::Double(d)) => Some(Value::Int(d.round() as i64)),
        (
            Type::Double,
            Value::Double(_)
            | Value::Count(_)
            | Value::Int(_)
            | Value::Time(_)
            | Value::Interval(_),
        ) => Some(Value::Double(v.as_double())),
        (Type::Time, Value::Double(d) | Value::Time(d) | Value::Interval(d)) => {
            Some(Value::Time(*d))
        }
        (Type::Interval, Value::Double(d) | Value::Time(d) | Value::Interval(d)) => {
            Some(Value::Interval(*d))
        }
        (Type::Time | Type::Interval, Value::Count(_) | Value::Int(_)) => {
            let d = v.as_double();
            Some(if matches!(ty, Type::Time) {
                Value::Time(d)
            } else {
                Value::Interval(d)
            })
        }
        (Type::Addr, Value::Count(c)) if *c <= u32::MAX as u64 => {
            Some(Value::addr(std::net::IpAddr::V4((*c as u32).into())))
        }
        (Type::Addr, Value::Subnet(s)) => Some(Value::addr(s.addr)),
        (Type::Count | Type::Int, Value::String(s)) => {
            // As C's strtoull/strtoll: blanks around the digits are fine, a
            // minus sign on a count wraps.
            let (neg, n) = ops::parse_integer(s, 10)?;
            match ty {
                Type::Count => {
                    let n = u64::try_from(n).ok()?;
                    Some(Value::Count(if neg { n.wrapping_neg() } else { n }))
                }
                _ => {
                    let n = i128::try_from(n).ok()?;
                    i64::try_from(if neg { -n } else { n }).ok().map(Value::Int)
                }
            }
        }
        (Type::Double, Value::String(s)) => {
            let text = std::str::from_utf8(s).ok()?.trim();
            text.parse::<f64>()
                .ok()
                .filter(|_| !text.is_empty())
                .map(Value::Double)
        }
        (Type::Record(rt), Value::Record(r)) => {
            let same = Rc::ptr_eq(&r.borrow().ty, rt)
                || types::same_type(&Type::Record(r.borrow().ty.clone()), ty);
            same.then(|| v.clone())
        }
        (Type::Enum(et), Value::Enum(c)) => c.is_of(et).then(|| v.clone()),
        (Type::Table(_), Value::Table(t)) => {
            types::same_type(&t.borrow().ty, ty).then(|| v.clone())
        }
        (Type::Vector(elem), Value::Vector(x)) => {
            (matches!(**elem, Type::Any) || types::same_type(&x.borrow().ty, ty)).then(|| v.clone())
        }
        (Type::Func(_), Value::Func(f)) => types::same_type(&f.ty, ty).then(|| v.clone()),
        _ => types::same_type(&type_of(v), ty).then(|| v.clone()),
    }
}

impl Interp {
    /// A record value converted to another record type, as Zeek converts
    /// values that were only typed at run time (`Log::write`'s columns):
    /// every field must exist in the target, and every target field that is
    /// neither optional nor defaulted must be set. `None` if it does not fit.
    pub(crate) fn coerce_record_to(&mut self, v: &Value, rt: &Rc<RecordType>) -> Option<Value> {
        let Value::Record(src) = v else {
            return None;
        };
        if Rc::ptr_eq(&src.borrow().ty, rt) {
            return Some(v.clone());
        }
        {
            let s = src.borrow();
            let sfields = s.ty.fields.borrow();
            if sfields.iter().any(|f| rt.field_index(&f.name).is_none()) {
                return None;
            }
            for f in rt.fields.borrow().iter() {
                let set =
                    s.ty.field_index(&f.name)
                        .and_then(|i| s.fields.get(i))
                        .is_some_and(|x| !x.is_unset());
                if !set && !f.optional && f.default.is_none() && f.late_default.is_none() {
                    return None;
                }
            }
        }
        let e = Expr {
            kind: ExprKind::Const(Value::Unset),
            span: Default::default(),
        };
        self.coerce(v.clone(), &Coercion::Record(rt.clone()), &e)
            .ok()
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
