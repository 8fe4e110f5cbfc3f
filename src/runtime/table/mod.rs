//! Tables and sets: a hash index over entries kept in insertion order, so
//! iteration is deterministic. Deletion leaves a hole that later
//! compaction removes, keeping deletes O(1). The index holds only entry
//! positions (8 bytes a slot) and entries keep their hash, so lookups
//! touch little memory and growing never rehashes keys.
//!
//! Under `ZEEK_SEED_FILE` Zeek's own iteration order is reproducible, and
//! its test baselines print tables in it; then each table (unless
//! `&ordered`) also keeps a model of Zeek's dictionary (`zdict`) fed with
//! Zeek's hashes of its keys (`zhash`), and iteration follows that model.

mod posindex;
mod zdict;
pub mod zhash;

use crate::runtime::types::TypeRef;
use crate::runtime::value::Value;
use posindex::PosIndex;
use std::cell::RefCell;
use std::rc::Rc;
use zdict::DictSim;
use zhash::FuncNumbering;

/// What a lookup of a missing key yields (`&default`).
#[derive(Debug, Clone)]
pub enum TableDefault {
    Value(Value),
    /// A function called with the index.
    Func(Value),
}

/// `&create_expire`, `&read_expire`, `&write_expire` with `&expire_func`.
/// As in Zeek, both expressions are evaluated each time the table's
/// entries are checked, so a later `redef` of the interval counts.
#[derive(Debug, Clone)]
pub struct Expiry {
    pub kind: ExpireKind,
    pub interval: Rc<crate::runtime::ir::Expr>,
    pub func: Option<Rc<crate::runtime::ir::Expr>>,
    /// Whether the table's expiry timer is running.
    pub armed: bool,
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
    entries: Vec<Option<Entry>>,
    index: PosIndex,
    hasher: &'static ahash::RandomState,
    holes: u32,
    /// `for` loops running over the table now.
    loops: std::cell::Cell<u32>,
    /// Attributes, for the few tables that have any: most tables are
    /// small sets inside records (a connection's `service`), so what they
    /// never use costs them one pointer.
    attrs: Option<Box<TableAttrs>>,
    /// Zeek's iteration order, kept only under a seed file.
    zeek: Option<Box<ZeekOrder>>,
}

/// A table's `&default`, expiry and `&on_change`.
#[derive(Debug, Clone, Default)]
pub struct TableAttrs {
    pub default: Option<TableDefault>,
    /// `&default_insert`: a defaulted lookup also stores the default.
    pub default_insert: bool,
    pub expiry: Option<Expiry>,
    /// Last access (create/read/write) time per entry position, kept only
    /// for tables with an expiry.
    pub stamps: Vec<f64>,
    pub on_change: Option<Value>,
}

/// The model of Zeek's dictionary for one table: Zeek's hash of each entry
/// (by entry position) and the dictionary fed with them. Lookups can move
/// entries in Zeek's dictionary, hence the `RefCell`.
#[derive(Debug, Clone)]
struct ZeekOrder {
    key: (u64, u64),
    hashes: Vec<u64>,
    dict: RefCell<DictSim>,
    funcs: RefCell<FuncNumbering>,
}

impl ZeekOrder {
    fn new() -> Option<Box<ZeekOrder>> {
        let key = crate::runtime::seed::seeded_key()?;
        Some(Box::new(ZeekOrder {
            key,
            hashes: Vec::new(),
            dict: RefCell::new(DictSim::new()),
            funcs: RefCell::new(FuncNumbering::default()),
        }))
    }

    fn lookup(&self, pos: usize) {
        self.dict.borrow_mut().lookup(self.hashes[pos], pos as u32);
    }
}

/// Iterates a table's entries, in insertion order or Zeek's.
pub enum TableIter<'a> {
    Inserted(std::slice::Iter<'a, Option<Entry>>),
    Zeek(std::vec::IntoIter<u32>, &'a [Option<Entry>]),
}

impl<'a> Iterator for TableIter<'a> {
    type Item = (&'a Value, &'a Value);
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            TableIter::Inserted(it) => it.find_map(|e| e.as_ref().map(|e| (&e.key, &e.value))),
            TableIter::Zeek(ids, entries) => ids.find_map(|i| {
                entries
                    .get(i as usize)
                    .and_then(|e| e.as_ref().map(|e| (&e.key, &e.value)))
            }),
        }
    }
}

