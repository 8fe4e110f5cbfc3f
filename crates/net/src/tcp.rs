//! TCP endpoint bookkeeping: sequence spaces, sizes and a range-only
//! reassembler (Zeek's TCP_Endpoint and TCP_Reassembler without the
//! payload bytes: enough for sizes, gaps, history and close handling).
//!
//! This is the per-connection TCP *state*; the per-packet TCP *logic*
//! that drives it (Zeek's TCPSessionAdapter) is `tracker::tcp`, which
//! needs the tracker's timers and events. A connection holds a
//! [`TcpConn`], so this module sits below [`crate::conn`].

use thin_vec::ThinVec;

use crate::http::HttpConn;
use crate::service::Opening;
use tcp_state::*;

/// TCP endpoint states as Zeek numbers them.
pub mod tcp_state {
    pub const INACTIVE: u8 = 0;
    pub const SYN_SENT: u8 = 1;
    pub const SYN_ACK_SENT: u8 = 2;
    pub const PARTIAL: u8 = 3;
    pub const ESTABLISHED: u8 = 4;
    pub const CLOSED: u8 = 5;
    pub const RESET: u8 = 6;
}

/// TCP header flags.
pub(crate) const TH_FIN: u8 = 0x01;
pub(crate) const TH_SYN: u8 = 0x02;
pub(crate) const TH_RST: u8 = 0x04;
pub(crate) const TH_PUSH: u8 = 0x08;
pub(crate) const TH_ACK: u8 = 0x10;
pub(crate) const TH_URG: u8 = 0x20;

/// Zeek's `tcp_max_initial_window`.
pub(crate) const MAX_INITIAL_WINDOW: u64 = 16384;
/// Zeek's `tcp_max_above_hole_without_any_acks`.
pub(crate) const MAX_ABOVE_HOLE_WITHOUT_ACKS: u64 = 16384;
/// Zeek's `tcp_excessive_data_without_further_acks`.
pub(crate) const EXCESSIVE_DATA_WITHOUT_ACKS: u64 = 10 * 1024 * 1024;

/// The parts of a TCP segment the session logic reads.
pub(crate) struct Segment<'a> {
    pub flags: u8,
    pub base_seq: u32,
    pub ack_seq: u32,
    /// Data length (what the IP length says, captured or not).
    pub len: u32,
    /// The TCP header, options included.
    pub hdr: &'a [u8],
    /// The segment's data when all of it was captured.
    pub payload: &'a [u8],
}

impl Segment<'_> {
    #[inline]
    pub fn syn(&self) -> bool {
        self.flags & TH_SYN != 0
    }
    #[inline]
    pub fn fin(&self) -> bool {
        self.flags & TH_FIN != 0
    }
    #[inline]
    pub fn rst(&self) -> bool {
        self.flags & TH_RST != 0
    }
    #[inline]
    pub fn ack(&self) -> bool {
        self.flags & TH_ACK != 0
    }
}

