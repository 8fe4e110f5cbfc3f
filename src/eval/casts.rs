//! Conversions between types at run time: the coercions the compiler
//! inserted (record to record, nested containers), `is`, and `as`.

use super::ops;
use super::{Interp, Result};
use crate::runtime::ir::{Coercion, Expr, ExprKind};
use crate::runtime::types::{self, type_of, RecordType, Type, TypeRef};
use crate::runtime::value::{Value, VectorVal};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub(crate) fn coerce(&mut self, v: Value, c: &Coercion, e: &Expr) -> Result<Value> {
        Ok(match (c, v) {
            (Coercion::ToInt, Value::Count(n)) if n > i64::MAX as u64 => {
                let msg = format!(
                    "overflow promoting from unsigned/double to signed arithmetic value (int and {n})"
                );
                let d = crate::diag::Diagnostic::error(e.span, msg)
                    .with_also(crate::diag::Also::Before("int".into()));
                return Err(Box::new(d));
            }
            (Coercion::ToInt, Value::Count(n)) => Value::Int(n as i64),
            (Coercion::ToInt, Value::Double(d)) => {
                if !(-TWO_63..TWO_63).contains(&d) || d == -TWO_63 {
                    return Err(self.promotion_error(
                        "int",
                        "unsigned/double to signed",
                        &Value::Double(d),
                        e,
                    ));
                }
                Value::Int(d as i64)
            }
            (Coercion::ToCount, v @ (Value::Int(_) | Value::Double(_))) => {
                let ok = match v {
                    Value::Int(i) => i >= 0,
                    Value::Double(d) => (0.0..1.8446744073709552e19).contains(&d),
                    _ => true,
                };
                if !ok {
                    return Err(self.promotion_error("count", "signed/double to unsigned", &v, e));
                }
                Value::Count(v.as_count())
            }
            (Coercion::ToDouble, v @ (Value::Count(_) | Value::Int(_))) => {
                Value::Double(v.as_double())
            }
            (Coercion::ToInt | Coercion::ToDouble, Value::Vector(vec)) => {
                let v = vec.borrow();
                let elem = if matches!(c, Coercion::ToInt) {
                    types::int()
                } else {
                    types::double()
                };
                let items = v
                    .items
                    .iter()
                    .map(|x| match (c, x) {
                        (Coercion::ToInt, Value::Count(n)) => Value::Int(*n as i64),
                        (Coercion::ToDouble, Value::Count(_) | Value::Int(_)) => {
                            Value::Double(x.as_double())
                        }
                        _ => x.clone(),
                    })
                    .collect();
                Value::Vector(Rc::new(RefCell::new(VectorVal {
                    ty: types::vector_of(elem),
                    items,
                })))
            }
            (Coercion::Record(rt), Value::Record(src)) => {
                if Rc::ptr_eq(&src.borrow().ty, rt) {
                    return Ok(Value::Record(src));
                }
                let rec = self.new_record(rt)?;
                let s = src.borrow();
                let sfields = s.ty.fields.borrow();
                for (i, f) in sfields.iter().enumerate() {
                    if let Some(j) = rt.field_index(&f.name) {
                        let v = s.fields.get(i).cloned().unwrap_or(Value::Unset);
                        if !v.is_unset() {
                            let target = rt.fields.borrow()[j].ty.clone();
                            rec.borrow_mut().fields[j] = coerce_nested(v, &target, self)?;
                        }
                    }
                }
                Value::Record(rec)
            }
            // Zeek checks only that the value has the expected kind of
            // type, not the whole type.
            (Coercion::FromAny(ty), v) => {
                let vt = type_of(&v);
                if std::mem::discriminant(&*vt) != std::mem::discriminant(&**ty)
                    && !matches!(**ty, Type::Any | Type::Error)
                    && !v.is_unset()
                {
                    return Err(self.error_at(e.span, "incompatible \"any\" type"));
                }
                v
            }
            (Coercion::Retype(ty), Value::Table(t)) => {
                if t.borrow().is_empty() && !types::same_type(&t.borrow().ty, ty) {
                    t.borrow_mut().ty = ty.clone();
                }
                Value::Table(t)
            }
            (Coercion::Retype(ty), Value::Vector(v)) => {
                if v.borrow().items.is_empty() {
                    v.borrow_mut().ty = ty.clone();
                }
                Value::Vector(v)
            }
            (_, v) => v,
        })
    }

    /// A value that does not fit the arithmetic type it is promoted to.
    fn promotion_error(
        &self,
        ty: &str,
        how: &str,
        v: &Value,
        e: &Expr,
    ) -> Box<crate::diag::Diagnostic> {
        let shown = String::from_utf8_lossy(&crate::runtime::format::to_display(v)).into_owned();
        let msg = format!("overflow promoting from {how} arithmetic value ({ty} and {shown})");
        Box::new(
            crate::diag::Diagnostic::error(e.span, msg)
                .with_also(crate::diag::Also::Before(ty.into())),
        )
    }

    /// `v as T` failed: Zeek first reports why, for the conversions that
    /// check the value (as a built-in error naming the value, at the
    /// place the value was written if it is a constant), then fails the
    /// expression.
    pub(crate) fn cast_failed(
        &mut self,
        v: &Value,
        ty: &TypeRef,
        why: CastFailure,
        operand: &Expr,
        e: &Expr,
    ) -> Box<crate::diag::Diagnostic> {
        if let Some(msg) = why {
            // Zeek's values know where they were made if that was while
            // parsing (a constant), except the small numbers it makes once
            // at start-up.
            let made_at = match (&operand.kind, v) {
                (_, Value::String(s)) => self
                    .globals
                    .const_origins
                    .get(&(Rc::as_ptr(s) as usize))
                    .map(|(_, span)| *span),
                (ExprKind::Const(Value::Count(c)), _) if *c < 4096 => None,
                (ExprKind::Const(Value::Int(i)), _) if (-255..=256).contains(i) => None,
                (ExprKind::Const(Value::Bool(_)), _) => None,
                (ExprKind::Const(_), _) => Some(operand.span),
                _ => None,
            };
            let origin = made_at.and_then(|span| self.output.sources.location(span));
            let shown = crate::runtime::format::to_display(v);
            let line = format!(
                "error in {}: {msg} ({})",
                origin.as_deref().unwrap_or("<no location>"),
                String::from_utf8_lossy(&shown)
            );
            if !self.output.halted {
                self.flush();
                eprintln!("{line}");
            }
        }
        // A `Broker::Data` whose `data` field was never set says so.
        let nil_data = match v {
            Value::Record(r) => {
                let r = r.borrow();
                r.ty.name.borrow().as_deref() == Some("Broker::Data")
                    && r.fields.first().is_none_or(Value::is_unset)
            }
            _ => false,
        };
        self.error_at(
            e.span,
            &format!(
                "invalid cast of value with type '{}' to type '{}'{}",
                type_of(v),
                ty,
                if nil_data { " (nil $data field)" } else { "" }
            ),
        )
    }

    /// A record value converted to another record type, as Zeek converts
    /// values that were only typed at run time (`Log::write`'s columns):
    /// every field must exist in the target, and every target field that is
    /// neither optional nor defaulted must be set. `None` if it does not fit.
    pub(crate) fn coerce_record_to(&mut self, v: &Value, rt: &Rc<RecordType>) -> Option<Value> {
        let Value::Record(src) = v else {
            return None;
        };
        if Rc::ptr_eq(&src.borrow().ty, rt) {
            return Some(v.clone());
        }
        {
            let s = src.borrow();
            let sfields = s.ty.fields.borrow();
            if sfields.iter().any(|f| rt.field_index(&f.name).is_none()) {
                return None;
            }
            for f in rt.fields.borrow().iter() {
                let set =
                    s.ty.field_index(&f.name)
                        .and_then(|i| s.fields.get(i))
                        .is_some_and(|x| !x.is_unset());
                if !set && !f.optional && f.default.is_none() && f.late_default.is_none() {
                    return None;
                }
            }
        }
        let e = Expr {
            kind: ExprKind::Const(Value::Unset),
            span: Default::default(),
        };
        self.coerce(v.clone(), &Coercion::Record(rt.clone()), &e)
            .ok()
    }
}

