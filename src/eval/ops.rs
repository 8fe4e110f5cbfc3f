//! Operators on values. The checker has coerced both operands to one type,
//! so each operator dispatches on the pair of value tags.

use crate::runtime::ir::{Arith, Cmp, InKind};
use crate::runtime::value::{Subnet, Value};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::net::IpAddr;
use std::rc::Rc;

pub fn arith(op: Arith, a: &Value, b: &Value) -> Result<Value, String> {
    use Value::*;
    Ok(match (a, b) {
        (Count(x), Count(y)) => Count(match op {
            Arith::Add => x.wrapping_add(*y),
            Arith::Sub => x.wrapping_sub(*y),
            Arith::Mul => x.wrapping_mul(*y),
            Arith::Div => x.checked_div(*y).ok_or("division by zero")?,
            Arith::Mod => x.checked_rem(*y).ok_or("modulo by zero")?,
            Arith::BitAnd => x & y,
            Arith::BitOr => x | y,
            Arith::BitXor => x ^ y,
            // As the machine shifts: by the count modulo 64.
            Arith::Shl => x.wrapping_shl(*y as u32),
            Arith::Shr => x.wrapping_shr(*y as u32),
        }),
        (Int(x), Int(y)) => Int(match op {
            Arith::Add => x.wrapping_add(*y),
            Arith::Sub => x.wrapping_sub(*y),
            Arith::Mul => x.wrapping_mul(*y),
            Arith::Div => {
                if *y == 0 {
                    return Err("division by zero".into());
                }
                x.wrapping_div(*y)
            }
            Arith::Mod => {
                if *y == 0 {
                    return Err("modulo by zero".into());
                }
                x.wrapping_rem(*y)
            }
            Arith::BitAnd => x & y,
            Arith::BitOr => x | y,
            Arith::BitXor => x ^ y,
            Arith::Shl => {
                if *x < 0 {
                    return Err("left shifting a negative number is undefined".into());
                }
                x.wrapping_shl(*y as u32)
            }
            Arith::Shr => x.wrapping_shr(*y as u32),
        }),
        // `int << count` (the count taken as an int).
        (Int(_), Count(y)) if matches!(op, Arith::Shl | Arith::Shr) => {
            return arith(op, a, &Int(*y as i64));
        }
        (Double(x), Double(y)) => Double(float(op, *x, *y)?),
        // time and interval arithmetic
        (Time(x), Interval(y)) => Time(float(op, *x, *y)?),
        (Interval(x), Time(y)) => Time(float(op, *x, *y)?),
        (Time(x), Time(y)) => Interval(float(op, *x, *y)?),
        (Interval(x), Interval(y)) => match op {
            Arith::Div => Double(float(op, *x, *y)?),
            _ => Interval(float(op, *x, *y)?),
        },
        (Interval(x), n @ (Count(_) | Int(_) | Double(_))) => {
            Interval(float(op, *x, n.as_double())?)
        }
        (n @ (Count(_) | Int(_) | Double(_)), Interval(y)) => {
            Interval(float(op, n.as_double(), *y)?)
        }
        _ => return Err(format!("invalid operands for arithmetic ({a:?}, {b:?})")),
    })
}

fn float(op: Arith, x: f64, y: f64) -> Result<f64, String> {
    Ok(match op {
        Arith::Add => x + y,
        Arith::Sub => x - y,
        Arith::Mul => x * y,
        Arith::Div => {
            if y == 0.0 {
                return Err("division by zero".into());
            }
            x / y
        }
        Arith::Mod => {
            if y == 0.0 {
                return Err("modulo by zero".into());
            }
            x % y
        }
        _ => return Err("bitwise operation on floating point".into()),
    })
}

/// Orders two values of one type; None where no order exists.
pub fn order(a: &Value, b: &Value) -> Option<Ordering> {
    use Value::*;
    match (a, b) {
        (Count(x), Count(y)) => Some(x.cmp(y)),
        (Int(x), Int(y)) => Some(x.cmp(y)),
        (Double(x), Double(y)) | (Time(x), Time(y)) | (Interval(x), Interval(y)) => {
            x.partial_cmp(y)
        }
        (String(x), String(y)) => Some(x.as_slice().cmp(y.as_slice())),
        (Addr(x), Addr(y)) => Some(addr_order(x, y)),
        // Zeek orders ports by protocol first (unknown < tcp < udp < icmp).
        (Port(x), Port(y)) => Some((x.proto, x.num).cmp(&(y.proto, y.num))),
        (Bool(x), Bool(y)) => Some(x.cmp(y)),
        (Enum(x), Enum(y)) => Some(x.value.cmp(&y.value)),
        (Subnet(x), Subnet(y)) => Some(addr_order(&x.addr, &y.addr).then(x.width.cmp(&y.width))),
        _ => None,
    }
}

/// Zeek orders addresses by their 128-bit form (IPv4 mapped into IPv6).
fn addr_order(a: &IpAddr, b: &IpAddr) -> Ordering {
    to_v6_bits(a).cmp(&to_v6_bits(b))
}