/// `a - b` in sequence space (wrapping, signed).
#[inline]
pub(crate) fn seq_delta(a: u32, b: u32) -> i32 {
    a.wrapping_sub(b) as i32
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Reasm {
    /// Everything below this (relative) sequence number was delivered.
    pub last_reassem_seq: u64,
    /// Nothing below this is kept (acked).
    pub trim_seq: u64,
    /// Out-of-order ranges above `last_reassem_seq`, sorted and disjoint.
    /// Both lists are thin (one pointer when empty, as they are for most
    /// connections): each endpoint of every tracked connection has them.
    pub blocks: ThinVec<(u64, u64)>,
    pub did_eof: bool,
    pub skip: bool,
    /// The data itself from `trim_seq` up, sorted and disjoint; kept only
    /// when something compares retransmissions (`keep_data`).
    pub store: ThinVec<(u64, Vec<u8>)>,
    pub keep_data: bool,
}

/// A retransmission whose bytes differ from what was sent before: the old
/// bytes, then the new ones.
pub(crate) type Inconsistency = (Vec<u8>, Vec<u8>);

#[derive(Debug, Clone)]
pub(crate) struct TcpEndpoint {
    pub state: u8,
    pub prev_state: u8,
    pub start_seq: i64,
    pub last_seq: u32,
    pub ack_seq: u32,
    pub seq_wraps: u32,
    pub ack_wraps: u32,
    pub window: u32,
    pub window_scale: u32,
    pub window_seq: u32,
    pub window_ack_seq: u32,
    pub fin_seq: u64,
    pub fin_cnt: u32,
    pub rst_cnt: u32,
    pub did_close: bool,
    pub hist_last_syn: u64,
    pub hist_last_fin: u64,
    pub hist_last_rst: u64,
    pub start_time: f64,
    pub last_time: f64,
    pub chk: (u32, u32),
    pub rxmt: (u32, u32),
    pub win0: (u32, u32),
    pub gap: (u32, u32),
    pub reasm: Reasm,
}

impl Default for TcpEndpoint {
    fn default() -> Self {
        TcpEndpoint {
            state: INACTIVE,
            prev_state: INACTIVE,
            start_seq: 0,
            last_seq: 0,
            ack_seq: 0,
            seq_wraps: 0,
            ack_wraps: 0,
            window: 0,
            window_scale: 0,
            window_seq: 0,
            window_ack_seq: 0,
            fin_seq: 0,
            fin_cnt: 0,
            rst_cnt: 0,
            did_close: false,
            hist_last_syn: 0,
            hist_last_fin: 0,
            hist_last_rst: 0,
            start_time: 0.0,
            last_time: 0.0,
            chk: (0, 1),
            rxmt: (0, 1),
            win0: (0, 1),
            gap: (0, 1),
            reasm: Reasm {
                last_reassem_seq: 1,
                trim_seq: 1,
                ..Default::default()
            },
        }
    }
}

fn full(seq: u32, wraps: u32) -> u64 {
    ((wraps as u64) << 32) + seq as u64
}

impl TcpEndpoint {
    pub fn start_seq32(&self) -> u32 {
        self.start_seq as u32
    }

    pub fn to_relative(&self, seq: u32, wraps: u32) -> u64 {
        full(seq, wraps).wrapping_sub(self.start_seq as u64)
    }

    /// Whether an endpoint in state `s` is still in the handshake.
    pub fn is_handshake(s: u8) -> bool {
        s == INACTIVE || s == SYN_SENT || s == SYN_ACK_SENT
    }

    /// TCP_Endpoint::SetState; returns true when the inactivity timeout
    /// must switch to `tcp_inactivity_timeout` (handshake finished).
    pub fn set_state(&mut self, new: u8, peer_state: u8) -> bool {
        if new == self.state {
            return false;
        }
        let switch = !Self::is_handshake(new)
            && Self::is_handshake(self.state)
            && Self::is_handshake(peer_state);
        self.prev_state = self.state;
        self.state = new;
        switch
    }

    /// Sequence number `cur` relative to this endpoint's start, given the
    /// last one seen (`last`) and the wraps so far: TCP_Analyzer's
    /// get_relative_seq. `underflow` is set for a number before the start.
    pub fn relative_seq(&self, cur: u32, last: u32, mut wraps: u32, underflow: &mut bool) -> u64 {
        let delta = seq_delta(cur, last);
        if delta < 0 {
            if wraps > 0 && cur > last {
                wraps -= 1;
            }
        } else if delta > 0 && cur < last {
            wraps += 1;
        }
        if wraps == 0 {
            let d = seq_delta(cur, self.start_seq32());
            if d < 0 {
                *underflow = true;
            }
            return d as i64 as u64;
        }
        self.to_relative(cur, wraps)
    }

    pub fn update_last_seq(&mut self, seq: u32) {
        if seq < self.last_seq {
            self.seq_wraps += 1;
        }
        self.last_seq = seq;
    }

    pub fn update_ack_seq(&mut self, seq: u32) {
        if seq < self.ack_seq {
            self.ack_wraps += 1;
        }
        self.ack_seq = seq;
    }

    pub fn no_data_acked(&self) -> bool {
        let ack = full(self.ack_seq, self.ack_wraps);
        let start = self.start_seq as u64;
        ack == start || ack == start.wrapping_add(1)
    }

    pub fn is_active(&self) -> bool {
        self.state != INACTIVE && !self.did_close
    }

    pub fn is_clean(&self) -> bool {
        self.state == ESTABLISHED || (self.state == CLOSED && self.prev_state == ESTABLISHED)
    }

    /// Zeek's `TCP_Endpoint::Size`.
    pub fn size(&self, peer: &TcpEndpoint) -> u64 {
        if self.prev_state == SYN_SENT
            && self.state == RESET
            && peer.state == INACTIVE
            && !self.no_data_acked()
        {
            return 0;
        }
        let last = full(self.last_seq, self.seq_wraps);
        let ack = full(self.ack_seq, self.ack_wraps);
        let top = last.max(ack);
        let mut size = top.wrapping_sub(self.start_seq as u64);
        if size != 0 {
            size = size.wrapping_sub(1);
        }
        if self.fin_cnt > 0 && size != 0 {
            size -= 1;
        }
        // A garbage start (e.g. from a RST) can put the start above; Zeek's
        // unsigned arithmetic yields a huge number there. Keep it sane.
        if size > (1u64 << 48) {
            0
        } else {
            size
        }
    }

    /// Zeek's `TCP_Reassembler::DataPending`.
    pub fn data_pending(&self, peer: &TcpEndpoint) -> bool {
        if self.reasm.skip {
            return false;
        }
        let delivered = (self.start_seq as u64).wrapping_add(self.reasm.last_reassem_seq);
        let last = full(self.last_seq, self.seq_wraps);
        if last < delivered {
            return false;
        }
        if delivered != last.wrapping_sub(1) && delivered != last {
            return true;
        }
        if self.state != RESET && peer.has_undelivered() {
            return true;
        }
        false
    }

    pub fn has_undelivered(&self) -> bool {
        !self.reasm.blocks.is_empty()
    }

    /// Bytes held above the delivered point.
    fn undelivered_bytes(&self) -> u64 {
        self.reasm
            .blocks
            .last()
            .map(|b| b.1 - self.reasm.last_reassem_seq)
            .unwrap_or(0)
    }

    fn held_bytes(&self) -> u64 {
        let r = &self.reasm;
        r.last_reassem_seq.saturating_sub(r.trim_seq)
            + r.blocks.iter().map(|b| b.1 - b.0).sum::<u64>()
    }

    /// Data `[seq, seq+len)` (relative) sent by this endpoint. Returns a
    /// weird name when Zeek would give up reassembling.
    ///
    /// With data kept, `payload` holds the segment's bytes (`len` of them,
    /// or none when not captured); where it overlaps data still held and
    /// differs, the two versions go to `rexmit` (a one-byte difference
    /// only once the peer has sent something: keep-alives probe with a
    /// stale byte).
    pub fn data_sent(
        &mut self,
        seq: u64,
        len: u64,
        payload: &[u8],
        peer_active: bool,
        rexmit: &mut Vec<Inconsistency>,
    ) -> Option<&'static str> {
        if self.reasm.skip || len == 0 {
            return None;
        }
        let ack = self.to_relative(self.ack_seq, self.ack_wraps);
        let mut seq = seq;
        let upper = seq + len;
        let mut payload = payload;
        if seq < ack {
            if upper <= ack {
                return None;
            }
            payload = payload.get((ack - seq) as usize..).unwrap_or(&[]);
            seq = ack;
        }
        if self.reasm.keep_data && payload.len() as u64 == upper - seq {
            self.keep(seq, payload, peer_active, rexmit);
        }
        self.new_block(seq, upper);
        if self.no_data_acked() && self.undelivered_bytes() > MAX_ABOVE_HOLE_WITHOUT_ACKS {
            self.reasm.blocks.clear();
            self.reasm.store.clear();
            self.reasm.skip = true;
            return Some("above_hole_data_without_any_acks");
        }
        if self.held_bytes() > EXCESSIVE_DATA_WITHOUT_ACKS {
            self.reasm.blocks.clear();
            self.reasm.store.clear();
            self.reasm.trim_seq = self.reasm.last_reassem_seq;
            self.reasm.skip = true;
            return Some("excessive_data_without_further_acks");
        }
        None
    }

    /// Compares `data` at `seq` with the bytes held, then holds what is
    /// new (what was there first stays).
    fn keep(&mut self, seq: u64, data: &[u8], peer_active: bool, rexmit: &mut Vec<Inconsistency>) {
        let r = &mut self.reasm;
        let upper = seq + data.len() as u64;
        if upper <= r.trim_seq {
            return;
        }
        let appends = r
            .store
            .last()
            .is_some_and(|b| b.0 + b.1.len() as u64 == seq);
        if !appends {
            for (bseq, bytes) in &r.store {
                let bup = bseq + bytes.len() as u64;
                let (lo, hi) = (seq.max(*bseq), upper.min(bup));
                if lo >= hi {
                    continue;
                }
                let old = &bytes[(lo - bseq) as usize..(hi - bseq) as usize];
                let new = &data[(lo - seq) as usize..(hi - seq) as usize];
                if old != new && (old.len() > 1 || peer_active) {
                    rexmit.push((old.to_vec(), new.to_vec()));
                }
            }
        }
        // Hold the parts not yet held, from trim_seq up.
        let mut at = seq.max(r.trim_seq);
        let mut i = r.store.partition_point(|b| b.0 + (b.1.len() as u64) <= at);
        while at < upper {
            let next = r.store.get(i).map(|b| b.0);
            match next {
                Some(bseq) if bseq <= at => {
                    at = at.max(bseq + r.store[i].1.len() as u64);
                    i += 1;
                }
                _ => {
                    let end = next.map_or(upper, |n| n.min(upper));
                    let piece = data[(at - seq) as usize..(end - seq) as usize].to_vec();
                    r.store.insert(i, (at, piece));
                    i += 1;
                    at = end;
                }
            }
        }
    }

    fn new_block(&mut self, mut seq: u64, upper: u64) {
        let r = &mut self.reasm;
        if upper <= r.trim_seq {
            return;
        }
        if seq < r.trim_seq {
            seq = r.trim_seq;
        }
        if seq <= r.last_reassem_seq {
            if upper <= r.last_reassem_seq {
                return;
            }
            r.last_reassem_seq = upper;
            absorb(r);
        } else {
            insert_range(&mut r.blocks, seq, upper);
            return;
        }
        // Filled the leading hole: Zeek trims when nothing was ever acked
        // and the endpoint sent more than the initial window.
        if self.no_data_acked() {
            let peer_size_proxy =
                full(self.last_seq, self.seq_wraps).wrapping_sub(self.start_seq as u64);
            if peer_size_proxy > MAX_INITIAL_WINDOW + 1 {
                let to = self.reasm.last_reassem_seq;
                self.trim_to(to, false, &mut Vec::new());
            }
        }
    }

    /// The peer acknowledged up to relative `seq`. Gaps (seq, len) that
    /// could not be delivered are appended to `gaps`.
    pub fn ack_received(&mut self, mut seq: u64, is_partial: bool, gaps: &mut Vec<(u64, u64)>) {
        if self.fin_cnt > 0 && seq >= self.fin_seq {
            seq = self.fin_seq.saturating_sub(1);
        }
        if seq <= self.reasm.trim_seq {
            return;
        }
        self.trim_to(seq, is_partial, gaps);
    }

    fn trim_to(&mut self, seq: u64, is_partial: bool, gaps: &mut Vec<(u64, u64)>) {
        if seq > self.reasm.last_reassem_seq {
            self.undelivered(seq, is_partial, gaps);
        }
        let r = &mut self.reasm;
        r.blocks.retain_mut(|b| {
            if b.1 <= seq {
                return false;
            }
            if b.0 < seq {
                b.0 = seq;
            }
            true
        });
        r.store.retain_mut(|b| {
            let up = b.0 + b.1.len() as u64;
            if up <= seq {
                return false;
            }
            if b.0 < seq {
                b.1.drain(..(seq - b.0) as usize);
                b.0 = seq;
            }
            true
        });
        if seq > r.trim_seq {
            r.trim_seq = seq;
        }
    }

    fn undelivered(&mut self, up_to: u64, is_partial: bool, gaps: &mut Vec<(u64, u64)>) {
        if up_to <= 2 && is_partial {
            return;
        }
        let r = &mut self.reasm;
        if !r.skip {
            while let Some(&(bseq, bup)) = r.blocks.first() {
                if bseq >= up_to {
                    break;
                }
                if bseq > r.last_reassem_seq {
                    gaps.push((r.last_reassem_seq, bseq - r.last_reassem_seq));
                }
                r.last_reassem_seq = r.last_reassem_seq.max(bup);
                r.blocks.remove(0);
                absorb(r);
            }
            if up_to > r.last_reassem_seq {
                gaps.push((r.last_reassem_seq, up_to - r.last_reassem_seq));
            }
        }
        if up_to > r.last_reassem_seq {
            r.last_reassem_seq = up_to;
        }
        absorb(r);
    }

    /// Zeek's `TCP_Reassembler::CheckEOF` condition; true the first time
    /// this endpoint reaches EOF.
    pub fn check_eof(&mut self, peer: &TcpEndpoint) -> bool {
        if !self.reasm.did_eof
            && (self.fin_cnt > 0 || self.state == CLOSED || self.state == RESET)
            && !self.data_pending(peer)
        {
            self.reasm.did_eof = true;
            return true;
        }
        false
    }
}

