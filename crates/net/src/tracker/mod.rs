//! The tracker: the connection table, Zeek's per-protocol session logic
//! and the connection timers, driven one packet at a time.
//!
//! One file per job, in the order a packet meets them:
//!
//! | module | job |
//! | --- | --- |
//! | `config` | settings and the optional-event mask |
//! | `events` | what is reported ([`ConnEvent`]) |
//! | `stats` | counters ([`Stats`], [`ConnStats`]) |
//! | `table` | slots owning the connections, the index by key |
//! | `timers` | timer kinds and the queue ordering them |
//! | `emit` | the per-connection sink for events, weirds and timers |
//! | `dispatch` | link → IP → transport: from a raw packet to a connection |
//! | `create` | Zeek's WantConnection and a new connection's set-up |
//! | `expire` | timers firing, removal, the end-of-input drain |
//! | `thresholds` | the conn-size analyzer and its thresholds |
//! | `udp`, `icmp` | the datagram protocols' session logic |
//! | `tcp` | the TCP session logic (TCPSessionAdapter) |
//!
//! This file holds the [`Tracker`] itself and its read-only API. The
//! modules that add to `Tracker` (`dispatch`, `create`, `expire`,
//! `thresholds`, `emit`, `tcp`) depend on this file; this file depends
//! only on the data modules (`config`, `events`, `stats`, `table`,
//! `timers`), so no two of them import each other.

mod config;
mod create;
mod dispatch;
mod emit;
mod events;
mod expire;
mod icmp;
mod stats;
mod table;
mod tcp;
mod thresholds;
mod timers;
mod udp;

pub use config::{Config, DrainOrder, EventMask};
pub use events::{ConnEvent, IcmpError, IcmpInfo, IcmpMessage, ThresholdKind, WeirdScope};
pub use stats::{ConnStats, Stats};

use crate::conn::{ConnHandle, ConnId, Connection, Proto};
use crate::decode::PacketInfo;
use crate::frag::Fragments;
use crate::key::{icmp_counterpart, ip16, make_key};
use table::{live_conn, ConnTable, Slot};
use timers::TimerQueue;

/// Tracks connections over a packet stream and reports Zeek's events.
pub struct Tracker {
    cfg: Config,
    table: ConnTable,
    slots: Vec<Slot>,
    free: Vec<u32>,
    pending_free: Vec<u32>,
    timers: TimerQueue,
    timer_seq: u64,
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

impl Default for Tracker {
    fn default() -> Self {
        Tracker::new(Config::default())
    }
}

impl Tracker {
    pub fn new(cfg: Config) -> Tracker {
        Tracker {
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
}

#[cfg(test)]
mod size_budget {
    //! Every tracked connection carries these, so their sizes are the
    //! per-connection memory (issue: at most 1 KiB beyond the script's
    //! record). A field added carelessly shows up here first.
    use super::table::Slot;
    use super::timers::Timer;
    use crate::tcp::TcpConn;

    #[test]
    fn per_connection_state_stays_small() {
        let sizes = (
            std::mem::size_of::<Slot>(),
            std::mem::size_of::<TcpConn>(),
            std::mem::size_of::<Timer>(),
        );
        eprintln!("slot, tcp, timer: {sizes:?}");
        assert!(sizes.0 <= 288, "Slot is {} bytes", sizes.0);
        assert!(sizes.1 <= 376, "TcpConn is {} bytes", sizes.1);
        assert!(sizes.2 <= 32, "Timer is {} bytes", sizes.2);
    }
}
