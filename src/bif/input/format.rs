//! Text to values, as Zeek's ASCII formatter reads a field: the inverse of
//! what the ASCII log writer writes (unset and empty markers, `\xHH`
//! escapes, set and vector elements joined by the set separator).
//! Problems are collected as warnings in Zeek's words; a field that does
//! not convert is `None` and its line is skipped by the caller.

use crate::runtime::types::{Type, TypeRef};
use crate::runtime::value::{Port, Subnet, Value, VectorVal};
use crate::syntax::token::Proto;
use std::cell::RefCell;
use std::net::IpAddr;
use std::rc::Rc;

/// The markers a stream's reader uses.
#[derive(Clone, Debug)]
pub struct Separators {
    pub set_separator: u8,
    pub empty_field: Vec<u8>,
    pub unset_field: Vec<u8>,
}

/// `\xHH` escapes replaced by their bytes; everything else kept.
pub fn unescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' && i + 3 < s.len() && s[i + 1] == b'x' {
            let hex = std::str::from_utf8(&s[i + 2..i + 4])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 4;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

fn text(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

fn strip(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &s[start..end.max(start)]
}

/// The longest prefix that is a number of the kind `strtoll`/`strtod`
/// accept (after leading blanks), as (value text, rest).
fn number_prefix(s: &str, float: bool) -> (&str, &str) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    let start = i;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let digits = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut any = i > digits;
    if float {
        if i < b.len() && b[i] == b'.' {
            i += 1;
            let f = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            any |= i > f;
        }
        if any && i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            let mut j = i + 1;
            if j < b.len() && (b[j] == b'-' || b[j] == b'+') {
                j += 1;
            }
            let e = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > e {
                i = j;
            }
        }
    }
    if !any {
        return ("", s);
    }
    (&s[start..i], &s[i..])
}

/// Zeek's checks on a parsed number: nothing parsed, an empty field,
/// trailing characters (a warning only), a minus sign where only
/// non-negative numbers go.
fn check_number(s: &str, num: &str, rest: &str, nonneg: bool, w: &mut Vec<String>) -> bool {
    if num.is_empty() && !rest.is_empty() {
        w.push(format!("String '{s}' contained no parseable number"));
        return false;
    }
    if num.is_empty() {
        w.push("Got empty string for number field".into());
        return false;
    }
    if !rest.is_empty() {
        w.push(format!(
            "Number '{s}' contained non-numeric trailing characters. Ignored trailing characters '{rest}'"
        ));
    }
    if nonneg && s.trim_start().starts_with('-') {
        w.push(format!("Number '{s}' cannot be negative"));
        return false;
    }
    true
}

fn parse_addr(s: &str, w: &mut Vec<String>) -> IpAddr {
    if !s.contains(':') {
        match s.parse::<std::net::Ipv4Addr>() {
            Ok(a) => IpAddr::V4(a),
            Err(_) => {
                w.push(format!("Bad address: {s}"));
                IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED)
            }
        }
    } else {
        let clean = s
            .strip_prefix('[')
            .and_then(|x| x.strip_suffix(']'))
            .unwrap_or(s);
        match clean.parse::<std::net::Ipv6Addr>() {
            Ok(a) => IpAddr::V6(a),
            Err(_) => {
                w.push(format!("Bad address: {clean}"));
                IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED)
            }
        }
    }
}

/// Whether values of `t` can be read from text at all (Zeek's
/// `IsCompatibleType`): atomic types, and sets and vectors of them.
pub fn is_readable(t: &Type, atomic_only: bool) -> bool {
    match t {
        Type::Bool
        | Type::Count
        | Type::Int
        | Type::Double
        | Type::Time
        | Type::Interval
        | Type::String
        | Type::Pattern
        | Type::Addr
        | Type::Subnet
        | Type::Port
        | Type::Enum(_) => true,
        Type::Record(_) => !atomic_only,
        Type::Table(tt) if !atomic_only => {
            tt.yield_.is_none() && tt.index.len() == 1 && is_readable(&tt.index[0], true)
        }
        Type::Vector(e) if !atomic_only => is_readable(e, true),
        _ => false,
    }
}

