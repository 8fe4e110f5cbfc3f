//! The logging framework's built-ins (`Log::__create_stream` and the
//! rest), which the script layer in base/frameworks/logging calls, and
//! what one `Log::write` does: the global stream policy hook, the
//! stream's event, then per filter its policy hook, its path and the row
//! handed to the writer for that path.

use super::{arg, reporter_error, reporter_warning, BifResult};
use crate::logging::{
    self, ascii, columns::Selection, Column, Filter, LogStreams, LogWriter, Stream,
};
use crate::runtime::func::{BifDef, FuncVal, Host};
use crate::runtime::types::Type;
use crate::runtime::value::Value;
use std::rc::Rc;

/// The value of a `Log::ID` enumerator.
fn stream_id(v: &Value) -> Option<i64> {
    match v {
        Value::Enum(e) => Some(e.value),
        _ => None,
    }
}

/// A field of a record value by name; `Unset` if it has no value.
fn field(rec: &Value, name: &str) -> Value {
    match rec {
        Value::Record(r) => {
            let r = r.borrow();
            r.ty.field_index(name)
                .and_then(|i| r.fields.get(i).cloned())
                .unwrap_or(Value::Unset)
        }
        _ => Value::Unset,
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(String::from_utf8_lossy(s).into_owned()),
        _ => None,
    }
}

/// The members of a `set[string]`, or the pairs of a
/// `table[string] of string`.
fn strings_of(v: &Value) -> Vec<(String, Option<String>)> {
    let Value::Table(t) = v else {
        return Vec::new();
    };
    let t = t.borrow();
    t.iter()
        .filter_map(|(k, y)| Some((text(k)?, text(y))))
        .collect()
}

/// A hook or event with script bodies to run, if `v` is one.
fn with_handlers(v: Value) -> Option<Value> {
    match &v {
        Value::Func(f) if !f.handlers.borrow().is_empty() => Some(v),
        _ => None,
    }
}

fn global(h: &dyn Host, name: &str) -> Option<Value> {
    h.lookup_global(name).map(|(v, _, _)| v)
}

fn global_bytes(h: &dyn Host, name: &str, fallback: &[u8]) -> Vec<u8> {
    match global(h, name) {
        Some(Value::String(s)) => s.to_vec(),
        _ => fallback.to_vec(),
    }
}

fn global_bool(h: &dyn Host, name: &str, fallback: bool) -> bool {
    match global(h, name) {
        Some(Value::Bool(b)) => b,
        _ => fallback,
    }
}

fn create_stream(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (Some(id), Value::Enum(e)) = (stream_id(arg(args, 0)), arg(args, 0)) else {
        return Ok(Value::Bool(false));
    };
    let spec = arg(args, 1);
    let columns = match field(spec, "columns") {
        Value::Type(t) => match &*t {
            Type::Record(rt) => Some(rt.clone()),
            Type::TypeOf(inner) => inner.as_record().cloned(),
            _ => None,
        },
        _ => None,
    };
    let Some(columns) = columns else {
        reporter_error(h, "Only record types can be logged");
        return Ok(Value::Bool(false));
    };
    if let Err(msg) = logging::check_top_level(&columns) {
        reporter_error(h, &msg);
        return Ok(Value::Bool(false));
    }
    if let Err(msg) = logging::columns_of(&columns, ".") {
        reporter_error(h, &msg);
        return Ok(Value::Bool(false));
    }
    let event = match field(spec, "ev") {
        Value::Unset => None,
        Value::Func(f) => {
            if let Err(msg) = check_event(&f, &columns) {
                reporter_error(h, msg);
                return Ok(Value::Bool(false));
            }
            Some(Value::Func(f))
        }
        _ => {
            reporter_error(h, "stream event is a function, not an event");
            return Ok(Value::Bool(false));
        }
    };
    let mut stream = Stream::new(id, e.name.clone(), columns);
    stream.event = event;
    stream.policy = with_handlers(field(spec, "policy"));
    stream.path = Some(field(spec, "path")).filter(|p| !p.is_unset());
    // Hook handlers are all known before any write can happen.
    stream.global_policy = global(h, "Log::log_stream_policy").and_then(with_handlers);
    h.extensions().get_or_default::<LogStreams>().add(stream);
    Ok(Value::Bool(true))
}

