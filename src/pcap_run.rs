//! `rzeek -r TRACE`: runs a packet trace through the connection tracker and
//! raises Zeek's events for it.
//!
//! What this module adds on top of [`crate::packet`]:
//!
//! - one `connection` record per tracked connection, made on the first
//!   event a script handles for it and refreshed from the tracker before
//!   each later event, so that what scripts store in it (removal hooks,
//!   redef'd fields) lives until `connection_state_remove`;
//! - uids as Zeek makes them (a keyed SipHash of a per-pool counter; under
//!   `ZEEK_SEED_FILE` the same uids Zeek prints), assigned when the record
//!   is first made, as Zeek does;
//! - the record as Zeek's events see it: Zeek fills it in when an event is
//!   queued, so `new_connection` (queued before the first packet is
//!   analyzed) sees nothing counted yet, and events raised while a packet
//!   is analyzed see its packet and bytes not yet counted;
//! - Zeek's main-loop order: before each packet the script timers and the
//!   tracker's timers that are due fire in time order, network time moves
//!   to the packet, the packet's events are queued behind the timers', and
//!   the queue is drained in Zeek's rounds (events raised by handlers more
//!   than a few levels deep wait for the next packet);
//! - the end of input as Zeek does it: `Pcap::file_done`, `net_done`, the
//!   remaining script timers, then every connection is removed;
//! - weird sampling (`Weird::sampling_*`) for `conn_weird`, `flow_weird`
//!   and `net_weird`;
//! - `packet_contents` and `udp_contents`, with payloads taken from the
//!   frame.
//!
//! Per-packet events (`new_packet`, `raw_packet`, `udp_request`, ...) are
//! only generated when a script handles them.

use std::cell::RefCell;
use std::net::IpAddr;
use std::rc::Rc;

use ahash::{AHashMap, AHashSet};

use crate::bif::conn::LiveConns;
use crate::bif::conns::TraceSession;
use crate::bif::weird::Sampler;
use crate::compile::Compiler;
use crate::eval::Interp;
use crate::packet::{
    linktype, Config, ConnEvent, ConnHandle, Connection, EventMask, IcmpInfo, L3Proto, LinkEncap,
    PacketInfo, PcapReader, Proto, ThresholdKind, Tracker, WeirdScope,
};
use crate::runtime::func::FuncVal;
use crate::runtime::table::TableVal;
use crate::runtime::types::{EnumConst, RecordType, Type, TypeRef};
use crate::runtime::uid::UidGen;
use crate::runtime::value::{Port, RecordVal, Value, VectorVal};

type Rec = Rc<RefCell<RecordVal>>;

#[path = "pcap_http.rs"]
mod http;

/// Reads the trace at `path` (`-` for standard input) and raises its
/// events; the caller runs `zeek_init` before and `zeek_done` after.
/// An error is a fatal one (the trace cannot be opened), in Zeek's words.
pub fn process_trace(c: &mut Compiler, path: &str, no_checksums: bool) -> Result<(), String> {
    let mut reader = PcapReader::open(path).map_err(|e| {
        format!(
            "problem with trace file {path} ({})",
            os_msg(&e.to_string())
        )
    })?;
    process_reader(c, &mut reader, path, no_checksums)
}

/// Like [`process_trace`], for a trace already opened (the fuzz target and
/// tests read one from memory); `path` names it in messages.
pub fn process_reader(
    c: &mut Compiler,
    reader: &mut PcapReader,
    path: &str,
    no_checksums: bool,
) -> Result<(), String> {
    let mut run = Run::new(c, no_checksums)?;
    let trc = Rc::new(RefCell::new(Tracker::new(
        run.config.take().unwrap_or_default(),
    )));
    // Built-ins reach the tracker while scripts run; every borrow below
    // ends before events are drained.
    c.interp.ext.insert(TraceSession {
        tracker: trc.clone(),
        pending: Vec::new(),
    });
    let res = run_trace(c, &mut run, &trc, reader, path);
    c.interp.ext.remove::<TraceSession>();
    res
}

fn run_trace(
    c: &mut Compiler,
    run: &mut Run,
    trc: &Rc<RefCell<Tracker>>,
    reader: &mut PcapReader,
    path: &str,
) -> Result<(), String> {
    let mut evs: Vec<ConnEvent> = Vec::with_capacity(64);
    let mut first = true;
    let mut terminated = false;

    loop {
        if c.interp.check_stop() {
            return Ok(());
        }
        let pkt = match reader.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(e) => {
                c.interp.flush();
                eprintln!("error: problem with trace file {path} ({e})");
                break;
            }
        };
        let t = pkt.time();
        if first {
            first = false;
            // Timers already due (scheduled from zeek_init) fire before
            // network time is initialised, then network_time_init.
            let now = c.interp.sched.network_time;
            run.script_timers_until(c, now);
            if let Some(f) = run.ev.network_time_init.clone() {
                c.interp.queue_event(f, Vec::new());
            }
        }
        if t > c.interp.sched.network_time {
            c.interp.sched.network_time = t;
        }
        {
            let mut tr = trc.borrow_mut();
            // Script timers and connection timers up to the packet, in
            // time order. Without a script timer due, the tracker runs its
            // own timers as it takes the packet.
            while c.interp.sched.timers.peek().is_some_and(|x| x.when <= t) {
                let st = c
                    .interp
                    .sched
                    .timers
                    .peek()
                    .map(|x| x.when)
                    .filter(|&w| w <= t);
                let ct = tr.next_timer().filter(|&w| w <= t);
                match (st, ct) {
                    (Some(s), Some(k)) if s <= k => run.pop_script_timer(c),
                    (Some(_), None) => run.pop_script_timer(c),
                    (_, Some(k)) => {
                        tr.advance(k, &mut evs);
                        run.deliver(c, &tr, &mut evs, None);
                    }
                    (None, None) => break,
                }
            }
            tr.advance(t, &mut evs);
            if !evs.is_empty() {
                run.deliver(c, &tr, &mut evs, None);
            }
            tr.dispatch(&pkt, &mut evs);
            run.deliver(c, &tr, &mut evs, Some((pkt.linktype, pkt.data)));
        }
        // The drain after the packet and the main loop's: two of Zeek's
        // two-round drains. Deeper cascades wait for the next packet.
        run.drain(c, trc, 4);
        if c.interp.sched.terminating {
            // terminate(): no more input; the shutdown below still runs.
            terminated = true;
            break;
        }
    }

    // End of input, in the order of Zeek's shutdown: the source closes
    // (Pcap::file_done) within a last main-loop round, then net_done,
    // then every timer expires, then every connection is removed.
    if !terminated {
        if let Some(f) = run.ev.file_done.clone() {
            c.interp.queue_event(f, vec![Value::str(path.as_bytes())]);
        }
        run.drain(c, trc, 2);
    }
    if let Some(f) = run.ev.net_done.clone() {
        run.drain(c, trc, 2);
        if c.interp.output.exit_code.is_none() {
            let args = vec![Value::Time(c.interp.sched.network_time)];
            c.interp.dispatch_event(&f, &args);
        }
    }
    if c.interp.output.exit_code.is_some() {
        return Ok(());
    }
    run.script_timers_until(c, f64::INFINITY);
    run.drain(c, trc, 4);
    {
        let mut tr = trc.borrow_mut();
        tr.finish_timers(&mut evs);
        run.deliver(c, &tr, &mut evs, None);
        // Removal events are queued a batch at a time, as they come.
        while tr.finish_some(&mut evs, 4096) {
            run.deliver(c, &tr, &mut evs, None);
        }
        run.deliver(c, &tr, &mut evs, None);
    }
    run.drain(c, trc, 2);
    // What is still queued runs when the caller drains zeek_done.
    Ok(())
}

impl Run {
    /// Zeek's event draining: each round runs the events queued before
    /// it; what those raise waits for the next round.
    fn drain(&mut self, c: &mut Compiler, trc: &Rc<RefCell<Tracker>>, rounds: u32) {
        for _ in 0..rounds {
            if c.interp.sched.events.is_empty() || !self.run_round(c, Some(trc)) {
                return;
            }
        }
    }

    /// Runs the events queued now, one round; false once a script ended
    /// the run. With the tracker at hand, what a built-in raised (a
    /// threshold set and already crossed) is queued behind them.
    fn run_round(&mut self, c: &mut Compiler, trc: Option<&Rc<RefCell<Tracker>>>) -> bool {
        let mut batch = std::mem::take(&mut c.interp.sched.events);
        while let Some(item) = batch.pop_front() {
            if c.interp.output.exit_code.is_some() {
                c.interp.sched.events.clear();
                return false;
            }
            let args = item.dispatch(&mut c.interp);
            self.pool.take_back(args);
            let pending = c.interp.ext.get_mut::<TraceSession>();
            if let Some(trc) = trc.filter(|_| pending.is_some_and(|s| !s.pending.is_empty())) {
                let mut evs = Vec::new();
                if let Some(s) = c.interp.ext.get_mut::<TraceSession>() {
                    evs.append(&mut s.pending);
                }
                let tr = trc.borrow();
                self.deliver(c, &tr, &mut evs, None);
            }
        }
        // Keep the buffer for what this round raised.
        batch.append(&mut c.interp.sched.events);
        c.interp.sched.events = batch;
        true
    }
}

