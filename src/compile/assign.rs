//! Assignments and their targets: checking what may be assigned to
//! (`x`, `r$f`, `t[k]`, `v[i]`, slices), the compound forms (`+=`, `-=`,
//! `++`, `--`) and the text Zeek shows for their arithmetic in messages.

use super::expr::{bx, clone_expr, mk, Typed};
use super::scope::IdKind;
use super::Compiler;
use crate::runtime::ir::{self, Arith, ExprKind as K};
use crate::runtime::types::{self, Type, TypeRef};
use crate::syntax::ast::{self, ExprKind, InitOp, Span};

impl Compiler {
    /// Compiles an assignable expression.
    pub fn lvalue(&mut self, e: &ast::Expr) -> Option<(ir::LValue, TypeRef)> {
        match &e.kind {
            ExprKind::Name(n) => {
                let (x, t) = self.name(n);
                match x.kind {
                    K::Local(s) => {
                        let is_const = self
                            .scope
                            .as_ref()
                            .and_then(|sc| sc.locals.iter().find(|l| l.slot == s))
                            .is_some_and(|l| l.is_const);
                        if is_const {
                            self.error(
                                e.span,
                                format!("const is not a modifiable lvalue ({})", n.text),
                            );
                        }
                        Some((ir::LValue::Local(s), t))
                    }
                    K::Global(id) => {
                        let kind = self.globals.info(id).kind;
                        if matches!(kind, IdKind::Const | IdKind::Option) {
                            self.error(
                                e.span,
                                format!("const is not a modifiable lvalue ({})", n.text),
                            );
                        }
                        Some((ir::LValue::Global(id), t))
                    }
                    K::Const(_) => {
                        self.error(
                            e.span,
                            format!("const is not a modifiable lvalue ({})", n.text),
                        );
                        None
                    }
                    _ => None,
                }
            }
            ExprKind::Field(r, f) => {
                let (rx, rt) = self.expr(r);
                let (i, ft) = self.field_index(&rt, f, e.span)?;
                Some((ir::LValue::Field(rx, i), ft))
            }
            ExprKind::Index(x, idx) => {
                let (xx, xt) = self.expr(x);
                match &*xt {
                    Type::Table(tt) => {
                        let index = tt.index.clone();
                        let y = tt.yield_.clone();
                        let key = self.key_expr(&index, idx, e.span);
                        Some((
                            ir::LValue::TableIndex(xx, key),
                            y.unwrap_or_else(types::bool_),
                        ))
                    }
                    Type::Vector(elem) => {
                        let elem = elem.clone();
                        let ix = self.int_expr(&idx[0]);
                        Some((ir::LValue::VectorIndex(xx, ix), elem))
                    }
                    Type::Error => None,
                    _ => {
                        self.error(e.span, format!("not an index type ({})", self.text(e.span)));
                        None
                    }
                }
            }
            ExprKind::Slice(x, lo, hi) => {
                let (xx, xt) = self.expr(x);
                let lo = lo.as_ref().map(|l| self.int_expr(l));
                let hi = hi.as_ref().map(|h| self.int_expr(h));
                Some((ir::LValue::VectorSlice(xx, lo, hi), xt))
            }
            _ => {
                self.error(
                    e.span,
                    format!("illegal assignment target ({})", self.text(e.span)),
                );
                None
            }
        }
    }

    /// `lv = rx` once both sides are typed: the value is converted to the
    /// target's type, or the clash reported.
    pub(crate) fn assign_checked(
        &mut self,
        lv: ir::LValue,
        lt: TypeRef,
        rx: ir::Expr,
        rt: &TypeRef,
        span: Span,
    ) -> Typed {
        let rx = self.coerce_assign(rx, rt, &lt, span, &|me: &Self| me.text(span));
        (mk(K::Assign(Box::new(lv), bx(rx)), span), lt)
    }

