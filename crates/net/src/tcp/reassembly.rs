//! The range-only reassembler of one TCP endpoint (Zeek's
//! TCP_Reassembler without the payload bytes, unless retransmissions are
//! compared): which sequence ranges arrived, what is delivered in order,
//! where the gaps are once data is acknowledged.
//!
//! Pure bookkeeping on relative sequence numbers: it knows nothing of
//! the endpoint's sequence space, which `endpoint` translates into.

use thin_vec::ThinVec;

/// One endpoint's reassembly state.
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

impl Reasm {
    /// Bytes held above the delivered point.
    pub(super) fn undelivered_bytes(&self) -> u64 {
        self.blocks
            .last()
            .map(|b| b.1 - self.last_reassem_seq)
            .unwrap_or(0)
    }

    /// Bytes held and not yet trimmed by an acknowledgement.
    pub(super) fn held_bytes(&self) -> u64 {
        self.last_reassem_seq.saturating_sub(self.trim_seq)
            + self.blocks.iter().map(|b| b.1 - b.0).sum::<u64>()
    }

    /// Gives up: nothing more is held or delivered.
    pub(super) fn give_up(&mut self) {
        self.blocks.clear();
        self.store.clear();
        self.skip = true;
    }

    /// Compares `data` at `seq` with the bytes held, then holds what is
    /// new (what was there first stays).
    pub(super) fn keep(
        &mut self,
        seq: u64,
        data: &[u8],
        peer_active: bool,
        rexmit: &mut Vec<Inconsistency>,
    ) {
        let r = self;
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

    /// Adds the range `[seq, upper)`. True when it extended the data
    /// delivered in order (it filled the leading hole).
    pub(super) fn add(&mut self, mut seq: u64, upper: u64) -> bool {
        if upper <= self.trim_seq {
            return false;
        }
        if seq < self.trim_seq {
            seq = self.trim_seq;
        }
        if seq > self.last_reassem_seq {
            insert_range(&mut self.blocks, seq, upper);
            return false;
        }
        if upper <= self.last_reassem_seq {
            return false;
        }
        self.last_reassem_seq = upper;
        self.absorb();
        true
    }

    /// Forgets everything below `seq` (acknowledged, or given up on);
    /// what was not delivered up to there goes to `gaps` as (seq, len).
    pub(super) fn trim_to(&mut self, seq: u64, is_partial: bool, gaps: &mut Vec<(u64, u64)>) {
        if seq > self.last_reassem_seq {
            self.undelivered(seq, is_partial, gaps);
        }
        let r = self;
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
        let r = self;
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
                r.absorb();
            }
            if up_to > r.last_reassem_seq {
                gaps.push((r.last_reassem_seq, up_to - r.last_reassem_seq));
            }
        }
        if up_to > r.last_reassem_seq {
            r.last_reassem_seq = up_to;
        }
        r.absorb();
    }

    /// Moves `last_reassem_seq` across blocks that now touch it.
    fn absorb(&mut self) {
        while let Some(&(bseq, bup)) = self.blocks.first() {
            if bseq > self.last_reassem_seq {
                break;
            }
            if bup > self.last_reassem_seq {
                self.last_reassem_seq = bup;
            }
            self.blocks.remove(0);
        }
    }
}

/// Adds `[seq, upper)` to sorted, disjoint `blocks`, merging what it
/// touches.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Reasm {
        Reasm {
            last_reassem_seq: 1,
            trim_seq: 1,
            ..Default::default()
        }
    }

    #[test]
    fn in_order_and_out_of_order_ranges() {
        let mut r = fresh();
        assert!(r.add(1, 11));
        assert_eq!(r.last_reassem_seq, 11);
        // A hole: held above the delivered point.
        assert!(!r.add(21, 31));
        assert!(!r.add(41, 51));
        assert_eq!(r.undelivered_bytes(), 40);
        assert_eq!(r.held_bytes(), 10 + 20);
        // Filling the hole delivers through the block it touches.
        assert!(r.add(11, 21));
        assert_eq!(r.last_reassem_seq, 31);
        assert_eq!(&r.blocks[..], &[(41, 51)]);
        // A retransmission of delivered data changes nothing.
        assert!(!r.add(5, 20));
    }

    #[test]
    fn overlapping_blocks_merge() {
        let mut blocks = ThinVec::new();
        insert_range(&mut blocks, 10, 20);
        insert_range(&mut blocks, 30, 40);
        insert_range(&mut blocks, 15, 32);
        assert_eq!(&blocks[..], &[(10, 40)]);
        insert_range(&mut blocks, 40, 45);
        assert_eq!(&blocks[..], &[(10, 45)]);
        insert_range(&mut blocks, 1, 2);
        assert_eq!(&blocks[..], &[(1, 2), (10, 45)]);
    }

    #[test]
    fn acked_holes_are_gaps() {
        let mut r = fresh();
        r.add(1, 11);
        r.add(21, 31);
        let mut gaps = Vec::new();
        r.trim_to(41, false, &mut gaps);
        assert_eq!(gaps, [(11, 10), (31, 10)]);
        assert_eq!(r.last_reassem_seq, 41);
        assert_eq!(r.trim_seq, 41);
        assert!(r.blocks.is_empty());
        // Below the trim point nothing is taken any more.
        assert!(!r.add(30, 41));
    }

    #[test]
    fn partial_connection_start_is_no_gap() {
        let mut r = fresh();
        let mut gaps = Vec::new();
        r.trim_to(2, true, &mut gaps);
        assert!(gaps.is_empty());
    }

    #[test]
    fn kept_bytes_compare_retransmissions() {
        let mut r = fresh();
        let mut rexmit = Vec::new();
        r.keep(1, b"hello", true, &mut rexmit);
        r.keep(6, b" world", true, &mut rexmit);
        assert!(rexmit.is_empty());
        r.keep(3, b"LLo", true, &mut rexmit);
        assert_eq!(rexmit, [(b"llo".to_vec(), b"LLo".to_vec())]);
        // One differing byte counts only once the peer has spoken.
        rexmit.clear();
        r.keep(1, b"H", false, &mut rexmit);
        assert!(rexmit.is_empty());
    }
}
