//! Built-ins about the connections of the trace being read: the
//! conn-size analyzer's thresholds, script-raised weirds (sampled like the
//! core's own) and connection statistics.

use std::net::IpAddr;

use super::{arg, boolean, bytes, count, double, record, BifResult};
use crate::packet::{ConnEvent, ConnHandle, ConnId, Proto, Tracker, WeirdScope};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types;
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// What the connection built-ins see of the trace being read: its tracker,
/// and the connection events they caused (a threshold already crossed
/// when a script sets it) for the engine to deliver. The engine adds it
/// to the interpreter's extensions for the length of the run, and holds
/// no borrow of the tracker while scripts run.
pub struct TraceSession {
    pub tracker: Rc<RefCell<Tracker>>,
    pub pending: Vec<ConnEvent>,
}

/// Runs `f` on the tracker of the trace being read; `None` without one.
fn with_tracker<R>(h: &mut dyn Host, f: impl FnOnce(&mut Tracker) -> R) -> Option<R> {
    let session = h.extensions().get_mut::<TraceSession>()?;
    let mut tracker = session.tracker.try_borrow_mut().ok()?;
    Some(f(&mut tracker))
}

/// Connection events a built-in caused, for the engine to deliver.
fn push_pending(h: &mut dyn Host, evs: Vec<ConnEvent>) {
    if let Some(session) = h.extensions().get_mut::<TraceSession>() {
        session.pending.extend(evs);
    }
}

pub(super) static BIFS: &[BifDef] = &[
    BifDef {
        name: "get_current_conn_bytes_threshold",
        sig: "function(cid: conn_id, is_orig: bool): count",
        func: get_bytes_threshold,
    },
    BifDef {
        name: "get_current_conn_packets_threshold",
        sig: "function(cid: conn_id, is_orig: bool): count",
        func: get_packets_threshold,
    },
    BifDef {
        name: "get_current_conn_duration_threshold",
        sig: "function(cid: conn_id): interval",
        func: get_duration_threshold,
    },
    BifDef {
        name: "set_current_conn_bytes_threshold",
        sig: "function(cid: conn_id, threshold: count, is_orig: bool): bool",
        func: set_bytes_threshold,
    },
    BifDef {
        name: "set_current_conn_packets_threshold",
        sig: "function(cid: conn_id, threshold: count, is_orig: bool): bool",
        func: set_packets_threshold,
    },
    BifDef {
        name: "set_current_conn_duration_threshold",
        sig: "function(cid: conn_id, threshold: interval): bool",
        func: set_duration_threshold,
    },
    BifDef {
        name: "Reporter::net_weird",
        sig: "function(name: string, addl: string &default=\"\", source: string &default=\"\"): bool",
        func: net_weird,
    },
    BifDef {
        name: "Reporter::flow_weird",
        sig: "function(name: string, orig: addr, resp: addr, addl: string &default=\"\", source: string &default=\"\"): bool",
        func: flow_weird,
    },
    BifDef {
        name: "Reporter::conn_weird",
        sig: "function(name: string, c: connection, addl: string &default=\"\", source: string &default=\"\"): bool",
        func: conn_weird,
    },
    BifDef {
        name: "Reporter::file_weird",
        sig: "function(name: string, f: fa_file, addl: string &default=\"\", source: string &default=\"\"): bool",
        func: file_weird,
    },
    BifDef {
        name: "Reporter::limit_reached_weird",
        sig: "function(name: string, c: connection, limit: count, limit_max: count &default=0, source: string &default=\"\"): bool",
        func: limit_reached_weird,
    },
    BifDef {
        name: "get_conn_transport_proto",
        sig: "function(cid: conn_id): transport_proto",
        func: get_conn_transport_proto,
    },
    BifDef {
        name: "set_inactivity_timeout",
        sig: "function(cid: conn_id, t: interval): interval",
        func: set_inactivity_timeout,
    },
    BifDef {
        name: "decode_base64_conn",
        sig: "function(cid: conn_id, s: string, a: string &default=\"\"): string",
        func: decode_base64_conn,
    },
    BifDef {
        name: "get_conn_stats",
        sig: "function(): ConnStats",
        func: get_conn_stats,
    },
];