/// A queued event, run as the interpreter's own drain runs it; returns
/// the arguments.
trait Queued {
    fn dispatch(self, interp: &mut Interp) -> Vec<Value>;
}

impl Queued for (Rc<FuncVal>, Vec<Value>, f64) {
    fn dispatch(self, interp: &mut Interp) -> Vec<Value> {
        interp.sched.event_time = self.2;
        interp.dispatch_event(&self.0, &self.1);
        self.1
    }
}

/// Connection records nothing refers to any more (their last event has
/// run), kept to be filled anew: making a connection record takes a dozen
/// allocations otherwise.
struct Pool {
    conn_ty: Rc<RecordType>,
    free: Vec<Rec>,
}

impl Pool {
    const MAX: usize = 1024;

    fn take_back(&mut self, args: Vec<Value>) {
        if let [Value::Record(r)] = &args[..] {
            if Rc::strong_count(r) == 1
                && self.free.len() < Self::MAX
                && Rc::ptr_eq(&r.borrow().ty, &self.conn_ty)
            {
                self.free.push(r.clone());
            }
        }
    }
}

/// `foo: No such file or directory (os error 2)` as libpcap words it.
fn os_msg(s: &str) -> String {
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s.to_string(),
    }
}

// ---------- looking things up in the scripts ----------

fn handled(c: &Compiler, name: &str) -> Option<Rc<FuncVal>> {
    let id = c.globals.get(name)?;
    match c.interp.globals.values.get(id as usize)? {
        Value::Func(f) if !f.handlers.borrow().is_empty() => Some(f.clone()),
        _ => None,
    }
}

fn global<'a>(c: &'a Compiler, name: &str) -> Option<&'a Value> {
    let id = c.globals.get(name)?;
    c.interp
        .globals
        .values
        .get(id as usize)
        .filter(|v| !v.is_unset())
}

fn global_double(c: &Compiler, name: &str, default: f64) -> f64 {
    match global(c, name) {
        Some(Value::Interval(d) | Value::Double(d) | Value::Time(d)) => *d,
        Some(v @ (Value::Count(_) | Value::Int(_))) => v.as_double(),
        _ => default,
    }
}

fn global_count(c: &Compiler, name: &str, default: u64) -> u64 {
    match global(c, name) {
        Some(v @ (Value::Count(_) | Value::Int(_))) => v.as_count(),
        _ => default,
    }
}

fn global_bool(c: &Compiler, name: &str, default: bool) -> bool {
    match global(c, name) {
        Some(Value::Bool(b)) => *b,
        _ => default,
    }
}

/// The members of a global set (single-index).
fn global_set(c: &Compiler, name: &str) -> Vec<Value> {
    match global(c, name) {
        Some(Value::Table(t)) => t.borrow().keys(),
        _ => Vec::new(),
    }
}

fn named_type(c: &Compiler, name: &str) -> Option<TypeRef> {
    let id = c.globals.get(name)?;
    Some(c.globals.info(id).ty.clone())
}

fn record_type(c: &Compiler, name: &str) -> Option<Rc<RecordType>> {
    named_type(c, name)?.as_record().cloned()
}

fn enum_const(c: &Compiler, ty: &str, name: &str) -> Option<Rc<EnumConst>> {
    let t = named_type(c, ty)?;
    let Type::Enum(et) = &*t else { return None };
    let found = et.consts.borrow().iter().find(|k| k.name == name).cloned();
    found
}

fn field(rt: &RecordType, name: &str) -> Result<usize, String> {
    rt.field_index(name).ok_or_else(|| {
        format!(
            "type {} lacks field {name}",
            rt.name.borrow().clone().unwrap_or_default()
        )
    })
}

fn field_type(rt: &RecordType, i: usize) -> TypeRef {
    rt.fields.borrow()[i].ty.clone()
}

/// A fresh record with its `&default`s applied (all unset if one fails).
fn new_rec(interp: &mut Interp, rt: &Rc<RecordType>) -> Rec {
    match interp.new_record(rt) {
        Ok(r) => r,
        Err(e) => {
            interp.report_runtime(&e);
            let n = rt.num_fields();
            Rc::new(RefCell::new(RecordVal {
                ty: rt.clone(),
                fields: vec![Value::Unset; n],
            }))
        }
    }
}

/// Makes records of one type fast: `&default`s that are constants are
/// evaluated once, the others (aggregates, calls) per record.
struct Maker {
    ty: Rc<RecordType>,
    init: Vec<Init>,
}

enum Init {
    Unset,
    Const(Value),
    Eval(u32),
}

impl Maker {
    fn new(interp: &Interp, ty: &Rc<RecordType>) -> Maker {
        let init = ty
            .fields
            .borrow()
            .iter()
            .map(|f| match f.default {
                None => Init::Unset,
                Some(i) => match interp
                    .globals
                    .field_defaults
                    .get(i as usize)
                    .map(|e| &e.kind)
                {
                    Some(crate::runtime::ir::ExprKind::Const(v)) if is_scalar(v) => {
                        Init::Const(v.clone())
                    }
                    _ => Init::Eval(i),
                },
            })
            .collect();
        Maker {
            ty: ty.clone(),
            init,
        }
    }

    fn make(&self, interp: &mut Interp) -> Rec {
        let mut fields = Vec::with_capacity(self.init.len());
        for i in &self.init {
            fields.push(match i {
                Init::Unset => Value::Unset,
                Init::Const(v) => v.clone(),
                Init::Eval(k) => match interp.eval_field_default(*k) {
                    Ok(v) => v,
                    Err(e) => {
                        interp.report_runtime(&e);
                        Value::Unset
                    }
                },
            });
        }
        Rc::new(RefCell::new(RecordVal {
            ty: self.ty.clone(),
            fields,
        }))
    }
}

impl Maker {
    /// `old` made like new if nothing else refers to it, else a new record.
    fn obtain(&self, interp: &mut Interp, old: Value) -> Rec {
        if let Value::Record(r) = old {
            if Rc::strong_count(&r) == 1 && Rc::ptr_eq(&r.borrow().ty, &self.ty) {
                self.reset(interp, &r);
                return r;
            }
        }
        self.make(interp)
    }

    /// Sets every field as a new record has it.
    fn reset(&self, interp: &mut Interp, r: &Rec) {
        let mut rv = r.borrow_mut();
        rv.fields.resize(self.init.len(), Value::Unset);
        for (slot, i) in rv.fields.iter_mut().zip(&self.init) {
            *slot = match i {
                Init::Unset => Value::Unset,
                Init::Const(v) => v.clone(),
                Init::Eval(_) => Value::Unset,
            };
        }
        drop(rv);
        for (k, i) in self.init.iter().enumerate() {
            if let Init::Eval(d) = i {
                let v = match interp.eval_field_default(*d) {
                    Ok(v) => v,
                    Err(e) => {
                        interp.report_runtime(&e);
                        Value::Unset
                    }
                };
                r.borrow_mut().fields[k] = v;
            }
        }
    }
}

/// Values that can be shared between records without being observed.
fn is_scalar(v: &Value) -> bool {
    !matches!(
        v,
        Value::Record(_) | Value::Table(_) | Value::Vector(_) | Value::Opaque(_) | Value::Tuple(_)
    )
}

/// A record type with the positions of the fields this module fills,
/// looked up once.
struct Shape {
    ty: Rc<RecordType>,
    idx: Vec<Option<usize>>,
}

impl Shape {
    fn of(c: &Compiler, type_name: &str, fields: &[&str]) -> Option<Shape> {
        let ty = record_type(c, type_name)?;
        let idx = fields.iter().map(|f| ty.field_index(f)).collect();
        Some(Shape { ty, idx })
    }

    /// A record with `vals` (in the order of the names given to `of`;
    /// `Unset` leaves a field at its default).
    fn build(&self, interp: &mut Interp, vals: Vec<Value>) -> Value {
        let r = new_rec(interp, &self.ty);
        {
            let mut rb = r.borrow_mut();
            for (v, i) in vals.into_iter().zip(&self.idx) {
                if let (Some(i), false) = (i, v.is_unset()) {
                    if let Some(slot) = rb.fields.get_mut(*i) {
                        *slot = v;
                    }
                }
            }
        }
        Value::Record(r)
    }

    fn field_type(&self, k: usize) -> Option<TypeRef> {
        self.idx
            .get(k)
            .copied()
            .flatten()
            .map(|i| field_type(&self.ty, i))
    }
}

