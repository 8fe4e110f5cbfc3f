//! `from_json()`: JSON text into a value of a given type, with Zeek's
//! rules and Zeek's messages.
//!
//! Zeek reads the text with rapidjson, and a script sees rapidjson's
//! verdict on bad input ("JSON parse error: Invalid value. Offset: 0"), so
//! the reader here follows rapidjson's grammar and reports the same error
//! at the same byte offset. The conversion then follows Zeek's: `null`
//! anywhere means "no value" (a container skips it, a record field takes
//! its default), intervals may be written as "2 mins 3 secs", ports as
//! "80/tcp", table keys are the JSON text of the index. Problems end up in
//! the result's `err` field, not on the reporter.

use super::{arg, builtin_error, bytes, record, BifResult};
use crate::runtime::func::Host;
use crate::runtime::table::TableVal;
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::{Port, RecordVal, Value, VectorVal};
use crate::syntax::token::Proto;
use std::cell::RefCell;
use std::rc::Rc;

/// A parsed JSON value. Numbers keep what rapidjson knows of them: which
/// integer types they fit and their value as a double.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number {
        unsigned: Option<u64>,
        signed: Option<i64>,
        double: f64,
    },
    String(Vec<u8>),
    Array(Vec<Json>),
    Object(Vec<(Vec<u8>, Json)>),
}

impl Json {
    /// rapidjson's name for the kind, as Zeek's mismatch message gives it.
    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "unknown",
            Json::Bool(_) => "bool",
            Json::Number { .. } => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }
}

/// rapidjson's parse errors, by the English text it gives them.
const DOCUMENT_EMPTY: &str = "The document is empty.";
const ROOT_NOT_SINGULAR: &str = "The document root must not be followed by other values.";
const VALUE_INVALID: &str = "Invalid value.";
const OBJECT_MISS_NAME: &str = "Missing a name for object member.";
const OBJECT_MISS_COLON: &str = "Missing a colon after a name of object member.";
const OBJECT_MISS_COMMA: &str = "Missing a comma or '}' after an object member.";
const ARRAY_MISS_COMMA: &str = "Missing a comma or ']' after an array element.";
const UNICODE_HEX: &str = "Incorrect hex digit after \\u escape in string.";
const SURROGATE: &str = "The surrogate pair in string is invalid.";
const ESCAPE_INVALID: &str = "Invalid escape character in string.";
const MISS_QUOTE: &str = "Missing a closing quotation mark in string.";
const INVALID_ENCODING: &str = "Invalid encoding in string.";
const NUMBER_TOO_BIG: &str = "Number too big to be stored in double.";
const MISS_FRACTION: &str = "Miss fraction part in number.";
const MISS_EXPONENT: &str = "Miss exponent in number.";

