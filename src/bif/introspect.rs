//! Built-ins that look at the script's own declarations and at the run:
//! lookup_ID, record_fields, global_ids, exit, terminate and the like.

use super::BifResult;
use crate::runtime::func::{BifDef, Host};
use crate::runtime::table::TableVal;
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::{RecordVal, Value};
use std::cell::RefCell;
use std::rc::Rc;

fn lookup_id(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = String::from_utf8_lossy(super::arg(args, 0).as_bytes()).into_owned();
    match h.lookup_global(&name) {
        Some((v, _, false)) if !v.is_unset() => Ok(v),
        Some((_, _, false)) => Ok(Value::str(b"<uninitialized>")),
        _ => Ok(Value::str(b"<unknown id>")),
    }
}

/// The record type an argument names: a type value, a record value, or a
/// type's name as a string.
fn record_type_of(h: &mut dyn Host, v: &Value) -> Option<Rc<types::RecordType>> {
    match v {
        Value::Record(r) => Some(r.borrow().ty.clone()),
        Value::Type(t) => t.as_record().cloned(),
        Value::String(s) => {
            let (_, ty, is_type) = h.lookup_global(&String::from_utf8_lossy(s))?;
            if is_type {
                ty.as_record().cloned()
            } else {
                None
            }
        }
        _ => None,
    }
}

fn field_info_type(h: &mut dyn Host) -> Option<Rc<types::RecordType>> {
    let (_, ty, _) = h.lookup_global("record_field")?;
    ty.as_record().cloned()
}

fn record_fields(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let arg = super::arg(args, 0).clone();
    let table_ty = match h.lookup_global("record_field_table") {
        Some((_, t, true)) => t,
        _ => return Err("record_field_table is not declared".into()),
    };
    let mut out = TableVal::new(table_ty);
    // Fields come out in declaration order, as Zeek's baselines show.
    out.set_ordered();
    let (Some(rt), Some(info_rt)) = (record_type_of(h, &arg), field_info_type(h)) else {
        return Ok(Value::Table(Rc::new(RefCell::new(out))));
    };
    let fields = rt.fields.borrow().clone();
    for (i, f) in fields.iter().enumerate() {
        let value = match &arg {
            Value::Record(r) => r.borrow().fields.get(i).cloned().unwrap_or(Value::Unset),
            _ => Value::Unset,
        };
        // Containers and records without an attribute start out empty by
        // way of an implicit default, which is not a `&default`.
        let default_val = f
            .default
            .filter(|_| !f.implicit_default)
            .and_then(|d| h.field_default(d))
            .unwrap_or(Value::Unset);
        // Zeek counts a field with a `&default` as optional.
        let optional = f.optional || !default_val.is_unset();
        let mut rec = vec![Value::Unset; info_rt.num_fields()];
        let set = |rec: &mut Vec<Value>, name: &str, v: Value| {
            if let Some(j) = info_rt.field_index(name) {
                rec[j] = v;
            }
        };
        set(
            &mut rec,
            "type_name",
            Value::str(type_name(&f.ty).as_bytes()),
        );
        set(&mut rec, "log", Value::Bool(f.log));
        set(&mut rec, "value", value);
        set(&mut rec, "default_val", default_val);
        set(&mut rec, "optional", Value::Bool(optional));
        let rv = RecordVal {
            ty: info_rt.clone(),
            fields: rec,
        };
        out.insert(
            Value::str(f.name.as_bytes()),
            Value::Record(Rc::new(RefCell::new(rv))),
        );
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}

/// A field's type as record_fields() names it: records and enums with
/// their kind (`record conn_id`, `enum color`), containers spelled out.
fn type_name(t: &TypeRef) -> String {
    match &**t {
        Type::Record(r) => match &*r.name.borrow() {
            Some(n) => format!("record {n}"),
            None => "record".to_string(),
        },
        Type::Enum(e) => format!("enum {}", e.name.borrow()).trim_end().to_string(),
        Type::Vector(y) => format!("vector of {}", type_name(y)),
        Type::Table(tt) => {
            let idx: Vec<String> = tt.index.iter().map(type_name).collect();
            match &tt.yield_ {
                Some(y) => format!("table[{}] of {}", idx.join(","), type_name(y)),
                None => format!("set[{}]", idx.join(",")),
            }
        }
        _ => t.to_string(),
    }
}

fn exit(h: &mut dyn Host, args: &[Value]) -> BifResult {
    h.exit(super::arg(args, 0).as_int() as i32);
    Ok(Value::Unset)
}

fn terminate(h: &mut dyn Host, _: &[Value]) -> BifResult {
    // A second call does nothing, and says so.
    if h.is_terminating() {
        return Ok(Value::Bool(false));
    }
    h.terminate();
    Ok(Value::Bool(true))
}

fn zeek_is_terminating(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(h.is_terminating()))
}

fn current_event_time(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Time(h.current_event_time()))
}

fn get_max_recursion_depth(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Count(h.max_recursion_depth() as u64))
}

