//! Tables and sets: a hash index over entries kept in insertion order, so
//! iteration is deterministic. Deletion leaves a hole that later
//! compaction removes, keeping deletes O(1).

use crate::types::TypeRef;
use crate::value::Value;
use ahash::AHashMap;

/// What a lookup of a missing key yields (`&default`).
#[derive(Debug, Clone)]
pub enum TableDefault {
    Value(Value),
    /// A function called with the index.
    Func(Value),
}

/// `&create_expire`, `&read_expire`, `&write_expire` with `&expire_func`.
#[derive(Debug, Clone)]
pub struct Expiry {
    pub kind: ExpireKind,
    pub interval: f64,
    pub func: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpireKind {
    Create,
    Read,
    Write,
}

#[derive(Debug)]
pub struct TableVal {
    /// The table's own type (`set[...]` or `table[...] of ...`).
    pub ty: TypeRef,
    entries: Vec<Option<(Value, Value)>>,
    index: AHashMap<Value, usize>,
    holes: usize,
    pub default: Option<TableDefault>,
    /// `&default_insert`: a defaulted lookup also stores the default.
    pub default_insert: bool,
    pub expiry: Option<Expiry>,
    /// Last access (create/read/write) time per entry position, kept only
    /// for tables with an expiry.
    pub stamps: Vec<f64>,
    pub on_change: Option<Value>,
}

impl TableVal {
    pub fn new(ty: TypeRef) -> Self {
        TableVal {
            ty,
            entries: Vec::new(),
            index: AHashMap::new(),
            holes: 0,
            default: None,
            default_insert: false,
            expiry: None,
            stamps: Vec::new(),
            on_change: None,
        }
    }

    /// A new empty table with the same type and attributes.
    pub fn shallow_clone_empty(&self) -> Self {
        TableVal {
            default: self.default.clone(),
            default_insert: self.default_insert,
            expiry: self.expiry.clone(),
            on_change: self.on_change.clone(),
            ..TableVal::new(self.ty.clone())
        }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn get(&self, key: &Value) -> Option<&Value> {
        let i = *self.index.get(key)?;
        self.entries[i].as_ref().map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &Value) -> Option<&mut Value> {
        let i = *self.index.get(key)?;
        self.entries[i].as_mut().map(|(_, v)| v)
    }

    pub fn contains(&self, key: &Value) -> bool {
        self.index.contains_key(key)
    }

    /// Position of a key in insertion order (for expiry stamps).
    pub fn position(&self, key: &Value) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Inserts or replaces; returns whether the key was new.
    pub fn insert(&mut self, key: Value, value: Value) -> bool {
        if let Some(&i) = self.index.get(&key) {
            if let Some(e) = self.entries[i].as_mut() {
                e.1 = value;
            }
            return false;
        }
        self.index.insert(key.clone(), self.entries.len());
        self.entries.push(Some((key, value)));
        if self.expiry.is_some() {
            self.stamps.resize(self.entries.len(), 0.0);
        }
        true
    }

    pub fn remove(&mut self, key: &Value) -> Option<Value> {
        let i = self.index.remove(key)?;
        let old = self.entries[i].take().map(|(_, v)| v);
        self.holes += 1;
        if self.holes > 32 && self.holes * 2 > self.entries.len() {
            self.compact();
        }
        old
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.stamps.clear();
        self.holes = 0;
    }

    fn compact(&mut self) {
        let has_stamps = !self.stamps.is_empty();
        let mut stamps = Vec::new();
        let mut kept = Vec::with_capacity(self.index.len());
        for (i, e) in std::mem::take(&mut self.entries).into_iter().enumerate() {
            if let Some(e) = e {
                if has_stamps {
                    stamps.push(self.stamps.get(i).copied().unwrap_or(0.0));
                }
                kept.push(Some(e));
            }
        }
        self.entries = kept;
        self.stamps = stamps;
        self.holes = 0;
        for (i, e) in self.entries.iter().enumerate() {
            if let Some((k, _)) = e {
                if let Some(slot) = self.index.get_mut(k) {
                    *slot = i;
                }
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().filter_map(|e| e.as_ref().map(|(k, v)| (k, v)))
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    /// Whether two tables hold the same keys with equal values.
    pub fn same_entries(&self, other: &TableVal) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types;

    #[test]
    fn keeps_insertion_order_across_deletes() {
        let mut t = TableVal::new(types::set_of(vec![types::count()]));
        for i in 0..100u64 {
            t.insert(Value::Count(i), Value::Unset);
        }
        for i in (0..100u64).step_by(2) {
            assert!(t.remove(&Value::Count(i)).is_some());
        }
        let keys: Vec<u64> = t.iter().map(|(k, _)| k.as_count()).collect();
        let want: Vec<u64> = (0..100).filter(|i| i % 2 == 1).collect();
        assert_eq!(keys, want);
        assert!(t.contains(&Value::Count(99)));
        assert!(!t.contains(&Value::Count(98)));
        t.insert(Value::Count(98), Value::Unset);
        assert_eq!(t.iter().last().map(|(k, _)| k.as_count()), Some(98));
    }
}
