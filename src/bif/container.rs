//! Container built-ins: sorting vectors (with or without a comparison
//! function), table keys and values, clearing, resizing, identity.

use super::{arg, builtin_error, count, vector, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types::{self, Type};
use crate::runtime::value::Value;
use std::cmp::Ordering;
use std::rc::Rc;

/// Whether a vector's elements can be sorted without a function: Zeek
/// allows integral and floating-point element types.
fn numeric_elements(v: &Value) -> bool {
    match v {
        Value::Vector(x) => matches!(
            x.borrow().ty.yield_type().map(|t| &**t),
            Some(Type::Count | Type::Int | Type::Double | Type::Time | Type::Interval)
        ),
        _ => false,
    }
}

fn natural_order(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Count(x), Value::Count(y)) => x.cmp(y),
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        _ => a
            .as_double()
            .partial_cmp(&b.as_double())
            .unwrap_or(Ordering::Equal),
    }
}

/// Stable merge sort driven by a "less than" test that may fail; it never
/// assumes the test is a consistent order.
fn merge_sort<T: Clone>(
    items: Vec<T>,
    less: &mut dyn FnMut(&T, &T) -> Result<bool, String>,
) -> Result<Vec<T>, String> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut right = items;
    let left = right.drain(..right.len() / 2).collect::<Vec<T>>();
    let left = merge_sort(left, less)?;
    let right = merge_sort(right, less)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if less(&right[j], &left[i])? {
            out.push(right[j].clone());
            j += 1;
        } else {
            out.push(left[i].clone());
            i += 1;
        }
    }
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    Ok(out)
}

/// How elements compare: the script's function, or their natural order.
enum Comparator {
    Natural,
    Script(Value),
}

/// Checks sort()/order() arguments the way Zeek does; on a problem the
/// error is reported and None returned.
fn comparator(h: &mut dyn Host, args: &[Value], who: &str) -> Option<Comparator> {
    let v = arg(args, 0);
    let Value::Vector(vec) = v else {
        builtin_error(h, &format!("{who}() requires vector"));
        return None;
    };
    if args.len() > 2 {
        builtin_error(h, &format!("{who}() called with extraneous argument"));
        return None;
    }
    if let Some(f) = args.get(1) {
        let Value::Func(func) = f else {
            builtin_error(
                h,
                &format!("second argument to {who}() needs to be comparison function"),
            );
            return None;
        };
        let elem = vec.borrow().ty.yield_type().cloned();
        let ok = match (func.ty.as_func(), elem) {
            (Some(ft), Some(elem)) => {
                matches!(*ft.ret, Type::Int)
                    && ft.params.len() == 2
                    && ft
                        .params
                        .iter()
                        .all(|p| matches!(*p.ty, Type::Any) || types::same_type(&p.ty, &elem))
            }
            _ => true,
        };
        if !ok {
            builtin_error(
                h,
                &format!("invalid comparison function in call to {who}()"),
            );
            return None;
        }
        return Some(Comparator::Script(f.clone()));
    }
    if !numeric_elements(v) {
        builtin_error(
            h,
            &format!("comparison function required for {who}() with non-numeric types"),
        );
        return None;
    }
    Some(Comparator::Natural)
}

fn less(h: &mut dyn Host, cmp: &Comparator, a: &Value, b: &Value) -> Result<bool, String> {
    // Holes sort after every element.
    match (a.is_unset(), b.is_unset()) {
        (true, _) => return Ok(false),
        (false, true) => return Ok(true),
        _ => {}
    }
    match cmp {
        Comparator::Natural => Ok(natural_order(a, b) == Ordering::Less),
        Comparator::Script(f) => match h.call_value(f, vec![a.clone(), b.clone()])? {
            Value::Unset => {
                Err(h.fail_in_function(f, "comparison function did not return a value"))
            }
            r => Ok(r.as_int() < 0),
        },
    }
}

