//! Counters: what the tracker reports about itself (`get_conn_stats`,
//! the end-of-run summary).

use crate::conn::Proto;

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

/// Where a protocol counts in [`Stats::current`] and [`Stats::max`].
pub(super) fn proto_slot(p: Proto) -> Option<usize> {
    match p {
        Proto::Tcp => Some(0),
        Proto::Udp => Some(1),
        Proto::Icmp => Some(2),
        Proto::Unknown => None,
    }
}