/// Moves `last_reassem_seq` across blocks that now touch it.
fn absorb(r: &mut Reasm) {
    while let Some(&(bseq, bup)) = r.blocks.first() {
        if bseq > r.last_reassem_seq {
            break;
        }
        if bup > r.last_reassem_seq {
            r.last_reassem_seq = bup;
        }
        r.blocks.remove(0);
    }
}

fn insert_range(blocks: &mut ThinVec<(u64, u64)>, seq: u64, upper: u64) {
    let mut lo = seq;
    let mut hi = upper;
    let mut i = blocks.partition_point(|b| b.1 < lo);
    while i < blocks.len() && blocks[i].0 <= hi {
        lo = lo.min(blocks[i].0);
        hi = hi.max(blocks[i].1);
        blocks.remove(i);
    }
    i = blocks.partition_point(|b| b.0 < lo);
    blocks.insert(i, (lo, hi));
}

/// Per-connection TCP analyzer state (Zeek's TCPSessionAdapter). The two
/// endpoints stay in place; `orig_idx` says which one is the originator, so
/// a role flip does not move them.
#[derive(Debug, Clone, Default)]
pub(crate) struct TcpConn {
    pub eps: [TcpEndpoint; 2],
    /// 0 or 1 (a byte: every tracked connection has one).
    pub orig_idx: u8,
    pub is_active: bool,
    pub seen_first_ack: bool,
    pub is_partial: bool,
    /// Bit 1: originator's first packet seen; bit 2: responder's.
    pub first_packet_seen: u8,
    pub close_deferred: bool,
    pub deferred_gen_event: bool,
    /// The sides' opening bytes, while the service is still to be judged.
    pub opening: Option<Box<Opening>>,
    /// The HTTP analyzer, when attached (see `http::wanted`).
    pub http: Option<Box<HttpConn>>,
    /// Whether attaching the HTTP analyzer was considered already.
    pub http_tried: bool,
}

