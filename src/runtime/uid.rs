//! Zeek's unique ids: connection uids (`C...`), file ids (`F...`) and the
//! base-62 form they are printed in.

use crate::runtime::seed::{seed_words, siphash24, siphash_key};

const UID_DIGITS: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Zeek's `UID::Base62` of a uid made from two 64-bit words and
/// `bits_per_uid` (at most 128): the words are cut to the bits (the first
/// word loses its top bits when they are not a multiple of 64), then each
/// word's base-62 digits follow the prefix, least significant first (a
/// second word the bits do not reach is zero, and still printed).
pub fn uid_base62(prefix: u8, mut words: [u64; 2], bits: u32) -> Vec<u8> {
    let bits = bits.clamp(1, 128);
    if bits <= 64 {
        words[1] = 0;
    }
    let rem = bits % 64;
    if rem != 0 {
        words[0] >>= 64 - rem;
    }
    let mut out = Vec::with_capacity(24);
    out.push(prefix);
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

/// Zeek's connection uids: `calculate_unique_id` hashes (pool instance,
/// counter) with the process's SipHash key; `UID::Set` takes one such value
/// per 64 bits and `Base62` prints each word least significant digit first.
pub struct UidGen {
    k0: u64,
    k1: u64,
    instance: u64,
    counter: u64,
    bits: u32,
}

impl UidGen {
    /// Under `ZEEK_SEED_FILE` (the seed for `srandom`, then 20 words of
    /// hash seed) the key is the seed's last four words and the default
    /// pool's instance is its number, 1; otherwise both are random.
    pub fn new(bits: u64) -> UidGen {
        let bits = bits.clamp(1, 128) as u32;
        if let Some(words) = seed_words() {
            let (k0, k1) = siphash_key(words);
            return UidGen {
                k0,
                k1,
                instance: 1,
                counter: 0,
                bits,
            };
        }
        let mut seed = [0u8; 24];
        if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
            let _ = std::io::Read::read_exact(&mut f, &mut seed);
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let mix = (now.as_nanos() as u64) ^ (std::process::id() as u64).rotate_left(32);
        let word =
            |i: usize| u64::from_le_bytes(seed[i * 8..i * 8 + 8].try_into().unwrap_or_default());
        UidGen {
            k0: word(0) ^ mix,
            k1: word(1),
            instance: (word(2) ^ mix.rotate_left(17)) | 1,
            counter: 0,
            bits,
        }
    }

    fn calc(&mut self) -> u64 {
        self.counter += 1;
        let mut key = [0u8; 16];
        key[..8].copy_from_slice(&self.instance.to_le_bytes());
        key[8..].copy_from_slice(&self.counter.to_le_bytes());
        siphash24(self.k0, self.k1, &key)
    }

    pub fn next_uid(&mut self) -> Vec<u8> {
        let mut u = [0u64; 2];
        let words = self.bits.div_ceil(64) as usize;
        for w in u.iter_mut().take(words) {
            *w = self.calc();
        }
        uid_base62(b'C', u, self.bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_base62_least_significant_first() {
        let mut u = UidGen {
            k0: 1,
            k1: 2,
            instance: 1,
            counter: 0,
            bits: 96,
        };
        let a = u.next_uid();
        assert_eq!(a[0], b'C');
        assert!(a.len() > 10 && a.iter().all(|b| b.is_ascii_alphanumeric()));
        assert_eq!(u.counter, 2);
        let mut v = UidGen {
            k0: 1,
            k1: 2,
            instance: 1,
            counter: 0,
            bits: 64,
        };
        let b = v.next_uid();
        assert_eq!(
            *b.last().unwrap(),
            b'0',
            "the unused second word prints as 0"
        );
    }
}
