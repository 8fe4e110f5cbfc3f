//! Built-in functions, grouped by family. `all()` lists every one; the
//! interpreter declares each as a global function at start-up.
//!
//! Arguments arrive coerced to the declared parameter types. A BIF returns
//! `Err(message)` where Zeek aborts the calling statement with a runtime
//! error, and calls `builtin_error` (then returns Zeek's fallback value)
//! where Zeek reports an error and carries on.

use crate::runtime::func::{BifDef, Host};
use crate::runtime::table::TableVal;
use crate::runtime::types::{self, TypeRef};
use crate::runtime::value::{Value, VectorVal};
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) mod addr;
mod analyzers;
mod anon;
mod cluster;
pub mod conn;
pub mod conns;
mod container;
pub(crate) mod convert;
mod core;
mod dns;
pub(crate) mod encode;
pub mod entropy;
pub mod file_analysis;
pub(crate) mod files;
mod from_json;
pub(crate) mod hash;
pub mod ids;
pub mod input;
pub(crate) mod introspect;
mod logging;
mod math;
mod misc;
pub use misc::ZEEK_COMPATIBLE_VERSION;
mod option;
pub mod packets;
pub mod prob;
mod proto;
mod regex;
mod smith_waterman;
mod strings;
mod system;
mod time;
pub mod unsupported;
pub mod weird;
pub mod x509;

#[cfg(test)]
pub(crate) mod testing;

/// Every built-in.
pub fn all() -> impl Iterator<Item = &'static BifDef> {
    core::BIFS
        .iter()
        .chain(strings::BIFS)
        .chain(regex::BIFS)
        .chain(convert::BIFS)
        .chain(addr::BIFS)
        .chain(container::BIFS)
        .chain(math::BIFS)
        .chain(hash::BIFS)
        .chain(encode::BIFS)
        .chain(time::BIFS)
        .chain(misc::BIFS)
        .chain(files::BIFS)
        .chain(file_analysis::BIFS)
        .chain(entropy::BIFS)
        .chain(prob::BIFS)
        .chain(introspect::BIFS)
        .chain(proto::BIFS)
        .chain(x509::BIFS)
        .chain(conn::BIFS)
        .chain(conns::BIFS)
        .chain(logging::BIFS)
        .chain(option::BIFS)
        .chain(option::GROUP_BIFS)
        .chain(input::BIFS)
        .chain(ids::BIFS)
        .chain(packets::BIFS)
        .chain(weird::BIFS)
        .chain(anon::BIFS)
        .chain(dns::BIFS)
        .chain(smith_waterman::BIFS)
        .chain(system::BIFS)
        .chain(cluster::BIFS)
        .chain(analyzers::BIFS)
        .chain(unsupported::UNSUPPORTED.iter().map(|u| &u.def))
}

/// The table of built-ins, sorted by name, one line each: the name and
/// the signature, tab-separated, and for a built-in rzeek gives a fixed
/// or fallback answer (see `unsupported`), that answer after a third tab.
pub fn listing() -> Vec<String> {
    let mut defs: Vec<&BifDef> = all().collect();
    defs.sort_by_key(|b| b.name);
    defs.iter()
        .map(|b| match unsupported::answer(b.name) {
            Some(a) => format!("{}\t{}\t{}", b.name, b.sig, a),
            None => format!("{}\t{}", b.name, b.sig),
        })
        .collect()
}

/// The built-in of that name, if there is one.
pub fn find(name: &str) -> Option<&'static BifDef> {
    all().find(|b| b.name == name)
}

/// Zeek's non-fatal built-in error (its `emit_builtin_error`): reported
/// at the call (Zeek adds the call expression and the offending argument
/// in parentheses), then the BIF carries on and returns its fallback value.
/// The most elements (bytes, cells) a built-in makes at once because an
/// argument asks for that many. Zeek has no such limit and tries the
/// allocation, which fails or aborts on sizes such as `2**62`; over the
/// limit the built-in fails with a runtime error instead.
pub(crate) const MAX_ALLOC: u64 = 1 << 28;

/// `n`, when it is within [`MAX_ALLOC`]; else a runtime error naming
/// `what`.
pub(crate) fn alloc_size(h: &mut dyn Host, what: &str, n: u64) -> Result<usize, String> {
    match usize::try_from(n) {
        Ok(n) if n as u64 <= MAX_ALLOC => Ok(n),
        _ => {
            let msg = format!("{what}: size {n} is too large");
            builtin_error(h, &msg);
            Err(msg)
        }
    }
}