pub(crate) fn coerce_nested(v: Value, target: &TypeRef, interp: &mut Interp) -> Result<Value> {
    match (&**target, &v) {
        (Type::Record(rt), Value::Record(r)) if !Rc::ptr_eq(&r.borrow().ty, rt) => {
            let e = Expr {
                kind: ExprKind::Const(Value::Unset),
                span: Default::default(),
            };
            interp.coerce(v, &Coercion::Record(rt.clone()), &e)
        }
        (Type::Int, Value::Count(c)) => Ok(Value::Int(*c as i64)),
        (Type::Double, Value::Count(_) | Value::Int(_)) => Ok(Value::Double(v.as_double())),
        _ => Ok(v),
    }
}

/// Whether a value is of a type: Zeek's `is` and a type switch's test,
/// which accept only the value's own type (or `any`), never a conversion.
pub fn has_type(v: &Value, ty: &Type) -> bool {
    matches!(ty, Type::Any) || types::same_type(&type_of(v), ty)
}

/// `v ?as T` and the value of `v as T`: the value converted where Zeek
/// converts (`None` where it does not).
pub fn cast(v: &Value, ty: &Type) -> Option<Value> {
    convert(v, ty).ok()
}

/// Why a conversion failed: `Some` with the message Zeek reports as a
/// built-in error before the cast's own error, `None` when it only fails.
pub type CastFailure = Option<&'static str>;