/// A stream's `$ev` must be an event taking one record of the columns.
fn check_event(
    f: &FuncVal,
    columns: &Rc<crate::runtime::types::RecordType>,
) -> Result<(), &'static str> {
    if f.kind != crate::syntax::ast::FuncKind::Event {
        return Err("stream event is a function, not an event");
    }
    let params = f.ty.as_func().map(|ft| ft.params.as_slice()).unwrap_or(&[]);
    if params.len() != 1 {
        return Err("stream event must take a single argument");
    }
    let fits = match &*params[0].ty {
        Type::Record(rt) => {
            Rc::ptr_eq(rt, columns)
                || crate::runtime::types::same_type(&params[0].ty, &Type::Record(columns.clone()))
        }
        _ => false,
    };
    if !fits {
        return Err("stream event's argument type does not match column record type");
    }
    Ok(())
}

fn remove_stream(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let ok = stream_id(arg(args, 0))
        .is_some_and(|id| h.extensions().get_or_default::<LogStreams>().remove(id));
    Ok(Value::Bool(ok))
}

fn set_enabled(h: &mut dyn Host, args: &[Value], on: bool) -> BifResult {
    let ok = stream_id(arg(args, 0))
        .and_then(|id| with_stream(h, id, |s| s.enabled = on))
        .is_some();
    Ok(Value::Bool(ok))
}

fn enable_stream(h: &mut dyn Host, args: &[Value]) -> BifResult {
    set_enabled(h, args, true)
}

fn disable_stream(h: &mut dyn Host, args: &[Value]) -> BifResult {
    set_enabled(h, args, false)
}

/// `Log::__add_filter`: the filter's columns are chosen now, from the
/// stream's record type as it is at this point.
fn add_filter(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(id) = stream_id(arg(args, 0)) else {
        return Ok(Value::Bool(false));
    };
    let rec = arg(args, 1).clone();
    let Some(name) = text(&field(&rec, "name")) else {
        return Ok(Value::Bool(false));
    };
    let writer = match field(&rec, "writer") {
        Value::Enum(e) => e.name.clone(),
        _ => "Log::WRITER_ASCII".into(),
    };
    let sep = text(&field(&rec, "scope_sep")).unwrap_or_else(|| ".".into());
    let include = match field(&rec, "include") {
        Value::Unset => None,
        v => Some(strings_of(&v).into_iter().map(|(k, _)| k).collect()),
    };
    let selection = Selection {
        include,
        exclude: strings_of(&field(&rec, "exclude"))
            .into_iter()
            .map(|(k, _)| k)
            .collect(),
        rename: strings_of(&field(&rec, "field_name_map"))
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .collect(),
    };
    // Extension columns come from the record the filter's `$ext_func`
    // returns, as its type says; the default yields nothing.
    let ext_func = Some(field(&rec, "ext_func")).filter(|f| !f.is_unset());
    let ext_type = match &ext_func {
        Some(Value::Func(f)) => f.ty.as_func().map(|ft| ft.ret.clone()),
        _ => None,
    };
    let ext_record = match ext_type.as_deref() {
        None | Some(Type::Void) => None,
        Some(Type::Record(rt)) => Some(rt.clone()),
        Some(other) => {
            let msg = format!(
                "Return value of log_ext is not a record (got {})",
                tag_name(other)
            );
            reporter_error(h, &msg);
            return Ok(Value::Bool(false));
        }
    };
    let ext_prefix = text(&field(&rec, "ext_prefix")).unwrap_or_else(|| "_".into());
    let filter_policy = with_handlers(field(&rec, "policy"));
    let path = Some(field(&rec, "path")).filter(|p| !p.is_unset());
    let path_func = Some(field(&rec, "path_func")).filter(|p| !p.is_unset());
    let added = with_stream(h, id, |s| {
        let all = logging::columns_of(&s.columns, &sep)?;
        // Extension columns are kept whatever the selection says.
        let mut columns = match &ext_record {
            Some(rt) => logging::columns_of(rt, &sep)?,
            None => Vec::new(),
        };
        for c in &mut columns {
            c.name = format!("{ext_prefix}{}", c.name);
        }
        let ext_columns = columns.len();
        columns.extend(selection.apply(all));
        // The None writer takes rows and writes nothing: no columns.
        if writer == "Log::WRITER_NONE" {
            columns.clear();
        }
        let ext_columns = ext_columns.min(columns.len());
        let filter = Filter {
            id_path: logging::default_path(&s.name),
            name: name.clone(),
            record: rec.clone(),
            policy: filter_policy.or_else(|| s.policy.clone()),
            path,
            path_func,
            computed_path: Default::default(),
            moved_path: Default::default(),
            columns: Rc::from(columns),
            ext_func: ext_func.filter(|_| ext_columns > 0),
            ext_columns,
            discard: writer == "Log::WRITER_NONE",
        };
        let filters = Rc::make_mut(&mut s.filters);
        filters.retain(|f| f.name != name);
        filters.push(Rc::new(filter));
        Ok::<(), String>(())
    });
    match added {
        None => Ok(Value::Bool(false)),
        Some(Err(msg)) => {
            reporter_error(h, &msg);
            Ok(Value::Bool(false))
        }
        Some(Ok(())) => Ok(Value::Bool(true)),
    }
}