pub(crate) fn builtin_error(h: &mut dyn Host, msg: &str) {
    let call = h.call_text();
    if call.is_empty() {
        h.report("error", msg);
    } else {
        h.report("error", &format!("{msg} ({call})"));
    }
}

/// `builtin_error` naming the offending argument too: `MSG (CALL and ARG)`.
pub(crate) fn builtin_error_arg(h: &mut dyn Host, msg: &str, bad: &Value) {
    let call = h.call_text();
    let bad_text = String::from_utf8_lossy(&crate::runtime::format::to_display(bad)).into_owned();
    let text = if call.is_empty() {
        format!("{msg} ({bad_text})")
    } else {
        format!("{msg} ({call} and {bad_text})")
    };
    h.report_with_origin("error", &text, bad);
}

/// A message straight to Zeek's reporter (`reporter->Error`), which Zeek
/// prints without a location: `error: MSG`.
pub(crate) fn reporter_error(h: &mut dyn Host, msg: &str) {
    h.report_plain("error", msg);
}

/// `reporter->Warning`: `warning: MSG`, without a location.
pub(crate) fn reporter_warning(h: &mut dyn Host, msg: &str) {
    h.report_plain("warning", msg);
}

pub(crate) type BifResult = Result<Value, String>;

// ---- argument access ----

pub(crate) fn arg(args: &[Value], i: usize) -> &Value {
    args.get(i).unwrap_or(&Value::Unset)
}

pub(crate) fn bytes(args: &[Value], i: usize) -> &[u8] {
    arg(args, i).as_bytes()
}

pub(crate) fn count(args: &[Value], i: usize) -> u64 {
    arg(args, i).as_count()
}

pub(crate) fn int(args: &[Value], i: usize) -> i64 {
    arg(args, i).as_int()
}

pub(crate) fn double(args: &[Value], i: usize) -> f64 {
    arg(args, i).as_double()
}

pub(crate) fn boolean(args: &[Value], i: usize) -> bool {
    arg(args, i).as_bool()
}

// ---- value builders ----

pub(crate) fn vector(elem: TypeRef, items: Vec<Value>) -> Value {
    Value::Vector(Rc::new(RefCell::new(VectorVal {
        ty: types::vector_of(elem),
        items,
    })))
}

pub(crate) fn string_vec(items: Vec<Vec<u8>>) -> Value {
    vector(
        types::string(),
        items.into_iter().map(Value::string).collect(),
    )
}

pub(crate) fn count_vec(items: Vec<u64>) -> Value {
    vector(
        types::count(),
        items.into_iter().map(Value::Count).collect(),
    )
}

/// A set with one index of type `elem`, holding `items` in order.
pub(crate) fn set(elem: TypeRef, items: Vec<Value>) -> Value {
    let mut t = TableVal::new(types::set_of(vec![elem]));
    for i in items {
        t.insert(i, Value::Unset);
    }
    Value::Table(Rc::new(RefCell::new(t)))
}

pub(crate) fn string_set(items: Vec<Vec<u8>>) -> Value {
    set(
        types::string(),
        items.into_iter().map(Value::string).collect(),
    )
}

#[cfg(test)]
pub(crate) fn table(index: Vec<TypeRef>, yield_: TypeRef, entries: Vec<(Value, Value)>) -> Value {
    let mut t = TableVal::new(types::table_of(index, yield_));
    for (k, v) in entries {
        t.insert(k, v);
    }
    Value::Table(Rc::new(RefCell::new(t)))
}

pub(crate) fn string_value(s: impl AsRef<[u8]>) -> Value {
    Value::str(s.as_ref())
}

/// A record of a type the BIF builds itself: Zeek's declared field order,
/// so field access by position agrees with the script-level declaration.
pub(crate) fn record(type_name: &str, fields: Vec<(&str, TypeRef, Value)>) -> Value {
    use crate::runtime::types::{FieldDef, RecordType};
    let defs = fields
        .iter()
        .map(|(n, t, _)| FieldDef {
            name: n.to_string(),
            ty: t.clone(),
            optional: true,
            log: false,
            default: None,
            late_default: None,
            implicit_default: false,
        })
        .collect();
    let ty = Rc::new(RecordType {
        name: RefCell::new(Some(type_name.to_string())),
        fields: RefCell::new(defs),
    });
    let vals = fields.into_iter().map(|(_, _, v)| v).collect();
    Value::Record(Rc::new(RefCell::new(crate::runtime::value::RecordVal {
        ty,
        fields: vals,
    })))
}

