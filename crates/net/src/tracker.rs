//! The connection table, Zeek's per-protocol session logic and the
//! connection timers.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::net::IpAddr;

use ahash::AHashSet;

use super::cksum;
use super::conn::{tcp_state::*, ConnHandle, ConnId, Connection, Proto, ProtoState, UidGen};
use super::decode::{self, IcmpFields, Ip, Link, PacketInfo, TcpFields, UdpFields};
use super::frag::Fragments;
use super::reader::RawPacket;
use super::tcp::{seq_delta, TcpConn, TcpEndpoint};

/// Which optional events to generate. Connection lifecycle events and
/// weirds are cheap and always on; per-packet events cost a push per packet
/// and are off unless a script handles them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventMask(pub u32);

impl EventMask {
    pub const NEW_PACKET: u32 = 1;
    pub const RAW_PACKET: u32 = 1 << 1;
    pub const UDP_REQUEST: u32 = 1 << 2;
    pub const UDP_REPLY: u32 = 1 << 3;
    pub const ICMP_ECHO: u32 = 1 << 4;
    pub const CONTENT_GAP: u32 = 1 << 5;
    pub const FIRST_ACK: u32 = 1 << 6;
    pub const PARTIAL_CLOSE: u32 = 1 << 7;
    pub const PENDING: u32 = 1 << 8;
    pub const UNKNOWN_PROTOCOL: u32 = 1 << 9;
    pub const TIMEOUT: u32 = 1 << 10;
    pub const FLIPPED: u32 = 1 << 11;
    pub const REUSED: u32 = 1 << 12;
    /// `conn_generic_packet_threshold_crossed`: arms
    /// [`Config::generic_packet_thresholds`] on every new connection.
    pub const GENERIC_THRESHOLD: u32 = 1 << 13;
    /// `rexmit_inconsistency`: TCP data is kept to compare retransmissions.
    pub const REXMIT: u32 = 1 << 14;
    /// HTTP events: the HTTP analyzer is attached where it fits.
    pub const HTTP: u32 = 1 << 15;
    /// HTTP body bytes in the events (`http_entity_data`), not only
    /// their count.
    pub const HTTP_BODY: u32 = 1 << 16;
    pub const NONE: EventMask = EventMask(0);
    pub const ALL: EventMask = EventMask(u32::MAX);

    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

impl Default for EventMask {
    /// Everything except the per-packet events and the HTTP analysis
    /// (whose parsing is work only a script's handlers justify).
    fn default() -> Self {
        EventMask(
            !(Self::NEW_PACKET
                | Self::RAW_PACKET
                | Self::UDP_REQUEST
                | Self::UDP_REPLY
                | Self::ICMP_ECHO
                | Self::HTTP
                | Self::HTTP_BODY),
        )
    }
}

/// Order in which connections still open at the end of input are removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DrainOrder {
    /// Zeek's order under a fixed seed (`ZEEK_SEED_FILE`): sorted by the
    /// bytes of the connection key.
    #[default]
    SortedKey,
    /// Order of creation.
    Creation,
}

/// Tracker settings; the defaults are Zeek's.
#[derive(Debug, Clone)]
pub struct Config {
    /// Zeek's `-C`.
    pub ignore_checksums: bool,
    pub tcp_inactivity_timeout: f64,
    pub udp_inactivity_timeout: f64,
    pub icmp_inactivity_timeout: f64,
    pub unknown_ip_inactivity_timeout: f64,
    pub tcp_syn_timeout: f64,
    pub tcp_session_timer: f64,
    pub tcp_connection_linger: f64,
    pub tcp_attempt_delay: f64,
    pub tcp_close_delay: f64,
    pub tcp_reset_delay: f64,
    pub tcp_partial_close_delay: f64,
    pub tcp_storm_thresh: u32,
    pub tcp_storm_interarrival_thresh: f64,
    pub frag_timeout: f64,
    pub partial_connection_ok: bool,
    pub tcp_syn_ack_ok: bool,
    /// Zeek's `likely_server_ports`.
    pub likely_server_ports: AHashSet<(u16, Proto)>,
    /// Seed for uids (derive it from `ZEEK_SEED_FILE` when set).
    pub uid_seed: u64,
    pub bits_per_uid: u32,
    /// Key connections by VLAN tags too (Zeek's `vlan_fivetuple` conn key).
    pub vlan_in_key: bool,
    /// Track connections for IP protocols other than TCP/UDP/ICMP (Zeek 8's
    /// `unknown_transport` connections).
    pub track_unknown_ip: bool,
    pub drain_order: DrainOrder,
    pub events: EventMask,
    /// Zeek's `ConnThreshold::generic_packet_thresholds`, ascending: the
    /// packet counts (both directions together) at which a connection
    /// reports [`ConnEvent::Threshold`] of kind
    /// [`ThresholdKind::GenericPackets`].
    pub generic_packet_thresholds: Vec<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ignore_checksums: false,
            tcp_inactivity_timeout: 300.0,
            udp_inactivity_timeout: 60.0,
            icmp_inactivity_timeout: 60.0,
            unknown_ip_inactivity_timeout: 60.0,
            tcp_syn_timeout: 5.0,
            tcp_session_timer: 6.0,
            tcp_connection_linger: 5.0,
            tcp_attempt_delay: 5.0,
            tcp_close_delay: 5.0,
            tcp_reset_delay: 5.0,
            tcp_partial_close_delay: 3.0,
            tcp_storm_thresh: 1000,
            tcp_storm_interarrival_thresh: 1.0,
            frag_timeout: 300.0,
            partial_connection_ok: true,
            tcp_syn_ack_ok: true,
            likely_server_ports: AHashSet::new(),
            uid_seed: 0,
            bits_per_uid: 96,
            vlan_in_key: false,
            track_unknown_ip: true,
            drain_order: DrainOrder::SortedKey,
            events: EventMask::default(),
            generic_packet_thresholds: Vec::new(),
        }
    }
}

/// Where a weird was seen.
#[derive(Debug, Clone, PartialEq)]
pub enum WeirdScope {
    /// No usable IP header (`net_weird`).
    Net,
    /// An IP header but no connection (`flow_weird`).
    Flow { src: IpAddr, dst: IpAddr },
    /// On a connection (`conn_weird`).
    Conn(ConnHandle),
}

/// Zeek's `icmp_info`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IcmpInfo {
    pub v6: bool,
    pub itype: u8,
    pub icode: u8,
    pub len: u32,
    pub ttl: u8,
}

/// What happened, in Zeek's order. Connection events carry a handle; read
/// the connection with [`Tracker::conn`] (valid for removed connections
/// until the next call that takes `&mut self`).
#[derive(Debug, Clone, PartialEq)]
pub enum ConnEvent {
    NewConnection(ConnHandle),
    ConnectionEstablished(ConnHandle),
    ConnectionAttempt(ConnHandle),
    PartialConnection(ConnHandle),
    ConnectionFinished(ConnHandle),
    ConnectionHalfFinished(ConnHandle),
    ConnectionReset(ConnHandle),
    ConnectionRejected(ConnHandle),
    ConnectionPartialClose(ConnHandle),
    ConnectionPending(ConnHandle),
    ConnectionTimeout(ConnHandle),
    ConnectionFirstAck(ConnHandle),
    ConnectionFlipped(ConnHandle),
    ConnectionReused(ConnHandle),
    ConnectionStateRemove(ConnHandle),
    /// `new_packet(c, p)`: the header is [`Tracker::last_packet`].
    NewPacket(ConnHandle),
    /// `raw_packet(p)`, before any other event of the packet.
    RawPacket,
    UdpRequest(ConnHandle),
    UdpReply(ConnHandle),
    IcmpEchoRequest {
        conn: ConnHandle,
        info: IcmpInfo,
        id: u16,
        seq: u16,
        payload: Vec<u8>,
    },
    IcmpEchoReply {
        conn: ConnHandle,
        info: IcmpInfo,
        id: u16,
        seq: u16,
        payload: Vec<u8>,
    },
    ContentGap {
        conn: ConnHandle,
        is_orig: bool,
        seq: u64,
        len: u64,
    },
    Weird {
        name: &'static str,
        addl: String,
        scope: WeirdScope,
    },
    UnknownProtocol {
        analyzer: &'static str,
        protocol: u32,
        first_bytes: Vec<u8>,
    },
    /// A TCP retransmission carried other bytes than the data it
    /// overlaps (`rexmit_inconsistency`); `flags` are the segment's TCP
    /// flags as letters.
    RexmitInconsistency {
        conn: ConnHandle,
        old: Vec<u8>,
        new: Vec<u8>,
        flags: String,
    },
    /// A size or duration threshold of the conn-size analyzer was reached
    /// (`conn_bytes_threshold_crossed` and its siblings).
    Threshold {
        conn: ConnHandle,
        kind: ThresholdKind,
        /// Bytes or packets; for a duration, see `ThresholdKind::Duration`.
        threshold: u64,
        is_orig: bool,
    },
    /// What the HTTP analyzer found in the connection's stream.
    Http {
        conn: ConnHandle,
        ev: super::http::HttpEvent,
    },
}

/// Which conn-size threshold a [`ConnEvent::Threshold`] reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ThresholdKind {
    Bytes,
    Packets,
    /// Seconds since the connection's start.
    Duration(f64),
    /// One of `ConnThreshold::generic_packet_thresholds`.
    GenericPackets,
}

impl ConnEvent {
    /// The connection the event is about, if any.
    pub fn conn(&self) -> Option<ConnHandle> {
        use ConnEvent::*;
        match self {
            NewConnection(h)
            | ConnectionEstablished(h)
            | ConnectionAttempt(h)
            | PartialConnection(h)
            | ConnectionFinished(h)
            | ConnectionHalfFinished(h)
            | ConnectionReset(h)
            | ConnectionRejected(h)
            | ConnectionPartialClose(h)
            | ConnectionPending(h)
            | ConnectionTimeout(h)
            | ConnectionFirstAck(h)
            | ConnectionFlipped(h)
            | ConnectionReused(h)
            | ConnectionStateRemove(h)
            | NewPacket(h)
            | UdpRequest(h)
            | UdpReply(h) => Some(*h),
            IcmpEchoRequest { conn, .. }
            | IcmpEchoReply { conn, .. }
            | ContentGap { conn, .. }
            | RexmitInconsistency { conn, .. }
            | Threshold { conn, .. }
            | Http { conn, .. } => Some(*conn),
            Weird {
                scope: WeirdScope::Conn(h),
                ..
            } => Some(*h),
            _ => None,
        }
    }
}

/// The connection key: Zeek's packed tuple (lower address/port first),
/// plus VLANs when configured. Field order gives Zeek's drain order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Key {
    ip1: [u8; 16],
    ip2: [u8; 16],
    port1: u16,
    port2: u16,
    proto: u8,
    vlan: u16,
    inner_vlan: u16,
}

