//! The built-ins of the Cluster and Broker frameworks for a process that
//! is not part of a cluster.
//!
//! rzeek runs with Zeek's default cluster backend, `CLUSTER_BACKEND_NONE`:
//! events can be made and published, and topics subscribed, but nothing
//! leaves the process and nothing arrives. That is what Zeek does without
//! a cluster: publishing with no peer is a success that sends nothing
//! (Zeek never delivers a node's own published events back to it), and
//! subscribing records the topic. The arguments are checked as Zeek
//! checks them, so a script's mistakes show here as they would in a
//! cluster. Listening or peering needs a backend rzeek does not have yet:
//! those fail with a runtime error that says so.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use super::{arg, builtin_error, opaque, record_of, string_value, vector, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::Opaque;
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::FuncKind;

/// What this process knows of the cluster: its endpoint id and the
/// topic prefixes it subscribed to.
#[derive(Default)]
pub struct ClusterState {
    node_id: Option<String>,
    subscriptions: BTreeSet<Vec<u8>>,
}

/// This endpoint's id, made once per run in the form of Broker's (a
/// UUID), from the run's random source so seeded runs repeat it.
fn node_id(h: &mut dyn Host) -> String {
    if let Some(id) = h
        .extensions()
        .get_or_default::<ClusterState>()
        .node_id
        .clone()
    {
        return id;
    }
    let (a, b) = (h.random(), h.random());
    let id = format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    );
    h.extensions().get_or_default::<ClusterState>().node_id = Some(id.clone());
    id
}

/// Zeek's short description of a value's type, as in its messages.
fn type_text(v: &Value) -> String {
    types::type_of(v).to_string()
}

/// The arguments of an event checked against its parameters as Zeek's
/// cluster layer checks them; `None` after reporting the mismatch.
fn check_event_args(h: &mut dyn Host, ev: &Value, args: &[Value]) -> Option<Vec<Value>> {
    let Value::Func(f) = ev else {
        return None;
    };
    let Type::Func(ft) = &*f.ty else {
        return None;
    };
    if ft.kind != FuncKind::Event {
        let flavor = match ft.kind {
            FuncKind::Hook => "hook",
            _ => "function",
        };
        h.report(
            "error",
            &format!("unexpected function type for {}: {flavor}", f.name),
        );
        return None;
    }
    if args.len() != ft.params.len() {
        h.report(
            "error",
            &format!(
                "bad number of arguments for {}: got {}, expect {}",
                f.name,
                args.len(),
                ft.params.len()
            ),
        );
        return None;
    }
    for (i, (a, p)) in args.iter().zip(&ft.params).enumerate() {
        if !fits(a, &p.ty) {
            h.report(
                "error",
                &format!(
                    "event parameter #{} type mismatch, got {}, expecting {}",
                    i + 1,
                    type_text(a),
                    p.ty
                ),
            );
            return None;
        }
    }
    Some(args.to_vec())
}

/// Whether a value may be passed where `expected` is declared: its type
/// is the same, or it is an empty table or set constructor of the right
/// kind, which takes the declared type.
fn fits(v: &Value, expected: &TypeRef) -> bool {
    let got = types::type_of(v);
    if types::same_type(&got, expected) {
        return true;
    }
    match (v, &**expected) {
        (Value::Table(t), Type::Table(want)) => {
            let t = t.borrow();
            let is_set = |ty: &Type| matches!(ty, Type::Table(tt) if tt.yield_.is_none());
            t.is_empty() && is_set(&t.ty) == want.yield_.is_none()
        }
        _ => false,
    }
}

/// `Cluster::Event` for an event and its arguments.
fn cluster_event(h: &mut dyn Host, ev: Value, args: Vec<Value>) -> Value {
    let any_vec = Rc::new(Type::Vector(types::any()));
    let args = vector(any_vec, args);
    record_of(h, "Cluster::Event", vec![("ev", ev), ("args", args)])
}

/// The name of a record value's type, if it has one.
fn record_type_name(v: &Value) -> Option<String> {
    match v {
        Value::Record(r) => r.borrow().ty.name.borrow().clone(),
        _ => None,
    }
}

