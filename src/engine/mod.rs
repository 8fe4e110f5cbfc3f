//! `rzeek -r TRACE`: runs a packet trace through the connection tracker and
//! raises Zeek's events for it.
//!
//! What this module adds on top of [`crate::packet`]:
//!
//! - one `connection` record per tracked connection, made on the first
//!   event a script handles for it and refreshed from the tracker before
//!   each later event, so that what scripts store in it (removal hooks,
//!   redef'd fields) lives until `connection_state_remove`
//!   (`conn_record`);
//! - uids as Zeek makes them (a keyed SipHash of a per-pool counter; under
//!   `ZEEK_SEED_FILE` the same uids Zeek prints), assigned when the record
//!   is first made, as Zeek does;
//! - the record as Zeek's events see it: Zeek fills it in when an event is
//!   queued, so `new_connection` (queued before the first packet is
//!   analyzed) sees nothing counted yet, and events raised while a packet
//!   is analyzed see its packet and bytes not yet counted (`packet_ctx`);
//! - Zeek's main-loop order: before each packet the script timers and the
//!   tracker's timers that are due fire in time order, network time moves
//!   to the packet, the packet's events are queued behind the timers', and
//!   the queue is drained in Zeek's rounds (events raised by handlers more
//!   than a few levels deep wait for the next packet);
//! - the end of input as Zeek does it: `Pcap::file_done`, `net_done`, the
//!   remaining script timers, then every connection is removed;
//! - weird sampling (`Weird::sampling_*`) for `conn_weird`, `flow_weird`
//!   and `net_weird` (`weird`);
//! - `packet_contents` and `udp_contents`, with payloads taken from the
//!   frame (`contents`);
//! - the HTTP analyzer's events and the files HTTP bodies carry (`http`).
//!
//! Per-packet events (`new_packet`, `raw_packet`, `udp_request`, ...) are
//! only generated when a script handles them (`events`).
//!
//! The engine runs on the interpreter alone, once the scripts are
//! compiled: it reads their settings, handlers and types by name
//! (`lookup`, `config`), and drives the interpreter through its methods
//! (the clock, timers, rounds of queued events). This file holds the main
//! loop; `deliver` turns the tracker's findings into script events, with
//! the records of `records`, `conn_record` and `headers`.

mod config;
mod conn_record;
mod contents;
mod deliver;
mod events;
mod headers;
mod http;
mod icmp;
mod interned;
mod lookup;
mod packet_ctx;
mod records;
mod weird;

use std::cell::RefCell;
use std::rc::Rc;

use crate::bif::conns::TraceSession;
use crate::bif::packets::CurrentPacket;
use crate::eval::Interp;
use crate::packet::{Config, ConnEvent, EventMask, PcapReader, Tracker};
use crate::runtime::value::Value;

use conn_record::ConnRecords;
use contents::UdpContents;
use events::Events;
use headers::Headers;
use weird::Weirds;

/// Reads the trace at `path` (`-` for standard input) and raises its
/// events; the caller runs `zeek_init` before and `zeek_done` after.
/// An error is a fatal one (the trace cannot be opened), in Zeek's words.
pub fn process_trace(interp: &mut Interp, path: &str, no_checksums: bool) -> Result<(), String> {
    let mut reader = PcapReader::open(path).map_err(|e| {
        format!(
            "problem with trace file {path} ({})",
            os_msg(&e.to_string())
        )
    })?;
    process_reader(interp, &mut reader, path, no_checksums)
}

/// Like [`process_trace`], for a trace already opened (the fuzz target and
/// tests read one from memory); `path` names it in messages.
pub fn process_reader(
    interp: &mut Interp,
    reader: &mut PcapReader,
    path: &str,
    no_checksums: bool,
) -> Result<(), String> {
    let (mut run, config) = Run::new(interp, no_checksums)?;
    let trc = Rc::new(RefCell::new(Tracker::new(config)));
    // Built-ins reach the tracker while scripts run; every borrow below
    // ends before events are drained.
    interp.ext.insert(TraceSession {
        tracker: trc.clone(),
        pending: Vec::new(),
    });
    // get_current_packet() and get_net_stats() read the packet in hand.
    interp.ext.insert(run.packet.clone());
    let res = run_trace(interp, &mut run, &trc, reader, path);
    interp.ext.remove::<TraceSession>();
    if let Some(p) = interp.ext.get::<Rc<RefCell<CurrentPacket>>>() {
        p.borrow_mut().done();
    }
    res
}

