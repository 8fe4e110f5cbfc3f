//! The tracker's settings, from the scripts' globals (Zeek's
//! `tcp_inactivity_timeout`, `likely_server_ports`, ...): a global the
//! scripts do not declare keeps the tracker's default.

use ahash::AHashSet;

use super::lookup::{global_bool, global_count, global_double, global_set};
use crate::eval::Interp;
use crate::packet::{Config, EventMask};
use crate::runtime::value::Value;

/// The tracker's configuration; `events`: the optional events wanted.
pub(super) fn tracker_config(interp: &Interp, events: EventMask, no_checksums: bool) -> Config {
    let d = Config::default();
    let mut likely = AHashSet::new();
    for v in global_set(interp, "likely_server_ports") {
        if let Value::Port(p) = v {
            likely.insert((p.num as u16, p.packet_proto()));
        }
    }
    Config {
        ignore_checksums: no_checksums || global_bool(interp, "ignore_checksums", false),
        tcp_inactivity_timeout: global_double(
            interp,
            "tcp_inactivity_timeout",
            d.tcp_inactivity_timeout,
        ),
        udp_inactivity_timeout: global_double(
            interp,
            "udp_inactivity_timeout",
            d.udp_inactivity_timeout,
        ),
        icmp_inactivity_timeout: global_double(
            interp,
            "icmp_inactivity_timeout",
            d.icmp_inactivity_timeout,
        ),
        unknown_ip_inactivity_timeout: global_double(
            interp,
            "unknown_ip_inactivity_timeout",
            d.unknown_ip_inactivity_timeout,
        ),
        tcp_syn_timeout: global_double(interp, "tcp_SYN_timeout", d.tcp_syn_timeout),
        tcp_session_timer: global_double(interp, "tcp_session_timer", d.tcp_session_timer),
        tcp_connection_linger: global_double(
            interp,
            "tcp_connection_linger",
            d.tcp_connection_linger,
        ),
        tcp_attempt_delay: global_double(interp, "tcp_attempt_delay", d.tcp_attempt_delay),
        tcp_close_delay: global_double(interp, "tcp_close_delay", d.tcp_close_delay),
        tcp_reset_delay: global_double(interp, "tcp_reset_delay", d.tcp_reset_delay),
        tcp_partial_close_delay: global_double(
            interp,
            "tcp_partial_close_delay",
            d.tcp_partial_close_delay,
        ),
        tcp_storm_thresh: global_count(interp, "tcp_storm_thresh", d.tcp_storm_thresh as u64)
            as u32,
        tcp_storm_interarrival_thresh: global_double(
            interp,
            "tcp_storm_interarrival_thresh",
            d.tcp_storm_interarrival_thresh,
        ),
        frag_timeout: global_double(interp, "frag_timeout", d.frag_timeout),
        partial_connection_ok: global_bool(
            interp,
            "partial_connection_ok",
            d.partial_connection_ok,
        ),
        tcp_syn_ack_ok: global_bool(interp, "tcp_SYN_ack_ok", d.tcp_syn_ack_ok),
        likely_server_ports: likely,
        events,
        generic_packet_thresholds: {
            let mut v: Vec<u64> = global_set(interp, "ConnThreshold::generic_packet_thresholds")
                .iter()
                .filter_map(|v| match v {
                    Value::Count(n) if *n > 0 => Some(*n),
                    _ => None,
                })
                .collect();
            v.sort_unstable();
            v
        },
        ..d
    }
}
