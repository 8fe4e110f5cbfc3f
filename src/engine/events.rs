//! The events the engine raises, found once among the scripts' handlers:
//! an event nobody handles is not raised, and the tracker is told (its
//! event mask) not to compute the optional ones at all.

use std::rc::Rc;

use super::lookup::handled;
use crate::eval::Interp;
use crate::packet::{ConnEvent, EventMask};
use crate::runtime::func::FuncVal;

/// The events the engine raises, each present only if a script handles it.
#[derive(Default)]
pub(super) struct Events {
    pub(super) new_connection: Option<Rc<FuncVal>>,
    pub(super) connection_established: Option<Rc<FuncVal>>,
    pub(super) connection_attempt: Option<Rc<FuncVal>>,
    pub(super) partial_connection: Option<Rc<FuncVal>>,
    pub(super) connection_finished: Option<Rc<FuncVal>>,
    pub(super) connection_half_finished: Option<Rc<FuncVal>>,
    pub(super) connection_reset: Option<Rc<FuncVal>>,
    pub(super) connection_rejected: Option<Rc<FuncVal>>,
    pub(super) connection_partial_close: Option<Rc<FuncVal>>,
    pub(super) connection_pending: Option<Rc<FuncVal>>,
    pub(super) connection_timeout: Option<Rc<FuncVal>>,
    pub(super) connection_first_ack: Option<Rc<FuncVal>>,
    pub(super) connection_flipped: Option<Rc<FuncVal>>,
    pub(super) connection_reused: Option<Rc<FuncVal>>,
    pub(super) connection_state_remove: Option<Rc<FuncVal>>,
    pub(super) new_packet: Option<Rc<FuncVal>>,
    pub(super) raw_packet: Option<Rc<FuncVal>>,
    pub(super) udp_request: Option<Rc<FuncVal>>,
    pub(super) udp_reply: Option<Rc<FuncVal>>,
    pub(super) icmp_echo_request: Option<Rc<FuncVal>>,
    pub(super) icmp_echo_reply: Option<Rc<FuncVal>>,
    pub(super) icmp_sent: Option<Rc<FuncVal>>,
    pub(super) icmp_sent_payload: Option<Rc<FuncVal>>,
    pub(super) icmp_error_message: Option<Rc<FuncVal>>,
    pub(super) icmp_unreachable: Option<Rc<FuncVal>>,
    pub(super) icmp_packet_too_big: Option<Rc<FuncVal>>,
    pub(super) icmp_time_exceeded: Option<Rc<FuncVal>>,
    pub(super) icmp_parameter_problem: Option<Rc<FuncVal>>,
    pub(super) icmp_router_solicitation: Option<Rc<FuncVal>>,
    pub(super) icmp_router_advertisement: Option<Rc<FuncVal>>,
    pub(super) icmp_neighbor_solicitation: Option<Rc<FuncVal>>,
    pub(super) icmp_neighbor_advertisement: Option<Rc<FuncVal>>,
    pub(super) icmp_redirect: Option<Rc<FuncVal>>,
    pub(super) icmpv6_mld_report_v1: Option<Rc<FuncVal>>,
    pub(super) icmpv6_mld_done_v1: Option<Rc<FuncVal>>,
    pub(super) icmpv6_mld_report_v2: Option<Rc<FuncVal>>,
    pub(super) content_gap: Option<Rc<FuncVal>>,
    pub(super) conn_weird: Option<Rc<FuncVal>>,
    pub(super) flow_weird: Option<Rc<FuncVal>>,
    pub(super) net_weird: Option<Rc<FuncVal>>,
    pub(super) unknown_protocol: Option<Rc<FuncVal>>,
    pub(super) network_time_init: Option<Rc<FuncVal>>,
    pub(super) net_done: Option<Rc<FuncVal>>,
    pub(super) file_done: Option<Rc<FuncVal>>,
    pub(super) packet_contents: Option<Rc<FuncVal>>,
    pub(super) udp_contents: Option<Rc<FuncVal>>,
    pub(super) conn_bytes_threshold_crossed: Option<Rc<FuncVal>>,
    pub(super) conn_packets_threshold_crossed: Option<Rc<FuncVal>>,
    pub(super) conn_duration_threshold_crossed: Option<Rc<FuncVal>>,
    pub(super) conn_generic_packet_threshold_crossed: Option<Rc<FuncVal>>,
    pub(super) rexmit_inconsistency: Option<Rc<FuncVal>>,
}