/// The events this module raises, each present only if a script handles it.
#[derive(Default)]
struct Events {
    new_connection: Option<Rc<FuncVal>>,
    connection_established: Option<Rc<FuncVal>>,
    connection_attempt: Option<Rc<FuncVal>>,
    partial_connection: Option<Rc<FuncVal>>,
    connection_finished: Option<Rc<FuncVal>>,
    connection_half_finished: Option<Rc<FuncVal>>,
    connection_reset: Option<Rc<FuncVal>>,
    connection_rejected: Option<Rc<FuncVal>>,
    connection_partial_close: Option<Rc<FuncVal>>,
    connection_pending: Option<Rc<FuncVal>>,
    connection_timeout: Option<Rc<FuncVal>>,
    connection_first_ack: Option<Rc<FuncVal>>,
    connection_flipped: Option<Rc<FuncVal>>,
    connection_reused: Option<Rc<FuncVal>>,
    connection_state_remove: Option<Rc<FuncVal>>,
    new_packet: Option<Rc<FuncVal>>,
    raw_packet: Option<Rc<FuncVal>>,
    udp_request: Option<Rc<FuncVal>>,
    udp_reply: Option<Rc<FuncVal>>,
    icmp_echo_request: Option<Rc<FuncVal>>,
    icmp_echo_reply: Option<Rc<FuncVal>>,
    content_gap: Option<Rc<FuncVal>>,
    conn_weird: Option<Rc<FuncVal>>,
    flow_weird: Option<Rc<FuncVal>>,
    net_weird: Option<Rc<FuncVal>>,
    unknown_protocol: Option<Rc<FuncVal>>,
    network_time_init: Option<Rc<FuncVal>>,
    net_done: Option<Rc<FuncVal>>,
    file_done: Option<Rc<FuncVal>>,
    packet_contents: Option<Rc<FuncVal>>,
    udp_contents: Option<Rc<FuncVal>>,
    conn_bytes_threshold_crossed: Option<Rc<FuncVal>>,
    conn_packets_threshold_crossed: Option<Rc<FuncVal>>,
    conn_duration_threshold_crossed: Option<Rc<FuncVal>>,
    conn_generic_packet_threshold_crossed: Option<Rc<FuncVal>>,
    rexmit_inconsistency: Option<Rc<FuncVal>>,
}

impl Events {
    fn find(c: &Compiler) -> Events {
        let h = |n: &str| handled(c, n);
        Events {
            new_connection: h("new_connection"),
            connection_established: h("connection_established"),
            connection_attempt: h("connection_attempt"),
            partial_connection: h("partial_connection"),
            connection_finished: h("connection_finished"),
            connection_half_finished: h("connection_half_finished"),
            connection_reset: h("connection_reset"),
            connection_rejected: h("connection_rejected"),
            connection_partial_close: h("connection_partial_close"),
            connection_pending: h("connection_pending"),
            connection_timeout: h("connection_timeout"),
            connection_first_ack: h("connection_first_ACK"),
            connection_flipped: h("connection_flipped"),
            connection_reused: h("connection_reused"),
            connection_state_remove: h("connection_state_remove"),
            new_packet: h("new_packet"),
            raw_packet: h("raw_packet"),
            udp_request: h("udp_request"),
            udp_reply: h("udp_reply"),
            icmp_echo_request: h("icmp_echo_request"),
            icmp_echo_reply: h("icmp_echo_reply"),
            content_gap: h("content_gap"),
            conn_weird: h("conn_weird"),
            flow_weird: h("flow_weird"),
            net_weird: h("net_weird"),
            unknown_protocol: h("unknown_protocol"),
            network_time_init: h("network_time_init"),
            net_done: h("net_done"),
            file_done: h("Pcap::file_done"),
            packet_contents: h("packet_contents"),
            udp_contents: h("udp_contents"),
            conn_bytes_threshold_crossed: h("conn_bytes_threshold_crossed"),
            conn_packets_threshold_crossed: h("conn_packets_threshold_crossed"),
            conn_duration_threshold_crossed: h("conn_duration_threshold_crossed"),
            conn_generic_packet_threshold_crossed: h("conn_generic_packet_threshold_crossed"),
            rexmit_inconsistency: h("rexmit_inconsistency"),
        }
    }

    /// The tracker's optional events: those some script handles.
    fn mask(&self) -> EventMask {
        let mut m = 0;
        let mut on = |bit: u32, f: &Option<Rc<FuncVal>>| {
            if f.is_some() {
                m |= bit;
            }
        };
        on(EventMask::NEW_PACKET, &self.new_packet);
        // packet_contents comes where new_packet does, udp_contents just
        // before udp_request / udp_reply.
        on(EventMask::NEW_PACKET, &self.packet_contents);
        on(
            EventMask::UDP_REQUEST | EventMask::UDP_REPLY,
            &self.udp_contents,
        );
        on(EventMask::RAW_PACKET, &self.raw_packet);
        on(EventMask::UDP_REQUEST, &self.udp_request);
        on(EventMask::UDP_REPLY, &self.udp_reply);
        on(EventMask::ICMP_ECHO, &self.icmp_echo_request);
        on(EventMask::ICMP_ECHO, &self.icmp_echo_reply);
        on(EventMask::CONTENT_GAP, &self.content_gap);
        on(EventMask::FIRST_ACK, &self.connection_first_ack);
        on(EventMask::PARTIAL_CLOSE, &self.connection_partial_close);
        on(EventMask::PENDING, &self.connection_pending);
        on(EventMask::UNKNOWN_PROTOCOL, &self.unknown_protocol);
        on(EventMask::TIMEOUT, &self.connection_timeout);
        on(EventMask::FLIPPED, &self.connection_flipped);
        on(EventMask::REUSED, &self.connection_reused);
        on(EventMask::REXMIT, &self.rexmit_inconsistency);
        on(
            EventMask::GENERIC_THRESHOLD,
            &self.conn_generic_packet_threshold_crossed,
        );
        EventMask(m)
    }
}

// ---------- the connection record ----------

/// Field positions in `connection`, `conn_id` and `endpoint`.
struct ConnShape {
    conn: Rc<RecordType>,
    conn_m: Maker,
    id_m: Maker,
    ep_m: Maker,
    id: usize,
    orig: usize,
    resp: usize,
    start_time: usize,
    duration: usize,
    service: usize,
    history: usize,
    uid: usize,
    vlan: Option<usize>,
    inner_vlan: Option<usize>,
    orig_h: usize,
    orig_p: usize,
    resp_h: usize,
    resp_p: usize,
    proto: Option<usize>,
    size: usize,
    state: usize,
    num_pkts: Option<usize>,
    num_bytes_ip: Option<usize>,
    flow_label: Option<usize>,
    l2_addr: Option<usize>,
}

impl ConnShape {
    fn new(c: &Compiler) -> Result<ConnShape, String> {
        let conn = record_type(c, "connection").ok_or("type connection is not declared")?;
        let id_t = record_type(c, "conn_id").ok_or("type conn_id is not declared")?;
        let ep_t = record_type(c, "endpoint").ok_or("type endpoint is not declared")?;
        Ok(ConnShape {
            id: field(&conn, "id")?,
            orig: field(&conn, "orig")?,
            resp: field(&conn, "resp")?,
            start_time: field(&conn, "start_time")?,
            duration: field(&conn, "duration")?,
            service: field(&conn, "service")?,
            history: field(&conn, "history")?,
            uid: field(&conn, "uid")?,
            vlan: conn.field_index("vlan"),
            inner_vlan: conn.field_index("inner_vlan"),
            orig_h: field(&id_t, "orig_h")?,
            orig_p: field(&id_t, "orig_p")?,
            resp_h: field(&id_t, "resp_h")?,
            resp_p: field(&id_t, "resp_p")?,
            proto: id_t.field_index("proto"),
            size: field(&ep_t, "size")?,
            state: field(&ep_t, "state")?,
            num_pkts: ep_t.field_index("num_pkts"),
            num_bytes_ip: ep_t.field_index("num_bytes_ip"),
            flow_label: ep_t.field_index("flow_label"),
            l2_addr: ep_t.field_index("l2_addr"),
            conn_m: Maker::new(&c.interp, &conn),
            id_m: Maker::new(&c.interp, &id_t),
            ep_m: Maker::new(&c.interp, &ep_t),
            conn,
        })
    }
}

/// A connection's record and the orientation it was last given.
struct Slot {
    gen: u32,
    rec: Rec,
    /// The connection's flip count when the record was last brought up
    /// to date.
    flips: u16,
    /// The recognized services already added to the record's set.
    services: u8,
}

/// The packet being delivered, to tell the events raised while Zeek's
/// analyzers still work on it: those see the connection's packet and byte
/// counts without it (Zeek's conn-size analyzer comes last).
#[derive(Clone, Copy)]
struct PktCtx {
    src: IpAddr,
    dst: IpAddr,
    sport: u16,
    dport: u16,
    /// ICMP: no ports to compare.
    icmp: bool,
    ip_len: u64,
}

