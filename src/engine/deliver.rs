//! Delivering the tracker's findings: each `ConnEvent` becomes the script
//! event Zeek raises for it, queued with its arguments and the connection
//! record as that event sees it. Events no script handles are skipped
//! here (or never computed: see the tracker's event mask).

use std::cell::RefCell;
use std::rc::Rc;

use super::packet_ctx::{At, PktCtx};
use super::Run;
use crate::eval::Interp;
use crate::packet::{ConnEvent, ConnHandle, ThresholdKind, Tracker};
use crate::runtime::func::FuncVal;
use crate::runtime::value::{Value, VectorVal};

/// What the events being delivered share.
struct Batch<'a> {
    /// The packet they come from (its link type and frame); none for the
    /// events of timers and of the end of input.
    raw: Option<(u32, &'a [u8])>,
    /// That packet, to tell the events raised during its analysis.
    during: Option<&'a PktCtx>,
    /// The connection the packet created, whose first `new_packet` also
    /// comes before the analysis.
    created: Option<ConnHandle>,
}

impl Run {
    /// Turns the tracker's events into queued script events; `evs` is
    /// left empty (its buffer kept). `raw`: the packet they come from.
    pub(super) fn deliver(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        evs: &mut Vec<ConnEvent>,
        raw: Option<(u32, &[u8])>,
    ) {
        if evs.is_empty() {
            return;
        }
        let mut list = std::mem::take(evs);
        let ctx = if raw.is_some() {
            PktCtx::of(tr.last_packet())
        } else {
            None
        };
        let mut batch = Batch {
            raw,
            during: ctx.as_ref(),
            created: None,
        };
        for (k, ev) in list.iter().enumerate() {
            self.deliver_one(interp, tr, ev, list.get(k + 1), &mut batch);
        }
        list.clear();
        *evs = list;
    }

