//! The bytes a value is hashed as, shared by the digest built-ins and the
//! probabilistic structures (Bloom filters, HyperLogLog, top-k).

use crate::runtime::value::Value;
use crate::syntax::token::Proto;

/// The bytes Zeek feeds a hash for a value: a string's own bytes; for
/// other scalars the binary description, a 4-byte type tag followed by
/// the 8-byte value (little-endian); otherwise the value's text.
pub fn hash_bytes(v: &Value) -> Vec<u8> {
    let tagged = |tag: u32, payload: [u8; 8]| {
        let mut b = tag.to_le_bytes().to_vec();
        b.extend_from_slice(&payload);
        b
    };
    match v {
        Value::String(s) => s.to_vec(),
        Value::Bool(b) => tagged(1, (*b as i64).to_le_bytes()),
        Value::Int(i) => tagged(2, i.to_le_bytes()),
        Value::Count(c) => tagged(3, c.to_le_bytes()),
        Value::Double(d) => tagged(4, d.to_le_bytes()),
        Value::Time(d) => tagged(5, d.to_le_bytes()),
        Value::Interval(d) => tagged(6, d.to_le_bytes()),
        Value::Enum(e) => tagged(9, e.value.to_le_bytes()),
        Value::Port(p) => {
            let mask: u64 = match p.proto {
                Proto::Tcp => 0x10000,
                Proto::Udp => 0x20000,
                Proto::Icmp => 0x30000,
                Proto::Unknown => 0,
            };
            tagged(11, (p.num as u64 | mask).to_le_bytes())
        }
        other => crate::runtime::format::to_display(other),
    }
}

/// A 64-bit hash of a value, mixed so every bit depends on every input
/// bit; `seed` picks independent hash functions.
pub fn hash64(v: &Value, seed: u64) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325 ^ seed.wrapping_mul(0x9E3779B97F4A7C15);
    for b in hash_bytes(v) {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    // splitmix64 finalizer
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d049bb133111eb);
    h ^ (h >> 31)
}
