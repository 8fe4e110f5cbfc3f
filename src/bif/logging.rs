//! The logging framework's built-ins (`Log::__create_stream` and the
//! rest), which the script layer in base/frameworks/logging calls.

use super::{arg, reporter_error, BifResult};
use crate::func::{BifDef, Host};
use crate::logging::{self, ascii, LogWriter, Stream};
use crate::types::Type;
use crate::value::Value;

/// The name of a `Log::ID` value.
fn stream_id(v: &Value) -> Option<String> {
    match v {
        Value::Enum(e) => Some(e.name.clone()),
        _ => None,
    }
}

/// A field of a record value by name.
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
    let Some(id) = stream_id(arg(args, 0)) else {
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
    let fields = match logging::columns_of(&columns) {
        Ok(f) => f,
        Err(msg) => {
            reporter_error(h, &msg);
            return Ok(Value::Bool(false));
        }
    };
    let path = match field(spec, "path") {
        Value::String(s) => String::from_utf8_lossy(&s).into_owned(),
        _ => logging::default_path(&id),
    };
    logging::add_stream(Stream {
        id,
        columns,
        fields,
        path,
        event,
        enabled: true,
        writer: None,
        failed: false,
    });
    Ok(Value::Bool(true))
}

/// A stream's `$ev` must be an event taking one record of the columns.
fn check_event(
    f: &crate::func::FuncVal,
    columns: &std::rc::Rc<crate::types::RecordType>,
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
            std::rc::Rc::ptr_eq(rt, columns)
                || crate::types::same_type(&params[0].ty, &Type::Record(columns.clone()))
        }
        _ => false,
    };
    if !fits {
        return Err("stream event's argument type does not match column record type");
    }
    Ok(())
}

fn remove_stream(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let ok = stream_id(arg(args, 0)).is_some_and(|id| logging::remove_stream(&id));
    Ok(Value::Bool(ok))
}

fn set_enabled(args: &[Value], on: bool) -> BifResult {
    let ok = stream_id(arg(args, 0))
        .and_then(|id| logging::with_stream(&id, |s| s.enabled = on))
        .is_some();
    Ok(Value::Bool(ok))
}

fn enable_stream(_: &mut dyn Host, args: &[Value]) -> BifResult {
    set_enabled(args, true)
}

fn disable_stream(_: &mut dyn Host, args: &[Value]) -> BifResult {
    set_enabled(args, false)
}

/// The ASCII writer's options as the scripts set them.
fn ascii_options(h: &dyn Host) -> ascii::AsciiOptions {
    let d = ascii::AsciiOptions::default();
    ascii::AsciiOptions {
        use_json: global_bool(h, "LogAscii::use_json", d.use_json),
        include_meta: global_bool(h, "LogAscii::include_meta", d.include_meta),
        meta_prefix: global_bytes(h, "LogAscii::meta_prefix", &d.meta_prefix),
        separator: global_bytes(h, "LogAscii::separator", &d.separator),
        set_separator: global_bytes(h, "LogAscii::set_separator", &d.set_separator),
        empty_field: global_bytes(h, "LogAscii::empty_field", &d.empty_field),
        unset_field: global_bytes(h, "LogAscii::unset_field", &d.unset_field),
    }
}

fn open_writer(h: &dyn Host, s: &Stream) -> Result<Box<dyn LogWriter>, String> {
    let dir = String::from_utf8_lossy(&global_bytes(h, "Log::default_logdir", b"")).into_owned();
    let file = if dir.is_empty() {
        format!("{}.log", s.path)
    } else {
        format!("{}/{}.log", dir.trim_end_matches('/'), s.path)
    };
    let w = ascii::AsciiWriter::open(&file, &s.path, s.fields.clone(), ascii_options(h))?;
    Ok(Box::new(w))
}

fn write(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(id) = stream_id(arg(args, 0)) else {
        return Ok(Value::Bool(false));
    };
    // The record must fit the stream's columns (a record constructor
    // passed as `any` has a type of its own).
    // A disabled stream takes anything and writes nothing.
    let Some((columns, enabled)) = logging::with_stream(&id, |s| (s.columns.clone(), s.enabled))
    else {
        return Ok(Value::Bool(false));
    };
    if !enabled {
        return Ok(Value::Bool(true));
    }
    let Some(rec) = h.coerce_record(arg(args, 1), &columns) else {
        reporter_error(h, "incompatible log record type");
        return Ok(Value::Bool(false));
    };
    // Checked and written with the stream borrowed; the event is raised
    // afterwards, as its handlers may log themselves.
    enum Outcome {
        Disabled,
        WrongType,
        Written(Option<Value>, Option<String>),
    }
    let outcome = logging::with_stream(&id, |s| {
        if !s.enabled {
            return Outcome::Disabled;
        }
        let same = match &rec {
            Value::Record(r) => std::rc::Rc::ptr_eq(&r.borrow().ty, &s.columns),
            _ => false,
        };
        if !same {
            return Outcome::WrongType;
        }
        let row = logging::row_of(&rec, &s.fields);
        let mut err = None;
        if s.writer.is_none() && !s.failed {
            match open_writer(h, s) {
                Ok(w) => s.writer = Some(w),
                Err(e) => {
                    s.failed = true;
                    err = Some(e);
                }
            }
        }
        if let Some(w) = &mut s.writer {
            if let Err(e) = w.write(&row) {
                s.writer = None;
                s.failed = true;
                err = Some(format!("{}: {e}", s.path));
            }
        }
        Outcome::Written(s.event.clone(), err)
    });
    match outcome {
        None => Ok(Value::Bool(false)),
        Some(Outcome::Disabled) => Ok(Value::Bool(true)),
        Some(Outcome::WrongType) => {
            reporter_error(h, "incompatible log record type");
            Ok(Value::Bool(false))
        }
        Some(Outcome::Written(ev, err)) => {
            if let Some(e) = &err {
                reporter_error(h, e);
            }
            if let Some(ev) = ev {
                h.queue_event(&ev, vec![rec]);
            }
            Ok(Value::Bool(err.is_none()))
        }
    }
}

fn flush(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let ok = stream_id(arg(args, 0))
        .and_then(|id| {
            logging::with_stream(&id, |s| {
                if let Some(w) = &mut s.writer {
                    w.flush();
                }
            })
        })
        .is_some();
    Ok(Value::Bool(ok))
}

fn set_buf(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let ok = stream_id(arg(args, 0))
        .and_then(|id| logging::with_stream(&id, |_| ()))
        .is_some();
    Ok(Value::Bool(ok))
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
        name: "Log::__write",
        sig: "function(id: Log::ID, columns: any): bool",
        func: write,
    },
    BifDef {
        name: "Log::__flush",
        sig: "function(id: Log::ID): bool",
        func: flush,
    },
    BifDef {
        name: "Log::__set_buf",
        sig: "function(id: Log::ID, buffered: bool): bool",
        func: set_buf,
    },
];
