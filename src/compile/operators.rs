//! The operators: unary and binary arithmetic, bitwise and set operators,
//! comparisons, logic and `in`, with the types each accepts and Zeek's
//! messages for the rest. Each follows the checks of Zeek's expression of
//! the same name (`AddExpr`, `BitExpr`, `EqExpr`, ...), including the
//! operand order Zeek settles on (`a > b` is `b < a`), which shows in
//! messages and in the order operands are evaluated.

use super::expr::{bx, mk, Typed};
use super::Compiler;
use crate::runtime::ir::{self, Arith, Cmp, Coercion, ExprKind as K, InKind, VecOp};
use crate::runtime::types::{self, Type, TypeRef};
use crate::syntax::ast::{self, BinOp, ExprKind, Literal, Span, UnOp};

/// count, int or double.
pub(crate) fn is_arith(t: &Type) -> bool {
    matches!(t, Type::Count | Type::Int | Type::Double)
}

/// count or int.
pub(crate) fn is_integral(t: &Type) -> bool {
    matches!(t, Type::Count | Type::Int)
}

/// The type two arithmetic types meet in: double over int over count.
pub(crate) fn max_type(a: &Type, b: &Type) -> TypeRef {
    if matches!(a, Type::Double) || matches!(b, Type::Double) {
        types::double()
    } else if matches!(a, Type::Int) || matches!(b, Type::Int) {
        types::int()
    } else {
        types::count()
    }
}

/// A vector's element type, or the type itself.
fn elem(t: &TypeRef) -> TypeRef {
    match &**t {
        Type::Vector(e) => e.clone(),
        _ => t.clone(),
    }
}

fn is_vector(t: &Type) -> bool {
    matches!(t, Type::Vector(_))
}

/// The position of an expression's kind in Zeek's list of expression
/// tags, by which Zeek orders the operands of `*`, `==` and `!=`.
fn zeek_tag(e: &ast::Expr) -> i32 {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::TypeValue(_) => 0,
        ExprKind::Literal(_) => 1,
        ExprKind::Unary(UnOp::Neg, x) if matches!(x.kind, ExprKind::Literal(_)) => 1,
        ExprKind::Copy(_) => 2,
        ExprKind::Unary(UnOp::PreInc, _) | ExprKind::PostIncr(_) => 3,
        ExprKind::Unary(UnOp::PreDec, _) | ExprKind::PostDecr(_) => 4,
        ExprKind::Unary(UnOp::Not, _) | ExprKind::Binary(BinOp::NotIn, ..) => 5,
        ExprKind::Unary(UnOp::BitNot, _) => 6,
        ExprKind::Unary(UnOp::Pos, _) => 7,
        ExprKind::Unary(UnOp::Neg, _) => 8,
        ExprKind::AddTo(_) => 11,
        ExprKind::DeleteFrom(_) => 12,
        ExprKind::Binary(op, ..) => match op {
            BinOp::Add => 9,
            BinOp::Sub => 10,
            BinOp::Mul => 15,
            BinOp::Div => 16,
            BinOp::Mod => 18,
            BinOp::BitAnd => 19,
            BinOp::BitOr => 20,
            BinOp::BitXor => 21,
            BinOp::Shl => 22,
            BinOp::Shr => 23,
            BinOp::And => 24,
            BinOp::Or => 25,
            BinOp::Lt | BinOp::Gt => 26,
            BinOp::Le | BinOp::Ge => 27,
            BinOp::Eq => 28,
            BinOp::Ne => 29,
            BinOp::In => 43,
            BinOp::NotIn => 5,
        },
        ExprKind::Cond(..) => 32,
        ExprKind::Assign(..) => 34,
        ExprKind::Index(..) | ExprKind::Slice(..) => 35,
        ExprKind::Field(..) => 36,
        ExprKind::HasField(..) => 37,
        ExprKind::Record(_) => 38,
        ExprKind::Bracket(xs)
            if !xs.is_empty()
                && xs
                    .iter()
                    .all(|x| matches!(x.kind, ExprKind::FieldAssign(..))) =>
        {
            38
        }
        ExprKind::Table(_) => 39,
        ExprKind::Set(_) => 40,
        ExprKind::Vector(_) => 41,
        ExprKind::FieldAssign(..) => 42,
        ExprKind::Bracket(_) | ExprKind::Brace(_) => 44,
        ExprKind::Call(..) | ExprKind::HookCall(_) => 45,
        ExprKind::Lambda(_) => 46,
        ExprKind::Schedule(..) => 48,
        ExprKind::Size(_) => 55,
        ExprKind::As(..) => 56,
        ExprKind::CanCast(..) => 57,
        ExprKind::Is(..) => 58,
        ExprKind::WithAttrs(x, _) => zeek_tag(x),
    }
}

/// Whether an expression is a constant as Zeek's parser leaves it (a
/// literal, or a negated literal, which it folds).
fn is_const(e: &ast::Expr) -> bool {
    zeek_tag(e) == 1
}

/// Whether Zeek's `Canonicalize` swaps the operands of `a * b`: when the
/// right one has the higher tag, is an interval, or is the only constant.
fn times_swaps(a: &ast::Expr, b: &ast::Expr, bt: &Type) -> bool {
    zeek_tag(b) > zeek_tag(a)
        || matches!(bt, Type::Interval)
        || (is_const(b) && !matches!(bt, Type::Vector(_)) && !is_const(a))
}