/// One field's text as a value of type `ty`: `Some(Value::Unset)` for the
/// unset marker, `None` (with warnings) when it does not convert.
pub fn parse_value(
    s: &[u8],
    name: &str,
    ty: &TypeRef,
    sep: &Separators,
    w: &mut Vec<String>,
) -> Option<Value> {
    if !sep.unset_field.is_empty() && s == sep.unset_field.as_slice() {
        return Some(Value::Unset);
    }
    let st = text(s);
    Some(match &**ty {
        Type::String => Value::string(unescape(s)),
        Type::Enum(et) => {
            let name_text = text(&unescape(s));
            let found = et
                .consts
                .borrow()
                .iter()
                .find(|c| c.name == name_text)
                .cloned();
            match found {
                Some(c) => Value::Enum(c),
                None => {
                    w.push(format!(
                        "Value '{name_text}' for field {name} is not a valid enum."
                    ));
                    return None;
                }
            }
        }
        Type::Bool => match strip(s) {
            b"T" | b"1" => Value::Bool(true),
            b"F" | b"0" => Value::Bool(false),
            _ => {
                w.push(format!("Field: {name} Invalid value for boolean: {st}"));
                return None;
            }
        },
        Type::Int => {
            let (num, rest) = number_prefix(&st, false);
            if !check_number(&st, num, rest, false, w) {
                return None;
            }
            Value::Int(num.parse::<i64>().unwrap_or(if num.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            }))
        }
        Type::Count => {
            let (num, rest) = number_prefix(&st, false);
            if !check_number(&st, num, rest, true, w) {
                return None;
            }
            Value::Count(
                num.trim_start_matches('+')
                    .parse::<u64>()
                    .unwrap_or(u64::MAX),
            )
        }
        Type::Double | Type::Time | Type::Interval => {
            let (num, rest) = number_prefix(&st, true);
            if !check_number(&st, num, rest, false, w) {
                return None;
            }
            let d = num.parse::<f64>().unwrap_or(0.0);
            match &**ty {
                Type::Double => Value::Double(d),
                Type::Time => Value::Time(d),
                _ => Value::Interval(d),
            }
        }
        Type::Port => {
            let stripped = text(strip(s));
            let mut proto = Proto::Unknown;
            let mut number = stripped.as_str();
            if let Some(pos) = stripped.find('/') {
                let p = &stripped[pos + 1..];
                if !p.is_empty() {
                    proto = match p.to_ascii_lowercase().as_str() {
                        "tcp" => Proto::Tcp,
                        "udp" => Proto::Udp,
                        "icmp" => Proto::Icmp,
                        "unknown" => Proto::Unknown,
                        _ => {
                            w.push(format!("Port '{st}' contained unknown protocol '{p}'"));
                            Proto::Unknown
                        }
                    };
                }
                if pos > 0 {
                    number = &stripped[..pos];
                }
            }
            let (num, rest) = number_prefix(number, false);
            if !check_number(number, num, rest, true, w) {
                return None;
            }
            Value::Port(Port {
                num: num.parse::<u32>().unwrap_or(0) & 0xffff,
                proto,
            })
        }
        Type::Subnet => {
            let un = text(strip(&unescape(s)));
            let Some(pos) = un.find('/') else {
                w.push(format!("Invalid value for subnet: {st}"));
                return None;
            };
            let (num, rest) = number_prefix(&un[pos + 1..], false);
            if num.is_empty() {
                let _ = check_number(&st, num, rest, false, w);
                return None;
            }
            let addr = parse_addr(&un[..pos], w);
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let width = num.parse::<u32>().unwrap_or(0).min(max) as u8;
            let full = width as u32 + if addr.is_ipv4() { 96 } else { 0 };
            let bits = crate::runtime::value::mask128(crate::runtime::value::bits128(&addr), full);
            let masked = match addr {
                IpAddr::V4(_) => IpAddr::V4(std::net::Ipv4Addr::from(bits as u32)),
                IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::from(bits)),
            };
            Value::Subnet(Rc::new(Subnet {
                addr: masked,
                width,
            }))
        }
        Type::Addr => Value::addr(parse_addr(&text(strip(&unescape(s))), w)),
        Type::Pattern => {
            let cand = text(&unescape(s));
            if cand.len() >= 2 && cand.starts_with('/') {
                if let Some(close) = cand.rfind('/') {
                    let flags = &cand[close + 1..];
                    let valid = close > 0
                        && flags.len() <= 2
                        && flags.chars().all(|c| c == 'i' || c == 's')
                        && !(flags.len() == 2 && flags.as_bytes()[0] == flags.as_bytes()[1]);
                    if valid {
                        if let Ok(p) = crate::runtime::pattern::make_pattern(
                            &cand[1..close],
                            flags.contains('i'),
                        ) {
                            return Some(p);
                        }
                    }
                }
            }
            w.push(format!("String '{cand}' contained no parseable pattern."));
            return None;
        }
        Type::Table(tt) if tt.index.len() == 1 => {
            let elems = parse_list(s, name, &tt.index[0], sep, w)?;
            let mut t = crate::runtime::table::TableVal::new(ty.clone());
            for e in elems {
                t.insert(e, Value::Unset);
            }
            Value::Table(Rc::new(RefCell::new(t)))
        }
        Type::Vector(elem) => {
            let items = parse_list(s, name, elem, sep, w)?;
            Value::Vector(Rc::new(RefCell::new(VectorVal {
                ty: ty.clone(),
                items,
            })))
        }
        _ => {
            w.push(format!("unsupported field format for {name}"));
            return None;
        }
    })
}