fn remove_filter(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = text(arg(args, 1)).unwrap_or_default();
    let ok = stream_id(arg(args, 0))
        .and_then(|id| {
            with_stream(h, id, |s| {
                let filters = Rc::make_mut(&mut s.filters);
                let before = filters.len();
                filters.retain(|f| f.name != name);
                filters.len() != before
            })
        })
        .unwrap_or(false);
    Ok(Value::Bool(ok))
}

/// The ASCII writer's options as the scripts set them (`LogAscii::*`),
/// then as the filter's `$config` table overrides them, with Zeek's
/// keys. A value Zeek would refuse is an error.
fn ascii_options(h: &dyn Host, config: &Value) -> Result<ascii::AsciiOptions, String> {
    let d = ascii::AsciiOptions::default();
    let json_ts = match global(h, "LogAscii::json_timestamps") {
        Some(Value::Enum(e)) => ascii::JsonTime::from_name(&e.name),
        _ => d.json_ts,
    };
    let mut o = ascii::AsciiOptions {
        use_json: global_bool(h, "LogAscii::use_json", d.use_json),
        json_ts,
        include_meta: global_bool(h, "LogAscii::include_meta", d.include_meta),
        meta_prefix: global_bytes(h, "LogAscii::meta_prefix", &d.meta_prefix),
        separator: global_bytes(h, "LogAscii::separator", &d.separator),
        set_separator: global_bytes(h, "LogAscii::set_separator", &d.set_separator),
        empty_field: global_bytes(h, "LogAscii::empty_field", &d.empty_field),
        unset_field: global_bytes(h, "LogAscii::unset_field", &d.unset_field),
        enable_utf_8: global_bool(h, "LogAscii::enable_utf_8", d.enable_utf_8),
        json_include_unset: global_bool(
            h,
            "LogAscii::json_include_unset_fields",
            d.json_include_unset,
        ),
        to_stdout: global_bool(h, "LogAscii::output_to_stdout", d.to_stdout),
    };
    for (key, value) in strings_of(config) {
        let value = value.unwrap_or_default();
        let flag = |slot: &mut bool| match value.as_str() {
            "T" => {
                *slot = true;
                Ok(())
            }
            "F" => {
                *slot = false;
                Ok(())
            }
            _ => Err(format!(
                "invalid value for '{key}', must be a string and either \"T\" or \"F\""
            )),
        };
        match key.as_str() {
            "use_json" => flag(&mut o.use_json)?,
            "enable_utf_8" => flag(&mut o.enable_utf_8)?,
            "output_to_stdout" => flag(&mut o.to_stdout)?,
            "json_include_unset_fields" => flag(&mut o.json_include_unset)?,
            "separator" => o.separator = value.into_bytes(),
            "set_separator" => o.set_separator = value.into_bytes(),
            "empty_field" => o.empty_field = value.into_bytes(),
            "unset_field" => o.unset_field = value.into_bytes(),
            "meta_prefix" => o.meta_prefix = value.into_bytes(),
            "json_timestamps" => match value.as_str() {
                "JSON::TS_EPOCH"
                | "JSON::TS_MILLIS"
                | "JSON::TS_MILLIS_UNSIGNED"
                | "JSON::TS_ISO8601" => o.json_ts = ascii::JsonTime::from_name(&value),
                _ => return Err(format!("Invalid JSON timestamp format: {value}")),
            },
            _ => {}
        }
    }
    Ok(o)
}

/// Opens the ASCII writer for `path`: `<logdir>/<path>.<suffix>`, the
/// suffix "log" unless `ZEEK_LOG_SUFFIX` says otherwise.
fn open_writer(
    h: &dyn Host,
    path: &str,
    columns: &[Column],
    config: &Value,
) -> Result<Box<dyn LogWriter>, String> {
    let dir = String::from_utf8_lossy(&global_bytes(h, "Log::default_logdir", b"")).into_owned();
    let suffix = std::env::var("ZEEK_LOG_SUFFIX").unwrap_or_else(|_| "log".into());
    let file = if dir.is_empty() || path.starts_with('/') {
        format!("{path}.{suffix}")
    } else {
        format!("{}/{path}.{suffix}", dir.trim_end_matches('/'))
    };
    let w = ascii::AsciiWriter::open(&file, path, columns.to_vec(), ascii_options(h, config)?)?;
    Ok(Box::new(w))
}