/// Whether Zeek swaps the operands of `a == b` (or `!=`): a pattern goes
/// first, otherwise the operand with the higher tag.
fn eq_swaps(a: &ast::Expr, b: &ast::Expr, at: &Type, bt: &Type) -> bool {
    if matches!(bt, Type::Pattern) {
        return true;
    }
    if matches!(at, Type::Pattern) {
        return false;
    }
    zeek_tag(b) > zeek_tag(a)
}

/// How an operand shows in a description: as written, with the
/// parentheses around it if it had them.
fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::And => "&&",
        BinOp::Or => "||",
        BinOp::BitAnd => "&",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::Shl => "<<",
        BinOp::Shr => ">>",
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => "<",
        BinOp::Ge => "<=",
        BinOp::In | BinOp::NotIn => "in",
    }
}

/// A binary operator's operands once checked: lowered, typed, and how
/// each is described in messages (with any coercion Zeek shows).
struct Operand {
    x: ir::Expr,
    t: TypeRef,
    text: String,
}

impl Compiler {
    /// An expression as Zeek describes it in messages: constants in its
    /// spelling, with the parentheses written around it and inside it.
    pub(crate) fn operand_text(&self, e: &ast::Expr) -> String {
        match self.interp.output.sources.get(e.span.file) {
            Some(f) => super::describe::expr_in(e, &f.text),
            None => super::describe::expr(e),
        }
    }

    /// `text` in parentheses if the expression at `span` was written in
    /// them.
    pub(crate) fn with_parens(&self, span: Span, text: String) -> String {
        match self.interp.output.sources.get(span.file) {
            Some(f) if super::describe::parenthesized(&f.text, span) => format!("({text})"),
            _ => text,
        }
    }

    fn operand(&mut self, e: &ast::Expr) -> Operand {
        let (x, t) = self.expr(e);
        let text = self.operand_text(e);
        Operand { x, t, text }
    }

    /// Converts an arithmetic operand to `to` (a scalar type, or its
    /// vector); its description becomes Zeek's `(coerce X to T)`.
    fn promote_operand(&mut self, o: Operand, to: &TypeRef) -> Operand {
        let from = elem(&o.t);
        if types::same_type(&from, to) || from.is_error() {
            return o;
        }
        let c = match &**to {
            Type::Int => Coercion::ToInt,
            Type::Double => Coercion::ToDouble,
            Type::Count => Coercion::ToCount,
            _ => return o,
        };
        let span = o.x.span;
        let t = if is_vector(&o.t) {
            types::vector_of(to.clone())
        } else {
            to.clone()
        };
        let text = format!("(coerce {} to {})", o.text, t);
        Operand {
            x: mk(K::Coerce(bx(o.x), c), span),
            t,
            text,
        }
    }

    /// Records how Zeek describes a binary expression for run-time
    /// messages, where that differs from its source text.
    fn describe_as(&mut self, span: Span, a: &Operand, sym: &str, b: &Operand) {
        let desc = self.with_parens(span, format!("{} {sym} {}", a.text, b.text));
        if desc != self.text(span) {
            self.interp
                .globals
                .text_overrides
                .insert((span.file, span.lo, span.hi), desc);
        }
    }

    /// `MSG (A OP B)` at the expression.
    fn bin_error(&mut self, span: Span, msg: &str, a: &Operand, sym: &str, b: &Operand) -> Typed {
        let desc = self.with_parens(span, format!("{} {sym} {}", a.text, b.text));
        self.error(span, format!("{msg} ({desc})"));
        self.poison(span)
    }

    pub(crate) fn unary(&mut self, op: UnOp, x: &ast::Expr, span: Span) -> Typed {
        match op {
            UnOp::PreInc => return self.incdec(x, 1, span),
            UnOp::PreDec => return self.incdec(x, -1, span),
            _ => {}
        }
        let (xx, xt) = self.expr(x);
        if xt.is_error() {
            return self.poison(span);
        }
        let sym = match op {
            UnOp::Not => "!",
            UnOp::BitNot => "~",
            UnOp::Neg => "-",
            _ => "+",
        };
        let whole = format!("{sym}{}", self.operand_text(x));
        let whole = self.with_parens(span, whole);
        match op {
            UnOp::Not => {
                if !(is_integral(&xt) || matches!(&*xt, Type::Bool)) {
                    let msg = format!("requires an integral or boolean operand ({whole})");
                    self.error(span, msg);
                    return self.poison(span);
                }
                (mk(K::Not(bx(xx)), span), types::bool_())
            }
            UnOp::BitNot => {
                if !matches!(&*xt, Type::Count) {
                    let msg = format!("requires \"count\" operand ({whole})");
                    self.error(span, msg);
                    return self.poison(span);
                }
                (mk(K::BitNot(bx(xx)), span), types::count())
            }
            UnOp::Neg | UnOp::Pos => {
                let et = elem(&xt);
                let base = if is_integral(&et) {
                    types::int()
                } else if matches!(&*et, Type::Double | Type::Interval) {
                    et.clone()
                } else {
                    let msg = format!("requires an integral or double operand ({whole})");
                    self.error(span, msg);
                    return self.poison(span);
                };
                if op == UnOp::Neg {
                    if let ExprKind::Literal(Literal::Count(n)) = &x.kind {
                        if *n > 1u64 << 63 {
                            let msg = format!("literal is outside range of 'int' values ({whole})");
                            self.error(span, msg);
                            return self.poison(span);
                        }
                    }
                }
                let ty = if is_vector(&xt) {
                    types::vector_of(base)
                } else {
                    base
                };
                // Zeek's parser folds a negated constant into a constant.
                if op == UnOp::Neg {
                    if let (ExprKind::Literal(_), K::Const(v)) = (&x.kind, &xx.kind) {
                        let folded = crate::eval::ops::neg(v.clone());
                        return (mk(K::Const(folded), span), ty);
                    }
                }
                let k = if op == UnOp::Neg {
                    K::Neg(bx(xx))
                } else {
                    K::Pos(bx(xx))
                };
                (mk(k, span), ty)
            }
            UnOp::PreInc | UnOp::PreDec => self.poison(span),
        }
    }

