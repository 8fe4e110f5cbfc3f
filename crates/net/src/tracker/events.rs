//! What the tracker reports: [`ConnEvent`]s in Zeek's order, and the
//! data they carry ([`WeirdScope`], [`IcmpInfo`], [`IcmpMessage`],
//! [`ThresholdKind`]).
//!
//! A consumer decides from these alone what to do: whether a weird ended
//! the packet's processing, for instance, is a field of the weird, not
//! something to infer from its name.

use std::net::IpAddr;

use crate::conn::ConnHandle;
use crate::http::HttpEvent;
use crate::icmp::{IcmpContext, MldRecord, NdOption};

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

/// Which event an ICMP error message raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcmpError {
    /// `icmp_unreachable` (ICMP type 3, ICMPv6 type 1).
    Unreachable,
    /// `icmp_packet_too_big` (ICMPv6 type 2).
    PacketTooBig,
    /// `icmp_time_exceeded` (ICMP type 11, ICMPv6 type 3).
    TimeExceeded,
    /// `icmp_parameter_problem` (ICMPv6 type 4).
    ParameterProblem,
    /// `icmp_error_message`: the other ICMPv6 types below 128.
    Other,
}

/// An ICMP message with an event of its own (besides echo), with what
/// the event passes. The message's code is `info.icode`.
#[derive(Debug, Clone, PartialEq)]
pub enum IcmpMessage {
    /// `icmp_sent` (and `icmp_sent_payload` with the payload, when that
    /// is handled): the messages without an event of their own.
    Sent {
        info: IcmpInfo,
        payload: Option<Vec<u8>>,
    },
    /// An error message and the packet it quotes.
    Error {
        kind: IcmpError,
        info: IcmpInfo,
        context: IcmpContext,
    },
    RouterSolicitation {
        info: IcmpInfo,
        options: Vec<NdOption>,
    },
    RouterAdvertisement {
        info: IcmpInfo,
        cur_hop_limit: u8,
        /// The flags byte: managed, other, home agent, preference (2
        /// bits), proxy, reserved (2 bits).
        flags: u8,
        /// Seconds.
        router_lifetime: u16,
        /// Milliseconds.
        reachable_time: u32,
        /// Milliseconds.
        retrans_timer: u32,
        options: Vec<NdOption>,
    },
    NeighborSolicitation {
        info: IcmpInfo,
        tgt: IpAddr,
        options: Vec<NdOption>,
    },
    NeighborAdvertisement {
        info: IcmpInfo,
        /// The flags byte: router, solicited, override.
        flags: u8,
        tgt: IpAddr,
        options: Vec<NdOption>,
    },
    Redirect {
        info: IcmpInfo,
        tgt: IpAddr,
        dest: IpAddr,
        options: Vec<NdOption>,
    },
    /// `icmpv6_mld_report_v1`, or `icmpv6_mld_done_v1` if `done`.
    MldV1 { done: bool, group: IpAddr },
    /// `icmpv6_mld_report_v2`.
    MldV2 { groups: Vec<MldRecord> },
}

/// What happened, in Zeek's order. Connection events carry a handle; read
/// the connection with [`Tracker::conn`](crate::Tracker::conn) (valid for removed connections
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
    /// `new_packet(c, p)`: the header is [`Tracker::last_packet`](crate::Tracker::last_packet).
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
    /// Any other ICMP message event (boxed: made only when handled).
    Icmp {
        conn: ConnHandle,
        msg: Box<IcmpMessage>,
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
        /// Zeek stops processing the packet at this weird: the packet is
        /// not delivered further and not counted on its connection, so a
        /// record made for the weird shows the counts as they are.
        drops_packet: bool,
        /// The tracker appended a history letter for this weird (a bad
        /// checksum's `C`/`c`, at the 1st, 10th, 100th ... one) that Zeek
        /// appends only after raising it: a record made for the weird
        /// leaves the history's last letter out.
        history_after: bool,
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
        ev: HttpEvent,
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
    /// A weird after which processing of the packet goes on.
    pub(crate) fn weird(name: &'static str, scope: WeirdScope) -> ConnEvent {
        ConnEvent::Weird {
            name,
            addl: String::new(),
            scope,
            drops_packet: false,
            history_after: false,
        }
    }

    /// A weird at which Zeek drops the packet (its `drops_packet`).
    pub(crate) fn dropping_weird(name: &'static str, scope: WeirdScope) -> ConnEvent {
        ConnEvent::Weird {
            name,
            addl: String::new(),
            scope,
            drops_packet: true,
            history_after: false,
        }
    }

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
            | Icmp { conn, .. }
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
