//! Zeek's keyed hashing of table indexes, for reproducing its table
//! iteration order under `ZEEK_SEED_FILE`.
//!
//! Zeek serialises an index into a byte key (its "hash key") and hashes
//! those bytes with SipHash-2-4 under a per-process key. With a seed file
//! the SipHash key is fixed: the file holds the seed for `srandom` and then
//! 20 words of hash seed, whose last four words are the key. The layout of
//! the byte key follows Zeek's composite hashing:
//!
//! - an index of one type (a "singleton") writes that value alone: integers,
//!   counts, enums, bools and ports as 8 bytes, doubles (and times and
//!   intervals) as their 8 bytes, addresses as 16 bytes (IPv4 mapped into
//!   IPv6), subnets as the 16-byte prefix and a 4-byte width, strings as
//!   their bytes, patterns as two NUL-terminated texts;
//! - an index of several types, and any record, table or vector, writes each
//!   part in turn into one buffer, aligning each scalar to its size (with
//!   zero padding); strings then carry a 4-byte length, patterns two 8-byte
//!   lengths, optional record fields a one-byte presence flag;
//! - a table or set used as an index writes its size and then its entries
//!   sorted by their own hash keys.
//!
//! All numbers are little-endian, as on the machines Zeek's baselines come
//! from.

use crate::runtime::seed::{seeded_key, siphash24};
use crate::runtime::value::Value;
use crate::syntax::token::Proto;
use std::net::IpAddr;

/// Gives functions used as indexes their small numbers: Zeek numbers them
/// per table in the order the table first hashes them.
pub trait FuncIds {
    fn id_of(&mut self, f: &crate::runtime::value::FuncVal) -> u32;
}

/// Numbers functions by first sight (the per-table numbering).
#[derive(Debug, Default, Clone)]
pub struct FuncNumbering(Vec<usize>);

impl FuncIds for FuncNumbering {
    fn id_of(&mut self, f: &crate::runtime::value::FuncVal) -> u32 {
        let p = f as *const _ as usize;
        match self.0.iter().position(|&q| q == p) {
            Some(i) => i as u32,
            None => {
                self.0.push(p);
                (self.0.len() - 1) as u32
            }
        }
    }
}

/// The byte key Zeek builds for a table index. `key` is the index as the
/// table stores it: a `Value::Tuple` for a multi-part index, else the value.
pub fn hash_key(key: &Value, funcs: &mut dyn FuncIds) -> Vec<u8> {
    match key {
        Value::Tuple(parts) if parts.len() != 1 => {
            let mut w = KeyWriter::default();
            for p in parts.iter() {
                w.value(p, funcs);
            }
            w.finish()
        }
        Value::Tuple(parts) => singleton(&parts[0], funcs),
        v => singleton(v, funcs),
    }
}

/// Zeek's hash of an index: SipHash of its byte key.
pub fn hash_index(k: (u64, u64), key: &Value, funcs: &mut dyn FuncIds) -> u64 {
    siphash24(k.0, k.1, &hash_key(key, funcs))
}

fn port_bits(p: &crate::runtime::value::Port) -> u64 {
    let proto = match p.proto {
        Proto::Unknown => 0,
        Proto::Tcp => 1,
        Proto::Udp => 2,
        Proto::Icmp => 3,
    };
    p.num as u64 | proto << 16
}

fn ipv6_bytes(a: &IpAddr) -> [u8; 16] {
    match a {
        IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
        IpAddr::V6(v6) => v6.octets(),
    }
}

fn pattern_texts(p: &crate::runtime::value::PatternVal) -> (String, String) {
    let exact = format!("^?({})$?", p.source);
    let anywhere = format!("^?(.|\\n)*({})", p.source);
    if p.case_insensitive {
        (format!("(?i:{exact})"), format!("(?i:{anywhere})"))
    } else {
        (exact, anywhere)
    }
}

/// A one-type index: scalars go in unpadded, aggregates as in a composite.
fn singleton(v: &Value, funcs: &mut dyn FuncIds) -> Vec<u8> {
    match v {
        Value::Bool(b) => (*b as i64).to_le_bytes().to_vec(),
        Value::Int(i) => i.to_le_bytes().to_vec(),
        Value::Enum(e) => e.value.to_le_bytes().to_vec(),
        Value::Count(c) => c.to_le_bytes().to_vec(),
        Value::Port(p) => port_bits(p).to_le_bytes().to_vec(),
        Value::Double(d) | Value::Time(d) | Value::Interval(d) => d.to_le_bytes().to_vec(),
        Value::String(s) => s.to_vec(),
        Value::Addr(a) => ipv6_bytes(a).to_vec(),
        Value::Subnet(s) => {
            let mut out = ipv6_bytes(&s.addr).to_vec();
            out.extend_from_slice(&(s.width as i32).to_le_bytes());
            out
        }
        Value::Pattern(p) => {
            let (a, b) = pattern_texts(p);
            let mut out = Vec::with_capacity(a.len() + b.len() + 2);
            out.extend_from_slice(a.as_bytes());
            out.push(0);
            out.extend_from_slice(b.as_bytes());
            out.push(0);
            out
        }
        Value::Func(f) => funcs.id_of(f).to_le_bytes().to_vec(),
        other => {
            let mut w = KeyWriter::default();
            w.value(other, funcs);
            w.finish()
        }
    }
}