/// A parse failure: rapidjson's message and the byte offset it names.
type ParseError = (&'static str, usize);

/// A reader over the text; a NUL byte ends the input, as for rapidjson.
struct Reader<'a> {
    text: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> u8 {
        self.text.get(self.pos).copied().unwrap_or(0)
    }

    fn take(&mut self) -> u8 {
        let c = self.peek();
        if c != 0 {
            self.pos += 1;
        }
        c
    }

    fn consume(&mut self, c: u8) -> bool {
        let hit = self.peek() == c && c != 0;
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), b' ' | b'\n' | b'\r' | b'\t') {
            self.pos += 1;
        }
    }

    fn document(&mut self) -> Result<Json, ParseError> {
        self.skip_space();
        if self.peek() == 0 {
            return Err((DOCUMENT_EMPTY, self.pos));
        }
        let v = self.value()?;
        self.skip_space();
        if self.peek() != 0 {
            return Err((ROOT_NOT_SINGULAR, self.pos));
        }
        Ok(v)
    }

    fn value(&mut self) -> Result<Json, ParseError> {
        match self.peek() {
            b'n' => self.literal(b"null", Json::Null),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'"' => Ok(Json::String(self.string()?)),
            b'{' => self.object(),
            b'[' => self.array(),
            _ => self.number(),
        }
    }

    /// `null`, `true` or `false`: the error names where the spelling
    /// went wrong.
    fn literal(&mut self, word: &[u8], v: Json) -> Result<Json, ParseError> {
        self.pos += 1;
        for &c in &word[1..] {
            if !self.consume(c) {
                return Err((VALUE_INVALID, self.pos));
            }
        }
        Ok(v)
    }

    fn object(&mut self) -> Result<Json, ParseError> {
        self.pos += 1;
        self.skip_space();
        let mut members = Vec::new();
        if self.consume(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            if self.peek() != b'"' {
                return Err((OBJECT_MISS_NAME, self.pos));
            }
            let name = self.string()?;
            self.skip_space();
            if !self.consume(b':') {
                return Err((OBJECT_MISS_COLON, self.pos));
            }
            self.skip_space();
            let v = self.value()?;
            members.push((name, v));
            self.skip_space();
            match self.peek() {
                b',' => {
                    self.pos += 1;
                    self.skip_space();
                }
                b'}' => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err((OBJECT_MISS_COMMA, self.pos)),
            }
        }
    }

    fn array(&mut self) -> Result<Json, ParseError> {
        self.pos += 1;
        self.skip_space();
        let mut items = Vec::new();
        if self.consume(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                b',' => {
                    self.pos += 1;
                    self.skip_space();
                }
                b']' => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err((ARRAY_MISS_COMMA, self.pos)),
            }
        }
    }

    fn hex4(&mut self, escape_at: usize) -> Result<u32, ParseError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = (self.peek() as char).to_digit(16);
            match d {
                Some(d) => {
                    self.pos += 1;
                    n = n << 4 | d;
                }
                None => return Err((UNICODE_HEX, escape_at)),
            }
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<Vec<u8>, ParseError> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek();
            match c {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let escape_at = self.pos;
                    self.pos += 1;
                    let e = self.take();
                    match e {
                        b'"' | b'\\' | b'/' => out.push(e),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'u' => {
                            let mut code = self.hex4(escape_at)?;
                            if (0xD800..=0xDBFF).contains(&code) {
                                // A high surrogate must be followed by
                                // an escaped low one.
                                if !(self.consume(b'\\') && self.consume(b'u')) {
                                    return Err((SURROGATE, escape_at));
                                }
                                let low = self.hex4(escape_at)?;
                                if !(0xDC00..=0xDFFF).contains(&low) {
                                    return Err((SURROGATE, escape_at));
                                }
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => return Err((ESCAPE_INVALID, escape_at)),
                    }
                }
                0 => return Err((MISS_QUOTE, self.pos)),
                c if c < 0x20 => return Err((INVALID_ENCODING, self.pos)),
                c => {
                    self.pos += 1;
                    out.push(c);
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_ascii_digit() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        let minus = self.consume(b'-');
        match self.peek() {
            b'0' => self.pos += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return Err((VALUE_INVALID, self.pos)),
        }
        let mut integral = true;
        if self.consume(b'.') {
            integral = false;
            if self.digits() == 0 {
                return Err((MISS_FRACTION, self.pos));
            }
        }
        if matches!(self.peek(), b'e' | b'E') {
            integral = false;
            self.pos += 1;
            if matches!(self.peek(), b'+' | b'-') {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err((MISS_EXPONENT, self.pos));
            }
        }
        let text = std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("0");
        let double: f64 = text.parse().unwrap_or(0.0);
        if double.is_infinite() {
            return Err((NUMBER_TOO_BIG, start));
        }
        let (unsigned, signed) = if integral {
            let unsigned = if minus {
                None
            } else {
                text.parse::<u64>().ok()
            };
            (unsigned, text.parse::<i64>().ok())
        } else {
            (None, None)
        };
        Ok(Json::Number {
            unsigned,
            signed,
            double,
        })
    }
}

fn parse(text: &[u8]) -> Result<Json, String> {
    Reader { text, pos: 0 }
        .document()
        .map_err(|(msg, at)| format!("JSON parse error: {msg} Offset: {at}"))
}

/// Types whose values JSON writes as strings: a table key of such a type
/// is the key's text itself, not JSON inside it.
fn written_as_string(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Addr
            | Type::Enum(_)
            | Type::File
            | Type::Func(_)
            | Type::Interval
            | Type::Pattern
            | Type::String
            | Type::Subnet
            | Type::Opaque(_)
    )
}

