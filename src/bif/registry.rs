//! `protocol_registry`: the numbering registries of protocols (status
//! codes, cipher suites, record types, operation numbers, ...) kept as
//! text files in `src/bif/registry/` and turned into a table value when a
//! script asks for one.
//!
//! Written as script table literals these registries are thousands of
//! lines that every start-up would have to parse and check; as text they
//! cost a line split per entry, and only for the registries the loaded
//! scripts ask for. The script declares the table as usual, so it stays
//! an ordinary value (`&redef`, `redef +=`, `&default`, iteration):
//!
//! ```zeek
//! const statuses = protocol_registry("smb-nt-status") as table[count] of StatusCode &redef;
//! ```
//!
//! ## File format
//!
//! One entry a line, columns separated by one tab. A line starting with
//! `#` is a comment, except for the one `#shape` line, which comes before
//! the entries and says what the columns are (its three parts are
//! tab-separated too; spaces here for legibility):
//!
//! ```text
//! #shape  count         string                     -> table[count] of string
//! #shape  string,count  string                     -> table[string, count] of string
//! #shape  count         SMB::StatusCode(id,desc)   -> table[count] of SMB::StatusCode
//! ```
//!
//! The index columns come first, then the yield: one column, or one per
//! named field of the record type (which the scripts must declare; the
//! other fields keep their defaults). `count` cells are decimal or `0x`
//! hexadecimal; `string` cells are taken as they stand, with `\t`, `\n`,
//! `\\` and `\xHH` as escapes.

