//! Probabilistic structures as opaque values: top-k (space saving),
//! HyperLogLog cardinality, Bloom filters (basic and counting), and
//! paraglob glob sets. Values are hashed from their Zeek binary encoding
//! with FNV-1a and a 64-bit finalizer, so they are stable across runs.

use super::{
    arg, count, double, opaque, reporter_error, reporter_warning, string_value, vector, BifResult,
};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::Opaque;
use crate::runtime::opaque::{
    bloom::Bloom,
    cardinality::Cardinality,
    paraglob::{glob_match, Paraglob},
    topk::TopK,
};
use crate::runtime::types;
use crate::runtime::value::Value;

fn with_opaque<R>(v: &Value, f: impl FnOnce(&mut Opaque) -> R) -> Option<R> {
    match v {
        Value::Opaque(o) => Some(f(&mut o.borrow_mut())),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// top-k
// ---------------------------------------------------------------------------

fn topk<R>(v: &Value, f: impl FnOnce(&mut TopK) -> R) -> Option<R> {
    with_opaque(v, |o| match o {
        Opaque::TopK(t) => Some(f(t)),
        _ => None,
    })
    .flatten()
}

fn topk_init(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(opaque(Opaque::TopK(TopK::new(count(args, 0) as usize))))
}

fn topk_add(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let v = arg(args, 1).clone();
    topk(arg(args, 0), |t| t.add(v, 1));
    Ok(Value::Unset)
}

fn topk_get_top(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let k = count(args, 1) as usize;
    let (items, ty) = topk(arg(args, 0), |t| (t.top(k), t.elem_ty.clone())).unwrap_or_default();
    Ok(vector(ty.unwrap_or_else(types::any), items))
}

/// Zeek reports asking about a value the structure does not hold.
fn topk_lookup(
    h: &mut dyn Host,
    args: &[Value],
    what: &str,
    f: fn(&TopK, &Value) -> u64,
) -> BifResult {
    let v = arg(args, 1);
    let found = topk(arg(args, 0), |t| t.locate(v).map(|_| f(t, v)));
    match found {
        Some(Some(n)) => Ok(Value::Count(n)),
        Some(None) => {
            reporter_error(h, &format!("{what} for element that is not in top-k"));
            Ok(Value::Count(0))
        }
        None => Ok(Value::Count(0)),
    }
}

fn topk_count(h: &mut dyn Host, args: &[Value]) -> BifResult {
    topk_lookup(h, args, "GetCount", TopK::count_of)
}

fn topk_epsilon(h: &mut dyn Host, args: &[Value]) -> BifResult {
    topk_lookup(h, args, "GetEpsilon", TopK::epsilon_of)
}

fn topk_size(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Count(
        topk(arg(args, 0), |t| t.size as u64).unwrap_or(0),
    ))
}

fn topk_sum(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (sum, pruned) = topk(arg(args, 0), |t| (t.sum, t.pruned)).unwrap_or_default();
    if pruned {
        reporter_warning(
            h,
            "TopkVal::GetSum() was used on a pruned data structure. Result values do not represent total element count",
        );
    }
    Ok(Value::Count(sum))
}

fn topk_merge_impl(args: &[Value], prune: bool) -> BifResult {
    let other = topk(arg(args, 1), |t| t.clone());
    if let Some(other) = other {
        topk(arg(args, 0), |t| t.merge(&other, prune));
    }
    Ok(Value::Unset)
}

fn topk_merge(_: &mut dyn Host, args: &[Value]) -> BifResult {
    topk_merge_impl(args, false)
}

fn topk_merge_prune(_: &mut dyn Host, args: &[Value]) -> BifResult {
    topk_merge_impl(args, true)
}

// ---------------------------------------------------------------------------
// HyperLogLog
// ---------------------------------------------------------------------------

fn hll<R>(v: &Value, f: impl FnOnce(&mut Cardinality) -> R) -> Option<R> {
    with_opaque(v, |o| match o {
        Opaque::Cardinality(c) => Some(f(c)),
        _ => None,
    })
    .flatten()
}

fn hll_cardinality_init(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(opaque(Opaque::Cardinality(Cardinality::new(
        double(args, 0),
        double(args, 1),
    ))))
}

fn hll_cardinality_add(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let v = arg(args, 1).clone();
    let kind = std::mem::discriminant(&v);
    let added = hll(arg(args, 0), |c| {
        if *c.elem_kind.get_or_insert(kind) != kind {
            return false;
        }
        c.add(&v);
        true
    });
    if added == Some(false) {
        reporter_error(h, "incompatible HLL data type");
    }
    Ok(Value::Bool(added == Some(true)))
}

fn hll_cardinality_estimate(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Double(
        hll(arg(args, 0), |c| c.estimate()).unwrap_or(0.0),
    ))
}

