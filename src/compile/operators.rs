//! The operators: unary and binary arithmetic, comparisons, logic, `in`,
//! and which types each accepts, with Zeek's messages for the rest.

use super::coerce::promote;
use super::expr::{bx, mk, Typed};
use super::Compiler;
use crate::runtime::ir::{self, Arith, Cmp, ExprKind as K, InKind};
use crate::runtime::types::{self, Type, TypeRef};
use crate::syntax::ast::{self, BinOp, ExprKind, Span, UnOp};

impl Compiler {
    pub(crate) fn unary(&mut self, op: UnOp, x: &ast::Expr, span: Span) -> Typed {
        match op {
            UnOp::PreInc => return self.incdec(x, 1, span),
            UnOp::PreDec => return self.incdec(x, -1, span),
            _ => {}
        }
        let (xx, xt) = self.expr(x);
        match op {
            UnOp::Not => {
                if !matches!(&*xt, Type::Bool | Type::Error | Type::Any) {
                    self.error(
                        span,
                        format!("requires boolean operand ({})", self.text(span)),
                    );
                }
                (mk(K::Not(bx(xx)), span), types::bool_())
            }
            UnOp::Neg => {
                if let ast::ExprKind::Literal(ast::Literal::Count(n)) = &x.kind {
                    if *n > 1u64 << 63 {
                        self.error(
                            span,
                            format!(
                                "literal is outside range of 'int' values ({})",
                                self.text(span)
                            ),
                        );
                    }
                }
                let ty = match &*xt {
                    Type::Count => types::int(),
                    Type::Int | Type::Double | Type::Interval | Type::Error => xt.clone(),
                    _ => {
                        self.error(
                            span,
                            format!("requires arithmetic operand ({})", self.text(span)),
                        );
                        types::error()
                    }
                };
                (mk(K::Neg(bx(xx)), span), ty)
            }
            UnOp::Pos => {
                let ty = if matches!(&*xt, Type::Count) {
                    types::int()
                } else {
                    xt.clone()
                };
                let xx = if matches!(&*xt, Type::Count) {
                    mk(K::Coerce(bx(xx), ir::Coercion::ToInt), span)
                } else {
                    xx
                };
                (xx, ty)
            }
            UnOp::BitNot => (mk(K::BitNot(bx(xx)), span), xt),
            UnOp::PreInc | UnOp::PreDec => unreachable!(),
        }
    }

    pub(crate) fn binary(&mut self, op: BinOp, a: &ast::Expr, b: &ast::Expr, span: Span) -> Typed {
        match op {
            BinOp::And | BinOp::Or => {
                let ax = self.bool_expr(a);
                let bx_ = self.bool_expr(b);
                let k = if op == BinOp::And {
                    K::And(bx(ax), bx(bx_))
                } else {
                    K::Or(bx(ax), bx(bx_))
                };
                return (mk(k, span), types::bool_());
            }
            BinOp::In | BinOp::NotIn => {
                let (x, t) = self.in_expr(a, b, span);
                if op == BinOp::NotIn {
                    return (mk(K::Not(bx(x)), span), t);
                }
                return (x, t);
            }
            _ => {}
        }
        let (ax, at) = self.expr(a);
        let (bx_, bt) = self.expr(b);
        if at.is_error() || bt.is_error() {
            return self.poison(span);
        }
        let cmp = match op {
            BinOp::Eq => Some(Cmp::Eq),
            BinOp::Ne => Some(Cmp::Ne),
            BinOp::Lt => Some(Cmp::Lt),
            BinOp::Le => Some(Cmp::Le),
            BinOp::Gt => Some(Cmp::Gt),
            BinOp::Ge => Some(Cmp::Ge),
            _ => None,
        };
        if let Some(c) = cmp {
            return self.comparison(c, ax, at, bx_, bt, span);
        }
        let arith = match op {
            BinOp::Add => Arith::Add,
            BinOp::Sub => Arith::Sub,
            BinOp::Mul => Arith::Mul,
            BinOp::Div => Arith::Div,
            BinOp::Mod => Arith::Mod,
            BinOp::BitAnd => Arith::BitAnd,
            BinOp::BitOr => Arith::BitOr,
            BinOp::BitXor => Arith::BitXor,
            BinOp::Shl => Arith::Shl,
            BinOp::Shr => Arith::Shr,
            _ => Arith::Add,
        };
        self.arith(arith, ax, at, bx_, bt, span)
    }