pub fn to_v6_bits(a: &IpAddr) -> u128 {
    match a {
        IpAddr::V4(v4) => u128::from(v4.to_ipv6_mapped()),
        IpAddr::V6(v6) => u128::from(*v6),
    }
}

/// `-v`: a count becomes an int.
pub fn neg(v: Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(i.wrapping_neg()),
        Value::Count(c) => Value::Int((c as i64).wrapping_neg()),
        Value::Double(d) => Value::Double(-d),
        Value::Interval(d) => Value::Interval(-d),
        other => other,
    }
}

/// `+v`: a count becomes an int.
pub fn pos(v: Value) -> Value {
    match v {
        Value::Count(c) => Value::Int(c as i64),
        other => other,
    }
}

/// `f` of a scalar, or of each element of a vector (in a new vector of
/// the type `f` makes of its elements).
pub fn map_vector(v: Value, f: fn(Value) -> Value) -> Value {
    let Value::Vector(vec) = v else {
        return f(v);
    };
    let vec = vec.borrow();
    let items: Vec<Value> = vec
        .items
        .iter()
        .map(|x| {
            if x.is_unset() {
                Value::Unset
            } else {
                f(x.clone())
            }
        })
        .collect();
    let elem = match vec.ty.yield_type().map(|t| &**t) {
        Some(crate::runtime::types::Type::Count) => crate::runtime::types::int(),
        Some(_) => vec
            .ty
            .yield_type()
            .cloned()
            .unwrap_or_else(crate::runtime::types::any),
        None => crate::runtime::types::any(),
    };
    Value::Vector(Rc::new(RefCell::new(crate::runtime::value::VectorVal {
        ty: crate::runtime::types::vector_of(elem),
        items,
    })))
}

pub fn compare(op: Cmp, a: &Value, b: &Value) -> Result<bool, String> {
    // A pattern compared with a string is an exact match.
    match (a, b) {
        (Value::Pattern(p), Value::String(s)) | (Value::String(s), Value::Pattern(p)) => {
            let m = p.exact().is_match(s);
            return match op {
                Cmp::Eq => Ok(m),
                Cmp::Ne => Ok(!m),
                _ => Err("ordering comparison on pattern".into()),
            };
        }
        // Sets order by inclusion: `<` a proper subset, `<=` a subset.
        (Value::Table(x), Value::Table(y)) if !matches!(op, Cmp::Eq | Cmp::Ne) => {
            let (x, y) = (x.borrow(), y.borrow());
            let within = |s: &crate::runtime::table::TableVal,
                          t: &crate::runtime::table::TableVal| {
                s.len() <= t.len() && s.keys().iter().all(|k| t.contains(k))
            };
            return Ok(match op {
                Cmp::Lt => x.len() < y.len() && within(&x, &y),
                Cmp::Le => within(&x, &y),
                Cmp::Gt => y.len() < x.len() && within(&y, &x),
                Cmp::Ge => within(&y, &x),
                _ => false,
            });
        }
        _ => {}
    }
    match op {
        Cmp::Eq => Ok(equal(a, b)),
        Cmp::Ne => Ok(!equal(a, b)),
        _ => {
            let ord = order(a, b).ok_or("values cannot be ordered")?;
            Ok(match op {
                Cmp::Lt => ord == Ordering::Less,
                Cmp::Le => ord != Ordering::Greater,
                Cmp::Gt => ord == Ordering::Greater,
                Cmp::Ge => ord != Ordering::Less,
                _ => false,
            })
        }
    }
}

/// `==` as scripts see it: numerics by value across types.
pub fn equal(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Double(x), Double(y)) => x == y,
        (Count(_) | Int(_) | Double(_), Count(_) | Int(_) | Double(_)) => {
            if let (Count(x), Int(y)) | (Int(y), Count(x)) = (a, b) {
                return *y >= 0 && *x == *y as u64;
            }
            a == b || a.as_double() == b.as_double()
        }
        _ => a == b,
    }
}

/// Masks an address to a prefix width, making a subnet.
pub fn make_subnet(addr: IpAddr, width: u8) -> Subnet {
    let masked = match addr {
        IpAddr::V4(v4) => {
            let w = width.min(32) as u32;
            let mask = if w == 0 { 0 } else { u32::MAX << (32 - w) };
            IpAddr::V4((u32::from(v4) & mask).into())
        }
        IpAddr::V6(v6) => {
            let w = width.min(128) as u32;
            let mask = if w == 0 { 0 } else { u128::MAX << (128 - w) };
            IpAddr::V6((u128::from(v6) & mask).into())
        }
    };
    Subnet {
        addr: masked,
        width,
    }
}

/// Whether an address lies in a subnet (IPv4 subnets hold only IPv4).
/// The longest of a subnet-indexed table's keys that holds `a`.
pub fn longest_subnet(t: &crate::runtime::table::TableVal, a: &IpAddr) -> Option<Value> {
    let mut best: Option<(&Value, u8)> = None;
    for (k, _) in t.iter() {
        if let Value::Subnet(s) = k {
            if subnet_contains(s, a) && best.is_none_or(|(_, w)| s.width > w) {
                best = Some((k, s.width));
            }
        }
    }
    best.map(|(k, _)| k.clone())
}