/// A table's entries in the order of their own hash keys (32-bit hash,
/// key size, key bytes): the order in which Zeek serialises a table used
/// inside an index, and so the order in which it rebuilds one from a key.
/// The keys use a fresh function numbering, as a rebuilt table would.
pub fn sorted_entries(t: &crate::runtime::table::TableVal) -> Vec<(Value, Value)> {
    let k = seeded_key().unwrap_or((0, 0));
    let mut funcs = FuncNumbering::default();
    let mut keyed: Vec<(u32, Vec<u8>, Value, Value)> = t
        .iter()
        .map(|(key, val)| {
            let bytes = hash_key(key, &mut funcs);
            (
                siphash24(k.0, k.1, &bytes) as u32,
                bytes,
                key.clone(),
                val.clone(),
            )
        })
        .collect();
    keyed.sort_by(|a, b| {
        (a.0, a.1.len())
            .cmp(&(b.0, b.1.len()))
            .then_with(|| a.1.cmp(&b.1))
    });
    keyed.into_iter().map(|(_, _, k, v)| (k, v)).collect()
}

fn contains_table(v: &Value) -> bool {
    match v {
        Value::Table(_) => true,
        Value::Record(r) => r.borrow().fields.iter().any(contains_table),
        Value::Vector(v) => v.borrow().items.iter().any(contains_table),
        Value::Tuple(parts) => parts.iter().any(contains_table),
        _ => false,
    }
}

/// Zeek keeps an index only as its byte key and hands out values rebuilt
/// from it, so a table inside an index comes back filled in hash-key
/// order (and so iterates in the order that gives). For an index holding
/// a table this returns that rebuilt copy; `None` for any other index.
pub fn rebuilt_index(v: &Value) -> Option<Value> {
    contains_table(v).then(|| rebuild(v))
}

fn rebuild(v: &Value) -> Value {
    use std::cell::RefCell;
    use std::rc::Rc;
    match v {
        Value::Record(r) => {
            let r = r.borrow();
            Value::Record(Rc::new(RefCell::new(crate::runtime::value::RecordVal {
                ty: r.ty.clone(),
                fields: r.fields.iter().map(rebuild).collect(),
            })))
        }
        Value::Vector(vv) => {
            let vv = vv.borrow();
            Value::Vector(Rc::new(RefCell::new(crate::runtime::value::VectorVal {
                ty: vv.ty.clone(),
                items: vv.items.iter().map(rebuild).collect(),
            })))
        }
        Value::Tuple(parts) => Value::Tuple(Rc::new(parts.iter().map(rebuild).collect())),
        Value::Table(t) => {
            let t = t.borrow();
            let mut out = crate::runtime::table::TableVal::new(t.ty.clone());
            for (k, val) in sorted_entries(&t) {
                out.insert(rebuild(&k), rebuild(&val));
            }
            Value::Table(Rc::new(RefCell::new(out)))
        }
        other => other.clone(),
    }
}

/// Builds a composite key. Zeek first reserves the buffer (`reserved`
/// tracks that size, which can exceed what gets written) and hashes the
/// whole reserved buffer.
#[derive(Default)]
struct KeyWriter {
    buf: Vec<u8>,
    reserved: usize,
}

fn align_up(n: usize, a: usize) -> usize {
    if a <= 1 {
        n
    } else {
        n.div_ceil(a) * a
    }
}

impl KeyWriter {
    fn finish(mut self) -> Vec<u8> {
        if self.reserved > self.buf.len() {
            self.buf.resize(self.reserved, 0);
        }
        self.buf
    }

    /// Writes `bytes` aligned to `align`, reserving `res` bytes aligned to
    /// `res_align` (they differ only where Zeek's two passes disagree).
    fn put(&mut self, bytes: &[u8], align: usize, res: usize, res_align: usize) {
        let at = align_up(self.buf.len(), align);
        self.buf.resize(at, 0);
        self.buf.extend_from_slice(bytes);
        self.reserved = align_up(self.reserved, res_align) + res;
    }

    fn scalar(&mut self, bytes: &[u8]) {
        self.put(bytes, bytes.len(), bytes.len(), bytes.len());
    }

