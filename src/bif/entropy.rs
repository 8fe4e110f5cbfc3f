//! Entropy tests (John Walker's `ent`, as Zeek embeds it): entropy,
//! chi-square, mean, Monte Carlo estimate of pi, serial correlation.

use super::{arg, bytes, opaque, record, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::Opaque;
use crate::runtime::types;
use crate::runtime::value::Value;

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

fn result_record(r: EntropyResult) -> Value {
    let d = types::double;
    record(
        "entropy_test_result",
        vec![
            ("entropy", d(), Value::Double(r.entropy)),
            ("chi_square", d(), Value::Double(r.chi_square)),
            ("mean", d(), Value::Double(r.mean)),
            ("monte_carlo_pi", d(), Value::Double(r.monte_carlo_pi)),
            (
                "serial_correlation",
                d(),
                Value::Double(r.serial_correlation),
            ),
        ],
    )
}

fn find_entropy(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut e = EntropyState::default();
    e.feed(bytes(args, 0));
    Ok(result_record(e.result()))
}

fn entropy_test_init(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(opaque(Opaque::Entropy(EntropyState::default())))
}

fn entropy_test_add(_: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Value::Opaque(o) = arg(args, 0) {
        if let Opaque::Entropy(e) = &mut *o.borrow_mut() {
            e.feed(bytes(args, 1));
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn entropy_test_finish(_: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Value::Opaque(o) = arg(args, 0) {
        if let Opaque::Entropy(e) = &*o.borrow() {
            return Ok(result_record(e.result()));
        }
    }
    Ok(result_record(EntropyState::default().result()))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "find_entropy",
        sig: "function(data: string): entropy_test_result",
        func: find_entropy,
    },
    BifDef {
        name: "entropy_test_init",
        sig: "function(): opaque of entropy",
        func: entropy_test_init,
    },
    BifDef {
        name: "entropy_test_add",
        sig: "function(handle: opaque of entropy, data: string): bool",
        func: entropy_test_add,
    },
    BifDef {
        name: "entropy_test_finish",
        sig: "function(handle: opaque of entropy): entropy_test_result",
        func: entropy_test_finish,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{s, show, FakeHost};

    #[test]
    fn uniform_and_incremental() {
        let mut h = FakeHost::new();
        let all: Vec<u8> = (0..=255u8).collect();
        // Thirty of the 42 six-byte groups of 0..=255 fall inside the circle.
        let r = h
            .call("find_entropy", &[super::super::testing::b(&all)])
            .unwrap();
        assert_eq!(show(&r), "[entropy=8.0, chi_square=0.0, mean=127.5, monte_carlo_pi=2.857143, serial_correlation=0.976654]");
        let st = h.call("entropy_test_init", &[]).unwrap();
        h.call("entropy_test_add", &[st.clone(), s("aaab")])
            .unwrap();
        h.call("entropy_test_add", &[st.clone(), s("bbcd")])
            .unwrap();
        let inc = h.call("entropy_test_finish", &[st]).unwrap();
        let once = h.call("find_entropy", &[s("aaabbbcd")]).unwrap();
        assert_eq!(show(&inc), show(&once));
        assert!(
            show(&once).starts_with("[entropy=1.811278, "),
            "{}",
            show(&once)
        );
    }
}