fn hll_cardinality_merge_into(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(src) = hll(arg(args, 1), |c| c.clone()) else {
        return Ok(Value::Bool(false));
    };
    let merged = hll(arg(args, 0), |c| {
        if let (Some(a), Some(b)) = (c.elem_kind, src.elem_kind) {
            if a != b {
                return None;
            }
        }
        c.elem_kind = c.elem_kind.or(src.elem_kind);
        Some(c.merge(&src))
    });
    match merged {
        Some(Some(ok)) => Ok(Value::Bool(ok)),
        Some(None) => {
            reporter_error(h, "cannot merge HLL counters of different types");
            Ok(Value::Bool(false))
        }
        None => Ok(Value::Bool(false)),
    }
}

fn hll_cardinality_copy(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let c = hll(arg(args, 0), |c| c.clone()).unwrap_or_default();
    Ok(opaque(Opaque::Cardinality(c)))
}

// ---------------------------------------------------------------------------
// Bloom filters
// ---------------------------------------------------------------------------

fn bloom<R>(v: &Value, f: impl FnOnce(&mut Bloom) -> R) -> Option<R> {
    with_opaque(v, |o| match o {
        Opaque::Bloom(b) => Some(f(b)),
        _ => None,
    })
    .flatten()
}

fn bloomfilter_basic_init(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (fp, capacity) = (
        double(args, 0).clamp(1e-9, 0.999),
        count(args, 1).max(1) as f64,
    );
    let ln2 = std::f64::consts::LN_2;
    let cells = (-(capacity * fp.ln()) / (ln2 * ln2)).ceil().max(1.0);
    let k = (cells / capacity * ln2).round().max(1.0);
    // `as` saturates: a huge float becomes u64::MAX, which is refused.
    let cells = super::alloc_size(h, "bloomfilter_basic_init", cells as u64)?;
    Ok(opaque(Opaque::Bloom(Bloom {
        k: k as usize,
        cells: vec![0; cells],
        max: 1,
        counting: false,
        elem: None,
    })))
}

/// The number of hash functions asked for: each add and lookup computes
/// them all, so a huge number would make those hang.
fn bloom_hashes(h: &mut dyn Host, who: &str, k: u64) -> Result<usize, String> {
    const MAX: u64 = 1 << 10;
    if k > MAX {
        let msg = format!("{who}: {k} hash functions is too many (at most {MAX})");
        super::builtin_error(h, &msg);
        return Err(msg);
    }
    // At most MAX, so it fits.
    Ok(k.max(1) as usize)
}

fn bloomfilter_basic_init2(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (k, cells) = (
        bloom_hashes(h, "bloomfilter_basic_init2", count(args, 0))?,
        super::alloc_size(h, "bloomfilter_basic_init2", count(args, 1).max(1))?,
    );
    Ok(opaque(Opaque::Bloom(Bloom {
        k,
        cells: vec![0; cells],
        max: 1,
        counting: false,
        elem: None,
    })))
}

fn bloomfilter_counting_init(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (k, cells, max) = (
        bloom_hashes(h, "bloomfilter_counting_init", count(args, 0))?,
        super::alloc_size(h, "bloomfilter_counting_init", count(args, 1).max(1))?,
        count(args, 2).max(1),
    );
    Ok(opaque(Opaque::Bloom(Bloom {
        k,
        cells: vec![0; cells],
        max,
        counting: true,
        elem: None,
    })))
}

/// Zeek's complaint when an element is not of a filter's element type.
const MIXED_TYPES: &str = "incompatible Bloom filter types";

