//! Checks on attribute lists: which attribute may stand on what, and
//! which may not stand together, in Zeek's words.

use super::describe;
use super::Compiler;
use crate::runtime::types::{Type, TypeRef};
use crate::syntax::ast::{self, FuncKind, Span};

/// Where an attribute list is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct AttrPlace {
    /// On a record field.
    pub in_record: bool,
    /// On a global (`global`, `const`, `option`).
    pub global: bool,
    /// On a function parameter.
    pub param: bool,
}

/// Attributes that may be given twice without being ambiguous.
const REPEATABLE: &[&str] = &[
    "broker_allow_complex_type",
    "error_handler",
    "is_used",
    "log",
    "no_ZAM_opt",
    "no_CPP_opt",
    "optional",
    "raw_output",
    "redef",
];

/// One attribute as Zeek writes it in messages: `&name` or `&name=expr`.
pub fn attr_text(a: &ast::Attr) -> String {
    match &a.value {
        Some(v) => format!("&{}={}", a.name, describe::expr(v)),
        None => format!("&{}", a.name),
    }
}

/// An attribute in a list being checked, or one Zeek adds by itself.
enum Held<'a> {
    Written(&'a ast::Attr),
    Implied(&'static str),
}

impl Held<'_> {
    fn name(&self) -> &str {
        match self {
            Held::Written(a) => &a.name,
            Held::Implied(n) => n,
        }
    }
    fn text(&self) -> String {
        match self {
            Held::Written(a) => attr_text(a),
            Held::Implied(n) => format!("&{n}"),
        }
    }
}

/// Whether values of a type can be a log column (`&log`).
fn loggable(t: &TypeRef, atomic_only: bool) -> bool {
    match &**t {
        Type::Bool
        | Type::Int
        | Type::Count
        | Type::Port
        | Type::Subnet
        | Type::Addr
        | Type::Double
        | Type::Time
        | Type::Interval
        | Type::Enum(_)
        | Type::String
        | Type::File
        | Type::Func(_)
        | Type::Error => true,
        Type::Record(_) => !atomic_only,
        Type::Table(tt) => {
            !atomic_only
                && tt.yield_.is_none()
                && tt.index.len() == 1
                && loggable(&tt.index[0], true)
        }
        Type::Vector(e) => !atomic_only && loggable(e, true),
        _ => false,
    }
}

impl Compiler {
    /// Zeek rejects an attribute given twice when it cannot tell which one
    /// is meant; repeating some (`&redef &redef`) is harmless.
    pub fn check_attrs(&mut self, attrs: &[ast::Attr]) {
        for (i, a) in attrs.iter().enumerate() {
            let Some(prev) = attrs[..i].iter().rev().find(|b| b.name == a.name) else {
                continue;
            };
            let fine = if a.name == "deprecated" {
                a.value.is_none() && prev.value.is_none()
            } else {
                REPEATABLE.contains(&a.name.as_str())
            };
            if !fine {
                self.error(
                    a.span,
                    format!("Duplicate &{} attribute is ambiguous", a.name),
                );
            }
        }
    }

