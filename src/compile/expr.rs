//! Expressions: names resolved, types checked, coercions inserted.

use super::operators::{cast_supported, is_pattern_index, subnet_index};
use super::scope::{FuncScope, IdKind};
use super::Compiler;
use crate::runtime::ir::{self, ExprKind as K};
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, ExprKind, FuncKind, Literal, Span};
use std::rc::Rc;

/// A lowered expression with its type.
pub(crate) type Typed = (ir::Expr, TypeRef);

pub(crate) fn mk(kind: K, span: Span) -> ir::Expr {
    ir::Expr { kind, span }
}

pub(crate) fn bx(e: ir::Expr) -> Box<ir::Expr> {
    Box::new(e)
}

impl Compiler {
    pub fn expr(&mut self, e: &ast::Expr) -> Typed {
        self.expr_expect(e, None)
    }

    pub(super) fn poison(&self, span: Span) -> Typed {
        (mk(K::Const(Value::Unset), span), types::error())
    }

    /// Compiles an expression; `expected` guides constructors and lists.
    pub fn expr_expect(&mut self, e: &ast::Expr, expected: Option<&TypeRef>) -> Typed {
        let span = e.span;
        match &e.kind {
            ExprKind::Literal(l) => self.literal(l, span),
            ExprKind::Name(n) => self.name(n),
            ExprKind::TypeValue(t) => {
                let ty = self.resolve_type(t);
                (
                    mk(K::Const(Value::Type(ty.clone())), span),
                    Rc::new(Type::TypeOf(ty)),
                )
            }
            ExprKind::Field(r, f) => {
                let (rx, rt) = self.expr(r);
                match self.field_index(&rt, f, span) {
                    Some((i, ft)) => (mk(K::Field(bx(rx), i), span), ft),
                    None => self.poison(span),
                }
            }
            ExprKind::HasField(r, f) => {
                let (rx, rt) = self.expr(r);
                let found = match &*rt {
                    Type::Record(r) => r.field_index(&f.text).map(|i| (i as u32, r.clone())),
                    _ => None,
                };
                if let Some((i, r)) = found {
                    let what = self.text(span);
                    self.check_deprecated_field(&r, i as usize, true, &what, span);
                    return (mk(K::HasField(bx(rx), i), span), types::bool_());
                }
                match self.field_index(&rt, f, span) {
                    Some((i, _)) => (mk(K::HasField(bx(rx), i), span), types::bool_()),
                    None => self.poison(span),
                }
            }
            ExprKind::Index(x, idx) => self.index(x, idx, span),
            // Only meaningful as statements (which the parser makes of
            // them); as a value they are void, which the consumer reports.
            ExprKind::AddTo(_) | ExprKind::DeleteFrom(_) => {
                (mk(K::Const(Value::Unset), span), types::void())
            }
            ExprKind::Slice(x, lo, hi) => {
                let (xx, xt) = self.expr(x);
                let lo = lo.as_ref().map(|l| bx(self.int_expr(l)));
                let hi = hi.as_ref().map(|h| bx(self.int_expr(h)));
                if !matches!(&*xt, Type::String | Type::Vector(_) | Type::Error) {
                    self.error(
                        span,
                        format!("slicing requires a string or vector ({})", self.text(span)),
                    );
                }
                (mk(K::Slice(bx(xx), lo, hi), span), xt)
            }
            ExprKind::Call(f, args) => self.call(f, args, span, expected),
            ExprKind::Unary(op, x) => self.unary(*op, x, span),
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, span),
            ExprKind::Assign(op, lhs, rhs) => self.assign(*op, lhs, rhs, span),
            ExprKind::PostIncr(x) => self.incdec(x, 1, span),
            ExprKind::PostDecr(x) => self.incdec(x, -1, span),
            ExprKind::Cond(c, a, b) => self.conditional(e, (c, a, b), expected),
            ExprKind::Size(x) => {
                let (xx, xt) = self.expr(x);
                let ty = match &*xt {
                    Type::Int => types::count(),
                    Type::Double | Type::Subnet | Type::Interval | Type::Time => types::double(),
                    _ => types::count(),
                };
                (mk(K::Size(bx(xx)), span), ty)
            }
            ExprKind::As(x, t) => {
                let (xx, xt) = self.expr(x);
                let ty = self.resolve_type(t);
                if !cast_supported(&xt, &ty) {
                    let msg = format!(
                        "cast not supported ({} as {})",
                        super::describe::expr(x),
                        ty
                    );
                    self.error(span, msg);
                }
                (mk(K::Cast(bx(xx), ty.clone()), span), ty)
            }
            ExprKind::Is(x, t) => {
                let (xx, _) = self.expr(x);
                let ty = self.resolve_type(t);
                (mk(K::Is(bx(xx), ty), span), types::bool_())
            }
            // Zeek does not check `?as` when compiling: it answers at run
            // time whether the conversion succeeds.
            ExprKind::CanCast(x, t) => {
                let (xx, _) = self.expr(x);
                let ty = self.resolve_type(t);
                (mk(K::CanCast(bx(xx), ty), span), types::bool_())
            }
            ExprKind::Copy(x) => {
                let (xx, xt) = self.expr(x);
                (mk(K::Copy(bx(xx)), span), xt)
            }
            ExprKind::Bracket(items) => self.bracket(items, span, expected),
            ExprKind::Brace(items) => self.brace(items, span, expected),
            ExprKind::FieldAssign(n, _) => {
                self.error(
                    n.span,
                    format!(
                        "field assignment outside a constructor ({})",
                        self.text(span)
                    ),
                );
                self.poison(span)
            }
            ExprKind::Record(items) => self.record_ctor(None, items, span, false),
            ExprKind::Set(items) => self.set_ctor(items, span, expected.filter(|t| t.is_set())),
            ExprKind::Table(items) => {
                self.table_ctor(items, span, expected.filter(|t| t.is_table()), false)
            }
            ExprKind::Vector(items) => self.vector_ctor(
                items,
                span,
                expected.filter(|t| matches!(***t, Type::Vector(_))),
            ),
            ExprKind::WithAttrs(x, attrs) => {
                let (mut xx, xt) = self.expr_expect(x, expected);
                let untyped = matches!(&x.kind, ExprKind::Table(items) if items.is_empty())
                    && expected.is_some_and(|t| t.is_table());
                if let Some(a) = self.table_attrs_of(&xt, attrs, untyped.then_some(span)) {
                    if let K::Table(_, _, ta) = &mut xx.kind {
                        *ta = a;
                    }
                }
                (xx, xt)
            }
            ExprKind::Lambda(l) => self.lambda(l, span),
            ExprKind::HookCall(call) => self.hook_call(call, span),
            ExprKind::Schedule(t, ev, args) => {
                let (tx, tt) = self.expr(t);
                if self.local_names_event(ev) {
                    return self.poison(span);
                }
                let Some(id) = self.lookup_global(&ev.text) else {
                    self.error(ev.span, format!("unknown identifier {}", ev.text));
                    return self.poison(span);
                };
                self.check_deprecated_id(id, ev.span);
                let ety = self.global_type(id);
                if !self.is_event_target(id, ev, args, span) {
                    return self.poison(span);
                }
                if !matches!(&*tt, Type::Interval | Type::Time | Type::Error) {
                    self.error(
                        span,
                        format!(
                            "schedule expression requires a time or time interval ({})",
                            super::describe::expr(e)
                        ),
                    );
                }
                let args = self.event_args(id, ev, &ety, args, span);
                (
                    mk(
                        K::Schedule(bx(tx), bx(mk(K::Global(id), ev.span)), args),
                        span,
                    ),
                    types::void(),
                )
            }
        }
    }

    /// `c ? a : b`, checked as Zeek's `CondExpr` is: a bool (or a vector
    /// of bool, choosing element by element between two vectors), and
    /// alternatives of one type (numbers meet in the wider type; an empty
    /// constructor takes the other's type).
    fn conditional(
        &mut self,
        whole: &ast::Expr,
        (c, a, b): (&ast::Expr, &ast::Expr, &ast::Expr),
        expected: Option<&TypeRef>,
    ) -> Typed {
        let span = whole.span;
        let (cx, ct) = self.expr(c);
        let (ax, at) = self.expr_expect(a, expected);
        let (bx_, bt) = self.expr_expect(b, expected);
        if ct.is_error() || at.is_error() || bt.is_error() {
            return self.poison(span);
        }
        let vector = matches!(&*ct, Type::Vector(_));
        let ct1 = ct.yield_type().filter(|_| vector).unwrap_or(&ct).clone();
        if !matches!(&*ct1, Type::Bool) {
            let msg = format!(
                "requires boolean conditional ({})",
                self.operand_text(whole)
            );
            self.error(span, msg);
            return self.poison(span);
        }
        let (mut t2, mut t3) = (at.clone(), bt.clone());
        if vector {
            let (Type::Vector(x), Type::Vector(y)) = (&*at, &*bt) else {
                let msg = format!(
                    "vector conditional requires vector alternatives ({})",
                    self.operand_text(whole)
                );
                self.error(span, msg);
                return self.poison(span);
            };
            (t2, t3) = (x.clone(), y.clone());
        }
        let same_msg = |me: &Self| {
            format!(
                "operands must be of the same type ({})",
                me.operand_text(whole)
            )
        };
        let ty = if super::operators::is_arith(&t2) && super::operators::is_arith(&t3) {
            let t = super::operators::max_type(&t2, &t3);
            if vector {
                types::vector_of(t)
            } else {
                t
            }
        } else if std::mem::discriminant(&*t2) != std::mem::discriminant(&*t3) {
            let msg = same_msg(self);
            self.error(span, msg);
            return self.poison(span);
        } else if vector {
            let msg = format!(
                "vector conditional type clash between alternatives ({})",
                self.operand_text(whole)
            );
            self.error(span, msg);
            return self.poison(span);
        } else {
            let unspecified = |t: &TypeRef| t.is_unspecified();
            if unspecified(&at) {
                bt.clone()
            } else if unspecified(&bt) || types::same_type(&at, &bt) {
                at.clone()
            } else {
                let msg = same_msg(self);
                self.error(span, msg);
                return self.poison(span);
            }
        };
        if vector {
            let ax = self.coerce(ax, &at, &ty, a.span);
            let bx2 = self.coerce(bx_, &bt, &ty, b.span);
            return (mk(K::VectorCond(bx(cx), bx(ax), bx(bx2)), span), ty);
        }
        let ax = self.coerce(ax, &at, &ty, a.span);
        let bx2 = self.coerce(bx_, &bt, &ty, b.span);
        (mk(K::Cond(bx(cx), bx(ax), bx(bx2)), span), ty)
    }

    fn literal(&mut self, l: &Literal, span: Span) -> Typed {
        let (v, t) = match l {
            Literal::Bool(b) => (Value::Bool(*b), types::bool_()),
            Literal::Count(c) => (Value::Count(*c), types::count()),
            Literal::Double(d) => (Value::Double(*d), types::double()),
            Literal::String(s) => {
                let v = Value::str(s);
                if let Value::String(rc) = &v {
                    self.interp
                        .globals
                        .const_origins
                        .insert(Rc::as_ptr(rc) as usize, (v.clone(), span));
                }
                (v, types::string())
            }
            Literal::Port(n, p) => (
                Value::Port(crate::runtime::value::Port { num: *n, proto: *p }),
                types::port(),
            ),
            // IPv4-mapped IPv6 addresses are IPv4 addresses, as in Zeek.
            Literal::Addr(a) => (Value::addr(a.to_canonical()), types::addr()),
            Literal::Subnet(a, w) => {
                let (a, w) = match a.to_canonical() {
                    c @ std::net::IpAddr::V4(_) if a.is_ipv6() => (c, w.saturating_sub(96)),
                    c => (c, *w),
                };
                (crate::eval::ops::subnet_value(a, w), types::subnet())
            }
            Literal::Interval(s) => (Value::Interval(*s), types::interval()),
            Literal::Pattern(re, ci, dotall) => {
                match crate::runtime::pattern::make_literal(re, *ci, *dotall) {
                    Ok(v) => (v, types::pattern()),
                    Err(m) => {
                        self.error(span, format!("bad pattern: {m}"));
                        return self.poison(span);
                    }
                }
            }
        };
        (mk(K::Const(v), span), t)
    }

    /// A name: a local, a capture, or a global.
    pub(crate) fn name(&mut self, n: &ast::Name) -> Typed {
        if !n.text.contains("::") {
            if let Some(scope) = &mut self.scope {
                if let Some(l) = scope.lookup(&n.text) {
                    let (slot, ty) = (l.slot, l.ty.clone());
                    if scope.out_of_scope(l) {
                        let at = l.span;
                        self.error(
                            at,
                            format!(
                                "use of out-of-scope local; move declaration to outer scope ({})",
                                n.text
                            ),
                        );
                    }
                    return (mk(K::Local(slot), n.span), ty);
                }
                // A local of the enclosing function, captured by a lambda.
                if let Some(outer) = scope.outer.iter().find(|l| l.name == n.text).cloned() {
                    let slot = scope.declare(&n.text, outer.ty.clone(), outer.is_const, outer.span);
                    scope
                        .captures
                        .push((slot, mk(K::Local(outer.slot), n.span)));
                    return (mk(K::Local(slot), n.span), outer.ty);
                }
            }
        }
        match self.lookup_global(&n.text) {
            Some(id) => {
                self.check_deprecated_id(id, n.span);
                let info = self.globals.info(id);
                let ty = info.ty.clone();
                if info.kind == IdKind::Type {
                    return (
                        mk(K::Const(Value::Type(ty.clone())), n.span),
                        Rc::new(Type::TypeOf(ty)),
                    );
                }
                if matches!(info.kind, IdKind::EnumConst)
                    || matches!(info.kind, IdKind::Const) && !info.redefable
                {
                    if let v @ (Value::Enum(_)
                    | Value::Count(_)
                    | Value::Int(_)
                    | Value::Double(_)
                    | Value::Bool(_)) = &self.interp.globals.values[id as usize]
                    {
                        return (mk(K::Const(v.clone()), n.span), ty);
                    }
                }
                (mk(K::Global(id), n.span), ty)
            }
            None => {
                self.error(
                    n.span,
                    format!("unknown identifier {}, at or near \"{}\"", n.text, n.text),
                );
                self.poison(n.span)
            }
        }
    }

    /// The position and type of field `f`; `whole` is the span of the
    /// whole field expression, which messages quote.
    pub fn field_index(
        &mut self,
        rt: &TypeRef,
        f: &ast::Name,
        whole: Span,
    ) -> Option<(u32, TypeRef)> {
        match &**rt {
            Type::Record(r) => {
                let fields = r.fields.borrow();
                match fields.iter().position(|x| x.name == f.text) {
                    Some(i) => {
                        let ft = fields[i].ty.clone();
                        drop(fields);
                        if !self.deprecated_fields.is_empty() {
                            let what = self.text(whole);
                            self.check_deprecated_field(r, i, false, &what, whole);
                        }
                        Some((i as u32, ft))
                    }
                    None => {
                        drop(fields);
                        self.error(
                            whole,
                            format!("no such field in record ({})", self.text(whole)),
                        );
                        None
                    }
                }
            }
            Type::Error => None,
            _ => {
                self.error(whole, format!("not a record ({})", self.text(whole)));
                None
            }
        }
    }

    pub fn bool_expr(&mut self, e: &ast::Expr) -> ir::Expr {
        let before = self.errors;
        let (x, t) = self.expr(e);
        // One error per expression: do not pile on after a reported one.
        if self.errors == before && !matches!(&*t, Type::Bool | Type::Error | Type::Any) {
            self.error(
                e.span,
                format!("requires boolean conditional ({})", self.text(e.span)),
            );
        }
        x
    }

    pub(crate) fn int_expr(&mut self, e: &ast::Expr) -> ir::Expr {
        let (x, t) = self.expr(e);
        if !matches!(&*t, Type::Count | Type::Int | Type::Error) {
            self.error(
                e.span,
                format!("index must be a count or int ({})", self.text(e.span)),
            );
        }
        x
    }

    fn index(&mut self, x: &ast::Expr, idx: &[ast::Expr], span: Span) -> Typed {
        let (xx, xt) = self.expr(x);
        match &*xt {
            Type::Table(tt) if tt.yield_.is_some() && is_pattern_index(&tt.index) => {
                // Indexing pattern tables with a string collects the values
                // of every matching pattern.
                let (kx, kt) = self.expr(&idx[0]);
                let y = tt.yield_.clone().unwrap_or_else(types::error);
                if idx.len() == 1 && matches!(&*kt, Type::String) {
                    let vt = types::vector_of(y);
                    return (
                        mk(K::PatternTableIndex(bx(xx), bx(kx), vt.clone()), span),
                        vt,
                    );
                }
                let key = self.key_expr(&tt.index, idx, span);
                (mk(K::TableIndex(bx(xx), bx(key)), span), y)
            }
            Type::Table(tt) if tt.yield_.is_some() && subnet_index(&tt.index, idx) => {
                let y = tt.yield_.clone().unwrap_or_else(types::error);
                match self.subnet_key(&tt.index[0], &idx[0]) {
                    Ok(addr) => (mk(K::SubnetTableIndex(bx(xx), bx(addr)), span), y),
                    Err(key) => (mk(K::TableIndex(bx(xx), bx(key)), span), y),
                }
            }
            Type::Table(tt) => {
                let key = self.key_expr(&tt.index, idx, span);
                match &tt.yield_ {
                    Some(y) => (mk(K::TableIndex(bx(xx), bx(key)), span), y.clone()),
                    None => {
                        self.error(span, format!("indexing a set ({})", self.text(span)));
                        self.poison(span)
                    }
                }
            }
            Type::Vector(elem) => {
                if idx.len() != 1 {
                    self.error(span, "vector index must be a single value");
                    return self.poison(span);
                }
                let (ix, it) = self.expr(&idx[0]);
                if matches!(&*it, Type::Vector(_)) {
                    return (mk(K::VectorSelect(bx(xx), bx(ix)), span), xt.clone());
                }
                (mk(K::VectorIndex(bx(xx), bx(ix)), span), elem.clone())
            }
            Type::String => {
                let ix = self.int_expr(&idx[0]);
                (mk(K::StringIndex(bx(xx), bx(ix)), span), types::string())
            }
            Type::Error => self.poison(span),
            _ => {
                self.error(span, format!("not an index type ({})", self.text(span)));
                self.poison(span)
            }
        }
    }

    /// The key of a table or set access: one value, or a tuple for a
    /// multi-part index.
    /// The key of a table indexed by one subnet: `Ok` with an address,
    /// looked up as the longest subnet holding it, else `Err` with the
    /// key converted to the index type as usual.
    pub(crate) fn subnet_key(
        &mut self,
        subnet: &TypeRef,
        e: &ast::Expr,
    ) -> Result<ir::Expr, ir::Expr> {
        let (x, xt) = self.expr(e);
        if matches!(*xt, Type::Addr) {
            return Ok(x);
        }
        Err(self.coerce(x, &xt, subnet, e.span))
    }

    pub fn key_expr(&mut self, index: &[TypeRef], idx: &[ast::Expr], span: Span) -> ir::Expr {
        // `t[[a, b]]` passes the parts as one bracket list.
        let parts: Vec<&ast::Expr> = match idx {
            [ast::Expr {
                kind: ExprKind::Bracket(items),
                ..
            }] if index.len() > 1 => items.iter().collect(),
            _ => idx.iter().collect(),
        };
        if parts.len() != index.len() {
            self.error(
                span,
                format!("wrong number of index values ({})", self.text(span)),
            );
            return mk(K::Const(Value::Unset), span);
        }
        let mut xs = Vec::with_capacity(parts.len());
        for (p, t) in parts.iter().zip(index) {
            let (x, xt) = self.expr_expect(p, Some(t));
            xs.push(self.coerce(x, &xt, t, p.span));
        }
        if xs.len() == 1 {
            xs.pop().unwrap_or_else(|| mk(K::Const(Value::Unset), span))
        } else {
            mk(K::Tuple(xs), span)
        }
    }

    /// Arguments checked against a function type's parameters, with
    /// defaults filled in.
    pub fn args(&mut self, fty: &TypeRef, args: &[ast::Expr], span: Span) -> Vec<ir::Expr> {
        self.call_args(fty, args, span, None)
    }

    /// The arguments of a function or hook call, for a callee declared
    /// at `decl` (where Zeek places a parameter's unnamed type in
    /// messages).
    fn call_args(
        &mut self,
        fty: &TypeRef,
        args: &[ast::Expr],
        span: Span,
        decl: Option<Span>,
    ) -> Vec<ir::Expr> {
        let (xs, ok) = self.args_of(fty, args, span, decl);
        if !ok {
            let m = format!(
                "argument type mismatch in function call ({})",
                self.text(span)
            );
            self.error(span, m);
        }
        xs
    }

    /// The arguments of an event raised or scheduled: `name(args)`.
    pub fn event_args(
        &mut self,
        id: u32,
        name: &ast::Name,
        ety: &TypeRef,
        args: &[ast::Expr],
        span: Span,
    ) -> Vec<ir::Expr> {
        let decl = Some(self.globals.info(id).span);
        let (xs, ok) = self.args_of(ety, args, span, decl);
        if !ok {
            let list: Vec<String> = args.iter().map(super::describe::expr).collect();
            let m = format!(
                "argument type mismatch in event invocation ({}({}))",
                name.text,
                list.join(", ")
            );
            self.error(name.span, m);
        }
        xs
    }

    /// Arguments checked against a function type's parameters, with
    /// defaults filled in; false if one did not promote (reported).
    fn args_of(
        &mut self,
        fty: &TypeRef,
        args: &[ast::Expr],
        span: Span,
        decl: Option<Span>,
    ) -> (Vec<ir::Expr>, bool) {
        let Some(ft) = fty.as_func() else {
            return (args.iter().map(|a| self.expr(a).0).collect(), true);
        };
        let params = ft.params.clone();
        let varargs = ft.varargs;
        if args.len() > params.len() && !varargs {
            self.error(
                span,
                format!("argument type mismatch ({})", self.text(span)),
            );
        }
        let mut out = Vec::with_capacity(params.len().max(args.len()));
        let mut clash = false;
        for (i, a) in args.iter().enumerate() {
            match params.get(i) {
                // As Zeek's check_and_promote_args: the first argument that
                // does not promote ends the check, with the type's and the
                // argument's complaints and then the call's.
                Some(p) if !clash => {
                    let (x, xt) = self.expr_expect(a, Some(&p.ty));
                    let at = self.type_decl_span(&p.ty).or(decl);
                    match self.check_promote(x, &xt, a, &p.ty, at) {
                        Some(x) => out.push(x),
                        None => {
                            clash = true;
                            out.push(mk(K::Const(Value::Unset), a.span));
                        }
                    }
                }
                _ => out.push(self.expr(a).0),
            }
        }
        if clash {
            return (out, false);
        }
        for p in params.iter().skip(args.len()) {
            match &p.default {
                Some(v) => out.push(mk(K::Const(v.clone()), span)),
                None => {
                    self.error(
                        span,
                        format!(
                            "argument type mismatch, missing {} ({})",
                            p.name,
                            self.text(span)
                        ),
                    );
                    break;
                }
            }
        }
        (out, true)
    }

    /// Where a called global function was declared, for messages.
    fn callee_decl(&mut self, f: &ast::Expr) -> Option<Span> {
        let ExprKind::Name(n) = &f.kind else {
            return None;
        };
        if let Some(scope) = &mut self.scope {
            if scope.lookup(&n.text).is_some() {
                return None;
            }
        }
        let id = self.lookup_global(&n.text)?;
        Some(self.globals.info(id).span)
    }

    fn call(
        &mut self,
        f: &ast::Expr,
        args: &[ast::Expr],
        span: Span,
        expected: Option<&TypeRef>,
    ) -> Typed {
        let (fx, ft) = self.expr(f);
        match &*ft {
            Type::TypeOf(t) => {
                let t = t.clone();
                self.named_ctor(&t, args, span, expected)
            }
            Type::Func(fty) => {
                match fty.kind {
                    FuncKind::Hook => {
                        self.error(
                            span,
                            format!(
                                "hook cannot be called directly, use hook operator ({})",
                                self.text(f.span)
                            ),
                        );
                        return self.poison(span);
                    }
                    FuncKind::Event => {
                        self.error(span, format!("not a function ({})", self.text(span)));
                        return self.poison(span);
                    }
                    FuncKind::Function => {}
                }
                let ret = fty.ret.clone();
                let decl = self.callee_decl(f);
                let xs = self.call_args(&ft, args, span, decl);
                let ret = self.bif_return_type(&fx, &xs, ret);
                if let K::Global(id) = fx.kind {
                    if let Value::Func(fv) = &self.interp.globals.values[id as usize] {
                        if let Some(b) = fv.builtin {
                            let name = fv.name.clone();
                            self.describe_defaults(span, args.len(), &xs);
                            return (mk(K::CallBif(b, name, xs), span), ret);
                        }
                    }
                }
                (mk(K::Call(bx(fx), xs), span), ret)
            }
            Type::Error => self.poison(span),
            _ => {
                self.error(span, format!("not a function ({})", self.text(span)));
                self.poison(span)
            }
        }
    }

    /// Built-ins whose result type depends on their arguments.
    fn bif_return_type(&self, f: &ir::Expr, args: &[ir::Expr], declared: TypeRef) -> TypeRef {
        let K::Global(id) = f.kind else {
            return declared;
        };
        let name = self.globals.info(id).name.as_str();
        let arg_ty = |i: usize| -> Option<TypeRef> {
            match &args.get(i)?.kind {
                K::Local(_) | K::Global(_) | K::Field(..) | K::Const(_) => None,
                _ => None,
            }
        };
        let _ = arg_ty;
        let _ = name;
        declared
    }

    fn hook_call(&mut self, call: &ast::Expr, span: Span) -> Typed {
        let ExprKind::Call(f, args) = &call.kind else {
            let text = super::describe::expr(call);
            self.error(span, format!("not a valid hook call expression ({text})"));
            return self.poison(span);
        };
        let (fx, ft) = self.expr(f);
        match ft.as_func() {
            Some(fty) if fty.kind == FuncKind::Hook => {
                let xs = self.args(&ft, args, span);
                (mk(K::HookCall(bx(fx), xs), span), types::bool_())
            }
            _ if ft.is_error() => self.poison(span),
            _ => {
                self.error(
                    span,
                    format!(
                        "hook keyword should only be used to call hooks ({})",
                        self.text(call.span)
                    ),
                );
                self.poison(span)
            }
        }
    }

    fn lambda(&mut self, l: &ast::Lambda, span: Span) -> Typed {
        let ft = self.func_type(l.kind, &l.sig);
        let fty = match ft.as_func() {
            Some(f) => f,
            None => return self.poison(span),
        };
        let mut scope = FuncScope::new(l.kind, fty.ret.clone());
        scope.infer_ret = l.infer_ret;
        for (p, def) in l.sig.params.iter().zip(fty.params.iter()) {
            scope.declare(&p.name.text, def.ty.clone(), false, p.name.span);
        }
        if let Some(outer) = &self.scope {
            // Globals and explicitly captured or referenced outer locals.
            scope.outer = outer.locals.clone();
            scope.outer.extend(outer.outer.iter().cloned());
            for c in l.captures.iter().flatten() {
                if let Some(o) = scope.outer.iter().rev().find(|o| o.name == c.name.text) {
                    scope.captured_names.push((c.name.text.clone(), o.span));
                }
            }
        }
        let saved = self.scope.replace(scope);
        let body = self.block(&l.body.stmts);
        if self.usage.is_some() {
            let captured: Vec<u32> = self
                .scope
                .iter()
                .flat_map(|s| s.captures.iter().map(|(slot, _)| *slot))
                .collect();
            let entry = (0..l.sig.params.len() as u32)
                .chain(captured.iter().copied())
                .collect();
            self.analyze_usage(super::usage::Body::Func(&body), entry, captured);
        }
        let Some(scope) = std::mem::replace(&mut self.scope, saved) else {
            return self.poison(span);
        };
        let ft = if l.infer_ret && !matches!(*scope.ret, Type::Void) {
            Rc::new(Type::Func(types::FuncType {
                kind: fty.kind,
                params: fty.params.clone(),
                ret: scope.ret.clone(),
                varargs: fty.varargs,
            }))
        } else {
            ft
        };
        let mut capture_slots = Vec::new();
        let mut capture_exprs = Vec::new();
        for (slot, src) in scope.captures {
            capture_slots.push(slot);
            // The source names a slot of the enclosing frame; when the
            // enclosing scope itself captured it, that is its own slot.
            let src = match src.kind {
                K::Local(outer_slot) => {
                    let name = scope
                        .locals
                        .iter()
                        .find(|x| x.slot == slot)
                        .map(|x| x.name.clone());
                    match (name, &mut self.scope) {
                        (Some(n), Some(enc)) => match enc.lookup(&n) {
                            Some(found) => mk(K::Local(found.slot), src.span),
                            None => {
                                let (x, _) = self.name(&ast::Name {
                                    text: n,
                                    span: src.span,
                                });
                                x
                            }
                        },
                        _ => mk(K::Local(outer_slot), src.span),
                    }
                }
                other => mk(other, src.span),
            };
            // `function[copy x]` captures a deep copy.
            let name = scope
                .locals
                .iter()
                .find(|x| x.slot == slot)
                .map(|x| x.name.as_str());
            let deep = l.captures.as_ref().is_some_and(|cs| {
                cs.iter()
                    .any(|c| c.deep_copy && Some(c.name.text.as_str()) == name)
            });
            capture_exprs.push(if deep {
                let span = src.span;
                mk(K::Copy(bx(src)), span)
            } else {
                src
            });
        }
        let fb = ir::FuncBody {
            groups: Vec::new(),
            name: "lambda".to_string(),
            num_params: l.sig.params.len() as u32,
            frame_size: scope.next_slot,
            capture_slots,
            arg_map: Vec::new(),
            body,
            span,
        };
        (
            mk(K::Lambda(Rc::new(fb), ft.clone(), capture_exprs), span),
            ft,
        )
    }
}