/// A `conn_id` record as the tracker's key.
fn conn_id(v: &Value) -> Option<ConnId> {
    let Value::Record(r) = v else { return None };
    let r = r.borrow();
    let get = |n: &str| r.ty.field_index(n).and_then(|i| r.fields.get(i));
    let addr = |v: Option<&Value>| match v {
        Some(Value::Addr(a)) => Some(**a),
        _ => None,
    };
    let port = |v: Option<&Value>| match v {
        Some(Value::Port(p)) => Some(*p),
        _ => None,
    };
    let orig_h: IpAddr = addr(get("orig_h"))?;
    let resp_h: IpAddr = addr(get("resp_h"))?;
    let op = port(get("orig_p"))?;
    let rp = port(get("resp_p"))?;
    let ip_proto = match get("proto") {
        Some(Value::Count(n)) if *n <= 255 => *n as u8,
        _ => match op.packet_proto() {
            Proto::Tcp => 6,
            Proto::Udp => 17,
            Proto::Icmp if orig_h.is_ipv6() => 58,
            Proto::Icmp => 1,
            Proto::Unknown => 0,
        },
    };
    Some(ConnId {
        orig_h,
        orig_p: op.num as u16,
        resp_h,
        resp_p: rp.num as u16,
        proto: op.packet_proto(),
        ip_proto,
    })
}

/// Runs `f` on the tracker and the connection `v` (a `conn_id`) names.
fn with_conn<R>(
    h: &mut dyn Host,
    v: &Value,
    f: impl FnOnce(&mut Tracker, ConnHandle) -> R,
) -> Option<R> {
    let id = conn_id(v)?;
    with_tracker(h, |tr| {
        let h = tr.find(&id)?;
        Some(f(tr, h))
    })
    .flatten()
}

fn get_bytes_threshold(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let n = with_conn(h, arg(args, 0), |tr, h| {
        tr.size_threshold(h, true, boolean(args, 1))
    });
    Ok(Value::Count(n.unwrap_or(0)))
}

fn get_packets_threshold(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let n = with_conn(h, arg(args, 0), |tr, h| {
        tr.size_threshold(h, false, boolean(args, 1))
    });
    Ok(Value::Count(n.unwrap_or(0)))
}

fn get_duration_threshold(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let d = with_conn(h, arg(args, 0), |tr, h| tr.duration_threshold(h));
    Ok(Value::Interval(d.unwrap_or(0.0)))
}

fn set_size_threshold(h: &mut dyn Host, args: &[Value], bytes: bool) -> BifResult {
    let mut out = Vec::new();
    let ok = with_conn(h, arg(args, 0), |tr, h| {
        tr.set_size_threshold(h, bytes, boolean(args, 2), count(args, 1), &mut out)
    });
    push_pending(h, out);
    Ok(Value::Bool(ok.unwrap_or(false)))
}

fn set_bytes_threshold(h: &mut dyn Host, args: &[Value]) -> BifResult {
    set_size_threshold(h, args, true)
}

fn set_packets_threshold(h: &mut dyn Host, args: &[Value]) -> BifResult {
    set_size_threshold(h, args, false)
}

fn set_duration_threshold(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut out = Vec::new();
    let ok = with_conn(h, arg(args, 0), |tr, h| {
        tr.set_duration_threshold(h, double(args, 1), &mut out)
    });
    push_pending(h, out);
    Ok(Value::Bool(ok.unwrap_or(false)))
}

// ---------- weirds ----------

/// Whether the sampler lets a weird of this name and scope through now.
fn permit(h: &mut dyn Host, name: &[u8], scope: &WeirdScope) -> bool {
    let s = super::weird::sampler(h);
    let now = h.network_time();
    let name = String::from_utf8_lossy(name);
    let ok = s.borrow_mut().permit(&name, scope, now);
    ok
}

/// Queues the event `name` if a script handles it.
fn raise(h: &mut dyn Host, name: &str, args: Vec<Value>) {
    if let Some((f @ Value::Func(_), _, _)) = h.lookup_global(name) {
        h.queue_event(&f, args);
    }
}

