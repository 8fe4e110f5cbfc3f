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
pub struct EventMask(pub u64);

impl EventMask {
    pub const NEW_PACKET: u64 = 1;
    pub const RAW_PACKET: u64 = 1 << 1;
    pub const UDP_REQUEST: u64 = 1 << 2;
    pub const UDP_REPLY: u64 = 1 << 3;
    pub const ICMP_ECHO: u64 = 1 << 4;
    pub const CONTENT_GAP: u64 = 1 << 5;
    pub const FIRST_ACK: u64 = 1 << 6;
    pub const PARTIAL_CLOSE: u64 = 1 << 7;
    pub const PENDING: u64 = 1 << 8;
    pub const UNKNOWN_PROTOCOL: u64 = 1 << 9;
    pub const TIMEOUT: u64 = 1 << 10;
    pub const FLIPPED: u64 = 1 << 11;
    pub const REUSED: u64 = 1 << 12;
    /// `conn_generic_packet_threshold_crossed`: arms
    /// [`Config::generic_packet_thresholds`] on every new connection.
    pub const GENERIC_THRESHOLD: u64 = 1 << 13;
    /// `rexmit_inconsistency`: TCP data is kept to compare retransmissions.
    pub const REXMIT: u64 = 1 << 14;
    /// HTTP events: the HTTP analyzer is attached where it fits.
    pub const HTTP: u64 = 1 << 15;
    /// HTTP body bytes in the events (`http_entity_data`), not only
    /// their count.
    pub const HTTP_BODY: u64 = 1 << 16;
    /// `icmp_sent`.
    pub const ICMP_SENT: u64 = 1 << 17;
    /// `icmp_sent_payload`: the payload is copied into the event.
    pub const ICMP_SENT_PAYLOAD: u64 = 1 << 18;
    pub const ICMP_UNREACHABLE: u64 = 1 << 19;
    pub const ICMP_TIME_EXCEEDED: u64 = 1 << 20;
    pub const ICMP_PARAMETER_PROBLEM: u64 = 1 << 21;
    pub const ICMP_PACKET_TOO_BIG: u64 = 1 << 22;
    /// `icmp_error_message`: the ICMPv6 errors without an event of their own.
    pub const ICMP_ERROR_MESSAGE: u64 = 1 << 23;
    /// The neighbor discovery events (each parses the message's options,
    /// with the weirds that may give, only when handled, as Zeek does).
    pub const ICMP_ROUTER_SOLICITATION: u64 = 1 << 24;
    pub const ICMP_ROUTER_ADVERTISEMENT: u64 = 1 << 25;
    pub const ICMP_NEIGHBOR_SOLICITATION: u64 = 1 << 26;
    pub const ICMP_NEIGHBOR_ADVERTISEMENT: u64 = 1 << 27;
    pub const ICMP_REDIRECT: u64 = 1 << 28;
    /// `icmpv6_mld_report_v1`, `icmpv6_mld_done_v1`, `icmpv6_mld_report_v2`.
    /// MLD messages are checked for truncation (weirds) without them too.
    pub const ICMP_MLD_REPORT_V1: u64 = 1 << 29;
    pub const ICMP_MLD_DONE_V1: u64 = 1 << 30;
    pub const ICMP_MLD_REPORT_V2: u64 = 1 << 31;
    /// Every ICMP message event: without any, the ICMP analyzer looks at
    /// no message body (beyond MLD's truncation checks).
    pub const ICMP_ANY: u64 = Self::ICMP_ECHO
        | Self::ICMP_SENT
        | Self::ICMP_SENT_PAYLOAD
        | Self::ICMP_UNREACHABLE
        | Self::ICMP_TIME_EXCEEDED
        | Self::ICMP_PARAMETER_PROBLEM
        | Self::ICMP_PACKET_TOO_BIG
        | Self::ICMP_ERROR_MESSAGE
        | Self::ICMP_ROUTER_SOLICITATION
        | Self::ICMP_ROUTER_ADVERTISEMENT
        | Self::ICMP_NEIGHBOR_SOLICITATION
        | Self::ICMP_NEIGHBOR_ADVERTISEMENT
        | Self::ICMP_REDIRECT
        | Self::ICMP_MLD_REPORT_V1
        | Self::ICMP_MLD_DONE_V1
        | Self::ICMP_MLD_REPORT_V2;
    pub const NONE: EventMask = EventMask(0);
    pub const ALL: EventMask = EventMask(u64::MAX);

    /// Whether any of `bits` is set.
    pub fn has(self, bits: u64) -> bool {
        self.0 & bits != 0
    }
}

impl Default for EventMask {
    /// Everything except the per-packet events (ICMP's among them) and the HTTP analysis
    /// (whose parsing is work only a script's handlers justify).
    fn default() -> Self {
        EventMask(
            !(Self::NEW_PACKET
                | Self::RAW_PACKET
                | Self::UDP_REQUEST
                | Self::UDP_REPLY
                | Self::ICMP_ANY
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
