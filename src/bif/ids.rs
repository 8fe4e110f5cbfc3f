//! Built-ins about the script's globals, types and the run itself:
//! global_ids, global_options, type_aliases, footprints,
//! find_in_zeekpath, event metadata, what kind of analyzer a tag names,
//! and the facts of this build (no Spicy, no remote peers).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::{arg, bytes, reporter_error, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::table::TableVal;
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::Value;

/// What the compiler recorded about each global, by global id, and the
/// modules the scripts declared: what `global_ids()` reports beyond a
/// global's type and value. The compiler fills it in as it declares.
#[derive(Default)]
pub struct GlobalFlags {
    by_id: Vec<IdFlags>,
    modules: BTreeSet<String>,
    /// The attributes each global was declared with: the name with its
    /// `&`, and the expression as Zeek writes it back.
    attrs: ahash::AHashMap<u32, Vec<(String, Option<String>)>>,
}

/// How a global was declared.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdFlags {
    pub exported: bool,
    pub constant: bool,
    pub enum_constant: bool,
    pub option: bool,
    pub redefinable: bool,
}

impl GlobalFlags {
    pub fn set(&mut self, id: u32, flags: IdFlags) {
        let i = id as usize;
        if self.by_id.len() <= i {
            self.by_id.resize(i + 1, IdFlags::default());
        }
        self.by_id[i] = flags;
    }

    pub fn set_redefinable(&mut self, id: u32, on: bool) {
        if let Some(f) = self.by_id.get_mut(id as usize) {
            f.redefinable = on;
        }
    }

    pub fn set_attributes(&mut self, id: u32, attrs: Vec<(String, Option<String>)>) {
        if attrs.is_empty() {
            self.attrs.remove(&id);
        } else {
            self.attrs.insert(id, attrs);
        }
    }

    pub fn add_module(&mut self, name: &str) {
        if !self.modules.contains(name) {
            self.modules.insert(name.to_string());
        }
    }
}

/// How `@load` finds a script by name (ZEEKPATH, then the embedded
/// library): the compiler puts it here for `find_in_zeekpath()`.
pub struct ScriptFinder(pub fn(&str) -> Option<String>);

/// Every global in name order: its name, value, type, whether it names
/// a type, and how it was declared.
fn globals_with_flags(h: &mut dyn Host) -> Vec<(String, Value, TypeRef, bool, IdFlags)> {
    let by_id: Vec<IdFlags> = h
        .extensions()
        .get::<GlobalFlags>()
        .map(|g| g.by_id.clone())
        .unwrap_or_default();
    h.global_names()
        .into_iter()
        .filter_map(|n| {
            let (v, t, is_type) = h.lookup_global(&n)?;
            let f = h
                .global_id(&n)
                .and_then(|i| by_id.get(i as usize).copied())
                .unwrap_or_default();
            Some((n, v, t, is_type, f))
        })
        .collect()
}

