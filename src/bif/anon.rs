//! IP address anonymization (`anonymize_addr`, `preserve_prefix`,
//! `preserve_subnet`), with Zeek's methods: keeping the address, numbering
//! addresses in order, tcpdpriv's prefix-preserving "-A50" tree, and the
//! keyed-digest methods (random, and prefix-preserving after Xu et al.).
//!
//! Which method applies to an address is read from the globals
//! `orig_addr_anonymization`, `resp_addr_anonymization` and
//! `other_addr_anonymization` (an `IPAddrAnonymization` value; absent,
//! the address is kept), and addresses in the tables
//! `preserve_orig_addr`, `preserve_resp_addr` and `preserve_other_addr`
//! are kept as they are. Each method maps an address the same way for the
//! whole run.

use std::net::{IpAddr, Ipv4Addr};

use ahash::AHashMap;

use super::{arg, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;

const KEEP_ORIG_ADDR: i64 = 0;
const SEQUENTIALLY_NUMBERED: i64 = 1;
const PREFIX_PRESERVING_A50: i64 = 2;
const RANDOM_MD5: i64 = 3;
const PREFIX_PRESERVING_MD5: i64 = 4;
const RANDOM_SHA256: i64 = 5;
const PREFIX_PRESERVING_SHA256: i64 = 6;

/// One node of the A50 tree: an input address and what it maps to; an
/// inner node's children split the addresses at the first bit where
/// they differ.
#[derive(Clone, Copy)]
struct Node {
    input: u32,
    output: u32,
    child: Option<[usize; 2]>,
}

/// tcpdpriv's "-A50" prefix-preserving mapping: a binary tree of the
/// addresses seen, in which two addresses sharing a prefix of n bits map
/// to outputs sharing n bits too; the rest is random.
#[derive(Default)]
struct A50 {
    nodes: Vec<Node>,
    /// Whether anything was anonymized yet (prefixes may be preserved
    /// only before).
    started: bool,
}

/// The position (from 1, the top bit) of the first set bit; 0 for 0.
fn first_bit(v: u32) -> u32 {
    if v == 0 {
        0
    } else {
        v.leading_zeros() + 1
    }
}

impl A50 {
    /// The node of `a`, made (with a random output) if it is new. The
    /// addresses 0.0.0.0 and 255.255.255.255 map to themselves and stay
    /// out of the tree.
    fn find(&mut self, a: u32, rand: &mut dyn FnMut() -> u32) -> Option<usize> {
        if a == 0 || a == u32::MAX {
            return None;
        }
        if self.nodes.is_empty() {
            self.nodes.push(Node {
                input: a,
                output: rand(),
                child: None,
            });
            return Some(0);
        }
        let mut n = 0usize;
        loop {
            let node = self.nodes[n];
            if node.input == a {
                return Some(n);
            }
            match node.child {
                None => return Some(self.split(n, a, rand)),
                Some([c0, c1]) => {
                    let swivel = first_bit(self.nodes[c0].input ^ self.nodes[c1].input);
                    if first_bit(a ^ node.input) < swivel {
                        return Some(self.split(n, a, rand));
                    }
                    n = if a & (1u32 << (32 - swivel)) != 0 {
                        c1
                    } else {
                        c0
                    };
                }
            }
        }
    }

    /// Makes `a` a peer of node `n`: `n` moves down beside a new node for
    /// `a`, whose output keeps the bits before they differ, flips the bit
    /// where they do, and is random after it.
    fn split(&mut self, n: usize, a: u32, rand: &mut dyn FnMut() -> u32) -> usize {
        let old = self.nodes[n];
        let swivel = first_bit(a ^ old.input);
        let bit = ((a >> (32 - swivel)) & 1) as usize;
        let output = if swivel == 32 {
            old.output ^ 1
        } else {
            let known = ((old.output >> (32 - swivel)) ^ 1) << (32 - swivel);
            known | ((rand() & 0x7FFF_FFFF) >> swivel)
        };
        let new_leaf = Node {
            input: a,
            output,
            child: None,
        };
        let i_old = self.nodes.len();
        self.nodes.push(old);
        let i_new = self.nodes.len();
        self.nodes.push(new_leaf);
        let children = if bit == 1 {
            [i_old, i_new]
        } else {
            [i_new, i_old]
        };
        let right = self.nodes[children[1]];
        self.nodes[n] = Node {
            input: right.input,
            output: right.output,
            child: Some(children),
        };
        i_new
    }

    fn anonymize(&mut self, a: u32, rand: &mut dyn FnMut() -> u32) -> u32 {
        self.started = true;
        match self.find(a, rand) {
            Some(n) => self.nodes[n].output,
            None => a,
        }
    }

    /// Keeps the top `bits` of `a` in its mapping.
    fn preserve_prefix(&mut self, a: u32, bits: u32, rand: &mut dyn FnMut() -> u32) {
        let bits = bits.min(32);
        let mask = if bits == 0 {
            0
        } else {
            u32::MAX << (32 - bits)
        };
        let input = a & mask;
        let Some(n) = self.find(input, rand) else {
            return;
        };
        if bits == 32 {
            self.nodes[n].output = input;
        } else if bits > 0 {
            self.nodes[n].output = (input & mask) | (rand() & !mask);
        }
    }
}

/// The anonymizers' state for the run.
#[derive(Default)]
struct Anonymizers {
    seq: u32,
    a50: A50,
    /// Each method maps an address once and sticks to it.
    mapped: AHashMap<(i64, u32), u32>,
}

fn rand32(h: &mut dyn Host) -> u32 {
    (h.random() >> 16) as u32
}

/// Xu et al.'s prefix-preserving mapping with a keyed digest: bit i of
/// the output is bit i of the input flipped by the digest of the i bits
/// before it.
fn prefix_preserving(h: &mut dyn Host, input: u32, sha256: bool) -> u32 {
    let mut output = input;
    for i in 0..32u32 {
        let prefix = (input & !(u32::MAX.checked_shr(i).unwrap_or(0))) | (1u32 << (31 - i));
        let mut data = [0u8; 8];
        data[..4].copy_from_slice(&(i + 1).to_be_bytes());
        data[4..].copy_from_slice(&prefix.to_be_bytes());
        let first = if sha256 {
            super::hash::keyed_sha256(h, &data)[0]
        } else {
            super::hash::keyed_md5(h, &data)[0]
        };
        output ^= u32::from(first & 1) << (31 - i);
    }
    output
}

/// Zeek's random mappings: the keyed digest of the address's bytes, its
/// first four bytes read as a host-order number (little-endian, where
/// Zeek runs) standing for the address.
fn random_map(h: &mut dyn Host, input: u32, sha256: bool) -> u32 {
    let bytes = input.to_be_bytes();
    let d: Vec<u8> = if sha256 {
        super::hash::keyed_sha256(h, &bytes).to_vec()
    } else {
        super::hash::keyed_md5(h, &bytes).to_vec()
    };
    u32::from_le_bytes([d[0], d[1], d[2], d[3]])
}

fn method_map(h: &mut dyn Host, method: i64, a: u32) -> u32 {
    if method == KEEP_ORIG_ADDR {
        return a;
    }
    if let Some(&m) = h
        .extensions()
        .get::<Anonymizers>()
        .and_then(|s| s.mapped.get(&(method, a)))
    {
        return m;
    }
    let out = match method {
        SEQUENTIALLY_NUMBERED => {
            let s = h.extensions().get_or_default::<Anonymizers>();
            s.seq = s.seq.wrapping_add(1);
            s.seq
        }
        PREFIX_PRESERVING_A50 => {
            let mut st = h.extensions().remove::<Anonymizers>().unwrap_or_default();
            let out = st.a50.anonymize(a, &mut || rand32(h));
            h.extensions().insert(st);
            out
        }
        RANDOM_MD5 => random_map(h, a, false),
        RANDOM_SHA256 => random_map(h, a, true),
        PREFIX_PRESERVING_MD5 => prefix_preserving(h, a, false),
        _ => prefix_preserving(h, a, true),
    };
    h.extensions()
        .get_or_default::<Anonymizers>()
        .mapped
        .insert((method, a), out);
    out
}

fn anonymize_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let class = match arg(args, 1) {
        Value::Enum(e) => e.value,
        v => v.as_int(),
    };
    if !(0..3).contains(&class) {
        super::builtin_error(h, "anonymize_addr(): invalid ip addr anonymization class");
    }
    let a = match arg(args, 0) {
        Value::Addr(a) => match **a {
            IpAddr::V4(v4) => u32::from(v4),
            IpAddr::V6(_) => {
                let msg = "anonymize_addr() not supported for IPv6 addresses";
                super::builtin_error(h, msg);
                return Err(msg.into());
            }
        },
        _ => return Ok(Value::Unset),
    };
    let (table, setting) = match class {
        0 => ("preserve_orig_addr", "orig_addr_anonymization"),
        1 => ("preserve_resp_addr", "resp_addr_anonymization"),
        _ => ("preserve_other_addr", "other_addr_anonymization"),
    };
    let addr = Value::addr(IpAddr::V4(Ipv4Addr::from(a)));
    let preserved = match h.lookup_global(table) {
        Some((Value::Table(t), _, false)) => t.borrow().contains(&addr),
        _ => false,
    };
    if preserved {
        return Ok(addr);
    }
    let method = match h.lookup_global(setting) {
        Some((Value::Enum(e), _, false)) => e.value,
        Some((v @ (Value::Int(_) | Value::Count(_)), _, false)) => v.as_int(),
        _ => KEEP_ORIG_ADDR,
    };
    if !(0..=PREFIX_PRESERVING_SHA256).contains(&method) {
        return Err("invalid IP anonymization method".into());
    }
    let out = method_map(h, method, a);
    Ok(Value::addr(IpAddr::V4(Ipv4Addr::from(out))))
}