/// `v as T` by the rules of Zeek's `as`: the value itself when it already
/// has the type; sets and vectors into each other; and the conversions of
/// the operators reference's cast table, some of which check the value.
pub fn convert(v: &Value, ty: &Type) -> std::result::Result<Value, CastFailure> {
    if has_type(v, ty) {
        return Ok(v.clone());
    }
    match (v, ty) {
        (Value::Table(t), Type::Vector(_)) => {
            let t = t.borrow();
            if t.ty.as_table().is_none_or(|tt| tt.index.len() != 1) {
                return Err(None);
            }
            let items = t.iter().map(|(k, _)| k.clone()).collect();
            Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
                ty: Rc::new(clone_type(ty)),
                items,
            }))))
        }
        (Value::Vector(x), Type::Table(tt)) if tt.yield_.is_none() => {
            if tt.index.len() != 1 {
                return Err(None);
            }
            let mut out = crate::runtime::table::TableVal::new(Rc::new(clone_type(ty)));
            for item in x.borrow().items.iter().filter(|i| !i.is_unset()) {
                out.insert(item.clone(), Value::Unset);
            }
            Ok(Value::Table(Rc::new(RefCell::new(out))))
        }
        (Value::String(s), _) => string_to(s, ty),
        (Value::Int(i), Type::Count) if *i < 0 => Err(Some("bad conversion to count")),
        (Value::Int(i), Type::Count) => Ok(Value::Count(*i as u64)),
        (Value::Int(i), Type::Double) => Ok(Value::Double(*i as f64)),
        (Value::Int(i), Type::Time) => Ok(Value::Time(*i as f64)),
        (Value::Int(i), Type::Interval) => Ok(Value::Interval(*i as f64)),
        (Value::Double(d), Type::Int) => Ok(Value::Int(rint_i64(*d))),
        (Value::Double(d), Type::Count) if *d < 0.0 => Err(Some("bad conversion to count")),
        (Value::Double(d), Type::Count) => Ok(Value::Count(rint_i64(*d) as u64)),
        (Value::Double(d), Type::Time) => Ok(Value::Time(*d)),
        (Value::Double(d), Type::Interval) => Ok(Value::Interval(*d)),
        (Value::Count(c), Type::Int) if *c > i64::MAX as u64 => {
            Err(Some("overflow converting count to int"))
        }
        (Value::Count(c), Type::Int) => Ok(Value::Int(*c as i64)),
        (Value::Count(c), Type::Double) => Ok(Value::Double(*c as f64)),
        (Value::Count(c), Type::Time) => Ok(Value::Time(*c as f64)),
        (Value::Count(c), Type::Interval) => Ok(Value::Interval(*c as f64)),
        (Value::Count(c), Type::Addr) => match u32::try_from(*c) {
            Ok(n) => Ok(Value::addr(std::net::IpAddr::V4(n.into()))),
            Err(_) => Err(Some("conversion of non-IPv4 count to addr")),
        },
        (Value::Enum(e), Type::Count) => Ok(Value::Count(e.value as u64)),
        (Value::Enum(e), Type::Int) => Ok(Value::Int(e.value)),
        (Value::Interval(d) | Value::Time(d), Type::Double) => Ok(Value::Double(*d)),
        (Value::Addr(a), Type::Subnet) => {
            let width = if a.is_ipv4() { 32 } else { 128 };
            Ok(ops::subnet_value(**a, width))
        }
        (Value::Addr(a), Type::Vector(e)) if matches!(**e, Type::Count) => {
            let items = match **a {
                std::net::IpAddr::V4(v4) => vec![Value::Count(u32::from(v4) as u64)],
                std::net::IpAddr::V6(v6) => v6
                    .octets()
                    .chunks(4)
                    .map(|c| Value::Count(u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as u64))
                    .collect(),
            };
            Ok(Value::Vector(Rc::new(RefCell::new(VectorVal {
                ty: Rc::new(clone_type(ty)),
                items,
            }))))
        }
        (Value::Subnet(s), Type::Addr) => Ok(Value::addr(s.addr)),
        (Value::Subnet(s), Type::Count) => Ok(Value::Count(s.width as u64)),
        (Value::Port(p), Type::Count) => Ok(Value::Count(p.num as u64)),
        _ => Err(None),
    }
}

