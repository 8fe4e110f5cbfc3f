//! Assignability: which types convert to which, and the coercions that
//! the checker inserts so the evaluator never converts implicitly.

use super::Compiler;
use crate::runtime::ir::{Coercion, Expr, ExprKind};
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::Span;
use std::rc::Rc;

/// The rank of a numeric type for promotion: count < int < double.
pub fn numeric_rank(t: &Type) -> Option<u8> {
    match t {
        Type::Count => Some(0),
        Type::Int => Some(1),
        Type::Double => Some(2),
        _ => None,
    }
}

/// The common type two numeric operands are promoted to.
pub fn promote(a: &TypeRef, b: &TypeRef) -> Option<TypeRef> {
    let (x, y) = (numeric_rank(a)?, numeric_rank(b)?);
    Some(if x >= y { a.clone() } else { b.clone() })
}

fn wrap(e: Expr, c: Coercion) -> Expr {
    let span = e.span;
    Expr {
        kind: ExprKind::Coerce(Box::new(e), c),
        span,
    }
}

impl Compiler {
    /// Converts `e` of type `from` to `to`, or reports a type clash.
    pub fn coerce(&mut self, e: Expr, from: &TypeRef, to: &TypeRef, span: Span) -> Expr {
        match self.try_coerce(e, from, to) {
            Ok(x) => x,
            Err(x) => {
                let text = self.text(span);
                self.error(span, format!("type clash ({from} and {to}) ({text})"));
                x
            }
        }
    }

