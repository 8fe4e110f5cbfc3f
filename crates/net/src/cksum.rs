//! Internet (one's complement) checksums.

/// Adds `data` (as big-endian 16-bit words, odd trailing byte padded with
/// zero) into a running 64-bit accumulator. 32-bit words are summed at a
/// time: since 2^16 ≡ 1 (mod 0xffff) the fold below gives the same result.
#[inline]
pub fn sum(data: &[u8], mut acc: u64) -> u64 {
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_be_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        acc += w >> 32;
        acc += w & 0xffff_ffff;
    }
    let rest = chunks.remainder();
    let mut i = 0;
    while i + 2 <= rest.len() {
        acc += u16::from_be_bytes([rest[i], rest[i + 1]]) as u64;
        i += 2;
    }
    if i < rest.len() {
        acc += (rest[i] as u64) << 8;
    }
    acc
}

/// Folds an accumulator into the 16-bit one's complement sum.
#[inline]
pub fn fold(mut acc: u64) -> u16 {
    while acc > 0xffff {
        acc = (acc & 0xffff) + (acc >> 16);
    }
    acc as u16
}

/// True if the data (which includes its checksum field) sums to 0xffff.
#[inline]
pub fn valid(data: &[u8]) -> bool {
    fold(sum(data, 0)) == 0xffff
}

/// Pseudo-header sum for TCP/UDP/ICMPv6 over IPv4 or IPv6 addresses (given
/// in 16-byte form; v4 uses the last four bytes).
#[inline]
pub fn pseudo(src: &[u8; 16], dst: &[u8; 16], v6: bool, proto: u8, len: u32) -> u64 {
    let mut acc = if v6 {
        sum(src, 0) + sum(dst, 0)
    } else {
        sum(&src[12..], 0) + sum(&dst[12..], 0)
    };
    acc += proto as u64;
    acc += (len >> 16) as u64 + (len & 0xffff) as u64;
    acc
}

/// Computes the checksum field value for `data` (with the field zeroed)
/// plus an initial accumulator; used by tests to build packets.
pub fn compute(data: &[u8], acc: u64) -> u16 {
    !fold(sum(data, acc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_word_sum() {
        let data: Vec<u8> = (0..=77u8).map(|b| b.wrapping_mul(37)).collect();
        let mut s: u32 = 0;
        for ch in data.chunks(2) {
            let w = if ch.len() == 2 {
                u16::from_be_bytes([ch[0], ch[1]])
            } else {
                (ch[0] as u16) << 8
            };
            s += w as u32;
        }
        while s > 0xffff {
            s = (s & 0xffff) + (s >> 16);
        }
        assert_eq!(fold(sum(&data, 0)), s as u16);
    }
}