fn sort(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let v = arg(args, 0).clone();
    let Some(cmp) = comparator(h, args, "sort") else {
        return Ok(v);
    };
    if let Value::Vector(vec) = &v {
        let items = vec.borrow().items.clone();
        let sorted = merge_sort(items, &mut |a, b| less(h, &cmp, a, b))?;
        vec.borrow_mut().items = sorted;
    }
    Ok(v)
}

fn order(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let empty = || vector(types::count(), Vec::new());
    let Some(cmp) = comparator(h, args, "order") else {
        return Ok(empty());
    };
    let items = super::vector_items(arg(args, 0));
    let idx: Vec<usize> = (0..items.len()).collect();
    let sorted = merge_sort(idx, &mut |&a, &b| less(h, &cmp, &items[a], &items[b]))?;
    Ok(vector(
        types::count(),
        sorted.into_iter().map(|i| Value::Count(i as u64)).collect(),
    ))
}

fn clear_table(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match arg(args, 0) {
        Value::Table(t) => t.borrow_mut().clear(),
        _ => builtin_error(h, "clear_table() requires a table/set argument"),
    }
    Ok(Value::Unset)
}

fn table_keys(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Table(t) = arg(args, 0) else {
        builtin_error(h, "table_keys() requires a table argument");
        return Err("table_keys() requires a table argument".into());
    };
    let t = t.borrow();
    let index =
        t.ty.as_table()
            .map(|tt| tt.index.clone())
            .unwrap_or_default();
    let mut out = crate::runtime::table::TableVal::new(types::set_of(index));
    for k in t.keys() {
        out.insert(k, Value::Unset);
    }
    Ok(Value::Table(Rc::new(std::cell::RefCell::new(out))))
}

fn table_values(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let t = match arg(args, 0) {
        Value::Table(t) if t.borrow().ty.is_table() => t,
        _ => {
            builtin_error(h, "table_values() requires a table argument");
            return Err("table_values() requires a table argument".into());
        }
    };
    let t = t.borrow();
    let elem = t.ty.yield_type().cloned().unwrap_or_else(types::any);
    Ok(vector(elem, t.iter().map(|(_, v)| v.clone()).collect()))
}

fn resize(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Vector(v) = arg(args, 0) else {
        builtin_error(h, "resize() operates on vectors");
        return Err("resize() operates on vectors".into());
    };
    let new = count(args, 1);
    let mut v = v.borrow_mut();
    let old = v.items.len();
    let new = match usize::try_from(new) {
        Ok(n) if n <= old.saturating_add(crate::runtime::value::MAX_VECTOR_GROWTH) => n,
        _ => {
            drop(v);
            let msg = format!("resize() to {new} elements is too large");
            builtin_error(h, &msg);
            return Err(msg);
        }
    };
    v.items.resize(new, Value::Unset);
    Ok(Value::Count(old as u64))
}

fn bool_vector(h: &mut dyn Host, args: &[Value], who: &str) -> Option<Vec<bool>> {
    if let Value::Vector(v) = arg(args, 0) {
        let v = v.borrow();
        if matches!(v.ty.yield_type().map(|t| &**t), Some(Type::Bool)) {
            return Some(v.items.iter().map(Value::as_bool).collect());
        }
    }
    builtin_error(h, &format!("{who}() requires vector of bool"));
    None
}

fn any_set(h: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(
        bool_vector(h, args, "any_set").is_some_and(|v| v.iter().any(|&b| b)),
    ))
}

fn all_set(h: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(
        bool_vector(h, args, "all_set").is_some_and(|v| v.iter().all(|&b| b)),
    ))
}

