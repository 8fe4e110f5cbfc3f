//! Connection data as Zeek's `connection` record holds it, in plain Rust.
//!
//! Data and the small operations on it (history letters, a role flip);
//! the analysis that fills it in is the tracker's. It sits above
//! `tcp` (a TCP connection holds its endpoints' state) and `key` (a
//! connection holds its key), below the tracker.

use std::net::IpAddr;

use crate::key::Key;
use crate::tcp::TcpConn;

/// TCP endpoint states as Zeek numbers them (defined with the endpoint
/// state, in the crate's `tcp` module).
pub use crate::tcp::tcp_state;

/// A connection's transport protocol, as Zeek's `transport_proto` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Proto {
    Unknown,
    Tcp,
    Udp,
    Icmp,
}

impl Proto {
    /// Zeek's name for it (`tcp`, `udp`, `icmp`, `unknown`).
    pub fn name(self) -> &'static str {
        match self {
            Proto::Unknown => "unknown",
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Icmp => "icmp",
        }
    }
}

/// Identifies a connection in a [`crate::Tracker`]. Stays valid while the
/// connection is tracked and, once removed, until the next mutating call on
/// the tracker (so `connection_state_remove` can still read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConnHandle {
    pub(crate) idx: u32,
    pub(crate) gen: u32,
}

impl ConnHandle {
    /// A dense index (slots are reused after removal).
    pub fn index(self) -> u32 {
        self.idx
    }
    /// Distinguishes successive connections in the same slot.
    pub fn generation(self) -> u32 {
        self.gen
    }
}

/// Zeek's `conn_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnId {
    pub orig_h: IpAddr,
    pub orig_p: u16,
    pub resp_h: IpAddr,
    pub resp_p: u16,
    /// Transport protocol of the ports (`tcp`, `udp`, `icmp`, `unknown`).
    pub proto: Proto,
    /// IP protocol number (`conn_id$proto`): 6, 17, 1, 58, ...
    pub ip_proto: u8,
}

/// Zeek's `endpoint` record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Endpoint {
    /// Bytes sent (TCP: from sequence numbers; UDP/ICMP: payload bytes).
    pub size: u64,
    /// TCP: `TCP_INACTIVE`(0) .. `TCP_RESET`(6); UDP/ICMP: 0 inactive, 1 active.
    pub state: u8,
    /// Packets and IP-level bytes (the conn-size analyzer's counters).
    pub num_pkts: u64,
    pub num_bytes_ip: u64,
    pub flow_label: u32,
    /// Link-layer address, when the link has one.
    pub l2_addr: Option<[u8; 6]>,
}

/// Per-protocol state.
#[derive(Debug, Clone)]
pub(crate) enum ProtoState {
    Tcp(Box<TcpConn>),
    /// UDP and ICMP: request/reply payload byte counts, -1 until a packet
    /// is seen; checksum-error history counters (UDP).
    Datagram {
        req: i64,
        rep: i64,
        chk: [(u32, u32); 2],
    },
    Other,
}

/// The conn-size analyzer's thresholds of one connection (0: none set).
#[derive(Debug, Clone, Default)]
pub(crate) struct SizeLimits {
    /// Byte thresholds, originator then responder.
    pub(crate) bytes: [u64; 2],
    /// Packet thresholds, originator then responder.
    pub(crate) pkts: [u64; 2],
    /// Seconds since the start; 0 for none.
    pub(crate) duration: f64,
    /// The armed generic packet threshold and the index of the next one.
    pub(crate) generic: u64,
    pub(crate) generic_next: usize,
}

impl SizeLimits {
    /// Arms the next of the ascending generic packet `thresholds` (none
    /// when they are used up).
    pub(crate) fn next_generic(&mut self, thresholds: &[u64]) {
        self.generic = thresholds.get(self.generic_next).copied().unwrap_or(0);
        self.generic_next += 1;
    }
}

/// One tracked connection: Zeek's `connection` record plus the analyzer
/// state behind it.
#[derive(Debug, Clone)]
pub struct Connection {
    pub id: ConnId,
    pub start_time: f64,
    /// Time of the last packet that counted as activity.
    pub last_time: f64,
    /// Zeek's history letters.
    /// Inline up to 24 letters (nearly every history), so a connection
    /// costs no allocation for it.
    pub history: compact_str::CompactString,
    pub vlan: Option<u16>,
    pub inner_vlan: Option<u16>,
    pub(crate) orig_l2: Option<[u8; 6]>,
    pub(crate) resp_l2: Option<[u8; 6]>,
    pub(crate) orig_flow_label: u32,
    pub(crate) resp_flow_label: u32,
    pub(crate) orig_pkts: u64,
    pub(crate) orig_ip_bytes: u64,
    pub(crate) resp_pkts: u64,
    pub(crate) resp_ip_bytes: u64,
    pub(crate) saw_first_orig: bool,
    pub(crate) saw_first_resp: bool,
    pub(crate) hist_seen: u32,
    /// Application protocols recognized so far (`service` bits).
    pub(crate) services: u8,
    pub(crate) did_weird: bool,
    pub(crate) state: ProtoState,
    pub(crate) inactivity_timeout: f64,
    pub(crate) inact_timer_at: f64,
    pub(crate) inact_epoch: u32,
    pub(crate) analyzer_epoch: u32,
    pub(crate) serial: u64,
    pub(crate) key: Key,
    pub(crate) removed: bool,
    /// How often the roles flipped (wrapping), so a holder of the
    /// script's record can tell its id and endpoints need swapping.
    pub(crate) flips: u16,
    /// Thresholds of the conn-size analyzer, once any is set.
    pub(crate) limits: Option<Box<SizeLimits>>,
}