    /// Zeek's checks of an attribute list as it takes each attribute in
    /// turn; `at` is where Zeek places the list. Returns whether all were
    /// accepted. Type checks of `&default` values, `&expire_func` and
    /// `&on_change` functions are made where those are compiled.
    pub fn check_attr_list(
        &mut self,
        attrs: &[ast::Attr],
        ty: &TypeRef,
        place: AttrPlace,
        at: Span,
    ) -> bool {
        let mut held: Vec<Held> = Vec::new();
        let mut ok = true;
        let is_table = matches!(&**ty, Type::Table(_));
        // A table with values (not a set).
        let is_map = matches!(&**ty, Type::Table(t) if t.yield_.is_some());
        let unchecked = ty.is_error();
        for a in attrs {
            let name = a.name.as_str();
            if let Some(prev) = held.iter().find(|h| h.name() == name) {
                let prev_msg = match prev {
                    Held::Written(p) => p.value.is_some(),
                    Held::Implied(_) => false,
                };
                let fine = if name == "deprecated" {
                    a.value.is_none() && !prev_msg
                } else {
                    REPEATABLE.contains(&name)
                };
                if !fine {
                    self.error(a.span, format!("Duplicate &{name} attribute is ambiguous"));
                }
            }
            held.retain(|h| h.name() != name);
            held.push(Held::Written(a));
            if unchecked {
                continue;
            }
            let has = |n: &str, held: &[Held]| held.iter().any(|h| h.name() == n);
            let problem: Option<String> = match name {
                "deprecated" | "redef" | "is_assigned" | "is_used" => None,
                "optional" if !place.in_record => {
                    Some("&optional is only valid for record fields".into())
                }
                "optional" if has("default", &held) => Some(
                    "Using &default and &optional together results in &default behavior".into(),
                ),
                "default" if place.global && !is_map => {
                    Some("&default is not valid for global variables except for tables".into())
                }
                "default_insert" if !is_map => {
                    Some("&default_insert only applicable to tables".into())
                }
                "default_insert" | "default"
                    if has("default", &held) && has("default_insert", &held) =>
                {
                    Some("&default and &default_insert cannot be used together".into())
                }
                "default" if place.in_record && has("optional", &held) => Some(
                    "Using &default and &optional together results in &default behavior".into(),
                ),
                "read_expire" if has("broker_store", &held) => {
                    Some("&broker_store and &read_expire cannot be used simultaneously".into())
                }
                "read_expire" if has("backend", &held) => {
                    Some("&backend and &read_expire cannot be used simultaneously".into())
                }
                "read_expire" | "write_expire" | "create_expire" if !is_table => {
                    Some("expiration only applicable to sets/tables".into())
                }
                "read_expire" | "write_expire" | "create_expire"
                    if held
                        .iter()
                        .filter(|h| {
                            matches!(h.name(), "read_expire" | "write_expire" | "create_expire")
                        })
                        .count()
                        > 1 =>
                {
                    Some(
                        "set/table can only have one of &read_expire, &write_expire, &create_expire"
                            .into(),
                    )
                }
                "expire_func" if !is_table => Some("expiration only applicable to tables".into()),
                "expire_func" if has("broker_store", &held) => {
                    Some("&broker_store and &expire_func cannot be used simultaneously".into())
                }
                "expire_func" if has("backend", &held) => {
                    Some("&backend and &expire_func cannot be used simultaneously".into())
                }
                "on_change" if !is_table => Some("&on_change only applicable to sets/tables".into()),
                "publish_on_change" if !place.global || !is_table => {
                    Some("&publish_on_change only applicable to global sets/tables".into())
                }
                "backend" | "broker_store" => {
                    self.deprecation(
                        a.span,
                        format!(
                            "Remove in v9.1: The Broker-specific &{name} attribute on tables is deprecated. Use explicit remote events via Cluster::publish() or the storage framework to distribute or persist state."
                        ),
                    );
                    let other = if name == "backend" { "broker_store" } else { "backend" };
                    if name == "backend" && (!place.global || !is_table) {
                        Some("&backend only applicable to global sets/tables".into())
                    } else if name == "broker_store" && !is_table {
                        Some("&broker_store only applicable to sets/tables".into())
                    } else if has("expire_func", &held) {
                        Some(format!("&{name} and &expire_func cannot be used simultaneously"))
                    } else if has("read_expire", &held) {
                        Some(format!("&{name} and &read_expire cannot be used simultaneously"))
                    } else if has(other, &held) {
                        Some("&backend and &broker_store cannot be used simultaneously".into())
                    } else {
                        None
                    }
                }
                "broker_allow_complex_type" if !is_table => {
                    Some("&broker_allow_complex_type only applicable to sets/tables".into())
                }
                "raw_output" if !matches!(&**ty, Type::File) => {
                    Some("&raw_output only applicable to files".into())
                }
                "priority" => Some("&priority only applicable to event bodies".into()),
                "group" | "error_handler"
                    if !matches!(ty.as_func(), Some(f) if f.kind == FuncKind::Event) =>
                {
                    Some(format!("&{name} only applicable to events"))
                }
                "log" if !loggable(ty, false) => {
                    Some("&log applied to a type that cannot be logged".into())
                }
                "type_column" if !matches!(&**ty, Type::Port) => {
                    Some("type_column tag only applicable to ports".into())
                }
                "ordered" if !is_table => Some("&ordered only applicable to tables".into()),
                _ => None,
            };
            match problem {
                Some(msg) => {
                    let desc: Vec<String> = held.iter().map(Held::text).collect();
                    self.error(at, format!("{msg} ({})", desc.join(", ")));
                    held.pop();
                    ok = false;
                }
                None => {
                    if matches!(name, "add_func" | "delete_func") && !has("redef", &held) {
                        held.push(Held::Implied("redef"));
                    }
                    if name == "default" && !place.global && !has("optional", &held) {
                        held.push(Held::Implied("optional"));
                    }
                }
            }
        }
        ok
    }

