//! One TCP endpoint (Zeek's TCP_Endpoint): its state, its sequence space
//! (start, last, acked, wraps), window, FIN/RST counts, the history
//! counters, and its reassembler, into whose relative numbers it
//! translates sequence numbers.

use super::header::seq_delta;
use super::reassembly::{Inconsistency, Reasm};
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

/// Zeek's `tcp_max_initial_window`.
pub(crate) const MAX_INITIAL_WINDOW: u64 = 16384;
/// Zeek's `tcp_max_above_hole_without_any_acks`.
pub(crate) const MAX_ABOVE_HOLE_WITHOUT_ACKS: u64 = 16384;
/// Zeek's `tcp_excessive_data_without_further_acks`.
pub(crate) const EXCESSIVE_DATA_WITHOUT_ACKS: u64 = 10 * 1024 * 1024;

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
            self.reasm.keep(seq, payload, peer_active, rexmit);
        }
        self.new_block(seq, upper);
        if self.no_data_acked() && self.reasm.undelivered_bytes() > MAX_ABOVE_HOLE_WITHOUT_ACKS {
            self.reasm.give_up();
            return Some("above_hole_data_without_any_acks");
        }
        if self.reasm.held_bytes() > EXCESSIVE_DATA_WITHOUT_ACKS {
            self.reasm.give_up();
            self.reasm.trim_seq = self.reasm.last_reassem_seq;
            return Some("excessive_data_without_further_acks");
        }
        None
    }

    /// The range `[seq, upper)` arrived. Once it fills the leading hole,
    /// Zeek trims when nothing was ever acked and the endpoint sent more
    /// than the initial window.
    fn new_block(&mut self, seq: u64, upper: u64) {
        if !self.reasm.add(seq, upper) {
            return;
        }
        if self.no_data_acked() {
            let peer_size_proxy =
                full(self.last_seq, self.seq_wraps).wrapping_sub(self.start_seq as u64);
            if peer_size_proxy > MAX_INITIAL_WINDOW + 1 {
                let to = self.reasm.last_reassem_seq;
                self.reasm.trim_to(to, false, &mut Vec::new());
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
        self.reasm.trim_to(seq, is_partial, gaps);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_sequence_numbers_across_a_wrap() {
        let ep = TcpEndpoint {
            start_seq: 0xffff_fff0,
            ..Default::default()
        };
        let mut under = false;
        assert_eq!(ep.relative_seq(0xffff_fff5, 0xffff_fff0, 0, &mut under), 5);
        // Past the wrap: one more wrap than the last number had.
        assert_eq!(ep.relative_seq(0x10, 0xffff_fff5, 0, &mut under), 0x20);
        assert!(!under);
        // Before the start.
        ep.relative_seq(0xffff_ffe0, 0xffff_fff0, 0, &mut under);
        assert!(under);
    }

    #[test]
    fn leaving_the_handshake_switches_the_timeout() {
        let mut ep = TcpEndpoint::default();
        assert!(!ep.set_state(SYN_SENT, INACTIVE));
        assert!(ep.set_state(ESTABLISHED, SYN_ACK_SENT));
        assert_eq!(ep.prev_state, SYN_SENT);
        // No change, no switch.
        assert!(!ep.set_state(ESTABLISHED, ESTABLISHED));
        assert_eq!(ep.prev_state, SYN_SENT);
    }

    #[test]
    fn size_counts_data_not_syn_or_fin() {
        let peer = TcpEndpoint::default();
        let mut ep = TcpEndpoint {
            state: ESTABLISHED,
            start_seq: 100,
            ack_seq: 100,
            last_seq: 151,
            ..Default::default()
        };
        assert_eq!(ep.size(&peer), 50);
        ep.last_seq = 152;
        ep.fin_cnt = 1;
        assert_eq!(ep.size(&peer), 50);
    }
}
