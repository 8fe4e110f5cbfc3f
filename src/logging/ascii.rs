//! The ASCII log writer: Zeek's tab-separated format with its `#` header
//! lines, or JSON lines when `LogAscii::use_json` is set.

use super::{type_name, Column, LogWriter};
use crate::runtime::value::Value;
use std::fs::File;
use std::io::{BufWriter, Write};

/// The writer's options (`LogAscii::*`).
#[derive(Clone, Debug)]
pub struct AsciiOptions {
    pub use_json: bool,
    /// How JSON writes times (`LogAscii::json_timestamps`).
    pub json_ts: JsonTime,
    pub include_meta: bool,
    pub meta_prefix: Vec<u8>,
    pub separator: Vec<u8>,
    pub set_separator: Vec<u8>,
    pub empty_field: Vec<u8>,
    pub unset_field: Vec<u8>,
    /// Valid UTF-8 passes unescaped into TSV (`LogAscii::enable_utf_8`).
    pub enable_utf_8: bool,
    /// JSON lines name unset columns too, as null
    /// (`LogAscii::json_include_unset_fields`).
    pub json_include_unset: bool,
    /// Lines go to standard output, not a file
    /// (`LogAscii::output_to_stdout`).
    pub to_stdout: bool,
}

impl Default for AsciiOptions {
    fn default() -> Self {
        AsciiOptions {
            use_json: false,
            json_ts: JsonTime::Epoch,
            include_meta: true,
            meta_prefix: b"#".to_vec(),
            separator: b"\t".to_vec(),
            set_separator: b",".to_vec(),
            empty_field: b"(empty)".to_vec(),
            unset_field: b"-".to_vec(),
            enable_utf_8: true,
            json_include_unset: false,
            to_stdout: false,
        }
    }
}

/// The forms of a time in JSON logs (Zeek's `JSON::TimestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum JsonTime {
    /// Seconds since the epoch, as a number.
    Epoch,
    /// Whole milliseconds since the epoch.
    Millis,
    /// The same as an unsigned number: times before the epoch wrap.
    MillisUnsigned,
    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    Iso8601,
}

impl JsonTime {
    pub fn from_name(name: &str) -> JsonTime {
        match name {
            "JSON::TS_MILLIS" => JsonTime::Millis,
            "JSON::TS_MILLIS_UNSIGNED" => JsonTime::MillisUnsigned,
            "JSON::TS_ISO8601" => JsonTime::Iso8601,
            _ => JsonTime::Epoch,
        }
    }
}

pub struct AsciiWriter {
    out: Option<BufWriter<Box<dyn Write>>>,
    opts: AsciiOptions,
    fields: Vec<Column>,
    line: Vec<u8>,
}

impl AsciiWriter {
    /// Creates the file (`<path>.log`) and writes its header.
    pub fn open(
        file_name: &str,
        log_path: &str,
        fields: Vec<Column>,
        opts: AsciiOptions,
    ) -> Result<AsciiWriter, String> {
        let sink: Box<dyn Write> = if opts.to_stdout {
            Box::new(std::io::stdout())
        } else {
            let f = File::create(file_name).map_err(|e| format!("cannot open {file_name}: {e}"))?;
            Box::new(f)
        };
        let mut w = AsciiWriter {
            out: Some(BufWriter::new(sink)),
            opts,
            fields,
            line: Vec::new(),
        };
        if w.meta() {
            let h = w.header(log_path);
            w.emit(&h)?;
        }
        Ok(w)
    }

    fn meta(&self) -> bool {
        self.opts.include_meta && !self.opts.use_json
    }