    pub(crate) fn binary(&mut self, op: BinOp, a: &ast::Expr, b: &ast::Expr, span: Span) -> Typed {
        match op {
            BinOp::In => return self.in_expr(a, b, span),
            BinOp::NotIn => {
                let (x, t) = self.in_expr(a, b, span);
                if t.is_error() {
                    return (x, t);
                }
                return (mk(K::Not(bx(x)), span), t);
            }
            _ => {}
        }
        let oa = self.operand(a);
        let ob = self.operand(b);
        if oa.t.is_error() || ob.t.is_error() {
            return self.poison(span);
        }
        match op {
            BinOp::And | BinOp::Or => self.logic(op, oa, ob, span),
            BinOp::Add => self.add(oa, ob, span),
            BinOp::Sub => self.sub(oa, ob, span),
            BinOp::Mul => {
                if times_swaps(a, b, &ob.t) {
                    self.times(ob, oa, span)
                } else {
                    self.times(oa, ob, span)
                }
            }
            BinOp::Div if matches!(&*oa.t, Type::Addr) => self.mask(oa, ob, span),
            BinOp::Div => self.divide(oa, ob, span),
            BinOp::Mod => self.modulo(oa, ob, span),
            BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr => {
                self.bit(op, oa, ob, span)
            }
            BinOp::Eq | BinOp::Ne => {
                let c = if op == BinOp::Eq { Cmp::Eq } else { Cmp::Ne };
                if eq_swaps(a, b, &oa.t, &ob.t) {
                    self.equality(c, ob, oa, span)
                } else {
                    self.equality(c, oa, ob, span)
                }
            }
            BinOp::Lt => self.relation(Cmp::Lt, oa, ob, span),
            BinOp::Le => self.relation(Cmp::Le, oa, ob, span),
            // Zeek turns `a > b` into `b < a`, and `a >= b` into `b <= a`.
            BinOp::Gt => self.relation(Cmp::Lt, ob, oa, span),
            BinOp::Ge => self.relation(Cmp::Le, ob, oa, span),
            BinOp::In | BinOp::NotIn => self.poison(span),
        }
    }