impl Events {
    pub(super) fn find(interp: &Interp) -> Events {
        let h = |n: &str| handled(interp, n);
        Events {
            new_connection: h("new_connection"),
            connection_established: h("connection_established"),
            connection_attempt: h("connection_attempt"),
            partial_connection: h("partial_connection"),
            connection_finished: h("connection_finished"),
            connection_half_finished: h("connection_half_finished"),
            connection_reset: h("connection_reset"),
            connection_rejected: h("connection_rejected"),
            connection_partial_close: h("connection_partial_close"),
            connection_pending: h("connection_pending"),
            connection_timeout: h("connection_timeout"),
            connection_first_ack: h("connection_first_ACK"),
            connection_flipped: h("connection_flipped"),
            connection_reused: h("connection_reused"),
            connection_state_remove: h("connection_state_remove"),
            new_packet: h("new_packet"),
            raw_packet: h("raw_packet"),
            udp_request: h("udp_request"),
            udp_reply: h("udp_reply"),
            icmp_echo_request: h("icmp_echo_request"),
            icmp_echo_reply: h("icmp_echo_reply"),
            icmp_sent: h("icmp_sent"),
            icmp_sent_payload: h("icmp_sent_payload"),
            icmp_error_message: h("icmp_error_message"),
            icmp_unreachable: h("icmp_unreachable"),
            icmp_packet_too_big: h("icmp_packet_too_big"),
            icmp_time_exceeded: h("icmp_time_exceeded"),
            icmp_parameter_problem: h("icmp_parameter_problem"),
            icmp_router_solicitation: h("icmp_router_solicitation"),
            icmp_router_advertisement: h("icmp_router_advertisement"),
            icmp_neighbor_solicitation: h("icmp_neighbor_solicitation"),
            icmp_neighbor_advertisement: h("icmp_neighbor_advertisement"),
            icmp_redirect: h("icmp_redirect"),
            icmpv6_mld_report_v1: h("icmpv6_mld_report_v1"),
            icmpv6_mld_done_v1: h("icmpv6_mld_done_v1"),
            icmpv6_mld_report_v2: h("icmpv6_mld_report_v2"),
            content_gap: h("content_gap"),
            conn_weird: h("conn_weird"),
            flow_weird: h("flow_weird"),
            net_weird: h("net_weird"),
            unknown_protocol: h("unknown_protocol"),
            network_time_init: h("network_time_init"),
            net_done: h("net_done"),
            file_done: h("Pcap::file_done"),
            packet_contents: h("packet_contents"),
            udp_contents: h("udp_contents"),
            conn_bytes_threshold_crossed: h("conn_bytes_threshold_crossed"),
            conn_packets_threshold_crossed: h("conn_packets_threshold_crossed"),
            conn_duration_threshold_crossed: h("conn_duration_threshold_crossed"),
            conn_generic_packet_threshold_crossed: h("conn_generic_packet_threshold_crossed"),
            rexmit_inconsistency: h("rexmit_inconsistency"),
        }
    }