    pub(crate) fn arith(
        &mut self,
        op: Arith,
        ax: ir::Expr,
        at: TypeRef,
        bx_: ir::Expr,
        bt: TypeRef,
        span: Span,
    ) -> Typed {
        use Type as T;
        match (&*at, &*bt) {
            (T::String, T::String) if op == Arith::Add => {
                (mk(K::Concat(bx(ax), bx(bx_)), span), types::string())
            }
            (T::Pattern, T::Pattern) if matches!(op, Arith::BitAnd | Arith::BitOr) => (
                mk(K::PatternOp(op == Arith::BitAnd, bx(ax), bx(bx_)), span),
                types::pattern(),
            ),
            (T::Table(_), T::Table(_))
                if matches!(op, Arith::BitAnd | Arith::BitOr | Arith::Sub) =>
            {
                (mk(K::SetOp(op, bx(ax), bx(bx_)), span), at.clone())
            }
            (T::Vector(x), T::Vector(y)) => {
                let ty = match promote(x, y) {
                    Some(t) => types::vector_of(t),
                    None => at.clone(),
                };
                (mk(K::VecArith(op, bx(ax), bx(bx_)), span), ty)
            }
            (T::Vector(x), s) | (s, T::Vector(x)) if s.is_numeric() => {
                let elem = x.clone();
                (
                    mk(K::VecArith(op, bx(ax), bx(bx_)), span),
                    types::vector_of(elem),
                )
            }
            (T::Time, T::Interval) if matches!(op, Arith::Add | Arith::Sub) => {
                (mk(K::Arith(op, bx(ax), bx(bx_)), span), types::time())
            }
            (T::Interval, T::Time) if op == Arith::Add => {
                (mk(K::Arith(op, bx(ax), bx(bx_)), span), types::time())
            }
            (T::Time, T::Time) if op == Arith::Sub => {
                (mk(K::Arith(op, bx(ax), bx(bx_)), span), types::interval())
            }
            (T::Interval, T::Interval) => {
                let ty = if op == Arith::Div {
                    types::double()
                } else {
                    types::interval()
                };
                (mk(K::Arith(op, bx(ax), bx(bx_)), span), ty)
            }
            (T::Interval, n) | (n, T::Interval)
                if n.is_numeric() && matches!(op, Arith::Mul | Arith::Div) =>
            {
                (mk(K::Arith(op, bx(ax), bx(bx_)), span), types::interval())
            }
            (T::Addr, T::Count) if op == Arith::BitAnd => {
                (mk(K::Arith(op, bx(ax), bx(bx_)), span), types::addr())
            }
            _ => match promote(&at, &bt) {
                Some(ty) => {
                    if matches!(&*ty, T::Double)
                        && matches!(
                            op,
                            Arith::BitAnd | Arith::BitOr | Arith::BitXor | Arith::Shl | Arith::Shr
                        )
                    {
                        self.error(
                            span,
                            format!("requires integral operands ({})", self.text(span)),
                        );
                    }
                    let ax = self.coerce(ax, &at, &ty, span);
                    let bx2 = self.coerce(bx_, &bt, &ty, span);
                    (mk(K::Arith(op, bx(ax), bx(bx2)), span), ty)
                }
                None => {
                    self.error(
                        span,
                        format!(
                            "arithmetic mixed with non-arithmetic ({at} and {bt}) ({})",
                            self.text(span)
                        ),
                    );
                    self.poison(span)
                }
            },
        }
    }

