//! How values look when printed: `print`, `cat()` and `fmt("%s")` all
//! render values this way, following Zeek's output byte for byte.

use crate::value::Value;

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
    render(&mut out, v, false);
    out
}

/// Zeek's spelling of a double: integral values keep a ".0".
pub fn double(d: f64) -> String {
    if d.is_finite() && d == d.trunc() && d.abs() < 1e15 {
        format!("{d:.1}")
    } else {
        format!("{d}")
    }
}

/// Appends a value's text; `nested` is set inside containers and records.
pub fn render(out: &mut Vec<u8>, v: &Value, nested: bool) {
    match v {
        Value::Unset => out.extend_from_slice(b"<uninitialized>"),
        Value::Bool(b) => out.push(if *b { b'T' } else { b'F' }),
        Value::Count(c) => out.extend_from_slice(c.to_string().as_bytes()),
        Value::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Value::Double(d) => out.extend_from_slice(double(*d).as_bytes()),
        Value::Time(t) => out.extend_from_slice(format!("{t:.6}").as_bytes()),
        Value::Interval(s) => out.extend_from_slice(format!("{} secs", double(*s)).as_bytes()),
        Value::Port(p) => out.extend_from_slice(format!("{}/{}", p.num, p.proto.name()).as_bytes()),
        Value::Enum(e) => out.extend_from_slice(e.name.as_bytes()),
        Value::String(s) => out.extend_from_slice(s),
        Value::Addr(a) => out.extend_from_slice(a.to_string().as_bytes()),
        Value::Subnet(s) => out.extend_from_slice(format!("{}/{}", s.addr, s.width).as_bytes()),
        Value::Pattern(p) => out.extend_from_slice(format!("/{}/", p.source).as_bytes()),
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
                render(out, r.fields.get(i).unwrap_or(&Value::Unset), true);
            }
            out.push(b']');
        }
        Value::Vector(v) => {
            out.push(b'[');
            for (i, x) in v.borrow().items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b", ");
                }
                render(out, x, true);
            }
            out.push(b']');
        }
        Value::Table(t) => {
            let t = t.borrow();
            let is_set = t.ty.is_set();
            out.extend_from_slice(b"{\n");
            let n = t.len();
            for (i, (k, val)) in t.iter().enumerate() {
                if is_set {
                    render(out, k, true);
                } else {
                    out.push(b'[');
                    render(out, k, true);
                    out.extend_from_slice(b"] = ");
                    render(out, val, true);
                }
                if i + 1 < n {
                    out.push(b',');
                }
                out.push(b'\n');
            }
            out.push(b'}');
        }
        Value::Tuple(items) => {
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b", ");
                }
                render(out, x, nested);
            }
        }
        Value::Func(f) => out.extend_from_slice(f.name.as_bytes()),
        Value::Type(t) => out.extend_from_slice(t.to_string().as_bytes()),
        Value::Opaque(_) => out.extend_from_slice(b"<opaque>"),
    }
}