use super::{arg, record, record_of, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::table::TableVal;
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// Every registry, by the name scripts ask for it by.
const REGISTRIES: &[(&str, &str)] = &[
    ("krb-ciphers", include_str!("registry/krb-ciphers.tsv")),
    ("krb-errors", include_str!("registry/krb-errors.tsv")),
    (
        "dce-rpc-endpoints",
        include_str!("registry/dce-rpc-endpoints.tsv"),
    ),
    (
        "dce-rpc-operations",
        include_str!("registry/dce-rpc-operations.tsv"),
    ),
    (
        "dns-algorithms",
        include_str!("registry/dns-algorithms.tsv"),
    ),
    ("dns-classes", include_str!("registry/dns-classes.tsv")),
    ("dns-rcodes", include_str!("registry/dns-rcodes.tsv")),
    ("dns-types", include_str!("registry/dns-types.tsv")),
    (
        "smb-dos-errors",
        include_str!("registry/smb-dos-errors.tsv"),
    ),
    ("smb-nt-status", include_str!("registry/smb-nt-status.tsv")),
    (
        "smb-srvsvc-ops",
        include_str!("registry/smb-srvsvc-ops.tsv"),
    ),
    (
        "smb-wkssvc-ops",
        include_str!("registry/smb-wkssvc-ops.tsv"),
    ),
    ("smb1-commands", include_str!("registry/smb1-commands.tsv")),
    ("smb2-commands", include_str!("registry/smb2-commands.tsv")),
    ("tls-alerts", include_str!("registry/tls-alerts.tsv")),
    ("tls-ciphers", include_str!("registry/tls-ciphers.tsv")),
    (
        "tls-extensions",
        include_str!("registry/tls-extensions.tsv"),
    ),
    ("tls-groups", include_str!("registry/tls-groups.tsv")),
    (
        "tls-hash-algorithms",
        include_str!("registry/tls-hash-algorithms.tsv"),
    ),
    (
        "tls-point-formats",
        include_str!("registry/tls-point-formats.tsv"),
    ),
    (
        "tls-signature-algorithms",
        include_str!("registry/tls-signature-algorithms.tsv"),
    ),
    ("tls-versions", include_str!("registry/tls-versions.tsv")),
];

/// The text of the registry `name`.
pub(crate) fn source(name: &str) -> Option<&'static str> {
    REGISTRIES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// What a yield column stands for.
enum Yield {
    /// One cell of a basic type.
    Plain(TypeRef),
    /// A record of the named type; its named fields, one cell each.
    Record {
        type_name: String,
        fields: Vec<String>,
    },
}

/// A registry's `#shape`: its index types and its yield.
struct Shape {
    index: Vec<TypeRef>,
    yield_: Yield,
}

fn basic_type(name: &str) -> Result<TypeRef, String> {
    match name {
        "count" => Ok(types::count()),
        "int" => Ok(types::int()),
        "string" => Ok(types::string()),
        "bool" => Ok(types::bool_()),
        _ => Err(format!("unknown registry column type {name:?}")),
    }
}

fn parse_shape(line: &str) -> Result<Shape, String> {
    let mut cols = line.split('\t').skip(1);
    let (Some(index), Some(y), None) = (cols.next(), cols.next(), cols.next()) else {
        return Err(format!("bad #shape line {line:?}"));
    };
    let index = index
        .split(',')
        .map(|t| basic_type(t.trim()))
        .collect::<Result<Vec<_>, _>>()?;
    let yield_ = match y.split_once('(') {
        Some((type_name, rest)) => Yield::Record {
            type_name: type_name.trim().to_string(),
            fields: rest
                .trim_end_matches(')')
                .split(',')
                .map(|f| f.trim().to_string())
                .collect(),
        },
        None => Yield::Plain(basic_type(y.trim())?),
    };
    Ok(Shape { index, yield_ })
}

/// A string cell with its escapes undone.
fn unescape(cell: &str) -> Vec<u8> {
    let b = cell.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b't' => out.push(b'\t'),
                b'n' => out.push(b'\n'),
                b'\\' => out.push(b'\\'),
                b'x' if i + 4 <= b.len() => {
                    let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap_or("");
                    if let Ok(v) = u8::from_str_radix(hex, 16) {
                        out.push(v);
                        i += 4;
                        continue;
                    }
                    out.extend_from_slice(b"\\x");
                }
                other => out.extend_from_slice(&[b'\\', other]),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn parse_number(cell: &str) -> Option<u64> {
    match cell.strip_prefix("0x").or_else(|| cell.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => cell.parse().ok(),
    }
}

/// One cell as a value of type `ty`.
fn cell_value(cell: &str, ty: &Type) -> Result<Value, String> {
    let bad = || format!("registry cell {cell:?} is not a {ty:?}");
    Ok(match ty {
        Type::Count => Value::Count(parse_number(cell).ok_or_else(bad)?),
        Type::Int => match cell.strip_prefix('-') {
            Some(n) => Value::Int(-(parse_number(n).ok_or_else(bad)? as i64)),
            None => Value::Int(parse_number(cell).ok_or_else(bad)? as i64),
        },
        Type::Bool => Value::Bool(matches!(cell, "T" | "true")),
        _ => Value::string(unescape(cell)),
    })
}

/// The table a registry's text describes. `h` supplies the record types
/// the scripts declare.
pub(crate) fn build(h: &mut dyn Host, name: &str, text: &str) -> Result<Value, String> {
    let mut shape: Option<Shape> = None;
    let mut table: Option<TableVal> = None;
    // The record type of the yield and its field types, when it has one.
    let mut fields: Vec<TypeRef> = Vec::new();
    for (lineno, line) in text.lines().enumerate() {
        if line.starts_with("#shape") {
            let s = parse_shape(line)?;
            let yield_ty = match &s.yield_ {
                Yield::Plain(t) => t.clone(),
                Yield::Record {
                    type_name,
                    fields: names,
                } => match super::declared_type(h, type_name) {
                    Some(rt) => {
                        let r = rt.as_record().cloned().ok_or_else(|| {
                            format!("registry {name}: {type_name} is not a record type")
                        })?;
                        for n in names {
                            let i = r.field_index(n).ok_or_else(|| {
                                format!("registry {name}: {type_name} has no field {n}")
                            })?;
                            fields.push(r.fields.borrow()[i].ty.clone());
                        }
                        rt
                    }
                    None => {
                        fields = names.iter().map(|_| types::string()).collect();
                        types::any()
                    }
                },
            };
            table = Some(TableVal::new(types::table_of(s.index.clone(), yield_ty)));
            shape = Some(s);
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (Some(s), Some(t)) = (&shape, table.as_mut()) else {
            return Err(format!("registry {name}: entries before the #shape line"));
        };
        let cells: Vec<&str> = line.split('\t').collect();
        let want = s.index.len()
            + match &s.yield_ {
                Yield::Plain(_) => 1,
                Yield::Record { fields, .. } => fields.len(),
            };
        if cells.len() != want {
            return Err(format!(
                "registry {name}, line {}: {} columns where the shape has {want}",
                lineno + 1,
                cells.len()
            ));
        }
        let (keys, rest) = cells.split_at(s.index.len());
        let mut key_vals = keys
            .iter()
            .zip(&s.index)
            .map(|(c, ty)| cell_value(c, ty))
            .collect::<Result<Vec<_>, _>>()?;
        let key = if key_vals.len() == 1 {
            key_vals.pop().unwrap_or(Value::Unset)
        } else {
            Value::Tuple(Rc::new(key_vals))
        };
        let value = match &s.yield_ {
            Yield::Plain(ty) => cell_value(rest[0], ty)?,
            Yield::Record {
                type_name,
                fields: names,
            } => {
                let mut vals = Vec::with_capacity(names.len());
                for ((n, c), ty) in names.iter().zip(rest).zip(&fields) {
                    vals.push((n.as_str(), cell_value(c, ty)?));
                }
                if super::declared_type(h, type_name).is_some() {
                    record_of(h, type_name, vals)
                } else {
                    record(
                        type_name,
                        vals.into_iter()
                            .map(|(n, v)| (n, types::string(), v))
                            .collect(),
                    )
                }
            }
        };
        t.insert(key, value);
    }
    let t = table.ok_or_else(|| format!("registry {name} has no #shape line"))?;
    Ok(Value::Table(Rc::new(RefCell::new(t))))
}

fn protocol_registry(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = String::from_utf8_lossy(arg(args, 0).as_bytes()).into_owned();
    let text = source(&name).ok_or_else(|| format!("no protocol registry named {name:?}"))?;
    build(h, &name, text)
}

pub(crate) static BIFS: &[BifDef] = &[BifDef {
    name: "protocol_registry",
    sig: "function(name: string): any",
    func: protocol_registry,
}];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::testing::{s, FakeHost};

    #[test]
    fn counts_to_names() {
        let mut h = FakeHost::new();
        let text = "# a comment\n#shape\tcount\tstring\n1\tone\n0x10\tsixteen\n\n";
        let v = build(&mut h, "t", text).unwrap();
        let Value::Table(t) = &v else { panic!() };
        let t = t.borrow();
        assert_eq!(t.len(), 2);
        assert_eq!(t.get(&Value::Count(16)).unwrap().as_bytes(), b"sixteen");
    }

    #[test]
    fn pair_index_and_escapes() {
        let mut h = FakeHost::new();
        let text = "#shape\tstring,count\tstring\nabc\t3\ta\\tb\\x41\n";
        let v = build(&mut h, "t", text).unwrap();
        let Value::Table(t) = &v else { panic!() };
        let key = Value::Tuple(Rc::new(vec![s("abc"), Value::Count(3)]));
        assert_eq!(t.borrow().get(&key).unwrap().as_bytes(), b"a\tbA");
    }

    #[test]
    fn record_yield_and_errors() {
        let mut h = FakeHost::new();
        let text = "#shape\tcount\tX::R(id,desc)\n5\tFIVE\tthe fifth\n";
        let v = build(&mut h, "t", text).unwrap();
        let Value::Table(t) = &v else { panic!() };
        assert!(t.borrow().get(&Value::Count(5)).is_some());
        assert!(build(&mut h, "t", "1\tone\n").is_err());
        assert!(build(&mut h, "t", "#shape\tcount\tstring\n1\n").is_err());
        assert!(build(&mut h, "t", "#shape\tcount\tstring\nx\ty\n").is_err());
    }

    #[test]
    fn every_shipped_registry_builds() {
        let mut h = FakeHost::new();
        for (name, text) in REGISTRIES {
            let v = build(&mut h, name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let Value::Table(t) = &v else { panic!() };
            assert!(!t.borrow().is_empty(), "{name} is empty");
        }
        assert!(h.call("protocol_registry", &[s("no-such")]).is_err());
    }
}
