//! Constructors: records (`[$a=1]`, `record(...)`, `R(...)`), sets,
//! tables, vectors, and `{ ... }` / `[ ... ]` initialiser lists, typed from
//! the context they are used in when it gives a type.

use super::coerce::promote;
use super::describe;
use super::Compiler;
use crate::runtime::ir::{self, ExprKind as K};
use crate::runtime::types::{self, FieldDef, RecordType, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, ExprKind, InitOp, Span};
use std::cell::RefCell;
use std::rc::Rc;

type Typed = (ir::Expr, TypeRef);

/// The type of a constructor whose elements did not fit the type given
/// it: no type equals it, so assigning it is Zeek's `type clash in
/// assignment`, as Zeek reports after the constructor's complaint.
fn failed_ctor_type() -> TypeRef {
    types::set_of(vec![types::void(), types::error()])
}

pub(super) fn is_failed_ctor(t: &TypeRef) -> bool {
    t.as_table()
        .is_some_and(|tt| tt.index.len() == 2 && tt.index[1].is_error())
}

fn mk(kind: K, span: Span) -> ir::Expr {
    ir::Expr { kind, span }
}

impl Compiler {
    pub(super) fn record_ctor(
        &mut self,
        target: Option<Rc<RecordType>>,
        items: &[ast::Expr],
        span: Span,
        coercing: bool,
    ) -> Typed {
        let mut inits = Vec::new();
        // Zeek names a `[$a=...]` coerced to a record type by the coercion.
        let coerced = |rt: &RecordType| {
            format!(
                "(coerce {} to {})",
                describe::bracket(items),
                rt.name.borrow().clone().unwrap_or_default()
            )
        };
        let mut failed = false;
        let rt = match target {
            Some(rt) => {
                for it in items {
                    let ExprKind::FieldAssign(n, v) = &it.kind else {
                        if !coercing {
                            // `R(x)` with x not `$f=...`: Zeek names both.
                            let msg = format!(
                                "bad type in record constructor ({} and {})",
                                self.text(span),
                                describe::expr(it)
                            );
                            self.error(span, msg);
                            return self.poison(span);
                        }
                        self.error(
                            it.span,
                            format!("bad record initializer ({})", self.text(it.span)),
                        );
                        continue;
                    };
                    let Some(i) = rt.field_index(&n.text) else {
                        if coercing {
                            let msg = format!(
                                "orphaned field \"{}\" in record coercion ({})",
                                n.text,
                                coerced(&rt)
                            );
                            self.error(span, msg);
                        } else {
                            self.error(n.span, format!("no such field in record ({})", n.text));
                        }
                        continue;
                    };
                    let what = if coercing {
                        coerced(&rt)
                    } else {
                        let mut t = rt.name.borrow().clone().unwrap_or_default();
                        t.push('(');
                        for (k, x) in items.iter().enumerate() {
                            if k > 0 {
                                t.push_str(", ");
                            }
                            t.push_str(&describe::expr(x));
                        }
                        t.push(')');
                        t
                    };
                    self.check_deprecated_field(&rt, i, false, &what, span);
                    let fty = rt.fields.borrow()[i].ty.clone();
                    // A nested `[$f=...]` being coerced is checked as a
                    // whole against the field's record type, as Zeek does.
                    let nested = coercing
                        && fty.as_record().is_some()
                        && matches!(&v.kind, ExprKind::Bracket(xs)
                            if !xs.is_empty() && xs.iter().all(|x| matches!(x.kind, ExprKind::FieldAssign(..))));
                    let (x, xt) = if nested {
                        self.expr(v)
                    } else {
                        self.expr_expect(v, Some(&fty))
                    };
                    match self.try_coerce(x, &xt, &fty) {
                        Ok(x) => inits.push((i as u32, x)),
                        Err(x) if coercing => {
                            let msg = format!(
                                "type clash for field \"{}\" ({} and {})",
                                n.text,
                                coerced(&rt),
                                xt
                            );
                            if xt.as_record().is_some() {
                                self.error(span, msg);
                            } else {
                                self.error_also(
                                    span,
                                    crate::diag::Also::After(xt.to_string()),
                                    msg,
                                );
                            }
                            inits.push((i as u32, x));
                        }
                        Err(x) => {
                            // Zeek's named constructor checks each value
                            // against its field's type (check_and_promote),
                            // and is in error after any that does not fit.
                            let at = self.type_decl_span(&fty);
                            if self.check_promote_as(x, &xt, v, &fty, at, false).is_none() {
                                failed = true;
                            }
                        }
                    }
                }
                // A named constructor leaves aggregate fields (records,
                // tables, sets, vectors) to their empty defaults.
                let missing: Vec<String> = rt
                    .fields
                    .borrow()
                    .iter()
                    .enumerate()
                    .filter(|(i, f)| {
                        !f.optional
                            && f.default.is_none()
                            && (coercing
                                || !matches!(
                                    &*f.ty,
                                    Type::Record(_) | Type::Table(_) | Type::Vector(_)
                                ))
                            && !inits.iter().any(|(j, _)| *j as usize == *i)
                    })
                    .map(|(_, f)| f.name.clone())
                    .collect();
                // Zeek names the constructor in the first message and the
                // bare field list in the rest.
                for (k, m) in missing.iter().enumerate() {
                    let whole = if coercing || k > 0 {
                        describe::bracket(items)
                    } else {
                        self.text(span)
                    };
                    self.error(span, format!("mandatory field \"{m}\" missing ({whole})"));
                }
                rt
            }
            None => {
                // How Zeek describes the constructor, should it be
                // converted to a record type later.
                self.ctor_text
                    .insert((span.file, span.lo, span.hi), describe::bracket(items));
                let mut fields = Vec::new();
                for it in items {
                    let ExprKind::FieldAssign(n, v) = &it.kind else {
                        self.error(
                            it.span,
                            format!("bad record initializer ({})", self.text(it.span)),
                        );
                        continue;
                    };
                    let (x, xt) = self.expr(v);
                    inits.push((fields.len() as u32, x));
                    fields.push(FieldDef {
                        name: n.text.clone(),
                        ty: xt,
                        optional: false,
                        log: false,
                        default: None,
                        late_default: None,
                        implicit_default: false,
                    });
                }
                Rc::new(RecordType {
                    name: RefCell::new(None),
                    fields: RefCell::new(fields),
                })
            }
        };
        if failed {
            return self.poison(span);
        }
        let ty = Rc::new(Type::Record(rt.clone()));
        (mk(K::Record(rt, inits), span), ty)
    }