/// `foo: No such file or directory (os error 2)` as libpcap words it.
fn os_msg(s: &str) -> String {
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s.to_string(),
    }
}

/// What the engine keeps while a trace runs.
struct Run {
    /// The events scripts handle.
    ev: Events,
    conns: ConnRecords,
    hdr: Headers,
    icmp: icmp::IcmpRecords,
    udp_contents: UdpContents,
    http: http::Http,
    weirds: Weirds,
    /// Without `-b` every connection's record (and uid) is made when the
    /// connection is, as under Zeek's default scripts.
    eager_records: bool,
    /// The packet being processed, shared with the built-ins.
    packet: Rc<RefCell<CurrentPacket>>,
    /// Whether a script calls get_current_packet_header(): then each
    /// packet's header record is made for it.
    want_header: bool,
}

impl Run {
    /// The engine's state and the tracker's settings, from the scripts.
    fn new(interp: &mut Interp, no_checksums: bool) -> Result<(Run, Config), String> {
        let weirds = Weirds::new(interp);
        let interp = &*interp;
        let ev = Events::find(interp);
        let http = http::Http::find(interp);
        let events = EventMask(ev.mask().0 | http.mask());
        let config = config::tracker_config(interp, events, no_checksums);
        let run = Run {
            conns: ConnRecords::new(interp)?,
            hdr: Headers::new(interp),
            icmp: icmp::IcmpRecords::new(interp),
            udp_contents: UdpContents::new(interp),
            http,
            weirds,
            eager_records: !lookup::global_bool(interp, "__bare_mode", true),
            ev,
            packet: Rc::default(),
            want_header: interp.global_named("get_current_packet_header").is_some(),
        };
        Ok((run, config))
    }
}

/// The main loop: packets in time order with the timers due before each,
/// then the end of input.
fn run_trace(
    interp: &mut Interp,
    run: &mut Run,
    trc: &Rc<RefCell<Tracker>>,
    reader: &mut PcapReader,
    path: &str,
) -> Result<(), String> {
    let mut evs: Vec<ConnEvent> = Vec::with_capacity(64);
    let mut first = true;
    let mut terminated = false;

    loop {
        if interp.check_stop() {
            return Ok(());
        }
        let pkt = match reader.next_packet() {
            Ok(Some(p)) => p,
            Ok(None) => break,
            Err(e) => {
                interp.flush();
                eprintln!("error: problem with trace file {path} ({e})");
                break;
            }
        };
        let t = pkt.time();
        if first {
            first = false;
            // Timers already due (scheduled from zeek_init) fire before
            // network time is initialised, then network_time_init.
            interp.fire_timers_due_by(interp.network_time());
            if let Some(f) = run.ev.network_time_init.clone() {
                interp.queue_event(f, Vec::new());
            }
        }
        interp.advance_clock(t);
        run.packet.borrow_mut().set(
            pkt.ts_sec,
            pkt.ts_nsec,
            pkt.wire_len,
            pkt.linktype,
            pkt.data,
        );
        {
            let mut tr = trc.borrow_mut();
            // Script timers and connection timers up to the packet, in
            // time order (a script timer first at the same time). Without
            // a script timer due, the tracker runs its own timers as it
            // takes the packet.
            while let Some(s) = interp.next_timer_due().filter(|&w| w <= t) {
                match tr.next_timer().filter(|&w| w <= t) {
                    Some(k) if k < s => {
                        tr.advance(k, &mut evs);
                        run.deliver(interp, &tr, &mut evs, None);
                    }
                    _ => interp.fire_next_timer(),
                }
            }
            tr.advance(t, &mut evs);
            if !evs.is_empty() {
                run.deliver(interp, &tr, &mut evs, None);
            }
            tr.dispatch(&pkt, &mut evs);
            if run.want_header {
                let hv =
                    run.hdr
                        .raw_pkt_hdr(interp, tr.last_packet(), Some((pkt.linktype, pkt.data)));
                run.packet.borrow_mut().header = hv;
            }
            run.deliver(interp, &tr, &mut evs, Some((pkt.linktype, pkt.data)));
        }
        // The drain after the packet and the main loop's: two of Zeek's
        // two-round drains. Deeper cascades wait for the next packet.
        run.drain(interp, trc, 4);
        run.packet.borrow_mut().done();
        if interp.is_terminating() {
            // terminate(): no more input; the shutdown below still runs.
            terminated = true;
            break;
        }
    }
    end_of_input(interp, run, trc, &mut evs, path, terminated);
    Ok(())
}

