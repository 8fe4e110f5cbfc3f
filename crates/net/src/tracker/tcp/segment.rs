//! One TCP segment, in the order of Zeek's TCPSessionAdapter
//! (`DeliverPacket`): partial status, endpoint initialisation, relative
//! sequence numbers, history, window, SYN options, FIN/RST storms, the
//! acknowledgement, the last sequence number, the state machine, then
//! the acked data, the payload, and end of stream or close.
//!
//! Each step is a function of its own; they run once per segment, in
//! this order, and share only what [`process`] passes them.

use super::close::{connection_closed, endpoint_eof, report_gaps};
use super::{http, state_machine};
use crate::conn::Connection;
use crate::service::Opening;
use crate::tcp::tcp_state::*;
use crate::tcp::{seq_delta, Segment, TcpConn, TH_ACK, TH_FIN, TH_PUSH, TH_RST, TH_SYN, TH_URG};
use crate::tracker::config::EventMask;
use crate::tracker::emit::Emit;
use crate::tracker::events::ConnEvent;

/// Zeek's `TOO_LARGE_SEQ_DELTA`.
const TOO_LARGE_SEQ_DELTA: i32 = 1_048_576;

/// The segment `pk` sent by endpoint `e` of `tcp` (`have_payload`: its
/// data was captured).
#[inline]
pub(super) fn process(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    have_payload: bool,
    t: f64,
) {
    let p = 1 - e;
    let is_orig = tcp.is_orig_idx(e);
    let (syn, fin, rst, ack) = (pk.syn(), pk.fin(), pk.rst(), pk.ack());

    set_partial_status(tcp, is_orig, pk);
    let seg_len = seg_len(pk);
    let seq_one_past = pk.base_seq.wrapping_add(seg_len as u32);
    init_endpoint(c, em, tcp, e, pk, seq_one_past, t);

    let mut seq_underflow = false;
    let rel_seq = {
        let ep = &tcp.eps[e];
        ep.relative_seq(pk.base_seq, ep.last_seq, ep.seq_wraps, &mut seq_underflow)
    };
    if seq_underflow && !rst {
        em.weird(c, "TCP_seq_underflow_or_misorder");
    }
    update_history(c, tcp, e, pk, rel_seq);
    update_window(c, em, tcp, e, pk);
    if !tcp.orig().did_close || !tcp.resp().did_close {
        c.last_time = t;
    }
    if syn {
        syn_checks(c, em, pk);
        init_window(c, em, tcp, e, pk);
    }
    count_fin_rst(c, em, tcp, e, pk, rel_seq.wrapping_add(seg_len as u64), t);
    let rel_ack = if ack {
        process_ack(c, em, tcp, e, pk)
    } else {
        0
    };
    let delta_last = update_last_seq(c, tcp, e, pk, seq_one_past, t);

    let close = state_machine::update(c, em, tcp, e, pk, delta_last, t);

    if ack {
        acked(c, em, tcp, p, rel_ack, t);
    }
    // PIA first-packet bookkeeping.
    tcp.first_packet_seen |= if is_orig { 1 } else { 2 };

    let rel_data_seq = if syn {
        rel_seq.wrapping_add(1)
    } else {
        rel_seq
    };
    if pk.len > 0 && !rst && !seq_underflow {
        if have_payload {
            data(c, em, tcp, e, is_orig, pk, rel_data_seq);
        } else {
            em.weird(c, "truncated_tcp_payload");
        }
    }
    if em.cfg.events.has(EventMask::HTTP) && have_payload && !rst && !seq_underflow {
        http::segment(c, em, tcp, is_orig, rel_data_seq, pk.payload, fin);
    }
    {
        let (ep, pp) = tcp.pair(e);
        if ep.check_eof(pp) {
            endpoint_eof(c, em, tcp, e, t);
        }
    }
    if close.close {
        connection_closed(c, em, tcp, e, close.gen_event, t);
    }
}

/// SetPartialStatus: a connection whose first packet was no plain SYN
/// is partial.
#[inline]
fn set_partial_status(tcp: &mut TcpConn, is_orig: bool, pk: &Segment) {
    if is_orig {
        if tcp.first_packet_seen & 1 == 0 {
            tcp.is_partial = !pk.syn() || pk.ack();
        }
    } else if tcp.first_packet_seen & 2 == 0 && !tcp.is_partial {
        tcp.is_partial = !pk.syn();
    }
}

/// The sequence space the segment takes: its data, plus one each for
/// SYN and FIN; a RST's data takes none.
#[inline]
fn seg_len(pk: &Segment) -> i64 {
    let mut seg_len = pk.len as i64;
    if pk.syn() {
        seg_len += 1;
    }
    if pk.fin() {
        seg_len += 1;
    }
    if pk.rst() {
        seg_len -= pk.len as i64;
    }
    seg_len
}