/// A fresh copy of a container type made by a cast (the cast's target).
fn clone_type(t: &Type) -> Type {
    match t {
        Type::Vector(e) => Type::Vector(e.clone()),
        Type::Table(tt) => Type::Table(types::TableType {
            index: tt.index.clone(),
            yield_: tt.yield_.clone(),
        }),
        _ => Type::Error,
    }
}

/// 2^63, the first double past the largest int.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// C's `rint` then a conversion to a 64-bit integer as x86 makes it:
/// halves round to even, and what does not fit becomes the lowest value.
pub fn rint_i64(d: f64) -> i64 {
    let r = d.round_ties_even();
    if r.is_nan() || !(-TWO_63..TWO_63).contains(&r) {
        i64::MIN
    } else {
        r as i64
    }
}

/// The conversions from a string: numbers as C's `strtod`/`strtoll`/
/// `strtoull` read them (leading blanks, and for integers trailing blanks,
/// allowed), addresses, subnets and ports in Zeek's spellings.
fn string_to(s: &[u8], ty: &Type) -> std::result::Result<Value, CastFailure> {
    // Zeek reads the string as C text: it ends at a NUL.
    let text = match s.iter().position(|&b| b == 0) {
        Some(n) => &s[..n],
        None => s,
    };
    match ty {
        Type::Double => strtod_whole(text)
            .map(Value::Double)
            .ok_or(Some("bad conversion to double")),
        Type::Int => c_strtoll(text, 10)
            .map(Value::Int)
            .ok_or(Some("bad conversion to integer")),
        Type::Count => c_strtoull(text, 10)
            .map(Value::Count)
            .ok_or(Some("bad conversion to count")),
        Type::Addr => parse_addr_text(text)
            .map(Value::addr)
            .ok_or(Some("failed converting string to IP address")),
        Type::Subnet => parse_subnet_text(text)
            .map(|s| Value::Subnet(Rc::new(s)))
            .ok_or(None),
        Type::Port => parse_port_text(s).ok_or(None),
        _ => Err(None),
    }
}

fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C's `strtoll` over the whole text: blanks may lead and trail, a sign
/// may lead, and the digits saturate at the type's limits. `None` for an
/// empty text or one with anything else after the digits.
pub fn c_strtoll(s: &[u8], base: u32) -> Option<i64> {
    let (neg, mag, end) = c_strtoint(s, base);
    trailing_blanks_only(s, end)?;
    Some(if neg {
        if mag > i64::MAX as u128 + 1 {
            i64::MIN
        } else {
            (mag as i128).wrapping_neg() as i64
        }
    } else {
        mag.min(i64::MAX as u128) as i64
    })
}

/// C's `strtoull` over the whole text (a leading minus negates, modulo
/// 2^64, as C does).
pub fn c_strtoull(s: &[u8], base: u32) -> Option<u64> {
    let (neg, mag, end) = c_strtoint(s, base);
    trailing_blanks_only(s, end)?;
    if mag > u64::MAX as u128 {
        return Some(u64::MAX);
    }
    let m = mag as u64;
    Some(if neg { m.wrapping_neg() } else { m })
}

/// `None` unless the text is not empty and only blanks follow `end`.
fn trailing_blanks_only(s: &[u8], end: usize) -> Option<()> {
    (!s.is_empty() && s[end..].iter().all(|&b| is_c_space(b))).then_some(())
}