fn global_ids(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let Some(table_ty) = super::declared_type(h, "id_table") else {
        return Err("id_table is not declared".into());
    };
    let mut out = TableVal::new(table_ty);
    // As in Zeek: while scripts are read the set of globals is not
    // complete yet, so the answer would mislead; an empty table and an
    // error, which ends the run before zeek_init.
    if h.reading_scripts() {
        h.report("error", "top-level global_ids() call unsupported");
        return Ok(Value::Table(Rc::new(RefCell::new(out))));
    }
    for (name, v, t, is_type, f) in globals_with_flags(h) {
        let mut fields = vec![
            ("type_name", Value::str(t.to_string().as_bytes())),
            ("exported", Value::Bool(f.exported)),
            ("constant", Value::Bool(f.constant)),
            ("enum_constant", Value::Bool(f.enum_constant)),
            ("option_value", Value::Bool(f.option)),
            ("redefinable", Value::Bool(f.redefinable)),
            ("broker_backend", Value::Bool(false)),
        ];
        if !is_type && !v.is_unset() {
            fields.push(("value", v));
        }
        let attrs = h.global_id(&name).and_then(|id| {
            h.extensions()
                .get::<GlobalFlags>()
                .and_then(|g| g.attrs.get(&id).cloned())
        });
        if let Some(attrs) = attrs {
            let mut items = Vec::with_capacity(attrs.len());
            for (n, e) in attrs {
                let mut f = vec![("name", Value::str(n.as_bytes()))];
                if let Some(e) = e {
                    f.push(("expr", Value::str(e.as_bytes())));
                }
                items.push(super::record_of(h, "script_id_attr", f));
            }
            let ty = super::declared_type(h, "script_id_attrs")
                .unwrap_or_else(|| types::vector_of(types::any()));
            fields.push(("attributes", typed_vector(ty, items)));
        }
        let rec = super::record_of(h, "script_id", fields);
        out.insert(Value::str(name.as_bytes()), rec);
    }
    let modules: Vec<String> = h
        .extensions()
        .get::<GlobalFlags>()
        .map(|g| g.modules.iter().cloned().collect())
        .unwrap_or_default();
    for m in modules {
        let rec = super::record_of(
            h,
            "script_id",
            vec![
                ("type_name", Value::str(b"module")),
                ("exported", Value::Bool(false)),
                ("constant", Value::Bool(false)),
                ("enum_constant", Value::Bool(false)),
                ("option_value", Value::Bool(false)),
                ("redefinable", Value::Bool(false)),
                ("broker_backend", Value::Bool(false)),
            ],
        );
        out.insert(Value::str(format!("module {m}").as_bytes()), rec);
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}

fn global_options(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let names: Vec<Vec<u8>> = globals_with_flags(h)
        .into_iter()
        .filter(|g| g.4.option)
        .map(|g| g.0.into_bytes())
        .collect();
    Ok(super::string_set(names))
}

/// The name a type goes by: a record's or enum's own, or the one a
/// `type X: T;` declaration gave a copy of an unnamed type.
fn type_name_of(t: &TypeRef) -> Option<String> {
    match &**t {
        Type::Record(_) | Type::Enum(_) => t.name().filter(|n| !n.is_empty()),
        _ => types::alias_name(t),
    }
}

fn type_aliases(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let t = match arg(args, 0) {
        Value::Type(t) => t.clone(),
        v => types::type_of(v),
    };
    let Some(name) = type_name_of(&t) else {
        return Ok(super::string_set(Vec::new()));
    };
    // Each type declaration links its name with the name of the type it
    // declares (the same for a new record or enum, the aliased type's
    // for `type B: A;`); the aliases are everything linked to the name.
    let mut links: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for n in h.global_names() {
        let Some((_, ty, true)) = h.lookup_global(&n) else {
            continue;
        };
        let Some(tn) = type_name_of(&ty) else {
            continue;
        };
        if let Some(from) = types::alias_origin(&ty) {
            links.entry(from.clone()).or_default().insert(tn.clone());
            links.entry(tn.clone()).or_default().insert(from);
        }
        links.entry(n.clone()).or_default().insert(tn.clone());
        links.entry(tn).or_default().insert(n);
    }
    let mut seen: BTreeSet<String> = BTreeSet::new();
    if links.contains_key(&name) {
        let mut todo = vec![name];
        while let Some(n) = todo.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(next) = links.get(&n) {
                todo.extend(next.iter().filter(|x| !seen.contains(*x)).cloned());
            }
        }
    }
    Ok(super::string_set(
        seen.into_iter().map(String::into_bytes).collect(),
    ))
}

/// Zeek's size of a value object, by which a string's footprint grows.
const ZEEK_VAL_SIZE: u64 = 32;

/// Zeek's "footprint" of a value: 1 for an atomic value (a string adds
/// one per 32 bytes), an aggregate counts its slots and what they hold;
/// an aggregate met again inside itself counts 1.
pub(crate) fn footprint(v: &Value) -> u64 {
    let mut active: Vec<usize> = Vec::new();
    footprint_in(v, &mut active)
}

fn footprint_in(v: &Value, active: &mut Vec<usize>) -> u64 {
    let ptr = match v {
        Value::Record(r) => Rc::as_ptr(r) as *const u8 as usize,
        Value::Table(t) => Rc::as_ptr(t) as *const u8 as usize,
        Value::Vector(x) => Rc::as_ptr(x) as *const u8 as usize,
        Value::String(s) => return 1 + s.len() as u64 / ZEEK_VAL_SIZE,
        Value::Unset => return 0,
        _ => return 1,
    };
    if active.contains(&ptr) {
        return 1;
    }
    active.push(ptr);
    let fp = match v {
        Value::Record(r) => {
            let fields = r.borrow().fields.clone();
            fields.len() as u64 + fields.iter().map(|f| footprint_in(f, active)).sum::<u64>()
        }
        Value::Vector(x) => {
            let items = x.borrow().items.clone();
            items.len() as u64 + items.iter().map(|f| footprint_in(f, active)).sum::<u64>()
        }
        Value::Table(t) => {
            let entries: Vec<(Value, Value)> = t
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let mut fp = entries.len() as u64;
            for (k, val) in &entries {
                // The index is a list of its parts.
                fp += match k {
                    Value::Tuple(parts) => {
                        parts.len() as u64
                            + parts.iter().map(|p| footprint_in(p, active)).sum::<u64>()
                    }
                    k => 1 + footprint_in(k, active),
                };
                fp += footprint_in(val, active);
            }
            fp
        }
        _ => 1,
    };
    active.pop();
    fp
}