    /// The tracker's optional events: those some script handles.
    pub(super) fn mask(&self) -> EventMask {
        let mut m = 0;
        let mut on = |bit: u64, f: &Option<Rc<FuncVal>>| {
            if f.is_some() {
                m |= bit;
            }
        };
        on(EventMask::NEW_PACKET, &self.new_packet);
        // packet_contents comes where new_packet does, udp_contents just
        // before udp_request / udp_reply.
        on(EventMask::NEW_PACKET, &self.packet_contents);
        on(
            EventMask::UDP_REQUEST | EventMask::UDP_REPLY,
            &self.udp_contents,
        );
        on(EventMask::RAW_PACKET, &self.raw_packet);
        on(EventMask::UDP_REQUEST, &self.udp_request);
        on(EventMask::UDP_REPLY, &self.udp_reply);
        on(EventMask::ICMP_ECHO, &self.icmp_echo_request);
        on(EventMask::ICMP_ECHO, &self.icmp_echo_reply);
        on(EventMask::ICMP_SENT, &self.icmp_sent);
        on(EventMask::ICMP_SENT_PAYLOAD, &self.icmp_sent_payload);
        on(EventMask::ICMP_ERROR_MESSAGE, &self.icmp_error_message);
        on(EventMask::ICMP_UNREACHABLE, &self.icmp_unreachable);
        on(EventMask::ICMP_PACKET_TOO_BIG, &self.icmp_packet_too_big);
        on(EventMask::ICMP_TIME_EXCEEDED, &self.icmp_time_exceeded);
        on(
            EventMask::ICMP_PARAMETER_PROBLEM,
            &self.icmp_parameter_problem,
        );
        on(
            EventMask::ICMP_ROUTER_SOLICITATION,
            &self.icmp_router_solicitation,
        );
        on(
            EventMask::ICMP_ROUTER_ADVERTISEMENT,
            &self.icmp_router_advertisement,
        );
        on(
            EventMask::ICMP_NEIGHBOR_SOLICITATION,
            &self.icmp_neighbor_solicitation,
        );
        on(
            EventMask::ICMP_NEIGHBOR_ADVERTISEMENT,
            &self.icmp_neighbor_advertisement,
        );
        on(EventMask::ICMP_REDIRECT, &self.icmp_redirect);
        on(EventMask::ICMP_MLD_REPORT_V1, &self.icmpv6_mld_report_v1);
        on(EventMask::ICMP_MLD_DONE_V1, &self.icmpv6_mld_done_v1);
        on(EventMask::ICMP_MLD_REPORT_V2, &self.icmpv6_mld_report_v2);
        on(EventMask::CONTENT_GAP, &self.content_gap);
        on(EventMask::FIRST_ACK, &self.connection_first_ack);
        on(EventMask::PARTIAL_CLOSE, &self.connection_partial_close);
        on(EventMask::PENDING, &self.connection_pending);
        on(EventMask::UNKNOWN_PROTOCOL, &self.unknown_protocol);
        on(EventMask::TIMEOUT, &self.connection_timeout);
        on(EventMask::FLIPPED, &self.connection_flipped);
        on(EventMask::REUSED, &self.connection_reused);
        on(EventMask::REXMIT, &self.rexmit_inconsistency);
        on(
            EventMask::GENERIC_THRESHOLD,
            &self.conn_generic_packet_threshold_crossed,
        );
        EventMask(m)
    }

    /// The handler of a tracker event that passes only the connection
    /// (a change of its state).
    #[inline]
    pub(super) fn for_state_change(&self, ev: &ConnEvent) -> Option<Rc<FuncVal>> {
        use ConnEvent::*;
        let f = match ev {
            NewConnection(_) => &self.new_connection,
            ConnectionEstablished(_) => &self.connection_established,
            ConnectionAttempt(_) => &self.connection_attempt,
            PartialConnection(_) => &self.partial_connection,
            ConnectionFinished(_) => &self.connection_finished,
            ConnectionHalfFinished(_) => &self.connection_half_finished,
            ConnectionReset(_) => &self.connection_reset,
            ConnectionRejected(_) => &self.connection_rejected,
            ConnectionPartialClose(_) => &self.connection_partial_close,
            ConnectionPending(_) => &self.connection_pending,
            ConnectionTimeout(_) => &self.connection_timeout,
            ConnectionFirstAck(_) => &self.connection_first_ack,
            ConnectionFlipped(_) => &self.connection_flipped,
            ConnectionReused(_) => &self.connection_reused,
            ConnectionStateRemove(_) => &self.connection_state_remove,
            UdpRequest(_) => &self.udp_request,
            UdpReply(_) => &self.udp_reply,
            _ => return None,
        };
        f.clone()
    }
}