/// The integer C's `strto*` functions read at the start of `s`: its sign,
/// magnitude (saturated) and where reading stopped (0 if no digits).
fn c_strtoint(s: &[u8], base: u32) -> (bool, u128, usize) {
    let mut i = s.iter().position(|&b| !is_c_space(b)).unwrap_or(s.len());
    let mut neg = false;
    if i < s.len() && matches!(s[i], b'+' | b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let mut base = base;
    let hex_prefix = i + 2 < s.len() + 1
        && s.get(i) == Some(&b'0')
        && s.get(i + 1).is_some_and(|b| b | 0x20 == b'x')
        && s.get(i + 2).is_some_and(|b| b.is_ascii_hexdigit());
    if (base == 16 || base == 0) && hex_prefix {
        i += 2;
        base = 16;
    } else if base == 0 {
        base = if s.get(i) == Some(&b'0') { 8 } else { 10 };
    }
    if !(2..=36).contains(&base) {
        return (false, 0, 0);
    }
    let start = i;
    let mut n: u128 = 0;
    while let Some(d) = s.get(i).and_then(|&b| (b as char).to_digit(base)) {
        n = n.saturating_mul(base as u128).saturating_add(d as u128);
        i += 1;
    }
    if i == start {
        return (false, 0, 0);
    }
    (neg, n, i)
}

/// C's `strtod` over the whole text: leading blanks, then a decimal or
/// hexadecimal number, `inf`/`infinity` or `nan`, and nothing after it.
pub fn strtod_whole(s: &[u8]) -> Option<f64> {
    let (d, end) = c_strtod(s)?;
    (end == s.len()).then_some(d)
}

/// The number C's `strtod` reads at the start of `s`, and where it ends.
pub fn c_strtod(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = s.iter().position(|&b| !is_c_space(b))?;
    let start = i;
    let mut neg = false;
    if matches!(s[i], b'+' | b'-') {
        neg = s[i] == b'-';
        i += 1;
    }
    let rest = &s[i..];
    let lower: Vec<u8> = rest
        .iter()
        .take(8)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let signed = |d: f64| if neg { -d } else { d };
    if lower.starts_with(b"infinity") {
        return Some((signed(f64::INFINITY), i + 8));
    }
    if lower.starts_with(b"inf") {
        return Some((signed(f64::INFINITY), i + 3));
    }
    if lower.starts_with(b"nan") {
        let mut j = i + 3;
        // `nan(chars)`
        if s.get(j) == Some(&b'(') {
            let close = s[j..]
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'('));
            if let Some(k) = close {
                if s[j + k] == b')' {
                    j += k + 1;
                }
            }
        }
        return Some((signed(f64::NAN), j));
    }
    if rest.len() > 2 && rest[0] == b'0' && rest[1] | 0x20 == b'x' {
        if let Some((d, used)) = hex_float(&rest[2..]) {
            return Some((signed(d), i + 2 + used));
        }
        // Just the `0`.
        return Some((signed(0.0), i + 1));
    }
    let mut j = i;
    let digits = |j: &mut usize| {
        let from = *j;
        while s.get(*j).is_some_and(u8::is_ascii_digit) {
            *j += 1;
        }
        *j - from
    };
    let mut n = digits(&mut j);
    if s.get(j) == Some(&b'.') {
        j += 1;
        n += digits(&mut j);
    }
    if n == 0 {
        return None;
    }
    if s.get(j).is_some_and(|b| b | 0x20 == b'e') {
        let mut k = j + 1;
        if s.get(k).is_some_and(|b| matches!(b, b'+' | b'-')) {
            k += 1;
        }
        if digits(&mut k) > 0 {
            j = k;
        }
    }
    let text = std::str::from_utf8(&s[start..j]).ok()?;
    let text = text.strip_prefix('+').unwrap_or(text);
    // Rust does not read "1." or ".5e"-less forms differently from C.
    let d = text
        .parse::<f64>()
        .or_else(|_| format!("{}0", text).parse::<f64>())
        .ok()?;
    Some((d, j))
}

