//! How values look when printed: `print`, `cat()` and `fmt("%s")` all
//! render values this way, following Zeek's output byte for byte.
//!
//! There are two styles. `print` escapes every byte outside 32..=126 of a
//! string as `\xNN` and writes containers without indentation; `cat()`,
//! `fmt("%s")` and friends copy string bytes raw and indent the entries of
//! tables and sets with one tab per level of nesting.

use crate::runtime::value::Value;
use std::net::{IpAddr, Ipv6Addr};

/// Which of Zeek's two text renderings to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// What `print` writes: strings escaped, containers not indented.
    Print,
    /// What `cat`, `fmt("%s")` and `print_raw` write: strings raw,
    /// container entries indented with tabs.
    Raw,
}

/// `print a, b`: the values rendered and joined by ", ".
pub fn print_line(values: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        render(&mut out, v, false);
    }
    out
}

/// The text of one value as `cat()` and `fmt("%s")` produce it.
pub fn to_display(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    render_styled(&mut out, v, Style::Raw);
    out
}

/// Appends a value's text as `print` shows it; `nested` is set inside
/// containers, where an unset vector slot prints as nothing.
pub fn render(out: &mut Vec<u8>, v: &Value, nested: bool) {
    if nested && v.is_unset() {
        return;
    }
    Renderer {
        style: Style::Print,
        indent: 0,
    }
    .value(out, v);
}

/// Appends a value's text in the given style.
pub fn render_styled(out: &mut Vec<u8>, v: &Value, style: Style) {
    Renderer { style, indent: 0 }.value(out, v);
}

/// The text of one value in the given style.
pub fn to_text(v: &Value, style: Style) -> Vec<u8> {
    let mut out = Vec::new();
    render_styled(&mut out, v, style);
    out
}

struct Renderer {
    style: Style,
    indent: usize,
}

impl Renderer {
    /// A line break inside a container, indented in raw style.
    fn newline(&self, out: &mut Vec<u8>) {
        out.push(b'\n');
        if self.style == Style::Raw {
            out.extend(std::iter::repeat_n(b'\t', self.indent));
        }
    }

    fn value(&mut self, out: &mut Vec<u8>, v: &Value) {
        match v {
            Value::Unset => out.extend_from_slice(b"<uninitialized>"),
            Value::Bool(b) => out.push(if *b { b'T' } else { b'F' }),
            Value::Count(c) => out.extend_from_slice(c.to_string().as_bytes()),
            Value::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
            Value::Double(d) | Value::Time(d) => out.extend_from_slice(double(*d).as_bytes()),
            Value::Interval(s) => out.extend_from_slice(interval(*s).as_bytes()),
            Value::Port(p) => {
                out.extend_from_slice(format!("{}/{}", p.num, p.proto.name()).as_bytes())
            }
            Value::Enum(e) => out.extend_from_slice(e.name.as_bytes()),
            Value::String(s) => match self.style {
                Style::Print => escape_into(out, s),
                Style::Raw => out.extend_from_slice(s),
            },
            Value::Addr(a) => out.extend_from_slice(addr(a).as_bytes()),
            Value::Subnet(s) => out.extend_from_slice(subnet(&s.addr, s.width).as_bytes()),
            Value::Pattern(p) => {
                out.push(b'/');
                out.extend_from_slice(p.text.as_bytes());
                out.push(b'/');
            }
            Value::Record(r) => {
                let r = r.borrow();
                let fields = r.ty.fields.borrow();
                out.push(b'[');
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b", ");
                    }
                    out.extend_from_slice(f.name.as_bytes());
                    out.push(b'=');
                    let v = r.fields.get(i).or(f.late_default.as_ref());
                    self.value(out, v.unwrap_or(&Value::Unset));
                }
                out.push(b']');
            }
            Value::Vector(vec) => {
                out.push(b'[');
                for (i, x) in vec.borrow().items.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b", ");
                    }
                    // A hole prints as nothing at all.
                    if !x.is_unset() {
                        self.value(out, x);
                    }
                }
                out.push(b']');
            }
            Value::Table(t) => {
                let t = t.borrow();
                let is_set = t.ty.is_set();
                out.push(b'{');
                self.indent += 1;
                self.newline(out);
                for (i, (k, val)) in t.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                        self.newline(out);
                    }
                    if is_set {
                        // A single index stands alone; a multi-part one
                        // is bracketed.
                        match k {
                            Value::Tuple(_) => self.index(out, k),
                            _ => self.value(out, k),
                        }
                    } else {
                        self.index(out, k);
                        out.extend_from_slice(b" = ");
                        self.value(out, val);
                    }
                }
                self.indent -= 1;
                self.newline(out);
                out.push(b'}');
            }
            Value::Tuple(items) => {
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b", ");
                    }
                    self.value(out, x);
                }
            }
            Value::Func(f) => out.extend_from_slice(f.name.as_bytes()),
            Value::Type(t) => match t.name().or_else(|| crate::runtime::types::alias_name(t)) {
                Some(n) => out.extend_from_slice(n.as_bytes()),
                None => out.extend_from_slice(t.to_string().as_bytes()),
            },
            Value::Opaque(o) => out.extend_from_slice(o.borrow().describe().as_bytes()),
        }
    }

    /// A table index in brackets: `[1]`, `[a, b]`.
    fn index(&mut self, out: &mut Vec<u8>, k: &Value) {
        out.push(b'[');
        self.value(out, k);
        out.push(b']');
    }
}

