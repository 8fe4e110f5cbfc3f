//! Sharing what connection records repeat, so that making one takes
//! fewer allocations.

use std::net::IpAddr;

use ahash::AHashMap;

use super::headers;
use crate::runtime::value::Value;

/// Shares the values that many connections repeat (MACs, history
/// strings, addresses: a server's is in each of its connections) instead
/// of allocating each anew. They are immutable, so sharing is unseen.
#[derive(Default)]
pub(super) struct Interned {
    macs: AHashMap<[u8; 6], Value>,
    histories: AHashMap<Vec<u8>, Value>,
    /// Direct-mapped by a hash of the address, filled once: a slot keeps
    /// the first address that lands in it (the frequent ones come early),
    /// since evicting means dropping a long-unused value, a cache miss on
    /// every new address of a busy trace.
    addrs: Vec<Option<(IpAddr, Value)>>,
}

impl Interned {
    const MAX: usize = 4096;

    #[inline]
    pub(super) fn mac(&mut self, m: &[u8; 6]) -> Value {
        if let Some(v) = self.macs.get(m) {
            return v.clone();
        }
        let v = headers::mac(m);
        if self.macs.len() >= Self::MAX {
            self.macs.clear();
        }
        self.macs.insert(*m, v.clone());
        v
    }

    pub(super) fn addr(&mut self, a: IpAddr) -> Value {
        if self.addrs.is_empty() {
            self.addrs.resize(Self::MAX, None);
        }
        let folded = match a {
            IpAddr::V4(v4) => u64::from(u32::from(v4)),
            IpAddr::V6(v6) => {
                let x = u128::from(v6);
                (x as u64) ^ ((x >> 64) as u64)
            }
        };
        let slot = (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize % Self::MAX;
        match &self.addrs[slot] {
            Some((k, v)) if *k == a => v.clone(),
            Some(_) => Value::addr(a),
            None => {
                let v = Value::addr(a);
                self.addrs[slot] = Some((a, v.clone()));
                v
            }
        }
    }

    pub(super) fn history(&mut self, h: &[u8]) -> Value {
        if let Some(v) = self.histories.get(h) {
            return v.clone();
        }
        let v = Value::str(h);
        if self.histories.len() >= Self::MAX {
            self.histories.clear();
        }
        self.histories.insert(h.to_vec(), v.clone());
        v
    }
}
