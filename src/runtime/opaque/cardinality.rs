//! The HyperLogLog counter behind `opaque of cardinality`.

use super::hashing::hash64;
use crate::runtime::value::Value;

/// A HyperLogLog counter with 2^b registers, b chosen from the error
/// margin and confidence as Zeek chooses it.
#[derive(Debug, Clone, Default)]
pub struct Cardinality {
    pub registers: Vec<u8>,
    pub empty: u64,
    /// The kind of value the first add fixed; later values must match.
    pub elem_kind: Option<std::mem::Discriminant<Value>>,
}

/// The error function (Abramowitz-Stegun 7.1.26 is too coarse here, so a
/// series/continued-fraction pair is used).
pub(crate) fn erf(x: f64) -> f64 {
    if x.abs() < 2.5 {
        // Maclaurin series.
        let mut sum = x;
        let mut term = x;
        for n in 1..60 {
            term *= -x * x / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        2.0 / std::f64::consts::PI.sqrt() * sum
    } else {
        // Continued fraction for erfc.
        let mut f = 0.0;
        for n in (1..60).rev() {
            f = n as f64 / 2.0 / (x + f);
        }
        let erfc = (-x * x).exp() / std::f64::consts::PI.sqrt() / (x + f);
        (1.0 - erfc).copysign(x)
    }
}

impl Cardinality {
    pub fn new(error: f64, confidence: f64) -> Cardinality {
        let initial = 2.0 * (1.04f64.ln() - error.ln()) / 2f64.ln();
        let mut b = initial.floor() as i32;
        loop {
            b += 1;
            let k = 2f64.powf((b as f64 - initial) / 2.0);
            if erf(k / 2f64.sqrt()) >= confidence || b >= 30 {
                break;
            }
        }
        let m = 1usize << b.clamp(4, 30);
        Cardinality {
            registers: vec![0; m],
            empty: m as u64,
            elem_kind: None,
        }
    }

    pub fn add(&mut self, v: &Value) {
        let m = self.registers.len() as u64;
        if m == 0 {
            return;
        }
        let h = hash64(v, 0);
        let idx = (h % m) as usize;
        let rest = h / m;
        let rank = (rest.trailing_zeros().min(63) + 1) as u8;
        if rank > self.registers[idx] {
            if self.registers[idx] == 0 {
                self.empty -= 1;
            }
            self.registers[idx] = rank;
        }
    }

    pub fn estimate(&self) -> f64 {
        let m = self.registers.len() as f64;
        if m == 0.0 {
            return 0.0;
        }
        let alpha = match self.registers.len() {
            16 => 0.673,
            32 => 0.697,
            64 => 0.709,
            _ => 0.7213 / (1.0 + 1.079 / m),
        };
        let sum: f64 = self.registers.iter().map(|&r| 2f64.powi(-(r as i32))).sum();
        let raw = alpha * m * m / sum;
        if raw <= 2.5 * m && self.empty > 0 {
            m * (m / self.empty as f64).ln()
        } else if raw <= 2f64.powi(64) / 30.0 {
            raw
        } else {
            -(2f64.powi(64)) * (1.0 - raw / 2f64.powi(64)).ln()
        }
    }

    pub fn merge(&mut self, other: &Cardinality) -> bool {
        if self.registers.len() != other.registers.len() {
            return false;
        }
        for (a, b) in self.registers.iter_mut().zip(&other.registers) {
            *a = (*a).max(*b);
        }
        self.empty = self.registers.iter().filter(|&&r| r == 0).count() as u64;
        true
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn erf_on_both_sides_of_the_series_cutoff() {
        assert!((super::erf(1.0) - 0.8427007929497149).abs() < 1e-12);
        assert!((super::erf(3.0) - 0.9999779095030014).abs() < 1e-12);
    }
}