/// Appends bytes with everything outside 32..=126 written as `\xNN`, the
/// way `print` shows strings.
pub fn escape_into(out: &mut Vec<u8>, s: &[u8]) {
    for &b in s {
        if (32..=126).contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("\\x{b:02x}").as_bytes());
        }
    }
}

/// Bytes with non-printable ones escaped as `\xNN` (Zeek's "expanded"
/// string form, also what `clean()` returns).
pub fn escape_bytes(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// A pattern literal as Zeek prints it: the source in its anchoring
/// form, wrapped in `(?i:...)` for `/i` and then `(?s:...)` for `/s`.
pub fn pattern_text(source: &str, case_insensitive: bool, dotall: bool) -> String {
    let mut text = format!("^?({source})$?");
    if case_insensitive {
        text = format!("(?i:{text})");
    }
    if dotall {
        text = format!("(?s:{text})");
    }
    format!("/{text}/")
}

/// Zeek's spelling of a double (and of a time): up to six decimals with
/// trailing zeros dropped, ".0" after integral values, and exponent form
/// for magnitudes below 1e-6 or at least 2^31-1.
pub fn double(d: f64) -> String {
    if d.is_nan() {
        return "nan".into();
    }
    if d.is_infinite() {
        return if d < 0.0 { "-inf".into() } else { "inf".into() };
    }
    let neg = d < 0.0;
    let v = d.abs();
    let mut s = if v >= 2147483647.0 || (v != 0.0 && v < 1e-6) {
        exp_shortest(d)
    } else {
        fixed6(v, neg)
    };
    if (d - d.round_ties_even()).abs() < 1e-9 && !s.contains('e') {
        s.push_str(".0");
    }
    s
}

/// The shortest round-tripping digits in C's exponent notation
/// (`5e-07`, `1.5e+10`).
fn exp_shortest(d: f64) -> String {
    let r = format!("{d:e}");
    let (mant, exp) = r.split_once('e').unwrap_or((&r, "0"));
    c_exponent(mant, exp)
}

/// Joins a mantissa and a Rust-style exponent the way C writes it: a sign
/// and at least two digits.
pub(crate) fn c_exponent(mant: &str, exp: &str) -> String {
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    format!("{mant}e{sign}{digits:0>2}")
}

/// Six-decimal fixed notation with trailing zeros (and a bare point)
/// removed; rounding follows the half-to-odd quirk of Zeek's formatter.
fn fixed6(v: f64, neg: bool) -> String {
    let mut whole = v as u64;
    let tmp = (v - whole as f64) * 1e6;
    let mut frac = tmp as u32;
    let diff = tmp - frac as f64;
    if diff > 0.5 {
        frac += 1;
        if frac >= 1_000_000 {
            frac = 0;
            whole += 1;
        }
    } else if diff == 0.5 && (frac == 0 || frac & 1 == 1) {
        frac += 1;
    }
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push_str(&whole.to_string());
    if frac != 0 {
        let digits = format!("{frac:06}");
        s.push('.');
        s.push_str(digits.trim_end_matches('0'));
    }
    s
}

/// Zeek's spelling of an interval: days, hours, minutes, seconds and
/// milliseconds as whole numbers, the remainder in microseconds.
pub fn interval(secs: f64) -> String {
    const UNITS: [(f64, &str); 6] = [
        (86400.0, "day"),
        (3600.0, "hr"),
        (60.0, "min"),
        (1.0, "sec"),
        (1e-3, "msec"),
        (1e-6, "usec"),
    ];
    if secs == 0.0 {
        return "0 secs".into();
    }
    let mut v = secs;
    let mut parts: Vec<String> = Vec::new();
    for (i, (unit, word)) in UNITS.iter().enumerate() {
        let n = if i == UNITS.len() - 1 {
            let n = v / unit;
            if n == 0.0 {
                break;
            }
            n
        } else {
            if v.abs() < *unit {
                continue;
            }
            let n = (v / unit).trunc();
            if n == 0.0 {
                continue;
            }
            v -= n * unit;
            n
        };
        let plural = if n != 1.0 && n != -1.0 { "s" } else { "" };
        parts.push(format!("{} {}{}", double(n), word, plural));
    }
    parts.join(" ")
}

/// An address as Zeek writes it: IPv4 (and IPv4-mapped IPv6) dotted,
/// IPv6 compressed the way inet_ntop does.
pub fn addr(a: &IpAddr) -> String {
    match a {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => ipv6(v6),
        },
    }
}