impl PktCtx {
    fn of(info: &PacketInfo) -> Option<PktCtx> {
        let ip = info.ip.as_ref()?;
        let (sport, dport) = match (&info.tcp, &info.udp) {
            (Some(t), _) => (t.sport, t.dport),
            (_, Some(u)) => (u.sport, u.dport),
            _ => (0, 0),
        };
        let ip_len = if ip.v6 {
            ip.len as u64 + 40
        } else {
            ip.len as u64
        };
        Some(PktCtx {
            src: ip.src,
            dst: ip.dst,
            sport,
            dport,
            icmp: info.icmp.is_some(),
            ip_len,
        })
    }

    /// Whether the packet went from the connection's originator (`Some(true)`),
    /// from its responder, or does not belong to it.
    fn direction(&self, conn: &Connection) -> Option<bool> {
        let id = &conn.id;
        let fwd = self.src == id.orig_h && self.dst == id.resp_h;
        let rev = self.src == id.resp_h && self.dst == id.orig_h;
        if self.icmp {
            return if fwd {
                Some(true)
            } else if rev {
                Some(false)
            } else {
                None
            };
        }
        if fwd && self.sport == id.orig_p && self.dport == id.resp_p {
            Some(true)
        } else if rev && self.sport == id.resp_p && self.dport == id.orig_p {
            Some(false)
        } else {
            None
        }
    }
}

/// When, in Zeek's processing, an event takes the connection record.
#[derive(Clone, Copy)]
enum At<'a> {
    /// Before the connection's first packet is analyzed.
    Creation,
    /// While a packet is analyzed (its own packet and bytes not counted).
    During(&'a PktCtx),
    /// With everything counted.
    Now,
}

impl<'a> At<'a> {
    fn during(p: Option<&'a PktCtx>) -> At<'a> {
        p.map_or(At::Now, At::During)
    }
}

/// Which UDP payloads `udp_contents` gets (Zeek's `udp_content_*`).
#[derive(Default)]
struct UdpContents {
    ports: AHashSet<u16>,
    orig: AHashMap<u16, bool>,
    resp: AHashMap<u16, bool>,
    all_orig: bool,
    all_resp: bool,
    use_resp: bool,
}

impl UdpContents {
    fn new(c: &Compiler) -> UdpContents {
        let udp_ports = |v: &Value| match v {
            Value::Port(p) if p.packet_proto() == Proto::Udp => Some(p.num as u16),
            _ => None,
        };
        let table = |name: &str| -> AHashMap<u16, bool> {
            match global(c, name) {
                Some(Value::Table(t)) => t
                    .borrow()
                    .iter()
                    .filter_map(|(k, v)| udp_ports(k).map(|p| (p, v.as_bool())))
                    .collect(),
                _ => AHashMap::new(),
            }
        };
        UdpContents {
            ports: global_set(c, "udp_content_ports")
                .iter()
                .filter_map(udp_ports)
                .collect(),
            orig: table("udp_content_delivery_ports_orig"),
            resp: table("udp_content_delivery_ports_resp"),
            all_orig: global_bool(c, "udp_content_deliver_all_orig", false),
            all_resp: global_bool(c, "udp_content_deliver_all_resp", false),
            use_resp: global_bool(c, "udp_content_delivery_ports_use_resp", false),
        }
    }

    /// Zeek's UDP analyzer's choice.
    fn wanted(&self, sport: u16, dport: u16, conn_resp_p: u16, is_orig: bool) -> bool {
        if self.ports.contains(&dport) || self.ports.contains(&sport) {
            return true;
        }
        let p = if self.use_resp { conn_resp_p } else { dport };
        if is_orig {
            self.all_orig || self.orig.get(&p).copied().unwrap_or(false)
        } else {
            self.all_resp || self.resp.get(&p).copied().unwrap_or(false)
        }
    }
}

/// The IP payload of the packet `info` describes, found in its frame.
/// None for a packet put together from fragments, or if not found.
fn ip_payload<'a>(frame: &'a [u8], info: &PacketInfo) -> Option<&'a [u8]> {
    let ip = info.ip.as_ref()?;
    let (src, dst): (Vec<u8>, Vec<u8>) = match (ip.src, ip.dst) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (a.octets().to_vec(), b.octets().to_vec()),
        (IpAddr::V6(a), IpAddr::V6(b)) => (a.octets().to_vec(), b.octets().to_vec()),
        _ => return None,
    };
    let (ver, at) = if ip.v6 { (6, 8) } else { (4, 12) };
    let n = src.len();
    let start = (0..frame.len().min(128)).find(|&o| {
        frame.get(o).is_some_and(|b| b >> 4 == ver)
            && frame.get(o + at..o + at + n) == Some(&src[..])
            && frame.get(o + at + n..o + at + 2 * n) == Some(&dst[..])
    })?;
    if !ip.v6 {
        // The header found must be the whole datagram, not a fragment.
        let off = u16::from_be_bytes([frame[start + 6], frame[start + 7]]);
        if off & 0x3fff != 0 {
            return None;
        }
    }
    let total = if ip.v6 {
        40 + ip.len as usize
    } else {
        ip.len as usize
    };
    let end = (start + total).min(frame.len());
    frame.get(start + ip.hl as usize..end)
}

/// Weirds raised where Zeek drops the packet before counting it.
fn weird_drops_packet(name: &str) -> bool {
    matches!(
        name,
        "bad_TCP_checksum" | "bad_ICMP_checksum" | "bad_TCP_header_len" | "truncated_header"
    )
}

fn port(num: u16, proto: Proto) -> Value {
    Value::Port(Port::of_packet(num, proto))
}

fn mac(a: &[u8; 6]) -> Value {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = Vec::with_capacity(17);
    for (i, b) in a.iter().enumerate() {
        if i > 0 {
            s.push(b':');
        }
        s.push(HEX[(b >> 4) as usize]);
        s.push(HEX[(b & 15) as usize]);
    }
    Value::string(s)
}

/// Per-packet header records (`pkt_hdr`, `raw_pkt_hdr`, `icmp_info`).
struct Headers {
    ip4: Option<Shape>,
    ip6: Option<Shape>,
    tcp: Option<Shape>,
    udp: Option<Shape>,
    icmp: Option<Shape>,
    pkt: Option<Shape>,
    l2: Option<Shape>,
    raw: Option<Shape>,
    icmp_info: Option<Shape>,
    link_ethernet: Option<Rc<EnumConst>>,
    link_unknown: Option<Rc<EnumConst>>,
    l3: [Option<Rc<EnumConst>>; 4],
    string_vec: Option<TypeRef>,
}

impl Headers {
    fn new(c: &Compiler) -> Headers {
        Headers {
            ip4: Shape::of(
                c,
                "ip4_hdr",
                &[
                    "hl", "tos", "len", "id", "DF", "MF", "offset", "ttl", "p", "sum", "src", "dst",
                ],
            ),
            ip6: Shape::of(
                c,
                "ip6_hdr",
                &["class", "flow", "len", "nxt", "hlim", "src", "dst", "exts"],
            ),
            tcp: Shape::of(
                c,
                "tcp_hdr",
                &[
                    "sport", "dport", "seq", "ack", "hl", "dl", "reserved", "flags", "win",
                ],
            ),
            udp: Shape::of(c, "udp_hdr", &["sport", "dport", "ulen"]),
            icmp: Shape::of(c, "icmp_hdr", &["icmp_type"]),
            pkt: Shape::of(c, "pkt_hdr", &["ip", "ip6", "tcp", "udp", "icmp"]),
            l2: Shape::of(
                c,
                "l2_hdr",
                &[
                    "encap",
                    "len",
                    "cap_len",
                    "src",
                    "dst",
                    "vlan",
                    "vlan_pcp",
                    "vlan_dei",
                    "inner_vlan",
                    "inner_vlan_pcp",
                    "inner_vlan_dei",
                    "eth_type",
                    "proto",
                ],
            ),
            raw: Shape::of(c, "raw_pkt_hdr", &["l2", "ip", "ip6", "tcp", "udp", "icmp"]),
            icmp_info: Shape::of(c, "icmp_info", &["v6", "itype", "icode", "len", "ttl"]),
            link_ethernet: enum_const(c, "link_encap", "LINK_ETHERNET"),
            link_unknown: enum_const(c, "link_encap", "LINK_UNKNOWN"),
            l3: [
                enum_const(c, "layer3_proto", "L3_IPV4"),
                enum_const(c, "layer3_proto", "L3_IPV6"),
                enum_const(c, "layer3_proto", "L3_ARP"),
                enum_const(c, "layer3_proto", "L3_UNKNOWN"),
            ],
            string_vec: named_type(c, "string_vec"),
        }
    }