/// One stored entry, with the hash the index keys it by.
#[derive(Debug)]
pub struct Entry {
    hash: u64,
    key: Value,
    value: Value,
}

/// One hasher for every table: keys hash alike across tables, and making
/// a table costs no random seed.
fn hasher() -> &'static ahash::RandomState {
    static HASHER: std::sync::OnceLock<ahash::RandomState> = std::sync::OnceLock::new();
    HASHER.get_or_init(ahash::RandomState::new)
}

impl TableVal {
    pub fn new(ty: TypeRef) -> Self {
        TableVal {
            ty,
            entries: Vec::new(),
            index: PosIndex::default(),
            hasher: hasher(),
            holes: 0,
            loops: std::cell::Cell::new(0),
            attrs: None,
            zeek: ZeekOrder::new(),
        }
    }

    pub fn default(&self) -> Option<&TableDefault> {
        self.attrs.as_ref()?.default.as_ref()
    }

    pub fn default_mut(&mut self) -> Option<&mut TableDefault> {
        self.attrs.as_mut()?.default.as_mut()
    }

    pub fn default_insert(&self) -> bool {
        self.attrs.as_ref().is_some_and(|a| a.default_insert)
    }

    pub fn expiry(&self) -> Option<&Expiry> {
        self.attrs.as_ref()?.expiry.as_ref()
    }

    pub fn on_change(&self) -> Option<&Value> {
        self.attrs.as_ref()?.on_change.as_ref()
    }

    /// Access times by entry position (empty without an expiry).
    pub fn stamps(&self) -> &[f64] {
        self.attrs.as_ref().map_or(&[], |a| &a.stamps)
    }

    /// The attributes, made on first use.
    pub fn attrs_mut(&mut self) -> &mut TableAttrs {
        self.attrs.get_or_insert_with(Default::default)
    }

    /// `&ordered`: iterate in insertion order whatever the seed.
    pub fn set_ordered(&mut self) {
        self.zeek = None;
    }

    pub fn is_set(&self) -> bool {
        matches!(&*self.ty, crate::runtime::types::Type::Table(t) if t.yield_.is_none())
    }

    /// A `for` loop over the table starts or ends (Zeek moves no entries
    /// while one runs).
    pub fn begin_iteration(&self) {
        self.loops.set(self.loops.get() + 1);
        if let Some(z) = &self.zeek {
            z.dict.borrow_mut().begin_iteration();
        }
    }
    pub fn end_iteration(&self) {
        self.loops.set(self.loops.get().saturating_sub(1));
        if let Some(z) = &self.zeek {
            z.dict.borrow_mut().end_iteration();
        }
    }

    /// Whether a `for` loop is running over the table (changing its
    /// membership then is what Zeek warns about).
    pub fn in_loop(&self) -> bool {
        self.loops.get() > 0
    }