/// init_endpoint: the endpoint's first segment sets its start; a SYN
/// later moves the start (with a weird if it jumps).
#[inline]
fn init_endpoint(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    seq_one_past: u32,
    t: f64,
) {
    let (syn, base_seq) = (pk.syn(), pk.base_seq);
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

/// update_history: the history letters of the segment's flags (upper
/// case from the originator), each once, a repeated SYN, FIN or RST again
/// when its sequence number differs.
#[inline]
fn update_history(c: &mut Connection, tcp: &mut TcpConn, e: usize, pk: &Segment, rel_seq: u64) {
    let is_orig = tcp.is_orig_idx(e);
    let (syn, fin, rst, ack) = (pk.syn(), pk.fin(), pk.rst(), pk.ack());
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
            let fs = rel_seq.wrapping_add(pk.len as u64);
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
    } else if pk.len > 0 {
        c.check_history(0x10 << shift, lc(b'D'));
    } else if ack {
        c.check_history(0x20 << shift, lc(b'A'));
    }
}

/// update_window: zero windows in the history, the window's right edge,
/// and `window_recision` when it moves back.
#[inline]
fn update_window(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, e: usize, pk: &Segment) {
    let is_orig = tcp.is_orig_idx(e);
    let (syn, fin, rst) = (pk.syn(), pk.fin(), pk.rst());
    let (base_seq, ack_seq) = (pk.base_seq, pk.ack_seq);
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

/// The weirds of an odd SYN.
#[inline]
fn syn_checks(c: &mut Connection, em: &mut Emit, pk: &Segment) {
    if pk.rst() {
        em.weird(c, "TCP_christmas");
    }
    if pk.flags & TH_URG != 0 {
        em.weird(c, "baroque_SYN");
    }
    if pk.len > 0 {
        em.weird(c, "SYN_with_data");
    }
}

/// init_window: a SYN's window scale option (none: no scaling, for the
/// peer too if this is the SYN-ACK).
#[inline]
fn init_window(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, e: usize, pk: &Segment) {
    let mut scale = syn_window_scale(pk.hdr);
    let (ep, pp) = tcp.pair(e);
    if scale < 0 {
        ep.window_scale = 0;
        if pk.ack() {
            pp.window_scale = 0;
        }
        return;
    }
    if scale > 14 {
        if !c.did_weird {
            em.weird_addl(c, "TCP_scale_range", scale.to_string());
        }
        scale = 14;
    }
    let (ep, pp) = tcp.pair(e);
    ep.window_scale = scale as u32;
    ep.window_seq = pk.base_seq;
    ep.window_ack_seq = pk.ack_seq;
    pp.window_seq = pk.ack_seq;
    pp.window_ack_seq = pk.base_seq;
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

/// FINs and RSTs counted, with `FIN_storm` / `RST_storm` when many come
/// fast; a FIN notes where the endpoint's data ends (`fin_seq`).
#[inline]
fn count_fin_rst(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    fin_seq: u64,
    t: f64,
) {
    let thresh = em.cfg.tcp_storm_thresh;
    let interarrival = em.cfg.tcp_storm_interarrival_thresh;
    let ep = &mut tcp.eps[e];
    if pk.fin() {
        ep.fin_cnt += 1;
        let storm = ep.fin_cnt >= thresh && t < ep.last_time + interarrival;
        ep.fin_seq = fin_seq;
        if storm {
            em.weird(c, "FIN_storm");
        }
    }
    if pk.rst() {
        ep.rst_cnt += 1;
        if ep.rst_cnt >= thresh && t < ep.last_time + interarrival {
            em.weird(c, "RST_storm");
        }
    }
}

/// The acknowledgement: the first ACK event, the peer's start when it
/// was not seen yet (init_peer), else the peer's acked sequence number.
/// Returns the acknowledged number relative to the peer's start.
#[inline]
fn process_ack(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
) -> u64 {
    let p = 1 - e;
    let is_orig = tcp.is_orig_idx(e);
    let ack_seq = pk.ack_seq;
    let est = tcp.eps[e].state;
    if is_orig && !tcp.seen_first_ack && (est == ESTABLISHED || est == SYN_SENT) {
        tcp.seen_first_ack = true;
        em.opt(EventMask::FIRST_ACK, ConnEvent::ConnectionFirstAck(em.h));
    }
    if tcp.eps[p].state == INACTIVE {
        // init_peer
        if !pk.syn()
            && !pk.fin()
            && !pk.rst()
            && matches!(est, SYN_SENT | SYN_ACK_SENT | ESTABLISHED)
            && !c.did_weird
        {
            em.weird(c, "possible_split_routing");
        }
        let pp = &mut tcp.eps[p];
        pp.start_seq = ack_seq.wrapping_sub(1) as i64;
        pp.ack_seq = ack_seq.wrapping_sub(1);
        pp.last_seq = ack_seq.wrapping_sub(1);
        return 1;
    }
    let mut under = false;
    let pp = &tcp.eps[p];
    let rel_ack = pp.relative_seq(ack_seq, pp.ack_seq, pp.ack_wraps, &mut under);
    if under {
        em.weird(c, "TCP_ack_underflow_or_misorder");
        return 0;
    }
    if !pk.rst() {
        let pp = &mut tcp.eps[p];
        let d = seq_delta(ack_seq, pp.ack_seq);
        if ack_seq == 0 && d > TOO_LARGE_SEQ_DELTA {
        } else if d > 0 {
            pp.update_ack_seq(ack_seq);
        }
    }
    rel_ack
}

/// update_last_seq: the highest sequence number the endpoint sent (a
/// retransmission instead counts in the history); returns how far the
/// segment moved it.
#[inline]
fn update_last_seq(
    c: &mut Connection,
    tcp: &mut TcpConn,
    e: usize,
    pk: &Segment,
    seq_one_past: u32,
    t: f64,
) -> i32 {
    let is_orig = tcp.is_orig_idx(e);
    let ep = &mut tcp.eps[e];
    let d = seq_delta(seq_one_past, ep.last_seq);
    if (pk.syn() || pk.rst()) && !(-TOO_LARGE_SEQ_DELTA..=TOO_LARGE_SEQ_DELTA).contains(&d) {
    } else if pk.fin() && ep.last_seq == ep.start_seq32().wrapping_add(1) {
        ep.update_last_seq(seq_one_past);
    } else if ep.state == RESET {
    } else if d > 0 {
        ep.update_last_seq(seq_one_past);
    } else if pk.len > 0 {
        let mut r = ep.rxmt;
        c.scaled_history(if is_orig { b'T' } else { b't' }, &mut r.0, &mut r.1);
        ep.rxmt = r;
    }
    ep.last_time = t;
    d
}

/// The peer `p`'s data up to `rel_ack` was acknowledged: its reassembler
/// moves on (reporting gaps), and may reach its end.
#[inline]
fn acked(c: &mut Connection, em: &mut Emit, tcp: &mut TcpConn, p: usize, rel_ack: u64, t: f64) {
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

/// The segment's captured data at `seq` (relative), sent by endpoint `e`
/// (the originator's if `is_orig`, as it was when the segment came): the
/// service recognizer's opening bytes, then the reassembler (which may
/// find retransmitted bytes that differ, or give up).
#[inline]
fn data(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    e: usize,
    is_orig: bool,
    pk: &Segment,
    seq: u64,
) {
    if !Opening::done(c.services) {
        let o = tcp.opening.get_or_insert_with(Default::default);
        c.services = o.add(c.services, is_orig, seq, pk.payload);
        if Opening::done(c.services) {
            tcp.opening = None;
        }
    }
    let keep = em.cfg.events.has(EventMask::REXMIT);
    let peer_active = tcp.eps[1 - e].last_time != 0.0;
    let ep = &mut tcp.eps[e];
    ep.reasm.keep_data = keep;
    let mut rexmit = Vec::new();
    let w = ep.data_sent(seq, pk.len as u64, pk.payload, peer_active, &mut rexmit);
    if !rexmit.is_empty() {
        for (old, new) in rexmit {
            em.ev(ConnEvent::RexmitInconsistency {
                conn: em.h,
                old,
                new,
                flags: flag_letters(pk.flags),
            });
        }
    }
    if let Some(w) = w {
        em.weird(c, w);
    }
}

/// TCP flags as Zeek spells them in events: S F R A P U.
fn flag_letters(f: u8) -> String {
    [
        (TH_SYN, 'S'),
        (TH_FIN, 'F'),
        (TH_RST, 'R'),
        (TH_ACK, 'A'),
        (TH_PUSH, 'P'),
        (TH_URG, 'U'),
    ]
    .iter()
    .filter(|(b, _)| f & b != 0)
    .map(|(_, ch)| *ch)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_scale_option() {
        let mut hdr = vec![0u8; 20];
        assert_eq!(syn_window_scale(&hdr), -1);
        // NOP, MSS 1460, window scale 7, end.
        hdr.extend_from_slice(&[1, 2, 4, 5, 0xb4, 3, 3, 7, 0]);
        assert_eq!(syn_window_scale(&hdr), 7);
        // An option running past the header ends the walk.
        let mut cut = vec![0u8; 20];
        cut.extend_from_slice(&[2, 40, 1, 3, 3, 9]);
        assert_eq!(syn_window_scale(&cut), -1);
        // A zero length ends it too.
        let mut zero = vec![0u8; 20];
        zero.extend_from_slice(&[8, 0, 3, 3, 2]);
        assert_eq!(syn_window_scale(&zero), -1);
    }

    #[test]
    fn flags_spelled_as_zeek_does() {
        assert_eq!(flag_letters(TH_SYN | TH_ACK), "SA");
        assert_eq!(flag_letters(0x3f), "SFRAPU");
        assert_eq!(flag_letters(0), "");
    }

    #[test]
    fn sequence_space_of_a_segment() {
        let pk = |flags, len| Segment {
            flags,
            base_seq: 0,
            ack_seq: 0,
            len,
            hdr: &[],
            payload: &[],
        };
        assert_eq!(seg_len(&pk(TH_SYN, 0)), 1);
        assert_eq!(seg_len(&pk(TH_SYN | TH_FIN, 5)), 7);
        assert_eq!(seg_len(&pk(TH_ACK, 5)), 5);
        // A RST's data takes no sequence space.
        assert_eq!(seg_len(&pk(TH_RST, 5)), 0);
    }
}