impl TcpConn {
    pub fn new() -> Self {
        TcpConn {
            is_active: true,
            ..Default::default()
        }
    }

    pub fn orig(&self) -> &TcpEndpoint {
        &self.eps[usize::from(self.orig_idx)]
    }

    pub fn resp(&self) -> &TcpEndpoint {
        &self.eps[1 - usize::from(self.orig_idx)]
    }

    /// Index of the originator's (`true`) or responder's endpoint.
    pub fn idx(&self, is_orig: bool) -> usize {
        if is_orig {
            usize::from(self.orig_idx)
        } else {
            1 - usize::from(self.orig_idx)
        }
    }

    pub fn is_orig_idx(&self, e: usize) -> bool {
        e == usize::from(self.orig_idx)
    }

    /// Mutable endpoint `e` and its peer.
    pub fn pair(&mut self, e: usize) -> (&mut TcpEndpoint, &mut TcpEndpoint) {
        let (a, b) = self.eps.split_at_mut(1);
        if e == 0 {
            (&mut a[0], &mut b[0])
        } else {
            (&mut b[0], &mut a[0])
        }
    }

    pub fn both_closed(&self) -> bool {
        self.eps[0].did_close && self.eps[1].did_close
    }

    pub fn flip(&mut self) {
        self.orig_idx = 1 - self.orig_idx;
        let f = self.first_packet_seen;
        self.first_packet_seen = ((f & 1) << 1) | ((f & 2) >> 1);
        self.is_partial = false;
    }
}