    /// A new empty table with the same type and attributes.
    pub fn shallow_clone_empty(&self) -> Self {
        let attrs = self.attrs.as_ref().map(|a| {
            Box::new(TableAttrs {
                default: a.default.clone(),
                default_insert: a.default_insert,
                // A copy's entries are watched once it is written to.
                expiry: a.expiry.clone().map(|x| Expiry { armed: false, ..x }),
                stamps: Vec::new(),
                on_change: a.on_change.clone(),
            })
        });
        TableVal {
            attrs,
            zeek: self.zeek.as_ref().and_then(|_| ZeekOrder::new()),
            ..TableVal::new(self.ty.clone())
        }
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn find(&self, key: &Value) -> Option<usize> {
        let found = self.find_quiet(key);
        if let (Some(z), Some(i)) = (&self.zeek, found) {
            z.lookup(i);
        }
        found
    }

    /// The index hash of a key. A count is hashed (keyed, like every
    /// key) without its low three bits, which then offset its slot: up to
    /// eight consecutive counts share one run of slots, so tables keyed by
    /// counting numbers probe the index almost like an array instead of
    /// missing the cache on every probe. At most eight keys share a hashed
    /// input, so crafted counts still collide only through the keyed hash
    /// (unlike an identity hash, which lets traffic flood a bucket).
    fn key_hash(&self, key: &Value) -> u64 {
        match key {
            Value::Count(c) => self.hasher.hash_one(c >> 3).wrapping_add((c & 7) << 32),
            _ => self.hasher.hash_one(key),
        }
    }

    /// A lookup Zeek would not make (it leaves Zeek's order alone).
    fn find_quiet(&self, key: &Value) -> Option<usize> {
        let h = self.key_hash(key);
        let entries = &self.entries;
        self.index.find(h, |i| {
            entries[i]
                .as_ref()
                .is_some_and(|e| e.hash == h && e.key == *key)
        })
    }

    pub fn get(&self, key: &Value) -> Option<&Value> {
        let i = self.find(key)?;
        self.entries[i].as_ref().map(|e| &e.value)
    }

    /// The value at a key, without counting as a lookup (Zeek's order
    /// model does not move the entry).
    pub fn peek(&self, key: &Value) -> Option<&Value> {
        let i = self.find_quiet(key)?;
        self.entries[i].as_ref().map(|e| &e.value)
    }

    pub fn get_mut(&mut self, key: &Value) -> Option<&mut Value> {
        let i = self.find(key)?;
        self.entries[i].as_mut().map(|e| &mut e.value)
    }

    pub fn contains(&self, key: &Value) -> bool {
        self.find(key).is_some()
    }

    /// The key a lookup by `key` finds in a table indexed by one subnet:
    /// the key itself, or else the longest-prefix subnet covering it, as
    /// Zeek's `in` and indexing do for such tables.
    pub fn subnet_match(&self, key: &Value) -> Option<Value> {
        let Value::Subnet(want) = key else {
            return None;
        };
        if self.find(key).is_some() {
            return Some(key.clone());
        }
        self.entries
            .iter()
            .flatten()
            .filter_map(|e| match &e.key {
                Value::Subnet(s) if s.covers(want) => Some((s, &e.key)),
                _ => None,
            })
            .max_by_key(|(s, _)| s.full_width())
            .map(|(_, k)| k.clone())
    }

    /// Position of a key in insertion order (for expiry stamps).
    /// Notes an access to `key` for expiry: a write (`created` when the
    /// key is new) or a read. True if the table's timer must be started.
    pub fn touch(&mut self, key: &Value, now: f64, write: bool, created: bool) -> bool {
        let Some(x) = self.expiry() else { return false };
        let renew = match x.kind {
            ExpireKind::Create => created,
            ExpireKind::Write => write,
            ExpireKind::Read => true,
        };
        let arm = write && !x.armed;
        if renew {
            if let (Some(p), Some(a)) = (self.position(key), self.attrs.as_mut()) {
                if let Some(s) = a.stamps.get_mut(p) {
                    *s = now;
                }
            }
        }
        arm
    }

    /// The keys whose last access is older than `cutoff`, in iteration
    /// order (the order Zeek's expiry walks the table in).
    pub fn stale_keys(&self, cutoff: f64) -> Vec<Value> {
        self.keys()
            .into_iter()
            .filter(|k| {
                self.position(k)
                    .and_then(|p| self.stamps().get(p))
                    .is_some_and(|&s| s < cutoff)
            })
            .collect()
    }

    /// Sets a key's access time (an `&expire_func` asked for more time).
    pub fn set_stamp(&mut self, key: &Value, t: f64) {
        if let (Some(p), Some(a)) = (self.position(key), self.attrs.as_mut()) {
            if let Some(s) = a.stamps.get_mut(p) {
                *s = t;
            }
        }
    }

    pub fn position(&self, key: &Value) -> Option<usize> {
        self.find_quiet(key)
    }

    /// Inserts or replaces; returns whether the key was new.
    pub fn insert(&mut self, key: Value, value: Value) -> bool {
        let h = self.key_hash(&key);
        let entries = &mut self.entries;
        let found = self.index.find_or_vacant(h, |i| {
            entries[i]
                .as_ref()
                .is_some_and(|e| e.hash == h && e.key == key)
        });
        let vacant = match found {
            Ok(i) => {
                if let Some(e) = entries[i].as_mut() {
                    e.value = value;
                }
                if let Some(z) = &self.zeek {
                    z.dict.borrow_mut().insert(z.hashes[i], i as u32);
                }
                return false;
            }
            Err(v) => v,
        };
        let key = match &mut self.zeek {
            None => key,
            Some(z) => {
                let zh = zhash::hash_index(z.key, &key, &mut *z.funcs.borrow_mut());
                z.hashes.resize(entries.len(), 0);
                z.hashes.push(zh);
                z.dict.borrow_mut().insert(zh, entries.len() as u32);
                zhash::rebuilt_index(&key).unwrap_or(key)
            }
        };
        let pos = entries.len();
        if entries.capacity() == 0 {
            // Most sets hold one element (a connection's services, its
            // removal hooks); the first push would make room for four.
            entries.reserve_exact(1);
        }
        entries.push(Some(Entry {
            hash: h,
            key,
            value,
        }));
        self.index.fill(vacant, h, pos);
        if let Some(a) = self.attrs.as_mut().filter(|a| a.expiry.is_some()) {
            a.stamps.resize(self.entries.len(), 0.0);
        }
        true
    }

    pub fn remove(&mut self, key: &Value) -> Option<Value> {
        let h = self.key_hash(key);
        let entries = &self.entries;
        let i = self.index.remove(h, |i| {
            entries[i]
                .as_ref()
                .is_some_and(|e| e.hash == h && e.key == *key)
        })?;
        if let Some(z) = &self.zeek {
            z.dict.borrow_mut().remove(z.hashes[i], i as u32);
        }
        let old = self.entries[i].take().map(|e| e.value);
        self.holes += 1;
        if self.holes > 32 && self.holes as usize * 2 > self.entries.len() {
            self.compact();
        }
        old
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        if let Some(a) = self.attrs.as_mut() {
            a.stamps.clear();
        }
        self.holes = 0;
        if let Some(z) = &mut self.zeek {
            z.hashes.clear();
            z.dict.borrow_mut().clear();
        }
    }

    fn compact(&mut self) {
        let has_stamps = !self.stamps().is_empty();
        let mut stamps = Vec::new();
        let mut kept = Vec::with_capacity(self.index.len());
        let mut renumber = Vec::new();
        let mut hashes = Vec::new();
        for (i, e) in std::mem::take(&mut self.entries).into_iter().enumerate() {
            if let Some(e) = e {
                if has_stamps {
                    stamps.push(self.stamps().get(i).copied().unwrap_or(0.0));
                }
                if let Some(z) = &self.zeek {
                    renumber.resize(i + 1, u32::MAX);
                    renumber[i] = kept.len() as u32;
                    hashes.push(z.hashes[i]);
                }
                kept.push(Some(e));
            }
        }
        if let Some(z) = &mut self.zeek {
            z.hashes = hashes;
            z.dict
                .borrow_mut()
                .renumber(|id| renumber.get(id as usize).copied().unwrap_or(u32::MAX));
        }
        self.entries = kept;
        if let Some(a) = self.attrs.as_mut() {
            a.stamps = stamps;
        }
        self.holes = 0;
        self.index.clear();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                self.index.insert_unique(e.hash, i);
            }
        }
    }

    pub fn iter(&self) -> TableIter<'_> {
        match &self.zeek {
            None => TableIter::Inserted(self.entries.iter()),
            Some(z) => {
                let ids: Vec<u32> = z.dict.borrow().order().collect();
                TableIter::Zeek(ids.into_iter(), &self.entries)
            }
        }
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|(k, _)| k.clone()).collect()
    }

    /// Whether two tables hold the same keys with equal values.
    pub fn same_entries(&self, other: &TableVal) -> bool {
        self.len() == other.len()
            && self.iter().all(|(k, v)| {
                other
                    .find_quiet(k)
                    .and_then(|i| other.entries[i].as_ref())
                    .is_some_and(|e| e.value == *v)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::types;

    #[test]
    fn keeps_insertion_order_across_deletes() {
        let mut t = TableVal::new(types::set_of(vec![types::count()]));
        // Insertion order whatever ZEEK_SEED_FILE says.
        t.set_ordered();
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

#[cfg(test)]
mod size_budget {
    /// Sets sit inside records by the million (a connection's `service`
    /// and removal hooks): what every table carries stays small, and
    /// attributes live apart.
    #[test]
    fn tables_stay_small() {
        let n = std::mem::size_of::<super::TableVal>();
        assert!(n <= 96, "TableVal is {n} bytes");
    }
}