    pub(crate) fn comparison(
        &mut self,
        c: Cmp,
        ax: ir::Expr,
        at: TypeRef,
        bx_: ir::Expr,
        bt: TypeRef,
        span: Span,
    ) -> Typed {
        let (ax, bx_) = match promote(&at, &bt) {
            Some(ty) => (
                self.coerce(ax, &at, &ty, span),
                self.coerce(bx_, &bt, &ty, span),
            ),
            None => {
                let ok = types::same_type(&at, &bt)
                    || matches!(
                        (&*at, &*bt),
                        (Type::Pattern, Type::String) | (Type::String, Type::Pattern)
                    )
                    || matches!((&*at, &*bt), (Type::Any, _) | (_, Type::Any));
                if !ok && self.mixed_enums(&at, &bt, span) {
                    return (mk(K::Cmp(c, bx(ax), bx(bx_)), span), types::bool_());
                }
                if !ok {
                    self.error(
                        span,
                        format!(
                            "type clash in comparison ({at} and {bt}) ({})",
                            self.text(span)
                        ),
                    );
                }
                (ax, bx_)
            }
        };
        (mk(K::Cmp(c, bx(ax), bx(bx_)), span), types::bool_())
    }

    pub(crate) fn in_expr(&mut self, a: &ast::Expr, b: &ast::Expr, span: Span) -> Typed {
        let (bx_, bt) = self.expr(b);
        let ok = |k: InKind, ax: ir::Expr| (mk(K::In(k, bx(ax), bx(bx_)), span), types::bool_());
        match &*bt {
            Type::Table(tt) if is_pattern_index(&tt.index) => {
                let (ax, at) = self.expr(a);
                if matches!(&*at, Type::String) {
                    return ok(InKind::PatternTable, ax);
                }
                let key = self.key_expr(&tt.index.clone(), std::slice::from_ref(a), a.span);
                ok(InKind::Table, key)
            }
            Type::Table(tt) if subnet_index(&tt.index, std::slice::from_ref(a)) => {
                match self.subnet_key(&tt.index[0].clone(), a) {
                    Ok(addr) => ok(InKind::SubnetTable, addr),
                    Err(key) => ok(InKind::Table, key),
                }
            }
            Type::Table(tt) => {
                let idx: Vec<ast::Expr> = match &a.kind {
                    ExprKind::Bracket(items)
                        if tt.index.len() > 1
                            || items.len() == 1
                                && !matches!(items[0].kind, ExprKind::FieldAssign(..)) =>
                    {
                        items.clone()
                    }
                    _ => vec![a.clone()],
                };
                let index = tt.index.clone();
                let key = self.key_expr(&index, &idx, a.span);
                ok(InKind::Table, key)
            }
            Type::String => {
                let (ax, at) = self.expr(a);
                match &*at {
                    Type::Pattern => ok(InKind::Pattern, ax),
                    _ => ok(InKind::Substring, ax),
                }
            }
            Type::Subnet => {
                let (ax, at) = self.expr(a);
                if matches!(&*at, Type::Subnet) {
                    ok(InKind::SubnetInSubnet, ax)
                } else {
                    ok(InKind::Subnet, ax)
                }
            }
            Type::Vector(_) => {
                let (ax, _) = self.expr(a);
                ok(InKind::VectorIndex, ax)
            }
            Type::Error => self.poison(span),
            _ => {
                self.error(span, format!("not an index type ({})", self.text(span)));
                self.poison(span)
            }
        }
    }
}

/// Whether `x as T` can ever succeed for an `x` of this static type: any
/// value may be cast from `any`; otherwise only conversions Zeek makes.
pub(crate) fn cast_supported(from: &TypeRef, to: &TypeRef) -> bool {
    use Type::*;
    let numeric = |t: &Type| matches!(t, Count | Int | Double | Time | Interval);
    match (&**from, &**to) {
        (Any | Error, _) | (_, Any | Error) => true,
        (String, Count | Int | Double) => true,
        (Port | Enum(_) | Bool, Count | Int) => true,
        (Count, Addr) | (Subnet, Addr) => true,
        (a, b) if numeric(a) && numeric(b) => true,
        (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
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