fn ipv6(a: &Ipv6Addr) -> String {
    let w = a.segments();
    // The first longest run of at least two zero words becomes "::".
    let (mut best, mut best_len) = (usize::MAX, 0);
    let mut i = 0;
    while i < 8 {
        if w[i] == 0 {
            let start = i;
            while i < 8 && w[i] == 0 {
                i += 1;
            }
            if i - start > best_len && i - start >= 2 {
                best = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    let o = a.octets();
    let mut s = String::new();
    let mut i = 0;
    while i < 8 {
        if best != usize::MAX && i >= best && i < best + best_len {
            if i == best {
                s.push(':');
            }
            i += 1;
            continue;
        }
        if i != 0 {
            s.push(':');
        }
        // An IPv4-compatible address ends in dotted form.
        if i == 6 && best == 0 && best_len == 6 {
            s.push_str(&format!("{}.{}.{}.{}", o[12], o[13], o[14], o[15]));
            return s;
        }
        s.push_str(&format!("{:x}", w[i]));
        i += 1;
    }
    if best != usize::MAX && best + best_len == 8 {
        s.push(':');
    }
    s
}

/// A subnet as Zeek writes it; one over the IPv4-mapped range of IPv6 is
/// an IPv4 subnet with its width counted from bit 96.
pub fn subnet(a: &IpAddr, width: u8) -> String {
    match a {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some() => {
            format!("{}/{}", addr(a), width.saturating_sub(96))
        }
        _ => format!("{}/{}", addr(a), width),
    }
}

/// An address as 32-bit hex words, as `fmt("%x")` writes one.
pub fn addr_hex(a: &IpAddr) -> String {
    match a {
        IpAddr::V4(v4) => format!("{:08x}", u32::from(*v4)),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("{:08x}", u32::from(v4)),
            None => format!("{:032x}", u128::from(*v6)),
        },
    }
}

/// Values for the tests of printing and formatting.
#[cfg(test)]
pub(crate) mod test_values {
    use super::*;
    use crate::runtime::table::TableVal;
    use crate::runtime::types::{self, FieldDef, RecordType};
    use crate::runtime::value::{RecordVal, VectorVal};
    use std::cell::RefCell;
    use std::rc::Rc;

    pub(crate) fn s(v: &Value) -> String {
        String::from_utf8(print_line(std::slice::from_ref(v))).unwrap()
    }
    pub(crate) fn raw(v: &Value) -> String {
        String::from_utf8(to_display(v)).unwrap()
    }
    pub(crate) fn vector(items: Vec<Value>) -> Value {
        Value::Vector(Rc::new(RefCell::new(VectorVal {
            ty: types::vector_of(types::count()),
            items,
        })))
    }
    pub(crate) fn set(items: Vec<Value>) -> Value {
        let mut t = TableVal::new(types::set_of(vec![types::count()]));
        for i in items {
            t.insert(i, Value::Unset);
        }
        Value::Table(Rc::new(RefCell::new(t)))
    }
    pub(crate) fn record(fields: &[(&str, Value)]) -> Value {
        let defs = fields
            .iter()
            .map(|(n, _)| FieldDef {
                name: n.to_string(),
                ty: types::count(),
                optional: true,
                log: false,
                default: None,
                late_default: None,
                implicit_default: false,
            })
            .collect();
        let ty = Rc::new(RecordType {
            name: RefCell::new(None),
            fields: RefCell::new(defs),
        });
        Value::Record(Rc::new(RefCell::new(RecordVal {
            ty,
            fields: fields.iter().map(|(_, v)| v.clone()).collect(),
        })))
    }
}

#[cfg(test)]
// The inputs are Zeek's own test values (3.14 and friends), not pi.
#[allow(clippy::approx_constant)]
mod tests {
    use super::test_values::*;
    use super::*;
    use crate::runtime::table::TableVal;
    use crate::runtime::types;
    use crate::runtime::value::{Port, Subnet};
    use crate::syntax::token::Proto;
    use std::cell::RefCell;
    use std::rc::Rc;

    // Doubles print with at most six decimals, trailing zeros dropped, and
    // a ".0" on integral values (language.double, bifs.to_double).
    #[test]
    fn doubles() {
        assert_eq!(double(3.5), "3.5");
        assert_eq!(double(3.0), "3.0");
        assert_eq!(double(-60.0), "-60.0");
        assert_eq!(double(0.0), "0.0");
        assert_eq!(double(3.14), "3.14");
        assert_eq!(double(1832673600.0), "1832673600.0");
        assert_eq!(double(1362692526.939084), "1362692526.939084");
        assert_eq!(double(4.715374), "4.715374");
        assert_eq!(double(-0.11027), "-0.11027");
    }

    // Below one millionth the exponent form takes over, shortest digits
    // with a two-digit exponent (language.double's small-number block).
    #[test]
    fn small_doubles_use_exponents() {
        assert_eq!(double(0.000001), "0.000001");
        assert_eq!(double(0.00001), "0.00001");
        assert_eq!(double(0.0000001), "1e-07");
        assert_eq!(double(0.0000005), "5e-07");
        assert_eq!(double(0.0000000000005), "5e-13");
        assert_eq!(double(-0.0000005), "-5e-07");
    }

    // Magnitudes of 2^31-1 and beyond also switch to exponent form.
    #[test]
    fn large_doubles_use_exponents() {
        assert_eq!(double(1e10), "1e+10");
        assert_eq!(double(1.7976931348623157e308), "1.7976931348623157e+308");
        assert_eq!(double(f64::INFINITY), "inf");
    }

    // Times print exactly like doubles (core.network-time-init prints 0.0,
    // core.connection_flipped prints six decimals).
    #[test]
    fn times_print_like_doubles() {
        assert_eq!(s(&Value::Time(0.0)), "0.0");
        assert_eq!(s(&Value::Time(1362692526.939084)), "1362692526.939084");
    }

    // Intervals spell out days/hrs/mins/secs/msecs as whole numbers and put
    // the rest in usecs; singular for one, "0 secs" for zero (seen across
    // many baselines, e.g. "9.0 secs 29.0 msecs 998.064041 usecs").
    #[test]
    fn intervals() {
        assert_eq!(interval(0.0), "0 secs");
        assert_eq!(interval(1.0), "1.0 sec");
        assert_eq!(interval(3.0 * 3600.0), "3.0 hrs");
        assert_eq!(interval(4.5 * 3600.0), "4.0 hrs 30.0 mins");
        assert_eq!(interval(-420.0), "-7.0 mins");
        assert_eq!(interval(4.5), "4.0 secs 500.0 msecs");
        assert_eq!(interval(0.1), "100.0 msecs");
        assert_eq!(interval(2.0 * 86400.0), "2.0 days");
        assert_eq!(interval(0.00125), "1.0 msec 250.0 usecs");
        assert_eq!(interval(-0.000002), "-2.0 usecs");
        assert_eq!(interval(0.0000005), "0.5 usecs");
    }

    // Ports are number/protocol; booleans T and F.
    #[test]
    fn scalars() {
        assert_eq!(
            s(&Value::Port(Port {
                num: 80,
                proto: Proto::Tcp
            })),
            "80/tcp"
        );
        assert_eq!(
            s(&Value::Port(Port {
                num: 0,
                proto: Proto::Unknown
            })),
            "0/unknown"
        );
        assert_eq!(s(&Value::Bool(true)), "T");
        assert_eq!(s(&Value::Bool(false)), "F");
        assert_eq!(s(&Value::Int(-5)), "-5");
        assert_eq!(s(&Value::Count(u64::MAX)), "18446744073709551615");
        assert_eq!(s(&Value::Unset), "<uninitialized>");
    }

    // IPv6 compresses the longest zero run; v4-mapped addresses are IPv4
    // (bifs.fmt prints ::1 and fe80:1234::1; bifs.to_addr prints ::).
    #[test]
    fn addresses() {
        let a = |t: &str| addr(&t.parse().unwrap());
        assert_eq!(a("127.0.0.1"), "127.0.0.1");
        assert_eq!(a("::1"), "::1");
        assert_eq!(a("::"), "::");
        assert_eq!(a("fe80:1234::1"), "fe80:1234::1");
        assert_eq!(a("::ffff:1.2.3.4"), "1.2.3.4");
        assert_eq!(a("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
        assert_eq!(a("1:0:2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");
        assert_eq!(a("2001:db8::"), "2001:db8::");
        let sn = Value::Subnet(Rc::new(Subnet {
            addr: "fe80:1234::".parse().unwrap(),
            width: 32,
        }));
        assert_eq!(s(&sn), "fe80:1234::/32");
    }

    // print escapes bytes outside 32..126 as \xNN with lowercase hex
    // (bifs.escape_string); cat/fmt keep them raw (bifs.fmt's |s1| == 2).
    #[test]
    fn strings_escape_only_in_print() {
        let v = Value::str(b"Test \0string\n\xff");
        assert_eq!(s(&v), "Test \\x00string\\x0a\\xff");
        assert_eq!(to_display(&v), b"Test \0string\n\xff".to_vec());
        assert_eq!(s(&Value::str(b"a\\b\"")), "a\\b\"");
    }

    // Patterns print anchored: /^?(src)$?/ (bifs.string_to_pattern).
    #[test]
    fn patterns() {
        assert_eq!(pattern_text("foo", false, false), "/^?(foo)$?/");
        assert_eq!(pattern_text("", false, false), "/^?()$?/");
        assert_eq!(pattern_text("^foo|bar", false, false), "/^?(^foo|bar)$?/");
        assert_eq!(pattern_text("a", true, true), "/(?s:(?i:^?(a)$?))/");
    }

    // Records: [name=value, ...] with <uninitialized> for unset fields,
    // strings unquoted (bifs.records_fields).
    #[test]
    fn records() {
        let r = record(&[
            ("a", Value::Count(42)),
            ("b", Value::str(b"Foo")),
            ("c", Value::Unset),
        ]);
        assert_eq!(s(&r), "[a=42, b=Foo, c=<uninitialized>]");
        let nested = record(&[("i", r.clone()), ("v", vector(vec![]))]);
        assert_eq!(s(&nested), "[i=[a=42, b=Foo, c=<uninitialized>], v=[]]");
    }

    // Vectors are [a, b]; a hole prints as nothing (language.record-index-
    // complex-fields shows "[, , 2, 3]").
    #[test]
    fn vectors_with_holes() {
        let v = vector(vec![
            Value::Unset,
            Value::Unset,
            Value::Count(2),
            Value::Count(3),
        ]);
        assert_eq!(s(&v), "[, , 2, 3]");
        assert_eq!(s(&vector(vec![Value::str(b"x\0")])), "[x\\x00]");
    }

    // Sets and tables: print puts each entry on its own line with no
    // indentation, entries separated by ",", an empty one is "{\n\n}"
    // (language.while, bifs.records_fields); fmt/cat indent with a tab per
    // level (bifs.fmt, language.expire-func-undef).
    #[test]
    fn sets_and_tables() {
        let st = set(vec![Value::Count(3), Value::Count(1), Value::Count(5)]);
        assert_eq!(s(&st), "{\n3,\n1,\n5\n}");
        assert_eq!(raw(&st), "{\n\t3,\n\t1,\n\t5\n}");
        assert_eq!(s(&set(vec![])), "{\n\n}");
        assert_eq!(raw(&set(vec![])), "{\n\t\n}");

        let mut t = TableVal::new(types::table_of(vec![types::count()], types::string()));
        t.insert(Value::Count(2), Value::str(b"bro"));
        t.insert(Value::Count(1), Value::str(b"test"));
        let tv = Value::Table(Rc::new(RefCell::new(t)));
        assert_eq!(s(&tv), "{\n[2] = bro,\n[1] = test\n}");
        assert_eq!(raw(&tv), "{\n\t[2] = bro,\n\t[1] = test\n}");

        // Multi-part keys are bracketed in sets and tables alike.
        let mut m = TableVal::new(types::set_of(vec![types::string(), types::count()]));
        m.insert(
            Value::Tuple(Rc::new(vec![Value::str(b"cool"), Value::Count(2)])),
            Value::Unset,
        );
        assert_eq!(
            s(&Value::Table(Rc::new(RefCell::new(m)))),
            "{\n[cool, 2]\n}"
        );

        // Nested containers indent one more level each in raw style.
        let mut outer = TableVal::new(types::table_of(
            vec![types::count()],
            types::set_of(vec![types::count()]),
        ));
        outer.insert(Value::Count(5), set(vec![Value::Count(1)]));
        let ov = Value::Table(Rc::new(RefCell::new(outer)));
        assert_eq!(s(&ov), "{\n[5] = {\n1\n}\n}");
        assert_eq!(raw(&ov), "{\n\t[5] = {\n\t\t1\n\t}\n}");
    }

    #[test]
    fn print_joins_with_commas() {
        let line = print_line(&[Value::str(b"==="), Value::Count(1), Value::Bool(true)]);
        assert_eq!(line, b"===, 1, T");
    }
}
