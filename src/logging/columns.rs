//! A stream's columns: the `&log` fields of its record type, nested
//! records flattened into one column per leaf, and what a filter keeps of
//! them (`$include`, `$exclude`, `$field_name_map`, `$scope_sep`).

use super::Column;
use crate::runtime::types::{RecordType, Type};
use crate::runtime::value::Value;

/// What Zeek checks when a stream is made: some field is logged, and no
/// logged field is of a type logs cannot hold.
pub fn check_top_level(rt: &RecordType) -> Result<(), String> {
    let mut any = false;
    for f in rt.fields.borrow().iter().filter(|f| f.log) {
        if !matches!(&*f.ty, Type::Record(_)) && !loggable(&f.ty) {
            return Err(format!(
                "type of field '{}' is not support for logging output",
                f.name
            ));
        }
        any = true;
    }
    if any {
        Ok(())
    } else {
        Err("logged record type does not have any &log attributes".into())
    }
}

/// The columns of a record type: its `&log` fields, nested records
/// flattened with `sep` between the names (Zeek's `scope_sep`, "." by
/// default); an error for a column of a type logs cannot hold.
pub fn columns_of(rt: &RecordType, sep: &str) -> Result<Vec<Column>, String> {
    let mut out = Vec::new();
    collect_columns(rt, "", sep, &mut Vec::new(), &mut out)?;
    Ok(out)
}

/// What a filter keeps of a stream's columns.
#[derive(Default)]
pub struct Selection {
    /// Only these names, if given.
    pub include: Option<Vec<String>>,
    /// Never these names.
    pub exclude: Vec<String>,
    /// New names for some columns, applied after choosing.
    pub rename: Vec<(String, String)>,
}

impl Selection {
    /// The columns a filter writes, in the stream's order, renamed.
    pub fn apply(&self, all: Vec<Column>) -> Vec<Column> {
        all.into_iter()
            .filter(|c| {
                self.include
                    .as_ref()
                    .is_none_or(|inc| inc.contains(&c.name))
            })
            .filter(|c| !self.exclude.contains(&c.name))
            .map(|mut c| {
                if let Some((_, to)) = self.rename.iter().find(|(from, _)| *from == c.name) {
                    c.name = to.clone();
                }
                c
            })
            .collect()
    }
}

fn collect_columns(
    rt: &RecordType,
    prefix: &str,
    sep: &str,
    path: &mut Vec<usize>,
    out: &mut Vec<Column>,
) -> Result<(), String> {
    for (i, f) in rt.fields.borrow().iter().enumerate() {
        if !f.log {
            continue;
        }
        let name = format!("{prefix}{}", f.name);
        path.push(i);
        match &*f.ty {
            Type::Record(inner) => {
                let inner = inner.clone();
                collect_columns(&inner, &format!("{name}{sep}"), sep, path, out)?;
            }
            t if loggable(t) => out.push(Column {
                name,
                ty: f.ty.clone(),
                path: path.clone(),
            }),
            _ => return Err("unsupported field type for log column".into()),
        }
        path.pop();
    }
    Ok(())
}

fn loggable(t: &Type) -> bool {
    match t {
        Type::Bool
        | Type::Count
        | Type::Int
        | Type::Double
        | Type::Time
        | Type::Interval
        | Type::String
        | Type::Addr
        | Type::Subnet
        | Type::Port
        | Type::Enum(_)
        | Type::File
        | Type::Func(_) => true,
        Type::Table(tt) => {
            tt.yield_.is_none() && tt.index.len() == 1 && loggable_element(&tt.index[0])
        }
        Type::Vector(e) => loggable_element(e),
        _ => false,
    }
}

fn loggable_element(t: &Type) -> bool {
    !matches!(t, Type::Table(_) | Type::Vector(_) | Type::Record(_)) && loggable(t)
}