fn make_key(
    src: &[u8; 16],
    sp: u16,
    dst: &[u8; 16],
    dp: u16,
    proto: u8,
    one_way: bool,
    vlans: (u16, u16),
) -> Key {
    // Zeek compares the ports as stored (network order in a host integer).
    let lt = src < dst || (src == dst && sp.swap_bytes() < dp.swap_bytes());
    let (ip1, port1, ip2, port2) = if one_way || lt {
        (*src, sp, *dst, dp)
    } else {
        (*dst, dp, *src, sp)
    };
    Key {
        ip1,
        ip2,
        port1,
        port2,
        proto,
        vlan: vlans.0,
        inner_vlan: vlans.1,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimerKind {
    Inactivity,
    TcpExpire,
    TcpAttempt,
    TcpPartialClose,
    TcpReset,
    Delete,
    /// The expire timer re-armed after a half close (its own FIFO: a
    /// different delay than the initial one).
    TcpExpireLater,
}

impl TimerKind {
    /// Whether the timer still fires when everything is expired at the end.
    fn do_expire(self) -> bool {
        matches!(self, TimerKind::TcpAttempt | TimerKind::TcpReset)
    }
}

#[derive(Debug, Clone, Copy)]
struct Timer {
    t: f64,
    seq: u64,
    idx: u32,
    gen: u32,
    epoch: u32,
    kind: TimerKind,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    /// Reversed: the heap pops the earliest timer.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// Connection timers. Most timers of one kind are set at "now + a fixed
/// delay" and so arrive in time order: those go to a FIFO per kind, the
/// rest to a heap. The earliest timer is the least of the FIFO heads and
/// the heap top, so push and pop are O(1) in the common case.
struct TimerQueue {
    fifos: [std::collections::VecDeque<Timer>; 7],
    heap: BinaryHeap<Timer>,
    /// No timer is due before this (infinite when there are none): most
    /// packets find nothing due, and then the eight sources go unread.
    earliest: f64,
}

impl Default for TimerQueue {
    fn default() -> Self {
        TimerQueue {
            fifos: Default::default(),
            heap: BinaryHeap::new(),
            earliest: f64::INFINITY,
        }
    }
}

impl TimerQueue {
    fn push(&mut self, tm: Timer) {
        self.earliest = self.earliest.min(tm.t);
        let q = &mut self.fifos[tm.kind as usize];
        if q.back().is_none_or(|b| b.t <= tm.t) {
            q.push_back(tm);
        } else {
            self.heap.push(tm);
        }
    }

    /// Where the earliest timer is: 0..7 a FIFO, 7 the heap.
    fn min_source(&self) -> Option<usize> {
        let mut best: Option<(usize, &Timer)> = self.heap.peek().map(|t| (7, t));
        for (i, q) in self.fifos.iter().enumerate() {
            if let Some(t) = q.front() {
                // `Timer`'s order is reversed (for the heap): greater = earlier.
                if best.is_none_or(|(_, b)| t > b) {
                    best = Some((i, t));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    fn peek(&self) -> Option<&Timer> {
        match self.min_source()? {
            7 => self.heap.peek(),
            i => self.fifos[i].front(),
        }
    }

    fn pop(&mut self) -> Option<Timer> {
        let tm = match self.min_source()? {
            7 => self.heap.pop(),
            i => self.fifos[i].pop_front(),
        };
        self.earliest = self.peek().map_or(f64::INFINITY, |t| t.t);
        tm
    }

    /// Empties the queue, returning the timers `keep` accepts. Each
    /// source's memory goes as it is read, so with a million connections
    /// open the end of the run holds no second copy of every timer.
    fn take_matching(&mut self, mut keep: impl FnMut(&Timer) -> bool) -> Vec<Timer> {
        self.earliest = f64::INFINITY;
        let mut v = std::mem::take(&mut self.heap).into_vec();
        v.retain(&mut keep);
        v.shrink_to_fit();
        for q in &mut self.fifos {
            v.extend(std::mem::take(q).into_iter().filter(&mut keep));
        }
        v
    }
}

struct Slot {
    gen: u32,
    conn: Option<Connection>,
}

/// The live connections by key. The index holds only slot numbers (4
/// bytes a bucket, where a map from key to slot took 48): the key is
/// compared in the slot's connection, which a lookup goes on to use
/// anyway. With a million connections that is 90 bytes each less.
#[derive(Default)]
struct ConnTable {
    index: hashbrown::HashTable<u32>,
    hasher: ahash::RandomState,
}

impl ConnTable {
    fn len(&self) -> usize {
        self.index.len()
    }

    fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn key_of(slots: &[Slot], idx: u32) -> Option<&Key> {
        slots.get(idx as usize)?.conn.as_ref().map(|c| &c.key)
    }

    fn get(&self, slots: &[Slot], key: &Key) -> Option<u32> {
        let h = self.hasher.hash_one(key);
        self.index
            .find(h, |&i| Self::key_of(slots, i) == Some(key))
            .copied()
    }

    /// Adds slot `idx`, whose connection (already in `slots`) has `key`
    /// and no live connection in the table has it.
    fn insert(&mut self, slots: &[Slot], key: &Key, idx: u32) {
        let hasher = &self.hasher;
        let h = hasher.hash_one(key);
        // Growing rehashes every entry from its connection's key.
        self.index.insert_unique(h, idx, |&i| {
            Self::key_of(slots, i).map_or(0, |k| hasher.hash_one(k))
        });
    }

    /// Removes slot `idx` if the table holds it under `key`.
    fn remove(&mut self, key: &Key, idx: u32) {
        let h = self.hasher.hash_one(key);
        if let Ok(e) = self.index.find_entry(h, |&i| i == idx) {
            e.remove();
        }
    }
}

/// The connection a handle names, if it is still the slot's occupant. A
/// free function so callers can hold other parts of the tracker at once.
fn live_conn(slots: &mut [Slot], h: ConnHandle) -> Option<&mut Connection> {
    slots
        .get_mut(h.idx as usize)
        .filter(|s| s.gen == h.gen)
        .and_then(|s| s.conn.as_mut())
}

/// Counters for reporting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub packets: u64,
    pub connections: u64,
    pub tcp: u64,
    pub udp: u64,
    pub icmp: u64,
    pub other: u64,
    pub fragments_reassembled: u64,
    /// Packets no analyzer took to the end (unknown link or network
    /// protocol, a broken link header).
    pub unprocessed: u64,
    /// Connections removed because they were idle too long.
    pub killed_by_inactivity: u64,
    /// Connections in the table now and at most, TCP, UDP, ICMP.
    pub current: [u64; 3],
    pub max: [u64; 3],
    /// Fragmented datagrams pending now and at most.
    pub fragments: u64,
    pub max_fragments: u64,
}

/// Zeek's `ConnStats`, as `get_conn_stats` reports it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ConnStats {
    pub total_conns: u64,
    pub current_conns: u64,
    pub num_packets: u64,
    pub num_fragments: u64,
    pub max_fragments: u64,
    /// TCP, UDP, ICMP.
    pub current: [u64; 3],
    pub max: [u64; 3],
    pub cumulative: [u64; 3],
    pub num_packets_unprocessed: u64,
    pub killed_by_inactivity: u64,
}

fn proto_slot(p: Proto) -> Option<usize> {
    match p {
        Proto::Tcp => Some(0),
        Proto::Udp => Some(1),
        Proto::Icmp => Some(2),
        Proto::Unknown => None,
    }
}

/// Tracks connections over a packet stream and reports Zeek's events.
pub struct Tracker {
    cfg: Config,
    table: ConnTable,
    slots: Vec<Slot>,
    free: Vec<u32>,
    pending_free: Vec<u32>,
    timers: TimerQueue,
    timer_seq: u64,
    uids: UidGen,
    serial: u64,
    network_time: f64,
    info: PacketInfo,
    frags: Fragments,
    frag_buf: Vec<u8>,
    gaps: Vec<(u64, u64)>,
    stats: Stats,
    finished: bool,
    /// The connections still to remove at the end, last first.
    draining: Vec<u32>,
}

struct Emit<'a> {
    out: &'a mut Vec<ConnEvent>,
    timers: &'a mut TimerQueue,
    timer_seq: &'a mut u64,
    cfg: &'a Config,
    h: ConnHandle,
    net_time: f64,
    gaps: &'a mut Vec<(u64, u64)>,
}

impl Emit<'_> {
    fn ev(&mut self, e: ConnEvent) {
        self.out.push(e);
    }
    fn opt(&mut self, bit: u32, e: ConnEvent) {
        if self.cfg.events.has(bit) {
            self.out.push(e);
        }
    }
    fn weird(&mut self, c: &mut Connection, name: &'static str) {
        c.did_weird = true;
        self.out.push(ConnEvent::Weird {
            name,
            addl: String::new(),
            scope: WeirdScope::Conn(self.h),
        });
    }
    fn weird_addl(&mut self, c: &mut Connection, name: &'static str, addl: String) {
        c.did_weird = true;
        self.out.push(ConnEvent::Weird {
            name,
            addl,
            scope: WeirdScope::Conn(self.h),
        });
    }
    fn timer(&mut self, c: &Connection, t: f64, kind: TimerKind) {
        *self.timer_seq += 1;
        let epoch = if kind == TimerKind::Inactivity {
            c.inact_epoch
        } else {
            c.analyzer_epoch
        };
        self.timers.push(Timer {
            t,
            seq: *self.timer_seq,
            idx: self.h.idx,
            gen: self.h.gen,
            epoch,
            kind,
        });
    }
    /// Connection::SetInactivityTimeout. A pending inactivity timer that
    /// fires no later than the new deadline is kept: when it fires it sees
    /// the new timeout and re-arms at `last_time + timeout`, which is what
    /// replacing it would have done, without a second heap entry.
    fn set_inactivity(&mut self, c: &mut Connection, timeout: f64) {
        if timeout == c.inactivity_timeout {
            return;
        }
        c.inactivity_timeout = timeout;
        if timeout == 0.0 {
            c.inact_epoch = c.inact_epoch.wrapping_add(1);
            c.inact_timer_at = f64::INFINITY;
            return;
        }
        let due = c.last_time + timeout;
        if c.inact_timer_at <= due {
            return;
        }
        c.inact_epoch = c.inact_epoch.wrapping_add(1);
        c.inact_timer_at = due;
        self.timer(c, due, TimerKind::Inactivity);
    }
}

const TH_FIN: u8 = 0x01;
const TH_SYN: u8 = 0x02;
const TH_RST: u8 = 0x04;
const TH_ACK: u8 = 0x10;
const TH_URG: u8 = 0x20;
const TOO_LARGE_SEQ_DELTA: i32 = 1_048_576;

fn is_handshake(s: u8) -> bool {
    s == INACTIVE || s == SYN_SENT || s == SYN_ACK_SENT
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker::new(Config::default())
    }
}

impl Tracker {
    pub fn new(cfg: Config) -> Tracker {
        Tracker {
            uids: UidGen::new(cfg.uid_seed, cfg.bits_per_uid),
            frags: Fragments::new(cfg.frag_timeout),
            cfg,
            table: ConnTable::default(),
            slots: Vec::new(),
            free: Vec::new(),
            pending_free: Vec::new(),
            timers: TimerQueue::default(),
            timer_seq: 0,
            serial: 0,
            network_time: 0.0,
            info: PacketInfo::default(),
            frag_buf: Vec::new(),
            gaps: Vec::new(),
            stats: Stats::default(),
            finished: false,
            draining: Vec::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Changes settings (e.g. after scripts redefined options). Timeouts
    /// apply to timers set from now on.
    pub fn config_mut(&mut self) -> &mut Config {
        &mut self.cfg
    }

    /// Network time: the latest packet timestamp seen (never goes back).
    pub fn network_time(&self) -> f64 {
        self.network_time
    }

    /// Header fields of the last packet given to [`Tracker::dispatch`].
    pub fn last_packet(&self) -> &PacketInfo {
        &self.info
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// What `get_conn_stats` reports.
    pub fn conn_stats(&self) -> ConnStats {
        let s = &self.stats;
        ConnStats {
            total_conns: s.connections,
            current_conns: self.table.len() as u64,
            num_packets: s.packets,
            num_fragments: s.fragments,
            max_fragments: s.max_fragments,
            current: s.current,
            max: s.max,
            cumulative: [s.tcp, s.udp, s.icmp],
            num_packets_unprocessed: s.unprocessed,
            killed_by_inactivity: s.killed_by_inactivity,
        }
    }

    /// Number of connections in the table.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The connection behind a handle (also just-removed ones, see
    /// [`ConnEvent`]).
    pub fn conn(&self, h: ConnHandle) -> Option<&Connection> {
        let s = self.slots.get(h.idx as usize)?;
        if s.gen != h.gen {
            return None;
        }
        s.conn.as_ref()
    }

    /// Mutable access, e.g. for `set_inactivity_timeout`-like script calls.
    pub fn conn_mut(&mut self, h: ConnHandle) -> Option<&mut Connection> {
        live_conn(&mut self.slots, h)
    }

    /// Looks a connection up by its id (as `lookup_connection` does).
    pub fn find(&self, id: &ConnId) -> Option<ConnHandle> {
        if !self.cfg.vlan_in_key {
            let a = ip16(&id.orig_h);
            let b = ip16(&id.resp_h);
            let one_way = id.proto == Proto::Icmp
                && icmp_counterpart(id.ip_proto == 58, id.orig_p as u8, 0).1;
            let k = make_key(&a, id.orig_p, &b, id.resp_p, id.ip_proto, one_way, (0, 0));
            if let Some(idx) = self.table.get(&self.slots, &k) {
                return Some(ConnHandle {
                    idx,
                    gen: self.slots[idx as usize].gen,
                });
            }
            return None;
        }
        self.iter().find(|(_, c)| c.id == *id).map(|(h, _)| h)
    }

    /// A conn-size threshold of a connection (`get_current_conn_*_threshold`):
    /// bytes or packets of one direction; 0 when none is set.
    pub fn size_threshold(&self, h: ConnHandle, bytes: bool, is_orig: bool) -> u64 {
        let Some(l) = self.conn(h).and_then(|c| c.limits.as_deref()) else {
            return 0;
        };
        let d = usize::from(!is_orig);
        if bytes {
            l.bytes[d]
        } else {
            l.pkts[d]
        }
    }

    /// The connection's duration threshold in seconds (0 for none).
    pub fn duration_threshold(&self, h: ConnHandle) -> f64 {
        self.conn(h)
            .and_then(|c| c.limits.as_deref())
            .map_or(0.0, |l| l.duration)
    }

    /// Sets a byte or packet threshold (`set_current_conn_*_threshold`) and
    /// checks it at once, as Zeek does: what is already reached is reported
    /// into `out`. False if there is no such connection.
    pub fn set_size_threshold(
        &mut self,
        h: ConnHandle,
        bytes: bool,
        is_orig: bool,
        threshold: u64,
        out: &mut Vec<ConnEvent>,
    ) -> bool {
        let now = self.network_time;
        let cfg = &self.cfg;
        let Some(c) = live_conn(&mut self.slots, h) else {
            return false;
        };
        let l = c.limits.get_or_insert_with(Default::default);
        let d = usize::from(!is_orig);
        if bytes {
            l.bytes[d] = threshold;
        } else {
            l.pkts[d] = threshold;
        }
        check_thresholds(c, h, cfg, now, is_orig, out);
        true
    }

    /// Sets the duration threshold in seconds and checks it at once.
    pub fn set_duration_threshold(
        &mut self,
        h: ConnHandle,
        secs: f64,
        out: &mut Vec<ConnEvent>,
    ) -> bool {
        let now = self.network_time;
        let cfg = &self.cfg;
        let Some(c) = live_conn(&mut self.slots, h) else {
            return false;
        };
        c.limits.get_or_insert_with(Default::default).duration = secs;
        check_thresholds(c, h, cfg, now, true, out);
        true
    }

    /// All tracked connections, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (ConnHandle, &Connection)> {
        self.slots.iter().enumerate().filter_map(|(i, s)| {
            s.conn.as_ref().filter(|c| !c.removed).map(|c| {
                (
                    ConnHandle {
                        idx: i as u32,
                        gen: s.gen,
                    },
                    c,
                )
            })
        })
    }

    fn release(&mut self) {
        for idx in self.pending_free.drain(..) {
            let s = &mut self.slots[idx as usize];
            s.conn = None;
            s.gen = s.gen.wrapping_add(1);
            self.free.push(idx);
        }
    }

    /// Earliest pending connection timer, if any.
    pub fn next_timer(&mut self) -> Option<f64> {
        while let Some(t) = self.timers.peek() {
            if self.timer_live(t) {
                return Some(t.t);
            }
            self.timers.pop();
        }
        None
    }

    fn timer_live(&self, t: &Timer) -> bool {
        match self.slots.get(t.idx as usize) {
            Some(Slot { gen, conn: Some(c) }) if *gen == t.gen && !c.removed => {
                if t.kind == TimerKind::Inactivity {
                    c.inact_epoch == t.epoch
                } else {
                    c.analyzer_epoch == t.epoch
                }
            }
            _ => false,
        }
    }

    /// Moves network time to `t` (if later) and runs the connection timers
    /// due by then.
    pub fn advance(&mut self, t: f64, out: &mut Vec<ConnEvent>) {
        self.release();
        if t > self.network_time {
            self.network_time = t;
        }
        let now = self.network_time;
        while self.timers.earliest <= now {
            let Some(top) = self.timers.peek() else { break };
            if top.t > now {
                break;
            }
            let tm = self.timers.pop().unwrap();
            if self.timer_live(&tm) {
                self.fire(tm, now, false, out);
            }
        }
        self.frags.expire(now);
    }

    /// Runs timers and then the packet: what Zeek does per packet.
    pub fn packet(&mut self, pkt: &RawPacket, out: &mut Vec<ConnEvent>) {
        self.advance(pkt.time(), out);
        self.dispatch_inner(pkt, out);
    }

    /// End of input: expires the timers that fire at shutdown (attempts,
    /// resets), then removes every remaining connection in the configured
    /// order. Call once.
    pub fn finish(&mut self, out: &mut Vec<ConnEvent>) {
        self.finish_timers(out);
        while self.finish_some(out, usize::MAX) {}
    }

    /// The first part of [`finish`](Self::finish): the timers that fire at
    /// shutdown, and the order the remaining connections go in. Then
    /// [`finish_some`](Self::finish_some) removes them a batch at a time,
    /// so a caller can turn each batch's events into script events before
    /// the next: with a million connections open, their removal events all
    /// at once would take 120 bytes each at the peak.
    pub fn finish_timers(&mut self, out: &mut Vec<ConnEvent>) {
        self.release();
        if self.finished {
            return;
        }
        self.finished = true;
        let now = self.network_time;
        let mut due: Vec<Timer> = self
            .timers
            .take_matching(|tm| tm.kind.do_expire())
            .into_iter()
            .filter(|tm| self.timer_live(tm))
            .collect();
        due.sort_unstable_by(|a, b| b.cmp(a));
        for tm in due {
            if self.timer_live(&tm) {
                self.fire(tm, now, true, out);
            }
        }
        // Slot numbers only (4 bytes a connection), ordered by what the
        // slots hold.
        let mut rest: Vec<u32> = self.table.index.iter().copied().collect();
        let slots = &self.slots;
        let conn = |i: &u32| slots[*i as usize].conn.as_ref();
        match self.cfg.drain_order {
            DrainOrder::SortedKey => rest.sort_unstable_by_key(|i| conn(i).map(|c| c.key)),
            DrainOrder::Creation => rest.sort_unstable_by_key(|i| conn(i).map(|c| c.serial)),
        }
        // Taken from the back.
        rest.reverse();
        self.draining = rest;
    }

    /// Removes up to `max` of the connections left at the end (after
    /// [`finish_timers`](Self::finish_timers)); whether any remain.
    pub fn finish_some(&mut self, out: &mut Vec<ConnEvent>, max: usize) -> bool {
        for _ in 0..max {
            let Some(idx) = self.draining.pop() else {
                break;
            };
            let h = ConnHandle {
                idx,
                gen: self.slots[idx as usize].gen,
            };
            if let Some(c) = self.slots[idx as usize].conn.as_ref() {
                if let ProtoState::Tcp(t) = &c.state {
                    if t.is_active && !t.both_closed() && self.cfg.events.has(EventMask::PENDING) {
                        out.push(ConnEvent::ConnectionPending(h));
                    }
                }
            }
            self.remove(idx, out);
        }
        if self.draining.is_empty() {
            self.draining = Vec::new();
            self.frags.clear();
            return false;
        }
        true
    }

    fn remove(&mut self, idx: u32, out: &mut Vec<ConnEvent>) {
        let s = &mut self.slots[idx as usize];
        let Some(c) = s.conn.as_mut() else { return };
        if c.removed {
            return;
        }
        c.removed = true;
        if let Some(k) = proto_slot(c.id.proto) {
            self.stats.current[k] = self.stats.current[k].saturating_sub(1);
        }
        let h = ConnHandle { idx, gen: s.gen };
        let key = c.key;
        if let ProtoState::Tcp(t) = &mut c.state {
            if let Some(mut a) = t.http.take() {
                // Messages still open end with the connection.
                let mut evs = Vec::new();
                a.eof(true, &mut evs);
                a.eof(false, &mut evs);
                out.extend(evs.into_iter().map(|ev| ConnEvent::Http { conn: h, ev }));
            }
        }
        out.push(ConnEvent::ConnectionStateRemove(h));
        self.table.remove(&key, idx);
        self.pending_free.push(idx);
    }

    fn emit<'a>(
        &'a mut self,
        h: ConnHandle,
        out: &'a mut Vec<ConnEvent>,
    ) -> (&'a mut Connection, Emit<'a>) {
        let c = self.slots[h.idx as usize]
            .conn
            .as_mut()
            .expect("live connection");
        let em = Emit {
            out,
            timers: &mut self.timers,
            timer_seq: &mut self.timer_seq,
            cfg: &self.cfg,
            h,
            net_time: self.network_time,
            gaps: &mut self.gaps,
        };
        (c, em)
    }

    fn fire(&mut self, tm: Timer, now: f64, expiring: bool, out: &mut Vec<ConnEvent>) {
        let h = ConnHandle {
            idx: tm.idx,
            gen: tm.gen,
        };
        let t = if expiring { now } else { tm.t };
        let mut remove = false;
        let mut killed = false;
        {
            let (c, mut em) = self.emit(h, out);
            match tm.kind {
                TimerKind::Inactivity => {
                    c.inact_timer_at = f64::INFINITY;
                    if c.inactivity_timeout == 0.0 {
                    } else if c.last_time + c.inactivity_timeout <= t {
                        em.opt(EventMask::TIMEOUT, ConnEvent::ConnectionTimeout(h));
                        remove = true;
                        killed = true;
                    } else {
                        let at = c.last_time + c.inactivity_timeout;
                        c.inact_timer_at = at;
                        em.timer(c, at, TimerKind::Inactivity);
                    }
                }
                TimerKind::Delete => remove = true,
                _ => {
                    let ProtoState::Tcp(tcp) = &mut c.state else {
                        return;
                    };
                    let tcp: &mut TcpConn = tcp;
                    if !tcp.is_active {
                        return;
                    }
                    let (os, rs) = (tcp.orig().state, tcp.resp().state);
                    match tm.kind {
                        TimerKind::TcpAttempt
                            if (os == SYN_SENT || os == SYN_ACK_SENT) && rs == INACTIVE =>
                        {
                            tcp.is_active = false;
                            em.ev(ConnEvent::ConnectionAttempt(h));
                            remove = true;
                        }
                        TimerKind::TcpPartialClose => {
                            let (o, r) = (tcp.orig(), tcp.resp());
                            if os != INACTIVE && rs != INACTIVE && (!o.did_close || !r.did_close) {
                                if os == RESET || rs == RESET {
                                    return;
                                }
                                em.ev(ConnEvent::ConnectionPartialClose(h));
                                remove = true;
                            }
                        }
                        TimerKind::TcpReset => {
                            if !tcp.both_closed() {
                                tcp.is_active = false;
                                em.ev(ConnEvent::ConnectionReset(h));
                            }
                            remove = true;
                        }
                        TimerKind::TcpExpire | TimerKind::TcpExpireLater => {
                            let st = em.cfg.tcp_session_timer;
                            // Fired late, after a jump in time: this timer
                            // would re-arm itself every `st` and fire again
                            // within this same advance, once per period up
                            // to now (a jump of years in a fuzzed trace made
                            // that 10^8 firings). Nothing but the time
                            // changes between those firings and the check
                            // below only gets likelier with time, so only
                            // the last of them can matter: go to it.
                            let t = if st > 0.0 && now - t >= st {
                                t + ((now - t) / st).floor() * st
                            } else {
                                t
                            };
                            let (o, r) = (tcp.orig(), tcp.resp());
                            let (odc, rdc) = (o.did_close, r.did_close);
                            let mut handled = false;
                            if c.last_time + em.cfg.tcp_connection_linger < t {
                                if (odc || rdc)
                                    && ((odc && rdc)
                                        || os == RESET
                                        || rs == RESET
                                        || os == INACTIVE
                                        || rs == INACTIVE)
                                {
                                    tcp.is_active = false;
                                    em.opt(EventMask::TIMEOUT, ConnEvent::ConnectionTimeout(h));
                                    remove = true;
                                    handled = true;
                                } else if rs == INACTIVE && os == INACTIVE {
                                    em.opt(EventMask::TIMEOUT, ConnEvent::ConnectionTimeout(h));
                                    remove = true;
                                    handled = true;
                                }
                            }
                            if !handled {
                                // Always later than now, so it cannot fire
                                // again within this advance (a period of
                                // zero or less would otherwise loop).
                                let at = (t + st).max(now.next_up());
                                em.timer(c, at, TimerKind::TcpExpireLater);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        if killed {
            self.stats.killed_by_inactivity += 1;
        }
        if remove {
            self.remove(tm.idx, out);
        }
    }

    /// Decodes and analyzes one packet (timers must have been advanced).
    pub fn dispatch(&mut self, pkt: &RawPacket, out: &mut Vec<ConnEvent>) {
        self.release();
        self.dispatch_inner(pkt, out);
    }

    fn dispatch_inner(&mut self, pkt: &RawPacket, out: &mut Vec<ConnEvent>) {
        self.stats.packets += 1;
        let t = pkt.time();
        self.info = PacketInfo {
            time: t,
            wire_len: pkt.wire_len,
            cap_len: pkt.cap_len(),
            ..Default::default()
        };
        let link = decode::link(pkt, &mut self.info);
        if self.cfg.events.has(EventMask::RAW_PACKET) {
            out.push(ConnEvent::RawPacket);
        }
        match link {
            Link::Ip(off) => {
                let d = pkt.data.get(off..).unwrap_or(&[]);
                let wire_left = pkt.wire_len.saturating_sub(off as u32);
                self.ip_packet(t, d, wire_left, false, out);
            }
            Link::Skipped { unprocessed } => {
                if unprocessed {
                    self.stats.unprocessed += 1;
                }
            }
            Link::Ignored => {
                if self.info.l3 != decode::L3Proto::Arp {
                    self.stats.unprocessed += 1;
                }
            }
            Link::Unknown {
                analyzer,
                protocol,
                offset,
            } => {
                self.stats.unprocessed += 1;
                if self.cfg.events.has(EventMask::UNKNOWN_PROTOCOL) {
                    let fb = pkt.data.get(offset..).unwrap_or(&[]);
                    out.push(ConnEvent::UnknownProtocol {
                        analyzer,
                        protocol,
                        first_bytes: fb[..fb.len().min(10)].to_vec(),
                    });
                }
            }
            Link::Weird(name) => {
                self.stats.unprocessed += 1;
                out.push(ConnEvent::Weird {
                    name,
                    addl: String::new(),
                    scope: WeirdScope::Net,
                })
            }
        }
    }

    fn ip_packet(
        &mut self,
        t: f64,
        d: &[u8],
        wire_left: u32,
        reassembled: bool,
        out: &mut Vec<ConnEvent>,
    ) {
        let ip = match decode::ip(d, wire_left, self.cfg.ignore_checksums, reassembled) {
            Ok(ip) => ip,
            Err(w) => {
                self.stats.unprocessed += 1;
                let scope = match w.flow {
                    Some((s, d)) => WeirdScope::Flow {
                        src: decode::to_ipaddr(&s),
                        dst: decode::to_ipaddr(&d),
                    },
                    None => WeirdScope::Net,
                };
                out.push(ConnEvent::Weird {
                    name: w.name,
                    addl: String::new(),
                    scope,
                });
                return;
            }
        };
        self.info.l3 = if ip.v6 {
            decode::L3Proto::Ipv6
        } else {
            decode::L3Proto::Ipv4
        };
        self.info.ip = Some(ip.fields);
        // Made only for a weird: most packets have none, and the two
        // addresses are a copy worth skipping.
        let flow = || WeirdScope::Flow {
            src: ip.fields.src,
            dst: ip.fields.dst,
        };
        if ip.is_frag {
            if (d.len() as u32) < ip.total_len {
                out.push(ConnEvent::Weird {
                    name: "incompletely_captured_fragment",
                    addl: String::new(),
                    scope: flow(),
                });
                if ip.frag_off != 0 {
                    return;
                }
            } else {
                let mut buf = std::mem::take(&mut self.frag_buf);
                let done = {
                    let mut w = |name: &'static str| {
                        out.push(ConnEvent::Weird {
                            name,
                            addl: String::new(),
                            scope: flow(),
                        })
                    };
                    self.frags.add(t, &ip, &mut buf, &mut w)
                };
                self.stats.fragments = self.frags.len() as u64;
                self.stats.max_fragments = self.stats.max_fragments.max(self.stats.fragments);
                if !done {
                    // Analysis of a datagram waits for its last fragment.
                    self.stats.unprocessed += 1;
                }
                if done {
                    self.stats.fragments_reassembled += 1;
                    let n = buf.len() as u32;
                    self.ip_packet(t, &buf, n, true, out);
                }
                self.frag_buf = buf;
                return;
            }
        }
        let proto = ip.next_proto;
        match proto {
            6 => self.transport(t, &ip, Proto::Tcp, 20, out),
            17 => self.transport(t, &ip, Proto::Udp, 8, out),
            1 | 58 => self.transport(t, &ip, Proto::Icmp, 8, out),
            59 => out.push(ConnEvent::Weird {
                name: "ipv6_no_next",
                addl: String::new(),
                scope: flow(),
            }),
            // Tunnels, ESP and mobility headers: not analyzed here.
            4 | 41 | 47 | 50 | 135 => {}
            _ if self.cfg.track_unknown_ip => self.transport(t, &ip, Proto::Unknown, 0, out),
            _ => {}
        }
    }

    fn transport(&mut self, t: f64, ip: &Ip, proto: Proto, min_hdr: u32, out: &mut Vec<ConnEvent>) {
        let payload_len = ip.total_len - ip.hdr_len;
        let p = ip.payload;
        let flow = || WeirdScope::Flow {
            src: ip.fields.src,
            dst: ip.fields.dst,
        };
        if payload_len != 0 && payload_len < min_hdr {
            out.push(ConnEvent::Weird {
                name: "truncated_header",
                addl: String::new(),
                scope: flow(),
            });
            return;
        } else if (p.len() as u32) < min_hdr {
            out.push(ConnEvent::Weird {
                name: "internally_truncated_header",
                addl: String::new(),
                scope: flow(),
            });
            return;
        }
        let (sp, dp, one_way) = match proto {
            Proto::Tcp | Proto::Udp => (
                u16::from_be_bytes([p[0], p[1]]),
                u16::from_be_bytes([p[2], p[3]]),
                false,
            ),
            Proto::Icmp => {
                let (cp, ow) = icmp_counterpart(ip.next_proto == 58, p[0], p[1]);
                (p[0] as u16, cp as u16, ow)
            }
            Proto::Unknown => (0, 0, false),
        };
        match proto {
            Proto::Tcp => {
                self.info.tcp = Some(TcpFields {
                    sport: sp,
                    dport: dp,
                    seq: u32::from_be_bytes([p[4], p[5], p[6], p[7]]),
                    ack: u32::from_be_bytes([p[8], p[9], p[10], p[11]]),
                    hl: ((p[12] >> 4) as u32) * 4,
                    dl: payload_len.saturating_sub(((p[12] >> 4) as u32) * 4),
                    reserved: p[12] & 0x0f,
                    flags: p[13],
                    win: u16::from_be_bytes([p[14], p[15]]),
                })
            }
            Proto::Udp => {
                self.info.udp = Some(UdpFields {
                    sport: sp,
                    dport: dp,
                    ulen: u16::from_be_bytes([p[4], p[5]]),
                })
            }
            Proto::Icmp => {
                self.info.icmp = Some(IcmpFields {
                    itype: p[0],
                    icode: p[1],
                })
            }
            Proto::Unknown => {}
        }
        let vlans = if self.cfg.vlan_in_key {
            (
                self.info.vlan.unwrap_or(0),
                self.info.inner_vlan.unwrap_or(0),
            )
        } else {
            (0, 0)
        };
        let key = make_key(&ip.src, sp, &ip.dst, dp, ip.next_proto, one_way, vlans);

        let mut idx = self.table.get(&self.slots, &key);
        if let Some(i) = idx {
            if proto == Proto::Tcp && self.tcp_is_reuse(i, t, p, out) {
                let h = ConnHandle {
                    idx: i,
                    gen: self.slots[i as usize].gen,
                };
                if self.cfg.events.has(EventMask::REUSED) {
                    out.push(ConnEvent::ConnectionReused(h));
                }
                self.remove(i, out);
                idx = None;
            }
        }
        let idx = match idx {
            Some(i) => i,
            None => match self.new_conn(t, ip, proto, sp, dp, key, p, out) {
                Some(i) => i,
                None => return,
            },
        };
        let h = ConnHandle {
            idx,
            gen: self.slots[idx as usize].gen,
        };
        let ev_new_packet = self.cfg.events.has(EventMask::NEW_PACKET);
        let (c, mut em) = self.emit(h, out);
        let is_orig = decode::to_ipaddr(&ip.src) == c.id.orig_h && sp == c.id.orig_p;
        // Connection::CheckFlowLabel
        let fl = if is_orig {
            &mut c.orig_flow_label
        } else {
            &mut c.resp_flow_label
        };
        if *fl != ip.flow_label {
            *fl = ip.flow_label;
        }
        if is_orig {
            c.saw_first_orig = true;
        } else {
            c.saw_first_resp = true;
        }
        if ev_new_packet {
            em.ev(ConnEvent::NewPacket(h));
        }
        match proto {
            Proto::Tcp => tcp_deliver(c, &mut em, is_orig, ip, t),
            Proto::Udp => udp_deliver(c, &mut em, is_orig, ip, t),
            Proto::Icmp => icmp_deliver(c, &mut em, is_orig, ip, t),
            Proto::Unknown => {
                c.last_time = t;
                count_packet(c, &mut em, is_orig, ip);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn new_conn(
        &mut self,
        t: f64,
        ip: &Ip,
        proto: Proto,
        sp: u16,
        dp: u16,
        key: Key,
        p: &[u8],
        out: &mut Vec<ConnEvent>,
    ) -> Option<u32> {
        // WantConnection
        let likely = |port: u16| self.cfg.likely_server_ports.contains(&(port, proto));
        let mut flip = false;
        match proto {
            Proto::Tcp => {
                let flags = p[13];
                if flags & TH_SYN == 0 || flags & TH_ACK != 0 {
                    if !self.cfg.partial_connection_ok {
                        return None;
                    }
                    if flags & TH_SYN != 0 && !self.cfg.tcp_syn_ack_ok {
                        return None;
                    }
                    if likely(sp) {
                        flip = if likely(dp) {
                            flags & TH_SYN == 0 && sp < dp
                        } else {
                            true
                        };
                    }
                }
            }
            Proto::Udp => flip = likely(sp) && !likely(dp),
            _ => {}
        }
        let src = decode::to_ipaddr(&ip.src);
        let dst = decode::to_ipaddr(&ip.dst);
        let mut c = Connection {
            id: ConnId {
                orig_h: src,
                orig_p: sp,
                resp_h: dst,
                resp_p: dp,
                proto,
                ip_proto: ip.next_proto,
            },
            start_time: t,
            last_time: t,
            history: compact_str::CompactString::const_new(""),
            uid: self.uids.next_uid(),
            vlan: self.info.vlan.filter(|&v| v != 0),
            inner_vlan: self.info.inner_vlan.filter(|&v| v != 0),
            orig_l2: self.info.l2_src,
            resp_l2: self.info.l2_dst,
            orig_flow_label: ip.flow_label,
            resp_flow_label: 0,
            orig_pkts: 0,
            orig_ip_bytes: 0,
            resp_pkts: 0,
            resp_ip_bytes: 0,
            saw_first_orig: true,
            saw_first_resp: false,
            hist_seen: 0,
            services: 0,
            did_weird: false,
            state: match proto {
                Proto::Tcp => ProtoState::Tcp(Box::new(TcpConn::new())),
                Proto::Udp | Proto::Icmp => ProtoState::Datagram {
                    req: -1,
                    rep: -1,
                    chk: [(0, 1), (0, 1)],
                },
                Proto::Unknown => ProtoState::Other,
            },
            inactivity_timeout: 0.0,
            inact_timer_at: f64::INFINITY,
            inact_epoch: 0,
            analyzer_epoch: 0,
            serial: self.serial,
            key,
            removed: false,
            flips: 0,
            limits: None,
        };
        if self.cfg.events.has(EventMask::GENERIC_THRESHOLD)
            && !self.cfg.generic_packet_thresholds.is_empty()
        {
            let mut l = SizeLimits::default();
            l.next_generic(&self.cfg);
            c.limits = Some(Box::new(l));
        }
        let flipped = flip && !is_broadcast(&dst);
        if flipped {
            flip_roles(&mut c);
        }
        self.serial += 1;
        self.stats.connections += 1;
        match proto {
            Proto::Tcp => self.stats.tcp += 1,
            Proto::Udp => self.stats.udp += 1,
            Proto::Icmp => self.stats.icmp += 1,
            Proto::Unknown => self.stats.other += 1,
        }
        if let Some(k) = proto_slot(proto) {
            self.stats.current[k] += 1;
            self.stats.max[k] = self.stats.max[k].max(self.stats.current[k]);
        }
        let idx = match self.free.pop() {
            Some(i) => {
                self.slots[i as usize].conn = Some(c);
                i
            }
            None => {
                self.slots.push(Slot {
                    gen: 0,
                    conn: Some(c),
                });
                (self.slots.len() - 1) as u32
            }
        };
        self.table.insert(&self.slots, &key, idx);
        let h = ConnHandle {
            idx,
            gen: self.slots[idx as usize].gen,
        };
        let (c, mut em) = self.emit(h, out);
        match proto {
            Proto::Tcp => {
                let at = em.net_time + em.cfg.tcp_syn_timeout;
                em.timer(c, at, TimerKind::TcpExpire);
                let to = em.cfg.udp_inactivity_timeout;
                em.set_inactivity(c, to);
            }
            Proto::Udp => {
                let to = em.cfg.udp_inactivity_timeout;
                em.set_inactivity(c, to);
            }
            Proto::Icmp => {
                let to = em.cfg.icmp_inactivity_timeout;
                em.set_inactivity(c, to);
            }
            Proto::Unknown => {
                let to = em.cfg.unknown_ip_inactivity_timeout;
                em.set_inactivity(c, to);
            }
        }
        // Connection::FlipRoles raises connection_flipped, also for a flip
        // at creation (before new_connection).
        if flipped {
            em.opt(EventMask::FLIPPED, ConnEvent::ConnectionFlipped(h));
        }
        em.ev(ConnEvent::NewConnection(h));
        Some(idx)
    }

    /// TCPSessionAdapter::IsReuse.
    fn tcp_is_reuse(&mut self, idx: u32, t: f64, p: &[u8], out: &mut Vec<ConnEvent>) -> bool {
        if p[12] >> 4 < 5 {
            return false;
        }
        let flags = p[13];
        if flags & TH_SYN == 0 {
            return false;
        }
        let h = ConnHandle {
            idx,
            gen: self.slots[idx as usize].gen,
        };
        let linger = self.cfg.tcp_connection_linger;
        let (c, mut em) = self.emit(h, out);
        let ProtoState::Tcp(tcp) = &c.state else {
            return false;
        };
        let (o, r) = (tcp.orig(), tcp.resp());
        let mut conn_orig = o;
        if flags & TH_ACK != 0 {
            if o.state != INACTIVE {
                return false;
            }
            conn_orig = r;
        }
        let weird: Option<&'static str>;
        if tcp.is_active {
            let base_seq = u32::from_be_bytes([p[4], p[5], p[6], p[7]]);
            if base_seq == conn_orig.start_seq32() {
                return false;
            }
            if flags & TH_ACK == 0
                && conn_orig.state == SYN_ACK_SENT
                && r.state == INACTIVE
                && base_seq == r.start_seq32()
            {
                return false;
            }
            weird = Some(if conn_orig.state == SYN_SENT {
                "SYN_seq_jump"
            } else {
                "active_connection_reuse"
            });
        } else if (o.is_active() || r.is_active()) && o.state != RESET && r.state != RESET {
            weird = Some("active_connection_reuse");
        } else if t - c.last_time < linger && o.state != RESET && r.state != RESET {
            weird = Some("premature_connection_reuse");
        } else {
            weird = None;
        }
        if let Some(w) = weird {
            em.weird(c, w);
        }
        true
    }
}

fn ip16(a: &IpAddr) -> [u8; 16] {
    match a {
        IpAddr::V4(v) => decode::v4_mapped(&v.octets()),
        IpAddr::V6(v) => v.octets(),
    }
}

fn is_broadcast(a: &IpAddr) -> bool {
    matches!(a, IpAddr::V4(v) if v.is_broadcast())
}

/// Zeek's ICMP4_counterpart / ICMP6_counterpart: (counterpart type or the
/// code, one-way?).
pub(crate) fn icmp_counterpart(v6: bool, itype: u8, code: u8) -> (u8, bool) {
    let c = if v6 {
        match itype {
            128 => 129,
            129 => 128,
            133 => 134,
            134 => 133,
            135 => 136,
            136 => 135,
            130 => 131,
            131 => 130,
            139 => 140,
            140 => 139,
            144 => 145,
            145 => 144,
            _ => return (code, true),
        }
    } else {
        match itype {
            8 => 0,
            0 => 8,
            13 => 14,
            14 => 13,
            15 => 16,
            16 => 15,
            10 => 9,
            9 => 10,
            17 => 18,
            18 => 17,
            _ => return (code, true),
        }
    };
    (c, false)
}

/// Connection::FlipRoles (the record part).
fn flip_roles(c: &mut Connection) {
    let id = &mut c.id;
    std::mem::swap(&mut id.orig_h, &mut id.resp_h);
    std::mem::swap(&mut id.orig_p, &mut id.resp_p);
    std::mem::swap(&mut c.orig_l2, &mut c.resp_l2);
    std::mem::swap(&mut c.saw_first_orig, &mut c.saw_first_resp);
    std::mem::swap(&mut c.orig_flow_label, &mut c.resp_flow_label);
    std::mem::swap(&mut c.orig_pkts, &mut c.resp_pkts);
    std::mem::swap(&mut c.orig_ip_bytes, &mut c.resp_ip_bytes);
    match &mut c.state {
        ProtoState::Tcp(t) => t.flip(),
        ProtoState::Datagram { req, rep, chk } => {
            std::mem::swap(req, rep);
            chk.swap(0, 1);
        }
        ProtoState::Other => {}
    }
    c.add_history(b'^');
    c.flips = c.flips.wrapping_add(1);
}

/// The conn-size analyzer: packets and IP bytes per direction, then its
/// thresholds.
fn count_packet(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip) {
    if is_orig {
        c.orig_pkts += 1;
        c.orig_ip_bytes += ip.total_len as u64;
    } else {
        c.resp_pkts += 1;
        c.resp_ip_bytes += ip.total_len as u64;
    }
    if c.limits.is_some() {
        check_thresholds(c, em.h, em.cfg, em.net_time, is_orig, em.out);
    }
}

/// The conn-size analyzer's thresholds of one connection (0: none set).
#[derive(Debug, Clone, Default)]
pub(crate) struct SizeLimits {
    /// Byte thresholds, originator then responder.
    bytes: [u64; 2],
    /// Packet thresholds, originator then responder.
    pkts: [u64; 2],
    /// Seconds since the start; 0 for none.
    duration: f64,
    /// The armed generic packet threshold and the index of the next one.
    generic: u64,
    generic_next: usize,
}

impl SizeLimits {
    fn next_generic(&mut self, cfg: &Config) {
        self.generic = cfg
            .generic_packet_thresholds
            .get(self.generic_next)
            .copied()
            .unwrap_or(0);
        self.generic_next += 1;
    }
}

/// ConnSize's threshold check after a packet of one direction (or after a
/// script set a threshold): each threshold reached reports once and is
/// cleared; the generic one moves on to the next.
fn check_thresholds(
    c: &mut Connection,
    h: ConnHandle,
    cfg: &Config,
    now: f64,
    is_orig: bool,
    out: &mut Vec<ConnEvent>,
) {
    let (pkts, bytes) = if is_orig {
        (c.orig_pkts, c.orig_ip_bytes)
    } else {
        (c.resp_pkts, c.resp_ip_bytes)
    };
    let total = c.orig_pkts + c.resp_pkts;
    let start = c.start_time;
    let Some(l) = c.limits.as_deref_mut() else {
        return;
    };
    let mut ev = |kind, threshold| {
        out.push(ConnEvent::Threshold {
            conn: h,
            kind,
            threshold,
            is_orig,
        })
    };
    if l.generic != 0 && total == l.generic {
        ev(ThresholdKind::GenericPackets, l.generic);
        l.next_generic(cfg);
    }
    let d = usize::from(!is_orig);
    if l.bytes[d] != 0 && bytes >= l.bytes[d] {
        ev(ThresholdKind::Bytes, l.bytes[d]);
        l.bytes[d] = 0;
    }
    if l.pkts[d] != 0 && pkts >= l.pkts[d] {
        ev(ThresholdKind::Packets, l.pkts[d]);
        l.pkts[d] = 0;
    }
    if l.duration != 0.0 && now - start > l.duration {
        ev(ThresholdKind::Duration(l.duration), 0);
        l.duration = 0.0;
    }
}

fn l4_checksum_ok(ip: &Ip, proto: u8, seg: &[u8]) -> bool {
    let acc = cksum::pseudo(&ip.src, &ip.dst, ip.v6, proto, seg.len() as u32);
    cksum::fold(cksum::sum(seg, acc)) == 0xffff
}

fn udp_deliver(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip, t: f64) {
    let data = ip.payload;
    let mut len = (ip.total_len - ip.hdr_len) as usize;
    if len == 0 {
        len = data.len();
    }
    let remaining = data.len();
    count_packet(c, em, is_orig, ip);
    let chksum = u16::from_be_bytes([data[6], data[7]]);
    if !em.cfg.ignore_checksums && remaining >= len {
        let bad = if !ip.v6 {
            chksum != 0 && !l4_checksum_ok(ip, 17, &data[..len])
        } else {
            !l4_checksum_ok(ip, 17, &data[..len])
        };
        if bad {
            em.weird(c, "bad_UDP_checksum");
            if let ProtoState::Datagram { chk, .. } = &mut c.state {
                let mut cc = chk[if is_orig { 0 } else { 1 }];
                c.scaled_history(if is_orig { b'C' } else { b'c' }, &mut cc.0, &mut cc.1);
                if let ProtoState::Datagram { chk, .. } = &mut c.state {
                    chk[if is_orig { 0 } else { 1 }] = cc;
                }
            }
            return;
        }
    }
    let ulen = u16::from_be_bytes([data[4], data[5]]) as i64;
    if ulen != len as i64 {
        em.weird_addl(
            c,
            "UDP_datagram_length_mismatch",
            format!("{} != {}", ulen, len),
        );
    }
    c.last_time = t;
    let plen = ulen - 8;
    if let Some(payload) = data.get(8..len.min(remaining)) {
        let ports = (c.id.orig_p, c.id.resp_p);
        c.services = super::service::udp_payload(c.services, ports, payload);
    }
    let h = em.h;
    if is_orig {
        c.check_history(0x1, b'D');
    } else {
        c.check_history(0x2, b'd');
    }
    if let ProtoState::Datagram { req, rep, .. } = &mut c.state {
        let v = if is_orig { req } else { rep };
        *v = if *v < 0 { plen } else { *v + plen };
    }
    if is_orig {
        em.opt(EventMask::UDP_REQUEST, ConnEvent::UdpRequest(h));
    } else {
        em.opt(EventMask::UDP_REPLY, ConnEvent::UdpReply(h));
    }
}

fn icmp_deliver(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip, t: f64) {
    let data = ip.payload;
    let mut len = (ip.total_len - ip.hdr_len) as usize;
    if len == 0 {
        len = data.len();
    }
    let remaining = data.len();
    let v6 = ip.next_proto == 58;
    if !em.cfg.ignore_checksums && remaining >= len {
        let ok = if v6 {
            l4_checksum_ok(ip, 58, &data[..len])
        } else {
            cksum::valid(&data[..len])
        };
        if !ok {
            em.weird(c, "bad_ICMP_checksum");
            return;
        }
    }
    c.last_time = t;
    let plen = len as i64 - 8;
    if let ProtoState::Datagram { req, rep, .. } = &mut c.state {
        let v = if is_orig { req } else { rep };
        *v = if *v < 0 { plen } else { *v + plen };
    }
    let itype = data[0];
    let is_echo = if v6 {
        itype == 128 || itype == 129
    } else {
        itype == 8 || itype == 0
    };
    if is_echo && em.cfg.events.has(EventMask::ICMP_ECHO) {
        let info = IcmpInfo {
            v6,
            itype,
            icode: data[1],
            len: plen.max(0) as u32,
            ttl: ip.fields.ttl,
        };
        let id = u16::from_be_bytes([data[4], data[5]]);
        let seq = u16::from_be_bytes([data[6], data[7]]);
        let payload = data[8..].to_vec();
        let req = if v6 { itype == 128 } else { itype == 8 };
        let conn = em.h;
        em.ev(if req {
            ConnEvent::IcmpEchoRequest {
                conn,
                info,
                id,
                seq,
                payload,
            }
        } else {
            ConnEvent::IcmpEchoReply {
                conn,
                info,
                id,
                seq,
                payload,
            }
        });
    }
    if remaining >= len {
        count_packet(c, em, is_orig, ip);
    }
}

/// SYN option: window scale, or -1.
fn syn_window_scale(hdr: &[u8]) -> i64 {
    let mut i = 20;
    let mut scale = -1;
    while i < hdr.len() {
        let opt = hdr[i];
        if opt == 0 {
            break;
        }
        if opt == 1 {
            i += 1;
            continue;
        }
        if i + 1 >= hdr.len() {
            break;
        }
        let olen = hdr[i + 1] as usize;
        if i + olen > hdr.len() || olen == 0 {
            break;
        }
        if opt == 3 && olen >= 3 {
            scale = hdr[i + 2] as i64;
        }
        i += olen;
    }
    scale
}

fn get_relative_seq(
    ep: &TcpEndpoint,
    cur: u32,
    last: u32,
    mut wraps: u32,
    underflow: &mut bool,
) -> u64 {
    let delta = seq_delta(cur, last);
    if delta < 0 {
        if wraps > 0 && cur > last {
            wraps -= 1;
        }
    } else if delta > 0 && cur < last {
        wraps += 1;
    }
    if wraps == 0 {
        let d = seq_delta(cur, ep.start_seq32());
        if d < 0 {
            *underflow = true;
        }
        return d as i64 as u64;
    }
    ep.to_relative(cur, wraps)
}

/// TCP_Endpoint::SetState; returns true when the inactivity timeout must
/// switch to `tcp_inactivity_timeout` (handshake finished).
fn set_state(ep: &mut TcpEndpoint, new: u8, peer_state: u8) -> bool {
    if new == ep.state {
        return false;
    }
    let switch = !is_handshake(new) && is_handshake(ep.state) && is_handshake(peer_state);
    ep.prev_state = ep.state;
    ep.state = new;
    switch
}

struct Pkt<'a> {
    flags: u8,
    base_seq: u32,
    ack_seq: u32,
    len: u32,
    hdr: &'a [u8],
    /// The segment's data when all of it was captured.
    payload: &'a [u8],
}

fn tcp_deliver(c: &mut Connection, em: &mut Emit, is_orig: bool, ip: &Ip, t: f64) {
    let data = ip.payload;
    let mut len = (ip.total_len - ip.hdr_len) as i64;
    if len == 0 {
        len = data.len() as i64;
    }
    let mut remaining = data.len() as i64;
    let hdr_len = ((data[12] >> 4) as i64) * 4;
    if hdr_len < 20 {
        em.weird(c, "bad_TCP_header_len");
        return;
    }
    if hdr_len > len || hdr_len > remaining {
        em.weird(c, "truncated_header");
        return;
    }
    len -= hdr_len;
    remaining -= hdr_len;
    let ProtoState::Tcp(mut tcp) = std::mem::replace(&mut c.state, ProtoState::Other) else {
        return;
    };
    let e = tcp.idx(is_orig);
    if !em.cfg.ignore_checksums
        && remaining >= len
        && !l4_checksum_ok(ip, 6, &data[..(hdr_len + len) as usize])
    {
        em.weird(c, "bad_TCP_checksum");
        let ep = &mut tcp.eps[e];
        let mut cc = ep.chk;
        c.scaled_history(if is_orig { b'C' } else { b'c' }, &mut cc.0, &mut cc.1);
        tcp.eps[e].chk = cc;
        c.state = ProtoState::Tcp(tcp);
        return;
    }
    let pk = Pkt {
        flags: data[13],
        base_seq: u32::from_be_bytes([data[4], data[5], data[6], data[7]]),
        ack_seq: u32::from_be_bytes([data[8], data[9], data[10], data[11]]),
        len: len as u32,
        hdr: &data[..hdr_len as usize],
        payload: if remaining >= len {
            &data[hdr_len as usize..(hdr_len + len) as usize]
        } else {
            &[]
        },
    };
    tcp_process(c, em, &mut tcp, e, &pk, remaining >= len, t);
    c.state = ProtoState::Tcp(tcp);
    count_packet(c, em, is_orig, ip);
}

#[allow(clippy::too_many_arguments)]
fn tcp_process(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Pkt,
    have_payload: bool,
    t: f64,
) {
    let p = 1 - e;
    let is_orig = tcp.is_orig_idx(e);
    let f = pk.flags;
    let (syn, fin, rst, ack) = (
        f & TH_SYN != 0,
        f & TH_FIN != 0,
        f & TH_RST != 0,
        f & TH_ACK != 0,
    );
    let len = pk.len;
    let base_seq = pk.base_seq;
    let ack_seq = pk.ack_seq;

    // SetPartialStatus
    if is_orig {
        if tcp.first_packet_seen & 1 == 0 {
            tcp.is_partial = !syn || ack;
        }
    } else if tcp.first_packet_seen & 2 == 0 && !tcp.is_partial {
        tcp.is_partial = !syn;
    }

    let mut seg_len = len as i64;
    if syn {
        seg_len += 1;
    }
    if fin {
        seg_len += 1;
    }
    if rst {
        seg_len -= len as i64;
    }
    let seq_one_past = base_seq.wrapping_add(seg_len as u32);

    // init_endpoint
    {
        let (ep, pp) = tcp.pair(e);
        match ep.state {
            INACTIVE => {
                let mut last = seq_one_past;
                if syn {
                    ep.ack_seq = base_seq;
                    ep.start_seq = base_seq as i64;
                } else {
                    ep.ack_seq = base_seq.wrapping_sub(1);
                    ep.start_seq = base_seq.wrapping_sub(1) as i64;
                    last = base_seq;
                }
                ep.last_seq = last;
                ep.start_time = t;
            }
            SYN_SENT | SYN_ACK_SENT if syn && base_seq != ep.start_seq32() => {
                em.weird(c, "SYN_seq_jump");
                ep.start_seq = base_seq as i64;
                ep.ack_seq = base_seq;
                ep.last_seq = seq_one_past;
            }
            ESTABLISHED | PARTIAL if syn => {
                if ep.size(pp) > 0 {
                    em.weird(c, "SYN_inside_connection");
                }
                if base_seq != ep.start_seq32() {
                    em.weird(c, "SYN_seq_jump");
                }
                ep.start_seq = base_seq as i64;
                ep.ack_seq = base_seq;
                ep.last_seq = seq_one_past;
            }
            RESET if syn && ep.prev_state == INACTIVE => {
                ep.start_seq = base_seq as i64;
                ep.ack_seq = base_seq;
                ep.last_seq = seq_one_past;
            }
            _ => {}
        }
    }

    let mut seq_underflow = false;
    let rel_seq = {
        let ep = &tcp.eps[e];
        get_relative_seq(ep, base_seq, ep.last_seq, ep.seq_wraps, &mut seq_underflow)
    };
    if seq_underflow && !rst {
        em.weird(c, "TCP_seq_underflow_or_misorder");
    }

    // update_history
    {
        let shift = if is_orig { 0 } else { 16 };
        let lc = |ch: u8| if is_orig { ch } else { ch.to_ascii_lowercase() };
        let bits = syn as u8 + fin as u8 + rst as u8;
        let ep = &mut tcp.eps[e];
        if bits > 1 {
            if fin && rst {
                c.check_history(0x8 << shift, lc(b'I'));
            } else {
                c.check_history(0x40 << shift, lc(b'Q'));
            }
        } else if bits == 1 {
            if syn {
                let code = lc(if ack { b'H' } else { b'S' });
                if c.check_history(0x1 << shift, code) && rel_seq != ep.hist_last_syn {
                    c.add_history(code);
                }
                ep.hist_last_syn = rel_seq;
            }
            if fin {
                let fs = rel_seq.wrapping_add(len as u64);
                if c.check_history(0x2 << shift, lc(b'F')) && fs != ep.hist_last_fin {
                    c.add_history(lc(b'F'));
                }
                ep.hist_last_fin = fs;
            }
            if rst {
                if c.check_history(0x4 << shift, lc(b'R')) && rel_seq != ep.hist_last_rst {
                    c.add_history(lc(b'R'));
                }
                ep.hist_last_rst = rel_seq;
            }
        } else if len > 0 {
            c.check_history(0x10 << shift, lc(b'D'));
        } else if ack {
            c.check_history(0x20 << shift, lc(b'A'));
        }
    }

    // update_window
    {
        let win = u16::from_be_bytes([pk.hdr[14], pk.hdr[15]]) as u32;
        let (ep, pp) = tcp.pair(e);
        let scale = ep.window_scale.min(14);
        let window = win << scale;
        if window == 0 && !rst && pp.state != CLOSED && ep.state != RESET {
            let mut w = ep.win0;
            c.scaled_history(if is_orig { b'W' } else { b'w' }, &mut w.0, &mut w.1);
            ep.win0 = w;
        }
        if !syn
            && !fin
            && !rst
            && ep.state != CLOSED
            && ep.state != RESET
            && seq_delta(base_seq, ep.window_seq) >= 0
            && seq_delta(ack_seq, ep.window_ack_seq) >= 0
        {
            let new_edge = ack_seq.wrapping_add(window);
            let old_edge = ep.window_ack_seq.wrapping_add(ep.window);
            let advance = seq_delta(new_edge, old_edge);
            if advance < 0 && (-(advance as i64)) >= (1i64 << scale) {
                em.weird(c, "window_recision");
            }
            ep.window = window;
            ep.window_ack_seq = ack_seq;
            ep.window_seq = base_seq;
        }
    }

    if !tcp.orig().did_close || !tcp.resp().did_close {
        c.last_time = t;
    }

    if syn {
        if rst {
            em.weird(c, "TCP_christmas");
        }
        if f & TH_URG != 0 {
            em.weird(c, "baroque_SYN");
        }
        if len > 0 {
            em.weird(c, "SYN_with_data");
        }
        // init_window
        let mut scale = syn_window_scale(pk.hdr);
        let (ep, pp) = tcp.pair(e);
        if scale < 0 {
            ep.window_scale = 0;
            if ack {
                pp.window_scale = 0;
            }
        } else {
            if scale > 14 {
                if !c.did_weird {
                    em.weird_addl(c, "TCP_scale_range", scale.to_string());
                }
                scale = 14;
            }
            let (ep, pp) = tcp.pair(e);
            ep.window_scale = scale as u32;
            ep.window_seq = base_seq;
            ep.window_ack_seq = ack_seq;
            pp.window_seq = ack_seq;
            pp.window_ack_seq = base_seq;
        }
    }

    if fin {
        let ep = &mut tcp.eps[e];
        ep.fin_cnt += 1;
        let storm = ep.fin_cnt >= em.cfg.tcp_storm_thresh
            && t < ep.last_time + em.cfg.tcp_storm_interarrival_thresh;
        ep.fin_seq = rel_seq.wrapping_add(seg_len as u64);
        if storm {
            em.weird(c, "FIN_storm");
        }
    }
    if rst {
        let ep = &mut tcp.eps[e];
        ep.rst_cnt += 1;
        if ep.rst_cnt >= em.cfg.tcp_storm_thresh
            && t < ep.last_time + em.cfg.tcp_storm_interarrival_thresh
        {
            em.weird(c, "RST_storm");
        }
    }

    let mut rel_ack = 0u64;
    if ack {
        let est = tcp.eps[e].state;
        if is_orig && !tcp.seen_first_ack && (est == ESTABLISHED || est == SYN_SENT) {
            tcp.seen_first_ack = true;
            em.opt(EventMask::FIRST_ACK, ConnEvent::ConnectionFirstAck(em.h));
        }
        if tcp.eps[p].state == INACTIVE {
            rel_ack = 1;
            // init_peer
            if !syn
                && !fin
                && !rst
                && matches!(est, SYN_SENT | SYN_ACK_SENT | ESTABLISHED)
                && !c.did_weird
            {
                em.weird(c, "possible_split_routing");
            }
            let pp = &mut tcp.eps[p];
            pp.start_seq = ack_seq.wrapping_sub(1) as i64;
            pp.ack_seq = ack_seq.wrapping_sub(1);
            pp.last_seq = ack_seq.wrapping_sub(1);
        } else {
            let mut under = false;
            let pp = &tcp.eps[p];
            rel_ack = get_relative_seq(pp, ack_seq, pp.ack_seq, pp.ack_wraps, &mut under);
            if under {
                rel_ack = 0;
                em.weird(c, "TCP_ack_underflow_or_misorder");
            } else if !rst {
                let pp = &mut tcp.eps[p];
                let d = seq_delta(ack_seq, pp.ack_seq);
                if ack_seq == 0 && d > TOO_LARGE_SEQ_DELTA {
                } else if d > 0 {
                    pp.update_ack_seq(ack_seq);
                }
            }
        }
    }

    // update_last_seq
    let delta_last = {
        let ep = &mut tcp.eps[e];
        let d = seq_delta(seq_one_past, ep.last_seq);
        if (syn || rst) && !(-TOO_LARGE_SEQ_DELTA..=TOO_LARGE_SEQ_DELTA).contains(&d) {
        } else if fin && ep.last_seq == ep.start_seq32().wrapping_add(1) {
            ep.update_last_seq(seq_one_past);
        } else if ep.state == RESET {
        } else if d > 0 {
            ep.update_last_seq(seq_one_past);
        } else if len > 0 {
            let mut r = ep.rxmt;
            c.scaled_history(if is_orig { b'T' } else { b't' }, &mut r.0, &mut r.1);
            ep.rxmt = r;
        }
        ep.last_time = t;
        d
    };

    let (do_close, gen_event) = update_state_machine(c, em, tcp, e, pk, delta_last, t);

    if ack {
        let partial = tcp.is_partial;
        let mut gaps = std::mem::take(em.gaps);
        gaps.clear();
        tcp.eps[p].ack_received(rel_ack, partial, &mut gaps);
        report_gaps(c, em, tcp, p, &gaps);
        *em.gaps = gaps;
        // CheckEOF of the acked endpoint's reassembler.
        let (pp, ep) = tcp.pair(p);
        if pp.check_eof(ep) {
            endpoint_eof(c, em, tcp, p, t);
        }
    }

    // PIA first-packet bookkeeping.
    tcp.first_packet_seen |= if is_orig { 1 } else { 2 };

    let rel_data_seq = if syn {
        rel_seq.wrapping_add(1)
    } else {
        rel_seq
    };
    if len > 0 && !rst && !seq_underflow {
        if have_payload && !super::service::Opening::done(c.services) {
            let o = tcp.opening.get_or_insert_with(Default::default);
            c.services = o.add(c.services, is_orig, rel_data_seq, pk.payload);
            if super::service::Opening::done(c.services) {
                tcp.opening = None;
            }
        }
        if have_payload {
            let keep = em.cfg.events.has(EventMask::REXMIT);
            let peer_active = tcp.eps[p].last_time != 0.0;
            let ep = &mut tcp.eps[e];
            ep.reasm.keep_data = keep;
            let mut rexmit = Vec::new();
            let w = ep.data_sent(
                rel_data_seq,
                len as u64,
                pk.payload,
                peer_active,
                &mut rexmit,
            );
            for (old, new) in rexmit {
                em.ev(ConnEvent::RexmitInconsistency {
                    conn: em.h,
                    old,
                    new,
                    flags: flag_letters(f),
                });
            }
            if let Some(w) = w {
                em.weird(c, w);
            }
        } else {
            em.weird(c, "truncated_tcp_payload");
        }
    }
    if em.cfg.events.has(EventMask::HTTP) && have_payload && !rst && !seq_underflow {
        http_segment(c, em, tcp, is_orig, rel_data_seq, pk.payload, fin);
    }
    {
        let (ep, pp) = tcp.pair(e);
        if ep.check_eof(pp) {
            endpoint_eof(c, em, tcp, e, t);
        }
    }
    if do_close {
        connection_closed(c, em, tcp, e, gen_event, t);
    }
}

/// Feeds a segment to the connection's HTTP analyzer, attaching one on
/// the originator's first payload where it fits (see `http::wanted`).
/// Off an HTTP port, its events wait until the service recognizer has
/// seen an HTTP reply (Zeek's dynamic protocol detection likewise
/// confirms HTTP by the reply); if the reply is something else, the
/// analyzer goes.
fn http_segment(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    is_orig: bool,
    seq: u64,
    data: &[u8],
    fin: bool,
) {
    use super::http::{wanted, HttpConn};
    use super::service::{Opening, HTTP};
    if tcp.http.is_none() {
        if tcp.http_tried || !is_orig || seq != 1 || data.is_empty() {
            return;
        }
        tcp.http_tried = true;
        match wanted(c.id.resp_p, data) {
            Some(confirmed) => {
                let bodies = em.cfg.events.has(EventMask::HTTP_BODY);
                tcp.http = Some(Box::new(HttpConn::new(confirmed).with_bodies(bodies)));
            }
            None => return,
        }
    }
    let Some(a) = tcp.http.as_deref_mut() else {
        return;
    };
    let mut out = Vec::new();
    if c.services & HTTP != 0 {
        a.confirm(&mut out);
    }
    a.segment(is_orig, seq, data, em.net_time, &mut out);
    if fin && a.delivered_to(is_orig) == seq + data.len() as u64 {
        a.eof(is_orig, &mut out);
    }
    if !a.confirmed() && Opening::done(c.services) && c.services & HTTP == 0 {
        tcp.http = None;
        return;
    }
    if a.dead() {
        // Both directions gave up: nothing more to parse.
        tcp.http = None;
    }
    let h = em.h;
    for ev in out {
        em.ev(ConnEvent::Http { conn: h, ev });
    }
}

/// TCP flags as Zeek spells them in events: S F R A P U.
fn flag_letters(f: u8) -> String {
    [
        (TH_SYN, 'S'),
        (TH_FIN, 'F'),
        (TH_RST, 'R'),
        (TH_ACK, 'A'),
        (0x08, 'P'),
        (TH_URG, 'U'),
    ]
    .iter()
    .filter(|(b, _)| f & b != 0)
    .map(|(_, ch)| *ch)
    .collect()
}

fn report_gaps(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    gaps: &[(u64, u64)],
) {
    if gaps.is_empty() {
        return;
    }
    let clean = tcp.eps[e].is_clean() && tcp.eps[1 - e].is_clean();
    if !clean {
        return;
    }
    let is_orig = tcp.is_orig_idx(e);
    for &(seq, len) in gaps {
        let mut g = tcp.eps[e].gap;
        c.scaled_history(if is_orig { b'G' } else { b'g' }, &mut g.0, &mut g.1);
        tcp.eps[e].gap = g;
        em.opt(
            EventMask::CONTENT_GAP,
            ConnEvent::ContentGap {
                conn: em.h,
                is_orig,
                seq,
                len,
            },
        );
    }
}

fn endpoint_eof(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, e: usize, t: f64) {
    if tcp.close_deferred {
        let p = 1 - e;
        if tcp.eps[e].data_pending(&tcp.eps[p]) && tcp.both_closed() {
            em.weird(c, "pending_data_when_closed");
        }
        let g = tcp.deferred_gen_event;
        connection_closed(c, em, tcp, e, g, t);
        tcp.close_deferred = false;
    }
}

fn connection_finished(em: &mut Emit, tcp: &mut TcpConn, half: bool) {
    em.ev(if half {
        ConnEvent::ConnectionHalfFinished(em.h)
    } else {
        ConnEvent::ConnectionFinished(em.h)
    });
    tcp.is_active = false;
}

fn connection_reset(em: &mut Emit, tcp: &mut TcpConn) {
    em.ev(ConnEvent::ConnectionReset(em.h));
    tcp.is_active = false;
}

fn connection_closed(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    mut gen_event: bool,
    _t: f64,
) {
    let p = 1 - e;
    if tcp.eps[e].data_pending(&tcp.eps[p]) {
        tcp.close_deferred = true;
        if !tcp.deferred_gen_event {
            tcp.deferred_gen_event = gen_event;
        }
        return;
    }
    tcp.close_deferred = false;
    if tcp.eps[e].did_close {
        return;
    }
    tcp.eps[e].did_close = true;
    let (es, eprev) = (tcp.eps[e].state, tcp.eps[e].prev_state);
    let (ps, pdc) = (tcp.eps[p].state, tcp.eps[p].did_close);
    let close_complete = es == RESET || pdc || ps == INACTIVE;
    if close_complete {
        if eprev != INACTIVE || ps != INACTIVE {
            if tcp.deferred_gen_event {
                gen_event = true;
                tcp.deferred_gen_event = false;
            }
            if gen_event {
                connection_finished(em, tcp, ps == INACTIVE);
            }
        }
        // CancelTimers (the analyzer's) and schedule the removal.
        c.analyzer_epoch = c.analyzer_epoch.wrapping_add(1);
        let at = c.last_time + em.cfg.tcp_close_delay;
        em.timer(c, at, TimerKind::Delete);
    } else if eprev == INACTIVE {
        if em.cfg.events.has(EventMask::PARTIAL_CLOSE) {
            let at = c.last_time + em.cfg.tcp_partial_close_delay;
            em.timer(c, at, TimerKind::TcpPartialClose);
        }
    } else {
        let at = c.last_time + em.cfg.tcp_session_timer;
        em.timer(c, at, TimerKind::TcpExpireLater);
    }
}

/// Applies a state change and the inactivity switch it may imply.
fn st(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, e: usize, new: u8) {
    let ps = tcp.eps[1 - e].state;
    if set_state(&mut tcp.eps[e], new, ps) {
        let to = em.cfg.tcp_inactivity_timeout;
        em.set_inactivity(c, to);
    }
}

fn update_state_machine(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Pkt,
    delta_last: i32,
    t: f64,
) -> (bool, bool) {
    let p = 1 - e;
    let f = pk.flags;
    let (syn, fin, rst, ack) = (
        f & TH_SYN != 0,
        f & TH_FIN != 0,
        f & TH_RST != 0,
        f & TH_ACK != 0,
    );
    let len = pk.len;
    let mut do_close = false;
    let mut gen_event = false;
    let is_orig = tcp.is_orig_idx(e);
    match tcp.eps[e].state {
        INACTIVE => {
            if syn {
                if is_orig {
                    if ack {
                        em.weird(c, "connection_originator_SYN_ack");
                        st(c, em, tcp, e, SYN_ACK_SENT);
                    } else {
                        st(c, em, tcp, e, SYN_SENT);
                    }
                    if em.cfg.tcp_attempt_delay != 0.0 {
                        let at = t + em.cfg.tcp_attempt_delay;
                        em.timer(c, at, TimerKind::TcpAttempt);
                    }
                } else {
                    let ps = tcp.eps[p].state;
                    if ack {
                        if ps != INACTIVE && ps != PARTIAL {
                            let pp = &tcp.eps[p];
                            let lo = pp.start_seq32();
                            let hi = pp.last_seq;
                            let between =
                                seq_delta(pk.ack_seq, lo) >= 0 && seq_delta(hi, pk.ack_seq) >= 0;
                            if !between {
                                em.weird(c, "bad_SYN_ack");
                            }
                        }
                    } else if ps == SYN_ACK_SENT && pk.base_seq == tcp.eps[e].start_seq32() {
                        // SYN / SYN-ACK reversal: flip and establish.
                        tcp.is_partial = false;
                        flip_conn(c, em, tcp);
                        st(c, em, tcp, p, ESTABLISHED);
                        tcp.first_packet_seen |= if tcp.is_orig_idx(e) { 1 } else { 2 };
                    } else {
                        em.weird(c, "simultaneous_open");
                    }
                    let ps = tcp.eps[p].state;
                    if ps == SYN_SENT {
                        st(c, em, tcp, p, ESTABLISHED);
                    } else if ps == INACTIVE {
                        em.weird(c, "unsolicited_SYN_response");
                    }
                    st(c, em, tcp, e, ESTABLISHED);
                    if tcp.eps[p].state != PARTIAL {
                        em.ev(ConnEvent::ConnectionEstablished(em.h));
                    }
                }
            }
            if fin {
                st(c, em, tcp, e, CLOSED);
                do_close = true;
                gen_event = true;
                if tcp.eps[p].state != PARTIAL && !syn {
                    em.weird(c, "spontaneous_FIN");
                }
            }
            if rst {
                st(c, em, tcp, e, RESET);
                let is_orig = tcp.is_orig_idx(e);
                let ps = tcp.eps[p].state;
                let is_reject = if is_orig {
                    ps == ESTABLISHED
                } else {
                    ps == SYN_SENT || ps == SYN_ACK_SENT
                };
                do_close = true;
                gen_event = !is_reject;
                if is_reject {
                    em.ev(ConnEvent::ConnectionRejected(em.h));
                } else if ps == INACTIVE {
                    em.weird(c, "spontaneous_RST");
                }
            }
            if tcp.eps[e].state == INACTIVE {
                let is_orig = tcp.is_orig_idx(e);
                if !is_orig && len == 0 && tcp.orig().state == SYN_SENT {
                } else if ack && tcp.eps[p].state == ESTABLISHED {
                    st(c, em, tcp, e, ESTABLISHED);
                    tcp.is_partial = false;
                    tcp.first_packet_seen |= if is_orig { 1 } else { 2 };
                } else {
                    st(c, em, tcp, e, PARTIAL);
                    if tcp.eps[p].state == PARTIAL {
                        em.ev(ConnEvent::PartialConnection(em.h));
                    }
                }
            }
        }
        SYN_SENT | SYN_ACK_SENT => {
            let es = tcp.eps[e].state;
            if syn {
                if is_orig {
                    if ack && !fin && !rst && es != SYN_ACK_SENT {
                        em.weird(c, "repeated_SYN_with_ack");
                    }
                } else if !ack && es != SYN_SENT {
                    em.weird(c, "repeated_SYN_reply_wo_ack");
                }
            }
            if fin {
                let ps = tcp.eps[p].state;
                if ps == INACTIVE || ps == SYN_SENT {
                    em.weird(c, "inappropriate_FIN");
                }
                st(c, em, tcp, e, CLOSED);
                do_close = true;
                gen_event = true;
            }
            if rst {
                st(c, em, tcp, e, RESET);
                connection_reset(em, tcp);
                do_close = true;
            } else if len > 0 {
                em.weird(c, "data_before_established");
            }
        }
        ESTABLISHED | PARTIAL => {
            if syn && tcp.eps[e].state == PARTIAL && tcp.eps[p].state == INACTIVE && !ack {
                em.weird(c, "SYN_after_partial");
                st(c, em, tcp, e, SYN_SENT);
            }
            if fin && !rst {
                st(c, em, tcp, e, CLOSED);
                let pp = &tcp.eps[p];
                if pp.state == RESET && pp.prev_state == CLOSED {
                    st(c, em, tcp, p, CLOSED);
                }
                do_close = true;
                gen_event = true;
            }
            if rst {
                st(c, em, tcp, e, RESET);
                do_close = true;
                let pp = &tcp.eps[p];
                if pp.state != RESET || pp.prev_state != ESTABLISHED {
                    connection_reset(em, tcp);
                }
            }
        }
        CLOSED => {
            if syn {
                em.weird(c, "SYN_after_close");
            }
            if fin && delta_last > 0 {
                em.weird(c, "FIN_advanced_last_seq");
            }
            if rst && tcp.eps[p].state != CLOSED {
                st(c, em, tcp, e, RESET);
                if !tcp.eps[e].did_close {
                    do_close = true;
                }
                let at = t + em.cfg.tcp_reset_delay;
                em.timer(c, at, TimerKind::TcpReset);
            }
        }
        RESET => {
            if syn {
                em.weird(c, "SYN_after_reset");
            }
            if fin {
                em.weird(c, "FIN_after_reset");
            }
            if len > 0 && !rst {
                em.weird(c, "data_after_reset");
            }
        }
        _ => {}
    }
    (do_close, gen_event)
}

/// Connection::FlipRoles for a TCP connection mid-analysis.
fn flip_conn(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn) {
    // The TCP state is held outside the record while it is analyzed.
    tcp.flip();
    flip_roles(c);
    em.opt(EventMask::FLIPPED, ConnEvent::ConnectionFlipped(em.h));
}

#[cfg(test)]
mod size_budget {
    //! Every tracked connection carries these, so their sizes are the
    //! per-connection memory (issue: at most 1 KiB beyond the script's
    //! record). A field added carelessly shows up here first.
    use super::*;

    #[test]
    fn per_connection_state_stays_small() {
        let sizes = (
            std::mem::size_of::<Slot>(),
            std::mem::size_of::<TcpConn>(),
            std::mem::size_of::<Timer>(),
        );
        eprintln!("slot, tcp, timer: {sizes:?}");
        assert!(sizes.0 <= 304, "Slot is {} bytes", sizes.0);
        assert!(sizes.1 <= 376, "TcpConn is {} bytes", sizes.1);
        assert!(sizes.2 <= 32, "Timer is {} bytes", sizes.2);
    }
}