/// A copy of a side-effect-free expression (names, fields, indices,
/// constants), for reading an assignment target.
pub fn clone_expr(e: &ir::Expr) -> ir::Expr {
    let k = match &e.kind {
        K::Const(v) => K::Const(v.clone()),
        K::Local(s) => K::Local(*s),
        K::Global(g) => K::Global(*g),
        K::Field(r, i) => K::Field(bx(clone_expr(r)), *i),
        K::TableIndex(t, k) => K::TableIndex(bx(clone_expr(t)), bx(clone_expr(k))),
        K::VectorIndex(v, i) => K::VectorIndex(bx(clone_expr(v)), bx(clone_expr(i))),
        K::Tuple(items) => K::Tuple(items.iter().map(clone_expr).collect()),
        K::Coerce(x, c) => K::Coerce(bx(clone_expr(x)), c.clone()),
        K::Arith(op, a, b) => K::Arith(*op, bx(clone_expr(a)), bx(clone_expr(b))),
        K::Concat(a, b) => K::Concat(bx(clone_expr(a)), bx(clone_expr(b))),
        K::Call(f, args) => K::Call(bx(clone_expr(f)), args.iter().map(clone_expr).collect()),
        K::CallBif(f, n, args) => K::CallBif(*f, n.clone(), args.iter().map(clone_expr).collect()),
        // Other forms do not appear as assignment targets' parts; reading
        // them again would repeat effects, so they read as unset.
        _ => K::Const(Value::Unset),
    };
    mk(k, e.span)
}

impl Compiler {
    /// Events are raised by their global name; Zeek's grammar rejects a
    /// local there (reported where the argument list closes).
    pub(super) fn local_names_event(&mut self, name: &ast::Name) -> bool {
        let is_local = self
            .scope
            .as_ref()
            .is_some_and(|s| s.lookup(&name.text).is_some());
        if is_local {
            self.error(
                name.span,
                format!(
                    "local identifier \"{}\" cannot be used to reference an event, at or near \")\"",
                    name.text
                ),
            );
        }
        is_local
    }
}
