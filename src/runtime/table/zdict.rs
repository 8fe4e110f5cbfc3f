//! A model of Zeek's `Dictionary` placement, to tell the order in which
//! Zeek iterates a table.
//!
//! Zeek's dictionary is open addressing with "clustered hashing": entries
//! of one bucket sit together, clusters are ordered by bucket, and each
//! slot records its distance from its bucket. A table starts with one
//! slot; it doubles (2^n buckets plus n overflow slots) when full (when it
//! has more than 2^3 buckets, at 75% load) or when free slots lie too far
//! from where insertions wanted them. Growing does not move entries at
//! once: they are remapped to their new buckets incrementally, from the
//! end of the old area down, a few after each insertion and any entry
//! found by a lookup in the old area, but never while an iteration runs.
//! Iteration walks the slots in order.
//!
//! The model stores per slot only the low 32 bits of the hash (all Zeek
//! keeps) and an entry id; ids stand in for key comparison.

const EMPTY: u16 = 0xFFFF;
const THRESHOLD_BITS: u16 = 3;
const LOAD_FACTOR_100: u64 = 75;
const MIN_LOAD_FACTOR_100: u64 = 25;
const SPACE_DISTANCE_THRESHOLD: u64 = 32;
const MIN_SPACE_DISTANCE_SAMPLES: u32 = 128;
const REMAP_ENTRIES: u32 = 16;

#[derive(Clone, Copy, Debug)]
struct Slot {
    distance: u16,
    hash: u32,
    id: u32,
}

impl Slot {
    const VACANT: Slot = Slot {
        distance: EMPTY,
        hash: 0,
        id: u32::MAX,
    };
    fn empty(&self) -> bool {
        self.distance == EMPTY
    }
}

#[derive(Clone, Debug)]
pub struct DictSim {
    /// Empty until the first insertion, then `capacity` slots.
    table: Vec<Slot>,
    log2_buckets: u16,
    capacity: usize,
    remaps: u16,
    remap_end: i64,
    num_entries: usize,
    space_distance_samples: u32,
    space_distance_sum: i64,
    iterators: u32,
}

impl Default for DictSim {
    fn default() -> Self {
        DictSim::new()
    }
}

fn fib_bucket(h: u32, bits: u16) -> usize {
    if bits == 0 {
        return 0;
    }
    let f = (h as u64).wrapping_mul(11_400_714_819_323_198_485);
    let m = 64 - bits as u32;
    ((f << m) >> m) as usize
}

impl DictSim {
    pub fn new() -> Self {
        DictSim {
            table: Vec::new(),
            log2_buckets: 0,
            capacity: 1,
            remaps: 0,
            remap_end: -1,
            num_entries: 0,
            space_distance_samples: 0,
            space_distance_sum: 0,
            iterators: 0,
        }
    }

