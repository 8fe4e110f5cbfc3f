//! Math built-ins: rounding, roots, logarithms, powers, modulo, great-circle
//! distance, rendezvous-hash weights and pseudo-random numbers.

use super::{count, double, int, reporter_error, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;

fn unary(args: &[Value], f: fn(f64) -> f64) -> BifResult {
    Ok(Value::Double(f(double(args, 0))))
}

fn floor(_: &mut dyn Host, args: &[Value]) -> BifResult {
    unary(args, f64::floor)
}

fn ceil(_: &mut dyn Host, args: &[Value]) -> BifResult {
    unary(args, f64::ceil)
}

fn sqrt(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let x = double(args, 0);
    if x < 0.0 {
        reporter_error(h, "negative sqrt argument");
        return Ok(Value::Double(-1.0));
    }
    Ok(Value::Double(x.sqrt()))
}

fn exp(_: &mut dyn Host, args: &[Value]) -> BifResult {
    unary(args, f64::exp)
}

fn ln(_: &mut dyn Host, args: &[Value]) -> BifResult {
    unary(args, f64::ln)
}

fn log2(_: &mut dyn Host, args: &[Value]) -> BifResult {
    unary(args, f64::log2)
}

fn log10(_: &mut dyn Host, args: &[Value]) -> BifResult {
    unary(args, f64::log10)
}

fn pow(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Double(double(args, 0).powf(double(args, 1))))
}

/// The mathematical modulus: never negative for a positive divisor.
fn modulo(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (a, b) = (int(args, 0), int(args, 1));
    if b == 0 {
        reporter_error(h, "modulo by zero");
        return Ok(Value::Int(0));
    }
    Ok(Value::Int(a.rem_euclid(b)))
}

/// Miles between two points given in degrees.
fn haversine_distance(_: &mut dyn Host, args: &[Value]) -> BifResult {
    use std::f64::consts::PI;
    const RADIUS: f64 = 3958.8;
    let (lat1, long1, lat2, long2) = (
        double(args, 0),
        double(args, 1),
        double(args, 2),
        double(args, 3),
    );
    let s1 = ((lat2 - lat1) * PI / 360.0).sin();
    let s2 = ((long2 - long1) * PI / 360.0).sin();
    let a = s1 * s1 + (lat1 * PI / 180.0).cos() * (lat2 * PI / 180.0).cos() * s2 * s2;
    Ok(Value::Double(2.0 * RADIUS * a.sqrt().asin()))
}

/// The weight of a key for a site in rendezvous hashing, in 32-bit
/// arithmetic as Zeek computes it.
fn hrw_weight(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let d = (count(args, 0) as u32) & 0x7fff_ffff;
    let si = count(args, 1) as u32;
    const A: u32 = 1103515245;
    const B: u32 = 12345;
    let x = A.wrapping_mul(si).wrapping_add(B) ^ d;
    let y = A.wrapping_mul(x).wrapping_add(B);
    Ok(Value::Count(y as u64 % 2147483648))
}

/// The state `srand()` sets; until then `rand()` draws from the host.
#[derive(Default)]
struct Srand(Option<u32>);

/// The Lehmer ("minimal standard") generator Zeek uses when seeded.
fn lehmer(state: u32) -> u32 {
    ((state as u64 * 16807) % 2147483647) as u32
}

/// A fraction in [0, 1).
fn next_fraction(h: &mut dyn Host) -> f64 {
    let seeded = &mut h.extensions().get_or_default::<Srand>().0;
    match *seeded {
        Some(s) => {
            let n = lehmer(s.max(1));
            *seeded = Some(n);
            n as f64 / 2147483647.0
        }
        None => (h.random() >> 11) as f64 / (1u64 << 53) as f64,
    }
}

fn rand(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let max = count(args, 0);
    Ok(Value::Count((max as f64 * next_fraction(h)) as u64))
}

fn srand(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let seed = (count(args, 0) % 2147483647) as u32;
    h.extensions().get_or_default::<Srand>().0 = Some(seed.max(1));
    Ok(Value::Unset)
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "floor",
        sig: "function(d: double): double",
        func: floor,
    },
    BifDef {
        name: "ceil",
        sig: "function(d: double): double",
        func: ceil,
    },
    BifDef {
        name: "sqrt",
        sig: "function(x: double): double",
        func: sqrt,
    },
    BifDef {
        name: "exp",
        sig: "function(d: double): double",
        func: exp,
    },
    BifDef {
        name: "ln",
        sig: "function(d: double): double",
        func: ln,
    },
    BifDef {
        name: "log2",
        sig: "function(d: double): double",
        func: log2,
    },
    BifDef {
        name: "log10",
        sig: "function(d: double): double",
        func: log10,
    },
    BifDef {
        name: "pow",
        sig: "function(x: double, y: double): double",
        func: pow,
    },
    BifDef {
        name: "modulo",
        sig: "function(a: int, b: int): int",
        func: modulo,
    },
    BifDef {
        name: "haversine_distance",
        sig: "function(lat1: double, long1: double, lat2: double, long2: double): double",
        func: haversine_distance,
    },
    BifDef {
        name: "hrw_weight",
        sig: "function(key_digest: count, site_id: count): count",
        func: hrw_weight,
    },
    BifDef {
        name: "rand",
        sig: "function(max: count): count",
        func: rand,
    },
    BifDef {
        name: "srand",
        sig: "function(seed: count): any",
        func: srand,
    },
];

