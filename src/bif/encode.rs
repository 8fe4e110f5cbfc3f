//! Encodings: Base64 (with custom alphabets), UUID text, and JSON in both
//! directions.

use super::{arg, boolean, builtin_error, bytes, reporter_error, string_value, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;

const STD_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The alphabet to use: the standard one for "", else exactly 64 bytes.
fn alphabet(h: &mut dyn Host, a: &[u8]) -> Option<[u8; 64]> {
    if a.is_empty() {
        return Some(*STD_ALPHABET);
    }
    match <[u8; 64]>::try_from(a) {
        Ok(x) => Some(x),
        Err(_) => {
            builtin_error(
                h,
                &format!(
                    "base64 alphabet is not 64 characters: {}",
                    String::from_utf8_lossy(a)
                ),
            );
            None
        }
    }
}

pub(crate) fn base64_encode(data: &[u8], alpha: &[u8; 64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alpha[((n >> (18 - 6 * i)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

/// Decodes, skipping bytes outside the alphabet and stopping at padding.
/// Returns the data and the number of bytes skipped.
pub(crate) fn base64_decode(data: &[u8], alpha: &[u8; 64]) -> (Vec<u8>, usize) {
    let mut lookup = [255u8; 256];
    for (i, &c) in alpha.iter().enumerate() {
        lookup[c as usize] = i as u8;
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut acc, mut bits, mut skipped) = (0u32, 0, 0);
    for &c in data {
        if c == b'=' {
            break;
        }
        let v = lookup[c as usize];
        if v == 255 {
            skipped += 1;
            continue;
        }
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (out, skipped)
}

/// Zeek's Base64 decoder (`Base64Converter`), a byte at a time: groups
/// of four digits, `=` counting as padding (and as a zero digit), bytes
/// outside the alphabet skipped.
struct Base64Decoder {
    table: [i16; 256],
    group: [u32; 4],
    next: usize,
    padding: usize,
    after_padding: bool,
    errors: u32,
    out: Vec<u8>,
    msgs: Vec<String>,
}

impl Base64Decoder {
    fn feed(&mut self, c: u8) {
        if c == b'=' {
            self.padding += 1;
        }
        match self.table[c as usize] {
            k if k >= 0 => {
                self.group[self.next] = k as u32;
                self.next += 1;
            }
            _ => self.error(format!("character {c} ignored by Base64 decoding")),
        }
        if self.next < 4 {
            return;
        }
        self.next = 0;
        if self.after_padding {
            self.error("extra base64 groups after '=' padding are ignored".into());
            return;
        }
        let g = &self.group;
        let bits = g[0] << 18 | g[1] << 12 | g[2] << 6 | g[3];
        let n = 3usize.saturating_sub(self.padding);
        self.out
            .extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8][..n]);
        self.after_padding = self.padding > 0;
        self.padding = 0;
    }

    /// Only the first error is reported; any error spoils the result.
    fn error(&mut self, msg: String) {
        self.errors += 1;
        if self.errors == 1 {
            self.msgs.push(msg);
        }
    }
}

/// Decodes as Zeek's converter does. Returns the decoded bytes, or `None`
/// once anything was skipped or came after padding (Zeek then gives up),
/// and the messages of what was illegal (the first error, and an
/// incomplete last group, which is padded out).
pub(crate) fn zeek_base64_decode(data: &[u8], alpha: &[u8; 64]) -> (Option<Vec<u8>>, Vec<String>) {
    let mut table = [-1i16; 256];
    for (i, &c) in alpha.iter().enumerate() {
        table[c as usize] = i as i16;
    }
    table[b'=' as usize] = 0;
    let mut d = Base64Decoder {
        table,
        group: [0; 4],
        next: 0,
        padding: 0,
        after_padding: false,
        errors: 0,
        out: Vec::with_capacity(data.len() / 4 * 3 + 3),
        msgs: Vec::new(),
    };
    for &c in data {
        d.feed(c);
    }
    if d.errors > 0 {
        return (None, d.msgs);
    }
    if d.next != 0 {
        let missing = 4 - d.next;
        d.msgs.push(format!(
            "incomplete base64 group, padding with {} bits of 0",
            missing * 6
        ));
        for _ in 0..missing {
            d.feed(b'=');
        }
    }
    (Some(d.out), d.msgs)
}

/// The alphabet of a `decode_base64*` call, reported like Zeek's
/// decoder does when it is not 64 characters long.
pub(crate) fn decoding_alphabet(h: &mut dyn Host, a: &[u8]) -> Option<[u8; 64]> {
    if a.is_empty() {
        return Some(*STD_ALPHABET);
    }
    match <[u8; 64]>::try_from(a) {
        Ok(x) => Some(x),
        Err(_) => {
            reporter_error(
                h,
                &format!(
                    "base64 decoding alphabet is not 64 characters: {}",
                    String::from_utf8_lossy(a)
                ),
            );
            None
        }
    }
}

fn encode_base64(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match alphabet(h, bytes(args, 1)) {
        Some(a) => Ok(Value::string(base64_encode(bytes(args, 0), &a))),
        None => Ok(Value::str(b"")),
    }
}

fn decode_base64(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(a) = alphabet(h, bytes(args, 1)) else {
        return Ok(Value::str(b""));
    };
    let (out, skipped) = base64_decode(bytes(args, 0), &a);
    if skipped > 0 {
        reporter_error(
            h,
            &format!("{skipped} characters ignored by Base64 decoding"),
        );
    }
    Ok(Value::string(out))
}

fn is_valid_base64(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(a) = alphabet(h, bytes(args, 1)) else {
        return Ok(Value::Bool(false));
    };
    let s = bytes(args, 0);
    let body = s
        .iter()
        .position(|&c| c == b'=')
        .map(|i| &s[..i])
        .unwrap_or(s);
    let pad_ok = s[body.len()..].iter().all(|&c| c == b'=') && s.len() - body.len() <= 2;
    Ok(Value::Bool(
        s.len().is_multiple_of(4) && pad_ok && body.iter().all(|c| a.contains(c)),
    ))
}

fn uuid_to_string(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let b = bytes(args, 0);
    if b.len() != 16 {
        return Ok(Value::str(b"<Invalid UUID>"));
    }
    // The first three fields are read as host-order (little-endian) words.
    let time_low = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let time_mid = u16::from_le_bytes([b[4], b[5]]);
    let time_hi = u16::from_le_bytes([b[6], b[7]]);
    let node: String = b[10..16].iter().map(|x| format!("{x:02x}")).collect();
    Ok(string_value(format!(
        "{time_low:08x}-{time_mid:04x}-{time_hi:04x}-{:02x}{:02x}-{node}",
        b[8], b[9]
    )))
}

// ---- JSON ----

/// A string for JSON: bytes that are not printable ASCII (other than the
/// usual whitespace escapes) become the text `\xNN`.
fn json_text(s: &[u8]) -> String {
    // As Zeek's escape_utf8: printable ASCII and \b \f \n \r \t pass; a
    // string that is otherwise all well-formed UTF-8 of wanted characters
    // keeps them as they are; one bad sequence or control character and
    // every byte outside printable ASCII is written as \xNN.
    let plain =
        |b: u8| (0x20..0x7f).contains(&b) || matches!(b, b'\n' | b'\r' | b'\t' | 0x08 | 0x0c);
    let mut escaped = String::with_capacity(s.len());
    let mut found_bad = false;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if plain(b) {
            escaped.push(b as char);
            i += 1;
            continue;
        }
        if !found_bad {
            let size = match b {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                0xf8..=0xfb => 5,
                0xfc..=0xff => 6,
                _ => 1,
            };
            let wanted = s
                .get(i..i + size)
                .and_then(|seq| std::str::from_utf8(seq).ok())
                .and_then(|t| t.chars().next())
                .is_some_and(|c| {
                    let c = c as u32;
                    !(c <= 0x1f
                        || (0x7f..=0x9f).contains(&c)
                        || (0xe000..=0xf8ff).contains(&c)
                        || (0xfff0..=0xffff).contains(&c))
                });
            if wanted {
                for &x in &s[i..i + size] {
                    escaped.push_str(&format!("\\x{x:02x}"));
                }
                i += size;
                continue;
            }
            found_bad = true;
        }
        escaped.push_str(&format!("\\x{b:02x}"));
        i += 1;
    }
    if found_bad {
        escaped
    } else {
        // Everything was plain or wanted UTF-8: the text itself.
        String::from_utf8_lossy(s).into_owned()
    }
}

/// A double the way Zeek's JSON writer prints it: shortest digits, ".0"
/// on integral values, exponents only for very large or small magnitudes.
pub(crate) fn json_double(d: f64) -> String {
    if !d.is_finite() {
        return "null".into();
    }
    if d == 0.0 {
        return if d.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let e = format!("{:e}", d.abs());
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let len = digits.len() as i32;
    let kk = exp + 1; // position of the decimal point within the digits
    let body = if kk >= len && kk <= 21 {
        format!("{digits}{}.0", "0".repeat((kk - len) as usize))
    } else if 0 < kk && kk <= 21 {
        format!("{}.{}", &digits[..kk as usize], &digits[kk as usize..])
    } else if -6 < kk && kk <= 0 {
        format!("0.{}{digits}", "0".repeat((-kk) as usize))
    } else if len == 1 {
        format!("{digits}e{}", kk - 1)
    } else {
        format!("{}.{}e{}", &digits[..1], &digits[1..], kk - 1)
    };
    if d < 0.0 {
        format!("-{body}")
    } else {
        body
    }
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// A value as Zeek's `to_json` writes it.
pub(crate) fn to_json_text(
    v: &Value,
    only_loggable: bool,
    field_escape: Option<&crate::runtime::value::PatternVal>,
    interval_as_double: bool,
) -> String {
    let mut out = String::new();
    write_json(&mut out, v, only_loggable, field_escape, interval_as_double);
    out
}

fn write_json(
    out: &mut String,
    v: &Value,
    only_loggable: bool,
    fe: Option<&crate::runtime::value::PatternVal>,
    iad: bool,
) {
    match v {
        Value::Unset => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Count(c) => out.push_str(&c.to_string()),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Double(d) | Value::Time(d) => out.push_str(&json_double(*d)),
        // An interval is a double only when asked for; else it is written
        // as it prints ("1.0 sec").
        Value::Interval(d) if iad => out.push_str(&json_double(*d)),
        Value::Interval(_) => {
            let text = crate::runtime::format::to_display(v);
            out.push_str(&json_string(&String::from_utf8_lossy(&text)));
        }
        Value::Port(p) => {
            out.push_str(&format!(
                "{{\"port\":{},\"proto\":\"{}\"}}",
                p.num,
                p.proto.name()
            ));
        }
        Value::String(s) => out.push_str(&json_string(&json_text(s))),
        Value::Enum(e) => out.push_str(&json_string(&e.name)),
        Value::Func(f) => out.push_str(&json_string(&f.name)),
        Value::Addr(_) | Value::Subnet(_) | Value::Pattern(_) | Value::Type(_) => {
            let text = crate::runtime::format::to_display(v);
            out.push_str(&json_string(&String::from_utf8_lossy(&text)));
        }
        Value::Tuple(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, x, only_loggable, fe, iad);
            }
            out.push(']');
        }
        Value::Vector(x) => {
            out.push('[');
            for (i, item) in x.borrow().items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item, only_loggable, fe, iad);
            }
            out.push(']');
        }
        Value::Table(t) => {
            let t = t.borrow();
            if t.ty.is_set() {
                out.push('[');
                for (i, (k, _)) in t.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json(out, k, only_loggable, fe, iad);
                }
                out.push(']');
            } else {
                out.push('{');
                for (i, (k, val)) in t.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let key = match k {
                        Value::String(s) => json_text(s),
                        other => {
                            let j = to_json_text(other, only_loggable, fe, iad);
                            match serde_json::from_str::<serde_json::Value>(&j) {
                                Ok(serde_json::Value::String(s)) => s,
                                _ => j,
                            }
                        }
                    };
                    out.push_str(&json_string(&key));
                    out.push(':');
                    write_json(out, val, only_loggable, fe, iad);
                }
                out.push('}');
            }
        }
        Value::Record(r) => {
            let r = r.borrow();
            let fields = r.ty.fields.borrow();
            out.push('{');
            let mut first = true;
            for (i, f) in fields.iter().enumerate() {
                let val = r.fields.get(i).unwrap_or(&Value::Unset);
                if val.is_unset() || (only_loggable && !f.log) {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                let name = match fe {
                    Some(p) => {
                        let n = f.name.as_bytes();
                        match crate::runtime::pattern::next_match(p, n, 0) {
                            Some((at, len)) => {
                                let mut s = n[..at].to_vec();
                                s.extend_from_slice(&n[at + len..]);
                                String::from_utf8_lossy(&s).into_owned()
                            }
                            None => f.name.clone(),
                        }
                    }
                    None => f.name.clone(),
                };
                out.push_str(&json_string(&name));
                out.push(':');
                write_json(out, val, only_loggable, fe, iad);
            }
            out.push('}');
        }
        Value::Opaque(o) => {
            let o = o.borrow();
            if matches!(&*o, crate::runtime::opaque::Opaque::File(_)) {
                out.push_str(&json_string(&o.describe()));
            } else {
                out.push_str(&format!(
                    "{{\"opaque_type\":{}}}",
                    json_string(o.class_name())
                ));
            }
        }
    }
}

fn to_json(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let only_loggable = boolean(args, 1);
    let fe = match arg(args, 2) {
        Value::Pattern(p) => Some(p.clone()),
        _ => None,
    };
    Ok(string_value(to_json_text(
        arg(args, 0),
        only_loggable,
        fe.as_deref(),
        boolean(args, 3),
    )))
}

pub static BIFS: &[BifDef] = &[
    BifDef { name: "encode_base64", sig: "function(s: string, a: string &default=\"\"): string", func: encode_base64 },
    BifDef { name: "decode_base64", sig: "function(s: string, a: string &default=\"\"): string", func: decode_base64 },
    BifDef { name: "is_valid_base64", sig: "function(s: string, a: string &default=\"\"): bool", func: is_valid_base64 },
    BifDef { name: "uuid_to_string", sig: "function(uuid: string): string", func: uuid_to_string },
    BifDef {
        name: "to_json",
        sig: "function(val: any, only_loggable: bool &default=F, field_escape_pattern: pattern &default=/^_/, interval_as_double: bool &default=F): string",
        func: to_json,
    },
    BifDef { name: "from_json", sig: "function(s: string, t: any, ...): from_json_result", func: super::from_json::from_json },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{b, s, show, FakeHost};
    use super::*;
    use crate::bif::record;
    use crate::runtime::types;
    use crate::syntax::token::Proto;

    fn call(name: &str, args: &[Value]) -> String {
        FakeHost::new().show(name, args)
    }

    // bifs.encode_base64 including a custom alphabet.
    #[test]
    fn base64() {
        assert_eq!(call("encode_base64", &[s("bro"), s("")]), "YnJv");
        assert_eq!(
            call("encode_base64", &[s("padding"), s("")]),
            "cGFkZGluZw=="
        );
        assert_eq!(
            call("encode_base64", &[s("padding1"), s("")]),
            "cGFkZGluZzE="
        );
        assert_eq!(
            call("encode_base64", &[s("padding12"), s("")]),
            "cGFkZGluZzEy"
        );
        let mine = s("!#$%&/(),-.:;<>@[]^ `_{|}~abcdefghijklmnopqrstuvwxyz0123456789+?");
        assert_eq!(call("encode_base64", &[s("bro"), mine.clone()]), "}n-v");
        assert_eq!(call("decode_base64", &[s("}n-v"), mine]), "bro");
        assert_eq!(
            call("decode_base64", &[s("cGFkZGluZzE="), s("")]),
            "padding1"
        );
        assert_eq!(call("is_valid_base64", &[s("cGFkZGluZzE="), s("")]), "T");
        assert_eq!(call("is_valid_base64", &[s("cGF!"), s("")]), "F");
        let mut h = FakeHost::new();
        assert_eq!(h.show("decode_base64", &[s("YnJv!"), s("")]), "bro");
        assert_eq!(h.errors().len(), 1);
    }

    // bifs.uuid_to_string.
    #[test]
    fn uuids() {
        assert_eq!(
            call("uuid_to_string", &[b(b"\xfe\x80abcdefg0123456")]),
            "626180fe-6463-6665-6730-313233343536"
        );
        assert_eq!(call("uuid_to_string", &[s("")]), "<Invalid UUID>");
    }

    // bifs.print_raw shows to_json escaping non-ASCII bytes as \xNN text.
    #[test]
    fn json_out() {
        let v = FakeHost::new()
            .call(
                "to_json",
                &[b(b"\x07\xd4\xb7o"), Value::Bool(false), Value::Unset],
            )
            .unwrap();
        assert_eq!(v.as_bytes(), b"\"\\\\x07\\\\xd4\\\\xb7o\"");
        assert_eq!(json_double(3.0), "3.0");
        assert_eq!(json_double(0.5), "0.5");
        assert_eq!(json_double(1e-7), "1e-7");
        assert_eq!(json_double(123456.789), "123456.789");
        assert_eq!(json_double(-2.5e22), "-2.5e22");
        let vec = crate::bif::string_vec(vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(to_json_text(&vec, false, None, false), "[\"a\",\"b\"]");
        let t = crate::bif::table(
            vec![types::count()],
            types::string(),
            vec![(Value::Count(1), s("x"))],
        );
        assert_eq!(to_json_text(&t, false, None, false), "{\"1\":\"x\"}");
        let r = record(
            "r",
            vec![
                ("a", types::count(), Value::Count(1)),
                (
                    "_b",
                    types::port(),
                    crate::bif::addr::port_value(80, Proto::Tcp),
                ),
                ("c", types::string(), Value::Unset),
            ],
        );
        assert_eq!(
            to_json_text(&r, false, None, false),
            "{\"a\":1,\"_b\":{\"port\":80,\"proto\":\"tcp\"}}"
        );
        let p = crate::runtime::pattern::make_pattern("^_", false).unwrap();
        let Value::Pattern(p) = p else { unreachable!() };
        assert_eq!(
            to_json_text(&r, false, Some(&p), false),
            "{\"a\":1,\"b\":{\"port\":80,\"proto\":\"tcp\"}}"
        );
    }

    // language.set / language.table round-trip values through JSON.
    #[test]
    fn json_round_trip() {
        let mut h = FakeHost::new();
        let set_ty = types::set_of(vec![types::string()]);
        let st = crate::bif::string_set(vec![b"s1".to_vec(), b"s2".to_vec()]);
        let j = h
            .call("to_json", &[st.clone(), Value::Bool(false), Value::Unset])
            .unwrap();
        let r = h.call("from_json", &[j, Value::Type(set_ty)]).unwrap();
        assert_eq!(show(&r), "[v={\ns1,\ns2\n}, valid=T, err=<uninitialized>]");
        let tt = types::table_of(vec![types::count()], types::vector_of(types::string()));
        let r = h
            .call("from_json", &[s("{\"5\":[\"a\"]}"), Value::Type(tt)])
            .unwrap();
        assert_eq!(
            show(&r),
            "[v={\n[5] = [a]\n}, valid=T, err=<uninitialized>]"
        );
        let r = h
            .call("from_json", &[s("[1,"), Value::Type(types::count())])
            .unwrap();
        // Bad text is the result's complaint, not the reporter's.
        assert_eq!(
            show(&r),
            "[v=<uninitialized>, valid=F, err=JSON parse error: Invalid value. Offset: 3]"
        );
        assert!(h.errors().is_empty());
    }
}