/// How a column's type is named in a log's `#types` line.
pub fn type_name(t: &Type) -> String {
    match t {
        Type::Bool => "bool".into(),
        Type::Count => "count".into(),
        Type::Int => "int".into(),
        Type::Double => "double".into(),
        Type::Time => "time".into(),
        Type::Interval => "interval".into(),
        Type::String => "string".into(),
        Type::Pattern => "pattern".into(),
        Type::Addr => "addr".into(),
        Type::Subnet => "subnet".into(),
        Type::Port => "port".into(),
        Type::Enum(_) => "enum".into(),
        Type::File => "file".into(),
        Type::Func(_) => "func".into(),
        Type::Table(tt) => {
            let idx: Vec<String> = tt.index.iter().map(|t| type_name(t)).collect();
            format!("set[{}]", idx.join(","))
        }
        Type::Vector(e) => format!("vector[{}]", type_name(e)),
        other => other.to_string(),
    }
}

/// The column values of a record, in column order; `Value::Unset` where a
/// field (or a record on the way to it) is unset.
pub fn row_of(rec: &Value, fields: &[Column]) -> Vec<Value> {
    fields.iter().map(|c| field_at(rec, &c.path)).collect()
}

fn field_at(rec: &Value, path: &[usize]) -> Value {
    let mut cur = rec.clone();
    for &i in path {
        let next = match &cur {
            Value::Record(r) => {
                let r = r.borrow();
                match r.fields.get(i) {
                    Some(v) => v.clone(),
                    None => {
                        r.ty.fields
                            .borrow()
                            .get(i)
                            .and_then(|f| f.late_default.clone())
                            .unwrap_or(Value::Unset)
                    }
                }
            }
            _ => Value::Unset,
        };
        cur = next;
    }
    cur
}

/// Zeek's default path for a stream without one (`Log::default_path_func`):
/// `Conn::LOG` is "conn", `KnownHosts::LOG` "known_hosts",
/// `Notice::POLICY_LOG` "notice_policy", a name without a module itself
/// in lower case.
pub fn default_path(id: &str) -> String {
    let Some((module, name)) = id.split_once("::") else {
        return id.to_lowercase();
    };
    if name != "LOG" {
        let name = name.strip_suffix("_LOG").unwrap_or(name);
        return format!("{}_{}", module.to_lowercase(), name.to_lowercase());
    }
    // Split the module at camel-case humps: a non-capital, a capital and
    // the lower-case letters after it, at most twice.
    let chars: Vec<char> = module.chars().collect();
    let mut parts: Vec<String> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 1 < chars.len() && parts.len() < 4 {
        if !chars[i].is_ascii_uppercase() && chars[i + 1].is_ascii_uppercase() {
            let mut j = i + 2;
            while j < chars.len() && chars[j].is_ascii_lowercase() {
                j += 1;
            }
            parts.push(chars[start..i].iter().collect());
            parts.push(chars[i..j].iter().collect());
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    parts.push(chars[start..].iter().collect());
    let hump = |s: &str| -> String {
        let mut c = s.chars();
        match c.next() {
            Some(first) => format!("{first}_{}", c.as_str()),
            None => String::new(),
        }
    };
    let mut out = parts.first().cloned().unwrap_or_default();
    if let Some(p) = parts.get(1).filter(|p| !p.is_empty()) {
        out.push_str(&hump(p));
    }
    if let Some(p) = parts.get(2).filter(|p| !p.is_empty()) {
        out.push('_');
        out.push_str(p);
    }
    if let Some(p) = parts.get(3).filter(|p| !p.is_empty()) {
        out.push_str(&hump(p));
    }
    out.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::default_path;

    #[test]
    fn default_paths() {
        assert_eq!(default_path("Conn::LOG"), "conn");
        assert_eq!(default_path("SSL::LOG"), "ssl");
        assert_eq!(default_path("KnownHosts::LOG"), "known_hosts");
        assert_eq!(default_path("Notice::POLICY_LOG"), "notice_policy");
        assert_eq!(default_path("Foo::BAR"), "foo_bar");
        assert_eq!(default_path("PRINTLOG"), "printlog");
    }
}