/// Publishing as Zeek's cluster layer does: an event with its arguments,
/// a `Cluster::Event`, or (on the Broker backend only) a `Broker::Event`.
/// With no peer, a well-formed message is a success that goes nowhere.
fn publish(h: &mut dyn Host, topic: &Value, args: &[Value], backend_is_broker: bool) -> BifResult {
    let Some(first) = args.first() else {
        builtin_error(h, "no event arguments given");
        return Ok(Value::Bool(false));
    };
    if !matches!(topic, Value::String(_)) {
        builtin_error(h, "topic is not a string");
        return Ok(Value::Bool(false));
    }
    match first {
        Value::Func(_) => Ok(Value::Bool(
            check_event_args(h, first, &args[1..]).is_some(),
        )),
        Value::Record(_) => match record_type_name(first).as_deref() {
            Some("Cluster::Event") => Ok(Value::Bool(true)),
            Some("Broker::Event") if backend_is_broker => Ok(Value::Bool(true)),
            Some("Broker::Event") => {
                builtin_error(
                    h,
                    "Publish of Broker::Event record instance with type 'Broker::Event' to a non-Broker backend",
                );
                Ok(Value::Bool(false))
            }
            _ => {
                let msg = format!("Publish of unknown record type '{}'", type_text(first));
                builtin_error(h, &msg);
                Ok(Value::Bool(false))
            }
        },
        other => {
            let msg = format!(
                "expected function or record as first argument, got {}",
                type_text(other)
            );
            builtin_error(h, &msg);
            Ok(Value::Bool(false))
        }
    }
}

fn cluster_publish(h: &mut dyn Host, args: &[Value]) -> BifResult {
    publish(h, arg(args, 0), args.get(1..).unwrap_or(&[]), false)
}

fn broker_publish(h: &mut dyn Host, args: &[Value]) -> BifResult {
    publish(h, arg(args, 0), args.get(1..).unwrap_or(&[]), true)
}

fn cluster_make_event(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(first) = args.first() else {
        builtin_error(h, "not enough arguments");
        return Ok(record_of(h, "Cluster::Event", vec![]));
    };
    if !matches!(first, Value::Func(_)) {
        let msg = format!("got non-event type '{}'", type_text(first));
        builtin_error(h, &msg);
        return Ok(record_of(h, "Cluster::Event", vec![]));
    }
    match check_event_args(h, first, &args[1..]) {
        Some(checked) => Ok(cluster_event(h, first.clone(), checked)),
        None => Ok(record_of(h, "Cluster::Event", vec![])),
    }
}

/// `Broker::make_event`: the event's name and its arguments, each kept as
/// a `Broker::Data`.
fn broker_make_event(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(Value::Func(f)) = args.first() else {
        let got = args.first().map(type_text).unwrap_or_default();
        builtin_error(h, &format!("got non-event type '{got}'"));
        return Ok(record_of(h, "Broker::Event", vec![]));
    };
    let Some(checked) = check_event_args(h, &args[0], &args[1..]) else {
        return Ok(record_of(h, "Broker::Event", vec![]));
    };
    let name = string_value(f.name.as_bytes());
    let data: Vec<Value> = checked
        .into_iter()
        .map(|v| {
            record_of(
                h,
                "Broker::Data",
                vec![("data", opaque(Opaque::BrokerData(v)))],
            )
        })
        .collect();
    let data_ty = super::declared_type(h, "Broker::Data").unwrap_or_else(types::any);
    let data = vector(Rc::new(Type::Vector(data_ty)), data);
    Ok(record_of(
        h,
        "Broker::Event",
        vec![("name", name), ("args", data)],
    ))
}