/// The elements of a set or vector field.
fn parse_list(
    s: &[u8],
    name: &str,
    elem: &TypeRef,
    sep: &Separators,
    w: &mut Vec<String>,
) -> Option<Vec<Value>> {
    if (!sep.empty_field.is_empty() && s == sep.empty_field.as_slice())
        || (sep.empty_field.is_empty() && s.is_empty())
    {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut parts: Vec<&[u8]> = s.split(|c| *c == sep.set_separator).collect();
    // A trailing separator ends the list with an empty element.
    let trailing = s.last() == Some(&sep.set_separator);
    if trailing {
        parts.pop();
    }
    for part in parts {
        match parse_value(part, name, elem, sep, w) {
            Some(v) => out.push(v),
            None => {
                w.push("Error while reading set or vector".into());
                return None;
            }
        }
    }
    if trailing {
        match parse_value(b"", name, elem, sep, w) {
            Some(v) => out.push(v),
            None => {
                w.push("Error while trying to add empty set element".into());
                return None;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::types;

    fn seps() -> Separators {
        Separators {
            set_separator: b',',
            empty_field: b"(empty)".to_vec(),
            unset_field: b"-".to_vec(),
        }
    }

    fn parse(s: &str, ty: TypeRef) -> (Option<Value>, Vec<String>) {
        let mut w = Vec::new();
        let v = parse_value(s.as_bytes(), "f", &ty, &seps(), &mut w);
        (v, w)
    }

    #[test]
    fn numbers_as_zeek_reads_them() {
        assert!(matches!(
            parse("42", types::count()).0,
            Some(Value::Count(42))
        ));
        assert!(matches!(parse("-3", types::int()).0, Some(Value::Int(-3))));
        let (v, w) = parse("-3", types::count());
        assert!(v.is_none());
        assert_eq!(w, vec!["Number '-3' cannot be negative"]);
        let (v, w) = parse("12abc", types::count());
        assert!(matches!(v, Some(Value::Count(12))));
        assert_eq!(
            w,
            vec!["Number '12abc' contained non-numeric trailing characters. Ignored trailing characters 'abc'"]
        );
        let (v, w) = parse("", types::int());
        assert!(v.is_none());
        assert_eq!(w, vec!["Got empty string for number field"]);
        assert!(matches!(parse("1.5e3", types::double()).0, Some(Value::Double(d)) if d == 1500.0));
        assert!(matches!(parse("-", types::double()).0, Some(Value::Unset)));
    }

    #[test]
    fn addresses_subnets_ports_and_patterns() {
        let (v, _) = parse("10.1.2.3/8", types::subnet());
        let Some(Value::Subnet(sn)) = v else { panic!() };
        assert_eq!((sn.addr.to_string(), sn.width), ("10.0.0.0".into(), 8));
        let (v, w) = parse("300.1.1.1", types::addr());
        assert!(matches!(v, Some(Value::Addr(_))));
        assert_eq!(w, vec!["Bad address: 300.1.1.1"]);
        let (v, _) = parse("53/udp", types::port());
        assert!(matches!(
            v,
            Some(Value::Port(Port {
                num: 53,
                proto: Proto::Udp
            }))
        ));
        let (v, _) = parse("/ab+/i", types::pattern());
        assert!(matches!(v, Some(Value::Pattern(p)) if p.source == "ab+" && p.case_insensitive));
        let (v, w) = parse("ab", types::pattern());
        assert!(v.is_none());
        assert_eq!(w, vec!["String 'ab' contained no parseable pattern."]);
    }

    #[test]
    fn strings_sets_and_vectors() {
        let (v, _) = parse("a\\x09b", types::string());
        assert!(matches!(v, Some(Value::String(s)) if s.as_slice() == b"a\tb"));
        let (v, _) = parse("(empty)", types::set_of(vec![types::string()]));
        assert!(matches!(v, Some(Value::Table(t)) if t.borrow().is_empty()));
        let (v, w) = parse("1,2,", types::vector_of(types::count()));
        // A trailing separator is an empty last element, which a count
        // cannot be.
        assert!(v.is_none());
        assert_eq!(
            w,
            vec![
                "Got empty string for number field",
                "Error while trying to add empty set element"
            ]
        );
        let (v, _) = parse("a,", types::set_of(vec![types::string()]));
        assert!(matches!(v, Some(Value::Table(t)) if t.borrow().len() == 2));
        let (v, _) = parse("1,2", types::vector_of(types::count()));
        assert!(matches!(v, Some(Value::Vector(x)) if x.borrow().items.len() == 2));
    }
}