/// What builds values: the host (for record defaults and the key
/// function) and the key function itself.
struct Builder<'h> {
    host: &'h mut dyn Host,
    key_func: Option<Value>,
}

type Built = Result<Option<Value>, String>;

impl Builder<'_> {
    /// The value of type `ty` that `j` stands for; `None` for JSON's null.
    fn build(&mut self, j: &Json, ty: &TypeRef) -> Built {
        let mismatch = || {
            Err(format!(
                "cannot convert JSON type '{}' to Zeek type '{}'",
                j.kind(),
                ty.tag_name()
            ))
        };
        if *j == Json::Null {
            return Ok(None);
        }
        let v = match (&**ty, j) {
            (Type::Bool, Json::Bool(b)) => Value::Bool(*b),
            (
                Type::Int,
                Json::Number {
                    signed: Some(i), ..
                },
            ) => Value::Int(*i),
            (
                Type::Count,
                Json::Number {
                    unsigned: Some(u), ..
                },
            ) => Value::Count(*u),
            (Type::Double, Json::Number { double, .. }) => Value::Double(*double),
            (Type::Time, Json::Number { double, .. }) => Value::Time(*double),
            (Type::Interval, Json::Number { double, .. }) => Value::Interval(*double),
            (Type::Interval, Json::String(s)) => Value::Interval(interval_text(s)?),
            (Type::Port, _) => Value::Port(port(j)?),
            (Type::Pattern, Json::String(s)) => pattern(s)?,
            (Type::Addr | Type::Subnet, Json::String(s)) => address(s, ty)?,
            (Type::Enum(et), Json::String(s)) => {
                let found = et
                    .consts
                    .borrow()
                    .iter()
                    .find(|c| c.name.as_bytes() == &s[..])
                    .cloned();
                match found {
                    Some(c) => Value::Enum(c),
                    None => {
                        return Err(format!(
                            "'{}' is not a valid enum for '{}'.",
                            String::from_utf8_lossy(s),
                            et.name.borrow()
                        ))
                    }
                }
            }
            (Type::String, Json::String(s)) => Value::str(s),
            (Type::Table(tt), Json::Array(items)) if tt.yield_.is_none() => {
                let mut t = TableVal::new(ty.clone());
                for item in items {
                    if let Some(key) = self.index(item, &tt.index)? {
                        t.insert(key, Value::Unset);
                    }
                }
                Value::Table(Rc::new(RefCell::new(t)))
            }
            (Type::Table(tt), Json::Object(members)) if tt.yield_.is_some() => {
                let yield_ty = tt.yield_.clone().unwrap_or_else(types::any);
                let mut t = TableVal::new(ty.clone());
                for (name, member) in members {
                    let key = if tt.index.len() == 1 && written_as_string(&tt.index[0]) {
                        self.build(&Json::String(name.clone()), &tt.index[0])?
                    } else {
                        // The key's text is JSON for the index; text that
                        // does not parse is no key at all.
                        match parse(name) {
                            Ok(k) => self.index(&k, &tt.index)?,
                            Err(_) => None,
                        }
                    };
                    let (Some(key), Some(v)) = (key, self.build(member, &yield_ty)?) else {
                        continue;
                    };
                    t.insert(key, v);
                }
                Value::Table(Rc::new(RefCell::new(t)))
            }
            (Type::Record(rt), Json::Object(members)) => self.record(rt, members)?,
            (Type::Vector(elem), Json::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if let Some(v) = self.build(item, elem)? {
                        out.push(v);
                    }
                }
                Value::Vector(Rc::new(RefCell::new(VectorVal {
                    ty: ty.clone(),
                    items: out,
                })))
            }
            (
                Type::Bool
                | Type::Int
                | Type::Count
                | Type::Double
                | Type::Time
                | Type::Interval
                | Type::Pattern
                | Type::Addr
                | Type::Subnet
                | Type::Enum(_)
                | Type::String
                | Type::Table(_)
                | Type::Record(_)
                | Type::Vector(_),
                _,
            ) => return mismatch(),
            (other, _) => return Err(format!("type '{}' unsupported", other.tag_name())),
        };
        Ok(Some(v))
    }

    /// A table index: one value, or an array of the parts of a multi-part
    /// index (at least as many as the index has).
    fn index(&mut self, j: &Json, index: &[TypeRef]) -> Built {
        if index.len() == 1 {
            return self.build(j, &index[0]);
        }
        let Json::Array(parts) = j else {
            return Err(format!(
                "cannot convert JSON type '{}' to Zeek type 'list'",
                j.kind()
            ));
        };
        if parts.len() < index.len() {
            return Err("index type doesn't match".into());
        }
        let mut vals = Vec::with_capacity(index.len());
        for (part, ty) in parts.iter().zip(index) {
            // A null part stays a hole, as in Zeek's list of values.
            vals.push(self.build(part, ty)?.unwrap_or(Value::Unset));
        }
        Ok(Some(Value::Tuple(Rc::new(vals))))
    }

    fn record(
        &mut self,
        rt: &Rc<types::RecordType>,
        members: &[(Vec<u8>, Json)],
    ) -> Result<Value, String> {
        // With a key function, every member's name is mapped first; the
        // last member of a mapped name wins, as in Zeek's map.
        let mut named: Vec<(Vec<u8>, &Json)> = Vec::with_capacity(members.len());
        for (name, v) in members {
            let name = match &self.key_func {
                Some(f) => {
                    let f = f.clone();
                    match self.host.call_value(&f, vec![Value::str(name)]) {
                        Ok(Value::String(s)) => s.to_vec(),
                        _ => return Err("key function error".into()),
                    }
                }
                None => name.clone(),
            };
            named.push((name, v));
        }
        let mapped = self.key_func.is_some();
        let lookup = |field: &str| -> Option<&Json> {
            let is_field = |(n, _): &&(Vec<u8>, &Json)| n == field.as_bytes();
            let hit = if mapped {
                named.iter().rfind(is_field)
            } else {
                named.iter().find(is_field)
            };
            hit.map(|(_, v)| *v)
        };
        let fields = rt.fields.borrow().clone();
        let mut vals = Vec::with_capacity(fields.len());
        for f in &fields {
            let given = lookup(&f.name);
            let built = match given {
                Some(j) => self.build(j, &f.ty)?,
                None => None,
            };
            match built {
                Some(v) => vals.push(v),
                None if f.optional || f.default.is_some() => {
                    let d = f.default.and_then(|i| self.host.field_default(i));
                    vals.push(d.unwrap_or(Value::Unset));
                }
                None => {
                    return Err(format!(
                        "required field {}${} is {} in JSON",
                        rt.name.borrow().as_deref().unwrap_or(""),
                        f.name,
                        if given.is_some() { "null" } else { "missing" }
                    ))
                }
            }
        }
        Ok(Value::Record(Rc::new(RefCell::new(RecordVal {
            ty: rt.clone(),
            fields: vals,
        }))))
    }
}