    pub(super) fn bracket(
        &mut self,
        items: &[ast::Expr],
        span: Span,
        expected: Option<&TypeRef>,
    ) -> Typed {
        let field_assigns = !items.is_empty()
            && items
                .iter()
                .all(|i| matches!(i.kind, ExprKind::FieldAssign(..)));
        match expected.map(|t| &**t) {
            Some(Type::Record(rt)) => return self.record_ctor(Some(rt.clone()), items, span, true),
            Some(Type::Vector(_)) => return self.vector_ctor(items, span, expected),
            // A bracketed list where a table or set is expected builds one.
            Some(Type::Table(tt)) if !field_assigns => {
                return if tt.yield_.is_some() {
                    self.table_ctor(items, span, expected, false)
                } else {
                    self.set_ctor(items, span, expected)
                };
            }
            _ => {}
        }
        if items
            .iter()
            .all(|i| matches!(i.kind, ExprKind::FieldAssign(..)))
        {
            return self.record_ctor(None, items, span, false);
        }
        self.vector_ctor(items, span, None)
    }

    pub(super) fn brace(
        &mut self,
        items: &[ast::Expr],
        span: Span,
        expected: Option<&TypeRef>,
    ) -> Typed {
        match expected.map(|t| &**t) {
            Some(Type::Table(tt)) if tt.yield_.is_some() => {
                self.table_ctor(items, span, expected, true)
            }
            Some(Type::Table(_)) => self.set_ctor(items, span, expected),
            Some(Type::Vector(_)) => self.vector_ctor(items, span, expected),
            _ => {
                let is_table = items
                    .iter()
                    .any(|i| matches!(&i.kind, ExprKind::Assign(InitOp::Set, l, _) if matches!(l.kind, ExprKind::Bracket(_))));
                if items.is_empty() {
                    self.error(span, "empty constructor in untyped initialization");
                    return (mk(K::Const(Value::Unset), span), types::error());
                }
                if is_table {
                    self.table_ctor(items, span, None, false)
                } else {
                    self.set_ctor(items, span, None)
                }
            }
        }
    }