/// Runs a policy hook; false if a handler vetoed with `break`.
fn allowed(h: &mut dyn Host, hook: &Value, args: Vec<Value>) -> Result<bool, String> {
    Ok(!matches!(h.call_value(hook, args)?, Value::Bool(false)))
}

/// The path a filter writes `rec` to.
fn path_of(h: &mut dyn Host, f: &Filter, id: &Value, rec: &Value) -> Result<String, String> {
    let own = f.moved_path.borrow().clone().or_else(|| f.path.clone());
    let Some(func) = &f.path_func else {
        return Ok(own
            .as_ref()
            .and_then(text)
            .unwrap_or_else(|| f.id_path.clone()));
    };
    // Offered the filter's path if it has one, else the first answer.
    let suggested = own
        .or_else(|| f.computed_path.borrow().clone())
        .unwrap_or_else(|| Value::string(Vec::new()));
    let v = h.call_value(func, vec![id.clone(), suggested, rec.clone()])?;
    let Some(path) = text(&v) else {
        return Err("path_func did not return string".into());
    };
    if f.path.is_none() && f.computed_path.borrow().is_none() {
        *f.computed_path.borrow_mut() = Some(v);
    }
    Ok(path)
}

/// The values of a line: the extension columns from what the filter's
/// `$ext_func` returns for `path` (unset if it returns no record), then
/// the record's.
fn row_of(h: &mut dyn Host, f: &Filter, rec: &Value, path: &str) -> Result<Vec<Value>, String> {
    let (ext, own) = f.columns.split_at(f.ext_columns);
    let mut row = Vec::with_capacity(f.columns.len());
    if let Some(func) = &f.ext_func {
        // Offered the filter's own path if it names one, as Zeek does.
        let path = f
            .moved_path
            .borrow()
            .clone()
            .or_else(|| f.path.clone())
            .or_else(|| f.computed_path.borrow().clone())
            .unwrap_or_else(|| Value::str(path.as_bytes()));
        match h.call_value(func, vec![path])? {
            v @ Value::Record(_) => row.extend(logging::row_of(&v, ext)),
            _ => row.extend(ext.iter().map(|_| Value::Unset)),
        }
    }
    row.extend(logging::row_of(rec, own));
    Ok(row)
}

/// Zeek's name for the kind of a type, as its messages give it.
fn tag_name(t: &Type) -> String {
    match t {
        Type::Table(_) => "table".into(),
        Type::Vector(_) => "vector".into(),
        Type::Record(_) => "record".into(),
        Type::Any => "any".into(),
        Type::Void => "void".into(),
        other => logging::type_name(other),
    }
}

/// Runs `f` on the stream of that ID, if there is one. `f` must not call
/// back into the interpreter (the streams are borrowed from it).
fn with_stream<R>(h: &mut dyn Host, id: i64, f: impl FnOnce(&mut Stream) -> R) -> Option<R> {
    h.extensions()
        .get_or_default::<LogStreams>()
        .get_mut(id)
        .map(f)
}