fn val_footprint(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Count(footprint(arg(args, 0))))
}

fn global_container_footprints(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let ty = super::declared_type(h, "var_sizes")
        .unwrap_or_else(|| types::table_of(vec![types::string()], types::count()));
    let mut out = TableVal::new(ty);
    for n in h.global_names() {
        let Some((v, _, false)) = h.lookup_global(&n) else {
            continue;
        };
        if matches!(v, Value::Record(_) | Value::Table(_) | Value::Vector(_)) {
            out.insert(Value::str(n.as_bytes()), Value::Count(footprint(&v)));
        }
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}

fn find_in_zeekpath(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let p = String::from_utf8_lossy(bytes(args, 0)).into_owned();
    if p.starts_with('.') || p.starts_with('/') {
        reporter_error(h, "find_in_zeek_path: path must be relative or absolute");
        return Ok(Value::str(b""));
    }
    let found = h
        .extensions()
        .get::<ScriptFinder>()
        .and_then(|f| (f.0)(&p))
        .unwrap_or_default();
    Ok(Value::str(found.as_bytes()))
}

// ---------- event metadata ----------

/// The metadata types registered so far (`EventMetadata::register`), by
/// the kind's number. NETWORK_TIMESTAMP is a `time` from the start.
struct MetadataTypes(BTreeMap<i64, TypeRef>);

fn metadata_types(h: &mut dyn Host) -> &mut MetadataTypes {
    if h.extensions().get::<MetadataTypes>().is_none() {
        let mut m = BTreeMap::new();
        m.insert(1, types::time());
        h.extensions().insert(MetadataTypes(m));
    }
    h.extensions()
        .get_mut::<MetadataTypes>()
        .expect("just inserted")
}

/// Whether a type may be metadata: no `any`, function, file or opaque
/// anywhere in it.
fn metadata_type_ok(t: &TypeRef) -> bool {
    match &**t {
        Type::Any | Type::Func(_) | Type::File | Type::Opaque(_) | Type::Error | Type::Void => {
            false
        }
        Type::Record(r) => r.fields.borrow().iter().all(|f| metadata_type_ok(&f.ty)),
        Type::Table(tt) => {
            tt.index.iter().all(metadata_type_ok) && tt.yield_.as_ref().is_none_or(metadata_type_ok)
        }
        Type::Vector(y) => metadata_type_ok(y),
        Type::List(ts) => ts.iter().all(metadata_type_ok),
        _ => true,
    }
}

fn metadata_register(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Type(t) = arg(args, 1) else {
        super::builtin_error(h, "register_event_metadata() expects type");
        return Ok(Value::Bool(false));
    };
    let t = t.clone();
    let id = match arg(args, 0) {
        Value::Enum(e) if e.type_name == "EventMetadata::ID" => e.value,
        _ => return Ok(Value::Bool(false)),
    };
    let reg = metadata_types(h);
    if let Some(old) = reg.0.get(&id) {
        return Ok(Value::Bool(types::same_type(old, &t)));
    }
    if !metadata_type_ok(&t) {
        return Ok(Value::Bool(false));
    }
    reg.0.insert(id, t);
    Ok(Value::Bool(true))
}

/// The current event's metadata: its network timestamp, when
/// `EventMetadata::add_network_timestamp` is set (every event here is
/// local).
fn current_metadata(h: &mut dyn Host) -> Vec<(i64, Value)> {
    if !h.in_event() {
        return Vec::new();
    }
    let on = h
        .lookup_global("EventMetadata::add_network_timestamp")
        .is_some_and(|(v, _, _)| v.as_bool());
    if on {
        vec![(1, Value::Time(h.current_event_time()))]
    } else {
        Vec::new()
    }
}

fn metadata_current(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = match arg(args, 0) {
        Value::Enum(e) => e.value,
        _ => -1,
    };
    let items: Vec<Value> = current_metadata(h)
        .into_iter()
        .filter(|(k, _)| *k == id)
        .map(|(_, v)| v)
        .collect();
    let ty = super::declared_type(h, "any_vec").unwrap_or_else(|| types::vector_of(types::any()));
    Ok(typed_vector(ty, items))
}

fn metadata_current_all(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let mut items = Vec::new();
    for (k, v) in current_metadata(h) {
        let id = super::declared_enum(h, "EventMetadata::NETWORK_TIMESTAMP")
            .filter(|_| k == 1)
            .unwrap_or_else(|| {
                super::enum_value("EventMetadata::ID", "EventMetadata::NETWORK_TIMESTAMP", k)
            });
        items.push(super::record_of(
            h,
            "EventMetadata::Entry",
            vec![("id", id), ("val", v)],
        ));
    }
    let ty = super::declared_type(h, "event_metadata_vec")
        .unwrap_or_else(|| types::vector_of(types::any()));
    Ok(typed_vector(ty, items))
}

/// A vector value of a declared vector type.
fn typed_vector(ty: TypeRef, items: Vec<Value>) -> Value {
    Value::Vector(Rc::new(RefCell::new(crate::runtime::value::VectorVal {
        ty,
        items,
    })))
}

// ---------- analyzers, the build, the run ----------

/// The enum type an analyzer tag belongs to.
fn tag_type(v: &Value) -> Option<&str> {
    match v {
        Value::Enum(e) => Some(e.type_name.as_str()),
        _ => None,
    }
}

fn check_tag(h: &mut dyn Host, v: &Value) -> Result<(), String> {
    match tag_type(v) {
        Some("Analyzer::Tag" | "PacketAnalyzer::Tag" | "Files::Tag" | "AllAnalyzers::Tag") => {
            Ok(())
        }
        _ => {
            let msg = format!("expected an analyzer tag, got {}", types::type_of(v));
            super::builtin_error(h, &msg);
            Err(msg)
        }
    }
}

fn is_protocol_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    check_tag(h, arg(args, 0))?;
    Ok(Value::Bool(tag_type(arg(args, 0)) == Some("Analyzer::Tag")))
}