    /// `a + b` or `a - b` as the arithmetic of `x += y` and `x -= y`
    /// (whose operands are already compiled).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn arith(
        &mut self,
        op: Arith,
        ax: ir::Expr,
        at: TypeRef,
        bx_: ir::Expr,
        bt: TypeRef,
        span: Span,
        texts: (String, String),
    ) -> Typed {
        let oa = Operand {
            x: ax,
            t: at,
            text: texts.0,
        };
        let ob = Operand {
            x: bx_,
            t: bt,
            text: texts.1,
        };
        if op == Arith::Sub {
            self.sub(oa, ob, span)
        } else {
            self.add(oa, ob, span)
        }
    }

    /// Zeek's check that both operands are vectors or neither is; gives
    /// their (element) types.
    fn scalars_or_vectors(
        &mut self,
        a: &Operand,
        sym: &str,
        b: &Operand,
        span: Span,
    ) -> Option<(TypeRef, TypeRef, bool)> {
        match (is_vector(&a.t), is_vector(&b.t)) {
            (true, true) => Some((elem(&a.t), elem(&b.t), true)),
            (false, false) => Some((a.t.clone(), b.t.clone(), false)),
            _ => {
                self.bin_error(span, "cannot mix vector and scalar operands", a, sym, b);
                None
            }
        }
    }

    /// Both operands converted to one arithmetic type, then `op`.
    fn promoted(&mut self, op: Arith, a: Operand, b: Operand, sym: &str, span: Span) -> Typed {
        let to = max_type(&elem(&a.t), &elem(&b.t));
        let vector = is_vector(&a.t) || is_vector(&b.t);
        let a = self.promote_operand(a, &to);
        let b = self.promote_operand(b, &to);
        self.describe_as(span, &a, sym, &b);
        if vector {
            let ty = types::vector_of(to);
            return (
                mk(
                    K::VecBinary(VecOp::Arith(op), bx(a.x), bx(b.x), ty.clone()),
                    span,
                ),
                ty,
            );
        }
        (mk(K::Arith(op, bx(a.x), bx(b.x)), span), to)
    }

    /// An operator whose operands keep their types: scalar or element-wise.
    fn plain(
        &mut self,
        op: VecOp,
        a: Operand,
        b: Operand,
        result: TypeRef,
        vector: bool,
        span: Span,
    ) -> Typed {
        let sym = match op {
            VecOp::Arith(o) => match o {
                Arith::Add => "+",
                Arith::Sub => "-",
                Arith::Mul => "*",
                Arith::Div => "/",
                Arith::Mod => "%",
                Arith::BitAnd => "&",
                Arith::BitOr => "|",
                Arith::BitXor => "^",
                Arith::Shl => "<<",
                Arith::Shr => ">>",
            },
            VecOp::Cmp(c) => match c {
                Cmp::Eq => "==",
                Cmp::Ne => "!=",
                Cmp::Lt | Cmp::Gt => "<",
                Cmp::Le | Cmp::Ge => "<=",
            },
            VecOp::Concat => "+",
            VecOp::And => "&&",
            VecOp::Or => "||",
        };
        self.describe_as(span, &a, sym, &b);
        if vector {
            let ty = types::vector_of(result);
            return (mk(K::VecBinary(op, bx(a.x), bx(b.x), ty.clone()), span), ty);
        }
        let k = match op {
            VecOp::Arith(o) => K::Arith(o, bx(a.x), bx(b.x)),
            VecOp::Cmp(c) => K::Cmp(c, bx(a.x), bx(b.x)),
            VecOp::Concat => K::Concat(bx(a.x), bx(b.x)),
            VecOp::And => K::And(bx(a.x), bx(b.x)),
            VecOp::Or => K::Or(bx(a.x), bx(b.x)),
        };
        (mk(k, span), result)
    }

    fn add(&mut self, a: Operand, b: Operand, span: Span) -> Typed {
        let Some((t1, t2, vector)) = self.scalars_or_vectors(&a, "+", &b, span) else {
            return self.poison(span);
        };
        use Type as T;
        match (&*t1, &*t2) {
            (T::Time | T::Interval, T::Interval) => {
                self.plain(VecOp::Arith(Arith::Add), a, b, t1.clone(), vector, span)
            }
            (T::Interval, T::Time) => {
                self.plain(VecOp::Arith(Arith::Add), a, b, types::time(), vector, span)
            }
            (x, y) if is_arith(x) && is_arith(y) => self.promoted(Arith::Add, a, b, "+", span),
            (T::String, T::String) => {
                self.plain(VecOp::Concat, a, b, types::string(), vector, span)
            }
            _ => self.bin_error(span, "requires arithmetic operands", &a, "+", &b),
        }
    }

    fn sub(&mut self, a: Operand, b: Operand, span: Span) -> Typed {
        let Some((t1, t2, vector)) = self.scalars_or_vectors(&a, "-", &b, span) else {
            return self.poison(span);
        };
        use Type as T;
        match (&*t1, &*t2) {
            (T::Time | T::Interval, T::Interval) => {
                self.plain(VecOp::Arith(Arith::Sub), a, b, t1.clone(), vector, span)
            }
            (T::Time, T::Time) => self.plain(
                VecOp::Arith(Arith::Sub),
                a,
                b,
                types::interval(),
                vector,
                span,
            ),
            _ if a.t.is_set() && b.t.is_set() => {
                if !types::same_type(&a.t, &b.t) {
                    return self.bin_error(span, "incompatible \"set\" operands", &a, "-", &b);
                }
                let ty = a.t.clone();
                (mk(K::SetOp(Arith::Sub, bx(a.x), bx(b.x)), span), ty)
            }
            (x, y) if is_arith(x) && is_arith(y) => self.promoted(Arith::Sub, a, b, "-", span),
            _ => self.bin_error(span, "requires arithmetic operands", &a, "-", &b),
        }
    }

    /// `a * b`, its operands already in Zeek's order.
    fn times(&mut self, a: Operand, b: Operand, span: Span) -> Typed {
        let Some((t1, t2, vector)) = self.scalars_or_vectors(&a, "*", &b, span) else {
            return self.poison(span);
        };
        if matches!(&*t1, Type::Interval) || matches!(&*t2, Type::Interval) {
            return self.interval_scaled(Arith::Mul, a, b, &t1, &t2, vector, "*", span);
        }
        if is_arith(&t1) && is_arith(&t2) {
            return self.promoted(Arith::Mul, a, b, "*", span);
        }
        self.bin_error(span, "requires arithmetic operands", &a, "*", &b)
    }

    /// An interval multiplied or divided by a number: an interval, the
    /// number taken as a double.
    #[allow(clippy::too_many_arguments)]
    fn interval_scaled(
        &mut self,
        op: Arith,
        a: Operand,
        b: Operand,
        t1: &TypeRef,
        t2: &TypeRef,
        vector: bool,
        sym: &str,
        span: Span,
    ) -> Typed {
        if is_arith(t1) || is_arith(t2) {
            let (a, b) = if is_arith(t1) {
                (self.promote_operand(a, &types::double()), b)
            } else {
                let b = self.promote_operand(b, &types::double());
                (a, b)
            };
            self.describe_as(span, &a, sym, &b);
            return self.plain(VecOp::Arith(op), a, b, types::interval(), vector, span);
        }
        if op == Arith::Div && matches!(**t1, Type::Interval) && matches!(**t2, Type::Interval) {
            return self.plain(VecOp::Arith(op), a, b, types::double(), vector, span);
        }
        let msg = if op == Arith::Mul {
            "multiplication with interval requires arithmetic operand"
        } else {
            "division of interval requires arithmetic operand"
        };
        self.bin_error(span, msg, &a, sym, &b)
    }

    fn divide(&mut self, a: Operand, b: Operand, span: Span) -> Typed {
        let Some((t1, t2, vector)) = self.scalars_or_vectors(&a, "/", &b, span) else {
            return self.poison(span);
        };
        if matches!(&*t1, Type::Interval) || matches!(&*t2, Type::Interval) {
            return self.interval_scaled(Arith::Div, a, b, &t1, &t2, vector, "/", span);
        }
        if is_arith(&t1) && is_arith(&t2) {
            return self.promoted(Arith::Div, a, b, "/", span);
        }
        self.bin_error(span, "requires arithmetic operands", &a, "/", &b)
    }

    /// `addr / width`: a subnet.
    fn mask(&mut self, a: Operand, b: Operand, span: Span) -> Typed {
        if self.scalars_or_vectors(&a, "/", &b, span).is_none() {
            return self.poison(span);
        }
        if !matches!(&*b.t, Type::Count | Type::Int) {
            return self.bin_error(span, "requires address LHS and count/int RHS", &a, "/", &b);
        }
        self.describe_as(span, &a, "/", &b);
        (mk(K::Mask(bx(a.x), bx(b.x)), span), types::subnet())
    }

    fn modulo(&mut self, a: Operand, b: Operand, span: Span) -> Typed {
        let Some((t1, t2, _)) = self.scalars_or_vectors(&a, "%", &b, span) else {
            return self.poison(span);
        };
        if is_integral(&t1) && is_integral(&t2) {
            return self.promoted(Arith::Mod, a, b, "%", span);
        }
        self.bin_error(span, "requires integral operands", &a, "%", &b)
    }

    fn logic(&mut self, op: BinOp, a: Operand, b: Operand, span: Span) -> Typed {
        let sym = op_symbol(op);
        let Some((t1, t2, vector)) = self.scalars_or_vectors(&a, sym, &b, span) else {
            return self.poison(span);
        };
        if !matches!(&*t1, Type::Bool) || !matches!(&*t2, Type::Bool) {
            return self.bin_error(span, "requires boolean operands", &a, sym, &b);
        }
        let vop = if op == BinOp::And {
            VecOp::And
        } else {
            VecOp::Or
        };
        if vector {
            self.describe_as(span, &a, sym, &b);
        }
        self.plain(vop, a, b, types::bool_(), vector, span)
    }

    fn bit(&mut self, op: BinOp, a: Operand, b: Operand, span: Span) -> Typed {
        let sym = op_symbol(op);
        let (t1, t2) = (elem(&a.t), elem(&b.t));
        let (v1, v2) = (is_vector(&a.t), is_vector(&b.t));
        let arith = match op {
            BinOp::BitAnd => Arith::BitAnd,
            BinOp::BitOr => Arith::BitOr,
            BinOp::BitXor => Arith::BitXor,
            BinOp::Shl => Arith::Shl,
            _ => Arith::Shr,
        };
        if matches!(op, BinOp::Shl | BinOp::Shr) {
            let mut failed = false;
            if v1 != v2 {
                let desc = self.with_parens(span, format!("{} {sym} {}", a.text, b.text));
                self.error(
                    span,
                    format!("cannot mix vectors and scalars for shift operations ({desc})"),
                );
                failed = true;
            }
            if is_integral(&t1) && matches!(&*t2, Type::Count) {
                if failed {
                    return self.poison(span);
                }
                if v1 || v2 {
                    return self.plain(VecOp::Arith(arith), a, b, t1.clone(), true, span);
                }
                let b = self.promote_operand(b, &t1);
                self.describe_as(span, &a, sym, &b);
                return (mk(K::Arith(arith, bx(a.x), bx(b.x)), span), t1);
            }
            if is_integral(&t1) && matches!(&*t2, Type::Int) {
                return self.bin_error(span, "requires \"count\" right operand", &a, sym, &b);
            }
            return self.bin_error(span, "requires integral operands", &a, sym, &b);
        }
        if matches!(&*t1, Type::Count) && matches!(&*t2, Type::Count) {
            return self.plain(VecOp::Arith(arith), a, b, types::count(), v1 || v2, span);
        }
        if matches!(&*t1, Type::Pattern) {
            if !matches!(&*t2, Type::Pattern) {
                return self.bin_error(
                    span,
                    "cannot mix pattern and non-pattern operands",
                    &a,
                    sym,
                    &b,
                );
            }
            if op == BinOp::BitXor {
                return self.bin_error(
                    span,
                    "'^' operator does not apply to patterns",
                    &a,
                    sym,
                    &b,
                );
            }
            return (
                mk(K::PatternOp(op == BinOp::BitAnd, bx(a.x), bx(b.x)), span),
                types::pattern(),
            );
        }
        if a.t.is_set() && b.t.is_set() {
            if !types::same_type(&a.t, &b.t) {
                return self.bin_error(span, "incompatible \"set\" operands", &a, sym, &b);
            }
            if op == BinOp::BitXor {
                // Zeek has no set operation for `^`; it fails when run.
                return self.bin_error(
                    span,
                    "requires \"count\" or compatible \"set\" operands",
                    &a,
                    sym,
                    &b,
                );
            }
            let ty = a.t.clone();
            return (mk(K::SetOp(arith, bx(a.x), bx(b.x)), span), ty);
        }
        self.bin_error(
            span,
            "requires \"count\" or compatible \"set\" operands",
            &a,
            sym,
            &b,
        )
    }

    /// `a == b` and `a != b`, the operands in Zeek's order.
    fn equality(&mut self, c: Cmp, a: Operand, b: Operand, span: Span) -> Typed {
        let sym = if c == Cmp::Eq { "==" } else { "!=" };
        let Some((t1, t2, vector)) = self.scalars_or_vectors(&a, sym, &b, span) else {
            return self.poison(span);
        };
        use Type as T;
        if is_arith(&t1) && is_arith(&t2) {
            let to = max_type(&t1, &t2);
            let a = self.promote_operand(a, &to);
            let b = self.promote_operand(b, &to);
            self.describe_as(span, &a, sym, &b);
            return self.plain(VecOp::Cmp(c), a, b, types::bool_(), vector, span);
        }
        // A time may be compared with zero.
        let zero = |o: &Operand| matches!(&o.x.kind, K::Const(v) if v.as_double() == 0.0 && matches!(v, crate::runtime::value::Value::Count(_) | crate::runtime::value::Value::Int(_) | crate::runtime::value::Value::Double(_)));
        if (matches!(&*t1, T::Time) && is_arith(&t2) && zero(&b))
            || (matches!(&*t2, T::Time) && is_arith(&t1) && zero(&a))
        {
            let (a, b) = if is_arith(&t1) {
                (self.as_time_zero(a), b)
            } else {
                let b = self.as_time_zero(b);
                (a, b)
            };
            return self.plain(VecOp::Cmp(c), a, b, types::bool_(), vector, span);
        }
        let ok = if std::mem::discriminant(&*t1) == std::mem::discriminant(&*t2) {
            match &*t1 {
                T::Bool
                | T::Time
                | T::Interval
                | T::String
                | T::Port
                | T::Addr
                | T::Subnet
                | T::Error
                | T::Pattern
                | T::Func(_) => true,
                T::Enum(_) => {
                    // Zeek still lets two enum types meet, with a warning.
                    self.mixed_enums(&t1, &t2, span);
                    true
                }
                T::Table(_) if t1.is_set() && t2.is_set() => {
                    if !types::same_type(&t1, &t2) {
                        return self.bin_error(
                            span,
                            "incompatible sets in comparison",
                            &a,
                            sym,
                            &b,
                        );
                    }
                    true
                }
                _ => {
                    return self.bin_error(span, "illegal comparison", &a, sym, &b);
                }
            }
        } else if matches!(
            (&*t1, &*t2),
            (T::Pattern, T::String) | (T::String, T::Pattern)
        ) {
            if is_vector(&a.t) {
                return self.bin_error(
                    span,
                    "cannot compare string vectors with pattern vectors",
                    &a,
                    sym,
                    &b,
                );
            }
            true
        } else {
            false
        };
        if !ok {
            return self.bin_error(span, "type clash in comparison", &a, sym, &b);
        }
        self.describe_as(span, &a, sym, &b);
        self.plain(VecOp::Cmp(c), a, b, types::bool_(), vector, span)
    }

    /// A zero compared with a time, as a time.
    fn as_time_zero(&mut self, o: Operand) -> Operand {
        let span = o.x.span;
        let text = format!("(coerce {} to time)", o.text);
        let zero = crate::runtime::value::Value::Time(0.0);
        Operand {
            x: mk(K::Const(zero), span),
            t: types::time(),
            text,
        }
    }

    /// `a < b` and `a <= b` (`>` and `>=` arrive with their operands
    /// swapped).
    fn relation(&mut self, c: Cmp, a: Operand, b: Operand, span: Span) -> Typed {
        let sym = if c == Cmp::Lt { "<" } else { "<=" };
        let Some((t1, t2, vector)) = self.scalars_or_vectors(&a, sym, &b, span) else {
            return self.poison(span);
        };
        use Type as T;
        if is_arith(&t1) && is_arith(&t2) {
            let to = max_type(&t1, &t2);
            let a = self.promote_operand(a, &to);
            let b = self.promote_operand(b, &to);
            self.describe_as(span, &a, sym, &b);
            return self.plain(VecOp::Cmp(c), a, b, types::bool_(), vector, span);
        }
        if a.t.is_set() && b.t.is_set() {
            if !types::same_type(&a.t, &b.t) {
                return self.bin_error(span, "incompatible sets in comparison", &a, sym, &b);
            }
        } else if std::mem::discriminant(&*t1) != std::mem::discriminant(&*t2) {
            return self.bin_error(span, "operands must be of the same type", &a, sym, &b);
        } else if !matches!(&*t1, T::Time | T::Interval | T::Port | T::Addr | T::String) {
            return self.bin_error(span, "illegal comparison", &a, sym, &b);
        }
        self.describe_as(span, &a, sym, &b);
        self.plain(VecOp::Cmp(c), a, b, types::bool_(), vector, span)
    }

    /// `a in b`, as Zeek's `InExpr` checks it.
    pub(crate) fn in_expr(&mut self, a: &ast::Expr, b: &ast::Expr, span: Span) -> Typed {
        let (bx_, bt) = self.expr(b);
        let ok = |k: InKind, ax: ir::Expr| (mk(K::In(k, bx(ax), bx(bx_)), span), types::bool_());
        if bt.is_error() {
            self.expr(a);
            return self.poison(span);
        }
        // A bracket list holds the parts of a table index.
        let parts: Option<&Vec<ast::Expr>> = match &a.kind {
            ExprKind::Bracket(items)
                if !items
                    .iter()
                    .any(|x| matches!(x.kind, ExprKind::FieldAssign(..))) =>
            {
                Some(items)
            }
            _ => None,
        };
        if parts.is_none() {
            let (ax, at) = self.expr(a);
            if at.is_error() {
                return self.poison(span);
            }
            match (&*at, &*bt) {
                (Type::Pattern, Type::String) => return ok(InKind::Pattern, ax),
                (Type::Pattern, Type::Table(_)) => {}
                (Type::Pattern, _) => {
                    let text = self.operand_text(a);
                    self.error_also(
                        a.span,
                        crate::diag::Also::Before(bt.to_string()),
                        format!("pattern requires string or set/table index ({bt} and {text})"),
                    );
                    return self.poison(span);
                }
                (Type::String, Type::String) => return ok(InKind::Substring, ax),
                (Type::Addr, Type::Subnet) => return ok(InKind::Subnet, ax),
                (Type::Addr, Type::Table(tt)) if matches!(&tt.index[..], [t] if matches!(**t, Type::Subnet)) => {
                    return ok(InKind::SubnetTable, ax)
                }
                (Type::String, Type::Table(tt)) if is_pattern_index(&tt.index) => {
                    return ok(InKind::PatternTable, ax)
                }
                _ => {}
            }
            match &*bt {
                Type::Vector(_) => {
                    let fits = match &*at {
                        Type::Vector(e) => is_integral(e) || matches!(**e, Type::Bool),
                        t => is_integral(t) || matches!(t, Type::Bool),
                    };
                    if fits && !matches!(&*at, Type::Vector(_)) {
                        return ok(InKind::VectorIndex, ax);
                    }
                }
                Type::Table(tt) => {
                    let index = tt.index.clone();
                    if let Some(key) = self.index_key(&index, vec![(ax, at, a)], b, span) {
                        return ok(InKind::Table, key);
                    }
                }
                Type::String => {
                    // Zeek accepts an integer here (as a string index) but
                    // has nothing to answer with when run.
                    self.promote_to_int(ax, &at, a);
                }
                _ => {}
            }
            return self.not_an_index(a, b, span);
        }
        let items = parts.unwrap_or_else(|| unreachable!());
        let mut xs = Vec::with_capacity(items.len());
        for it in items {
            let (x, t) = self.expr(it);
            if t.is_error() {
                return self.poison(span);
            }
            xs.push((x, t, it));
        }
        if let Type::Table(tt) = &*bt {
            let index = tt.index.clone();
            if let Some(key) = self.index_key(&index, xs, b, span) {
                return ok(InKind::Table, key);
            }
        } else if let (Type::Vector(_), [(x, t, _)]) = (&*bt, &xs[..]) {
            if is_integral(t) || matches!(**t, Type::Bool) {
                let x = super::expr::clone_expr(x);
                return ok(InKind::VectorIndex, x);
            }
        }
        self.not_an_index(a, b, span)
    }

    fn not_an_index(&mut self, a: &ast::Expr, b: &ast::Expr, span: Span) -> Typed {
        let desc = format!("{} in {}", self.operand_text(a), self.operand_text(b));
        let msg = format!("not an index type ({})", self.with_parens(span, desc));
        self.error(span, msg);
        self.poison(span)
    }

    /// An integer string index, reporting what does not convert.
    fn promote_to_int(&mut self, x: ir::Expr, t: &TypeRef, e: &ast::Expr) -> Option<ir::Expr> {
        self.check_promote(x, t, e, &types::int(), None)
    }

    /// The parts of a table index checked against the index types as
    /// Zeek's `check_and_promote_exprs` does, each converted to its type;
    /// `None` after reporting what does not fit. `container` is the
    /// indexed expression (its declaration places the index types).
    pub(crate) fn index_key(
        &mut self,
        index: &[TypeRef],
        parts: Vec<(ir::Expr, TypeRef, &ast::Expr)>,
        container: &ast::Expr,
        span: Span,
    ) -> Option<ir::Expr> {
        // An address looks up a table indexed by one subnet.
        let type_at = self.declared_at(container);
        if parts.len() != index.len() {
            let list: Vec<String> = index.iter().map(|t| t.to_string()).collect();
            let texts: Vec<String> = parts.iter().map(|p| self.operand_text(p.2)).collect();
            let lo = parts.first().map_or(span, |p| p.2.span);
            let hi = parts.last().map_or(span, |p| p.2.span);
            let at = Span::new(lo.file, lo.lo as usize, hi.hi as usize);
            let msg = format!(
                "indexing mismatch (list of {} and {})",
                list.join(","),
                texts.join(", ")
            );
            match type_at {
                Some(t) => {
                    self.error_also(t, crate::diag::Also::Span(at), msg);
                }
                None => self.error(at, msg),
            }
            return None;
        }
        let mut xs = Vec::with_capacity(parts.len());
        for ((x, t, e), it) in parts.into_iter().zip(index) {
            xs.push(self.check_promote(x, &t, e, it, type_at)?);
        }
        if xs.len() == 1 {
            xs.pop()
        } else {
            Some(mk(K::Tuple(xs), span))
        }
    }

    /// Where the type of a named container was written: its declaration.
    fn declared_at(&self, e: &ast::Expr) -> Option<Span> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        if let Some(l) = self.scope.as_ref().and_then(|s| s.lookup(&n.text)) {
            return Some(l.span);
        }
        for full in super::scope::candidates(&self.module, &n.text) {
            if let Some(id) = self.globals.get(&full) {
                return Some(self.globals.info(id).span);
            }
        }
        None
    }

    /// One value converted to the type expected of it, as Zeek's
    /// `check_and_promote_expr` does, with its messages: the type's
    /// complaint, then the value's `type mismatch`.
    pub(crate) fn check_promote(
        &mut self,
        x: ir::Expr,
        from: &TypeRef,
        e: &ast::Expr,
        to: &TypeRef,
        type_at: Option<Span>,
    ) -> Option<ir::Expr> {
        self.check_promote_as(x, from, e, to, type_at, true)
    }

    /// `check_promote`, the value's `type mismatch` only if `mismatch`
    /// (Zeek's single-value check has the type's complaint alone).
    pub(crate) fn check_promote_as(
        &mut self,
        x: ir::Expr,
        from: &TypeRef,
        e: &ast::Expr,
        to: &TypeRef,
        type_at: Option<Span>,
        mismatch: bool,
    ) -> Option<ir::Expr> {
        if from.is_error() || to.is_error() {
            return Some(x);
        }
        let msg = if matches!(**to, Type::Any) || matches!(**from, Type::Any) {
            return Some(match self.try_coerce(x, from, to) {
                Ok(x) | Err(x) => x,
            });
        } else if is_arith(to) || is_arith(from) {
            if !(is_arith(to) && is_arith(from)) {
                "arithmetic mixed with non-arithmetic"
            } else if !types::same_type(&max_type(to, from), to) {
                "over-promotion of arithmetic value"
            } else {
                return Some(match self.try_coerce(x, from, to) {
                    Ok(x) | Err(x) => x,
                });
            }
        } else {
            match self.try_coerce(x, from, to) {
                Ok(x) => return Some(x),
                Err(_) if matches!((&**from, &**to), (Type::Record(_), Type::Record(_))) => {
                    "incompatible record types"
                }
                Err(_) => "type clash",
            }
        };
        let complaint = Some(msg);
        let text = self.operand_text(e);
        if let Some(msg) = complaint {
            let m = format!("{msg} ({to} and {text})");
            match (&**to, type_at) {
                (t, _) if t.name().is_none() && is_basic(t) => {
                    self.error_also(e.span, crate::diag::Also::Before(to.to_string()), m)
                }
                (_, Some(at)) => self.error_also(at, crate::diag::Also::Span(e.span), m),
                _ => self.error(e.span, m),
            }
            if !mismatch {
                return None;
            }
            let m = format!("type mismatch ({text} and {to})");
            match (&**to, type_at) {
                (t, _) if t.name().is_none() && is_basic(t) => {
                    self.error_also(e.span, crate::diag::Also::After(to.to_string()), m)
                }
                (_, Some(at)) => self.error_also(e.span, crate::diag::Also::Span(at), m),
                _ => self.error(e.span, m),
            }
            return None;
        }
        None
    }
}