fn bloomfilter_add(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let v = arg(args, 1);
    let added = bloom(arg(args, 0), |b| {
        let ok = b.accepts(v);
        if ok {
            b.add(v);
        }
        ok
    });
    if added == Some(false) {
        h.report_plain("error", MIXED_TYPES);
    }
    Ok(Value::Unset)
}

fn bloomfilter_decrement(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let v = arg(args, 1);
    // Zeek complains of a mismatch but decrements all the same.
    let (accepted, ok) =
        bloom(arg(args, 0), |b| (b.accepts(v), b.decrement(v))).unwrap_or((true, false));
    if !accepted {
        h.report_plain("error", MIXED_TYPES);
    }
    Ok(Value::Bool(ok))
}

fn bloomfilter_lookup(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let v = arg(args, 1);
    let found = bloom(arg(args, 0), |b| match &b.elem {
        None => Some(0),
        Some(_) if !b.same_type(v) => None,
        Some(_) => Some(b.lookup(v)),
    });
    let n = match found {
        Some(Some(n)) => n,
        Some(None) => {
            h.report_plain("error", MIXED_TYPES);
            0
        }
        None => 0,
    };
    Ok(Value::Count(n))
}

fn bloomfilter_clear(_: &mut dyn Host, args: &[Value]) -> BifResult {
    bloom(arg(args, 0), |b| b.cells.iter_mut().for_each(|c| *c = 0));
    Ok(Value::Unset)
}

fn combine(args: &[Value], f: fn(u64, u64, u64) -> u64) -> BifResult {
    let a = bloom(arg(args, 0), |b| b.clone());
    let b = bloom(arg(args, 1), |b| b.clone());
    match (a, b) {
        (Some(a), Some(b)) if a.elem.is_some() && b.elem.is_some() && a.elem != b.elem => {
            Err(MIXED_TYPES.into())
        }
        (Some(mut a), Some(b)) if a.k == b.k && a.cells.len() == b.cells.len() => {
            for (x, y) in a.cells.iter_mut().zip(&b.cells) {
                *x = f(*x, *y, a.max);
            }
            a.elem = a.elem.or(b.elem);
            Ok(opaque(Opaque::Bloom(a)))
        }
        _ => Err(MIXED_TYPES.into()),
    }
}

fn bloomfilter_merge(_: &mut dyn Host, args: &[Value]) -> BifResult {
    combine(args, |x, y, max| (x + y).min(max))
}

fn bloomfilter_intersect(_: &mut dyn Host, args: &[Value]) -> BifResult {
    combine(args, |x, y, _| x.min(y))
}

fn bloomfilter_internal_state(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bloom(arg(args, 0), |b| {
        b.cells
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    })
    .unwrap_or_default();
    Ok(string_value(s))
}

// ---------------------------------------------------------------------------
// paraglob
// ---------------------------------------------------------------------------

fn paraglob_init(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let items = match arg(args, 0) {
        Value::Vector(v)
            if matches!(
                v.borrow().ty.yield_type().map(|t| &**t),
                Some(crate::runtime::types::Type::String)
            ) =>
        {
            v.borrow().items.clone()
        }
        _ => {
            super::reporter_error(
                h,
                "paraglob requires a vector of strings for initialization.",
            );
            return Err("paraglob requires a vector of strings for initialization.".into());
        }
    };
    let mut patterns: Vec<Vec<u8>> = items.iter().map(|v| v.as_bytes().to_vec()).collect();
    patterns.sort();
    patterns.dedup();
    Ok(opaque(Opaque::Paraglob(Paraglob { patterns })))
}

fn paraglob_match(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = super::bytes(args, 1).to_vec();
    let hits = with_opaque(arg(args, 0), |o| match o {
        Opaque::Paraglob(p) => p
            .patterns
            .iter()
            .filter(|g| glob_match(g, &s))
            .cloned()
            .collect(),
        _ => Vec::new(),
    })
    .unwrap_or_default();
    Ok(super::string_vec(hits))
}

fn paraglob_equals(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let get = |v: &Value| {
        with_opaque(v, |o| match o {
            Opaque::Paraglob(p) => Some(p.clone()),
            _ => None,
        })
        .flatten()
    };
    Ok(Value::Bool(
        matches!((get(arg(args, 0)), get(arg(args, 1))), (Some(a), Some(b)) if a == b),
    ))
}

