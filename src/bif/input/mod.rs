//! The input framework's built-ins and its streams. `Input::add_table`
//! and `Input::add_event` start a stream (kept in the interpreter's
//! extensions); its reader (readers.rs) reads the source when the run
//! loop pumps the streams (`pump`), after zeek_init, as Zeek's reader
//! threads deliver to its main loop. Table streams fill their destination
//! (asking `$pred`, raising `$ev` for new, changed and removed entries);
//! event streams raise `$ev` per line; each read ends with
//! Input::end_of_data. Problems go to the reporter and to `$error_ev`.

pub(crate) mod format;
mod readers;

use super::{arg, reporter_error, reporter_warning, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types::{RecordType, Type, TypeRef};
use crate::runtime::value::{RecordVal, Value};
use readers::{Msg, Reader, Row};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Mode {
    Manual,
    Reread,
    Stream,
}

/// A column the reader fills: nested records are flattened to `a.b`.
pub struct Field {
    pub name: String,
    pub ty: TypeRef,
    pub optional: bool,
    pub secondary: Option<String>,
}

/// A table entry as the stream last read it.
struct Entry {
    seq: u64,
    idx: Value,
    pred_idx: Value,
    valtext: Vec<u8>,
}

enum Kind {
    Table {
        dest: Value,
        itype: Rc<RecordType>,
        vtype: Option<Rc<RecordType>>,
        n_idx: usize,
        n_val: usize,
        want_record: bool,
        ev: Option<Value>,
        pred: Option<Value>,
        last: ahash::AHashMap<Vec<u8>, Entry>,
        curr: ahash::AHashMap<Vec<u8>, Entry>,
    },
    Event {
        ftype: Rc<RecordType>,
        want_record: bool,
        ev: Value,
    },
}

struct Stream {
    name: String,
    source: String,
    /// `SOURCE/Input::READER_X`, how Zeek names the reader in messages.
    reader_name: String,
    desc: Value,
    error_ev: Option<Value>,
    fields: Vec<Field>,
    kind: Kind,
    reader: Reader,
    removed: bool,
    disabled: bool,
    /// A read is due (the first one, or a forced one).
    due: bool,
    /// The first read happened.
    started: bool,
    seq: u64,
}

/// The streams of one interpreter.
#[derive(Default)]
pub struct InputStreams {
    streams: Vec<Stream>,
    /// When followed files were last looked at (the heartbeat).
    last_beat: f64,
}

/// Seconds between looks at REREAD and STREAM sources (Zeek's heartbeat).
const HEARTBEAT: f64 = 1.0;

impl InputStreams {
    /// Whether a stream has work left that keeps a run without a packet
    /// source going: a read not done yet, or a source being followed.
    pub fn active(&self) -> bool {
        self.streams
            .iter()
            .any(|s| !s.disabled && (s.due || s.removed || s.reader.mode != Mode::Manual))
    }

    /// Whether a read is due now (no waiting for the heartbeat).
    pub fn due(&self) -> bool {
        self.streams
            .iter()
            .any(|s| !s.disabled && (s.due || s.removed))
    }
}

fn s(v: &Value) -> String {
    String::from_utf8_lossy(v.as_bytes()).into_owned()
}

fn field<'a>(rec: &'a RecordVal, name: &str) -> Option<&'a Value> {
    let i = rec.ty.fields.borrow().iter().position(|f| f.name == name)?;
    rec.fields.get(i).filter(|v| !v.is_unset())
}

fn enum_name(v: &Value) -> String {
    match v {
        Value::Enum(e) => e.name.clone(),
        _ => String::new(),
    }
}