/// A type that is its own name in Zeek's messages (no declaration).
fn is_basic(t: &Type) -> bool {
    !matches!(
        t,
        Type::Record(_) | Type::Enum(_) | Type::Table(_) | Type::Vector(_) | Type::Func(_)
    )
}

/// Whether `x as T` may be written for an `x` of this static type, as
/// Zeek's `can_cast_type_to_type` decides: a value may be cast to its own
/// type (any type matches `any`), sets and vectors of one element type into
/// each other, and the conversions of the cast table.
pub(crate) fn cast_supported(from: &TypeRef, to: &TypeRef) -> bool {
    use Type::*;
    if types::same_type(from, to) || matches!(**from, Any) || matches!(**to, Any) {
        return true;
    }
    let index_vec = |t: &Type| matches!(t, Vector(e) if matches!(**e, Count));
    match (&**from, &**to) {
        (Table(tt), Vector(e)) | (Vector(e), Table(tt)) if tt.yield_.is_none() => {
            tt.index.len() == 1 && types::same_type(&tt.index[0], e)
        }
        (String, Double | Time | Interval | Int | Count | Addr | Subnet | Port) => true,
        (Int, Count | Double | Time | Interval) => true,
        (Double, Int | Count | Time | Interval) => true,
        (Count, Int | Double | Time | Interval | Addr) => true,
        (Enum(_), Count | Int) => true,
        (Interval | Time, Double) => true,
        (Addr, Subnet) => true,
        (Addr, t) => index_vec(t),
        (Subnet, Addr | Count) => true,
        (Port, Count) => true,
        (f, Addr) => index_vec(f),
        _ => false,
    }
}

/// A table or set indexed by a single pattern.
pub(crate) fn is_pattern_index(index: &[TypeRef]) -> bool {
    matches!(index, [t] if matches!(&**t, Type::Pattern))
}

/// A single key (not a bracket list) into a table indexed by one subnet.
pub(crate) fn subnet_index(index: &[TypeRef], idx: &[ast::Expr]) -> bool {
    matches!(index, [t] if matches!(**t, Type::Subnet))
        && matches!(idx, [k] if !matches!(k.kind, ExprKind::Bracket(_)))
}
