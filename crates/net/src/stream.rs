//! In-order delivery of one TCP direction's bytes to an application
//! analyzer: segments arrive with their relative sequence numbers
//! (1 for the first byte); retransmitted bytes are dropped, bytes
//! beyond a hole wait (up to a bound) until the hole is filled.

/// Bytes kept above a hole; past this the hole is given up on and the
/// stream stops (an analyzer cannot parse across missing bytes anyway).
const MAX_HELD: usize = 256 * 1024;

#[derive(Debug, Clone)]
pub struct Stream {
    /// The next sequence number to deliver.
    next: u64,
    /// Segments above `next`, sorted by sequence number.
    held: Vec<(u64, Vec<u8>)>,
    held_bytes: usize,
    /// A hole was given up on: nothing more is delivered.
    pub broken: bool,
}

impl Default for Stream {
    fn default() -> Self {
        Stream {
            next: 1,
            held: Vec::new(),
            held_bytes: 0,
            broken: false,
        }
    }
}

impl Stream {
    /// The next sequence number to deliver.
    pub fn next(&self) -> u64 {
        self.next
    }

    /// The common case without copying: a segment that is exactly the
    /// next data, with nothing held, is taken as delivered (true) and the
    /// caller uses it directly; otherwise nothing changes.
    pub fn take_next(&mut self, seq: u64, len: usize) -> bool {
        if self.broken || seq != self.next || !self.held.is_empty() || len == 0 {
            return false;
        }
        self.next += len as u64;
        true
    }

    /// Takes a segment; appends to `out` whatever is now in order.
    pub fn add(&mut self, seq: u64, data: &[u8], out: &mut Vec<Vec<u8>>) {
        if self.broken || data.is_empty() {
            return;
        }
        let end = seq.saturating_add(data.len() as u64);
        if end <= self.next {
            return;
        }
        if seq > self.next {
            if self.held_bytes + data.len() > MAX_HELD {
                self.broken = true;
                self.held.clear();
                return;
            }
            let at = self.held.partition_point(|(s, _)| *s <= seq);
            self.held.insert(at, (seq, data.to_vec()));
            self.held_bytes += data.len();
            return;
        }
        let skip = (self.next - seq) as usize;
        out.push(data[skip..].to_vec());
        self.next = end;
        // Held segments the new bytes reach.
        while let Some((s, _)) = self.held.first() {
            if *s > self.next {
                break;
            }
            let (s, d) = self.held.remove(0);
            self.held_bytes -= d.len();
            let e = s + d.len() as u64;
            if e > self.next {
                out.push(d[(self.next - s) as usize..].to_vec());
                self.next = e;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reorders_and_drops_repeats() {
        let mut s = Stream::default();
        let mut out = Vec::new();
        s.add(4, b"def", &mut out);
        assert!(out.is_empty());
        s.add(1, b"abc", &mut out);
        s.add(2, b"bcdefg", &mut out);
        s.add(1, b"abc", &mut out);
        assert_eq!(out.concat(), b"abcdefg");
    }
}