fn write(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let idv = arg(args, 0);
    let Some(id) = stream_id(idv) else {
        return Ok(Value::Bool(false));
    };
    let Some((enabled, columns, event, stream_policy, filters)) = with_stream(h, id, |s| {
        (
            s.enabled,
            s.columns.clone(),
            s.event.clone(),
            s.global_policy.clone(),
            s.filters.clone(),
        )
    }) else {
        return Ok(Value::Bool(false));
    };
    // A disabled stream takes anything and writes nothing.
    if !enabled {
        return Ok(Value::Bool(true));
    }
    // The record must fit the stream's columns (a record constructor
    // passed as `any` has a type of its own).
    let Some(rec) = h.coerce_record(arg(args, 1), &columns) else {
        reporter_error(h, "incompatible log record type");
        return Ok(Value::Bool(false));
    };
    let vetoed = match &stream_policy {
        Some(hook) => !allowed(h, hook, vec![rec.clone(), idv.clone()])?,
        None => false,
    };
    if !vetoed {
        if let Some(ev) = &event {
            h.queue_event(ev, vec![rec.clone()]);
        }
    }
    let mut ok = true;
    for f in filters.iter() {
        // A filter's hook runs even after a stream-level veto, but
        // cannot undo it.
        if let Some(hook) = &f.policy {
            if !allowed(h, hook, vec![rec.clone(), idv.clone(), f.record.clone()])? {
                continue;
            }
        }
        if vetoed || f.discard {
            continue;
        }
        let path = match path_of(h, f, idv, &rec) {
            Ok(p) => p,
            Err(e) => {
                reporter_error(h, &e);
                return Ok(Value::Bool(false));
            }
        };
        // A path another filter of the stream writes is not shared: this
        // filter moves to a numbered one for good, as Zeek moves it.
        let path = match with_stream(h, id, |s| s.unshared_path(&path, &f.name)).flatten() {
            Some((moved, other)) => {
                let msg = format!(
                    "Write using filter '{}' on path '{path}' changed to use new path '{moved}' to avoid conflict with filter '{other}'",
                    f.name
                );
                reporter_warning(h, &msg);
                *f.moved_path.borrow_mut() = Some(Value::str(moved.as_bytes()));
                moved
            }
            None => path,
        };
        let row = match row_of(h, f, &rec, &path) {
            Ok(row) => row,
            Err(e) => {
                reporter_error(h, &e);
                return Ok(Value::Bool(false));
            }
        };
        // A writer is opened (reading the writer's options from the
        // scripts) before the stream is borrowed to write.
        let opened = match with_stream(h, id, |s| s.has_writer(&path)) {
            Some(false) => Some(open_writer(
                h,
                &path,
                &f.columns,
                &field(&f.record, "config"),
            )),
            _ => None,
        };
        let written = with_stream(h, id, |s| {
            s.write_row(&path, &f.name, &row, || {
                opened.unwrap_or_else(|| Err(format!("{path}: no writer")))
            })
        });
        if let Some(Err(e)) = written {
            reporter_error(h, &e);
            ok = false;
        }
    }
    Ok(Value::Bool(ok))
}

fn flush(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let ok = stream_id(arg(args, 0))
        .and_then(|id| with_stream(h, id, Stream::flush))
        .is_some();
    Ok(Value::Bool(ok))
}

fn flush_all(h: &mut dyn Host, _: &[Value]) -> BifResult {
    if let Some(s) = h.extensions().get_mut::<crate::logging::LogStreams>() {
        s.flush_all();
    }
    Ok(Value::Unset)
}

fn set_buf(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let ok = stream_id(arg(args, 0))
        .and_then(|id| with_stream(h, id, |_| ()))
        .is_some();
    Ok(Value::Bool(ok))
}

/// `Log::__default_path`: the path of a stream with none given, from its
/// ID's name (`Conn::LOG` is "conn").
fn default_path(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = match arg(args, 0) {
        Value::Enum(e) => e.name.clone(),
        _ => String::new(),
    };
    Ok(Value::string(logging::default_path(&name).into_bytes()))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "Log::__create_stream",
        sig: "function(id: Log::ID, stream: Log::Stream): bool",
        func: create_stream,
    },
    BifDef {
        name: "Log::__remove_stream",
        sig: "function(id: Log::ID): bool",
        func: remove_stream,
    },
    BifDef {
        name: "Log::__enable_stream",
        sig: "function(id: Log::ID): bool",
        func: enable_stream,
    },
    BifDef {
        name: "Log::__disable_stream",
        sig: "function(id: Log::ID): bool",
        func: disable_stream,
    },
    BifDef {
        name: "Log::__add_filter",
        sig: "function(id: Log::ID, filter: Log::Filter): bool",
        func: add_filter,
    },
    BifDef {
        name: "Log::__remove_filter",
        sig: "function(id: Log::ID, name: string): bool",
        func: remove_filter,
    },
    BifDef {
        name: "Log::__write",
        sig: "function(id: Log::ID, columns: any): bool",
        func: write,
    },
    // The public name, declared (with its documentation) by
    // logging/main.zeek's prototype.
    BifDef {
        name: "Log::write",
        sig: "function(id: Log::ID, columns: any): bool",
        func: write,
    },
    BifDef {
        name: "Log::flush_all",
        sig: "function(): any",
        func: flush_all,
    },
    BifDef {
        name: "Log::__flush",
        sig: "function(id: Log::ID): bool",
        func: flush,
    },
    // The public name, declared (with its documentation) by
    // logging/main.zeek's prototype.
    BifDef {
        name: "Log::flush",
        sig: "function(id: Log::ID): bool",
        func: flush,
    },
    BifDef {
        name: "Log::__set_buf",
        sig: "function(id: Log::ID, buffered: bool): bool",
        func: set_buf,
    },
    // The public name, declared (with its documentation) by
    // logging/main.zeek's prototype.
    BifDef {
        name: "Log::set_buf",
        sig: "function(id: Log::ID, buffered: bool): bool",
        func: set_buf,
    },
    BifDef {
        name: "Log::__default_path",
        sig: "function(id: Log::ID): string",
        func: default_path,
    },
];