/// `publish_rr` / `publish_hrw`: the pool's script function picks the
/// topic (`Cluster::rr_topic`, `Cluster::hrw_topic`); with no node alive
/// in the pool there is none, and nothing is published.
fn publish_to_pool(h: &mut dyn Host, args: &[Value], chooser: &str) -> BifResult {
    let Some((f, _, false)) = h.lookup_global(chooser) else {
        return Err(format!(
            "{chooser} is not defined: load base/frameworks/cluster"
        ));
    };
    let topic = h.call_value(&f, vec![arg(args, 0).clone(), arg(args, 1).clone()])?;
    if topic.as_bytes().is_empty() {
        return Ok(Value::Bool(false));
    }
    publish(h, &topic, args.get(2..).unwrap_or(&[]), false)
}

fn publish_rr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    publish_to_pool(h, args, "Cluster::rr_topic")
}

fn publish_hrw(h: &mut dyn Host, args: &[Value]) -> BifResult {
    publish_to_pool(h, args, "Cluster::hrw_topic")
}

fn subscribe(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let topic = arg(args, 0).as_bytes().to_vec();
    let st = h.extensions().get_or_default::<ClusterState>();
    st.subscriptions.insert(topic);
    Ok(Value::Bool(true))
}

fn unsubscribe(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let topic = arg(args, 0).as_bytes();
    let st = h.extensions().get_or_default::<ClusterState>();
    // Zeek's backends answer T whether or not the topic was subscribed.
    st.subscriptions.remove(topic);
    Ok(Value::Bool(true))
}

fn backend_init(h: &mut dyn Host, _: &[Value]) -> BifResult {
    // The None backend has nothing to start.
    node_id(h);
    Ok(Value::Bool(true))
}

fn no_backend(what: &str) -> String {
    format!("rzeek does not support {what} yet: it runs as a single process, with Zeek's None cluster backend")
}

fn listen_websocket(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err(no_backend("Cluster::listen_websocket"))
}

fn broker_listen(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err(no_backend("Broker::listen"))
}

fn broker_peer(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Err(no_backend("Broker::peer"))
}

/// Unpeering from, or asking about, a peer: there is none.
fn no_peer(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(false))
}

fn broker_node_id(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(string_value(node_id(h)))
}

fn broker_peers(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let ty = super::declared_type(h, "Broker::PeerInfos")
        .unwrap_or_else(|| Rc::new(Type::Vector(types::any())));
    Ok(Value::Vector(Rc::new(RefCell::new(
        crate::runtime::value::VectorVal {
            ty,
            items: Vec::new(),
        },
    ))))
}

fn broker_peering_stats(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let stats = super::declared_type(h, "BrokerPeeringStats").unwrap_or_else(types::any);
    let ty = types::table_of(vec![types::string()], stats);
    Ok(Value::Table(Rc::new(RefCell::new(
        crate::runtime::table::TableVal::new(ty),
    ))))
}

/// Logs batched for peers: none are.
fn broker_flush_logs(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Count(0))
}