    /// The parts of one set element or table key as written.
    fn key_parts<'a>(&self, e: &'a ast::Expr, arity: usize) -> Vec<&'a ast::Expr> {
        match &e.kind {
            ExprKind::Bracket(items)
                if arity > 1
                    || items.len() == 1 && !matches!(items[0].kind, ExprKind::FieldAssign(..)) =>
            {
                items.iter().collect()
            }
            _ => vec![e],
        }
    }

    /// The initializer of a declaration without a type. As in Zeek, a
    /// bracketed list of values there (`local s = [1, 2];`) is a set;
    /// with `$field = value` items it is a record.
    pub fn untyped_init(&mut self, e: &ast::Expr) -> Typed {
        match &e.kind {
            ExprKind::Bracket(items)
                if !items.is_empty()
                    && !items
                        .iter()
                        .any(|x| matches!(x.kind, ExprKind::FieldAssign(..))) =>
            {
                self.set_ctor(items, e.span, None)
            }
            _ => self.expr(e),
        }
    }

    pub(super) fn set_ctor(
        &mut self,
        items: &[ast::Expr],
        span: Span,
        expected: Option<&TypeRef>,
    ) -> Typed {
        let expanded = expand_lists(items);
        let items: &[ast::Expr] = &expanded;
        let index: Vec<TypeRef> = match expected.and_then(|t| t.as_table()) {
            Some(tt) => tt.index.clone(),
            None => match items.first() {
                Some(first) => {
                    let parts = match &first.kind {
                        ExprKind::Bracket(xs)
                            if !xs
                                .iter()
                                .any(|x| matches!(x.kind, ExprKind::FieldAssign(..))) =>
                        {
                            xs.iter().collect()
                        }
                        _ => vec![first],
                    };
                    let mut ts = Vec::new();
                    for p in parts {
                        let saved = self.errors;
                        let (_, t) = self.expr(p);
                        self.errors = saved;
                        ts.push(t);
                    }
                    // Widen to the largest numeric type among the elements.
                    if ts.len() == 1 {
                        for it in &items[1..] {
                            let (_, t) = self.expr(it);
                            if let Some(p) = promote(&ts[0], &t) {
                                ts[0] = p;
                            }
                        }
                    }
                    ts
                }
                None => Vec::new(),
            },
        };
        let ty = match expected {
            Some(t) if t.is_set() => t.clone(),
            _ => types::set_of(index.clone()),
        };
        let mut out = Vec::with_capacity(items.len());
        let typed = expected.is_some_and(|t| t.is_set());
        let mut failed = false;
        for it in items {
            let parts: Vec<ast::Expr> = self
                .key_parts(it, index.len())
                .into_iter()
                .cloned()
                .collect();
            if typed && parts.len() == index.len() {
                // Zeek's SetConstructorExpr: the elements checked against
                // the index type, the first that does not fit ending it
                // (each composite element checked on its own).
                let mut xs = Vec::with_capacity(parts.len());
                for (p, t) in parts.iter().zip(&index) {
                    let (x, xt) = self.expr_expect(p, Some(t));
                    match self.check_promote(x, &xt, p, t, None) {
                        Some(x) => xs.push(x),
                        None => break,
                    }
                }
                if xs.len() < parts.len() {
                    if index.len() == 1 {
                        return self.inconsistent_ctor("set", false, items, span);
                    }
                    failed = true;
                    continue;
                }
                let key = if xs.len() == 1 {
                    xs.pop()
                        .unwrap_or_else(|| mk(K::Const(Value::Unset), it.span))
                } else {
                    mk(K::Tuple(xs), it.span)
                };
                out.push((key, None));
                continue;
            }
            let key = self.key_expr(&index, &parts, it.span);
            out.push((key, None));
        }
        if failed {
            return self.inconsistent_ctor("set", true, items, span);
        }
        (
            mk(K::Table(ty.clone(), out, ir::TableAttrs::default()), span),
            ty,
        )
    }

    /// A table constructor; `checked`: its elements are checked against
    /// the type given it as Zeek checks a constructor of that type (a
    /// `{...}` initializer or a named type's constructor).
    pub(super) fn table_ctor(
        &mut self,
        items: &[ast::Expr],
        span: Span,
        expected: Option<&TypeRef>,
        checked: bool,
    ) -> Typed {
        let expanded = expand_lists(items);
        let items: &[ast::Expr] = &expanded;
        let mut pairs: Vec<(&ast::Expr, &ast::Expr)> = Vec::new();
        let mut unbracketed = false;
        for it in items {
            match &it.kind {
                ExprKind::Assign(InitOp::Set, k, v) => {
                    unbracketed |= !matches!(k.kind, ExprKind::Bracket(_));
                    pairs.push((k, v))
                }
                _ => unbracketed = true,
            }
        }
        // Without an expected type, keys must be bracketed for Zeek to see
        // what the index type is.
        if unbracketed && expected.and_then(|t| t.as_table()).is_none() {
            let mut whole = String::from("table(");
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    whole.push_str(", ");
                }
                whole.push_str(&describe::expr(it));
            }
            whole.push(')');
            self.error(
                span,
                format!(
                    "cannot determine type for table; ensure square brackets are around each key ({whole})"
                ),
            );
            return self.poison(span);
        }
        let (index, yield_) = match expected.and_then(|t| t.as_table()) {
            Some(tt) => (
                tt.index.clone(),
                tt.yield_.clone().unwrap_or_else(types::any),
            ),
            None => match pairs.first() {
                Some((k, v)) => {
                    let parts: Vec<&ast::Expr> = match &k.kind {
                        ExprKind::Bracket(xs) => xs.iter().collect(),
                        _ => vec![*k],
                    };
                    let mut ts = Vec::new();
                    for p in parts {
                        let (_, t) = self.expr(p);
                        ts.push(t);
                    }
                    let (_, vt) = self.expr(v);
                    (ts, vt)
                }
                None => (Vec::new(), types::any()),
            },
        };
        let ty = match expected {
            Some(t) if t.is_table() => t.clone(),
            _ => types::table_of(index.clone(), yield_.clone()),
        };
        let mut out = Vec::with_capacity(pairs.len());
        let typed = checked && expected.and_then(|t| t.as_table()).is_some();
        let mut mismatched = false;
        for (k, v) in pairs {
            let parts: Vec<ast::Expr> = match &k.kind {
                ExprKind::Bracket(xs) => xs.clone(),
                _ => vec![k.clone()],
            };
            if typed && parts.len() == index.len() {
                // Zeek's TableConstructorExpr: each index part, then the
                // value, checked against the declared type; the first that
                // does not fit ends the check.
                let mut xs = Vec::with_capacity(parts.len());
                for (p, t) in parts.iter().zip(&index) {
                    let (x, xt) = self.expr_expect(p, Some(t));
                    match self.ctor_promote(x, &xt, p, t) {
                        Some(x) => xs.push(x),
                        None => return self.inconsistent_ctor("table", true, items, span),
                    }
                }
                let key = if xs.len() == 1 {
                    xs.pop()
                        .unwrap_or_else(|| mk(K::Const(Value::Unset), k.span))
                } else {
                    mk(K::Tuple(xs), k.span)
                };
                // A `[$a=...]` value is its own record, then converted.
                let hint = (!matches!(&*yield_, Type::Record(_))).then_some(&yield_);
                let (vx, vt) = self.expr_expect(v, hint);
                match self.ctor_promote(vx, &vt, v, &yield_) {
                    Some(vx) => out.push((key, Some(vx))),
                    None => return self.inconsistent_ctor("table", true, items, span),
                }
                continue;
            }
            if expected.is_some() && parts.len() == index.len() {
                // `table(...)` has the type of what it holds; where that
                // is not the type expected of it, the assignment is what
                // Zeek reports (a type clash in assignment).
                let mut xs = Vec::with_capacity(parts.len());
                for (p, t) in parts.iter().zip(&index) {
                    let (x, xt) = self.expr_expect(p, Some(t));
                    match self.try_coerce(x, &xt, t) {
                        Ok(x) => xs.push(x),
                        Err(_) => mismatched = true,
                    }
                }
                let (vx, vt) = self.expr_expect(v, Some(&yield_));
                let vx = self.try_coerce(vx, &vt, &yield_).unwrap_or_else(|x| {
                    mismatched = true;
                    x
                });
                let key = if xs.len() == 1 {
                    xs.pop()
                        .unwrap_or_else(|| mk(K::Const(Value::Unset), k.span))
                } else {
                    mk(K::Tuple(xs), k.span)
                };
                out.push((key, Some(vx)));
                continue;
            }
            let key = self.key_expr(&index, &parts, k.span);
            let (vx, vt) = self.expr_expect(v, Some(&yield_));
            let vx = self.coerce(vx, &vt, &yield_, v.span);
            out.push((key, Some(vx)));
        }
        if mismatched {
            return (self.poison(span).0, failed_ctor_type());
        }
        (
            mk(K::Table(ty.clone(), out, ir::TableAttrs::default()), span),
            ty,
        )
    }

    /// One constructor element checked against its declared type as
    /// Zeek's `check_and_promote_expr` checks it.
    fn ctor_promote(
        &mut self,
        x: ir::Expr,
        xt: &TypeRef,
        e: &ast::Expr,
        to: &TypeRef,
    ) -> Option<ir::Expr> {
        let at = self.type_decl_span(to);
        self.check_promote_as(x, xt, e, to, at, false)
    }

    /// Where a named type was declared (Zeek's messages name it so).
    pub(crate) fn type_decl_span(&self, t: &TypeRef) -> Option<Span> {
        let name = t.name()?;
        let id = self.globals.get(&name)?;
        Some(self.globals.info(id).span)
    }

    /// `inconsistent types in table constructor (table(...))`: the
    /// constructor is in error.
    fn inconsistent_ctor(
        &mut self,
        kind: &str,
        plural: bool,
        items: &[ast::Expr],
        span: Span,
    ) -> Typed {
        let src = self
            .interp
            .output
            .sources
            .get(span.file)
            .map(|f| f.text.clone());
        let text = describe::ctor(kind, items, src.as_deref());
        // Zeek's words differ for a set of single values.
        let types = if kind == "set" && !plural {
            "type"
        } else {
            "types"
        };
        self.error(
            span,
            format!("inconsistent {types} in {kind} constructor ({text})"),
        );
        (self.poison(span).0, failed_ctor_type())
    }

    pub(super) fn vector_ctor(
        &mut self,
        items: &[ast::Expr],
        span: Span,
        expected: Option<&TypeRef>,
    ) -> Typed {
        let elem = match expected.map(|t| &**t) {
            Some(Type::Vector(e)) => Some(e.clone()),
            _ => None,
        };
        let mut xs = Vec::with_capacity(items.len());
        let mut tys = Vec::with_capacity(items.len());
        for it in items {
            let (x, t) = self.expr_expect(it, elem.as_ref());
            xs.push(x);
            tys.push(t);
        }
        let elem = match elem {
            Some(e) => e,
            None => {
                let mut t = tys.first().cloned().unwrap_or_else(types::void);
                for u in tys.iter().skip(1) {
                    if let Some(p) = promote(&t, u) {
                        t = p;
                    } else if !types::same_type(&t, u) {
                        t = types::any();
                    }
                }
                t
            }
        };
        let mut out = Vec::with_capacity(xs.len());
        for ((x, t), it) in xs.into_iter().zip(tys.iter()).zip(items) {
            out.push(self.coerce(x, t, &elem, it.span));
        }
        let ty = match expected {
            Some(t) if matches!(&**t, Type::Vector(_)) => t.clone(),
            _ => types::vector_of(elem),
        };
        (mk(K::Vector(ty.clone(), out), span), ty)
    }

    /// `R($a=1)`, `MySet(1, 2)`, `MyTable([1] = 2)`, `MyVec(1, 2)`.
    pub(super) fn named_ctor(
        &mut self,
        t: &TypeRef,
        args: &[ast::Expr],
        span: Span,
        _expected: Option<&TypeRef>,
    ) -> Typed {
        let done = |(x, xt): Typed| {
            if is_failed_ctor(&xt) {
                (x, types::error())
            } else {
                (x, xt)
            }
        };
        match &**t {
            Type::Record(rt) => self.record_ctor(Some(rt.clone()), args, span, false),
            Type::Table(tt) if tt.yield_.is_some() => {
                done(self.table_ctor(args, span, Some(t), true))
            }
            Type::Table(_) => done(self.set_ctor(args, span, Some(t))),
            Type::Vector(_) => self.vector_ctor(args, span, Some(t)),
            _ => {
                self.error(
                    span,
                    format!("not a constructor type ({})", self.text(span)),
                );
                (mk(K::Const(Value::Unset), span), types::error())
            }
        }
    }
}