/// An interval written as pairs of a number and a unit: "1 day 2.5 hrs".
fn interval_text(s: &[u8]) -> Result<f64, String> {
    let text = String::from_utf8_lossy(s);
    let parts: Vec<&str> = text.split(' ').filter(|p| !p.is_empty()).collect();
    if !parts.len().is_multiple_of(2) {
        return Err("wrong interval format, must be pairs of values with units".into());
    }
    let mut secs = 0.0;
    for pair in parts.chunks(2) {
        let n = leading_double(pair[0]);
        let unit = match pair[1] {
            "day" | "days" => 86400.0,
            "hr" | "hrs" => 3600.0,
            "min" | "mins" => 60.0,
            "sec" | "secs" => 1.0,
            "msec" | "msecs" => 1e-3,
            "usec" | "usecs" => 1e-6,
            other => return Err(format!("wrong interval format, invalid unit type {other}")),
        };
        secs += n * unit;
    }
    Ok(secs)
}

/// The number at the start of `s`, as C's strtod reads it (0 when there
/// is none).
fn leading_double(s: &str) -> f64 {
    let end = (1..=s.len())
        .rev()
        .find(|&i| s.is_char_boundary(i) && s[..i].parse::<f64>().is_ok())
        .unwrap_or(0);
    s[..end].parse().unwrap_or(0.0)
}