/// A net weird raised by a built-in, sampled as the core's are.
pub(crate) fn raise_net_weird(h: &mut dyn Host, name: &str, addl: &str) {
    if permit(h, name.as_bytes(), &WeirdScope::Net) {
        let a = vec![
            Value::str(name.as_bytes()),
            Value::str(addl.as_bytes()),
            Value::str(b""),
        ];
        raise(h, "net_weird", a);
    }
}

fn net_weird(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if permit(h, bytes(args, 0), &WeirdScope::Net) {
        let a = vec![
            arg(args, 0).clone(),
            arg(args, 1).clone(),
            arg(args, 2).clone(),
        ];
        raise(h, "net_weird", a);
    }
    Ok(Value::Bool(true))
}

fn flow_weird(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (Value::Addr(src), Value::Addr(dst)) = (arg(args, 1), arg(args, 2)) else {
        return Ok(Value::Bool(true));
    };
    let scope = WeirdScope::Flow {
        src: **src,
        dst: **dst,
    };
    if permit(h, bytes(args, 0), &scope) {
        raise(h, "flow_weird", args.iter().take(5).cloned().collect());
    }
    Ok(Value::Bool(true))
}

fn conn_weird(h: &mut dyn Host, args: &[Value]) -> BifResult {
    // Sampled per connection when the connection is tracked; a record
    // made up by a script is sampled as a net weird would be.
    let id = match arg(args, 1) {
        Value::Record(r) => {
            let r = r.borrow();
            r.ty.field_index("id")
                .and_then(|i| r.fields.get(i).cloned())
        }
        _ => None,
    };
    let handle = id.and_then(|id| with_conn(h, &id, |_, c| c));
    let scope = handle.map_or(WeirdScope::Net, WeirdScope::Conn);
    if permit(h, bytes(args, 0), &scope) {
        raise(h, "conn_weird", args.iter().take(4).cloned().collect());
    }
    Ok(Value::Bool(true))
}

// ---------- statistics ----------

fn get_conn_stats(h: &mut dyn Host, _args: &[Value]) -> BifResult {
    let s = with_tracker(h, |tr| tr.conn_stats()).unwrap_or_default();
    let c = |n: u64| Value::Count(n);
    Ok(record(
        "ConnStats",
        vec![
            ("total_conns", types::count(), c(s.total_conns)),
            ("current_conns", types::count(), c(s.current_conns)),
            ("sess_current_conns", types::count(), c(s.current_conns)),
            ("num_packets", types::count(), c(s.num_packets)),
            ("num_fragments", types::count(), c(s.num_fragments)),
            ("max_fragments", types::count(), c(s.max_fragments)),
            ("num_tcp_conns", types::count(), c(s.current[0])),
            ("max_tcp_conns", types::count(), c(s.max[0])),
            ("cumulative_tcp_conns", types::count(), c(s.cumulative[0])),
            ("num_udp_conns", types::count(), c(s.current[1])),
            ("max_udp_conns", types::count(), c(s.max[1])),
            ("cumulative_udp_conns", types::count(), c(s.cumulative[1])),
            ("num_icmp_conns", types::count(), c(s.current[2])),
            ("max_icmp_conns", types::count(), c(s.max[2])),
            ("cumulative_icmp_conns", types::count(), c(s.cumulative[2])),
            (
                "num_packets_unprocessed",
                types::count(),
                c(s.num_packets_unprocessed),
            ),
            (
                "killed_by_inactivity",
                types::count(),
                c(s.killed_by_inactivity),
            ),
        ],
    ))
}

// ---------- more about connections ----------

/// A connection weird raised by a built-in on the connection `cid`
/// names (sampled per connection), if the connection is live.
fn weird_on(h: &mut dyn Host, cid: &Value, name: &str, addl: &str, source: &str) {
    let Some(handle) = with_conn(h, cid, |_, c| c) else {
        return;
    };
    let Some(rec) = super::conn::record_for(h, cid) else {
        return;
    };
    if permit(h, name.as_bytes(), &WeirdScope::Conn(handle)) {
        raise(
            h,
            "conn_weird",
            vec![
                Value::str(name.as_bytes()),
                rec,
                Value::str(addl.as_bytes()),
                Value::str(source.as_bytes()),
            ],
        );
    }
}