/// The digits of a hexadecimal float after `0x`: mantissa with an
/// optional point and a `p` exponent. Returns the value and bytes used.
fn hex_float(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    let mut mant: f64 = 0.0;
    let mut scale: i32 = 0;
    let mut any = false;
    while let Some(d) = s.get(i).and_then(|&b| (b as char).to_digit(16)) {
        mant = mant * 16.0 + d as f64;
        any = true;
        i += 1;
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        while let Some(d) = s.get(i).and_then(|&b| (b as char).to_digit(16)) {
            mant = mant * 16.0 + d as f64;
            scale -= 4;
            any = true;
            i += 1;
        }
    }
    if !any {
        return None;
    }
    if s.get(i).is_some_and(|b| b | 0x20 == b'p') {
        let mut k = i + 1;
        let mut eneg = false;
        if s.get(k).is_some_and(|b| matches!(b, b'+' | b'-')) {
            eneg = s[k] == b'-';
            k += 1;
        }
        let from = k;
        let mut e: i32 = 0;
        while let Some(d) = s.get(k).and_then(|&b| (b as char).to_digit(10)) {
            e = e.saturating_mul(10).saturating_add(d as i32);
            k += 1;
        }
        if k > from {
            scale = scale.saturating_add(if eneg { -e } else { e });
            i = k;
        }
    }
    Some((mant * 2f64.powi(scale), i))
}

/// An address as Zeek's `IPAddr::ConvertString` reads it: IPv6 (anything
/// with a colon) as `inet_pton` does, IPv4 as four decimal numbers
/// (leading zeros allowed) from 0 to 255. IPv4-mapped IPv6 addresses are
/// IPv4 addresses.
pub fn parse_addr_text(s: &[u8]) -> Option<std::net::IpAddr> {
    let text = std::str::from_utf8(s).ok()?;
    if text.contains(':') {
        let v6: std::net::Ipv6Addr = text.parse().ok()?;
        return Some(std::net::IpAddr::V6(v6).to_canonical());
    }
    let mut parts = [0u32; 4];
    let mut rest = text;
    for (i, p) in parts.iter_mut().enumerate() {
        // sscanf's %d: optional blanks and sign, then digits.
        let t = rest.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
        let (sign, t) = match t.as_bytes().first() {
            Some(b'-') => (-1i64, &t[1..]),
            Some(b'+') => (1, &t[1..]),
            _ => (1, t),
        };
        let n = t.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        let v = sign * t[..n].parse::<i64>().unwrap_or(i64::MAX);
        if !(0..=255).contains(&v) {
            return None;
        }
        *p = v as u32;
        rest = &t[n..];
        if i < 3 {
            rest = rest.strip_prefix('.')?;
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let bits = (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3];
    Some(std::net::IpAddr::V4(bits.into()))
}

/// A subnet as Zeek's `IPPrefix::ConvertString` reads "addr/width": the
/// width as `atoi` reads it, relative to 128 bits when the address is
/// written as IPv6, and within the family's size.
pub fn parse_subnet_text(s: &[u8]) -> Option<crate::runtime::value::Subnet> {
    let slash = s.iter().position(|&b| b == b'/')?;
    let addr = parse_addr_text(&s[..slash])?;
    let width = c_atoi(&s[slash + 1..]);
    let v6_text = s.contains(&b':');
    let (max, width) = match (addr, v6_text) {
        (std::net::IpAddr::V4(_), true) => (128, width - 96),
        (std::net::IpAddr::V4(_), false) => (32, width),
        (std::net::IpAddr::V6(_), _) => (128, width),
    };
    if !(0..=max).contains(&width) {
        return None;
    }
    Some(ops::make_subnet(addr, width as u8))
}

/// C's `atoi`: leading blanks, a sign, digits; 0 when there are none.
fn c_atoi(s: &[u8]) -> i64 {
    let (neg, mag, _) = c_strtoint(s, 10);
    let m = mag.min(i64::MAX as u128) as i64;
    if neg {
        -m
    } else {
        m
    }
}

/// A port from "N/proto" as Zeek's string-to-port conversion reads it:
/// under ten characters, a number, one separator, then `tcp`, `udp` or
/// `icmp`. A number past 65535 becomes port 0.
fn parse_port_text(s: &[u8]) -> Option<Value> {
    use crate::syntax::token::Proto;
    if s.is_empty() || s.len() >= 10 {
        return None;
    }
    // `strtol` then one separator character, whatever it is; with no
    // digits the separator is the first character.
    let (neg, mag, end) = c_strtoint(s, 10);
    if end >= s.len() {
        return None;
    }
    let num = if neg { -(mag as i64) } else { mag as i64 };
    let proto = match &s[end + 1..] {
        b"tcp" => Proto::Tcp,
        b"udp" => Proto::Udp,
        b"icmp" => Proto::Icmp,
        _ => return None,
    };
    let num = num as u32;
    let num = if num >= 65536 { 0 } else { num };
    Some(Value::Port(crate::runtime::value::Port { num, proto }))
}
