//! Zeek's unique ids: connection uids (`C...`), file ids (`F...`) and the
//! base-62 form they are printed in.

use crate::runtime::seed::{seed_words, siphash24, siphash_key};

const UID_DIGITS: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Zeek's `UID::Base62` of a uid made from two 64-bit words and
/// `bits_per_uid` (at most 128): the words are cut to the bits (the first
/// word loses its top bits when they are not a multiple of 64), then each
/// word's base-62 digits follow the prefix, least significant first (a
/// second word the bits do not reach is zero, and still printed).
pub fn uid_base62(prefix: &[u8], mut words: [u64; 2], bits: u32) -> Vec<u8> {
    let bits = bits.clamp(1, 128);
    if bits <= 64 {
        words[1] = 0;
    }
    let rem = bits % 64;
    if rem != 0 {
        words[0] >>= 64 - rem;
    }
    let mut out = Vec::with_capacity(prefix.len() + 23);
    out.extend_from_slice(prefix);
    for mut w in words {
        loop {
            out.push(UID_DIGITS[(w % 62) as usize]);
            w /= 62;
            if w == 0 {
                break;
            }
        }
    }
    out
}

/// The pool of connection uids (Zeek's `UID_POOL_DEFAULT_INTERNAL`).
pub const POOL_INTERNAL: usize = 1;
/// The pool of `unique_id()` (Zeek's `UID_POOL_DEFAULT_SCRIPT`).
pub const POOL_SCRIPT: usize = 2;
/// The first pool of `unique_id_from()`: its `pool` argument is added to
/// it (Zeek's `UID_POOL_CUSTOM_SCRIPT`).
pub const POOL_CUSTOM: usize = 10;
/// Pools at or past this are refused and the internal one is used, as
/// Zeek does.
const MAX_POOLS: usize = 10_000;

/// Zeek's unique ids, one generator for all of them: `calculate_unique_id`
/// keeps, per pool, an instance number and a counter, and hashes the pair
/// with the process's SipHash key; a uid takes one such value per 64 bits
/// (`UID::Set`) and prints each word in base 62 (`UID::Base62`). Under
/// `ZEEK_SEED_FILE` the key is the seed file's and a pool's instance is
/// its own number, so uids repeat from run to run exactly as Zeek's do;
/// otherwise both are random. One set of pools per interpreter, kept in
/// its extensions, shared by connection uids and the `unique_id` built-ins.
pub struct UidPools {
    k0: u64,
    k1: u64,
    seeded: bool,
    /// Per pool: (instance, counter), made on first use.
    pools: Vec<Option<(u64, u64)>>,
}

impl Default for UidPools {
    fn default() -> Self {
        if let Some(words) = seed_words() {
            let (k0, k1) = siphash_key(words);
            return UidPools::with_key(k0, k1, true);
        }
        let r = random_words::<2>();
        UidPools::with_key(r[0], r[1], false)
    }
}

/// Words from the system's random source, mixed with the clock and the
/// process id (which alone still differ between runs if it is missing).
fn random_words<const N: usize>() -> [u64; N] {
    let mut bytes = vec![0u8; N * 8];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = std::io::Read::read_exact(&mut f, &mut bytes);
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let mix = (now.as_nanos() as u64) ^ (std::process::id() as u64).rotate_left(32);
    let mut out = [0u64; N];
    for (i, w) in out.iter_mut().enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
        *w = u64::from_le_bytes(b) ^ mix.rotate_left(17 * i as u32);
    }
    out
}

impl UidPools {
    fn with_key(k0: u64, k1: u64, seeded: bool) -> UidPools {
        UidPools {
            k0,
            k1,
            seeded,
            pools: Vec::new(),
        }
    }

    /// The next value of `pool` (Zeek's `calculate_unique_id`).
    fn calculate(&mut self, pool: usize) -> u64 {
        let pool = if pool < MAX_POOLS {
            pool
        } else {
            POOL_INTERNAL
        };
        if self.pools.len() <= pool {
            self.pools.resize(pool + 1, None);
        }
        let seeded = self.seeded;
        let (instance, counter) = self.pools[pool].get_or_insert_with(|| {
            // A nonzero instance: the pool's number under a seed file, a
            // random one otherwise.
            let instance = if seeded {
                pool as u64
            } else {
                random_words::<1>()[0] ^ (pool as u64).rotate_left(40)
            };
            (instance.max(1), 0)
        });
        *counter += 1;
        let mut key = [0u8; 16];
        key[..8].copy_from_slice(&instance.to_le_bytes());
        key[8..].copy_from_slice(&counter.to_le_bytes());
        siphash24(self.k0, self.k1, &key)
    }

    /// A uid of `bits` bits (1 to 128) from `pool`, printed after `prefix`.
    pub fn uid(&mut self, pool: usize, bits: u32, prefix: &[u8]) -> Vec<u8> {
        let bits = bits.clamp(1, 128);
        let mut words = [0u64; 2];
        for w in words.iter_mut().take(bits.div_ceil(64) as usize) {
            *w = self.calculate(pool);
        }
        uid_base62(prefix, words, bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_base62_least_significant_first() {
        let mut pools = UidPools::with_key(1, 2, true);
        let a = pools.uid(POOL_INTERNAL, 96, b"C");
        assert_eq!(a[0], b'C');
        assert!(a.len() > 10 && a.iter().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(pools.pools[POOL_INTERNAL], Some((1, 2)), "two words");
        let b = pools.uid(POOL_SCRIPT, 64, b"");
        assert_eq!(
            *b.last().unwrap(),
            b'0',
            "the unused second word prints as 0"
        );
        assert_eq!(pools.pools[POOL_SCRIPT], Some((2, 1)), "own instance");
    }

    #[test]
    fn seeded_pools_repeat_and_differ_from_each_other() {
        let mut x = UidPools::with_key(7, 9, true);
        let mut y = UidPools::with_key(7, 9, true);
        assert_eq!(x.uid(POOL_SCRIPT, 96, b"A"), y.uid(POOL_SCRIPT, 96, b"A"));
        assert_ne!(x.uid(POOL_SCRIPT, 96, b"A"), y.uid(POOL_CUSTOM, 96, b"A"));
    }
}