/// `Broker::publish_id`: with no peer there is nobody to send it to,
/// which Broker counts as done.
fn broker_publish_id(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(true))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "Cluster::publish",
        sig: "function(topic: string, ...): bool",
        func: cluster_publish,
    },
    BifDef {
        name: "Cluster::make_event",
        sig: "function(...): Cluster::Event",
        func: cluster_make_event,
    },
    BifDef {
        name: "Cluster::__subscribe",
        sig: "function(topic_prefix: string): bool",
        func: subscribe,
    },
    BifDef {
        name: "Cluster::__unsubscribe",
        sig: "function(topic_prefix: string): bool",
        func: unsubscribe,
    },
    BifDef {
        name: "Cluster::Backend::__init",
        sig: "function(nid: string): bool",
        func: backend_init,
    },
    BifDef {
        name: "Cluster::publish_rr",
        sig: "function(pool: Cluster::Pool, key: string, ...): bool",
        func: publish_rr,
    },
    BifDef {
        name: "Cluster::publish_hrw",
        sig: "function(pool: Cluster::Pool, key: any, ...): bool",
        func: publish_hrw,
    },
    BifDef {
        name: "Cluster::__listen_websocket",
        sig: "function(options: Cluster::WebSocketServerOptions): bool",
        func: listen_websocket,
    },
    BifDef {
        name: "Broker::make_event",
        sig: "function(...): Broker::Event",
        func: broker_make_event,
    },
    BifDef {
        name: "Broker::publish",
        sig: "function(topic: string, ...): bool",
        func: broker_publish,
    },
    BifDef {
        name: "Broker::__flush_logs",
        sig: "function(): count",
        func: broker_flush_logs,
    },
    BifDef {
        name: "Broker::__publish_id",
        sig: "function(topic: string, id: string): bool",
        func: broker_publish_id,
    },
    BifDef {
        name: "Broker::__subscribe",
        sig: "function(topic_prefix: string): bool",
        func: subscribe,
    },
    BifDef {
        name: "Broker::__forward",
        sig: "function(topic_prefix: string): bool",
        func: subscribe,
    },
    BifDef {
        name: "Broker::__unsubscribe",
        sig: "function(topic_prefix: string): bool",
        func: unsubscribe,
    },
    BifDef {
        name: "Broker::__listen",
        sig: "function(a: string, p: port): port",
        func: broker_listen,
    },
    BifDef {
        name: "Broker::__peer",
        sig: "function(a: string, p: port, retry: interval): bool",
        func: broker_peer,
    },
    BifDef {
        name: "Broker::__peer_no_retry",
        sig: "function(a: string, p: port): bool",
        func: broker_peer,
    },
    BifDef {
        name: "Broker::__unpeer",
        sig: "function(a: string, p: port): bool",
        func: no_peer,
    },
    BifDef {
        name: "Broker::__is_outbound_peering",
        sig: "function(a: string, p: port): bool",
        func: no_peer,
    },
    BifDef {
        name: "Broker::__peers",
        sig: "function(): Broker::PeerInfos",
        func: broker_peers,
    },
    BifDef {
        name: "Broker::__node_id",
        sig: "function(): string",
        func: broker_node_id,
    },
    BifDef {
        name: "Broker::__peering_stats",
        sig: "function(): table[string] of BrokerPeeringStats",
        func: broker_peering_stats,
    },
    // The public functions, declared with their defaults and
    // documentation by broker/main.zeek's prototypes.
    BifDef {
        name: "Broker::listen",
        sig: "function(a: string &default=Broker::default_listen_address, p: port &default=Broker::default_port, retry: interval &default=Broker::default_listen_retry): port",
        func: broker_listen,
    },
    BifDef {
        name: "Broker::peer",
        sig: "function(a: string, p: port &default=Broker::default_port, retry: interval &default=Broker::default_connect_retry): bool",
        func: broker_peer,
    },
    BifDef {
        name: "Broker::unpeer",
        sig: "function(a: string, p: port): bool",
        func: no_peer,
    },
    BifDef {
        name: "Broker::is_outbound_peering",
        sig: "function(a: string, p: port): bool",
        func: no_peer,
    },
    BifDef {
        name: "Broker::peers",
        sig: "function(): Broker::PeerInfos",
        func: broker_peers,
    },
    BifDef {
        name: "Broker::node_id",
        sig: "function(): string",
        func: broker_node_id,
    },
    BifDef {
        name: "Broker::peering_stats",
        sig: "function(): table[string] of BrokerPeeringStats",
        func: broker_peering_stats,
    },
    BifDef {
        name: "Broker::flush_logs",
        sig: "function(): count",
        func: broker_flush_logs,
    },
    BifDef {
        name: "Broker::publish_id",
        sig: "function(topic: string, id: string): bool",
        func: broker_publish_id,
    },
    BifDef {
        name: "Broker::subscribe",
        sig: "function(topic_prefix: string): bool",
        func: subscribe,
    },
    BifDef {
        name: "Broker::unsubscribe",
        sig: "function(topic_prefix: string): bool",
        func: unsubscribe,
    },
    BifDef {
        name: "Broker::forward",
        sig: "function(topic_prefix: string): bool",
        func: subscribe,
    },
    BifDef {
        name: "Cluster::listen_websocket",
        sig: "function(options: Cluster::WebSocketServerOptions): bool",
        func: listen_websocket,
    },
];
