//! The ICMP message events (`icmp_sent`, the error messages, neighbor
//! discovery, MLD): their arguments built from what the tracker read,
//! with the record, vector and enum types looked up once. The tracker
//! reads a message only for a handled event, so everything here runs
//! only for one.

use std::cell::RefCell;
use std::rc::Rc;

use super::headers::port;
use super::packet_ctx::At;
use super::records::Shape;
use super::Run;
use crate::eval::Interp;
use crate::packet::icmp::{IcmpContext, MldRecord, NdOption, NdValue};
use crate::packet::{ConnHandle, IcmpError, IcmpMessage, Tracker};
use crate::runtime::func::FuncVal;
use crate::runtime::types::{EnumConst, Type, TypeRef};
use crate::runtime::value::{Value, VectorVal};

/// The types of the ICMP events' arguments.
pub(super) struct IcmpRecords {
    context: Option<Shape>,
    conn_id: Option<Shape>,
    option: Option<Shape>,
    prefix: Option<Shape>,
    options: Option<TypeRef>,
    mar: Option<Shape>,
    mars: Option<TypeRef>,
    addrs: Option<TypeRef>,
    group_type: Option<TypeRef>,
}

impl IcmpRecords {
    pub(super) fn new(interp: &Interp) -> IcmpRecords {
        IcmpRecords {
            context: Shape::of(
                interp,
                "icmp_context",
                &[
                    "id",
                    "len",
                    "proto",
                    "frag_offset",
                    "bad_hdr_len",
                    "bad_checksum",
                    "MF",
                    "DF",
                ],
            ),
            conn_id: Shape::of(
                interp,
                "conn_id",
                &["orig_h", "orig_p", "resp_h", "resp_p", "proto"],
            ),
            option: Shape::of(
                interp,
                "icmp6_nd_option",
                &[
                    "otype",
                    "len",
                    "link_address",
                    "prefix",
                    "redirect",
                    "mtu",
                    "payload",
                ],
            ),
            prefix: Shape::of(
                interp,
                "icmp6_nd_prefix_info",
                &[
                    "prefix_len",
                    "L_flag",
                    "A_flag",
                    "valid_lifetime",
                    "preferred_lifetime",
                    "prefix",
                ],
            ),
            options: interp.named_type("icmp6_nd_options"),
            mar: Shape::of(
                interp,
                "icmp6_mldv2_mar",
                &[
                    "group_type",
                    "aux_data_len",
                    "num_sources",
                    "multicast_addr",
                    "sources",
                    "aux_data",
                ],
            ),
            mars: interp.named_type("icmp6_mldv2_mar_vec"),
            addrs: interp.named_type("addr_vec"),
            group_type: interp.named_type("icmp6_mldv2_group_type"),
        }
    }

    /// An `icmp_context` record.
    fn context(&self, interp: &mut Interp, cx: &IcmpContext) -> Value {
        let Some(s) = &self.context else {
            return Value::Unset;
        };
        let id = match &self.conn_id {
            Some(ids) => ids.build(
                interp,
                vec![
                    Value::addr(cx.src),
                    port(cx.sport, cx.proto),
                    Value::addr(cx.dst),
                    port(cx.dport, cx.proto),
                    Value::Count(u64::from(cx.ip_proto)),
                ],
            ),
            None => Value::Unset,
        };
        s.build(
            interp,
            vec![
                id,
                Value::Count(u64::from(cx.len)),
                // Zeek's TransportProto: unknown, tcp, udp, icmp.
                Value::Count(cx.proto as u64),
                Value::Count(u64::from(cx.frag_offset)),
                Value::Bool(cx.bad_hdr_len),
                Value::Bool(cx.bad_checksum),
                Value::Bool(cx.mf),
                Value::Bool(cx.df),
            ],
        )
    }