/// A list inside an index of a constructor stands for each of its
/// elements, as in Zeek: `[[21/tcp, 22/tcp]] = 1 hr` is two entries.
fn expand_lists(items: &[ast::Expr]) -> Vec<ast::Expr> {
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        expand_one(it, &mut out);
    }
    out
}

fn expand_one(it: &ast::Expr, out: &mut Vec<ast::Expr>) {
    let (index, value) = match &it.kind {
        ExprKind::Assign(InitOp::Set, k, v) => (&**k, Some(v)),
        _ => (it, None),
    };
    let ExprKind::Bracket(parts) = &index.kind else {
        out.push(it.clone());
        return;
    };
    let inner = parts.iter().position(|p| {
        matches!(&p.kind, ExprKind::Bracket(xs)
            if !xs.iter().any(|x| matches!(x.kind, ExprKind::FieldAssign(..))))
    });
    let Some(at) = inner else {
        out.push(it.clone());
        return;
    };
    let ExprKind::Bracket(subs) = &parts[at].kind else {
        return;
    };
    for sub in subs {
        let mut parts2 = parts.clone();
        parts2[at] = sub.clone();
        let idx = ast::Expr {
            kind: ExprKind::Bracket(parts2),
            span: index.span,
        };
        let elem = match value {
            Some(v) => ast::Expr {
                kind: ExprKind::Assign(InitOp::Set, Box::new(idx), v.clone()),
                span: it.span,
            },
            None => idx,
        };
        expand_one(&elem, out);
    }
}