/// The `id` field of a connection record.
fn conn_id_of(c: &Value) -> Option<Value> {
    let Value::Record(r) = c else { return None };
    let r = r.borrow();
    r.ty.field_index("id")
        .and_then(|i| r.fields.get(i).cloned())
}

/// The files being analyzed, by id: the engine adds each file as its
/// analysis starts and removes it when it ends (`Reporter::file_weird`
/// only reports on those).
#[derive(Default)]
pub struct LiveFiles(pub ahash::AHashSet<Vec<u8>>);

fn file_weird(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = match arg(args, 1) {
        Value::Record(r) => {
            let r = r.borrow();
            r.ty.field_index("id")
                .and_then(|i| r.fields.get(i))
                .map(|v| v.as_bytes().to_vec())
        }
        _ => None,
    };
    let Some(id) = id else {
        return Ok(Value::Bool(false));
    };
    let live = h
        .extensions()
        .get::<LiveFiles>()
        .is_some_and(|f| f.0.contains(&id));
    if !live {
        return Ok(Value::Bool(false));
    }
    let s = super::weird::sampler(h);
    let now = h.network_time();
    let name = String::from_utf8_lossy(bytes(args, 0)).into_owned();
    let ok = s.borrow_mut().permit_file(&name, &id, now);
    if ok {
        raise(h, "file_weird", args.iter().take(4).cloned().collect());
    }
    Ok(Value::Bool(true))
}

fn limit_reached_weird(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (limit, max) = (count(args, 2), count(args, 3));
    let addl = if max > 0 {
        format!("{limit} > {max}")
    } else {
        limit.to_string()
    };
    let name = String::from_utf8_lossy(bytes(args, 0)).into_owned();
    let source = String::from_utf8_lossy(bytes(args, 4)).into_owned();
    if let Some(cid) = conn_id_of(arg(args, 1)) {
        weird_on(h, &cid, &name, &addl, &source);
        with_conn(h, &cid, |tr, c| tr.analyzer_limit_reached(c));
    }
    Ok(Value::Bool(true))
}

fn get_conn_transport_proto(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let proto = with_conn(h, arg(args, 0), |tr, c| tr.conn(c).map(|c| c.id.proto)).flatten();
    let (name, n) = match proto {
        Some(Proto::Tcp) => ("tcp", 1),
        Some(Proto::Udp) => ("udp", 2),
        Some(Proto::Icmp) => ("icmp", 3),
        Some(Proto::Unknown) => ("unknown_transport", 0),
        None => {
            super::builtin_error_arg(
                h,
                "unknown connection id in get_conn_transport_proto()",
                arg(args, 0),
            );
            ("unknown_transport", 0)
        }
    };
    Ok(super::declared_enum(h, name)
        .unwrap_or_else(|| super::enum_value("transport_proto", name, n)))
}

fn set_inactivity_timeout(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let t = double(args, 1);
    let old = with_conn(h, arg(args, 0), |tr, c| tr.set_inactivity_timeout(c, t)).flatten();
    Ok(Value::Interval(old.unwrap_or(0.0)))
}

fn decode_base64_conn(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let cid = arg(args, 0);
    if with_conn(h, cid, |_, c| c).is_none() {
        super::builtin_error_arg(h, "connection ID not a known connection", cid);
        return Ok(Value::str(b""));
    }
    let Some(alpha) = super::encode::decoding_alphabet(h, bytes(args, 2)) else {
        let msg = format!(
            "error in decoding string {}",
            String::from_utf8_lossy(bytes(args, 1))
        );
        super::reporter_error(h, &msg);
        return Ok(Value::str(b""));
    };
    let (out, msgs) = super::encode::zeek_base64_decode(bytes(args, 1), &alpha);
    for m in msgs {
        weird_on(h, cid, "base64_illegal_encoding", &m, "");
    }
    match out {
        Some(v) => Ok(Value::string(v)),
        None => {
            let msg = format!(
                "error in decoding string {}",
                String::from_utf8_lossy(bytes(args, 1))
            );
            super::reporter_error(h, &msg);
            Ok(Value::str(b""))
        }
    }
}