    /// The `pkt_hdr` fields: ip or ip6, then tcp, udp or icmp.
    fn layers(&self, interp: &mut Interp, info: &PacketInfo) -> [Value; 5] {
        let mut out = [
            Value::Unset,
            Value::Unset,
            Value::Unset,
            Value::Unset,
            Value::Unset,
        ];
        if let Some(ip) = &info.ip {
            let addr = |a: &IpAddr| Value::addr(*a);
            if !ip.v6 {
                if let Some(s) = &self.ip4 {
                    out[0] = s.build(
                        interp,
                        vec![
                            Value::Count(ip.hl as u64),
                            Value::Count(ip.tos as u64),
                            Value::Count(ip.len as u64),
                            Value::Count(ip.id as u64),
                            Value::Bool(ip.df),
                            Value::Bool(ip.mf),
                            Value::Count(ip.offset as u64),
                            Value::Count(ip.ttl as u64),
                            Value::Count(ip.p as u64),
                            Value::Count(ip.sum as u64),
                            addr(&ip.src),
                            addr(&ip.dst),
                        ],
                    );
                }
            } else if let Some(s) = &self.ip6 {
                let exts = match s.field_type(7) {
                    Some(ty) => Value::Vector(Rc::new(RefCell::new(VectorVal {
                        ty,
                        items: Vec::new(),
                    }))),
                    None => Value::Unset,
                };
                out[1] = s.build(
                    interp,
                    vec![
                        Value::Count(ip.tos as u64),
                        Value::Count(ip.flow_label as u64),
                        Value::Count(ip.len as u64),
                        Value::Count(ip.p as u64),
                        Value::Count(ip.ttl as u64),
                        addr(&ip.src),
                        addr(&ip.dst),
                        exts,
                    ],
                );
            }
        }
        if let (Some(t), Some(s)) = (&info.tcp, &self.tcp) {
            out[2] = s.build(
                interp,
                vec![
                    port(t.sport, Proto::Tcp),
                    port(t.dport, Proto::Tcp),
                    Value::Count(t.seq as u64),
                    Value::Count(t.ack as u64),
                    Value::Count(t.hl as u64),
                    Value::Count(t.dl as u64),
                    Value::Count(t.reserved as u64),
                    Value::Count(t.flags as u64),
                    Value::Count(t.win as u64),
                ],
            );
        }
        if let (Some(u), Some(s)) = (&info.udp, &self.udp) {
            out[3] = s.build(
                interp,
                vec![
                    port(u.sport, Proto::Udp),
                    port(u.dport, Proto::Udp),
                    Value::Count(u.ulen as u64),
                ],
            );
        }
        if let (Some(i), Some(s)) = (&info.icmp, &self.icmp) {
            out[4] = s.build(interp, vec![Value::Count(i.itype as u64)]);
        }
        out
    }

    fn pkt_hdr(&self, interp: &mut Interp, info: &PacketInfo) -> Value {
        let Some(s) = &self.pkt else {
            return Value::Unset;
        };
        let l = self.layers(interp, info);
        s.build(interp, l.to_vec())
    }

    fn raw_pkt_hdr(
        &self,
        interp: &mut Interp,
        info: &PacketInfo,
        raw: Option<(u32, &[u8])>,
    ) -> Value {
        let Some(s) = &self.raw else {
            return Value::Unset;
        };
        let l2 = match &self.l2 {
            Some(l2s) => {
                let encap = match info.encap {
                    LinkEncap::Ethernet => self.link_ethernet.clone(),
                    _ => self.link_unknown.clone(),
                };
                let l3 = match info.l3 {
                    L3Proto::Ipv4 => &self.l3[0],
                    L3Proto::Ipv6 => &self.l3[1],
                    L3Proto::Arp => &self.l3[2],
                    L3Proto::Unknown => &self.l3[3],
                };
                let tags = raw.map(|(lt, d)| vlan_tags(lt, d)).unwrap_or_default();
                let opt_enum =
                    |e: &Option<Rc<EnumConst>>| e.clone().map(Value::Enum).unwrap_or(Value::Unset);
                let tag = |i: usize, k: usize| match tags.get(i) {
                    Some(t)
                        if i == 0 && info.vlan.is_some() || i == 1 && info.inner_vlan.is_some() =>
                    {
                        match k {
                            0 => Value::Count(t.0 as u64),
                            1 => Value::Count(t.1 as u64),
                            _ => Value::Bool(t.2),
                        }
                    }
                    _ => Value::Unset,
                };
                let vlan =
                    |v: Option<u16>| v.map(|x| Value::Count(x as u64)).unwrap_or(Value::Unset);
                l2s.build(
                    interp,
                    vec![
                        opt_enum(&encap),
                        Value::Count(info.wire_len as u64),
                        Value::Count(info.cap_len as u64),
                        info.l2_src.as_ref().map(mac).unwrap_or(Value::Unset),
                        info.l2_dst.as_ref().map(mac).unwrap_or(Value::Unset),
                        vlan(info.vlan),
                        tag(0, 1),
                        tag(0, 2),
                        vlan(info.inner_vlan),
                        tag(1, 1),
                        tag(1, 2),
                        info.eth_type
                            .map(|e| Value::Count(e as u64))
                            .unwrap_or(Value::Unset),
                        opt_enum(l3),
                    ],
                )
            }
            None => Value::Unset,
        };
        let [ip, ip6, tcp, udp, icmp] = self.layers(interp, info);
        s.build(interp, vec![l2, ip, ip6, tcp, udp, icmp])
    }

    fn icmp_info(&self, interp: &mut Interp, i: &IcmpInfo) -> Value {
        match &self.icmp_info {
            Some(s) => s.build(
                interp,
                vec![
                    Value::Bool(i.v6),
                    Value::Count(i.itype as u64),
                    Value::Count(i.icode as u64),
                    Value::Count(i.len as u64),
                    Value::Count(i.ttl as u64),
                ],
            ),
            None => Value::Unset,
        }
    }
}

/// The 802.1Q tags of an Ethernet frame: (id, priority, drop eligible).
fn vlan_tags(lt: u32, d: &[u8]) -> Vec<(u16, u8, bool)> {
    let mut out = Vec::new();
    if lt != linktype::ETHERNET {
        return out;
    }
    let mut off = 12;
    while out.len() < 2 {
        let Some(b) = d.get(off..off + 4) else { break };
        let et = u16::from_be_bytes([b[0], b[1]]);
        if !matches!(et, 0x8100 | 0x88a8 | 0x9100) {
            break;
        }
        let tci = u16::from_be_bytes([b[2], b[3]]);
        out.push((tci & 0x0fff, (tci >> 13) as u8, tci & 0x1000 != 0));
        off += 4;
    }
    out
}

// ---------- the run ----------

/// Shares the values that many connections repeat (MACs, history
/// strings, addresses: a server's is in each of its connections) instead
/// of allocating each anew. They are immutable, so sharing is unseen.
#[derive(Default)]
struct Interned {
    macs: AHashMap<[u8; 6], Value>,
    histories: AHashMap<Vec<u8>, Value>,
    /// Direct-mapped by a hash of the address, filled once: a slot keeps
    /// the first address that lands in it (the frequent ones come early),
    /// since evicting means dropping a long-unused value, a cache miss on
    /// every new address of a busy trace.
    addrs: Vec<Option<(IpAddr, Value)>>,
}

impl Interned {
    const MAX: usize = 4096;

    fn mac(&mut self, m: &[u8; 6]) -> Value {
        if let Some(v) = self.macs.get(m) {
            return v.clone();
        }
        let v = mac(m);
        if self.macs.len() >= Self::MAX {
            self.macs.clear();
        }
        self.macs.insert(*m, v.clone());
        v
    }