fn proto_named(name: &[u8]) -> Option<Proto> {
    match name {
        b"tcp" => Some(Proto::Tcp),
        b"udp" => Some(Proto::Udp),
        b"icmp" => Some(Proto::Icmp),
        b"unknown" => Some(Proto::Unknown),
        _ => None,
    }
}

/// A port from "80/tcp" or from `{"port": 80, "proto": "tcp"}`.
fn port(j: &Json) -> Result<Port, String> {
    match j {
        Json::String(s) => {
            let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
            let num = std::str::from_utf8(&s[..digits])
                .ok()
                .and_then(|d| d.parse::<u32>().ok())
                .unwrap_or(0);
            let proto = s
                .get(digits + 1..)
                .filter(|_| (1..10).contains(&s.len()))
                .and_then(proto_named);
            match proto {
                Some(proto) => Ok(Port { num, proto }),
                None => Err(
                    "wrong port format, string must be /[0-9]{1,5}\\/(tcp|udp|icmp|unknown)/"
                        .into(),
                ),
            }
        }
        Json::Object(members) => {
            let member = |k: &[u8]| members.iter().find(|(n, _)| n == k).map(|(_, v)| v);
            let (Some(num), Some(proto)) = (member(b"port"), member(b"proto")) else {
                return Err(
                    "wrong port format, object must have 'port' and 'proto' members".into(),
                );
            };
            let Json::Number { double, .. } = num else {
                return Err("wrong port format, port must be a number".into());
            };
            let Json::String(proto) = proto else {
                return Err("wrong port format, protocol must be a string".into());
            };
            match proto_named(proto) {
                Some(proto) => Ok(Port {
                    num: *double as u32,
                    proto,
                }),
                None => Err("wrong port format, invalid protocol string".into()),
            }
        }
        _ => Err("wrong port format, must be string or object".into()),
    }
}

/// A pattern from its text, with or without the slashes and the anchors
/// `to_json` writes around it.
fn pattern(s: &[u8]) -> Result<Value, String> {
    let mut text = String::from_utf8_lossy(s).into_owned();
    if text.len() > 2 && text.starts_with('/') && text.ends_with('/') {
        text = text[1..text.len() - 1].to_string();
    }
    if text.len() > 6 && text.starts_with("^?(") && text.ends_with(")$?") {
        text = text[3..text.len() - 3].to_string();
    }
    crate::runtime::pattern::make_pattern(&text, false)
        .map_err(|_| "error compiling pattern".into())
}

/// An address, or a subnet "A/W"; IPv6 addresses may be in brackets.
fn address(s: &[u8], ty: &TypeRef) -> Result<Value, String> {
    let text = String::from_utf8_lossy(s);
    let is_subnet = matches!(**ty, Type::Subnet);
    let bad = || {
        Err(format!(
            "invalid value for {}: '{}'",
            if is_subnet { "subnet" } else { "addr" },
            text
        ))
    };
    let (host, width) = if is_subnet {
        let Some((host, width)) = text.split_once('/') else {
            return bad();
        };
        let digits = width.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return bad();
        }
        (host, width[..digits].parse::<u32>().unwrap_or(u32::MAX))
    } else {
        (&*text, 0)
    };
    let host = host.strip_prefix('[').unwrap_or(host);
    let host = host.strip_suffix(']').unwrap_or(host);
    let Some(addr) = super::addr::parse_addr(host.as_bytes()) else {
        return bad();
    };
    if !is_subnet {
        return Ok(Value::addr(addr));
    }
    let max = if addr.is_ipv4() { 32 } else { 128 };
    if width > max {
        return bad();
    }
    match super::addr::parse_subnet(format!("{host}/{width}").as_bytes()) {
        Some(net) => Ok(Value::Subnet(Rc::new(net))),
        None => bad(),
    }
}

