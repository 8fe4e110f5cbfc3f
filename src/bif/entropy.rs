//! Entropy tests (John Walker's `ent`, as Zeek embeds it): entropy,
//! chi-square, mean, Monte Carlo estimate of pi, serial correlation.

use super::{arg, bytes, opaque, record, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::entropy::{EntropyResult, EntropyState};
use crate::runtime::opaque::Opaque;
use crate::runtime::types;
use crate::runtime::value::Value;

pub(crate) fn result_record(r: EntropyResult) -> Value {
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
