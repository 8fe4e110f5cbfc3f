//! What the tracker is told: its settings ([`Config`], Zeek's defaults)
//! and which optional events to generate ([`EventMask`]).
//!
//! Plain data, read by every other part of the tracker; it depends on
//! nothing but [`Proto`].

use ahash::AHashSet;

use crate::conn::Proto;

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
    /// Key connections by VLAN tags too (Zeek's `vlan_fivetuple` conn key).
    pub vlan_in_key: bool,
    /// Track connections for IP protocols other than TCP/UDP/ICMP (Zeek 8's
    /// `unknown_transport` connections).
    pub track_unknown_ip: bool,
    pub drain_order: DrainOrder,
    pub events: EventMask,
    /// Zeek's `ConnThreshold::generic_packet_thresholds`, ascending: the
    /// packet counts (both directions together) at which a connection
    /// reports [`ConnEvent::Threshold`](crate::ConnEvent::Threshold) of kind
    /// [`ThresholdKind::GenericPackets`](crate::ThresholdKind::GenericPackets).
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
            vlan_in_key: false,
            track_unknown_ip: true,
            drain_order: DrainOrder::SortedKey,
            events: EventMask::default(),
            generic_packet_thresholds: Vec::new(),
        }
    }
}
