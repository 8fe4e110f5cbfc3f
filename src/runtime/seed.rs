//! Zeek's seed file and the keyed hash derived from it.
//!
//! `ZEEK_SEED_FILE` names a file of whitespace-separated numbers: the seed
//! for `srandom` and then 20 words of hash seed. Zeek keys its SipHash with
//! the last four of those words; everything rzeek makes deterministic under
//! a seed file (table order, connection and file uids) reads it here.

use std::sync::OnceLock;

/// Reads a Zeek seed file: at least 21 whitespace-separated numbers.
pub fn read_seed_file(path: &std::ffi::OsStr) -> Option<Vec<u32>> {
    let text = std::fs::read_to_string(path).ok()?;
    let words: Vec<u32> = text
        .split_whitespace()
        .map_while(|w| w.parse::<u32>().ok())
        .collect();
    (words.len() >= 21).then_some(words)
}

/// The SipHash key from `ZEEK_SEED_FILE`, read once; `None` without a
/// (readable) seed file.
pub fn seeded_key() -> Option<(u64, u64)> {
    seed_words().map(siphash_key)
}

/// The SipHash key Zeek derives from a seed file's words: the last 16
/// bytes of the 20-word hash seed (which follows the `srandom` seed).
pub fn siphash_key(words: &[u32]) -> (u64, u64) {
    let w = |i: usize| words[1 + i] as u64;
    (w(16) | w(17) << 32, w(18) | w(19) << 32)
}

/// SipHash-2-4 of `data` under the key (k0, k1).
pub fn siphash24(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }
    let compress = |v: &mut [u64; 4], m: u64| {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    };
    let full = data.len() / 8 * 8;
    for ch in data[..full].chunks_exact(8) {
        let m = u64::from_le_bytes([ch[0], ch[1], ch[2], ch[3], ch[4], ch[5], ch[6], ch[7]]);
        compress(&mut v, m);
    }
    let mut last = [0u8; 8];
    last[..data.len() - full].copy_from_slice(&data[full..]);
    let m = u64::from_le_bytes(last) | ((data.len() as u64 & 0xff) << 56);
    compress(&mut v, m);
    v[2] ^= 0xff;
    for _ in 0..4 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// The seed file's words, read once; `None` without a (readable) seed file.
pub fn seed_words() -> Option<&'static [u32]> {
    static WORDS: OnceLock<Option<Vec<u32>>> = OnceLock::new();
    WORDS
        .get_or_init(|| std::env::var_os("ZEEK_SEED_FILE").and_then(|p| read_seed_file(&p)))
        .as_deref()
}

/// The starting state of the interpreter's pseudo-random numbers: fixed
/// when `ZEEK_SEED_FILE` names a seed file (so runs repeat, as Zeek's do),
/// different on every run otherwise.
pub fn initial_random_state() -> u64 {
    const FIXED: u64 = 0x2545_F491_4F6C_DD1D;
    if std::env::var_os("ZEEK_SEED_FILE").is_some_and(|f| !f.is_empty()) {
        return FIXED;
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // splitmix64's finalizer spreads the clock and process id over all bits.
    let mut z = nanos ^ (u64::from(std::process::id()) << 32) ^ FIXED;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    let mixed = z ^ (z >> 31);
    // xorshift needs a non-zero state.
    mixed | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siphash_reference_vectors() {
        // The reference key 00 01 .. 0f and messages 00 01 .. (n-1).
        let k0 = u64::from_le_bytes([0, 1, 2, 3, 4, 5, 6, 7]);
        let k1 = u64::from_le_bytes([8, 9, 10, 11, 12, 13, 14, 15]);
        assert_eq!(siphash24(k0, k1, b""), 0x726f_db47_dd0e_0e31);
        let msg: Vec<u8> = (0..15).collect();
        assert_eq!(siphash24(k0, k1, &msg), 0xa129_ca61_49be_45e5);
    }
}
