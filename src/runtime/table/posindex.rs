//! The hash index of a table: entry positions by key hash, in one array of
//! 8-byte slots probed linearly. A slot holds the high half of the key's
//! hash (which also picks its home slot) and the entry position plus one;
//! zero is an empty slot.
//!
//! Why not `hashbrown`: its control bytes live apart from its slots, so
//! in a table larger than the cache each probe missed twice, and growing
//! read every entry again for its hash. Here a probe touches one slot run
//! (usually one cache line) and growing needs only the slots. The keyed
//! hash is unchanged, so crafted keys collide no more than before.

const EMPTY: u64 = 0;

/// Where a key that is not in the index would go; spent by `fill`.
pub struct Vacant(usize);

#[derive(Debug, Default)]
pub struct PosIndex {
    /// A power of two in length, at most three quarters full (or empty).
    slots: Vec<u64>,
    len: usize,
}

/// The slot value for an entry. Positions index a vector of entries, so
/// memory runs out long before one reaches `u32::MAX`.
fn encode(h: u64, pos: usize) -> u64 {
    debug_assert!(pos < u32::MAX as usize);
    (h & !0xFFFF_FFFF) | (pos as u64 + 1)
}

fn position(slot: u64) -> usize {
    (slot as u32 as usize).wrapping_sub(1)
}

/// Asks the kernel to back a large slot array with huge pages: probes
/// land anywhere in it, and with 4 KiB pages nearly every probe of a big
/// table also missed the TLB. Only advice; failure changes nothing.
fn advise_huge_pages(slots: &mut [u64]) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let bytes = std::mem::size_of_val(slots);
        if bytes < 4 << 20 {
            return;
        }
        let start = slots.as_mut_ptr() as usize;
        let aligned = (start + PAGE - 1) & !(PAGE - 1);
        let len = (start + bytes - aligned) & !(PAGE - 1);
        // SAFETY: madvise with MADV_HUGEPAGE only changes how the kernel
        // backs whole pages inside this live allocation (the range is
        // rounded inwards to page bounds); contents and validity stay.
        unsafe {
            libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
    }
}

impl PosIndex {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn home(&self, h: u64) -> usize {
        (h >> 32) as usize & (self.slots.len() - 1)
    }

    /// The slot holding the entry with hash `h` for which `eq` holds, or
    /// the empty slot ending the search.
    fn probe(&self, h: u64, mut eq: impl FnMut(usize) -> bool) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return Err(i);
            }
            if (s ^ h) >> 32 == 0 && eq(position(s)) {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// The position of the entry with hash `h` for which `eq` holds.
    pub fn find(&self, h: u64, eq: impl FnMut(usize) -> bool) -> Option<usize> {
        self.probe(h, eq).ok().map(|i| position(self.slots[i]))
    }

    /// Like `find`, but a miss tells where the key would go, so adding it
    /// costs no second probe.
    pub fn find_or_vacant(&self, h: u64, eq: impl FnMut(usize) -> bool) -> Result<usize, Vacant> {
        match self.probe(h, eq) {
            Ok(i) => Ok(position(self.slots[i])),
            Err(i) => Err(Vacant(i)),
        }
    }

    /// Adds entry `pos` with hash `h` where `find_or_vacant` said it goes.
    pub fn fill(&mut self, v: Vacant, h: u64, pos: usize) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
            self.insert_unique(h, pos);
        } else {
            self.slots[v.0] = encode(h, pos);
            self.len += 1;
        }
    }

    /// Adds an entry known not to be present.
    pub fn insert_unique(&mut self, h: u64, pos: usize) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        Self::place(&mut self.slots, encode(h, pos));
        self.len += 1;
    }

    fn place(slots: &mut [u64], s: u64) {
        let mask = slots.len() - 1;
        let mut i = (s >> 32) as usize & mask;
        while slots[i] != EMPTY {
            i = (i + 1) & mask;
        }
        slots[i] = s;
    }

    fn grow(&mut self) {
        // Two slots first: a one-element set (the commonest kind inside
        // records) needs no more.
        let cap = (self.slots.len() * 2).max(2);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; cap]);
        advise_huge_pages(&mut self.slots);
        for s in old.into_iter().filter(|&s| s != EMPTY) {
            Self::place(&mut self.slots, s);
        }
    }

    /// Removes the entry with hash `h` for which `eq` holds; returns its
    /// position.
    pub fn remove(&mut self, h: u64, eq: impl FnMut(usize) -> bool) -> Option<usize> {
        let mut hole = self.probe(h, eq).ok()?;
        let pos = position(self.slots[hole]);
        // Backward shift: later slots of the run move into the hole when
        // that keeps them reachable from their home slot, so lookups never
        // meet a gap inside a run (no tombstones).
        let mask = self.slots.len() - 1;
        let mut j = hole;
        loop {
            j = (j + 1) & mask;
            let s = self.slots[j];
            if s == EMPTY {
                break;
            }
            let home = (s >> 32) as usize & mask;
            if j.wrapping_sub(home) & mask >= j.wrapping_sub(hole) & mask {
                self.slots[hole] = s;
                hole = j;
            }
        }
        self.slots[hole] = EMPTY;
        self.len -= 1;
        Some(pos)
    }

    /// Empties the index, keeping its room.
    pub fn clear(&mut self) {
        self.slots.fill(EMPTY);
        self.len = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(keys: &[Option<u64>], k: u64) -> impl FnMut(usize) -> bool + '_ {
        move |p| keys[p] == Some(k)
    }

    #[test]
    fn agrees_with_a_map_through_inserts_and_removes() {
        // Hashes with few distinct high halves, so runs and wrap-around
        // are exercised.
        let hash = |k: u64| (k % 37).wrapping_mul(0x9E37_79B9_0000_0000) | k;
        let mut ix = PosIndex::default();
        let mut keys: Vec<Option<u64>> = Vec::new();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let k = (x >> 33) % 3000;
            if x & 1 == 0 {
                match ix.find_or_vacant(hash(k), holds(&keys, k)) {
                    Ok(p) => assert_eq!(keys[p], Some(k)),
                    Err(v) => {
                        keys.push(Some(k));
                        ix.fill(v, hash(k), keys.len() - 1);
                    }
                }
            } else if let Some(p) = ix.remove(hash(k), holds(&keys, k)) {
                assert_eq!(keys[p], Some(k));
                keys[p] = None;
            }
            if keys.len().is_multiple_of(64) {
                assert_eq!(ix.len(), keys.iter().flatten().count());
            }
        }
        for (p, k) in keys.iter().enumerate() {
            if let Some(k) = k {
                assert_eq!(ix.find(hash(*k), |q| keys[q] == Some(*k)), Some(p));
            }
        }
    }
}