    fn header(&self, log_path: &str) -> Vec<u8> {
        let o = &self.opts;
        let mut h = Vec::new();
        h.extend_from_slice(&o.meta_prefix);
        h.extend_from_slice(b"separator ");
        for b in &o.separator {
            push_hex(&mut h, *b);
        }
        h.push(b'\n');
        let mut meta_line = |key: &str, parts: &[&[u8]]| {
            h.extend_from_slice(&o.meta_prefix);
            h.extend_from_slice(key.as_bytes());
            for p in parts {
                h.extend_from_slice(&o.separator);
                h.extend_from_slice(p);
            }
            h.push(b'\n');
        };
        meta_line("set_separator", &[&o.set_separator]);
        meta_line("empty_field", &[&o.empty_field]);
        meta_line("unset_field", &[&o.unset_field]);
        meta_line("path", &[log_path.as_bytes()]);
        meta_line("open", &[super::stamp().as_bytes()]);
        let names: Vec<&[u8]> = self.fields.iter().map(|c| c.name.as_bytes()).collect();
        meta_line("fields", &names);
        let types: Vec<String> = self.fields.iter().map(|c| type_name(&c.ty)).collect();
        let types: Vec<&[u8]> = types.iter().map(|t| t.as_bytes()).collect();
        meta_line("types", &types);
        h
    }

    fn emit(&mut self, bytes: &[u8]) -> Result<(), String> {
        let Some(o) = &mut self.out else {
            return Err("log file is closed".into());
        };
        if let Err(e) = o.write_all(bytes) {
            self.out = None;
            return Err(e.to_string());
        }
        Ok(())
    }
}

impl LogWriter for AsciiWriter {
    fn write(&mut self, row: &[Value]) -> Result<(), String> {
        let mut l = std::mem::take(&mut self.line);
        l.clear();
        if self.opts.use_json {
            json_row(&mut l, &self.fields, row, &self.opts);
        } else {
            for (i, v) in row.iter().enumerate() {
                if i > 0 {
                    l.extend_from_slice(&self.opts.separator);
                }
                tsv_value(&mut l, v, &self.opts, false);
            }
        }
        l.push(b'\n');
        let r = self.emit(&l);
        self.line = l;
        r
    }

    fn flush(&mut self) {
        if let Some(o) = &mut self.out {
            let _ = o.flush();
        }
    }

    fn close(&mut self) {
        if self.out.is_none() {
            return;
        }
        if self.meta() {
            let mut l = self.opts.meta_prefix.clone();
            l.extend_from_slice(b"close");
            l.extend_from_slice(&self.opts.separator);
            l.extend_from_slice(super::stamp().as_bytes());
            l.push(b'\n');
            let _ = self.emit(&l);
        }
        self.flush();
        self.out = None;
    }
}

impl Drop for AsciiWriter {
    fn drop(&mut self) {
        self.close();
    }
}

fn push_hex(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\x");
    out.push(HEX[usize::from(b >> 4)]);
    out.push(HEX[usize::from(b & 15)]);
}

/// One value in TSV form. Inside a set or vector the set separator is
/// escaped too.
fn tsv_value(out: &mut Vec<u8>, v: &Value, o: &AsciiOptions, in_container: bool) {
    match v {
        Value::Unset => out.extend_from_slice(&o.unset_field),
        Value::Bool(b) => out.push(if *b { b'T' } else { b'F' }),
        Value::Count(c) => out.extend_from_slice(c.to_string().as_bytes()),
        Value::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Value::Port(p) => out.extend_from_slice(p.num.to_string().as_bytes()),
        Value::Double(d) => out.extend_from_slice(log_double(*d).as_bytes()),
        Value::Time(d) | Value::Interval(d) => {
            out.extend_from_slice(format!("{d:.6}").as_bytes());
        }
        Value::Addr(a) => text(
            out,
            crate::runtime::format::addr(a).as_bytes(),
            o,
            in_container,
        ),
        Value::Subnet(s) => text(
            out,
            crate::runtime::format::subnet(&s.addr, s.width).as_bytes(),
            o,
            in_container,
        ),
        Value::Enum(e) => text(out, e.name.as_bytes(), o, in_container),
        Value::String(s) => text(out, s, o, in_container),
        Value::Func(f) => text(out, f.name.as_bytes(), o, in_container),
        Value::Table(t) => {
            let t = t.borrow();
            if t.is_empty() {
                out.extend_from_slice(&o.empty_field);
                return;
            }
            for (i, (k, _)) in t.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(&o.set_separator);
                }
                tsv_value(out, k, o, true);
            }
        }
        Value::Vector(vv) => {
            let vv = vv.borrow();
            if vv.items.is_empty() {
                out.extend_from_slice(&o.empty_field);
                return;
            }
            for (i, x) in vv.items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(&o.set_separator);
                }
                tsv_value(out, x, o, true);
            }
        }
        other => {
            let shown = crate::runtime::format::to_display(other);
            text(out, &shown, o, in_container);
        }
    }
}