impl Connection {
    /// `last_time - start_time`.
    pub fn duration(&self) -> f64 {
        self.last_time - self.start_time
    }

    /// Order of creation (0 for the first connection of a tracker).
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// How often the roles flipped (wrapping): a holder of the script's
    /// record compares it with the count it saw to know its id and
    /// endpoints need swapping.
    pub fn flips(&self) -> u16 {
        self.flips
    }

    /// The application protocols recognized so far, as `service` bits.
    pub fn services(&self) -> u8 {
        self.services
    }

    /// Whether a weird was already reported for this connection.
    pub fn had_weird(&self) -> bool {
        self.did_weird
    }

    /// The originator endpoint record.
    pub fn orig(&self) -> Endpoint {
        self.endpoint(true)
    }

    /// The responder endpoint record.
    pub fn resp(&self) -> Endpoint {
        self.endpoint(false)
    }

    fn endpoint(&self, is_orig: bool) -> Endpoint {
        let (size, state) = match &self.state {
            ProtoState::Tcp(t) => {
                let (e, p) = if is_orig {
                    (t.orig(), t.resp())
                } else {
                    (t.resp(), t.orig())
                };
                (e.size(p), e.state)
            }
            ProtoState::Datagram { req, rep, .. } => {
                let v = if is_orig { *req } else { *rep };
                if v < 0 {
                    (0, 0)
                } else {
                    (v as u64, 1)
                }
            }
            ProtoState::Other => (0, 0),
        };
        Endpoint {
            size,
            state,
            num_pkts: if is_orig {
                self.orig_pkts
            } else {
                self.resp_pkts
            },
            num_bytes_ip: if is_orig {
                self.orig_ip_bytes
            } else {
                self.resp_ip_bytes
            },
            flow_label: if is_orig {
                self.orig_flow_label
            } else {
                self.resp_flow_label
            },
            l2_addr: if is_orig { self.orig_l2 } else { self.resp_l2 },
        }
    }

    /// For TCP: whether the connection is still active in the TCP
    /// analyzer's sense (not finished, reset, or given up on).
    pub fn tcp_active(&self) -> Option<bool> {
        match &self.state {
            ProtoState::Tcp(t) => Some(t.is_active),
            _ => None,
        }
    }

    /// Connection::FlipRoles (the record part): originator and responder
    /// swap, and the history notes it with `^`.
    pub(crate) fn flip_roles(&mut self) {
        let id = &mut self.id;
        std::mem::swap(&mut id.orig_h, &mut id.resp_h);
        std::mem::swap(&mut id.orig_p, &mut id.resp_p);
        std::mem::swap(&mut self.orig_l2, &mut self.resp_l2);
        std::mem::swap(&mut self.saw_first_orig, &mut self.saw_first_resp);
        std::mem::swap(&mut self.orig_flow_label, &mut self.resp_flow_label);
        std::mem::swap(&mut self.orig_pkts, &mut self.resp_pkts);
        std::mem::swap(&mut self.orig_ip_bytes, &mut self.resp_ip_bytes);
        match &mut self.state {
            ProtoState::Tcp(t) => t.flip(),
            ProtoState::Datagram { req, rep, chk } => {
                std::mem::swap(req, rep);
                chk.swap(0, 1);
            }
            ProtoState::Other => {}
        }
        self.add_history(b'^');
        self.flips = self.flips.wrapping_add(1);
    }

    pub(crate) fn add_history(&mut self, c: u8) {
        self.history.push(c as char);
    }

    /// Zeek's `Session::CheckHistory`: adds `code` the first time `mask` is seen.
    /// Returns true if the mask had been seen before.
    pub(crate) fn check_history(&mut self, mask: u32, code: u8) -> bool {
        if self.hist_seen & mask == 0 {
            self.hist_seen |= mask;
            self.add_history(code);
            false
        } else {
            true
        }
    }

    /// Zeek's `ScaledHistoryEntry`: the letter at 1, 10, 100, ... occurrences.
    pub(crate) fn scaled_history(
        &mut self,
        code: u8,
        counter: &mut u32,
        threshold: &mut u32,
    ) -> bool {
        *counter += 1;
        if *counter == *threshold {
            self.add_history(code);
            match threshold.checked_mul(10) {
                Some(n) => *threshold = n,
                None => *counter = 0,
            }
            true
        } else {
            false
        }
    }
}