    /// An `icmp6_nd_options` vector.
    fn options(&self, interp: &mut Interp, opts: &[NdOption]) -> Value {
        let (Some(ty), Some(s)) = (&self.options, &self.option) else {
            return Value::Unset;
        };
        let mut items = Vec::with_capacity(opts.len());
        for o in opts {
            let mut vals = vec![Value::Unset; 7];
            vals[0] = Value::Count(u64::from(o.otype));
            vals[1] = Value::Count(u64::from(o.len));
            match &o.value {
                NdValue::LinkAddress(a) => vals[2] = Value::str(a),
                NdValue::Prefix(p) => {
                    if let Some(ps) = &self.prefix {
                        vals[3] = ps.build(
                            interp,
                            vec![
                                Value::Count(u64::from(p.prefix_len)),
                                Value::Bool(p.l_flag),
                                Value::Bool(p.a_flag),
                                Value::Interval(f64::from(p.valid_lifetime)),
                                Value::Interval(f64::from(p.preferred_lifetime)),
                                Value::addr(p.prefix),
                            ],
                        );
                    }
                }
                NdValue::Redirect(cx) => vals[4] = self.context(interp, cx),
                NdValue::Mtu(m) => vals[5] = Value::Count(u64::from(*m)),
                NdValue::Payload(p) => vals[6] = Value::str(p),
            }
            items.push(s.build(interp, vals));
        }
        vector(ty, items)
    }

    /// An `icmp6_mldv2_mar_vec`.
    fn mld_records(&self, interp: &mut Interp, groups: &[MldRecord]) -> Value {
        let (Some(ty), Some(s)) = (&self.mars, &self.mar) else {
            return Value::Unset;
        };
        let mut items = Vec::with_capacity(groups.len());
        for g in groups {
            let sources = match &self.addrs {
                Some(at) => vector(at, g.sources.iter().map(|a| Value::addr(*a)).collect()),
                None => Value::Unset,
            };
            let aux = g.aux.as_deref().map(Value::str).unwrap_or(Value::Unset);
            let vals = vec![
                self.group_type(g.group_type),
                Value::Count(u64::from(g.aux_len)),
                Value::Count(u64::from(g.num_sources)),
                Value::addr(g.addr),
                sources,
                aux,
            ];
            items.push(s.build(interp, vals));
        }
        vector(ty, items)
    }

    /// The `icmp6_mldv2_group_type` of a record's type byte; one the enum
    /// lacks prints as Zeek prints it, `<undefined>`.
    fn group_type(&self, v: u8) -> Value {
        let Some(Type::Enum(et)) = self.group_type.as_deref() else {
            return Value::Unset;
        };
        let c = et.lookup(i64::from(v)).unwrap_or_else(|| {
            Rc::new(EnumConst {
                name: "<undefined>".to_string(),
                value: i64::from(v),
                type_name: "icmp6_mldv2_group_type".to_string(),
                ty: Rc::downgrade(et),
            })
        });
        Value::Enum(c)
    }
}

fn vector(ty: &TypeRef, items: Vec<Value>) -> Value {
    Value::Vector(Rc::new(RefCell::new(VectorVal {
        ty: ty.clone(),
        items,
    })))
}