/// A double as Zeek logs it: rounded to six decimals with trailing zeros
/// dropped, `.0` after a whole number, never an exponent.
pub fn log_double(d: f64) -> String {
    if !d.is_finite() {
        return crate::runtime::format::double(d);
    }
    let mut s = format!("{d:.6}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    // Only a value that is whole (not one rounded to whole) shows `.0`.
    if (d - d.round()).abs() <= 1e-9 {
        s.push_str(".0");
    }
    s
}

/// Text escaped as Zeek's ASCII writer escapes it: empty is the empty
/// field; text that equals the unset or empty field gets its first byte
/// escaped; backslashes, non-printable bytes (other than valid UTF-8
/// sequences) and separators become `\xNN`.
fn text(out: &mut Vec<u8>, s: &[u8], o: &AsciiOptions, in_container: bool) {
    if s.is_empty() {
        out.extend_from_slice(&o.empty_field);
        return;
    }
    let rest = if s == o.unset_field.as_slice() || s == o.empty_field.as_slice() {
        push_hex(out, s[0]);
        &s[1..]
    } else {
        s
    };
    let mut i = 0;
    while i < rest.len() {
        let b = rest[i];
        let seps: [&[u8]; 2] = [&o.separator, &o.set_separator];
        let sep_len = seps
            .iter()
            .take(if in_container { 2 } else { 1 })
            .find(|sep| !sep.is_empty() && rest[i..].starts_with(sep))
            .map(|sep| sep.len());
        if let Some(n) = sep_len {
            for &x in &rest[i..i + n] {
                push_hex(out, x);
            }
            i += n;
            continue;
        }
        if b == b'\\' {
            push_hex(out, b);
            i += 1;
            continue;
        }
        if (0x20..0x7f).contains(&b) {
            out.push(b);
            i += 1;
            continue;
        }
        let n = if o.enable_utf_8 { utf8_len(b) } else { 1 };
        if n > 1 && i + n <= rest.len() && std::str::from_utf8(&rest[i..i + n]).is_ok() {
            out.extend_from_slice(&rest[i..i + n]);
            i += n;
        } else {
            push_hex(out, b);
            i += 1;
        }
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

/// One JSON object: the set columns by name, in column order.
fn json_row(out: &mut Vec<u8>, fields: &[Column], row: &[Value], o: &AsciiOptions) {
    out.push(b'{');
    let mut first = true;
    for (c, v) in fields.iter().zip(row) {
        if v.is_unset() && !o.json_include_unset {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        json_string(out, c.name.as_bytes());
        out.push(b':');
        match v {
            Value::Time(t) => json_time(out, *t, o.json_ts),
            _ => json_value(out, v),
        }
    }
    out.push(b'}');
}

fn json_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Unset => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Count(c) => out.extend_from_slice(c.to_string().as_bytes()),
        Value::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Value::Port(p) => out.extend_from_slice(p.num.to_string().as_bytes()),
        Value::Double(d) | Value::Time(d) | Value::Interval(d) => {
            out.extend_from_slice(json_double(*d).as_bytes());
        }
        Value::Addr(a) => json_string(out, crate::runtime::format::addr(a).as_bytes()),
        Value::Subnet(s) => json_string(
            out,
            crate::runtime::format::subnet(&s.addr, s.width).as_bytes(),
        ),
        Value::Enum(e) => json_string(out, e.name.as_bytes()),
        Value::String(s) => json_string(out, s),
        Value::Func(f) => json_string(out, f.name.as_bytes()),
        Value::Table(t) => {
            out.push(b'[');
            for (i, (k, _)) in t.borrow().iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_value(out, k);
            }
            out.push(b']');
        }
        Value::Vector(vv) => {
            out.push(b'[');
            for (i, x) in vv.borrow().items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_value(out, x);
            }
            out.push(b']');
        }
        other => json_string(out, &crate::runtime::format::to_display(other)),
    }
}

