//! Conversions between types at run time: the coercions the compiler
//! inserted (record to record, nested containers), `is`, and `as`.

use super::ops;
use super::{Interp, Result};
use crate::runtime::ir::{Coercion, Expr, ExprKind};
use crate::runtime::types::{self, type_of, RecordType, Type, TypeRef};
use crate::runtime::value::{Value, VectorVal};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub(crate) fn coerce(&mut self, v: Value, c: &Coercion, e: &Expr) -> Result<Value> {
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

pub(crate) fn coerce_nested(v: Value, target: &TypeRef, interp: &mut Interp) -> Result<Value> {
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
