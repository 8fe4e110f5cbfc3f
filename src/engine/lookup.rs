//! Reading the scripts: the engine is configured by globals (timeouts,
//! port sets, `bits_per_uid`), raises only the events some handler
//! takes, and builds records and enums of types the scripts declare.
//! Everything here is looked up once, before the first packet.

use std::rc::Rc;

use crate::eval::Interp;
use crate::runtime::func::FuncVal;
use crate::runtime::types::{EnumConst, RecordType, Type, TypeRef};
use crate::runtime::value::Value;

/// The event `name` if a script handles it.
pub(super) fn handled(interp: &Interp, name: &str) -> Option<Rc<FuncVal>> {
    match interp.global_named(name)? {
        Value::Func(f) if !f.handlers.borrow().is_empty() => Some(f.clone()),
        _ => None,
    }
}

/// The value of the global `name`, if it has one.
pub(super) fn global<'a>(interp: &'a Interp, name: &str) -> Option<&'a Value> {
    interp.global_named(name).filter(|v| !v.is_unset())
}

pub(super) fn global_double(interp: &Interp, name: &str, default: f64) -> f64 {
    match global(interp, name) {
        Some(Value::Interval(d) | Value::Double(d) | Value::Time(d)) => *d,
        Some(v @ (Value::Count(_) | Value::Int(_))) => v.as_double(),
        _ => default,
    }
}

pub(super) fn global_count(interp: &Interp, name: &str, default: u64) -> u64 {
    match global(interp, name) {
        Some(v @ (Value::Count(_) | Value::Int(_))) => v.as_count(),
        _ => default,
    }
}

pub(super) fn global_bool(interp: &Interp, name: &str, default: bool) -> bool {
    match global(interp, name) {
        Some(Value::Bool(b)) => *b,
        _ => default,
    }
}

/// The members of a global set (single-index).
pub(super) fn global_set(interp: &Interp, name: &str) -> Vec<Value> {
    match global(interp, name) {
        Some(Value::Table(t)) => t.borrow().keys(),
        _ => Vec::new(),
    }
}

pub(super) fn record_type(interp: &Interp, name: &str) -> Option<Rc<RecordType>> {
    interp.named_type(name)?.as_record().cloned()
}

/// The constant `name` of the enum type `ty`.
pub(super) fn enum_const(interp: &Interp, ty: &str, name: &str) -> Option<Rc<EnumConst>> {
    let t = interp.named_type(ty)?;
    let Type::Enum(et) = &*t else { return None };
    let found = et.consts.borrow().iter().find(|k| k.name == name).cloned();
    found
}

/// The position of a field the engine cannot do without.
pub(super) fn field(rt: &RecordType, name: &str) -> Result<usize, String> {
    rt.field_index(name).ok_or_else(|| {
        format!(
            "type {} lacks field {name}",
            rt.name.borrow().clone().unwrap_or_default()
        )
    })
}

pub(super) fn field_type(rt: &RecordType, i: usize) -> TypeRef {
    rt.fields.borrow()[i].ty.clone()
}