    fn addr(&mut self, a: IpAddr) -> Value {
        if self.addrs.is_empty() {
            self.addrs.resize(Self::MAX, None);
        }
        let folded = match a {
            IpAddr::V4(v4) => u64::from(u32::from(v4)),
            IpAddr::V6(v6) => {
                let x = u128::from(v6);
                (x as u64) ^ ((x >> 64) as u64)
            }
        };
        let slot = (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % Self::MAX;
        match &self.addrs[slot] {
            Some((k, v)) if *k == a => v.clone(),
            Some(_) => Value::addr(a),
            None => {
                let v = Value::addr(a);
                self.addrs[slot] = Some((a, v.clone()));
                v
            }
        }
    }

    fn history(&mut self, h: &[u8]) -> Value {
        if let Some(v) = self.histories.get(h) {
            return v.clone();
        }
        let v = Value::str(h);
        if self.histories.len() >= Self::MAX {
            self.histories.clear();
        }
        self.histories.insert(h.to_vec(), v.clone());
        v
    }
}

struct Run {
    pool: Pool,
    udp_contents: UdpContents,
    http: http::Http,
    /// Bad checksums per connection and direction.
    chk_errors: AHashMap<(u32, u32, bool), u64>,
    interned: Interned,
    ev: Events,
    shape: ConnShape,
    hdr: Headers,
    slots: Vec<Option<Slot>>,
    uids: UidGen,
    weirds: Rc<RefCell<Sampler>>,
    config: Option<Config>,
    /// Without `-b` every connection's record (and uid) is made when the
    /// connection is, as under Zeek's default scripts.
    eager_records: bool,
}

impl Run {
    fn new(c: &mut Compiler, no_checksums: bool) -> Result<Run, String> {
        let weirds = crate::bif::weird::sampler(&mut c.interp);
        let c = &*c;
        let ev = Events::find(c);
        let http = http::Http::find(c);
        let d = Config::default();
        let eager_records = !global_bool(c, "__bare_mode", true);
        let mut likely = AHashSet::new();
        for v in global_set(c, "likely_server_ports") {
            if let Value::Port(p) = v {
                likely.insert((p.num as u16, p.packet_proto()));
            }
        }
        let config = Config {
            ignore_checksums: no_checksums || global_bool(c, "ignore_checksums", false),
            tcp_inactivity_timeout: global_double(
                c,
                "tcp_inactivity_timeout",
                d.tcp_inactivity_timeout,
            ),
            udp_inactivity_timeout: global_double(
                c,
                "udp_inactivity_timeout",
                d.udp_inactivity_timeout,
            ),
            icmp_inactivity_timeout: global_double(
                c,
                "icmp_inactivity_timeout",
                d.icmp_inactivity_timeout,
            ),
            unknown_ip_inactivity_timeout: global_double(
                c,
                "unknown_ip_inactivity_timeout",
                d.unknown_ip_inactivity_timeout,
            ),
            tcp_syn_timeout: global_double(c, "tcp_SYN_timeout", d.tcp_syn_timeout),
            tcp_session_timer: global_double(c, "tcp_session_timer", d.tcp_session_timer),
            tcp_connection_linger: global_double(
                c,
                "tcp_connection_linger",
                d.tcp_connection_linger,
            ),
            tcp_attempt_delay: global_double(c, "tcp_attempt_delay", d.tcp_attempt_delay),
            tcp_close_delay: global_double(c, "tcp_close_delay", d.tcp_close_delay),
            tcp_reset_delay: global_double(c, "tcp_reset_delay", d.tcp_reset_delay),
            tcp_partial_close_delay: global_double(
                c,
                "tcp_partial_close_delay",
                d.tcp_partial_close_delay,
            ),
            tcp_storm_thresh: global_count(c, "tcp_storm_thresh", d.tcp_storm_thresh as u64) as u32,
            tcp_storm_interarrival_thresh: global_double(
                c,
                "tcp_storm_interarrival_thresh",
                d.tcp_storm_interarrival_thresh,
            ),
            frag_timeout: global_double(c, "frag_timeout", d.frag_timeout),
            partial_connection_ok: global_bool(c, "partial_connection_ok", d.partial_connection_ok),
            tcp_syn_ack_ok: global_bool(c, "tcp_SYN_ack_ok", d.tcp_syn_ack_ok),
            likely_server_ports: likely,
            bits_per_uid: global_count(c, "bits_per_uid", 96).clamp(1, 128) as u32,
            events: EventMask(ev.mask().0 | http.mask()),
            generic_packet_thresholds: {
                let mut v: Vec<u64> = global_set(c, "ConnThreshold::generic_packet_thresholds")
                    .iter()
                    .filter_map(|v| match v {
                        Value::Count(n) if *n > 0 => Some(*n),
                        _ => None,
                    })
                    .collect();
                v.sort_unstable();
                v
            },
            ..d
        };
        let shape = ConnShape::new(c)?;
        let conn_ty = shape.conn.clone();
        Ok(Run {
            shape,
            hdr: Headers::new(c),
            uids: UidGen::new(global_count(c, "bits_per_uid", 96)),
            weirds,
            slots: Vec::new(),
            interned: Interned::default(),
            chk_errors: AHashMap::new(),
            pool: Pool {
                conn_ty,
                free: Vec::new(),
            },
            udp_contents: UdpContents::new(c),
            http,
            config: Some(config),
            ev,
            eager_records,
        })
    }

    fn pop_script_timer(&mut self, c: &mut Compiler) {
        if let Some(tm) = c.interp.sched.timers.pop() {
            // Stamped with its due time, or the time at shutdown for a
            // timer that never came due.
            let at = tm.when.min(c.interp.sched.network_time);
            c.interp.fire_timer(tm, at);
        }
    }

    /// Queues the events of the script timers due by `t`.
    fn script_timers_until(&mut self, c: &mut Compiler, t: f64) {
        while c.interp.sched.timers.peek().is_some_and(|x| x.when <= t) {
            self.pop_script_timer(c);
        }
    }

    /// The connection's record, made on first use and refreshed from the
    /// tracker.
    ///
    /// At creation, the record is as Zeek has it for events raised before
    /// the connection's first packet is analyzed (`new_connection`, a flip
    /// at creation, the first `new_packet`): nothing counted yet, history
    /// empty but for a creation flip; an existing record is left as it is.
    /// During a packet's analysis, its own packet and bytes are not
    /// counted yet.
    fn conn_val(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        at: At,
    ) -> Option<Value> {
        self.conn_val_trim(interp, tr, h, at, false)
    }

    /// `conn_val`; with `trim`, the history lacks its last letter (one the
    /// tracker added after the event Zeek raises first).
    fn conn_val_trim(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        at: At,
        trim: bool,
    ) -> Option<Value> {
        let conn = tr.conn(h)?;
        let i = h.index() as usize;
        let fresh = !matches!(self.slots.get(i), Some(Some(s)) if s.gen == h.generation());
        if fresh {
            let rec = self.make_record(interp, conn);
            interp.ext.get_or_default::<LiveConns>().register(&rec);
            if self.slots.len() <= i {
                self.slots.resize_with(i + 1, || None);
            }
            if let Some(old) = &self.slots[i] {
                interp
                    .ext
                    .get_or_default::<LiveConns>()
                    .unregister(&old.rec);
            }
            self.slots[i] = Some(Slot {
                services: 0,
                gen: h.generation(),
                rec,
                flips: conn.flips(),
            });
        }
        let sh = &self.shape;
        let slot = self.slots[i].as_mut()?;
        if let At::Creation = at {
            if fresh {
                let mut r = slot.rec.borrow_mut();
                r.fields[sh.start_time] = Value::Time(conn.start_time);
                r.fields[sh.duration] = Value::Interval(0.0);
                if conn.history.starts_with('^') {
                    r.fields[sh.history] = self.interned.history(b"^");
                }
                for k in [sh.orig, sh.resp] {
                    if let Value::Record(e) = &r.fields[k] {
                        let mut e = e.borrow_mut();
                        for f in [sh.num_pkts, sh.num_bytes_ip].into_iter().flatten() {
                            e.fields[f] = Value::Count(0);
                        }
                    }
                }
            }
            return Some(Value::Record(slot.rec.clone()));
        }
        let mut r = slot.rec.borrow_mut();
        if slot.flips != conn.flips() {
            // Roles flipped: the id in place, the endpoint records swapped.
            if let Value::Record(id) = &r.fields[sh.id] {
                let mut id = id.borrow_mut();
                id.fields[sh.orig_h] = self.interned.addr(conn.id.orig_h);
                id.fields[sh.orig_p] = port(conn.id.orig_p, conn.id.proto);
                id.fields[sh.resp_h] = self.interned.addr(conn.id.resp_h);
                id.fields[sh.resp_p] = port(conn.id.resp_p, conn.id.proto);
            }
            // After an even number of flips the endpoints are back where
            // they were; only an odd number swaps them.
            if (slot.flips ^ conn.flips()) & 1 == 1 {
                r.fields.swap(sh.orig, sh.resp);
            }
            slot.flips = conn.flips();
        }
        r.fields[sh.start_time] = Value::Time(conn.start_time);
        r.fields[sh.duration] = Value::Interval(conn.duration());
        let hist = conn.history.as_bytes();
        let hist = if trim && !hist.is_empty() {
            &hist[..hist.len() - 1]
        } else {
            hist
        };
        if r.fields[sh.history].as_bytes() != hist {
            r.fields[sh.history] = self.interned.history(hist);
        }
        // Only services recognized since the last refresh are added.
        let new = conn.services() & crate::packet::service::NAMED & !slot.services;
        if new != 0 {
            slot.services |= new;
            if let Value::Table(t) = &r.fields[sh.service] {
                for name in crate::packet::service::names(new) {
                    t.borrow_mut()
                        .insert(Value::str(name.as_bytes()), Value::Unset);
                }
            }
        }
        let sender = match at {
            At::During(p) => p.direction(conn).map(|d| (d, p.ip_len)),
            _ => None,
        };
        for (is_orig, k, ep) in [(true, sh.orig, conn.orig()), (false, sh.resp, conn.resp())] {
            if let Value::Record(e) = &r.fields[k] {
                let mut e = e.borrow_mut();
                e.fields[sh.size] = Value::Count(ep.size);
                e.fields[sh.state] = Value::Count(ep.state as u64);
                let (pkts, bytes) = match sender {
                    Some((d, len)) if d == is_orig => (
                        ep.num_pkts.saturating_sub(1),
                        ep.num_bytes_ip.saturating_sub(len),
                    ),
                    _ => (ep.num_pkts, ep.num_bytes_ip),
                };
                if let Some(f) = sh.num_pkts {
                    e.fields[f] = Value::Count(pkts);
                }
                if let Some(f) = sh.num_bytes_ip {
                    e.fields[f] = Value::Count(bytes);
                }
                if let Some(f) = sh.flow_label {
                    e.fields[f] = Value::Count(ep.flow_label as u64);
                }
            }
        }
        drop(r);
        Some(Value::Record(slot.rec.clone()))
    }