    pub(crate) fn assign(
        &mut self,
        op: InitOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
    ) -> Typed {
        if let (Some(_), ExprKind::Name(_)) = (&self.usage, &lhs.kind) {
            // Zeek's reduced form of `x += y` is `x = x + y`.
            self.usage_text(span, |c| {
                let (l, r) = (super::describe::expr(lhs), c.usage_value(rhs));
                match op {
                    InitOp::Set => format!("{l} = {r}"),
                    InitOp::AddTo => format!("{l} = {l} + {r}"),
                    InitOp::RemoveFrom => format!("{l} = {l} - {r}"),
                }
            });
        }
        // In a chain (`a = b = c`) Zeek checks the inner assignment first.
        if let (InitOp::Set, ExprKind::Assign(..)) = (op, &rhs.kind) {
            let (rx, rt) = self.expr(rhs);
            let Some((lv, lt)) = self.lvalue(lhs) else {
                return self.poison(span);
            };
            return self.assign_checked(lv, lt, rx, &rt, span);
        }
        let Some((lv, lt)) = self.lvalue(lhs) else {
            self.expr(rhs);
            return self.poison(span);
        };
        match op {
            InitOp::Set => {
                let (rx, rt) = self.expr_expect(rhs, Some(&lt));
                if matches!(&*rt, Type::Void) {
                    self.error(
                        span,
                        format!("can't assign void value ({})", self.text(span)),
                    );
                }
                self.assign_checked(lv, lt, rx, &rt, span)
            }
            InitOp::AddTo | InitOp::RemoveFrom => {
                let (rx, rt) = self.expr_expect(rhs, Some(&lt));
                if lt.is_error() || rt.is_error() {
                    return self.poison(span);
                }
                let adding = op == InitOp::AddTo;
                match (&*lt, op) {
                    (Type::Vector(elem), InitOp::AddTo) if !matches!(&*rt, Type::Vector(_)) => {
                        let elem = elem.clone();
                        let rx = self.coerce(rx, &rt, &elem, rhs.span);
                        return (mk(K::AppendTo(Box::new(lv), bx(rx)), span), lt);
                    }
                    (Type::Vector(elem), InitOp::AddTo) => {
                        let from_any = rt.yield_type().is_some_and(|t| matches!(&**t, Type::Any));
                        let check =
                            (from_any && !matches!(&**elem, Type::Any)).then(|| elem.clone());
                        return (mk(K::ExtendVector(Box::new(lv), bx(rx), check), span), lt);
                    }
                    (Type::Table(_), _) => {
                        if !types::same_type(&lt, &rt) && !rt.is_unspecified() {
                            let what = if adding { "+=" } else { "-=" };
                            let msg = format!(
                                "RHS type mismatch for table/set {what} ({} {what} {})",
                                self.text(lhs.span),
                                self.text(rhs.span)
                            );
                            self.error(span, msg);
                            return self.poison(span);
                        }
                        let cur = self.lvalue_read(&lv, span);
                        let k = if adding {
                            K::AddToSet(bx(cur), bx(rx))
                        } else {
                            K::RemoveFromSet(bx(cur), bx(rx))
                        };
                        return (mk(k, span), lt);
                    }
                    (Type::Pattern, InitOp::AddTo) => {
                        if !matches!(&*rt, Type::Pattern) {
                            let msg = format!(
                                "pattern += op requires op to be a pattern ({} += {})",
                                self.text(lhs.span),
                                self.text(rhs.span)
                            );
                            self.error(span, msg);
                            return self.poison(span);
                        }
                        let cur = self.lvalue_read(&lv, span);
                        let val = mk(K::PatternAddTo(bx(cur), bx(rx)), span);
                        return (mk(K::Assign(Box::new(lv), bx(val)), span), lt);
                    }
                    _ => {}
                }
                let arith = if adding { Arith::Add } else { Arith::Sub };
                let both_interval =
                    matches!(&*lt, Type::Interval) && matches!(&*rt, Type::Interval);
                let both_string =
                    adding && matches!(&*lt, Type::String) && matches!(&*rt, Type::String);
                if !super::operators::is_arith(&lt) && !both_interval && !both_string {
                    let (what, sym) = if adding {
                        ("requires two arithmetic or two string operands", "+=")
                    } else {
                        ("requires two arithmetic operands", "-=")
                    };
                    let msg = format!(
                        "{what} ({} {sym} {})",
                        self.text(lhs.span),
                        self.text(rhs.span)
                    );
                    self.error(span, msg);
                    return self.poison(span);
                }
                // Zeek makes `x += y` of `x = x + y` (and describes it so).
                let sym = if adding { "+" } else { "-" };
                let texts = (self.text(lhs.span), self.text(rhs.span));
                let text = format!("{} {} {}", texts.0, sym, texts.1);
                self.interp
                    .globals
                    .text_overrides
                    .insert((span.file, span.lo, span.hi), text);
                let cur = self.lvalue_read(&lv, span);
                let (val, vt) = self.arith(arith, cur, lt.clone(), rx, rt, span, texts);
                if vt.is_error() {
                    return self.poison(span);
                }
                let val = match (&*lt, &*vt) {
                    (Type::Count, Type::Int | Type::Double) => {
                        mk(K::Coerce(bx(val), ir::Coercion::ToCount), span)
                    }
                    (Type::Int, Type::Double) => mk(K::Coerce(bx(val), ir::Coercion::ToInt), span),
                    _ => val,
                };
                (mk(K::Assign(Box::new(lv), bx(val)), span), lt)
            }
        }
    }

    /// Zeek describes a call with its defaulted arguments filled in
    /// (`to_int(s, 10)`); records that text for messages about the call.
    pub(crate) fn describe_defaults(&mut self, span: Span, given: usize, xs: &[ir::Expr]) {
        if xs.len() <= given {
            return;
        }
        let text = self.text(span);
        let Some(head) = text.strip_suffix(')') else {
            return;
        };
        let mut out = head.trim_end().to_string();
        for (i, x) in xs.iter().enumerate().skip(given) {
            let K::Const(v) = &x.kind else { return };
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&String::from_utf8_lossy(
                &crate::runtime::format::to_display(v),
            ));
        }
        out.push(')');
        self.interp
            .globals
            .text_overrides
            .insert((span.file, span.lo, span.hi), out);
    }

    /// An expression that reads what an lvalue names (for `+=`).
    pub(crate) fn lvalue_read(&mut self, lv: &ir::LValue, span: Span) -> ir::Expr {
        // Re-evaluating the target's parts is acceptable: they are names,
        // fields and indices without side effects in practice.
        let k = match lv {
            ir::LValue::Local(s) => K::Local(*s),
            ir::LValue::Global(g) => K::Global(*g),
            ir::LValue::Field(r, i) => K::Field(bx(clone_expr(r)), *i),
            ir::LValue::TableIndex(t, k) => K::TableIndex(bx(clone_expr(t)), bx(clone_expr(k))),
            ir::LValue::VectorIndex(v, i) => K::VectorIndex(bx(clone_expr(v)), bx(clone_expr(i))),
            ir::LValue::VectorSlice(v, ..) => return clone_expr(v),
        };
        mk(k, span)
    }

    pub(crate) fn incdec(&mut self, x: &ast::Expr, delta: i64, span: Span) -> Typed {
        let Some((lv, t)) = self.lvalue(x) else {
            return self.poison(span);
        };
        if !matches!(&*t, Type::Count | Type::Int | Type::Error) {
            self.error(
                span,
                format!("requires an integral operand ({})", self.text(span)),
            );
            return self.poison(span);
        }
        (mk(K::IncDec(Box::new(lv), delta), span), t)
    }
}
