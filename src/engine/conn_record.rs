//! The `connection` record: one per tracked connection, made on the
//! first event a script handles for it (or when the connection is made,
//! under the default scripts) and refreshed from the tracker before each
//! later event, so that what scripts store in it lives until
//! `connection_state_remove`. Its uid is assigned when it is made, as
//! Zeek does. Records nothing refers to any more are reused: making one
//! takes a dozen allocations otherwise.

use std::cell::RefCell;
use std::rc::Rc;

use super::headers::port;
use super::interned::Interned;
use super::lookup::{field, field_type, global_count, record_type};
use super::packet_ctx::At;
use super::records::{Maker, Rec};
use crate::bif::conn::LiveConns;
use crate::eval::Interp;
use crate::packet::{ConnHandle, Connection, Endpoint, Tracker};
use crate::runtime::table::TableVal;
use crate::runtime::types::RecordType;
use crate::runtime::uid::{UidPools, POOL_INTERNAL};
use crate::runtime::value::Value;

/// The records of the connections being tracked.
pub(super) struct ConnRecords {
    shape: ConnShape,
    /// By the connection's index in the tracker.
    slots: Vec<Option<Slot>>,
    interned: Interned,
    /// `bits_per_uid`.
    uid_bits: u32,
    pool: Pool,
}

impl ConnRecords {
    /// Fails if the scripts lack the types or fields the record needs.
    pub(super) fn new(interp: &Interp) -> Result<ConnRecords, String> {
        let shape = ConnShape::new(interp)?;
        let conn_ty = shape.conn.clone();
        Ok(ConnRecords {
            shape,
            uid_bits: global_count(interp, "bits_per_uid", 96).clamp(1, 128) as u32,
            slots: Vec::new(),
            interned: Interned::default(),
            pool: Pool {
                conn_ty,
                free: Vec::new(),
            },
        })
    }

    /// A dispatched event's arguments: a connection record nothing else
    /// holds is kept for reuse.
    #[inline]
    pub(super) fn take_back(&mut self, args: Vec<Value>) {
        self.pool.take_back(args);
    }

    /// The connection is gone: its record is no longer live.
    #[inline]
    pub(super) fn remove(&mut self, interp: &mut Interp, h: ConnHandle) {
        if let Some(s) = self.slots.get_mut(h.index() as usize) {
            if s.as_ref().is_some_and(|s| s.gen == h.generation()) {
                if let Some(gone) = s.take() {
                    interp
                        .ext
                        .get_or_default::<LiveConns>()
                        .unregister(&gone.rec);
                }
            }
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
    pub(super) fn get(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        at: At,
    ) -> Option<Value> {
        self.get_trimmed(interp, tr, h, at, false)
    }

    /// `get`; with `trim`, the history lacks its last letter (one the
    /// tracker added after the event Zeek raises first).
    pub(super) fn get_trimmed(
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
        let mut endpoint = |interp: &mut Interp, ep: Endpoint, old: Value| {
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
            let uid =
                interp
                    .ext
                    .get_or_default::<UidPools>()
                    .uid(POOL_INTERNAL, self.uid_bits, b"C");
            r.fields[sh.uid] = Value::string(uid);
            if let (Some(f), Some(v)) = (sh.vlan, conn.vlan) {
                r.fields[f] = Value::Int(v as i64);
            }
            if let (Some(f), Some(v)) = (sh.inner_vlan, conn.inner_vlan) {
                r.fields[f] = Value::Int(v as i64);
            }
        }
        rec
    }
}

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
    fn new(interp: &Interp) -> Result<ConnShape, String> {
        let conn = record_type(interp, "connection").ok_or("type connection is not declared")?;
        let id_t = record_type(interp, "conn_id").ok_or("type conn_id is not declared")?;
        let ep_t = record_type(interp, "endpoint").ok_or("type endpoint is not declared")?;
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
            conn_m: Maker::new(interp, &conn),
            id_m: Maker::new(interp, &id_t),
            ep_m: Maker::new(interp, &ep_t),
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

/// Connection records nothing refers to any more (their last event has
/// run), kept to be filled anew: making a connection record takes a dozen
/// allocations otherwise.
struct Pool {
    conn_ty: Rc<RecordType>,
    free: Vec<Rec>,
}

impl Pool {
    const MAX: usize = 1024;

    #[inline]
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