    fn make_record(&mut self, interp: &mut Interp, conn: &Connection) -> Rec {
        let sh = &self.shape;
        let interned = &mut self.interned;
        // A record from the pool, with its id and endpoint records if
        // those are free too.
        let (rec, old) = match self.pool.free.pop() {
            Some(r) => {
                let old = {
                    let mut rv = r.borrow_mut();
                    [sh.id, sh.orig, sh.resp]
                        .map(|k| std::mem::replace(&mut rv.fields[k], Value::Unset))
                };
                sh.conn_m.reset(interp, &r);
                (r, old)
            }
            None => (
                sh.conn_m.make(interp),
                [Value::Unset, Value::Unset, Value::Unset],
            ),
        };
        let [old_id, old_orig, old_resp] = old;
        let id = sh.id_m.obtain(interp, old_id);
        {
            let mut id = id.borrow_mut();
            id.fields[sh.orig_h] = interned.addr(conn.id.orig_h);
            id.fields[sh.orig_p] = port(conn.id.orig_p, conn.id.proto);
            id.fields[sh.resp_h] = interned.addr(conn.id.resp_h);
            id.fields[sh.resp_p] = port(conn.id.resp_p, conn.id.proto);
            if let Some(p) = sh.proto {
                id.fields[p] = Value::Count(conn.id.ip_proto as u64);
            }
        }
        let mut endpoint = |interp: &mut Interp, ep: crate::packet::Endpoint, old: Value| {
            let e = sh.ep_m.obtain(interp, old);
            {
                let mut e = e.borrow_mut();
                e.fields[sh.size] = Value::Count(0);
                e.fields[sh.state] = Value::Count(0);
                if let Some(f) = sh.flow_label {
                    e.fields[f] = Value::Count(ep.flow_label as u64);
                }
                if let (Some(f), Some(a)) = (sh.l2_addr, ep.l2_addr.as_ref()) {
                    if a.iter().any(|&b| b != 0) {
                        e.fields[f] = interned.mac(a);
                    }
                }
            }
            Value::Record(e)
        };
        let orig = endpoint(interp, conn.orig(), old_orig);
        let resp = endpoint(interp, conn.resp(), old_resp);
        {
            let mut r = rec.borrow_mut();
            r.fields[sh.id] = Value::Record(id);
            r.fields[sh.orig] = orig;
            r.fields[sh.resp] = resp;
            if r.fields[sh.service].is_unset() {
                let ty = field_type(&sh.conn, sh.service);
                let mut t = TableVal::new(ty);
                t.set_ordered();
                r.fields[sh.service] = Value::Table(Rc::new(RefCell::new(t)));
            }
            r.fields[sh.history] = interned.history(b"");
            r.fields[sh.uid] = Value::string(self.uids.next_uid());
            if let (Some(f), Some(v)) = (sh.vlan, conn.vlan) {
                r.fields[f] = Value::Int(v as i64);
            }
            if let (Some(f), Some(v)) = (sh.inner_vlan, conn.inner_vlan) {
                r.fields[f] = Value::Int(v as i64);
            }
        }
        rec
    }

    /// Queues `f(c, rest...)` for a connection event.
    fn conn_event(
        &mut self,
        c: &mut Compiler,
        tr: &Tracker,
        f: &Option<Rc<FuncVal>>,
        h: ConnHandle,
        at: At,
        rest: Vec<Value>,
    ) {
        let Some(f) = f else { return };
        let Some(cv) = self.conn_val(&mut c.interp, tr, h, at) else {
            return;
        };
        let mut args = Vec::with_capacity(1 + rest.len());
        args.push(cv);
        args.extend(rest);
        c.interp.queue_event(f.clone(), args);
    }