fn preserve(h: &mut dyn Host, a: u32, bits: u32) {
    let mut st = h.extensions().remove::<Anonymizers>().unwrap_or_default();
    if st.a50.started {
        super::reporter_error(h, "prefix preservation specified after anonymization begun");
    } else {
        st.a50.preserve_prefix(a, bits, &mut || rand32(h));
    }
    h.extensions().insert(st);
}

fn preserve_prefix(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Value::Addr(a) = arg(args, 0) {
        match **a {
            IpAddr::V4(v4) => {
                let bits = super::count(args, 1).min(32) as u32;
                preserve(h, u32::from(v4), bits);
            }
            IpAddr::V6(_) => {
                super::builtin_error(h, "preserve_prefix() not supported for IPv6 addresses")
            }
        }
    }
    Ok(Value::Unset)
}

fn preserve_subnet(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Value::Subnet(s) = arg(args, 0) {
        match s.addr {
            IpAddr::V4(v4) => preserve(h, u32::from(v4), u32::from(s.width)),
            IpAddr::V6(_) => {
                super::builtin_error(h, "preserve_subnet() not supported for IPv6 addresses")
            }
        }
    }
    Ok(Value::Unset)
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "anonymize_addr",
        sig: "function(a: addr, cl: IPAddrAnonymizationClass): addr",
        func: anonymize_addr,
    },
    BifDef {
        name: "preserve_prefix",
        sig: "function(a: addr, width: count): any",
        func: preserve_prefix,
    },
    BifDef {
        name: "preserve_subnet",
        sig: "function(a: subnet): any",
        func: preserve_subnet,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a50_preserves_prefixes() {
        let mut t = A50::default();
        let mut seed = 0x1234_5678u32;
        let mut rand = move || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            seed
        };
        let a = t.anonymize(u32::from(Ipv4Addr::new(10, 1, 2, 3)), &mut rand);
        let b = t.anonymize(u32::from(Ipv4Addr::new(10, 1, 2, 200)), &mut rand);
        let c = t.anonymize(u32::from(Ipv4Addr::new(192, 168, 0, 1)), &mut rand);
        // 10.1.2.3 and 10.1.2.200 share 24 bits, and so do their outputs.
        assert_eq!(a >> 8, b >> 8);
        assert_ne!(a, b);
        assert_eq!(first_bit(a ^ c), first_bit(0x0a01_0203 ^ 0xc0a8_0001));
        // The same address maps the same way again.
        assert_eq!(
            t.anonymize(u32::from(Ipv4Addr::new(10, 1, 2, 3)), &mut rand),
            a
        );
        assert_eq!(t.anonymize(0, &mut rand), 0);
    }
}