    /// Marks a global `&deprecated` if its attributes say so.
    pub fn note_deprecated_id(&mut self, id: u32, attrs: &[ast::Attr]) {
        if let Some(msg) = super::deprecation(attrs) {
            self.deprecated_ids.entry(id).or_insert(msg);
        }
    }

    /// Zeek's warning for naming a deprecated global at `at`.
    pub fn check_deprecated_id(&mut self, id: u32, at: Span) {
        let Some(msg) = self.deprecated_ids.get(&id) else {
            return;
        };
        let name = &self.globals.info(id).name;
        let text = if msg.is_empty() {
            format!("deprecated ({name})")
        } else {
            format!("deprecated ({name}): {msg}")
        };
        self.deprecation_once(at, text);
    }

    /// Marks the `&deprecated` fields of a record type.
    pub fn note_deprecated_fields(
        &mut self,
        rt: &crate::runtime::types::RecordType,
        first: usize,
        fields: &[ast::Field],
    ) {
        for (i, f) in fields.iter().enumerate() {
            if let Some(msg) = super::deprecation(&f.attrs) {
                self.deprecated_fields
                    .insert((rt as *const _ as usize, first + i), msg);
            }
        }
    }

    /// Zeek's warning for using a deprecated record field in `what` (the
    /// expression as Zeek describes it); `check` for `?$`.
    pub fn check_deprecated_field(
        &mut self,
        rt: &crate::runtime::types::RecordType,
        field: usize,
        check: bool,
        what: &str,
        at: Span,
    ) {
        let Some(msg) = self
            .deprecated_fields
            .get(&(rt as *const _ as usize, field))
        else {
            return;
        };
        let rname = rt.name.borrow().clone().unwrap_or_default();
        let fname = rt
            .fields
            .borrow()
            .get(field)
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let q = if check { "?" } else { "" };
        let text = if msg.is_empty() {
            format!("deprecated ({rname}{q}${fname}) ({what})")
        } else {
            format!("deprecated ({rname}{q}${fname}): {msg} ({what})")
        };
        self.deprecation_once(at, text);
    }

    fn deprecation_once(&mut self, at: Span, text: String) {
        let key = (at.file, at.lo, at.hi, text.clone());
        if self.deprecation_told.insert(key) {
            self.deprecation(at, text);
        }
    }

    /// A deprecation warning, unless `@pragma push ignore-deprecations`
    /// is in force where it is.
    pub fn deprecation(&mut self, span: Span, msg: impl Into<String>) {
        if !self.ignoring_deprecations(span) {
            self.warning(span, msg);
        }
    }
}