/// A time column in the chosen form.
fn json_time(out: &mut Vec<u8>, t: f64, form: JsonTime) {
    match form {
        JsonTime::Epoch => out.extend_from_slice(json_double(t).as_bytes()),
        JsonTime::Millis => out.extend_from_slice(((t * 1000.0) as i64).to_string().as_bytes()),
        JsonTime::MillisUnsigned => {
            let ms = (t * 1000.0) as i64 as u64;
            out.extend_from_slice(ms.to_string().as_bytes());
        }
        JsonTime::Iso8601 => {
            let secs = t.floor() as i64;
            let micros = ((t - t.floor()) * 1e6) as i64;
            let (y, m, d) = super::civil_from_days(secs.div_euclid(86_400));
            let rem = secs.rem_euclid(86_400);
            let s = format!(
                "\"{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{micros:06}Z\"",
                rem / 3600,
                rem % 3600 / 60,
                rem % 60
            );
            out.extend_from_slice(s.as_bytes());
        }
    }
}

/// A number in JSON as rapidjson writes a double: the shortest digits that
/// read back the same, a `.0` on whole numbers, an exponent only for very
/// large or small magnitudes; NaN and infinities are `null`.
fn json_double(d: f64) -> String {
    if !d.is_finite() {
        return "null".into();
    }
    if d == 0.0 {
        return if d.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let sci = format!("{:e}", d.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let len = digits.len() as i32;
    // The value is 0.DIGITS times ten to the kk.
    let kk = exp + 1;
    let k = kk - len;
    let mut out = String::new();
    if d < 0.0 {
        out.push('-');
    }
    if k >= 0 && kk <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', k as usize));
        out.push_str(".0");
    } else if 0 < kk && kk <= 21 {
        out.push_str(&digits[..kk as usize]);
        out.push('.');
        out.push_str(&digits[kk as usize..]);
    } else if -6 < kk && kk <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-kk) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if len > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!("e{}", kk - 1));
    }
    out
}

fn json_string(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            0..=0x1f => out.extend_from_slice(format!("\\u{:04x}", b).as_bytes()),
            0x20..=0x7f => out.push(b),
            _ => {
                let n = utf8_len(b);
                if n > 1 && i + n <= s.len() && std::str::from_utf8(&s[i..i + n]).is_ok() {
                    out.extend_from_slice(&s[i..i + n]);
                    i += n;
                    continue;
                }
                out.extend_from_slice(format!("\\\\x{b:02x}").as_bytes());
            }
        }
        i += 1;
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &[u8], in_container: bool) -> String {
        let mut out = Vec::new();
        text(&mut out, s, &AsciiOptions::default(), in_container);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn escapes() {
        assert_eq!(t(b"", false), "(empty)");
        assert_eq!(t(b"-", false), "\\x2d");
        assert_eq!(t(b"(empty)", false), "\\x28empty)");
        assert_eq!(t(b"a\tb", false), "a\\x09b");
        assert_eq!(t(b"a,b", false), "a,b");
        assert_eq!(t(b"a,b", true), "a\\x2cb");
        assert_eq!(t(b"c:\\x", false), "c:\\x5cx");
        assert_eq!(t(b"\x01\xff", false), "\\x01\\xff");
        assert_eq!(t("h\u{e9}".as_bytes(), false), "h\u{e9}");
    }

    #[test]
    fn json_doubles() {
        assert_eq!(json_double(1300475167.096535), "1300475167.096535");
        assert_eq!(json_double(2.0), "2.0");
        assert_eq!(json_double(-0.25), "-0.25");
        assert_eq!(json_double(0.000123), "0.000123");
        assert_eq!(json_double(1e-7), "1e-7");
        assert_eq!(json_double(1.5e300), "1.5e300");
        assert_eq!(json_double(1e20), "100000000000000000000.0");
        assert_eq!(json_double(1e21), "1e21");
        assert_eq!(json_double(1e22), "1e22");
        assert_eq!(json_double(f64::NAN), "null");
    }

    #[test]
    fn doubles() {
        assert_eq!(log_double(1.5), "1.5");
        assert_eq!(log_double(2.0), "2.0");
        assert_eq!(log_double(0.1234567), "0.123457");
        assert_eq!(log_double(1e20), "100000000000000000000.0");
        assert_eq!(log_double(1e-7), "0");
        assert_eq!(log_double(-2.0), "-2.0");
    }
}