/// The end of input, in the order of Zeek's shutdown: the source closes
/// (`Pcap::file_done`) within a last main-loop round, then `net_done`,
/// then every timer expires, then every connection is removed. What is
/// still queued runs when the caller drains `zeek_done`. After
/// `terminate()` the source is not closed.
fn end_of_input(
    interp: &mut Interp,
    run: &mut Run,
    trc: &Rc<RefCell<Tracker>>,
    evs: &mut Vec<ConnEvent>,
    path: &str,
    terminated: bool,
) {
    if !terminated {
        if let Some(f) = run.ev.file_done.clone() {
            interp.queue_event(f, vec![Value::str(path.as_bytes())]);
        }
        run.drain(interp, trc, 2);
    }
    if let Some(f) = run.ev.net_done.clone() {
        run.drain(interp, trc, 2);
        if interp.exit_code().is_none() {
            let args = vec![Value::Time(interp.network_time())];
            interp.dispatch_event(&f, &args);
        }
    }
    if interp.exit_code().is_some() {
        return;
    }
    // Zeek is terminating from here on (zeek_is_terminating() is true for
    // the timers that expire now and in zeek_done).
    crate::runtime::func::Host::terminate(interp);
    interp.fire_timers_due_by(f64::INFINITY);
    run.drain(interp, trc, 4);
    {
        let mut tr = trc.borrow_mut();
        tr.finish_timers(evs);
        run.deliver(interp, &tr, evs, None);
        // Removal events are queued a batch at a time, as they come.
        while tr.finish_some(evs, 4096) {
            run.deliver(interp, &tr, evs, None);
        }
        run.deliver(interp, &tr, evs, None);
    }
    run.drain(interp, trc, 2);
}

impl Run {
    /// Zeek's event draining: each round runs the events queued before
    /// it; what those raise waits for the next round.
    fn drain(&mut self, interp: &mut Interp, trc: &Rc<RefCell<Tracker>>, rounds: u32) {
        for _ in 0..rounds {
            if !interp.has_queued_events() || !self.run_round(interp, Some(trc)) {
                return;
            }
        }
    }

    /// Runs the queued events and what they raise, now (Zeek's `Drain`,
    /// which file analysis calls to learn a handle at once). The tracker
    /// is held meanwhile: what built-ins raise waits for the next drain.
    fn drain_now(&mut self, interp: &mut Interp) {
        for _ in 0..16 {
            if !interp.has_queued_events() || !self.run_round(interp, None) {
                return;
            }
        }
    }

    /// Runs the events queued now, one round; false once a script ended
    /// the run. Their connection records go back to the pool. With the
    /// tracker at hand, what a built-in raised (a threshold set and
    /// already crossed) is queued behind each event.
    fn run_round(&mut self, interp: &mut Interp, trc: Option<&Rc<RefCell<Tracker>>>) -> bool {
        interp.run_event_round(|interp, args| {
            self.conns.take_back(args);
            if let Some(trc) = trc {
                self.deliver_pending(interp, trc);
            }
        })
    }

    /// Delivers the connection events built-ins left with the trace
    /// session while the last event ran.
    fn deliver_pending(&mut self, interp: &mut Interp, trc: &Rc<RefCell<Tracker>>) {
        let Some(session) = interp.ext.get_mut::<TraceSession>() else {
            return;
        };
        if session.pending.is_empty() {
            return;
        }
        let mut evs = std::mem::take(&mut session.pending);
        let tr = trc.borrow();
        self.deliver(interp, &tr, &mut evs, None);
    }
}