/// `from_json_result`: the value if there is one, whether the text was
/// good, and what was wrong with it.
fn result(v: Option<Value>, valid: bool, err: Option<String>) -> Value {
    record(
        "from_json_result",
        vec![
            ("v", types::any(), v.unwrap_or(Value::Unset)),
            ("valid", types::bool_(), Value::Bool(valid)),
            (
                "err",
                types::string(),
                err.map_or(Value::Unset, |e| Value::str(e.as_bytes())),
            ),
        ],
    )
}

pub(super) fn from_json(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Type(ty) = arg(args, 1) else {
        builtin_error(h, "from_json() requires a type argument");
        return Ok(result(None, false, None));
    };
    let ty = ty.clone();
    let key_func = args.get(2).filter(|f| matches!(f, Value::Func(_))).cloned();
    let outcome = parse(bytes(args, 0)).and_then(|j| Builder { host: h, key_func }.build(&j, &ty));
    Ok(match outcome {
        Ok(v) => result(v, true, None),
        Err(e) => result(None, false, Some(e)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text.as_bytes()).unwrap_err()
    }

    // rapidjson's verdicts, message and offset, on the usual mistakes.
    #[test]
    fn parse_errors_are_rapidjsons() {
        assert_eq!(
            err(""),
            "JSON parse error: The document is empty. Offset: 0"
        );
        assert_eq!(
            err("  "),
            "JSON parse error: The document is empty. Offset: 2"
        );
        assert_eq!(err("x"), "JSON parse error: Invalid value. Offset: 0");
        assert_eq!(err("nul"), "JSON parse error: Invalid value. Offset: 3");
        assert_eq!(err("[1,]"), "JSON parse error: Invalid value. Offset: 3");
        assert_eq!(
            err("[1 2]"),
            "JSON parse error: Missing a comma or ']' after an array element. Offset: 3"
        );
        assert_eq!(
            err("{\"a\" 1}"),
            "JSON parse error: Missing a colon after a name of object member. Offset: 5"
        );
        assert_eq!(
            err("{1:2}"),
            "JSON parse error: Missing a name for object member. Offset: 1"
        );
        assert_eq!(
            err("1 2"),
            "JSON parse error: The document root must not be followed by other values. Offset: 2"
        );
        assert_eq!(
            err("\"abc"),
            "JSON parse error: Missing a closing quotation mark in string. Offset: 4"
        );
        assert_eq!(
            err("1."),
            "JSON parse error: Miss fraction part in number. Offset: 2"
        );
        assert_eq!(
            err("1e"),
            "JSON parse error: Miss exponent in number. Offset: 2"
        );
        assert_eq!(
            err("\"\\x\""),
            "JSON parse error: Invalid escape character in string. Offset: 1"
        );
    }

    #[test]
    fn numbers_keep_their_integer_kinds() {
        let n = |t: &str| parse(t.as_bytes()).unwrap();
        assert_eq!(
            n("-3"),
            Json::Number {
                unsigned: None,
                signed: Some(-3),
                double: -3.0
            }
        );
        assert_eq!(
            n("1.0"),
            Json::Number {
                unsigned: None,
                signed: None,
                double: 1.0
            }
        );
        assert_eq!(n("\"\\u00e9\""), Json::String("é".as_bytes().to_vec()));
    }

    #[test]
    fn intervals_from_text() {
        assert_eq!(interval_text(b"1 min 30 secs"), Ok(90.0));
        assert_eq!(interval_text(b"  2.5   hrs "), Ok(9000.0));
        assert!(interval_text(b"3").is_err());
        assert_eq!(
            interval_text(b"3 weeks").unwrap_err(),
            "wrong interval format, invalid unit type weeks"
        );
    }
}
