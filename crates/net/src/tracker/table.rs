//! The connection table: slots that own the connections, and the index
//! that finds a slot by connection key.
//!
//! Kept apart from the tracker's logic because its layout is a memory
//! decision (see [`ConnTable`]) that nothing else should depend on: the
//! rest of the tracker goes through `get`, `insert`, `remove` and
//! [`live_conn`].

use crate::conn::{ConnHandle, Connection};
use crate::key::Key;

/// One place for a connection. `gen` counts the connections that held
/// it, so a stale [`ConnHandle`] no longer resolves.
pub(super) struct Slot {
    pub(super) gen: u32,
    pub(super) conn: Option<Connection>,
}

/// The live connections by key. The index holds only slot numbers (4
/// bytes a bucket, where a map from key to slot took 48): the key is
/// compared in the slot's connection, which a lookup goes on to use
/// anyway. With a million connections that is 90 bytes each less.
#[derive(Default)]
pub(super) struct ConnTable {
    pub(super) index: hashbrown::HashTable<u32>,
    hasher: ahash::RandomState,
}

impl ConnTable {
    pub(super) fn len(&self) -> usize {
        self.index.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn key_of(slots: &[Slot], idx: u32) -> Option<&Key> {
        slots.get(idx as usize)?.conn.as_ref().map(|c| &c.key)
    }

    #[inline]
    pub(super) fn get(&self, slots: &[Slot], key: &Key) -> Option<u32> {
        let h = self.hasher.hash_one(key);
        self.index
            .find(h, |&i| Self::key_of(slots, i) == Some(key))
            .copied()
    }

    /// Adds slot `idx`, whose connection (already in `slots`) has `key`
    /// and no live connection in the table has it.
    #[inline]
    pub(super) fn insert(&mut self, slots: &[Slot], key: &Key, idx: u32) {
        let hasher = &self.hasher;
        let h = hasher.hash_one(key);
        // Growing rehashes every entry from its connection's key.
        self.index.insert_unique(h, idx, |&i| {
            Self::key_of(slots, i).map_or(0, |k| hasher.hash_one(k))
        });
    }

    /// Removes slot `idx` if the table holds it under `key`.
    pub(super) fn remove(&mut self, key: &Key, idx: u32) {
        let h = self.hasher.hash_one(key);
        if let Ok(e) = self.index.find_entry(h, |&i| i == idx) {
            e.remove();
        }
    }
}

/// The connection a handle names, if it is still the slot's occupant. A
/// free function so callers can hold other parts of the tracker at once.
pub(super) fn live_conn(slots: &mut [Slot], h: ConnHandle) -> Option<&mut Connection> {
    slots
        .get_mut(h.idx as usize)
        .filter(|s| s.gen == h.gen)
        .and_then(|s| s.conn.as_mut())
}