    /// One tracker event; `next` is the one after it.
    fn deliver_one(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        ev: &ConnEvent,
        next: Option<&ConnEvent>,
        batch: &mut Batch,
    ) {
        use ConnEvent::*;
        let during = At::during(batch.during);
        match ev {
            NewConnection(h) => {
                batch.created = Some(*h);
                if self.eager_records {
                    // Zeek's default scripts make every connection's
                    // record (and uid) when it is created.
                    self.conns.get(interp, tr, *h, At::Creation);
                }
                self.state_change(interp, tr, ev, *h, At::Creation);
            }
            ConnectionFlipped(h) => {
                // A flip when the connection is made comes just before
                // its new_connection.
                let at_creation = matches!(next, Some(NewConnection(n)) if n == h);
                let at = if at_creation { At::Creation } else { during };
                self.state_change(interp, tr, ev, *h, at);
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
            | ConnectionFirstAck(h) => self.state_change(interp, tr, ev, *h, during),
            UdpRequest(h) | UdpReply(h) => {
                if self.ev.udp_contents.is_some() {
                    let is_orig = matches!(ev, UdpRequest(_));
                    self.udp_contents(interp, tr, *h, is_orig, batch.raw, batch.during);
                }
                self.state_change(interp, tr, ev, *h, during);
            }
            ConnectionReused(h) => self.state_change(interp, tr, ev, *h, At::Now),
            ConnectionStateRemove(h) => self.state_remove(interp, tr, *h),
            NewPacket(h) => self.new_packet(interp, tr, *h, batch),
            RawPacket => {
                if let Some(f) = self.ev.raw_packet.clone() {
                    let p = self.hdr.raw_pkt_hdr(interp, tr.last_packet(), batch.raw);
                    interp.queue_event(f, vec![p]);
                }
            }
            IcmpEchoRequest { .. } | IcmpEchoReply { .. } => self.icmp_echo(interp, tr, ev, during),
            Icmp { conn, msg } => self.icmp_message(interp, tr, *conn, msg, during),
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
                self.conn_event(interp, tr, f, *conn, during, rest);
            }
            Weird {
                name,
                addl,
                scope,
                drops_packet,
                history_after,
            } => {
                // A packet dropped at the weird was never counted.
                let during = batch.during.filter(|_| !drops_packet);
                self.weird(interp, tr, name, addl, scope, during, *history_after);
            }
            Http { conn, ev } => self.http_event(interp, tr, *conn, ev, during),
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
                self.conn_event(interp, tr, f, *conn, during, rest);
            }
            Threshold {
                conn,
                kind,
                threshold,
                is_orig,
            } => self.threshold_crossed(interp, tr, *conn, *kind, *threshold, *is_orig),
            UnknownProtocol {
                analyzer,
                protocol,
                first_bytes,
            } => self.unknown_protocol(interp, analyzer, *protocol, first_bytes),
        }
    }

    /// Queues `f(c, rest...)` for a connection event, if `f` is handled.
    pub(super) fn conn_event(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        f: Option<Rc<FuncVal>>,
        h: ConnHandle,
        at: At,
        rest: Vec<Value>,
    ) {
        let Some(f) = f else { return };
        let Some(cv) = self.conns.get(interp, tr, h, at) else {
            return;
        };
        let mut args = Vec::with_capacity(1 + rest.len());
        args.push(cv);
        args.extend(rest);
        interp.queue_event(f, args);
    }

    /// An event that passes only the connection: one of its state
    /// changes (`new_connection`, `connection_established`, ...).
    fn state_change(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        ev: &ConnEvent,
        h: ConnHandle,
        at: At,
    ) {
        let f = self.ev.for_state_change(ev);
        self.conn_event(interp, tr, f, h, at, Vec::new());
    }

    /// `connection_state_remove`, the connection's last event: what the
    /// engine kept for it goes.
    fn state_remove(&mut self, interp: &mut Interp, tr: &Tracker, h: ConnHandle) {
        let f = self.ev.connection_state_remove.clone();
        self.conn_event(interp, tr, f, h, At::Now, Vec::new());
        self.conns.remove(interp, h);
        self.weirds.forget(h);
    }

    /// `new_packet` and `packet_contents`, which come before the
    /// packet's analysis.
    fn new_packet(&mut self, interp: &mut Interp, tr: &Tracker, h: ConnHandle, batch: &Batch) {
        let at = if batch.created == Some(h) {
            At::Creation
        } else {
            At::during(batch.during)
        };
        if self.ev.new_packet.is_some() {
            let p = self.hdr.pkt_hdr(interp, tr.last_packet());
            let f = self.ev.new_packet.clone();
            self.conn_event(interp, tr, f, h, at, vec![p]);
        }
        if self.ev.packet_contents.is_some() {
            self.packet_contents(interp, tr, h, batch.raw, at);
        }
    }

    /// `icmp_echo_request` / `icmp_echo_reply(c, info, id, seq, payload)`.
    fn icmp_echo(&mut self, interp: &mut Interp, tr: &Tracker, ev: &ConnEvent, at: At) {
        let (ConnEvent::IcmpEchoRequest {
            conn,
            info,
            id,
            seq,
            payload,
        }
        | ConnEvent::IcmpEchoReply {
            conn,
            info,
            id,
            seq,
            payload,
        }) = ev
        else {
            return;
        };
        let f = if matches!(ev, ConnEvent::IcmpEchoRequest { .. }) {
            self.ev.icmp_echo_request.clone()
        } else {
            self.ev.icmp_echo_reply.clone()
        };
        if f.is_some() {
            let i = self.hdr.icmp_info(interp, info);
            let rest = vec![
                i,
                Value::Count(*id as u64),
                Value::Count(*seq as u64),
                Value::str(payload),
            ];
            self.conn_event(interp, tr, f, *conn, at, rest);
        }
    }

    /// `conn_bytes_threshold_crossed` and its siblings, raised once the
    /// conn-size analyzer has counted the packet.
    fn threshold_crossed(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        kind: ThresholdKind,
        threshold: u64,
        is_orig: bool,
    ) {
        let (f, t) = match kind {
            ThresholdKind::Bytes => (
                self.ev.conn_bytes_threshold_crossed.clone(),
                Value::Count(threshold),
            ),
            ThresholdKind::Packets => (
                self.ev.conn_packets_threshold_crossed.clone(),
                Value::Count(threshold),
            ),
            ThresholdKind::Duration(d) => (
                self.ev.conn_duration_threshold_crossed.clone(),
                Value::Interval(d),
            ),
            ThresholdKind::GenericPackets => (
                self.ev.conn_generic_packet_threshold_crossed.clone(),
                Value::Count(threshold),
            ),
        };
        let rest = if kind == ThresholdKind::GenericPackets {
            vec![t]
        } else {
            vec![t, Value::Bool(is_orig)]
        };
        self.conn_event(interp, tr, f, h, At::Now, rest);
    }

    /// `unknown_protocol(analyzer, protocol, first_bytes, history)`.
    fn unknown_protocol(
        &mut self,
        interp: &mut Interp,
        analyzer: &str,
        protocol: u32,
        first_bytes: &[u8],
    ) {
        let Some(f) = self.ev.unknown_protocol.clone() else {
            return;
        };
        let mut hist = vec![Value::str(b"ETHERNET")];
        if analyzer != "ETHERNET" {
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
            Value::Count(protocol as u64),
            Value::str(first_bytes),
            hv,
        ];
        interp.queue_event(f, args);
    }
}
