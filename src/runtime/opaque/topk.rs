//! The top-k counter behind `opaque of topk`.

use crate::runtime::types::TypeRef;
use crate::runtime::value::Value;

#[derive(Debug, Clone)]
pub(crate) struct TopKEntry {
    value: Value,
    epsilon: u64,
}

#[derive(Debug, Clone)]
pub(crate) struct Bucket {
    count: u64,
    /// Oldest first.
    entries: Vec<TopKEntry>,
}

/// Metwally et al.'s space-saving counter, as Zeek keeps it: buckets of
/// equal counts in ascending order; a new value when full replaces the
/// oldest value of the lowest bucket and inherits its count as error.
#[derive(Debug, Clone, Default)]
pub struct TopK {
    pub size: usize,
    pub sum: u64,
    /// Set once a prune dropped values, after which `sum` undercounts.
    pub pruned: bool,
    buckets: Vec<Bucket>,
    pub elem_ty: Option<TypeRef>,
}

impl TopK {
    /// A counter that keeps the `size` most frequent values.
    pub fn new(size: usize) -> TopK {
        TopK {
            size,
            ..TopK::default()
        }
    }

    pub fn locate(&self, v: &Value) -> Option<(usize, usize)> {
        self.buckets.iter().enumerate().find_map(|(bi, b)| {
            b.entries
                .iter()
                .position(|e| e.value == *v)
                .map(|ei| (bi, ei))
        })
    }

    pub fn len(&self) -> usize {
        self.buckets.iter().map(|b| b.entries.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.buckets.iter().all(|b| b.entries.is_empty())
    }

    /// Moves the entry at (bi, ei) up by `by`.
    pub fn increment(&mut self, bi: usize, ei: usize, by: u64) {
        let target = self.buckets[bi].count + by;
        let entry = self.buckets[bi].entries.remove(ei);
        let mut bi = bi;
        if self.buckets[bi].entries.is_empty() {
            self.buckets.remove(bi);
        } else {
            bi += 1;
        }
        let mut pos = bi;
        while pos < self.buckets.len() && self.buckets[pos].count < target {
            pos += 1;
        }
        if pos < self.buckets.len() && self.buckets[pos].count == target {
            self.buckets[pos].entries.push(entry);
        } else {
            self.buckets.insert(
                pos,
                Bucket {
                    count: target,
                    entries: vec![entry],
                },
            );
        }
    }

    pub fn add(&mut self, v: Value, by: u64) {
        if self.elem_ty.is_none() {
            self.elem_ty = Some(crate::runtime::types::type_of(&v));
        }
        self.sum += by;
        if let Some((bi, ei)) = self.locate(&v) {
            self.increment(bi, ei, by);
            return;
        }
        if self.len() < self.size {
            let entry = TopKEntry {
                value: v,
                epsilon: 0,
            };
            match self.buckets.first_mut() {
                Some(b) if b.count == 0 => b.entries.push(entry),
                _ => self.buckets.insert(
                    0,
                    Bucket {
                        count: 0,
                        entries: vec![entry],
                    },
                ),
            }
            let ei = self.buckets[0].entries.len() - 1;
            self.increment(0, ei, by);
            return;
        }
        let Some(low) = self.buckets.first_mut() else {
            return;
        };
        low.entries.remove(0);
        let epsilon = low.count;
        low.entries.push(TopKEntry { value: v, epsilon });
        let ei = low.entries.len() - 1;
        self.increment(0, ei, by);
    }

    pub fn count_of(&self, v: &Value) -> u64 {
        self.locate(v)
            .map(|(bi, _)| self.buckets[bi].count)
            .unwrap_or(0)
    }

    pub fn epsilon_of(&self, v: &Value) -> u64 {
        self.locate(v)
            .map(|(bi, ei)| self.buckets[bi].entries[ei].epsilon)
            .unwrap_or(0)
    }

    pub fn top(&self, k: usize) -> Vec<Value> {
        self.buckets
            .iter()
            .rev()
            .flat_map(|b| b.entries.iter().map(|e| e.value.clone()))
            .take(k)
            .collect()
    }

    pub fn merge(&mut self, other: &TopK, prune: bool) {
        if self.size == 0 {
            self.size = other.size;
        }
        if self.elem_ty.is_none() {
            self.elem_ty = other.elem_ty.clone();
        }
        for b in &other.buckets {
            for e in &b.entries {
                let (bi, ei) = match self.locate(&e.value) {
                    Some(p) => p,
                    None => {
                        let entry = TopKEntry {
                            value: e.value.clone(),
                            epsilon: 0,
                        };
                        self.buckets.insert(
                            0,
                            Bucket {
                                count: 0,
                                entries: vec![entry],
                            },
                        );
                        (0, 0)
                    }
                };
                self.buckets[bi].entries[ei].epsilon += e.epsilon;
                self.increment(bi, ei, b.count);
            }
        }
        self.sum += other.sum;
        if prune {
            // Pruned values take their counts out of the sum.
            while self.len() > self.size {
                self.pruned = true;
                self.sum = self.sum.saturating_sub(self.buckets[0].count);
                self.buckets[0].entries.remove(0);
                if self.buckets[0].entries.is_empty() {
                    self.buckets.remove(0);
                }
            }
        }
    }
}
