//! Zeek's `fmt()` formatting language: printf-style directives over
//! Zeek values, with Zeek's messages for bad formats.

use super::format::{addr_hex, c_exponent, render_styled, Style};
use crate::runtime::value::Value;

/// Zeek's `fmt()`: `format` with each directive replaced by the next
/// argument. An argument-count mismatch or a bad directive is an error
/// (its message is Zeek's).
pub fn fmt(format: &[u8], args: &[Value]) -> Result<Vec<u8>, String> {
    let mut errors = Vec::new();
    let out = fmt_collect(format, args, &mut errors);
    match errors.into_iter().next() {
        Some(e) => Err(e.msg.to_string()),
        None => Ok(out),
    }
}

/// A problem `fmt()` met, and what Zeek's message names besides the call.
#[derive(Debug)]
pub struct FmtError {
    pub msg: &'static str,
    pub culprit: Culprit,
}

#[derive(Debug)]
pub enum Culprit {
    /// Only the call (a bad directive).
    None,
    /// The argument a directive could not take.
    Arg(Value),
    /// The format string (the argument count does not fit it).
    Format,
}

fn problem(errors: &mut Vec<FmtError>, msg: &'static str, culprit: Culprit) {
    errors.push(FmtError { msg, culprit });
}

/// `fmt()` that keeps going past problems the way Zeek does: each problem
/// is pushed onto `errors` (Zeek reports them and carries on), and a
/// wrong number of arguments yields the empty string.
pub fn fmt_collect(format: &[u8], args: &[Value], errors: &mut Vec<FmtError>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut n = 0; // arguments consumed
    let mut ran_out = false;
    while i < format.len() {
        let b = format[i];
        if b != b'%' {
            out.push(b);
            i += 1;
            continue;
        }
        i += 1;
        if format.get(i) == Some(&b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        if n >= args.len() {
            ran_out = true;
            break;
        }
        i = directive(format, i, &args[n], &mut out, errors);
        n += 1;
    }
    if n < args.len() {
        problem(errors, "too many arguments for format", Culprit::Format);
        return Vec::new();
    }
    if ran_out {
        problem(errors, "too few arguments for format", Culprit::Format);
        return Vec::new();
    }
    out
}

/// One `%` directive starting at `format[i]` (just past the `%`); returns
/// the position after it.
fn directive(
    format: &[u8],
    mut i: usize,
    v: &Value,
    out: &mut Vec<u8>,
    errors: &mut Vec<FmtError>,
) -> usize {
    let mut left = false;
    let mut zero = false;
    let mut width: Option<usize> = None;
    let mut prec: Option<usize> = None;
    if format.get(i) == Some(&b'-') {
        left = true;
        i += 1;
    }
    if format.get(i).is_some_and(u8::is_ascii_digit) {
        if format[i] == b'0' {
            zero = true;
            i += 1;
        }
        let (w, j) = parse_num(format, i);
        width = Some(w);
        i = j;
    }
    if format.get(i) == Some(&b'.') {
        let (p, j) = parse_num(format, i + 1);
        prec = Some(p);
        i = j;
    }
    if width.unwrap_or(0) > 128 || prec.unwrap_or(0) > 128 {
        problem(errors, "excessive field width or precision", Culprit::None);
        return i;
    }
    let spec = format.get(i).copied().unwrap_or(0);
    if prec.is_some() && !matches!(spec, b'e' | b'f' | b'g') {
        problem(
            errors,
            "precision specified for non-floating point",
            Culprit::None,
        );
    }
    let num = NumSpec { left, zero, width };
    let mut s: Vec<u8> = Vec::new();
    match spec {
        b'D' | b'T' => match v {
            Value::Time(t) => s.extend_from_slice(timestamp(*t, spec == b'T').as_bytes()),
            _ => problem(
                errors,
                "bad type for Date/Time format",
                Culprit::Arg(v.clone()),
            ),
        },
        b'd' | b'x' => {
            let hex = spec == b'x';
            match v {
                Value::Addr(a) if hex => s.extend_from_slice(addr_hex(a).as_bytes()),
                Value::Count(c) => s.extend_from_slice(num.int(&radix(*c, hex), false).as_bytes()),
                Value::Port(p) => {
                    s.extend_from_slice(num.int(&radix(p.num as u64, hex), false).as_bytes())
                }
                Value::Int(_) | Value::Bool(_) | Value::Enum(_) | Value::Subnet(_) => {
                    let x = match v {
                        Value::Int(x) => *x,
                        Value::Bool(b) => *b as i64,
                        Value::Enum(e) => e.value,
                        _ => 0,
                    };
                    let text = if hex {
                        radix(x as u64, true)
                    } else {
                        x.unsigned_abs().to_string()
                    };
                    s.extend_from_slice(num.int(&text, !hex && x < 0).as_bytes());
                }
                _ => problem(errors, "bad type for %d/%x format", Culprit::Arg(v.clone())),
            }
        }
        b's' => render_styled(&mut s, v, Style::Raw),
        b'e' | b'f' | b'g' => match v {
            Value::Double(d) | Value::Time(d) | Value::Interval(d) => {
                s.extend_from_slice(num.float(*d, prec, spec).as_bytes());
            }
            _ => problem(
                errors,
                "bad type for floating-point format",
                Culprit::Arg(v.clone()),
            ),
        },
        _ => problem(errors, "bad format", Culprit::None),
    }
    // Field width pads with blanks on the side opposite the alignment.
    let w = width.unwrap_or(0);
    if w > 0 && !left {
        let shown = s.iter().position(|&b| b == 0).unwrap_or(s.len());
        out.extend(std::iter::repeat_n(b' ', w.saturating_sub(shown)));
    }
    let len = s.len();
    out.extend_from_slice(&s);
    if w > 0 && left {
        out.extend(std::iter::repeat_n(b' ', w.saturating_sub(len)));
    }
    if i < format.len() {
        i += 1;
    }
    i
}

fn parse_num(s: &[u8], mut i: usize) -> (usize, usize) {
    let mut n: usize = 0;
    while let Some(d) = s.get(i).filter(|b| b.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add((d - b'0') as usize);
        i += 1;
    }
    (n, i)
}

fn radix(x: u64, hex: bool) -> String {
    if hex {
        format!("{x:x}")
    } else {
        x.to_string()
    }
}

/// Width, alignment and zero padding as C's printf applies them.
#[derive(Clone, Copy)]
struct NumSpec {
    left: bool,
    zero: bool,
    width: Option<usize>,
}

impl NumSpec {
    /// Pads integer digits (without sign) to the field width.
    fn int(&self, digits: &str, neg: bool) -> String {
        let sign = if neg { "-" } else { "" };
        self.pad(sign, digits)
    }

    fn pad(&self, sign: &str, body: &str) -> String {
        let w = self.width.unwrap_or(0);
        let len = sign.len() + body.len();
        if len >= w {
            return format!("{sign}{body}");
        }
        let fill = w - len;
        if self.left {
            format!("{sign}{body}{}", " ".repeat(fill))
        } else if self.zero {
            format!("{sign}{}{body}", "0".repeat(fill))
        } else {
            format!("{}{sign}{body}", " ".repeat(fill))
        }
    }

    /// `%e`, `%f` or `%g` with C's rules.
    fn float(&self, d: f64, prec: Option<usize>, spec: u8) -> String {
        let neg = d.is_sign_negative() && !d.is_nan();
        let sign = if neg { "-" } else { "" };
        if !d.is_finite() {
            let body = if d.is_nan() { "nan" } else { "inf" };
            let plain = NumSpec {
                zero: false,
                ..*self
            };
            return plain.pad(sign, body);
        }
        let body = c_float(d.abs(), prec.unwrap_or(6), spec);
        self.pad(sign, &body)
    }
}

/// C's `%e`, `%f` or `%g` rendering of a non-negative finite number.
pub fn c_float(v: f64, prec: usize, spec: u8) -> String {
    match spec {
        b'f' => format!("{v:.prec$}"),
        b'e' => c_exp(v, prec),
        _ => {
            let p = if prec == 0 { 1 } else { prec };
            let e = format!("{:.*e}", p - 1, v);
            let x: i32 = e
                .split_once('e')
                .and_then(|(_, x)| x.parse().ok())
                .unwrap_or(0);
            let s = if x < -4 || x >= p as i32 {
                c_exp(v, p - 1)
            } else {
                format!("{:.*}", (p as i32 - 1 - x).max(0) as usize, v)
            };
            strip_g_zeros(&s)
        }
    }
}

fn c_exp(v: f64, prec: usize) -> String {
    let r = format!("{v:.prec$e}");
    let (mant, exp) = r.split_once('e').unwrap_or((&r, "0"));
    c_exponent(mant, exp)
}

/// `%g` drops trailing zeros of the fraction (and a bare point).
fn strip_g_zeros(s: &str) -> String {
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mant = if mant.contains('.') {
        mant.trim_end_matches('0').trim_end_matches('.')
    } else {
        mant
    };
    format!("{mant}{exp}")
}

/// `%D` / `%T`: the local date and time, `%T` with nanosecond seconds.
fn timestamp(t: f64, with_fraction: bool) -> String {
    use chrono::{Local, TimeZone};
    let secs = t.trunc() as i64;
    let Some(dt) = Local.timestamp_opt(secs, 0).single() else {
        return "<problem getting time>".into();
    };
    if with_fraction {
        let whole = t as u64;
        let s = (whole % 60) as f64 + t - whole as f64;
        format!("{}:{:012.9}", dt.format("%Y-%m-%d-%H:%M"), s)
    } else {
        dt.format("%Y-%m-%d-%H:%M:%S").to_string()
    }
}

#[cfg(test)]
#[allow(clippy::approx_constant)]
mod tests {
    use super::*;
    use crate::runtime::format::test_values::*;
    use crate::runtime::value::Port;
    use crate::syntax::token::Proto;

    fn fmt_s(f: &str, args: &[Value]) -> String {
        String::from_utf8(fmt(f.as_bytes(), args).unwrap()).unwrap()
    }

    // fmt width/precision/flags follow printf (bifs.fmt).
    #[test]
    fn fmt_directives() {
        assert_eq!(fmt_s("test", &[]), "test");
        assert_eq!(fmt_s("%%", &[]), "%");
        assert_eq!(fmt_s("*%-10s*", &[Value::str(b"test")]), "*test      *");
        assert_eq!(fmt_s("*%10s*", &[Value::str(b"test")]), "*      test*");
        assert_eq!(fmt_s("*%10s*", &[Value::Bool(true)]), "*         T*");
        assert_eq!(
            fmt_s("*%10.2e*", &[Value::Double(3.14159265)]),
            "*  3.14e+00*"
        );
        assert_eq!(
            fmt_s("*%-10.2e*", &[Value::Double(3.14159265)]),
            "*3.14e+00  *"
        );
        assert_eq!(
            fmt_s("*%10.2f*", &[Value::Double(3.14159265)]),
            "*      3.14*"
        );
        assert_eq!(
            fmt_s("*%10.2g*", &[Value::Double(3.14159265)]),
            "*       3.1*"
        );
        assert_eq!(
            fmt_s("*%10.2e*", &[Value::Double(-3.14159265)]),
            "* -3.14e+00*"
        );
        assert_eq!(
            fmt_s("*%-10.2g*", &[Value::Double(-3.14159265)]),
            "*-3.1      *"
        );
        assert_eq!(fmt_s("*%10d*", &[Value::Int(-128)]), "*      -128*");
        assert_eq!(fmt_s("*%-10d*", &[Value::Int(-128)]), "*-128      *");
        assert_eq!(fmt_s("*%010d*", &[Value::Count(128)]), "*0000000128*");
        assert_eq!(fmt_s("*%10x*", &[Value::Count(160)]), "*        a0*");
        assert_eq!(fmt_s("*%010x*", &[Value::Count(160)]), "*00000000a0*");
        let port = Value::Port(Port {
            num: 160,
            proto: Proto::Tcp,
        });
        assert_eq!(fmt_s("*%10x*", std::slice::from_ref(&port)), "*        a0*");
        assert_eq!(fmt_s("*%10s*", &[port]), "*   160/tcp*");
        let lo = Value::addr("127.0.0.1".parse().unwrap());
        assert_eq!(fmt_s("*%10x*", &[lo]), "*  7f000001*");
        let v6 = Value::addr("fe00::1".parse().unwrap());
        assert_eq!(fmt_s("*%10x*", &[v6]), "*fe000000000000000000000000000001*");
        assert_eq!(
            fmt_s("*%10s*", &[Value::Interval(3.0 * 3600.0)]),
            "*   3.0 hrs*"
        );
        assert_eq!(fmt_s("%e", &[Value::Double(310.0)]), "3.100000e+02");
        assert_eq!(fmt_s("%f", &[Value::Double(310.0)]), "310.000000");
        assert_eq!(fmt_s("%g", &[Value::Double(310.0)]), "310");
        assert_eq!(fmt_s("%.3e", &[Value::Double(310.0)]), "3.100e+02");
        assert_eq!(fmt_s("%.3g", &[Value::Double(310.0)]), "310");
        assert_eq!(fmt_s("%.7g", &[Value::Double(310.0)]), "310");
        assert_eq!(
            fmt_s("%.16e", &[Value::Double(1.7976931348623157e308)]),
            "1.7976931348623157e+308"
        );
        assert_eq!(fmt_s("%g", &[Value::Double(0.0001)]), "0.0001");
        assert_eq!(fmt_s("%g", &[Value::Double(0.00001)]), "1e-05");
        assert_eq!(fmt_s("%.4e", &[Value::Double(5848.1)]), "5.8481e+03");
        assert_eq!(
            fmt_s("%s and %s", &[Value::Count(1), Value::str(b"x")]),
            "1 and x"
        );
        // %s keeps bytes raw (bifs.fmt: the length of fmt("%s", "\x00\x1f") is 2).
        assert_eq!(
            fmt(b"%s", &[Value::str(b"\x00\x1f")]).unwrap(),
            b"\x00\x1f".to_vec()
        );
        // A set under %s is tab-indented (bifs.fmt).
        let st = set(vec![Value::Count(2), Value::Count(1)]);
        assert_eq!(fmt_s("*%10s*", &[st]), "*{\n\t2,\n\t1\n}*");
    }

    // Dates: %D is the calendar time, %T adds nanosecond seconds
    // (core.network-time prints 2011-03-18-19:06:07.096534967 under TZ=UTC).
    #[test]
    fn fmt_dates() {
        std::env::set_var("TZ", "UTC");
        assert_eq!(
            fmt_s("%T", &[Value::Time(0.0)]),
            "1970-01-01-00:00:00.000000000"
        );
        assert_eq!(
            fmt_s("%D", &[Value::Time(86400.0 + 61.5)]),
            "1970-01-02-00:01:01"
        );
    }

    // Argument-count mismatches are Zeek's "too few/too many arguments for
    // format"; a wrong type for a directive is reported and skipped.
    #[test]
    fn fmt_errors() {
        assert_eq!(
            fmt(b"%s %s", &[Value::Count(1)]).unwrap_err(),
            "too few arguments for format"
        );
        assert_eq!(
            fmt(b"%s", &[Value::Count(1), Value::Count(2)]).unwrap_err(),
            "too many arguments for format"
        );
        assert_eq!(
            fmt(b"%d", &[Value::Double(1.0)]).unwrap_err(),
            "bad type for %d/%x format"
        );
        assert_eq!(
            fmt(b"%f", &[Value::Count(1)]).unwrap_err(),
            "bad type for floating-point format"
        );
        assert_eq!(fmt(b"%q", &[Value::Count(1)]).unwrap_err(), "bad format");
        let mut errs = Vec::new();
        assert_eq!(
            fmt_collect(b"<%d>", &[Value::str(b"x")], &mut errs),
            b"<>".to_vec()
        );
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].msg, "bad type for %d/%x format");
        assert!(matches!(&errs[0].culprit, Culprit::Arg(Value::String(_))));
    }
}
