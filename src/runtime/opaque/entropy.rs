//! The entropy test (John Walker's `ent`, as Zeek embeds it) behind
//! `opaque of entropy`.

const MONTEN: usize = 6;

#[derive(Debug, Clone)]
pub struct EntropyState {
    counts: Vec<u64>,
    total: u64,
    monte: [u32; MONTEN],
    mp: usize,
    mcount: u64,
    inmont: u64,
    first: bool,
    scc0: f64,
    scc1: f64,
    scc2: f64,
    scc3: f64,
    last: f64,
}

impl Default for EntropyState {
    fn default() -> Self {
        EntropyState {
            counts: vec![0; 256],
            total: 0,
            monte: [0; MONTEN],
            mp: 0,
            mcount: 0,
            inmont: 0,
            first: true,
            scc0: 0.0,
            scc1: 0.0,
            scc2: 0.0,
            scc3: 0.0,
            last: 0.0,
        }
    }
}

/// The five results, in the order of Zeek's `entropy_test_result`.
pub struct EntropyResult {
    pub entropy: f64,
    pub chi_square: f64,
    pub mean: f64,
    pub monte_carlo_pi: f64,
    pub serial_correlation: f64,
}

impl EntropyState {
    pub fn feed(&mut self, data: &[u8]) {
        let incirc = (256f64.powi((MONTEN / 2) as i32) - 1.0).powi(2);
        for &c in data {
            self.counts[c as usize] += 1;
            self.total += 1;
            self.monte[self.mp] = c as u32;
            self.mp += 1;
            if self.mp >= MONTEN {
                self.mp = 0;
                self.mcount += 1;
                let (mut x, mut y) = (0.0f64, 0.0f64);
                for j in 0..MONTEN / 2 {
                    x = x * 256.0 + self.monte[j] as f64;
                    y = y * 256.0 + self.monte[MONTEN / 2 + j] as f64;
                }
                if x * x + y * y <= incirc {
                    self.inmont += 1;
                }
            }
            let un = c as f64;
            if self.first {
                self.first = false;
                self.last = 0.0;
                self.scc0 = un;
            } else {
                self.scc1 += self.last * un;
            }
            self.scc2 += un;
            self.scc3 += un * un;
            self.last = un;
        }
    }

    pub fn result(&self) -> EntropyResult {
        let total = self.total as f64;
        let scc1 = self.scc1 + self.last * self.scc0;
        let scc2 = self.scc2 * self.scc2;
        let denom = total * self.scc3 - scc2;
        let scc = if denom == 0.0 {
            -100000.0
        } else {
            (total * scc1 - scc2) / denom
        };
        let expected = total / 256.0;
        let (mut chisq, mut datasum, mut ent) = (0.0, 0.0, 0.0);
        for (i, &n) in self.counts.iter().enumerate() {
            let a = n as f64 - expected;
            chisq += a * a / expected;
            datasum += i as f64 * n as f64;
            let p = n as f64 / total;
            if p > 0.0 {
                ent += p * std::f64::consts::LOG2_10 * (1.0 / p).log10();
            }
        }
        EntropyResult {
            entropy: ent,
            chi_square: chisq,
            mean: datasum / total,
            monte_carlo_pi: 4.0 * (self.inmont as f64 / self.mcount as f64),
            serial_correlation: scc,
        }
    }
}