fn set_max_recursion_depth(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let depth = super::arg(args, 0).as_count().min(u32::MAX as u64) as u32;
    h.set_max_recursion_depth(depth);
    Ok(Value::Unset)
}

fn is_event_handled(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = String::from_utf8_lossy(super::arg(args, 0).as_bytes()).into_owned();
    match h.lookup_global(&name) {
        Some((Value::Func(f), _, _)) if f.kind == crate::syntax::ast::FuncKind::Event => {
            Ok(Value::Bool(!f.handlers.borrow().is_empty()))
        }
        _ => {
            super::builtin_error(h, &format!("is_event_handled: '{name}' is not an event"));
            Ok(Value::Bool(false))
        }
    }
}

fn bare_mode(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(
        h.lookup_global("__bare_mode")
            .is_some_and(|(v, _, _)| v.as_bool()),
    ))
}

/// The link type in a trace file's header: classic pcap (either byte
/// order, micro- or nanosecond) or pcapng (its first interface).
fn trace_link_type(path: &str) -> Option<i64> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    let u32_at = |at: usize, le: bool| -> Option<u32> {
        let b: [u8; 4] = head.get(at..at + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    match head.get(..4)? {
        [0xd4, 0xc3, 0xb2, 0xa1] | [0x4d, 0x3c, 0xb2, 0xa1] => {
            u32_at(20, true).map(|l| i64::from(l & 0xffff))
        }
        [0xa1, 0xb2, 0xc3, 0xd4] | [0xa1, 0xb2, 0x3c, 0x4d] => {
            u32_at(20, false).map(|l| i64::from(l & 0xffff))
        }
        [0x0a, 0x0d, 0x0d, 0x0a] => {
            // Section header, then blocks until an interface description.
            let le = match head.get(8..12)? {
                [0x4d, 0x3c, 0x2b, 0x1a] => true,
                [0x1a, 0x2b, 0x3c, 0x4d] => false,
                _ => return None,
            };
            let mut at = 0usize;
            loop {
                let kind = u32_at(at, le)?;
                let len = u32_at(at + 4, le)? as usize;
                if kind == 1 {
                    let b: [u8; 2] = head.get(at + 8..at + 10)?.try_into().ok()?;
                    let l = if le {
                        u16::from_le_bytes(b)
                    } else {
                        u16::from_be_bytes(b)
                    };
                    return Some(i64::from(l));
                }
                if len < 12 {
                    return None;
                }
                at += len;
            }
        }
        _ => None,
    }
}

fn packet_source(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let path = h.packet_source().map(str::to_string);
    let fields = match path {
        Some(p) => (
            Value::Bool(false),
            Value::str(p.as_bytes()),
            Value::Int(trace_link_type(&p).unwrap_or(-1)),
            // Files carry no netmask: libpcap's PCAP_NETMASK_UNKNOWN.
            Value::Count(0xffff_ffff),
        ),
        None => (Value::Unset, Value::Unset, Value::Unset, Value::Unset),
    };
    Ok(super::record(
        "PacketSource",
        vec![
            ("live", types::bool_(), fields.0),
            ("path", types::string(), fields.1),
            ("link_type", types::int(), fields.2),
            ("netmask", types::count(), fields.3),
        ],
    ))
}

/// An analyzer's name: its `Analyzer::Tag` constant without the module and
/// the `ANALYZER_` prefix.
fn analyzer_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = match super::arg(args, 0) {
        Value::Enum(e) => {
            let short = e.name.rsplit("::").next().unwrap_or(&e.name);
            short.strip_prefix("ANALYZER_").unwrap_or(short).to_string()
        }
        _ => "<error>".to_string(),
    };
    Ok(Value::str(name.as_bytes()))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "Analyzer::name",
        sig: "function(atype: Analyzer::Tag): string",
        func: analyzer_name,
    },
    BifDef {
        name: "packet_source",
        sig: "function(): PacketSource",
        func: packet_source,
    },
    BifDef {
        name: "bare_mode",
        sig: "function(): bool",
        func: bare_mode,
    },
    BifDef {
        name: "lookup_ID",
        sig: "function(id: string): any",
        func: lookup_id,
    },
    BifDef {
        name: "record_fields",
        sig: "function(rec: any): record_field_table",
        func: record_fields,
    },
    BifDef {
        name: "exit",
        sig: "function(code: int): any",
        func: exit,
    },
    BifDef {
        name: "terminate",
        sig: "function(): bool",
        func: terminate,
    },
    BifDef {
        name: "zeek_is_terminating",
        sig: "function(): bool",
        func: zeek_is_terminating,
    },
    BifDef {
        name: "current_event_time",
        sig: "function(): time",
        func: current_event_time,
    },
    BifDef {
        name: "get_max_recursion_depth",
        sig: "function(): count",
        func: get_max_recursion_depth,
    },
    BifDef {
        name: "set_max_recursion_depth",
        sig: "function(c: count): any",
        func: set_max_recursion_depth,
    },
    BifDef {
        name: "is_event_handled",
        sig: "function(event_name: string): bool",
        func: is_event_handled,
    },
];