    /// The value of an assignment (or an initialization, which Zeek
    /// checks as one) converted to the target's type as Zeek's
    /// `AssignExpr` converts it: numbers narrowed with a warning,
    /// enums kept apart, anything else of another type a clash. `text`
    /// is the assignment as Zeek describes it.
    pub fn coerce_assign(
        &mut self,
        x: Expr,
        from: &TypeRef,
        to: &TypeRef,
        span: Span,
        text: &dyn Fn(&Self) -> String,
    ) -> Expr {
        if from.is_error() || to.is_error() {
            return x;
        }
        let arith = |t: &Type| matches!(t, Type::Count | Type::Int | Type::Double);
        let enum_ = |t: &Type| matches!(t, Type::Enum(_));
        if enum_(from) != enum_(to) {
            let msg = format!("can't convert to/from enumerated type ({})", text(self));
            self.error(span, msg);
            return x;
        }
        if arith(to) {
            if !arith(from) {
                let msg = format!(
                    "assignment of non-arithmetic value to arithmetic ({}/{}) ({})",
                    tag_name(to),
                    tag_name(from),
                    text(self)
                );
                self.error(span, msg);
                return x;
            }
            let c = match (&**from, &**to) {
                (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => return x,
                (_, Type::Double) => Coercion::ToDouble,
                (Type::Double, t) => {
                    let msg = format!(
                        "dangerous assignment of double to integral ({})",
                        text(self)
                    );
                    self.warning(span, msg);
                    if matches!(t, Type::Int) {
                        Coercion::ToInt
                    } else {
                        Coercion::ToCount
                    }
                }
                (_, Type::Int) => Coercion::ToInt,
                _ => {
                    let msg = format!("dangerous assignment of integer to count ({})", text(self));
                    self.warning(span, msg);
                    Coercion::ToCount
                }
            };
            return wrap(x, c);
        }
        // A time may be set to a zero number.
        if matches!(**to, Type::Time) && arith(from) {
            if let ExprKind::Const(v) = &x.kind {
                if matches!(v, Value::Count(0) | Value::Int(0))
                    || matches!(v, Value::Double(d) if *d == 0.0)
                {
                    return Expr {
                        kind: ExprKind::Const(Value::Time(0.0)),
                        span: x.span,
                    };
                }
            }
        }
        match self.try_coerce(x, from, to) {
            Ok(x) => x,
            Err(x) => {
                let msg = format!("type clash in assignment ({})", text(self));
                self.error(span, msg);
                x
            }
        }
    }

    /// A record converted to one with deprecated fields it fills.
    fn deprecated_in_coercion(
        &mut self,
        src: &types::RecordType,
        dst: &types::RecordType,
        at: Span,
    ) {
        let names: Vec<String> = src.fields.borrow().iter().map(|f| f.name.clone()).collect();
        let key = (at.file, at.lo, at.hi);
        let text = match self.ctor_text.get(&key) {
            Some(t) => t.clone(),
            None => self.text(at),
        };
        let what = format!(
            "(coerce {text} to {})",
            dst.name.borrow().clone().unwrap_or_default()
        );
        for n in names {
            if let Some(i) = dst.field_index(&n) {
                self.check_deprecated_field(dst, i, false, &what, at);
            }
        }
    }

    /// `local x = set();`: nothing says what the set holds.
    pub fn untyped_empty_ctor(&mut self, init: Option<&crate::syntax::ast::Expr>) -> TypeRef {
        if let Some(e) = init {
            let text = self.text(e.span);
            self.error(
                e.span,
                format!("empty constructor in untyped initialization ({text})"),
            );
        }
        types::error()
    }

    /// Two different enum types meeting (compared, or one loop variable
    /// for both): Zeek still allows it, with a deprecation warning.
    pub fn mixed_enums(&mut self, a: &TypeRef, b: &TypeRef, span: Span) -> bool {
        let (Type::Enum(x), Type::Enum(y)) = (&**a, &**b) else {
            return false;
        };
        if Rc::ptr_eq(x, y) {
            return false;
        }
        let msg = format!(
            "Remove in v9.1. Mixing incompatible enum types {} and {} will become an error.",
            x.name.borrow(),
            y.name.borrow()
        );
        self.warning(span, msg);
        true
    }

    /// Like `coerce` but returns the unchanged expression as the error.
    pub fn try_coerce(&mut self, e: Expr, from: &TypeRef, to: &TypeRef) -> Result<Expr, Expr> {
        if from.is_error() || to.is_error() || matches!(**to, Type::Any) {
            return Ok(e);
        }
        if types::same_type(from, to) {
            return Ok(retype_empty(e, to));
        }
        match (&**from, &**to) {
            (Type::Any, _) => Ok(wrap(e, Coercion::FromAny(to.clone()))),
            (Type::Count, Type::Int) => Ok(wrap(e, Coercion::ToInt)),
            (Type::Count | Type::Int, Type::Double) => Ok(wrap(e, Coercion::ToDouble)),
            (Type::Record(src), Type::Record(dst)) => {
                if record_compatible(src, dst) {
                    if !self.deprecated_fields.is_empty() {
                        self.deprecated_in_coercion(src, dst, e.span);
                    }
                    Ok(wrap(e, Coercion::Record(dst.clone())))
                } else {
                    Err(e)
                }
            }
            (Type::Vector(a), Type::Vector(b)) => {
                if is_empty_ctor(&e) {
                    return Ok(retype_empty(e, to));
                }
                match (&**a, &**b) {
                    (Type::Count, Type::Int) => Ok(wrap(e, Coercion::ToInt)),
                    (Type::Count | Type::Int, Type::Double) => Ok(wrap(e, Coercion::ToDouble)),
                    (Type::Any, _) | (_, Type::Any) => Ok(e),
                    _ => Err(e),
                }
            }
            (Type::Table(a), Type::Table(b)) => {
                if is_empty_ctor(&e) && a.yield_.is_some() == b.yield_.is_some() {
                    return Ok(retype_empty(e, to));
                }
                Err(e)
            }
            (Type::Func(a), Type::Func(b)) => {
                // A built-in taking any arguments (`sha256_hash`) fits a
                // function type of any parameters.
                if a.kind == b.kind && (a.params.len() == b.params.len() || a.varargs) {
                    Ok(e)
                } else {
                    Err(e)
                }
            }
            (Type::Void, _) => Err(e),
            _ => Err(e),
        }
    }
}

/// A type's kind as Zeek names it (`type_name` of its tag).
fn tag_name(t: &Type) -> String {
    match t {
        Type::Table(_) => "table".into(),
        Type::Record(_) => "record".into(),
        Type::Vector(_) => "vector".into(),
        Type::Enum(_) => "enum".into(),
        Type::Func(_) => "func".into(),
        Type::Opaque(_) => "opaque".into(),
        Type::File => "file".into(),
        _ => t.to_string(),
    }
}

/// Whether a record of type `src` converts to `dst`: each of its fields
/// fits a field of `dst`, and it gives every field `dst` requires.
fn record_compatible(src: &types::RecordType, dst: &types::RecordType) -> bool {
    if std::ptr::eq(src, dst) {
        return true;
    }
    let sf = src.fields.borrow();
    let df = dst.fields.borrow();
    sf.iter().all(|f| {
        df.iter()
            .any(|d| d.name == f.name && compatible(&f.ty, &d.ty))
    }) && df
        .iter()
        .all(|d| d.optional || d.default.is_some() || sf.iter().any(|f| f.name == d.name))
}

/// Whether a field of type `a` may fill a field of type `b`.
fn compatible(a: &TypeRef, b: &TypeRef) -> bool {
    if let (Type::Record(x), Type::Record(y)) = (&**a, &**b) {
        // A named record only converts to itself; an anonymous one (a
        // `[$a=...]` constructor) by its fields.
        return Rc::ptr_eq(x, y) || (x.name.borrow().is_none() && record_compatible(x, y));
    }
    types::same_type(a, b)
        || matches!(
            (&**a, &**b),
            (_, Type::Any) | (Type::Count, Type::Int) | (Type::Count | Type::Int, Type::Double)
        )
        || matches!(
            (&**a, &**b),
            (Type::Table(_), Type::Table(_)) | (Type::Vector(_), Type::Vector(_))
        )
}

fn is_empty_ctor(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Table(_, items, _) => items.is_empty(),
        ExprKind::Vector(_, items) => items.is_empty(),
        _ => false,
    }
}

/// An empty constructor takes the type it is assigned to.
fn retype_empty(e: Expr, to: &TypeRef) -> Expr {
    match e.kind {
        ExprKind::Table(_, items, attrs) if items.is_empty() => Expr {
            kind: ExprKind::Table(to.clone(), items, attrs),
            span: e.span,
        },
        ExprKind::Vector(_, items) if items.is_empty() => Expr {
            kind: ExprKind::Vector(to.clone(), items),
            span: e.span,
        },
        kind => Expr { kind, span: e.span },
    }
}