fn record_type_of(v: Option<&Value>) -> Option<Rc<RecordType>> {
    match v {
        Some(Value::Type(t)) => match &**t {
            Type::Record(r) => Some(r.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn global(h: &dyn Host, name: &str) -> Option<Value> {
    h.lookup_global(name).map(|(v, _, _)| v)
}

fn global_str(h: &dyn Host, name: &str, fallback: &str) -> Vec<u8> {
    match global(h, name) {
        Some(Value::String(s)) => s.to_vec(),
        _ => fallback.as_bytes().to_vec(),
    }
}

fn global_bool(h: &dyn Host, name: &str) -> bool {
    matches!(global(h, name), Some(Value::Bool(true)))
}

/// The fields of `rec`, nested records flattened, or Zeek's error.
fn unroll(
    rec: &RecordType,
    prefix: &str,
    allow_unsupported: bool,
    out: &mut Vec<Field>,
    h: &mut dyn Host,
) -> bool {
    for f in rec.fields.borrow().iter() {
        let name = format!("{prefix}{}", f.name);
        if !format::is_readable(&f.ty, false) {
            if allow_unsupported
                && f.optional
                && matches!(*f.ty, Type::File | Type::Func(_) | Type::Opaque(_))
            {
                h.report_plain("info", &format!("Encountered incompatible type \"{}\" in type definition for field \"{name}\" in ReaderFrontend. Ignoring optional field.", f.ty.tag_name()));
                continue;
            }
            reporter_error(
                h,
                &format!(
                    "Incompatible type \"{}\" in type definition for field \"{name}\" in ReaderFrontend",
                    f.ty.tag_name()
                ),
            );
            return false;
        }
        if let Type::Record(inner) = &*f.ty {
            if !unroll(inner, &format!("{name}."), allow_unsupported, out, h) {
                return false;
            }
        } else {
            out.push(Field {
                name,
                ty: f.ty.clone(),
                optional: f.optional,
                secondary: None,
            });
        }
    }
    true
}

/// Whether `t` is the named type (an enum or record Zeek declares).
fn is_named(t: &Type, name: &str) -> bool {
    match t {
        Type::Enum(e) => *e.name.borrow() == name,
        Type::Record(r) => r.name.borrow().as_deref() == Some(name),
        _ => false,
    }
}

/// The reader, its settings from the InputX options and `$config`.
fn make_reader(
    h: &mut dyn Host,
    reader: &str,
    mode: Mode,
    source: &str,
    config: &[(String, String)],
) -> Option<Reader> {
    let kind = match reader {
        "READER_ASCII" => readers::Kind::Ascii,
        "READER_RAW" => readers::Kind::Raw,
        "READER_CONFIG" => readers::Kind::Config,
        "READER_BINARY" => readers::Kind::Binary,
        _ => {
            reporter_error(
                h,
                "The reader that was requested was not found and could not be initialized.",
            );
            return None;
        }
    };
    let (module, empty_default) = match kind {
        readers::Kind::Config => ("InputConfig", ""),
        _ => ("InputAscii", "(empty)"),
    };
    let mut separator = global_str(h, "InputAscii::separator", "\t");
    let mut set_separator = global_str(h, &format!("{module}::set_separator"), ",");
    let mut empty_field = global_str(h, &format!("{module}::empty_field"), empty_default);
    let mut unset_field = match kind {
        readers::Kind::Config => Vec::new(),
        _ => global_str(h, "InputAscii::unset_field", "-"),
    };
    let mut fail_on_invalid_lines = global_bool(h, "InputAscii::fail_on_invalid_lines");
    let mut fail_on_file_problem = global_bool(h, &format!("{module}::fail_on_file_problem"));
    let path_prefix = match kind {
        readers::Kind::Binary => global_str(h, "InputBinary::path_prefix", ""),
        readers::Kind::Ascii => global_str(h, "InputAscii::path_prefix", ""),
        _ => Vec::new(),
    };
    if kind == readers::Kind::Ascii {
        for (k, v) in config {
            match k.as_str() {
                "separator" => separator = v.as_bytes().to_vec(),
                "set_separator" => set_separator = v.as_bytes().to_vec(),
                "empty_field" => empty_field = v.as_bytes().to_vec(),
                "unset_field" => unset_field = v.as_bytes().to_vec(),
                "fail_on_invalid_lines" => fail_on_invalid_lines = v.starts_with('T'),
                "fail_on_file_problem" => fail_on_file_problem = v.starts_with('T'),
                _ => {}
            }
        }
    }
    let name = format!("{source}/Input::{reader}");
    if kind == readers::Kind::Ascii {
        if separator.len() != 1 {
            reporter_error(
                h,
                &format!("{name}: separator length has to be 1. Separator will be truncated."),
            );
        }
        if set_separator.len() != 1 {
            reporter_error(
                h,
                &format!("{name}: set_separator length has to be 1. Separator will be truncated."),
            );
        }
    }
    let options = if kind == readers::Kind::Config {
        h.option_names()
            .into_iter()
            .filter_map(|n| h.lookup_global(&n).map(|(_, t, _)| (n, t)))
            .collect()
    } else {
        Vec::new()
    };
    let record_separator = global_str(h, "InputRaw::record_separator", "\n");
    let chunk_size = match global(h, "InputBinary::chunk_size") {
        Some(Value::Count(c)) => c as usize,
        _ => 1024,
    };
    let set = readers::Settings {
        separator,
        sep: format::Separators {
            set_separator: set_separator.first().copied().unwrap_or(b','),
            empty_field,
            unset_field,
        },
        fail_on_invalid_lines,
        fail_on_file_problem,
        path_prefix: String::from_utf8_lossy(&path_prefix).into_owned(),
        record_separator,
        chunk_size,
        options,
    };
    Some(Reader::new(kind, mode, source.to_string(), set))
}

/// What table and event streams share: name, source, mode, reader,
/// `$config`, `$error_ev`. `None` after reporting the error.
struct Common {
    name: String,
    source: String,
    mode: Mode,
    reader: String,
    config: Vec<(String, String)>,
    error_ev: Option<Value>,
}

fn common(h: &mut dyn Host, rec: &RecordVal) -> Option<Common> {
    let name = field(rec, "name").map(s).unwrap_or_default();
    if h.extensions()
        .get_or_default::<InputStreams>()
        .streams
        .iter()
        .any(|st| st.name == name)
    {
        reporter_error(
            h,
            &format!("Trying create already existing input stream {name}"),
        );
        return None;
    }
    let source = field(rec, "source").map(s).unwrap_or_default();
    let mode = match field(rec, "mode").map(enum_name).as_deref() {
        Some("Input::REREAD") | Some("REREAD") => Mode::Reread,
        Some("Input::STREAM") | Some("STREAM") => Mode::Stream,
        _ => Mode::Manual,
    };
    let reader = field(rec, "reader").map(enum_name).unwrap_or_default();
    let reader = reader.trim_start_matches("Input::").to_string();
    let mut config = Vec::new();
    if let Some(Value::Table(t)) = field(rec, "config") {
        for (k, v) in t.borrow().iter() {
            config.push((s(k), s(v)));
        }
    }
    let error_ev = field(rec, "error_ev").cloned();
    if let Some(ev) = &error_ev {
        if !check_error_ev(h, &name, ev) {
            return None;
        }
    }
    Some(Common {
        name,
        source,
        mode,
        reader,
        config,
        error_ev,
    })
}

fn func_of(v: &Value) -> Option<&crate::runtime::func::FuncVal> {
    match v {
        Value::Func(f) => Some(f),
        _ => None,
    }
}

fn event_params(f: &crate::runtime::func::FuncVal) -> Option<Vec<TypeRef>> {
    match &*f.ty {
        Type::Func(ft) => Some(ft.params.iter().map(|p| p.ty.clone()).collect()),
        _ => None,
    }
}

fn check_error_ev(h: &mut dyn Host, name: &str, ev: &Value) -> bool {
    let Some(f) = func_of(ev) else {
        reporter_error(
            h,
            &format!("Input stream {name}: 'error_ev' field is not an event"),
        );
        return false;
    };
    if f.kind != crate::syntax::ast::FuncKind::Event {
        reporter_error(
            h,
            &format!("Input stream {name}: Error event is a function, not an event"),
        );
        return false;
    }
    let params = event_params(f).unwrap_or_default();
    if params.len() != 3 {
        reporter_error(
            h,
            &format!("Input stream {name}: Error event must take 3 arguments"),
        );
        return false;
    }
    if !matches!(*params[1], Type::String) {
        reporter_error(
            h,
            &format!("Input stream {name}: Error event's second attribute must be of type string"),
        );
        return false;
    }
    true
}

fn event_kind_check(h: &mut dyn Host, name: &str, ev: &Value) -> Option<Vec<TypeRef>> {
    let Some(f) = func_of(ev) else {
        reporter_error(
            h,
            &format!("Input stream {name}: 'ev' field is not an event"),
        );
        return None;
    };
    if f.kind != crate::syntax::ast::FuncKind::Event {
        reporter_error(
            h,
            &format!("Input stream {name}: Stream event is a function, not an event"),
        );
        return None;
    }
    event_params(f)
}

fn create_table_stream(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Record(desc) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let desc_v = arg(args, 0).clone();
    let rec = desc.borrow();
    let name = field(&rec, "name").map(s).unwrap_or_default();
    let Some(itype) = record_type_of(field(&rec, "idx")) else {
        reporter_error(
            h,
            &format!("Input stream {name}: 'idx' field is not a record type"),
        );
        return Ok(Value::Bool(false));
    };
    let vtype = match field(&rec, "val") {
        None => None,
        Some(v) => match record_type_of(Some(v)) {
            Some(t) => Some(t),
            None => {
                reporter_error(
                    h,
                    &format!("Input stream {name}: 'val' field is not a record type"),
                );
                return Ok(Value::Bool(false));
            }
        },
    };
    let dest = field(&rec, "destination").cloned().unwrap_or(Value::Unset);
    let Value::Table(dt) = &dest else {
        let tn = field(&rec, "destination")
            .map(|v| crate::runtime::types::type_of(v).to_string())
            .unwrap_or_default();
        reporter_error(h, &format!("Input stream {name}: 'destination' field has type {tn}, expected table or set identifier"));
        return Ok(Value::Bool(false));
    };
    let dest_ty = dt.borrow().ty.clone();
    if let Type::Table(tt) = &*dest_ty {
        let n_idx_fields = itype.fields.borrow().len();
        if tt.index.len() > n_idx_fields {
            reporter_error(
                h,
                &format!("Input stream {name}: Table type has more indexes than index definition"),
            );
            return Ok(Value::Bool(false));
        }
        if tt.index.len() < n_idx_fields {
            reporter_error(
                h,
                &format!("Input stream {name}: Table has less elements than index definition"),
            );
            return Ok(Value::Bool(false));
        }
        if vtype.is_some() && tt.yield_.is_none() {
            reporter_error(h, &format!("Input stream {name}: 'destination' field is a set, but the 'val' field was also specified (did you mean to use a table instead of a set?)"));
            return Ok(Value::Bool(false));
        }
    }
    let want_record = !matches!(field(&rec, "want_record"), Some(Value::Bool(false)));
    let ev = field(&rec, "ev").cloned();
    if let Some(e) = &ev {
        let params = event_kind_check(h, &name, e);
        let Some(params) = params else {
            return Ok(Value::Bool(false));
        };
        let is_set = matches!(&*dest_ty, Type::Table(tt) if tt.yield_.is_none());
        let want = if is_set { 3 } else { 4 };
        if params.len() != want {
            reporter_error(
                h,
                &format!("Input stream {name}: Table event must take {want} arguments"),
            );
            return Ok(Value::Bool(false));
        }
        if !is_named(&params[0], "Input::TableDescription") {
            reporter_error(h, &format!("Input stream {name}: Table event's first attribute must be of type Input::TableDescription"));
            return Ok(Value::Bool(false));
        }
        if !is_named(&params[1], "Input::Event") {
            reporter_error(h, &format!("Input stream {name}: Table event's second attribute must be of type Input::Event"));
            return Ok(Value::Bool(false));
        }
        let idx_ty = Rc::new(Type::Record(itype.clone()));
        if !crate::runtime::types::same_type(&params[2], &idx_ty) {
            reporter_error(h, &format!("Input stream {name}: Table event's index attributes do not match. Need '{idx_ty}', got '{}'", params[2]));
            return Ok(Value::Bool(false));
        }
        if let (false, Some(vt)) = (is_set, &vtype) {
            let need = if want_record {
                Some(Rc::new(Type::Record(vt.clone())))
            } else {
                vt.fields.borrow().first().map(|f| f.ty.clone())
            };
            if let Some(need) = need {
                if !crate::runtime::types::same_type(&params[3], &need) {
                    let what = if want_record {
                        "value attributes do not match"
                    } else {
                        "value attribute does not match"
                    };
                    reporter_error(
                        h,
                        &format!(
                            "Input stream {name}: Table event's {what}. Need '{need}', got '{}'",
                            params[3]
                        ),
                    );
                    return Ok(Value::Bool(false));
                }
            }
        }
    }
    let pred = field(&rec, "pred").cloned();
    let Some(c) = common(h, &rec) else {
        return Ok(Value::Bool(false));
    };
    let mut fields = Vec::new();
    if !unroll(&itype, "", false, &mut fields, h) {
        reporter_error(h, &format!("Input stream {name}: Problem unrolling"));
        return Ok(Value::Bool(false));
    }
    let n_idx = fields.len();
    if let Some(vt) = &vtype {
        let accept = global_bool(h, "Input::accept_unsupported_types");
        if !unroll(vt, "", accept, &mut fields, h) {
            reporter_error(h, &format!("Input stream {name}: Problem unrolling"));
            return Ok(Value::Bool(false));
        }
    }
    let n_val = fields.len() - n_idx;
    if n_val > 1 && !want_record {
        reporter_error(h, &format!("Input stream {name}: Stream does not want a record (want_record=F), but has more then one value field."));
        return Ok(Value::Bool(false));
    }
    drop(rec);
    let kind = Kind::Table {
        dest,
        itype,
        vtype,
        n_idx,
        n_val,
        want_record,
        ev,
        pred,
        last: Default::default(),
        curr: Default::default(),
    };
    Ok(Value::Bool(add_stream(h, c, desc_v, fields, kind)))
}

fn create_event_stream(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Record(desc) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let desc_v = arg(args, 0).clone();
    let rec = desc.borrow();
    let name = field(&rec, "name").map(s).unwrap_or_default();
    let Some(ftype) = record_type_of(field(&rec, "fields")) else {
        reporter_error(
            h,
            &format!("Input stream {name}: 'idx' field is not a record type"),
        );
        return Ok(Value::Bool(false));
    };
    let want_record = !matches!(field(&rec, "want_record"), Some(Value::Bool(false)));
    let ev = field(&rec, "ev").cloned().unwrap_or(Value::Unset);
    let Some(params) = event_kind_check(h, &name, &ev) else {
        return Ok(Value::Bool(false));
    };
    if params.len() < 2 {
        reporter_error(
            h,
            &format!("Input stream {name}: Event does not take enough arguments"),
        );
        return Ok(Value::Bool(false));
    }
    if !is_named(&params[1], "Input::Event") {
        reporter_error(
            h,
            &format!("Input stream {name}: Event's second attribute must be of type Input::Event"),
        );
        return Ok(Value::Bool(false));
    }
    if !is_named(&params[0], "Input::EventDescription") {
        reporter_error(h, &format!("Input stream {name}: Event's first attribute must be of type Input::EventDescription"));
        return Ok(Value::Bool(false));
    }
    let ftypes: Vec<TypeRef> = ftype.fields.borrow().iter().map(|f| f.ty.clone()).collect();
    if want_record {
        if params.len() != 3 {
            reporter_error(
                h,
                &format!("Input stream {name}: Event has wrong number of arguments"),
            );
            return Ok(Value::Bool(false));
        }
        let need = Rc::new(Type::Record(ftype.clone()));
        if !crate::runtime::types::same_type(&params[2], &need) {
            reporter_error(h, &format!("Input stream {name}: Incompatible type '{}':{} for event, which needs type 'record':{need}\n", params[2].tag_name(), params[2]));
            return Ok(Value::Bool(false));
        }
    } else {
        if params.len() != ftypes.len() + 2 {
            reporter_error(
                h,
                &format!("Input stream {name}: Event has wrong number of arguments"),
            );
            return Ok(Value::Bool(false));
        }
        for (i, need) in ftypes.iter().enumerate() {
            if !crate::runtime::types::same_type(&params[i + 2], need) {
                reporter_error(h, &format!("Input stream {name}: Incompatible type for event in field {}. Need type '{}':{need}, got '{}':{}", i + 3, need.tag_name(), params[i + 2].tag_name(), params[i + 2]));
                return Ok(Value::Bool(false));
            }
        }
    }
    let Some(c) = common(h, &rec) else {
        return Ok(Value::Bool(false));
    };
    let mut fields = Vec::new();
    let accept = global_bool(h, "Input::accept_unsupported_types");
    if !unroll(&ftype, "", accept, &mut fields, h) {
        reporter_error(h, &format!("Input stream {name}: Problem unrolling"));
        return Ok(Value::Bool(false));
    }
    drop(rec);
    let kind = Kind::Event {
        ftype,
        want_record,
        ev,
    };
    Ok(Value::Bool(add_stream(h, c, desc_v, fields, kind)))
}

fn add_stream(h: &mut dyn Host, c: Common, desc: Value, fields: Vec<Field>, kind: Kind) -> bool {
    let Some(reader) = make_reader(h, &c.reader, c.mode, &c.source, &c.config) else {
        return false;
    };
    let reader_name = format!("{}/Input::{}", c.source, c.reader);
    let mut st = Stream {
        name: c.name,
        source: c.source,
        reader_name,
        desc,
        error_ev: c.error_ev,
        fields,
        kind,
        reader,
        removed: false,
        disabled: false,
        due: true,
        started: false,
        seq: 0,
    };
    if let Err(msg) = st.reader.check_fields(&st.fields) {
        // The reader refuses the stream when it starts.
        let name = st.reader_name.clone();
        reporter_error(h, &format!("{name}: {msg}"));
        reporter_error(h, &format!("{name}: Init failed"));
        st.disabled = true;
    }
    h.extensions()
        .get_or_default::<InputStreams>()
        .streams
        .push(st);
    true
}

fn remove_stream(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = s(arg(args, 0));
    let streams = h.extensions().get_or_default::<InputStreams>();
    let Some(st) = streams.streams.iter_mut().find(|st| st.name == name) else {
        return Ok(Value::Bool(false));
    };
    if st.removed {
        reporter_warning(
            h,
            &format!("Stream {name} is already queued for removal. Ignoring remove."),
        );
        return Ok(Value::Bool(true));
    }
    st.removed = true;
    Ok(Value::Bool(true))
}

fn force_update(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = s(arg(args, 0));
    let streams = h.extensions().get_or_default::<InputStreams>();
    let Some(st) = streams.streams.iter_mut().find(|st| st.name == name) else {
        reporter_error(h, &format!("Stream {name} not found"));
        return Ok(Value::Bool(false));
    };
    if st.removed {
        reporter_error(
            h,
            &format!("Stream {name} is already queued for removal. Ignoring force update."),
        );
        return Ok(Value::Bool(false));
    }
    st.due = true;
    Ok(Value::Bool(true))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "Input::__create_table_stream",
        sig: "function(description: Input::TableDescription): bool",
        func: create_table_stream,
    },
    BifDef {
        name: "Input::__create_event_stream",
        sig: "function(description: Input::EventDescription): bool",
        func: create_event_stream,
    },
    BifDef {
        name: "Input::__remove_stream",
        sig: "function(id: string): bool",
        func: remove_stream,
    },
    BifDef {
        name: "Input::__force_update",
        sig: "function(id: string): bool",
        func: force_update,
    },
    // The public names, declared with their documentation by
    // input/main.zeek's prototypes.
    BifDef {
        name: "Input::add_table",
        sig: "function(description: Input::TableDescription): bool",
        func: create_table_stream,
    },
    BifDef {
        name: "Input::add_event",
        sig: "function(description: Input::EventDescription): bool",
        func: create_event_stream,
    },
    BifDef {
        name: "Input::remove",
        sig: "function(id: string): bool",
        func: remove_stream,
    },
    BifDef {
        name: "Input::force_update",
        sig: "function(id: string): bool",
        func: force_update,
    },
];

/// Reads what is due: first and forced reads, and (once per heartbeat)
/// the followed sources. Rows become table changes and queued events.
/// Streams removed are dropped after their last read.
pub fn pump(h: &mut dyn Host) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64());
    let Some(state) = h.extensions().get_mut::<InputStreams>() else {
        return;
    };
    let beat = now - state.last_beat >= HEARTBEAT;
    if beat {
        state.last_beat = now;
    }
    let mut streams = std::mem::take(&mut state.streams);
    let mut i = 0;
    while i < streams.len() {
        let st = &mut streams[i];
        let look = !st.disabled && (st.due || (beat && st.reader.mode != Mode::Manual));
        if look {
            st.due = false;
            let name = st.name.clone();
            let msgs = st.reader.update(&st.fields, &name);
            for m in msgs {
                if st.disabled {
                    break;
                }
                handle(h, st, m);
            }
            if !st.started && st.disabled {
                // The first read is the reader's start; failing it fails
                // the start.
                reader_problem(h, st, "ERROR", "Init failed");
            }
            st.started = true;
        }
        if streams[i].removed {
            streams.remove(i);
            continue;
        }
        i += 1;
    }
    // Streams added while this ran (by a predicate) go after the others.
    let state = h.extensions().get_or_default::<InputStreams>();
    let added = std::mem::take(&mut state.streams);
    streams.extend(added);
    state.streams = streams;
}

fn reporter_level(h: &dyn Host, level: &str) -> Value {
    global(h, &format!("Reporter::{level}"))
        .unwrap_or_else(|| super::enum_value("Reporter::Level", &format!("Reporter::{level}"), 0))
}

/// A problem the stream's reader reported: to `$error_ev`, then to the
/// reporter under the reader's name.
fn reader_problem(h: &mut dyn Host, st: &mut Stream, level: &str, msg: &str) {
    if let Some(ev) = &st.error_ev {
        let lv = reporter_level(h, level);
        h.queue_event(ev, vec![st.desc.clone(), Value::str(msg.as_bytes()), lv]);
    }
    let kind = if level == "ERROR" { "error" } else { "warning" };
    h.report_plain(kind, &format!("{}: {msg}", st.reader_name));
    if level == "ERROR" {
        st.disabled = true;
    }
}

/// A problem the framework found in a row: to `$error_ev` and the reporter.
fn stream_warning(h: &mut dyn Host, st: &Stream, msg: &str) {
    if let Some(ev) = &st.error_ev {
        let lv = reporter_level(h, "WARNING");
        h.queue_event(ev, vec![st.desc.clone(), Value::str(msg.as_bytes()), lv]);
    }
    reporter_warning(h, msg);
}

fn event_enum(h: &dyn Host, which: &str) -> Value {
    let v = match which {
        "EVENT_NEW" => 0,
        "EVENT_CHANGED" => 1,
        _ => 2,
    };
    global(h, &format!("Input::{which}"))
        .unwrap_or_else(|| super::enum_value("Input::Event", &format!("Input::{which}"), v))
}

fn handle(h: &mut dyn Host, st: &mut Stream, m: Msg) {
    match m {
        Msg::Warning(w) => reader_problem(h, st, "WARNING", &w),
        Msg::Error(e) => reader_problem(h, st, "ERROR", &e),
        Msg::Entry(row) => match st.kind {
            Kind::Table { .. } => table_entry(h, st, row, false),
            Kind::Event { .. } => event_entry(h, st, row),
        },
        Msg::Put(row) => match st.kind {
            Kind::Table { .. } => table_entry(h, st, row, true),
            Kind::Event { .. } => event_entry(h, st, row),
        },
        Msg::End => end_of_read(h, st),
        Msg::ConfigValue(id, v) => {
            if let Some(ev) = global(h, "InputConfig::new_value") {
                let args = vec![
                    Value::str(st.name.as_bytes()),
                    Value::str(st.source.as_bytes()),
                    Value::str(id.as_bytes()),
                    v,
                ];
                h.queue_event(&ev, args);
            }
        }
        Msg::ProcessFinished(code, signal) => {
            if let Some(ev) = global(h, "InputRaw::process_finished") {
                let args = vec![
                    Value::str(st.name.as_bytes()),
                    Value::str(st.source.as_bytes()),
                    Value::Count(code),
                    Value::Bool(signal),
                ];
                h.queue_event(&ev, args);
            }
        }
    }
}

/// A record of type `rt` from the row's values starting at `*pos`
/// (nested records take their flattened fields); None after warning
/// about a missing value.
fn build_record(
    h: &mut dyn Host,
    st: &Stream,
    rt: &Rc<RecordType>,
    row: &Row,
    pos: &mut usize,
    what: &str,
) -> Option<Value> {
    let defs = rt.fields.borrow().clone();
    let mut vals = Vec::with_capacity(defs.len());
    for f in &defs {
        if let Type::Record(inner) = &*f.ty {
            vals.push(build_record(h, st, inner, row, pos, what)?);
            continue;
        }
        if !format::is_readable(&f.ty, false) {
            vals.push(Value::Unset);
            continue;
        }
        let v = row.vals.get(*pos).cloned().unwrap_or(Value::Unset);
        if v.is_unset() && !f.optional && f.default.is_none() {
            missing(h, st, row, what, &f.name);
            return None;
        }
        *pos += 1;
        let v = if v.is_unset() {
            f.default
                .and_then(|d| h.field_default(d))
                .unwrap_or(Value::Unset)
        } else {
            v
        };
        vals.push(v);
    }
    Some(Value::Record(Rc::new(RefCell::new(RecordVal {
        ty: rt.clone(),
        fields: vals,
    }))))
}

fn missing(h: &mut dyn Host, st: &Stream, row: &Row, what: &str, fname: &str) {
    let w = "Skipping input with missing non-optional value";
    let msg = match row.line {
        Some(n) => format!("{}:{n}: {w} ({what} field {fname})", st.source),
        None => format!("{w} ({what} field {fname})"),
    };
    stream_warning(h, st, &msg);
}

fn event_entry(h: &mut dyn Host, st: &mut Stream, row: Row) {
    let Kind::Event {
        ftype,
        want_record,
        ev,
    } = &st.kind
    else {
        return;
    };
    let (ftype, want_record, ev) = (ftype.clone(), *want_record, ev.clone());
    let mut args = vec![st.desc.clone(), event_enum(h, "EVENT_NEW")];
    let mut pos = 0;
    if want_record {
        let Some(r) = build_record(h, st, &ftype, &row, &mut pos, "record") else {
            return;
        };
        args.push(r);
    } else {
        let defs = ftype.fields.borrow().clone();
        for f in &defs {
            if let Type::Record(inner) = &*f.ty {
                let Some(r) = build_record(h, st, inner, &row, &mut pos, "record") else {
                    return;
                };
                args.push(r);
            } else {
                args.push(row.vals.get(pos).cloned().unwrap_or(Value::Unset));
                pos += 1;
            }
        }
    }
    h.queue_event(&ev, args);
}

/// The table index of an index record: its one field, or all of them.
fn index_of(rec: &Value) -> Value {
    let Value::Record(r) = rec else {
        return Value::Unset;
    };
    let r = r.borrow();
    if r.fields.len() == 1 && !matches!(r.fields[0], Value::Record(_)) {
        return r.fields[0].clone();
    }
    Value::Tuple(Rc::new(r.fields.clone()))
}

fn table_entry(h: &mut dyn Host, st: &mut Stream, row: Row, put: bool) {
    let Kind::Table {
        dest,
        itype,
        vtype,
        n_idx,
        n_val,
        want_record,
        ev,
        pred,
        ..
    } = &st.kind
    else {
        return;
    };
    let (dest, itype, vtype, n_idx, n_val, want_record, ev, pred) = (
        dest.clone(),
        itype.clone(),
        vtype.clone(),
        *n_idx,
        *n_val,
        *want_record,
        ev.clone(),
        pred.clone(),
    );
    let Value::Table(table) = &dest else { return };
    let idxtext = row.texts[..n_idx.min(row.texts.len())].join(&0u8);
    let valtext = row.texts[n_idx.min(row.texts.len())..].join(&0u8);
    let mut updated = false;
    let mut old_entry = None;
    if !put {
        let Kind::Table { last, curr, .. } = &mut st.kind else {
            return;
        };
        if let Some(e) = last.remove(&idxtext) {
            if n_val == 0 || e.valtext == valtext {
                curr.insert(idxtext, e);
                return;
            }
            updated = true;
            old_entry = Some(e);
        }
    }
    // The value: nothing for a set, the one field, or a record.
    let mut pos = n_idx;
    let val = match &vtype {
        None => Value::Unset,
        Some(vt) if n_val == 1 && !want_record => {
            let _ = vt;
            row.vals.get(pos).cloned().unwrap_or(Value::Unset)
        }
        Some(vt) => match build_record(h, st, vt, &row, &mut pos, "record") {
            Some(v) => v,
            None => {
                restore(st, idxtext, old_entry);
                return;
            }
        },
    };
    let mut ipos = 0;
    // Zeek builds the index as the predicate's record when there is a
    // predicate, and names the missing field accordingly.
    let Some(pred_idx) = build_record(
        h,
        st,
        &itype,
        &row,
        &mut ipos,
        if pred.is_some() { "record" } else { "index" },
    ) else {
        restore(st, idxtext, old_entry);
        return;
    };
    let idx = index_of(&pred_idx);
    if put && table.borrow().contains(&idx) {
        updated = true;
    }
    let what = if updated {
        "EVENT_CHANGED"
    } else {
        "EVENT_NEW"
    };
    if let Some(p) = &pred {
        let mut args = vec![event_enum(h, what), pred_idx.clone()];
        if n_val > 0 {
            args.push(val.clone());
        }
        let keep = matches!(h.call_value(p, args), Ok(Value::Bool(true)));
        if !keep {
            restore(st, idxtext, old_entry);
            return;
        }
    }
    let old_val = if updated {
        table.borrow().get(&idx).cloned()
    } else {
        None
    };
    table.borrow_mut().insert(idx.clone(), val.clone());
    if !put {
        st.seq += 1;
        let seq = st.seq;
        if let Kind::Table { curr, .. } = &mut st.kind {
            curr.insert(
                idxtext,
                Entry {
                    seq,
                    idx,
                    pred_idx: pred_idx.clone(),
                    valtext,
                },
            );
        }
    }
    if let Some(e) = &ev {
        let mut args = vec![st.desc.clone(), event_enum(h, what), pred_idx];
        if n_val > 0 {
            args.push(if updated {
                old_val.unwrap_or(Value::Unset)
            } else {
                val
            });
        }
        h.queue_event(e, args);
    }
}

/// A changed entry the predicate refused stays as it was.
fn restore(st: &mut Stream, idxtext: Vec<u8>, old: Option<Entry>) {
    if let (Some(e), Kind::Table { curr, .. }) = (old, &mut st.kind) {
        curr.insert(idxtext, e);
    }
}

/// The end of a read: entries not seen again leave the table (unless the
/// predicate keeps them), then Input::end_of_data.
fn end_of_read(h: &mut dyn Host, st: &mut Stream) {
    let table = match &mut st.kind {
        Kind::Table {
            dest,
            n_val,
            ev,
            pred,
            last,
            ..
        } => Some((
            dest.clone(),
            *n_val,
            ev.clone(),
            pred.clone(),
            std::mem::take(last),
        )),
        Kind::Event { .. } => None,
    };
    if let Some((Value::Table(t), n_val, ev, pred, gone)) = table {
        let mut gone: Vec<(Vec<u8>, Entry)> = gone.into_iter().collect();
        gone.sort_by_key(|(_, e)| e.seq);
        let mut kept = Vec::new();
        for (key, e) in gone {
            let val = t.borrow().get(&e.idx).cloned().unwrap_or(Value::Unset);
            if let Some(p) = &pred {
                let args = vec![
                    event_enum(h, "EVENT_REMOVED"),
                    e.pred_idx.clone(),
                    val.clone(),
                ];
                if !matches!(h.call_value(p, args), Ok(Value::Bool(true))) {
                    kept.push((key, e));
                    continue;
                }
            }
            if let Some(evf) = &ev {
                let mut args = vec![
                    st.desc.clone(),
                    event_enum(h, "EVENT_REMOVED"),
                    e.pred_idx.clone(),
                ];
                if n_val > 0 {
                    args.push(val);
                }
                h.queue_event(evf, args);
            }
            t.borrow_mut().remove(&e.idx);
        }
        if let Kind::Table { last, curr, .. } = &mut st.kind {
            *last = std::mem::take(curr);
            for (k, e) in kept {
                last.insert(k, e);
            }
        }
    }
    if let Some(ev) = global(h, "Input::end_of_data") {
        let args = vec![
            Value::str(st.name.as_bytes()),
            Value::str(st.source.as_bytes()),
        ];
        h.queue_event(&ev, args);
    }
}