    fn value(&mut self, v: &Value, funcs: &mut dyn FuncIds) {
        match v {
            Value::Bool(b) => self.scalar(&(*b as i64).to_le_bytes()),
            Value::Int(i) => self.scalar(&i.to_le_bytes()),
            Value::Enum(e) => self.scalar(&e.value.to_le_bytes()),
            Value::Count(c) => self.scalar(&c.to_le_bytes()),
            Value::Port(p) => self.scalar(&port_bits(p).to_le_bytes()),
            Value::Double(d) | Value::Time(d) | Value::Interval(d) => self.scalar(&d.to_le_bytes()),
            Value::Addr(a) => self.put(&ipv6_bytes(a), 4, 16, 4),
            Value::Subnet(s) => {
                self.put(&ipv6_bytes(&s.addr), 4, 20, 4);
                let at = align_up(self.buf.len(), 4);
                self.buf.resize(at, 0);
                self.buf.extend_from_slice(&(s.width as i32).to_le_bytes());
            }
            Value::String(s) => {
                self.scalar(&(s.len() as i32).to_le_bytes());
                self.put(s, 0, s.len(), 0);
            }
            Value::Pattern(p) => {
                let (a, b) = pattern_texts(p);
                self.scalar(&(a.len() as u64 + 1).to_le_bytes());
                self.scalar(&(b.len() as u64 + 1).to_le_bytes());
                for t in [a, b] {
                    let mut z = t.into_bytes();
                    z.push(0);
                    self.put(&z, 0, z.len(), 0);
                }
            }
            Value::Func(f) => {
                let id = funcs.id_of(f);
                self.scalar(&id.to_le_bytes());
            }
            Value::Record(r) => {
                let r = r.borrow();
                let fields = r.ty.fields.borrow();
                for (i, fd) in fields.iter().enumerate() {
                    let fv = r.fields.get(i).unwrap_or(&Value::Unset);
                    if fd.optional {
                        self.put(&[u8::from(!fv.is_unset())], 0, 1, 1);
                    }
                    if !fv.is_unset() {
                        self.value(fv, funcs);
                    }
                }
            }
            Value::Vector(vv) => {
                let vv = vv.borrow();
                self.scalar(&(vv.items.len() as u32).to_le_bytes());
                for (i, item) in vv.items.iter().enumerate() {
                    self.scalar(&(i as u32).to_le_bytes());
                    self.put(&[u8::from(!item.is_unset())], 0, 4, 4);
                    if !item.is_unset() {
                        self.value(item, funcs);
                    }
                }
            }
            Value::Table(t) => {
                let t = t.borrow();
                self.scalar(&(t.len() as i32).to_le_bytes());
                // Entries in the order of their own keys: (32-bit hash, key
                // size, key bytes). Those keys use the inner table's own
                // function numbering, which a fresh one approximates.
                let is_set = t.is_set();
                for (key, val) in sorted_entries(&t) {
                    // Each index goes in as a list: its length, then its parts.
                    match &key {
                        Value::Tuple(parts) => {
                            self.scalar(&(parts.len() as i32).to_le_bytes());
                            for p in parts.iter() {
                                self.value(p, funcs);
                            }
                        }
                        single => {
                            self.scalar(&1i32.to_le_bytes());
                            self.value(single, funcs);
                        }
                    }
                    if !is_set {
                        self.value(&val, funcs);
                    }
                }
            }
            Value::Tuple(parts) => {
                self.scalar(&(parts.len() as i32).to_le_bytes());
                for p in parts.iter() {
                    self.value(p, funcs);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_keys_align_and_pad() {
        let key = Value::Tuple(std::rc::Rc::new(vec![Value::str(b"ab"), Value::Count(7)]));
        let bytes = hash_key(&key, &mut FuncNumbering::default());
        // 4-byte length, 2 bytes, padding to 8, then the count.
        let mut want = vec![2, 0, 0, 0, b'a', b'b', 0, 0];
        want.extend_from_slice(&7u64.to_le_bytes());
        assert_eq!(bytes, want);
    }

    #[test]
    fn singleton_layouts() {
        let mut f = FuncNumbering::default();
        assert_eq!(hash_key(&Value::Count(5), &mut f), 5u64.to_le_bytes());
        assert_eq!(hash_key(&Value::Bool(true), &mut f), 1i64.to_le_bytes());
        let port = Value::Port(crate::runtime::value::Port {
            num: 80,
            proto: Proto::Tcp,
        });
        assert_eq!(hash_key(&port, &mut f), (80u64 | 1 << 16).to_le_bytes());
        let a = Value::addr("10.0.0.1".parse().unwrap());
        let mut want = vec![0u8; 10];
        want.extend_from_slice(&[0xff, 0xff, 10, 0, 0, 1]);
        assert_eq!(hash_key(&a, &mut f), want);
        assert_eq!(hash_key(&Value::str(b"abc"), &mut f), b"abc");
    }

    /// With the seed file of Zeek's test suite (when present), a set of
    /// counts built from 1, 5, 3 iterates as 3, 1, 5 in Zeek.
    #[test]
    fn order_of_a_small_set_under_the_test_seed() {
        let path = std::ffi::OsStr::new("/work/shared/conformance/random.seed");
        let Some(words) = crate::runtime::seed::read_seed_file(path) else {
            return;
        };
        let key = crate::runtime::seed::siphash_key(&words);
        let mut d = crate::runtime::table::zdict::DictSim::new();
        let keys = [1u64, 5, 3];
        for (i, k) in keys.iter().enumerate() {
            let h = hash_index(key, &Value::Count(*k), &mut FuncNumbering::default());
            d.insert(h, i as u32);
        }
        let order: Vec<u64> = d.order().map(|i| keys[i as usize]).collect();
        assert_eq!(order, vec![3, 1, 5]);
    }
}