pub static BIFS: &[BifDef] = &[
    BifDef { name: "topk_init", sig: "function(size: count): opaque of topk", func: topk_init },
    BifDef { name: "topk_add", sig: "function(handle: opaque of topk, value: any): any", func: topk_add },
    BifDef { name: "topk_get_top", sig: "function(handle: opaque of topk, k: count): any_vec", func: topk_get_top },
    BifDef { name: "topk_count", sig: "function(handle: opaque of topk, value: any): count", func: topk_count },
    BifDef { name: "topk_epsilon", sig: "function(handle: opaque of topk, value: any): count", func: topk_epsilon },
    BifDef { name: "topk_size", sig: "function(handle: opaque of topk): count", func: topk_size },
    BifDef { name: "topk_sum", sig: "function(handle: opaque of topk): count", func: topk_sum },
    BifDef { name: "topk_merge", sig: "function(handle1: opaque of topk, handle2: opaque of topk): any", func: topk_merge },
    BifDef {
        name: "topk_merge_prune",
        sig: "function(handle1: opaque of topk, handle2: opaque of topk): any",
        func: topk_merge_prune,
    },
    BifDef {
        name: "hll_cardinality_init",
        sig: "function(err: double, confidence: double): opaque of cardinality",
        func: hll_cardinality_init,
    },
    BifDef { name: "hll_cardinality_add", sig: "function(handle: opaque of cardinality, elem: any): bool", func: hll_cardinality_add },
    BifDef {
        name: "hll_cardinality_estimate",
        sig: "function(handle: opaque of cardinality): double",
        func: hll_cardinality_estimate,
    },
    BifDef {
        name: "hll_cardinality_merge_into",
        sig: "function(handle1: opaque of cardinality, handle2: opaque of cardinality): bool",
        func: hll_cardinality_merge_into,
    },
    BifDef {
        name: "hll_cardinality_copy",
        sig: "function(handle: opaque of cardinality): opaque of cardinality",
        func: hll_cardinality_copy,
    },
    BifDef {
        name: "bloomfilter_basic_init",
        sig: "function(fp: double, capacity: count, name: string &default=\"\"): opaque of bloomfilter",
        func: bloomfilter_basic_init,
    },
    BifDef {
        name: "bloomfilter_basic_init2",
        sig: "function(k: count, cells: count, name: string &default=\"\"): opaque of bloomfilter",
        func: bloomfilter_basic_init2,
    },
    BifDef {
        name: "bloomfilter_counting_init",
        sig: "function(k: count, cells: count, max: count, name: string &default=\"\"): opaque of bloomfilter",
        func: bloomfilter_counting_init,
    },
    BifDef { name: "bloomfilter_add", sig: "function(bf: opaque of bloomfilter, x: any): any", func: bloomfilter_add },
    BifDef { name: "bloomfilter_decrement", sig: "function(bf: opaque of bloomfilter, x: any): bool", func: bloomfilter_decrement },
    BifDef { name: "bloomfilter_lookup", sig: "function(bf: opaque of bloomfilter, x: any): count", func: bloomfilter_lookup },
    BifDef { name: "bloomfilter_clear", sig: "function(bf: opaque of bloomfilter): any", func: bloomfilter_clear },
    BifDef {
        name: "bloomfilter_merge",
        sig: "function(bf1: opaque of bloomfilter, bf2: opaque of bloomfilter): opaque of bloomfilter",
        func: bloomfilter_merge,
    },
    BifDef {
        name: "bloomfilter_intersect",
        sig: "function(bf1: opaque of bloomfilter, bf2: opaque of bloomfilter): opaque of bloomfilter",
        func: bloomfilter_intersect,
    },
    BifDef { name: "bloomfilter_internal_state", sig: "function(bf: opaque of bloomfilter): string", func: bloomfilter_internal_state },
    BifDef { name: "paraglob_init", sig: "function(v: any): opaque of paraglob", func: paraglob_init },
    BifDef { name: "paraglob_match", sig: "function(handle: opaque of paraglob, match: string): string_vec", func: paraglob_match },
    BifDef {
        name: "paraglob_equals",
        sig: "function(p_one: opaque of paraglob, p_two: opaque of paraglob): bool",
        func: paraglob_equals,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{s, show, FakeHost};
    use super::*;

    // bifs.topk: the sequence of tops, counts and error bounds.
    #[test]
    fn top_k() {
        let mut h = FakeHost::new();
        let k = h.call("topk_init", &[Value::Count(2)]).unwrap();
        for x in ["a", "b", "b", "c"] {
            h.call("topk_add", &[k.clone(), s(x)]).unwrap();
        }
        let top = h
            .call("topk_get_top", &[k.clone(), Value::Count(5)])
            .unwrap();
        assert_eq!(show(&top), "[b, c]");
        assert_eq!(h.show("type_name", &[top]), "vector of string");
        assert_eq!(h.show("topk_sum", std::slice::from_ref(&k)), "4");
        let c = |h: &mut FakeHost, x: &str| {
            (
                h.show("topk_count", &[k.clone(), s(x)]),
                h.show("topk_epsilon", &[k.clone(), s(x)]),
            )
        };
        assert_eq!(c(&mut h, "a"), ("0".into(), "0".into()));
        assert_eq!(c(&mut h, "b"), ("2".into(), "0".into()));
        assert_eq!(c(&mut h, "c"), ("2".into(), "1".into()));
        h.call("topk_add", &[k.clone(), s("d")]).unwrap();
        assert_eq!(
            h.show("topk_get_top", &[k.clone(), Value::Count(5)]),
            "[d, c]"
        );
        assert_eq!(c(&mut h, "d"), ("3".into(), "2".into()));
        h.call("topk_add", &[k.clone(), s("e")]).unwrap();
        assert_eq!(
            h.show("topk_get_top", &[k.clone(), Value::Count(5)]),
            "[d, e]"
        );
        h.call("topk_add", &[k.clone(), s("f")]).unwrap();
        assert_eq!(
            h.show("topk_get_top", &[k.clone(), Value::Count(5)]),
            "[f, e]"
        );
        assert_eq!(c(&mut h, "f"), ("4".into(), "3".into()));
        h.call("topk_add", &[k.clone(), s("e")]).unwrap();
        assert_eq!(
            h.show("topk_get_top", &[k.clone(), Value::Count(5)]),
            "[f, e]"
        );
        assert_eq!(c(&mut h, "e"), ("4".into(), "2".into()));
        h.call("topk_add", &[k.clone(), s("g")]).unwrap();
        assert_eq!(
            h.show("topk_get_top", &[k.clone(), Value::Count(5)]),
            "[g, e]"
        );
        assert_eq!(h.show("topk_sum", std::slice::from_ref(&k)), "9");
        assert_eq!(h.show("topk_size", &[k]), "2");
    }

    #[test]
    fn top_k_merge() {
        let mut h = FakeHost::new();
        let a = h.call("topk_init", &[Value::Count(2)]).unwrap();
        let b = h.call("topk_init", &[Value::Count(2)]).unwrap();
        for x in ["x", "x", "y"] {
            h.call("topk_add", &[a.clone(), s(x)]).unwrap();
        }
        for x in ["z", "z", "z"] {
            h.call("topk_add", &[b.clone(), s(x)]).unwrap();
        }
        h.call("topk_merge_prune", &[a.clone(), b]).unwrap();
        assert_eq!(
            h.show("topk_get_top", &[a.clone(), Value::Count(5)]),
            "[z, x]"
        );
        // bifs.topk: the pruned "y" takes its count out of the sum.
        assert_eq!(h.show("topk_sum", &[a]), "5");
    }

    // language.copy-all-opaques: three distinct values estimate as
    // 3.000069 with 2^16 registers (error 0.01, confidence 0.95).
    #[test]
    fn cardinality() {
        let mut h = FakeHost::new();
        let c = h
            .call(
                "hll_cardinality_init",
                &[Value::Double(0.01), Value::Double(0.95)],
            )
            .unwrap();
        for n in [2001, 2002, 2003] {
            assert_eq!(
                h.show("hll_cardinality_add", &[c.clone(), Value::Count(n)]),
                "T"
            );
        }
        h.call("hll_cardinality_add", &[c.clone(), Value::Count(2001)])
            .unwrap();
        assert_eq!(
            h.show("hll_cardinality_estimate", std::slice::from_ref(&c)),
            "3.000069"
        );
        let copy = h
            .call("hll_cardinality_copy", std::slice::from_ref(&c))
            .unwrap();
        let other = h
            .call(
                "hll_cardinality_init",
                &[Value::Double(0.01), Value::Double(0.95)],
            )
            .unwrap();
        assert_eq!(
            h.show("hll_cardinality_merge_into", &[other.clone(), copy]),
            "T"
        );
        assert_eq!(h.show("hll_cardinality_estimate", &[other]), "3.000069");
        let big = h
            .call(
                "hll_cardinality_init",
                &[Value::Double(0.1), Value::Double(0.99)],
            )
            .unwrap();
        for n in 0..1000u64 {
            h.call("hll_cardinality_add", &[big.clone(), Value::Count(n)])
                .unwrap();
        }
        let est = h
            .call("hll_cardinality_estimate", &[big])
            .unwrap()
            .as_double();
        assert!((est - 1000.0).abs() < 150.0, "{est}");
    }

    #[test]
    fn bloom_filters() {
        let mut h = FakeHost::new();
        let bf = h
            .call(
                "bloomfilter_basic_init",
                &[Value::Double(0.1), Value::Count(1000), s("")],
            )
            .unwrap();
        for n in [42, 84, 168] {
            h.call("bloomfilter_add", &[bf.clone(), Value::Count(n)])
                .unwrap();
        }
        assert_eq!(
            h.show("bloomfilter_lookup", &[bf.clone(), Value::Count(0)]),
            "0"
        );
        assert_eq!(
            h.show("bloomfilter_lookup", &[bf.clone(), Value::Count(42)]),
            "1"
        );
        let copy = bf.deep_copy();
        h.call("bloomfilter_add", &[bf.clone(), Value::Count(0)])
            .unwrap();
        assert_eq!(h.show("bloomfilter_lookup", &[copy, Value::Count(0)]), "0");
        let cf = h
            .call(
                "bloomfilter_counting_init",
                &[Value::Count(3), Value::Count(64), Value::Count(10), s("")],
            )
            .unwrap();
        for _ in 0..3 {
            h.call("bloomfilter_add", &[cf.clone(), s("x")]).unwrap();
        }
        assert_eq!(h.show("bloomfilter_lookup", &[cf.clone(), s("x")]), "3");
        let m = h
            .call("bloomfilter_merge", &[cf.clone(), cf.clone()])
            .unwrap();
        assert_eq!(h.show("bloomfilter_lookup", &[m, s("x")]), "6");
        h.call("bloomfilter_clear", std::slice::from_ref(&cf))
            .unwrap();
        assert_eq!(h.show("bloomfilter_lookup", &[cf, s("x")]), "0");
    }

    // language.paraglob (ordering of matches aside).
    #[test]
    fn globs() {
        assert!(glob_match(b"d?g", b"dog"));
        assert!(glob_match(b"*og", b"dog"));
        assert!(!glob_match(b"d?", b"dog"));
        assert!(glob_match(b"d[!wl]g", b"dog"));
        assert!(!glob_match(b"d[!o]g", b"dog"));
        assert!(glob_match(b"*malware*", b"www.strange-malware-domain.gov"));
        assert!(glob_match(b"z*ro", b"zero\0zero"));
        let mut h = FakeHost::new();
        let v = super::super::string_vec(vec![
            b"*".to_vec(),
            b"d?g".to_vec(),
            b"*og".to_vec(),
            b"d?".to_vec(),
            b"d[!wl]g".to_vec(),
        ]);
        let p = h.call("paraglob_init", std::slice::from_ref(&v)).unwrap();
        assert_eq!(
            h.show("paraglob_match", &[p.clone(), s("dog")]),
            "[*, *og, d?g, d[!wl]g]"
        );
        let q = h.call("paraglob_init", &[v]).unwrap();
        assert_eq!(h.show("paraglob_equals", &[p, q]), "T");
    }
}