pub fn subnet_contains(s: &Subnet, a: &IpAddr) -> bool {
    match (s.addr, a) {
        (IpAddr::V4(_), IpAddr::V4(_)) | (IpAddr::V6(_), IpAddr::V6(_)) => {
            make_subnet(*a, s.width).addr == s.addr
        }
        (IpAddr::V6(n), IpAddr::V4(v4)) => {
            // An IPv6 subnet over the v4-mapped range can hold v4 addresses.
            let mapped = IpAddr::V6(v4.to_ipv6_mapped());
            make_subnet(mapped, s.width).addr == IpAddr::V6(n)
        }
        _ => false,
    }
}

pub fn subnet_value(addr: IpAddr, width: u8) -> Value {
    Value::Subnet(Rc::new(make_subnet(addr, width)))
}

/// C's strtoll/strtoull digits: optional blanks and sign, an optional
/// `0x` for base 16 (or a detected base for 0), digits; trailing blanks
/// are allowed and nothing else.
pub fn parse_integer(s: &[u8], base: u32) -> Option<(bool, u128)> {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut i = s.iter().position(|b| !is_space(b))?;
    let mut neg = false;
    if matches!(s[i], b'+' | b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut base = base;
    let has_hex_prefix = s.len() > i + 2
        && s[i] == b'0'
        && (s[i + 1] | 0x20) == b'x'
        && s[i + 2].is_ascii_hexdigit();
    if (base == 16 || base == 0) && has_hex_prefix {
        i += 2;
        base = 16;
    } else if base == 0 {
        base = if s.get(i) == Some(&b'0') { 8 } else { 10 };
    }
    if !(2..=36).contains(&base) {
        return None;
    }
    let start = i;
    let mut n: u128 = 0;
    while let Some(d) = s.get(i).and_then(|&b| (b as char).to_digit(base)) {
        n = n.saturating_mul(base as u128).saturating_add(d as u128);
        i += 1;
    }
    if i == start || !s[i..].iter().all(is_space) {
        return None;
    }
    Some((neg, n))
}

pub fn contains(kind: InKind, a: &Value, b: &Value) -> bool {
    match kind {
        InKind::Table => match b {
            Value::Table(t) => match a {
                Value::Subnet(_) => t.borrow().subnet_match(a).is_some(),
                _ => t.borrow().contains(a),
            },
            _ => false,
        },
        InKind::Substring => {
            let (needle, hay) = (a.as_bytes(), b.as_bytes());
            needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
        }
        InKind::Pattern => match a {
            Value::Pattern(p) => p.search().is_match(b.as_bytes()),
            _ => false,
        },
        InKind::Subnet => match (a, b) {
            (Value::Addr(x), Value::Subnet(s)) => subnet_contains(s, x),
            _ => false,
        },
        InKind::SubnetTable => match (a, b) {
            (Value::Addr(x), Value::Table(t)) => longest_subnet(&t.borrow(), x).is_some(),
            _ => false,
        },
        InKind::PatternTable => match b {
            Value::Table(t) => t.borrow().iter().any(|(k, _)| match k {
                Value::Pattern(p) => p.exact().is_match(a.as_bytes()),
                _ => false,
            }),
            _ => false,
        },
        // The index taken as unsigned: a negative one is never in.
        InKind::VectorIndex => match b {
            Value::Vector(v) => {
                let v = v.borrow();
                let i = match a {
                    Value::Bool(b) => *b as u64,
                    other => other.as_int() as u64,
                };
                usize::try_from(i)
                    .ok()
                    .and_then(|i| v.items.get(i))
                    .is_some_and(|x| !x.is_unset())
            }
            _ => false,
        },
    }
}

pub(crate) fn set_op(op: crate::runtime::ir::Arith, a: &Value, b: &Value) -> Value {
    use crate::runtime::ir::Arith;
    let (Value::Table(x), Value::Table(y)) = (a, b) else {
        return a.clone();
    };
    let (x, y) = (x.borrow(), y.borrow());
    let mut out = x.shallow_clone_empty();
    // The same steps as Zeek's, so that the result's order matches too.
    match op {
        Arith::BitOr => {
            for (k, v) in x.iter().chain(y.iter()) {
                out.insert(k.clone(), v.clone());
            }
        }
        Arith::BitAnd => {
            // Zeek walks the smaller operand (the right one on a tie).
            let (small, big) = if y.len() > x.len() {
                (&x, &y)
            } else {
                (&y, &x)
            };
            for (k, v) in small.iter() {
                if big.contains(k) {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        _ => {
            // A copy of the left operand, then each right key removed.
            for (k, v) in x.iter() {
                out.insert(k.clone(), v.clone());
            }
            for (k, _) in y.iter() {
                out.remove(k);
            }
        }
    }
    Value::Table(Rc::new(RefCell::new(out)))
}
