//! Built-ins that look up the connections being tracked while a trace is
//! read: connection_exists() and lookup_connection().
//!
//! The trace reader registers each connection's record while the
//! connection lives; lookups compare the record's current `id`.

use super::{arg, builtin_error, builtin_error_arg, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::{RecordVal, Value};
use ahash::AHashMap;
use std::cell::RefCell;
use std::rc::Rc;

type Rec = Rc<RefCell<RecordVal>>;

/// The records of the connections alive in the trace being read, kept in
/// the interpreter's extensions by the engine.
#[derive(Default)]
pub struct LiveConns(AHashMap<usize, Rec>);

impl LiveConns {
    /// A connection's record, from its creation until it is removed.
    pub fn register(&mut self, rec: &Rec) {
        self.0.insert(Rc::as_ptr(rec) as usize, rec.clone());
    }

    /// The connection is gone.
    pub fn unregister(&mut self, rec: &Rec) {
        self.0.remove(&(Rc::as_ptr(rec) as usize));
    }
}

const ID_FIELDS: [&str; 5] = ["orig_h", "orig_p", "resp_h", "resp_p", "proto"];

/// The five key fields of a `conn_id` record (unset ones as `Unset`).
fn id_parts(id: &Value) -> Option<Vec<Value>> {
    let Value::Record(r) = id else {
        return None;
    };
    let r = r.borrow();
    Some(
        ID_FIELDS
            .iter()
            .map(|n| {
                r.ty.field_index(n)
                    .and_then(|i| r.fields.get(i).cloned())
                    .unwrap_or(Value::Unset)
            })
            .collect(),
    )
}

/// The key of a conn_id, after Zeek's checks: every address and port set
/// and the protocol known. Reports what is wrong otherwise.
fn checked_key(h: &mut dyn Host, id: &Value) -> Option<Vec<Value>> {
    let parts = id_parts(id)?;
    if parts[..4].iter().any(Value::is_unset) {
        builtin_error(h, "invalid connection ID record encountered");
        return None;
    }
    if matches!(parts[4], Value::Count(65535)) {
        builtin_error(
            h,
            "invalid connection ID record encountered: the proto field has the \"unknown\" 65535 value. Did you forget to set it?",
        );
        return None;
    }
    Some(parts)
}

/// The record of the live connection a `conn_id` names, if there is one.
pub(crate) fn record_for(h: &mut dyn Host, id: &Value) -> Option<Value> {
    let key = id_parts(id)?;
    find(h, &key).map(Value::Record)
}

fn find(h: &mut dyn Host, key: &[Value]) -> Option<Rec> {
    let live = h.extensions().get::<LiveConns>()?;
    live.0
        .values()
        .find(|rec| {
            let r = rec.borrow();
            let id = r.ty.field_index("id").and_then(|i| r.fields.get(i));
            id.and_then(id_parts).is_some_and(|p| p == key)
        })
        .cloned()
}

fn connection_exists(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let found = checked_key(h, arg(args, 0)).is_some_and(|k| find(h, &k).is_some());
    Ok(Value::Bool(found))
}

fn lookup_connection(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Some(rec) = checked_key(h, arg(args, 0)).and_then(|k| find(h, &k)) {
        return Ok(Value::Record(rec));
    }
    builtin_error_arg(h, "connection ID not a known connection", arg(args, 0));
    Ok(dummy_connection(h))
}

/// What lookup_connection() returns for an unknown id: a connection record
/// with a zero id (UDP ports), empty endpoints and history.
fn dummy_connection(h: &mut dyn Host) -> Value {
    use crate::syntax::token::Proto;
    use std::net::{IpAddr, Ipv4Addr};
    let Some((_, ty, true)) = h.lookup_global("connection") else {
        return Value::Unset;
    };
    let Some(rt) = ty.as_record().cloned() else {
        return Value::Unset;
    };
    let mut fields = with_defaults(h, &rt);
    let field_rt = |name: &str| {
        rt.field_index(name)
            .and_then(|i| rt.fields.borrow()[i].ty.as_record().cloned())
    };
    let zero_addr = Value::addr(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let zero_port = super::addr::port_value(0, Proto::Udp);
    if let (Some(i), Some(id_rt)) = (rt.field_index("id"), field_rt("id")) {
        let mut id = with_defaults(h, &id_rt);
        for (name, v) in [
            ("orig_h", zero_addr.clone()),
            ("orig_p", zero_port.clone()),
            ("resp_h", zero_addr),
            ("resp_p", zero_port),
        ] {
            if let Some(j) = id_rt.field_index(name) {
                id[j] = v;
            }
        }
        fields[i] = Value::Record(Rc::new(RefCell::new(RecordVal {
            ty: id_rt,
            fields: id,
        })));
    }
    for side in ["orig", "resp"] {
        if let (Some(i), Some(ert)) = (rt.field_index(side), field_rt(side)) {
            let mut e = with_defaults(h, &ert);
            for (name, v) in [("size", Value::Count(0)), ("state", Value::Count(0))] {
                if let Some(j) = ert.field_index(name) {
                    e[j] = v;
                }
            }
            fields[i] = Value::Record(Rc::new(RefCell::new(RecordVal { ty: ert, fields: e })));
        }
    }
    for (name, v) in [
        ("start_time", Value::Time(h.network_time())),
        ("duration", Value::Interval(0.0)),
        ("history", Value::str(b"")),
        ("uid", Value::str(b"")),
    ] {
        if let Some(i) = rt.field_index(name) {
            fields[i] = v;
        }
    }
    Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt, fields })))
}

/// A record type's fields with their `&default`s applied.
fn with_defaults(h: &mut dyn Host, rt: &crate::runtime::types::RecordType) -> Vec<Value> {
    let defaults: Vec<Option<u32>> = rt.fields.borrow().iter().map(|f| f.default).collect();
    defaults
        .into_iter()
        .map(|d| d.and_then(|i| h.field_default(i)).unwrap_or(Value::Unset))
        .collect()
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "connection_exists",
        sig: "function(c: conn_id): bool",
        func: connection_exists,
    },
    BifDef {
        name: "lookup_connection",
        sig: "function(cid: conn_id): connection",
        func: lookup_connection,
    },
];