/// A record of the type the scripts declare as `type_name`, its
/// `&default`s applied and the named fields set; without such a
/// declaration, a record of the fields given ([`record`]).
pub(crate) fn record_of(h: &mut dyn Host, type_name: &str, fields: Vec<(&str, Value)>) -> Value {
    use crate::runtime::value::RecordVal;
    let rt = match h.lookup_global(type_name) {
        Some((_, ty, true)) => ty.as_record().cloned(),
        _ => None,
    };
    let Some(rt) = rt else {
        let fields = fields
            .into_iter()
            .map(|(n, v)| (n, types::type_of(&v), v))
            .collect();
        return record(type_name, fields);
    };
    let defaults: Vec<Option<u32>> = rt.fields.borrow().iter().map(|f| f.default).collect();
    let mut vals: Vec<Value> = defaults
        .into_iter()
        .map(|d| d.and_then(|i| h.field_default(i)).unwrap_or(Value::Unset))
        .collect();
    for (n, v) in fields {
        if let Some(i) = rt.field_index(n) {
            vals[i] = v;
        }
    }
    Value::Record(Rc::new(RefCell::new(RecordVal {
        ty: rt,
        fields: vals,
    })))
}

/// The type the scripts declare as `name`, if they do.
pub(crate) fn declared_type(h: &dyn Host, name: &str) -> Option<TypeRef> {
    match h.lookup_global(name) {
        Some((_, ty, true)) => Some(ty),
        _ => None,
    }
}

/// An enum constant the scripts declare, by its full name.
pub(crate) fn declared_enum(h: &dyn Host, name: &str) -> Option<Value> {
    match h.lookup_global(name) {
        Some((v @ Value::Enum(_), _, false)) => Some(v),
        _ => None,
    }
}

/// An enum constant of a type declared in Zeek's base scripts (such as
/// `transport_proto`), built without a symbol-table lookup: it compares
/// equal to the script's constant by type name and value.
pub(crate) fn enum_value(type_name: &str, name: &str, value: i64) -> Value {
    Value::Enum(Rc::new(crate::runtime::types::EnumConst {
        name: name.to_string(),
        value,
        type_name: type_name.to_string(),
        ty: std::rc::Weak::new(),
    }))
}

pub(crate) fn opaque(o: crate::runtime::opaque::Opaque) -> Value {
    Value::Opaque(Rc::new(RefCell::new(o)))
}

/// The items of a vector value (holes as `Value::Unset`).
pub(crate) fn vector_items(v: &Value) -> Vec<Value> {
    match v {
        Value::Vector(x) => x.borrow().items.clone(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    /// Every signature is Zeek type syntax (with a trailing `...` for
    /// variadic built-ins), and no name is declared twice.
    #[test]
    fn listing_is_sorted_and_gives_answers() {
        let l = super::listing();
        assert_eq!(l.len(), super::all().count());
        assert!(l.windows(2).all(|w| w[0] < w[1]));
        let bt = l.iter().find(|x| x.starts_with("backtrace\t")).unwrap();
        assert_eq!(bt.split('\t').count(), 3);
        let strcmp = l.iter().find(|x| x.starts_with("strcmp\t")).unwrap();
        assert_eq!(strcmp.split('\t').count(), 2);
    }

    #[test]
    fn signatures_parse_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for b in super::all() {
            assert!(seen.insert(b.name), "{} declared twice", b.name);
            let sig = match b.sig.find("...") {
                Some(i) => format!(
                    "{}{}",
                    b.sig[..i].trim_end().trim_end_matches(','),
                    &b.sig[i + 3..]
                ),
                None => b.sig.to_string(),
            };
            assert!(
                crate::syntax::parser::parse_type(&sig, 0).is_ok(),
                "{}: {}",
                b.name,
                b.sig
            );
        }
        assert!(seen.len() > 200, "{}", seen.len());
    }
}