#[cfg(test)]
// The inputs are Zeek's own test values (3.14 and friends), not pi.
#[allow(clippy::approx_constant)]
mod tests {
    use super::super::testing::FakeHost;
    use crate::runtime::value::Value;

    fn call(name: &str, args: &[Value]) -> String {
        FakeHost::new().show(name, args)
    }
    fn d(x: f64) -> Value {
        Value::Double(x)
    }

    // bifs.math.
    #[test]
    fn functions() {
        assert_eq!(call("floor", &[d(3.14)]), "3.0");
        assert_eq!(call("floor", &[d(-3.14)]), "-4.0");
        assert_eq!(call("ceil", &[d(2.71)]), "3.0");
        assert_eq!(call("ceil", &[d(-2.71)]), "-2.0");
        assert_eq!(call("sqrt", &[d(3.14)]), "1.772005");
        assert_eq!(call("exp", &[d(3.14)]), "23.103867");
        assert_eq!(call("ln", &[d(3.14)]), "1.144223");
        assert_eq!(call("log10", &[d(3.14)]), "0.49693");
        assert_eq!(call("log2", &[d(3.14)]), "1.650765");
        assert_eq!(call("pow", &[d(3.14), d(2.71)]), "22.21669");
        let mut h = FakeHost::new();
        assert_eq!(h.show("sqrt", &[d(-1.0)]), "-1.0");
        assert_eq!(h.errors(), vec!["negative sqrt argument".to_string()]);
    }

    // bifs.modulo, bifs.modulo_fail.
    #[test]
    fn modulus() {
        assert_eq!(call("modulo", &[Value::Int(-10), Value::Int(64)]), "54");
        assert_eq!(call("modulo", &[Value::Int(-100), Value::Int(64)]), "28");
        assert_eq!(call("modulo", &[Value::Int(0), Value::Int(64)]), "0");
        let mut h = FakeHost::new();
        h.call("modulo", &[Value::Int(0), Value::Int(0)]).unwrap();
        assert_eq!(h.errors(), vec!["modulo by zero".to_string()]);
    }

    // bifs.haversine_distance (printed there with %.4e).
    #[test]
    fn distances() {
        let mut h = FakeHost::new();
        let km = h
            .call(
                "haversine_distance",
                &[d(37.866798), d(-122.253601), d(48.25), d(11.65)],
            )
            .unwrap();
        assert_eq!(
            crate::runtime::fmt::fmt(b"%.4e", &[km]).unwrap(),
            b"5.8481e+03"
        );
        let v = h
            .call(
                "haversine_distance",
                &[d(0.0001388889), d(0.0), d(-0.0001388889), d(0.0)],
            )
            .unwrap();
        assert_eq!(
            crate::runtime::fmt::fmt(b"%.4e", &[v]).unwrap(),
            b"1.9193e-02"
        );
        let v = h
            .call("haversine_distance", &[d(90.0), d(0.0), d(-90.0), d(0.0)])
            .unwrap();
        assert_eq!(
            crate::runtime::fmt::fmt(b"%.4e", &[v]).unwrap(),
            b"1.2437e+04"
        );
    }

    #[test]
    fn random_numbers() {
        let mut h = FakeHost::new();
        for _ in 0..50 {
            assert!(h.call("rand", &[Value::Count(10)]).unwrap().as_count() < 10);
        }
        h.call("srand", &[Value::Count(7)]).unwrap();
        let a: Vec<u64> = (0..5)
            .map(|_| h.call("rand", &[Value::Count(1000)]).unwrap().as_count())
            .collect();
        h.call("srand", &[Value::Count(7)]).unwrap();
        let b: Vec<u64> = (0..5)
            .map(|_| h.call("rand", &[Value::Count(1000)]).unwrap().as_count())
            .collect();
        assert_eq!(a, b);
        assert!(a.iter().any(|&x| x != a[0]));
        assert_eq!(
            call("hrw_weight", &[Value::Count(1), Value::Count(2)]),
            call("hrw_weight", &[Value::Count(1), Value::Count(2)])
        );
        assert_eq!(
            call("hrw_weight", &[Value::Count(0), Value::Count(0)]),
            ((1103515245u32.wrapping_mul(12345).wrapping_add(12345)) as u64 % 2147483648)
                .to_string()
        );
    }
}