fn is_packet_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    check_tag(h, arg(args, 0))?;
    Ok(Value::Bool(
        tag_type(arg(args, 0)) == Some("PacketAnalyzer::Tag"),
    ))
}

fn is_file_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    check_tag(h, arg(args, 0))?;
    Ok(Value::Bool(tag_type(arg(args, 0)) == Some("Files::Tag")))
}

fn false_(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(false))
}

fn true_(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(true))
}

fn reading_traces(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(h.packet_source().is_some()))
}

fn set_network_time(h: &mut dyn Host, args: &[Value]) -> BifResult {
    h.set_network_time(arg(args, 0).as_double());
    Ok(Value::Bool(true))
}

fn any_set_to_any_vec(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let items = match arg(args, 0) {
        Value::Table(t) => t
            .borrow()
            .keys()
            .into_iter()
            .map(|k| match k {
                // A set of one index type gives its values; a set indexed
                // by several gives each index whole.
                Value::Tuple(parts) if parts.len() == 1 => parts[0].clone(),
                k => k,
            })
            .collect(),
        _ => Vec::new(),
    };
    let ty = super::declared_type(h, "any_vec").unwrap_or_else(|| types::vector_of(types::any()));
    Ok(typed_vector(ty, items))
}

/// Zeek's plugin component categories.
const PLUGIN_CATEGORIES: &[&str] = &[
    "READER",
    "WRITER",
    "ANALYZER",
    "PACKET_ANALYZER",
    "FILE_ANALYZER",
    "IOSOURCE",
    "PKTSRC",
    "PKTDUMPER",
    "SESSION_ADAPTER",
    "CLUSTER_BACKEND",
    "EVENT_SERIALIZER",
    "LOG_SERIALIZER",
    "STORAGE_BACKEND",
    "STORAGE_SERIALIZER",
];