/// Identity as Zeek's pointer comparison sees it: shared aggregates,
/// strings and patterns by reference; immutable scalars (which Zeek
/// shares freely) by value.
fn same_object(_: &mut dyn Host, args: &[Value]) -> BifResult {
    use Value::*;
    let same = match (arg(args, 0), arg(args, 1)) {
        (String(a), String(b)) => Rc::ptr_eq(a, b),
        (Pattern(a), Pattern(b)) => Rc::ptr_eq(a, b),
        (Addr(a), Addr(b)) => Rc::ptr_eq(a, b),
        (Subnet(a), Subnet(b)) => Rc::ptr_eq(a, b),
        (Record(a), Record(b)) => Rc::ptr_eq(a, b),
        (Table(a), Table(b)) => Rc::ptr_eq(a, b),
        (Vector(a), Vector(b)) => Rc::ptr_eq(a, b),
        (Func(a), Func(b)) => Rc::ptr_eq(a, b),
        (Opaque(a), Opaque(b)) => Rc::ptr_eq(a, b),
        (Enum(a), Enum(b)) => a.value == b.value && a.type_name == b.type_name,
        (a @ (Bool(_) | Count(_) | Int(_) | Double(_) | Time(_) | Interval(_) | Port(_)), b) => {
            a == b
        }
        _ => false,
    };
    Ok(Value::Bool(same))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "sort",
        sig: "function(v: any, ...): any",
        func: sort,
    },
    BifDef {
        name: "order",
        sig: "function(v: any, ...): index_vec",
        func: order,
    },
    BifDef {
        name: "clear_table",
        sig: "function(v: any): any",
        func: clear_table,
    },
    BifDef {
        name: "table_keys",
        sig: "function(t: any): any",
        func: table_keys,
    },
    BifDef {
        name: "table_values",
        sig: "function(t: any): any_vec",
        func: table_values,
    },
    BifDef {
        name: "resize",
        sig: "function(aggr: any, newsize: count): count",
        func: resize,
    },
    BifDef {
        name: "any_set",
        sig: "function(v: any): bool",
        func: any_set,
    },
    BifDef {
        name: "all_set",
        sig: "function(v: any): bool",
        func: all_set,
    },
    BifDef {
        name: "same_object",
        sig: "function(o1: any, o2: any): bool",
        func: same_object,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{s, show, FakeHost};
    use super::*;
    use crate::runtime::func::FuncVal;
    use crate::runtime::types::{FuncType, ParamDef};
    use crate::runtime::value::VectorVal;
    use crate::syntax::ast::{FuncKind, Span};
    use std::cell::RefCell;

    fn vec_of(elem: crate::runtime::types::TypeRef, items: Vec<Value>) -> Value {
        Value::Vector(Rc::new(RefCell::new(VectorVal {
            ty: types::vector_of(elem),
            items,
        })))
    }

    /// A comparison function value backed by a Rust function.
    fn cmp_func(elem: crate::runtime::types::TypeRef, f: crate::runtime::func::BifFn) -> Value {
        let p = |n: &str| ParamDef {
            name: n.into(),
            ty: elem.clone(),
            default: None,
        };
        let ty = Rc::new(Type::Func(FuncType {
            kind: FuncKind::Function,
            params: vec![p("a"), p("b")],
            ret: types::int(),
            varargs: false,
        }));
        let mut fv = FuncVal::new("cmp".into(), FuncKind::Function, ty, Span::default());
        fv.builtin = Some(f);
        Value::Func(Rc::new(fv))
    }

    fn bool_cmp(_: &mut dyn Host, a: &[Value]) -> BifResult {
        Ok(Value::Int(a[0].as_bool() as i64 - a[1].as_bool() as i64))
    }

    fn no_value(_: &mut dyn Host, _: &[Value]) -> BifResult {
        Ok(Value::Unset)
    }

    // bifs.sort: numbers and intervals sort naturally; other types need a
    // function, without which the vector is left alone.
    #[test]
    fn sorting() {
        let mut h = FakeHost::new();
        let v = vec_of(
            types::count(),
            [5, 2, 8, 3].iter().map(|&n| Value::Count(n)).collect(),
        );
        h.call("sort", std::slice::from_ref(&v)).unwrap();
        assert_eq!(show(&v), "[2, 3, 5, 8]");
        let iv = vec_of(
            types::interval(),
            vec![
                Value::Interval(18000.0),
                Value::Interval(172800.0),
                Value::Interval(1.0),
                Value::Interval(-420.0),
            ],
        );
        assert_eq!(
            h.show("sort", &[iv]),
            "[-7.0 mins, 1.0 sec, 5.0 hrs, 2.0 days]"
        );
        let bv = vec_of(
            types::bool_(),
            vec![
                Value::Bool(true),
                Value::Bool(false),
                Value::Bool(false),
                Value::Bool(true),
            ],
        );
        assert_eq!(h.show("sort", std::slice::from_ref(&bv)), "[T, F, F, T]");
        assert_eq!(
            h.errors(),
            vec!["comparison function required for sort() with non-numeric types".to_string()]
        );
        let f = cmp_func(types::bool_(), bool_cmp);
        assert_eq!(h.show("sort", &[bv, f]), "[F, F, T, T]");
        let big = vec_of(
            types::count(),
            [2304, 1156, 11, 42, 4294967296]
                .iter()
                .map(|&n| Value::Count(n))
                .collect(),
        );
        assert_eq!(h.show("sort", &[big]), "[11, 42, 1156, 2304, 4294967296]");
    }

    // language.sort-no-return: a comparison that returns nothing is a
    // runtime error.
    #[test]
    fn comparison_without_result_fails() {
        let v = vec_of(types::count(), vec![Value::Count(3), Value::Count(1)]);
        let f = cmp_func(types::count(), no_value);
        let err = FakeHost::new().call("sort", &[v, f]).unwrap_err();
        assert_eq!(err, "comparison function did not return a value");
    }

    #[test]
    fn ordering() {
        let v = vec_of(
            types::double(),
            vec![
                Value::Double(3.03),
                Value::Double(3.01),
                Value::Double(3.02),
            ],
        );
        assert_eq!(FakeHost::new().show("order", &[v]), "[1, 2, 0]");
    }

    // bifs.clear_table, bifs.table_keys, bifs.table_values, bifs.resize,
    // bifs.all_set.
    #[test]
    fn tables_and_vectors() {
        let mut h = FakeHost::new();
        let t = super::super::table(
            vec![types::string()],
            types::string(),
            vec![(s("http"), s("a")), (s("https"), s("b"))],
        );
        assert_eq!(
            h.show("table_keys", std::slice::from_ref(&t)),
            "{\nhttp,\nhttps\n}"
        );
        let vals = h.call("table_values", std::slice::from_ref(&t)).unwrap();
        assert_eq!(show(&vals), "[a, b]");
        assert_eq!(h.show("type_name", &[vals]), "vector of string");
        h.call("clear_table", std::slice::from_ref(&t)).unwrap();
        assert_eq!(show(&t), "{\n\n}");
        let v = vec_of(
            types::count(),
            vec![Value::Count(5), Value::Count(3), Value::Count(8)],
        );
        assert_eq!(h.show("resize", &[v.clone(), Value::Count(5)]), "3");
        assert_eq!(show(&v), "[5, 3, 8, , ]");
        assert_eq!(h.show("resize", &[v.clone(), Value::Count(0)]), "5");
        let b = |x: &[bool]| vec_of(types::bool_(), x.iter().map(|&y| Value::Bool(y)).collect());
        assert_eq!(h.show("all_set", &[b(&[true, false, true])]), "F");
        assert_eq!(h.show("all_set", &[b(&[])]), "T");
        assert_eq!(h.show("any_set", &[b(&[false, true])]), "T");
        assert!(h.errors().is_empty());
    }

    // language.copy-all-types: copies of scalars are the same object,
    // copies of strings and aggregates are not.
    #[test]
    fn identity() {
        let mut h = FakeHost::new();
        let a = s("Foo");
        assert_eq!(h.show("same_object", &[a.clone(), a.clone()]), "T");
        assert_eq!(h.show("same_object", &[a, s("Foo")]), "F");
        assert_eq!(
            h.show("same_object", &[Value::Int(-42), Value::Int(-42)]),
            "T"
        );
        let v = vec_of(types::count(), vec![]);
        assert_eq!(h.show("same_object", &[v.clone(), v.deep_copy()]), "F");
    }
}
