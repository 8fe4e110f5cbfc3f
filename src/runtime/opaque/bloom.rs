//! The Bloom filters behind `opaque of bloomfilter`.

use super::hashing::hash64;
use crate::runtime::value::Value;

/// A Bloom filter with `k` hash functions over its cells; a counting
/// filter keeps a saturating count per cell instead of one bit.
#[derive(Debug, Clone, Default)]
pub struct Bloom {
    pub k: usize,
    pub cells: Vec<u64>,
    /// The largest count a cell holds (1 for a basic filter).
    pub max: u64,
    /// Whether this is a counting filter (which can forget elements).
    pub counting: bool,
    /// The type of the elements, fixed by the first one added (Zeek's
    /// filters hold one type; `None` while the filter is empty of any).
    pub elem: Option<String>,
}

impl Bloom {
    /// Fixes the element type on first use; false when `v` is of another
    /// type than the elements already added.
    pub fn accepts(&mut self, v: &Value) -> bool {
        let ty = crate::runtime::types::type_of(v).to_string();
        match &self.elem {
            Some(t) => *t == ty,
            None => {
                self.elem = Some(ty);
                true
            }
        }
    }

    /// Whether `v` can be looked up: of the elements' type. An untyped
    /// filter holds nothing, so the caller answers 0 without asking.
    pub fn same_type(&self, v: &Value) -> bool {
        self.elem.as_deref() == Some(&*crate::runtime::types::type_of(v).to_string())
    }

    pub fn positions(&self, v: &Value) -> Vec<usize> {
        let n = self.cells.len().max(1) as u64;
        (0..self.k as u64)
            .map(|i| (hash64(v, i + 1) % n) as usize)
            .collect()
    }

    pub fn add(&mut self, v: &Value) {
        for p in self.positions(v) {
            if self.cells[p] < self.max {
                self.cells[p] += 1;
            }
        }
    }

    /// Forgets one addition of an element to a counting filter: false for
    /// a basic filter or an element not in it. A cell at zero wraps to its
    /// largest count, as Zeek's counters do.
    pub fn decrement(&mut self, v: &Value) -> bool {
        if !self.counting || self.lookup(v) == 0 {
            return false;
        }
        for p in self.positions(v) {
            self.cells[p] = if self.cells[p] == 0 {
                self.max
            } else {
                self.cells[p] - 1
            };
        }
        true
    }

    pub fn lookup(&self, v: &Value) -> u64 {
        if self.cells.is_empty() {
            return 0;
        }
        self.positions(v)
            .into_iter()
            .map(|p| self.cells[p])
            .min()
            .unwrap_or(0)
    }
}