/// The components of a category: the analyzers the scripts' tag enums
/// name (each built in, so enabled); rzeek has none of the other kinds
/// as plugins.
fn get_plugin_components(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let cat = String::from_utf8_lossy(bytes(args, 0)).into_owned();
    if !PLUGIN_CATEGORIES.contains(&cat.as_str()) {
        reporter_error(h, &format!("Unknown category type: {cat}"));
    }
    let tag_type = match cat.as_str() {
        "ANALYZER" => Some("Analyzer::Tag"),
        "PACKET_ANALYZER" => Some("PacketAnalyzer::Tag"),
        "FILE_ANALYZER" => Some("Files::Tag"),
        _ => None,
    };
    let names: Vec<String> = tag_type
        .and_then(|t| super::declared_type(h, t))
        .and_then(|t| match &*t {
            Type::Enum(e) => Some(
                e.consts
                    .borrow()
                    .iter()
                    .map(|c| {
                        let short = c.name.rsplit("::").next().unwrap_or(&c.name);
                        short.strip_prefix("ANALYZER_").unwrap_or(short).to_string()
                    })
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default();
    let mut items = Vec::with_capacity(names.len());
    for n in names {
        items.push(super::record_of(
            h,
            "PluginComponent",
            vec![
                ("name", Value::str(n.as_bytes())),
                ("canonical_name", Value::str(n.as_bytes())),
                ("tag", Value::str(format!("{cat}_{n}").as_bytes())),
                ("enabled", Value::Bool(true)),
            ],
        ));
    }
    let ty = super::declared_type(h, "plugin_component_vec")
        .unwrap_or_else(|| types::vector_of(types::any()));
    Ok(typed_vector(ty, items))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "get_plugin_components",
        sig: "function(category: string): plugin_component_vec",
        func: get_plugin_components,
    },
    BifDef {
        name: "global_ids",
        sig: "function(): id_table",
        func: global_ids,
    },
    BifDef {
        name: "global_options",
        sig: "function(): string_set",
        func: global_options,
    },
    BifDef {
        name: "type_aliases",
        sig: "function(x: any): string_set",
        func: type_aliases,
    },
    BifDef {
        name: "val_footprint",
        sig: "function(v: any): count",
        func: val_footprint,
    },
    BifDef {
        name: "global_container_footprints",
        sig: "function(): var_sizes",
        func: global_container_footprints,
    },
    BifDef {
        name: "find_in_zeekpath",
        sig: "function(p: string): string",
        func: find_in_zeekpath,
    },
    BifDef {
        name: "EventMetadata::register",
        sig: "function(id: EventMetadata::ID, t: any): bool",
        func: metadata_register,
    },
    BifDef {
        name: "EventMetadata::current",
        sig: "function(id: EventMetadata::ID): any_vec",
        func: metadata_current,
    },
    BifDef {
        name: "EventMetadata::current_all",
        sig: "function(): event_metadata_vec",
        func: metadata_current_all,
    },
    // AllAnalyzers::Tag is the parent of Analyzer::Tag, PacketAnalyzer::Tag
    // and Files::Tag; rzeek's checker has no enum parent types, so these
    // take `any` and check the tag when called.
    BifDef {
        name: "is_protocol_analyzer",
        sig: "function(atype: any): bool",
        func: is_protocol_analyzer,
    },
    BifDef {
        name: "is_packet_analyzer",
        sig: "function(atype: any): bool",
        func: is_packet_analyzer,
    },
    BifDef {
        name: "is_file_analyzer",
        sig: "function(atype: any): bool",
        func: is_file_analyzer,
    },
    BifDef {
        name: "have_spicy",
        sig: "function(): bool",
        func: false_,
    },
    BifDef {
        name: "have_spicy_analyzers",
        sig: "function(): bool",
        func: false_,
    },
    BifDef {
        name: "is_remote_event",
        sig: "function(): bool",
        func: false_,
    },
    BifDef {
        name: "reading_live_traffic",
        sig: "function(): bool",
        func: false_,
    },
    BifDef {
        name: "reading_traces",
        sig: "function(): bool",
        func: reading_traces,
    },
    BifDef {
        name: "__init_secondary_bifs",
        sig: "function(): bool",
        func: true_,
    },
    BifDef {
        name: "set_network_time",
        sig: "function(nt: time): bool",
        func: set_network_time,
    },
    BifDef {
        name: "Option::any_set_to_any_vec",
        sig: "function(v: any): any_vec",
        func: any_set_to_any_vec,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footprints() {
        assert_eq!(footprint(&Value::Count(3)), 1);
        assert_eq!(footprint(&Value::str(&[b'x'; 64])), 3);
        let v = super::super::vector(types::count(), vec![Value::Count(1), Value::Count(2)]);
        assert_eq!(footprint(&v), 4);
        let s = super::super::string_set(vec![b"a".to_vec()]);
        // One entry, its index list (1) holding one string (1).
        assert_eq!(footprint(&s), 3);
    }
}