impl Run {
    /// One of the ICMP message events of connection `h`.
    pub(super) fn icmp_message(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        msg: &IcmpMessage,
        at: At,
    ) {
        let ev = &self.ev;
        let f: Option<Rc<FuncVal>> = match msg {
            IcmpMessage::Sent { info, payload } => {
                let (sent, with_payload) = (ev.icmp_sent.clone(), ev.icmp_sent_payload.clone());
                if sent.is_some() {
                    let i = self.hdr.icmp_info(interp, info);
                    self.conn_event(interp, tr, sent, h, at, vec![i]);
                }
                if let (Some(_), Some(p)) = (&with_payload, payload) {
                    let i = self.hdr.icmp_info(interp, info);
                    self.conn_event(interp, tr, with_payload, h, at, vec![i, Value::str(p)]);
                }
                return;
            }
            IcmpMessage::Error { kind, .. } => match kind {
                IcmpError::Unreachable => ev.icmp_unreachable.clone(),
                IcmpError::PacketTooBig => ev.icmp_packet_too_big.clone(),
                IcmpError::TimeExceeded => ev.icmp_time_exceeded.clone(),
                IcmpError::ParameterProblem => ev.icmp_parameter_problem.clone(),
                IcmpError::Other => ev.icmp_error_message.clone(),
            },
            IcmpMessage::RouterSolicitation { .. } => ev.icmp_router_solicitation.clone(),
            IcmpMessage::RouterAdvertisement { .. } => ev.icmp_router_advertisement.clone(),
            IcmpMessage::NeighborSolicitation { .. } => ev.icmp_neighbor_solicitation.clone(),
            IcmpMessage::NeighborAdvertisement { .. } => ev.icmp_neighbor_advertisement.clone(),
            IcmpMessage::Redirect { .. } => ev.icmp_redirect.clone(),
            IcmpMessage::MldV1 { done: false, .. } => ev.icmpv6_mld_report_v1.clone(),
            IcmpMessage::MldV1 { done: true, .. } => ev.icmpv6_mld_done_v1.clone(),
            IcmpMessage::MldV2 { .. } => ev.icmpv6_mld_report_v2.clone(),
        };
        if f.is_none() {
            return;
        }
        let rest = self.icmp_args(interp, msg);
        self.conn_event(interp, tr, f, h, at, rest);
    }

    /// The arguments after the connection.
    fn icmp_args(&self, interp: &mut Interp, msg: &IcmpMessage) -> Vec<Value> {
        let r = &self.icmp;
        let flag = |flags: u8, bit: u8| Value::Bool(flags & bit != 0);
        // Milliseconds as Zeek converts them: times its unit, 1e-3.
        let ms = |v: u32| Value::Interval(f64::from(v) * 1e-3);
        match msg {
            IcmpMessage::Sent { .. } => Vec::new(),
            IcmpMessage::Error { info, context, .. } => vec![
                self.hdr.icmp_info(interp, info),
                Value::Count(u64::from(info.icode)),
                r.context(interp, context),
            ],
            IcmpMessage::RouterSolicitation { info, options } => {
                vec![self.hdr.icmp_info(interp, info), r.options(interp, options)]
            }
            IcmpMessage::RouterAdvertisement {
                info,
                cur_hop_limit,
                flags,
                router_lifetime,
                reachable_time,
                retrans_timer,
                options,
            } => vec![
                self.hdr.icmp_info(interp, info),
                Value::Count(u64::from(*cur_hop_limit)),
                flag(*flags, 0x80),
                flag(*flags, 0x40),
                flag(*flags, 0x20),
                Value::Count(u64::from((flags & 0x18) >> 3)),
                flag(*flags, 0x04),
                // Zeek passes the bit unshifted.
                Value::Count(u64::from(flags & 0x02)),
                Value::Interval(f64::from(*router_lifetime)),
                ms(*reachable_time),
                ms(*retrans_timer),
                r.options(interp, options),
            ],
            IcmpMessage::NeighborSolicitation { info, tgt, options } => vec![
                self.hdr.icmp_info(interp, info),
                Value::addr(*tgt),
                r.options(interp, options),
            ],
            IcmpMessage::NeighborAdvertisement {
                info,
                flags,
                tgt,
                options,
            } => vec![
                self.hdr.icmp_info(interp, info),
                flag(*flags, 0x80),
                flag(*flags, 0x40),
                flag(*flags, 0x20),
                Value::addr(*tgt),
                r.options(interp, options),
            ],
            IcmpMessage::Redirect {
                info,
                tgt,
                dest,
                options,
            } => vec![
                self.hdr.icmp_info(interp, info),
                Value::addr(*tgt),
                Value::addr(*dest),
                r.options(interp, options),
            ],
            IcmpMessage::MldV1 { group, .. } => vec![Value::addr(*group)],
            IcmpMessage::MldV2 { groups } => vec![r.mld_records(interp, groups)],
        }
    }
}