    /// Turns the tracker's events into queued script events.
    fn deliver(
        &mut self,
        c: &mut Compiler,
        tr: &Tracker,
        evs: &mut Vec<ConnEvent>,
        raw: Option<(u32, &[u8])>,
    ) {
        if evs.is_empty() {
            return;
        }
        let list = std::mem::take(evs);
        // The connection created by this packet, whose first new_packet
        // comes before its analysis too.
        let mut created: Option<ConnHandle> = None;
        let ctx = if raw.is_some() {
            PktCtx::of(tr.last_packet())
        } else {
            None
        };
        let during = ctx.as_ref();
        for (k, ev) in list.iter().enumerate() {
            use ConnEvent::*;
            let ev_f = |s: &Self, e: &ConnEvent| -> Option<Rc<FuncVal>> {
                let f = match e {
                    NewConnection(_) => &s.ev.new_connection,
                    ConnectionEstablished(_) => &s.ev.connection_established,
                    ConnectionAttempt(_) => &s.ev.connection_attempt,
                    PartialConnection(_) => &s.ev.partial_connection,
                    ConnectionFinished(_) => &s.ev.connection_finished,
                    ConnectionHalfFinished(_) => &s.ev.connection_half_finished,
                    ConnectionReset(_) => &s.ev.connection_reset,
                    ConnectionRejected(_) => &s.ev.connection_rejected,
                    ConnectionPartialClose(_) => &s.ev.connection_partial_close,
                    ConnectionPending(_) => &s.ev.connection_pending,
                    ConnectionTimeout(_) => &s.ev.connection_timeout,
                    ConnectionFirstAck(_) => &s.ev.connection_first_ack,
                    ConnectionFlipped(_) => &s.ev.connection_flipped,
                    ConnectionReused(_) => &s.ev.connection_reused,
                    ConnectionStateRemove(_) => &s.ev.connection_state_remove,
                    UdpRequest(_) => &s.ev.udp_request,
                    UdpReply(_) => &s.ev.udp_reply,
                    _ => return None,
                };
                f.clone()
            };
            match ev {
                NewConnection(h) => {
                    created = Some(*h);
                    if self.eager_records {
                        // Zeek's default scripts make every connection's
                        // record (and uid) when it is created.
                        self.conn_val(&mut c.interp, tr, *h, At::Creation);
                    }
                    let f = ev_f(self, ev);
                    self.conn_event(c, tr, &f, *h, At::Creation, Vec::new());
                }
                ConnectionFlipped(h) => {
                    // A flip when the connection is made comes just before
                    // its new_connection.
                    let at_creation = matches!(list.get(k + 1), Some(NewConnection(n)) if n == h);
                    let f = ev_f(self, ev);
                    let at = if at_creation {
                        At::Creation
                    } else {
                        At::during(during)
                    };
                    self.conn_event(c, tr, &f, *h, at, Vec::new());
                }
                ConnectionEstablished(h)
                | ConnectionAttempt(h)
                | PartialConnection(h)
                | ConnectionFinished(h)
                | ConnectionHalfFinished(h)
                | ConnectionReset(h)
                | ConnectionRejected(h)
                | ConnectionPartialClose(h)
                | ConnectionPending(h)
                | ConnectionTimeout(h)
                | ConnectionFirstAck(h) => {
                    let f = ev_f(self, ev);
                    self.conn_event(c, tr, &f, *h, At::during(during), Vec::new());
                }
                UdpRequest(h) | UdpReply(h) => {
                    if self.ev.udp_contents.is_some() {
                        self.udp_contents(c, tr, *h, matches!(ev, UdpRequest(_)), raw, during);
                    }
                    let f = ev_f(self, ev);
                    self.conn_event(c, tr, &f, *h, At::during(during), Vec::new());
                }
                ConnectionReused(h) => {
                    let f = ev_f(self, ev);
                    self.conn_event(c, tr, &f, *h, At::Now, Vec::new());
                }
                ConnectionStateRemove(h) => {
                    let f = ev_f(self, ev);
                    self.conn_event(c, tr, &f, *h, At::Now, Vec::new());
                    if let Some(s) = self.slots.get_mut(h.index() as usize) {
                        if s.as_ref().is_some_and(|s| s.gen == h.generation()) {
                            if let Some(gone) = s.take() {
                                c.interp
                                    .ext
                                    .get_or_default::<LiveConns>()
                                    .unregister(&gone.rec);
                            }
                        }
                    }
                    self.weirds.borrow_mut().forget(*h);
                    if !self.chk_errors.is_empty() {
                        self.chk_errors
                            .retain(|k, _| (k.0, k.1) != (h.index(), h.generation()));
                    }
                }
                NewPacket(h) => {
                    if self.ev.new_packet.is_some() {
                        let p = self.hdr.pkt_hdr(&mut c.interp, tr.last_packet());
                        let f = self.ev.new_packet.clone();
                        let first = created == Some(*h);
                        let at = if first {
                            At::Creation
                        } else {
                            At::during(during)
                        };
                        self.conn_event(c, tr, &f, *h, at, vec![p]);
                    }
                    if self.ev.packet_contents.is_some() {
                        let at = if created == Some(*h) {
                            At::Creation
                        } else {
                            At::during(during)
                        };
                        self.packet_contents(c, tr, *h, raw, at);
                    }
                }
                RawPacket => {
                    if let Some(f) = self.ev.raw_packet.clone() {
                        let p = self.hdr.raw_pkt_hdr(&mut c.interp, tr.last_packet(), raw);
                        c.interp.queue_event(f, vec![p]);
                    }
                }
                IcmpEchoRequest {
                    conn,
                    info,
                    id,
                    seq,
                    payload,
                }
                | IcmpEchoReply {
                    conn,
                    info,
                    id,
                    seq,
                    payload,
                } => {
                    let f = if matches!(ev, IcmpEchoRequest { .. }) {
                        self.ev.icmp_echo_request.clone()
                    } else {
                        self.ev.icmp_echo_reply.clone()
                    };
                    if f.is_some() {
                        let i = self.hdr.icmp_info(&mut c.interp, info);
                        let rest = vec![
                            i,
                            Value::Count(*id as u64),
                            Value::Count(*seq as u64),
                            Value::str(payload),
                        ];
                        self.conn_event(c, tr, &f, *conn, At::during(during), rest);
                    }
                }
                ContentGap {
                    conn,
                    is_orig,
                    seq,
                    len,
                } => {
                    let f = self.ev.content_gap.clone();
                    let rest = vec![
                        Value::Bool(*is_orig),
                        Value::Count(*seq),
                        Value::Count(*len),
                    ];
                    self.conn_event(c, tr, &f, *conn, At::during(during), rest);
                }
                Weird { name, addl, scope } => self.weird(c, tr, name, addl, scope, during),
                Http { conn, ev } => self.http_event(c, tr, *conn, ev, At::during(during)),
                RexmitInconsistency {
                    conn,
                    old,
                    new,
                    flags,
                } => {
                    let f = self.ev.rexmit_inconsistency.clone();
                    let rest = vec![
                        Value::str(old),
                        Value::str(new),
                        Value::str(flags.as_bytes()),
                    ];
                    self.conn_event(c, tr, &f, *conn, At::during(during), rest);
                }
                Threshold {
                    conn,
                    kind,
                    threshold,
                    is_orig,
                } => {
                    // The conn-size analyzer has counted the packet.
                    let (f, t) = match kind {
                        ThresholdKind::Bytes => (
                            self.ev.conn_bytes_threshold_crossed.clone(),
                            Value::Count(*threshold),
                        ),
                        ThresholdKind::Packets => (
                            self.ev.conn_packets_threshold_crossed.clone(),
                            Value::Count(*threshold),
                        ),
                        ThresholdKind::Duration(d) => (
                            self.ev.conn_duration_threshold_crossed.clone(),
                            Value::Interval(*d),
                        ),
                        ThresholdKind::GenericPackets => (
                            self.ev.conn_generic_packet_threshold_crossed.clone(),
                            Value::Count(*threshold),
                        ),
                    };
                    let rest = if *kind == ThresholdKind::GenericPackets {
                        vec![t]
                    } else {
                        vec![t, Value::Bool(*is_orig)]
                    };
                    self.conn_event(c, tr, &f, *conn, At::Now, rest);
                }
                UnknownProtocol {
                    analyzer,
                    protocol,
                    first_bytes,
                } => {
                    if let Some(f) = self.ev.unknown_protocol.clone() {
                        let mut hist = vec![Value::str(b"ETHERNET")];
                        if *analyzer != "ETHERNET" {
                            hist = vec![Value::str(analyzer.as_bytes())];
                        }
                        let hv = match &self.hdr.string_vec {
                            Some(ty) => Value::Vector(Rc::new(RefCell::new(VectorVal {
                                ty: ty.clone(),
                                items: hist,
                            }))),
                            None => Value::Unset,
                        };
                        let args = vec![
                            Value::str(analyzer.as_bytes()),
                            Value::Count(*protocol as u64),
                            Value::str(first_bytes),
                            hv,
                        ];
                        c.interp.queue_event(f, args);
                    }
                }
            }
        }
        let mut list = list;
        list.clear();
        *evs = list;
    }

    /// `packet_contents(c, payload)`: the transport payload of a packet
    /// that has one.
    fn packet_contents(
        &mut self,
        c: &mut Compiler,
        tr: &Tracker,
        h: ConnHandle,
        raw: Option<(u32, &[u8])>,
        at: At,
    ) {
        let info = tr.last_packet();
        let Some(pl) = raw.and_then(|(_, frame)| ip_payload(frame, info)) else {
            return;
        };
        let data = if let Some(t) = &info.tcp {
            pl.get(t.hl as usize..)
        } else if info.udp.is_some() || info.icmp.is_some() {
            pl.get(8..)
        } else {
            Some(pl)
        };
        let Some(data) = data.filter(|d| !d.is_empty()) else {
            return;
        };
        let f = self.ev.packet_contents.clone();
        self.conn_event(c, tr, &f, h, at, vec![Value::str(data)]);
    }

    /// `udp_contents(u, is_orig, payload)` when Zeek's settings ask for it.
    fn udp_contents(
        &mut self,
        c: &mut Compiler,
        tr: &Tracker,
        h: ConnHandle,
        is_orig: bool,
        raw: Option<(u32, &[u8])>,
        during: Option<&PktCtx>,
    ) {
        let info = tr.last_packet();
        let (Some(u), Some(conn)) = (&info.udp, tr.conn(h)) else {
            return;
        };
        if !self
            .udp_contents
            .wanted(u.sport, u.dport, conn.id.resp_p, is_orig)
        {
            return;
        }
        let Some(pl) = raw.and_then(|(_, frame)| ip_payload(frame, info)) else {
            return;
        };
        let data = pl.get(8..).unwrap_or(&[]);
        let f = self.ev.udp_contents.clone();
        self.conn_event(
            c,
            tr,
            &f,
            h,
            At::during(during),
            vec![Value::Bool(is_orig), Value::str(data)],
        );
    }

    fn weird(
        &mut self,
        c: &mut Compiler,
        tr: &Tracker,
        name: &'static str,
        addl: &str,
        scope: &WeirdScope,
        pkt: Option<&PktCtx>,
    ) {
        // A bad checksum puts 'C' or 'c' in the history at the 1st, 10th,
        // 100th ... time, after Zeek has raised the weird.
        let mut trim = false;
        if let (WeirdScope::Conn(h), "bad_TCP_checksum" | "bad_UDP_checksum", Some(p)) =
            (scope, name, pkt)
        {
            if let Some(is_orig) = tr.conn(*h).and_then(|conn| p.direction(conn)) {
                let n = self
                    .chk_errors
                    .entry((h.index(), h.generation(), is_orig))
                    .or_insert(0);
                *n += 1;
                let mut k = *n;
                while k.is_multiple_of(10) {
                    k /= 10;
                }
                trim = k == 1;
            }
        }
        if !self
            .weirds
            .borrow_mut()
            .permit(name, scope, c.interp.sched.network_time)
        {
            return;
        }
        let during = pkt.filter(|_| !weird_drops_packet(name));
        let n = Value::str(name.as_bytes());
        let a = Value::str(addl.as_bytes());
        let src = Value::str(b"");
        match scope {
            WeirdScope::Net => {
                if let Some(f) = self.ev.net_weird.clone() {
                    c.interp.queue_event(f, vec![n, a, src]);
                }
            }
            WeirdScope::Flow { src: s, dst } => {
                if let Some(f) = self.ev.flow_weird.clone() {
                    c.interp
                        .queue_event(f, vec![n, Value::addr(*s), Value::addr(*dst), a, src]);
                }
            }
            WeirdScope::Conn(h) => {
                // Zeek builds the connection record (and so its uid) for
                // every weird that passes sampling, handled or not.
                let Some(cv) = self.conn_val_trim(&mut c.interp, tr, *h, At::during(during), trim)
                else {
                    return;
                };
                if let Some(f) = self.ev.conn_weird.clone() {
                    c.interp.queue_event(f, vec![n, cv, a, src]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vlan_tag_fields() {
        let mut f = vec![0u8; 12];
        f.extend_from_slice(&[0x81, 0x00, 0xa0, 0x7b, 0x08, 0x00]);
        assert_eq!(vlan_tags(linktype::ETHERNET, &f), vec![(123, 5, false)]);
    }
}