    /// The number of entries (the tests check the model's bookkeeping).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.num_entries
    }

    /// Entry ids in iteration order.
    pub fn order(&self) -> impl Iterator<Item = u32> + '_ {
        self.table.iter().filter(|s| !s.empty()).map(|s| s.id)
    }

    /// Renumbers entries (after the caller compacted its storage).
    pub fn renumber(&mut self, map: impl Fn(u32) -> u32) {
        for s in self.table.iter_mut().filter(|s| !s.empty()) {
            s.id = map(s.id);
        }
    }

    /// An iteration starts or ends: while any runs, nothing is remapped.
    pub fn begin_iteration(&mut self) {
        self.iterators += 1;
    }
    pub fn end_iteration(&mut self) {
        self.iterators = self.iterators.saturating_sub(1);
    }

    fn cap(&self) -> usize {
        self.table.len()
    }

    fn set_log2(&mut self, n: u16) {
        self.log2_buckets = n;
        self.capacity = (1usize << n) + n as usize;
    }

    fn buckets(&self) -> usize {
        if self.table.is_empty() {
            0
        } else {
            1 << self.log2_buckets
        }
    }

    fn bucket_at(&self, pos: usize) -> usize {
        pos - self.table[pos].distance as usize
    }

    fn threshold(&self) -> usize {
        if self.log2_buckets <= THRESHOLD_BITS {
            self.cap()
        } else {
            self.cap() * LOAD_FACTOR_100 as usize / 100
        }
    }

    fn end_of_cluster_by_bucket(&self, bucket: usize) -> usize {
        let mut i = bucket;
        while i < self.cap() && !self.table[i].empty() && self.bucket_at(i) <= bucket {
            i += 1;
        }
        i
    }

    fn tail_of_cluster(&self, pos: usize) -> usize {
        let bucket = self.bucket_at(pos);
        let mut i = pos;
        while i < self.cap() && !self.table[i].empty() && self.bucket_at(i) == bucket {
            i += 1;
        }
        i - 1
    }

    /// Searches one cluster: Ok(position) or Err(insert position).
    fn find_in(&self, hash: u32, id: u32, begin: usize, end: usize) -> Result<usize, usize> {
        let mut i = begin;
        while i < end && !self.table[i].empty() && self.bucket_at(i) <= begin {
            if self.bucket_at(i) == begin && self.table[i].id == id && self.table[i].hash == hash {
                return Ok(i);
            }
            i += 1;
        }
        Err(i)
    }

    /// Zeek's lookup: also in the areas of earlier sizes still being
    /// remapped, moving an entry found there unless an iteration runs.
    fn lookup_index(&mut self, hash: u32, id: u32) -> Result<usize, usize> {
        if self.table.is_empty() {
            return Err(0);
        }
        let bucket = fib_bucket(hash, self.log2_buckets);
        let miss = match self.find_in(hash, id, bucket, self.cap()) {
            Ok(p) => return Ok(p),
            Err(p) => p,
        };
        for i in 1..=self.remaps {
            let prev = fib_bucket(hash, self.log2_buckets - i);
            if (prev as i64) <= self.remap_end {
                if let Ok(mut p) = self.find_in(hash, id, prev, (self.remap_end + 1) as usize) {
                    if self.iterators == 0 {
                        if let Some(np) = self.remap_one(p) {
                            p = np;
                        }
                    }
                    return Ok(p);
                }
            }
        }
        Err(miss)
    }

    /// A lookup of an existing entry (it may move the entry).
    pub fn lookup(&mut self, hash: u64, id: u32) {
        let _ = self.lookup_index(hash as u32, id);
    }

    /// Inserts a new entry or re-assigns an existing one.
    pub fn insert(&mut self, hash: u64, id: u32) {
        let hash = hash as u32;
        if self.table.is_empty() {
            self.table = vec![Slot::VACANT; self.capacity];
        }
        if let Err(pos) = self.lookup_index(hash, id) {
            let bucket = fib_bucket(hash, self.log2_buckets);
            let entry = Slot {
                distance: (pos - bucket) as u16,
                hash,
                id,
            };
            let last = self.insert_and_relocate(entry, pos);
            self.space_distance_sum += last as i64 - pos as i64;
            self.space_distance_samples += 1;
            if self.remapping() && (pos as i64) <= self.remap_end && self.remap_end < last as i64 {
                self.remap_end = last as i64;
            }
            self.num_entries += 1;
            // Grow when over the load threshold, or when free slots turned
            // out to lie too far from where insertions wanted them.
            let crowded = self.space_distance_samples > MIN_SPACE_DISTANCE_SAMPLES
                && self.space_distance_sum as u64
                    > self.space_distance_samples as u64 * SPACE_DISTANCE_THRESHOLD
                && self.num_entries as u64 > MIN_LOAD_FACTOR_100 * self.cap() as u64 / 100;
            if self.num_entries > self.threshold() || crowded {
                self.size_up();
            }
        }
        if self.remapping() {
            self.remap_some();
        }
    }

    pub fn remove(&mut self, hash: u64, id: u32) {
        if let Ok(pos) = self.lookup_index(hash as u32, id) {
            self.remove_and_relocate(pos);
            self.num_entries -= 1;
        }
    }

    /// Zeek replaces a cleared table's dictionary with a new one.
    pub fn clear(&mut self) {
        *self = DictSim::new();
    }

    /// Places `entry` at `pos`, pushing the entry there to the end of its
    /// cluster, and so on; returns the last position written.
    fn insert_and_relocate(&mut self, mut entry: Slot, mut pos: usize) -> usize {
        loop {
            if pos >= self.cap() {
                self.size_up();
                self.table[pos] = entry;
                return pos;
            }
            if self.table[pos].empty() {
                self.table[pos] = entry;
                return pos;
            }
            let mut t = self.table[pos];
            let next = self.tail_of_cluster(pos) + 1;
            t.distance += (next - pos) as u16;
            self.table[pos] = entry;
            entry = t;
            pos = next;
        }
    }

    /// Empties `pos`, filling the hole from the tails of following clusters.
    fn remove_and_relocate(&mut self, mut pos: usize) -> Slot {
        let entry = self.table[pos];
        loop {
            if pos == self.cap() - 1
                || self.table[pos + 1].empty()
                || self.table[pos + 1].distance == 0
            {
                self.table[pos] = Slot::VACANT;
                return entry;
            }
            let next = self.tail_of_cluster(pos + 1);
            self.table[pos] = self.table[next];
            self.table[pos].distance -= (next - pos) as u16;
            pos = next;
        }
    }

    fn remapping(&self) -> bool {
        self.remap_end >= 0
    }

    fn remap_some(&mut self) {
        if self.iterators > 0 {
            return;
        }
        let mut left = REMAP_ENTRIES;
        while self.remap_end >= 0 && left > 0 {
            let p = self.remap_end as usize;
            if !self.table[p].empty() && self.remap_one(p).is_some() {
                left -= 1;
            } else {
                self.remap_end -= 1;
            }
        }
        if self.remap_end < 0 {
            self.remaps = 0;
        }
    }

    /// Moves the entry at `pos` to its bucket under the current size;
    /// returns its new position, or None if it already is in its bucket.
    fn remap_one(&mut self, pos: usize) -> Option<usize> {
        let current = self.bucket_at(pos);
        let expected = fib_bucket(self.table[pos].hash, self.log2_buckets);
        if current == expected {
            return None;
        }
        let mut entry = self.remove_and_relocate(pos);
        let at = self.end_of_cluster_by_bucket(expected);
        entry.distance = (at - expected) as u16;
        self.insert_and_relocate(entry, at);
        Some(at)
    }

    fn size_up(&mut self) {
        let prev = self.cap();
        self.set_log2(self.log2_buckets + 1);
        self.table.resize(self.capacity, Slot::VACANT);
        self.remap_end = prev as i64;
        self.remaps += 1;
        self.space_distance_sum = 0;
        self.space_distance_samples = 0;
        debug_assert!(self.buckets() > 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_entry_through_growth_and_removal() {
        let mut d = DictSim::new();
        let h = |i: u32| (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7;
        for i in 0..500u32 {
            d.insert(h(i), i);
        }
        assert_eq!(d.len(), 500);
        for i in (0..500u32).step_by(3) {
            d.remove(h(i), i);
        }
        let mut seen: Vec<u32> = d.order().collect();
        seen.sort();
        let want: Vec<u32> = (0..500).filter(|i| i % 3 != 0).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn first_entries_share_the_single_bucket() {
        let mut d = DictSim::new();
        d.insert(5, 0);
        assert_eq!(d.order().collect::<Vec<_>>(), vec![0]);
        assert_eq!(d.cap(), 1);
        d.insert(9, 1);
        assert_eq!(d.cap(), 3);
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn every_entry_stays_findable_while_remapping() {
        // A small linear congruential generator for hashes and operations.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            x >> 16
        };
        let mut d = DictSim::new();
        let mut live: Vec<(u64, u32)> = Vec::new();
        for id in 0..3000u32 {
            let h = next();
            d.insert(h, id);
            live.push((h, id));
            if next() % 3 == 0 {
                let (h, id) = live.swap_remove((next() as usize) % live.len());
                d.remove(h, id);
            }
            if id % 97 == 0 {
                for &(h, id) in &live {
                    assert!(d.lookup_index(h as u32, id).is_ok(), "lost entry {id}");
                }
            }
        }
        assert_eq!(d.len(), live.len());
        assert_eq!(d.order().count(), live.len());
    }
}
