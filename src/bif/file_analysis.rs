//! File analysis: the handle scripts give for a file (`set_file_handle`)
//! and the file id derived from it, and what is done with each file's
//! bytes — the analyzers scripts attach (hashes, extraction, data events,
//! entropy), the buffer of its first bytes and the MIME types found in
//! them (`file_magic.txt`).
//!
//! Zeek names a file by hashing the handle that a `get_file_handle`
//! handler sets: a 128-bit HighwayHash keyed with the SHA-256 of
//! `digest_salt` (so ids agree across runs and across a cluster), cut to
//! `bits_per_uid` bits and printed like a connection uid with an `F`.
//!
//! The engine owns the order of events: it hands a file's bytes to the
//! [`FileCtl`] kept here (in the interpreter's extensions, so that the
//! built-ins reach it by file id) and turns the [`FileOut`]s it gets back
//! into script events.

use super::{arg, bytes, count, record_of, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::entropy::{EntropyResult, EntropyState};
use crate::runtime::value::Value;
use ahash::AHashMap;
use highway::{HighwayHash, HighwayHasher, Key};
use md5::digest::DynDigest;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::OnceLock;

/// The handle a `get_file_handle` handler set with `set_file_handle`,
/// kept in the interpreter's extensions until the file analysis that
/// asked for it takes it.
#[derive(Default)]
pub struct FileHandle(Option<Vec<u8>>);

impl FileHandle {
    /// The handle a script set, if any, leaving none.
    pub fn take(&mut self) -> Option<Vec<u8>> {
        self.0.take()
    }
}

fn set_file_handle(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let handle = bytes(args, 0).to_vec();
    // An empty handle names no file.
    if !handle.is_empty() {
        h.extensions().get_or_default::<FileHandle>().0 = Some(handle);
    }
    Ok(Value::Unset)
}

/// The HighwayHash key for file ids: the SHA-256 of `digest_salt`, read
/// as four little-endian words.
pub fn file_id_key(salt: &[u8]) -> [u64; 4] {
    let digest = Sha256::digest(salt);
    let mut key = [0u64; 4];
    for (k, chunk) in key.iter_mut().zip(digest.chunks_exact(8)) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        *k = u64::from_le_bytes(w);
    }
    key
}

/// The file id for `handle` under the key of [`file_id_key`], with
/// `bits` of uid.
pub fn file_id(handle: &[u8], key: [u64; 4], bits: u32) -> Vec<u8> {
    let words = HighwayHasher::new(Key(key)).hash128(handle);
    crate::runtime::uid::uid_base62(b"F", words, bits)
}

// ---- The files in analysis ---------------------------------------------

/// Every file being analysed, by id, and the analyzers scripts turned off.
#[derive(Default)]
pub struct FileAnalysis {
    pub files: AHashMap<Vec<u8>, FileCtl>,
    disabled: ahash::AHashSet<String>,
}

/// What a file's analysis asks the engine to raise.
pub enum FileOut {
    /// `file_hash(f, kind, hash)`.
    Hash(&'static str, String),
    /// A `DATA_EVENT` analyzer's `stream_event(f, data)`.
    Stream(Value, Vec<u8>),
    /// A `DATA_EVENT` analyzer's `chunk_event(f, data, offset)`.
    Chunk(Value, Vec<u8>, u64),
    /// `file_extraction_limit(f, args, limit, len)`.
    ExtractLimit(Value, u64, u64),
    /// `file_entropy(f, result)`.
    Entropy(EntropyResult),
    /// An error for the reporter.
    Error(String),
}

/// One file: its `fa_file` record, the analyzers attached to it, and the
/// buffer of its first bytes.
pub struct FileCtl {
    /// The `fa_file` record scripts see.
    pub val: Value,
    analyzers: Vec<Attached>,
    /// The first bytes, as delivered, and where each delivery ended.
    bof: Vec<u8>,
    bof_cuts: Vec<usize>,
    bof_full: bool,
    /// Whether the MIME type was looked for already.
    inferred: bool,
    /// Bytes delivered so far (the offset of the next).
    offset: u64,
    /// `Files::stop` was called: the rest of the file is ignored.
    pub stopped: bool,
}

struct Attached {
    /// The tag's name ("MD5") and the arguments it was added with.
    tag: String,
    args: Value,
    kind: Kind,
    /// Whether it has had the first bytes (it may come late).
    caught_up: bool,
    /// Whether it gave up (it takes no more bytes).
    skip: bool,
}

enum Kind {
    Hash(&'static str, Box<dyn DynDigest>, bool),
    Entropy(EntropyState, bool),
    DataEvent {
        chunk: Option<Value>,
        stream: Option<Value>,
    },
    Extract {
        out: Option<std::fs::File>,
        name: String,
        limit: u64,
        written: u64,
    },
}

/// A field of a record, if set.
fn field(v: &Value, name: &str) -> Option<Value> {
    let Value::Record(r) = v else { return None };
    let r = r.borrow();
    let i = r.ty.field_index(name)?;
    r.fields.get(i).filter(|v| !v.is_unset()).cloned()
}

fn set_field(v: &Value, name: &str, to: Value) {
    if let Value::Record(r) = v {
        let mut r = r.borrow_mut();
        if let Some(i) = r.ty.field_index(name) {
            if let Some(slot) = r.fields.get_mut(i) {
                *slot = to;
            }
        }
    }
}

fn field_count(v: &Value, name: &str) -> Option<u64> {
    match field(v, name) {
        Some(Value::Count(n)) => Some(n),
        _ => None,
    }
}

/// A file analyzer tag's name: its constant without module and prefix.
fn tag_name(v: &Value) -> String {
    match v {
        Value::Enum(e) => {
            let short = e.name.rsplit("::").next().unwrap_or(&e.name);
            short.strip_prefix("ANALYZER_").unwrap_or(short).to_string()
        }
        _ => String::new(),
    }
}

impl Attached {
    /// The analyzer `tag` with `args`, or why none could be made.
    fn new(h: &mut dyn Host, tag: &str, args: &Value) -> Option<Attached> {
        let hash = |k: &'static str, d: Box<dyn DynDigest>| Some(Kind::Hash(k, d, false));
        let kind = match tag {
            "MD5" => hash("md5", Box::<md5::Md5>::default()),
            "SHA1" => hash("sha1", Box::<sha1::Sha1>::default()),
            "SHA256" => hash("sha256", Box::<Sha256>::default()),
            "ENTROPY" => Some(Kind::Entropy(EntropyState::default(), false)),
            "DATA_EVENT" => {
                let (chunk, stream) = (field(args, "chunk_event"), field(args, "stream_event"));
                (chunk.is_some() || stream.is_some()).then_some(Kind::DataEvent { chunk, stream })
            }
            "EXTRACT" => {
                let name = field(args, "extract_filename");
                let limit = field_count(args, "extract_limit");
                let missing_ok = field(args, "extract_limit_includes_missing");
                for (f, v) in [
                    ("extract_filename", name.is_some()),
                    ("extract_limit", limit.is_some()),
                    ("extract_limit_includes_missing", missing_ok.is_some()),
                ] {
                    if !v {
                        super::reporter_error(
                            h,
                            &format!("File extraction analyzer missing arg field: {f}"),
                        );
                    }
                }
                let (Some(name), Some(limit), Some(_)) = (name, limit, missing_ok) else {
                    return None;
                };
                let name = String::from_utf8_lossy(name.as_bytes()).into_owned();
                let out = match std::fs::File::create(&name) {
                    Ok(f) => Some(f),
                    Err(e) => {
                        let why = super::files::os_message(&e);
                        super::reporter_error(h, &format!("cannot open {name}: {why}"));
                        None
                    }
                };
                Some(Kind::Extract {
                    out,
                    name,
                    limit,
                    written: 0,
                })
            }
            _ => None,
        }?;
        Some(Attached {
            tag: tag.to_string(),
            args: args.clone(),
            kind,
            caught_up: false,
            skip: false,
        })
    }

    /// Takes a run of bytes in order; false once it wants no more.
    fn stream(&mut self, data: &[u8], out: &mut Vec<FileOut>) -> bool {
        match &mut self.kind {
            Kind::Hash(_, d, fed) => {
                *fed |= !data.is_empty();
                d.update(data);
                true
            }
            Kind::Entropy(e, fed) => {
                *fed |= !data.is_empty();
                e.feed(data);
                true
            }
            Kind::DataEvent { stream, .. } => {
                if let Some(ev) = stream {
                    out.push(FileOut::Stream(ev.clone(), data.to_vec()));
                }
                true
            }
            Kind::Extract {
                out: file,
                name,
                limit,
                written,
            } => {
                let Some(f) = file else { return false };
                // A limit of 0 is no limit.
                let room = if *limit == 0 {
                    data.len() as u64
                } else {
                    limit.saturating_sub(*written).min(data.len() as u64)
                };
                let over = *limit != 0 && room < data.len() as u64;
                if over {
                    out.push(FileOut::ExtractLimit(
                        self.args.clone(),
                        *limit,
                        data.len() as u64,
                    ));
                }
                if room > 0 {
                    if let Err(e) = f.write_all(&data[..room as usize]) {
                        let why = super::files::os_message(&e);
                        out.push(FileOut::Error(format!(
                            "failed to write to extracted file {name}: {why}"
                        )));
                        *file = None;
                        return false;
                    }
                    *written += room;
                }
                !over
            }
        }
    }

    /// Takes bytes at an offset (after every analyzer had them in order).
    fn chunk(&mut self, data: &[u8], offset: u64, out: &mut Vec<FileOut>) {
        if let Kind::DataEvent {
            chunk: Some(ev), ..
        } = &self.kind
        {
            out.push(FileOut::Chunk(ev.clone(), data.to_vec(), offset));
        }
    }

    /// The file is over.
    fn end(&mut self, out: &mut Vec<FileOut>) {
        match &mut self.kind {
            Kind::Hash(kind, d, true) => {
                let sum = d.finalize_reset();
                out.push(FileOut::Hash(kind, hex(&sum)));
            }
            Kind::Entropy(e, true) => out.push(FileOut::Entropy(e.result())),
            Kind::Extract { out: Some(f), .. } => {
                let _ = f.flush();
            }
            _ => {}
        }
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl FileCtl {
    /// A new file with its `fa_file` record.
    pub fn new(val: Value) -> FileCtl {
        FileCtl {
            val,
            analyzers: Vec::new(),
            bof: Vec::new(),
            bof_cuts: Vec::new(),
            bof_full: false,
            inferred: false,
            offset: 0,
            stopped: false,
        }
    }

    /// Keeps `data` for the first-bytes buffer while it is not full;
    /// whether it was full before (to hand [`FileCtl::stream`]).
    pub fn buffer_bof(&mut self, data: &[u8]) -> bool {
        let was_full = self.bof_full;
        if was_full {
            return true;
        }
        self.bof.extend_from_slice(data);
        self.bof_cuts.push(self.bof.len());
        let want = field_count(&self.val, "bof_buffer_size").unwrap_or(4096);
        if (self.bof.len() as u64) >= want {
            self.bof_full = true;
            if !self.bof.is_empty() {
                set_field(&self.val, "bof_buffer", Value::str(&self.bof));
            }
        }
        false
    }

    /// The file ends before its first-bytes buffer filled: it is taken as
    /// full, for the last look at its type.
    pub fn close_bof(&mut self) -> bool {
        let was = self.bof_full;
        self.bof_full = true;
        !was
    }

    /// Whether the MIME type is to be looked for now: the first bytes are
    /// in and none is missing.
    pub fn sniff_due(&self) -> bool {
        !self.inferred && self.bof_full && field_count(&self.val, "missing_bytes").unwrap_or(0) == 0
    }

    /// Marks the type as looked for and fills `bof_buffer`; the bytes to
    /// look at, if any.
    pub fn infer(&mut self) -> Option<Vec<u8>> {
        self.inferred = true;
        let buf = match field(&self.val, "bof_buffer") {
            Some(v) => v.as_bytes().to_vec(),
            None if self.bof.is_empty() => return None,
            None => {
                set_field(&self.val, "bof_buffer", Value::str(&self.bof));
                self.bof.clone()
            }
        };
        let n = field_count(&self.val, "bof_buffer_size").unwrap_or(4096);
        let n = buf.len().min(usize::try_from(n).unwrap_or(usize::MAX));
        Some(buf[..n].to_vec())
    }

    /// Hands `data` to the analyzers (after [`FileCtl::buffer_bof`], which
    /// said whether the buffer was full before), counting it as seen.
    pub fn stream(&mut self, data: &[u8], bof_was_full: bool, out: &mut Vec<FileOut>) {
        let behind = if bof_was_full {
            self.bof_cuts.len()
        } else {
            self.bof_cuts.len().saturating_sub(1)
        };
        for a in &mut self.analyzers {
            if !a.caught_up {
                // A late analyzer first gets the buffered first bytes.
                let mut from = 0;
                for &to in &self.bof_cuts[..behind] {
                    if !a.skip && !a.stream(&self.bof[from..to], out) {
                        a.skip = true;
                    }
                    from = to;
                }
                a.caught_up = true;
            }
            if !a.skip && !a.stream(data, out) {
                a.skip = true;
            }
        }
        self.analyzers.retain(|a| !a.skip);
        let offset = self.offset;
        self.offset += data.len() as u64;
        if let Some(n) = field_count(&self.val, "seen_bytes") {
            set_field(&self.val, "seen_bytes", Value::Count(n + data.len() as u64));
        }
        if !data.is_empty() {
            for a in &mut self.analyzers {
                a.chunk(data, offset, out);
            }
        }
    }

    /// The file is over: what its analyzers make of it.
    pub fn end(&mut self, out: &mut Vec<FileOut>) {
        for a in &mut self.analyzers {
            a.end(out);
        }
        self.analyzers.clear();
    }

    /// Whether any analyzer is attached.
    pub fn has_analyzers(&self) -> bool {
        !self.analyzers.is_empty()
    }
}

// ---- MIME types from a file's first bytes ------------------------------

/// The file-magic signatures: for each, its MIME type and strength, in
/// one set of patterns anchored at the file's start.
struct Magic {
    set: regex::bytes::RegexSet,
    sigs: Vec<(i64, String)>,
}

fn magic() -> Option<&'static Magic> {
    static MAGIC: OnceLock<Option<Magic>> = OnceLock::new();
    MAGIC
        .get_or_init(|| {
            let mut pats = Vec::new();
            let mut sigs = Vec::new();
            for line in include_str!("file_magic.txt").lines() {
                let line = line.trim_end();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut parts = line.splitn(3, '\t');
                let (Some(st), Some(mime), Some(pat)) = (parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                let Ok(st) = st.trim().parse::<i64>() else {
                    continue;
                };
                pats.push(format!("(?-u)\\A(?:{pat})"));
                sigs.push((st, mime.trim().to_string()));
            }
            let set = regex::bytes::RegexSetBuilder::new(&pats)
                .size_limit(64 << 20)
                .build()
                .ok()?;
            Some(Magic { set, sigs })
        })
        .as_ref()
}

/// The MIME types whose signatures match the start of `data`: per
/// strength, strongest first, the types of that strength in name order.
pub fn mime_matches(data: &[u8]) -> Vec<(i64, Vec<String>)> {
    let Some(m) = magic() else { return Vec::new() };
    let mut by: std::collections::BTreeMap<
        std::cmp::Reverse<i64>,
        std::collections::BTreeSet<String>,
    > = Default::default();
    for i in m.set.matches(data).iter() {
        let (st, mime) = &m.sigs[i];
        by.entry(std::cmp::Reverse(*st))
            .or_default()
            .insert(mime.clone());
    }
    by.into_iter()
        .map(|(st, set)| (st.0, set.into_iter().collect()))
        .collect()
}

/// The `mime_matches` vector for matches: one entry per strength, naming
/// the last of that strength's types in name order, as Zeek lists them.
fn matches_value(h: &mut dyn Host, m: &[(i64, Vec<String>)]) -> Value {
    let items = m
        .iter()
        .filter_map(|(st, mimes)| {
            let last = mimes.last()?;
            Some(record_of(
                h,
                "mime_match",
                vec![
                    ("strength", Value::Int(*st)),
                    ("mime", Value::str(last.as_bytes())),
                ],
            ))
        })
        .collect();
    let ty = super::declared_type(h, "mime_matches")
        .unwrap_or_else(|| crate::runtime::types::vector_of(crate::runtime::types::any()));
    Value::Vector(std::rc::Rc::new(std::cell::RefCell::new(
        crate::runtime::value::VectorVal { ty, items },
    )))
}

/// The `fa_metadata` for a file's first bytes: the likeliest type (the
/// first in name order of the strongest) and every match.
pub fn metadata(h: &mut dyn Host, data: &[u8]) -> Value {
    let m = mime_matches(data);
    let mut fields = vec![];
    if let Some(best) = m.first().and_then(|(_, v)| v.first()) {
        fields.push(("mime_type", Value::str(best.as_bytes())));
        fields.push(("mime_types", matches_value(h, &m)));
    }
    record_of(h, "fa_metadata", fields)
}

fn file_magic(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let m = mime_matches(bytes(args, 0));
    Ok(matches_value(h, &m))
}

// ---- The built-ins scripts manage files with ---------------------------

fn with_file<T>(h: &mut dyn Host, id: &[u8], f: impl FnOnce(&mut FileCtl) -> T) -> Option<T> {
    h.extensions()
        .get_mut::<FileAnalysis>()
        .and_then(|fa| fa.files.get_mut(id))
        .map(f)
}

fn add_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (id, tag, a) = (
        bytes(args, 0).to_vec(),
        tag_name(arg(args, 1)),
        arg(args, 2).clone(),
    );
    let known = with_file(h, &id, |_| ()).is_some();
    let off = h
        .extensions()
        .get::<FileAnalysis>()
        .is_some_and(|fa| fa.disabled.contains(&tag));
    if !known || off {
        return Ok(Value::Bool(false));
    }
    let dup = with_file(h, &id, |f| {
        f.analyzers.iter().any(|x| x.tag == tag && x.args == a)
    });
    if dup == Some(true) {
        return Ok(Value::Bool(true));
    }
    let Some(new) = Attached::new(h, &tag, &a) else {
        return Ok(Value::Bool(false));
    };
    Ok(Value::Bool(
        with_file(h, &id, |f| f.analyzers.push(new)).is_some(),
    ))
}

fn remove_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (id, tag, a) = (
        bytes(args, 0).to_vec(),
        tag_name(arg(args, 1)),
        arg(args, 2).clone(),
    );
    let found = with_file(h, &id, |f| {
        let before = f.analyzers.len();
        f.analyzers.retain(|x| !(x.tag == tag && x.args == a));
        f.analyzers.len() < before
    });
    Ok(Value::Bool(found == Some(true)))
}

fn stop(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = bytes(args, 0).to_vec();
    Ok(Value::Bool(
        with_file(h, &id, |f| f.stopped = true).is_some(),
    ))
}

fn set_timeout_interval(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = bytes(args, 0).to_vec();
    let t = arg(args, 1).clone();
    Ok(Value::Bool(
        with_file(h, &id, |f| set_field(&f.val, "timeout_interval", t)).is_some(),
    ))
}

/// Reassembly: files here arrive in order, so the setting is only kept
/// by the file; true if it exists.
fn reassembly(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = bytes(args, 0).to_vec();
    Ok(Value::Bool(with_file(h, &id, |_| ()).is_some()))
}

fn analyzer_switch(h: &mut dyn Host, args: &[Value], on: bool) -> BifResult {
    let tag = tag_name(arg(args, 0));
    let fa = h.extensions().get_or_default::<FileAnalysis>();
    if on {
        fa.disabled.remove(&tag);
    } else {
        fa.disabled.insert(tag);
    }
    Ok(Value::Bool(true))
}

fn enable_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    analyzer_switch(h, args, true)
}

fn disable_analyzer(h: &mut dyn Host, args: &[Value]) -> BifResult {
    analyzer_switch(h, args, false)
}

fn analyzer_enabled(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let tag = tag_name(arg(args, 0));
    let off = h
        .extensions()
        .get::<FileAnalysis>()
        .is_some_and(|fa| fa.disabled.contains(&tag));
    Ok(Value::Bool(!off))
}

fn analyzer_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::str(tag_name(arg(args, 0)).as_bytes()))
}

fn file_exists(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = bytes(args, 0).to_vec();
    Ok(Value::Bool(with_file(h, &id, |_| ()).is_some()))
}

fn lookup_file(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let id = bytes(args, 0).to_vec();
    if let Some(v) = with_file(h, &id, |f| f.val.clone()) {
        return Ok(v);
    }
    let msg = format!("file ID {} not a known file", String::from_utf8_lossy(&id));
    super::reporter_error(h, &msg);
    Ok(Value::Unset)
}

/// `FileExtract::__set_limit`: a new limit for the extraction of `file_id`
/// with these arguments.
fn set_extract_limit(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (id, a, n) = (
        bytes(args, 0).to_vec(),
        arg(args, 1).clone(),
        count(args, 2),
    );
    let found = with_file(h, &id, |f| {
        let mut hit = false;
        for x in &mut f.analyzers {
            if let (Kind::Extract { limit, .. }, true) = (&mut x.kind, x.args == a) {
                *limit = n;
                hit = true;
            }
        }
        hit
    });
    Ok(Value::Bool(found == Some(true)))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "set_file_handle",
        sig: "function(handle: string): any",
        func: set_file_handle,
    },
    BifDef {
        name: "file_magic",
        sig: "function(data: string): mime_matches",
        func: file_magic,
    },
    BifDef {
        name: "Files::__set_timeout_interval",
        sig: "function(file_id: string, t: interval): bool",
        func: set_timeout_interval,
    },
    BifDef {
        name: "Files::__enable_reassembly",
        sig: "function(file_id: string): bool",
        func: reassembly,
    },
    BifDef {
        name: "Files::__disable_reassembly",
        sig: "function(file_id: string): bool",
        func: reassembly,
    },
    BifDef {
        name: "Files::__set_reassembly_buffer",
        sig: "function(file_id: string, max: count): bool",
        func: reassembly,
    },
    BifDef {
        name: "Files::__enable_analyzer",
        sig: "function(tag: Files::Tag): bool",
        func: enable_analyzer,
    },
    BifDef {
        name: "Files::__disable_analyzer",
        sig: "function(tag: Files::Tag): bool",
        func: disable_analyzer,
    },
    BifDef {
        name: "Files::__analyzer_enabled",
        sig: "function(tag: Files::Tag): bool",
        func: analyzer_enabled,
    },
    BifDef {
        name: "Files::__add_analyzer",
        sig: "function(file_id: string, tag: Files::Tag, args: any): bool",
        func: add_analyzer,
    },
    BifDef {
        name: "Files::__remove_analyzer",
        sig: "function(file_id: string, tag: Files::Tag, args: any): bool",
        func: remove_analyzer,
    },
    BifDef {
        name: "Files::__stop",
        sig: "function(file_id: string): bool",
        func: stop,
    },
    BifDef {
        name: "Files::__analyzer_name",
        sig: "function(tag: Files::Tag): string",
        func: analyzer_name,
    },
    BifDef {
        name: "Files::__file_exists",
        sig: "function(fuid: string): bool",
        func: file_exists,
    },
    BifDef {
        name: "Files::__lookup_file",
        sig: "function(fuid: string): fa_file",
        func: lookup_file,
    },
    BifDef {
        name: "FileExtract::__set_limit",
        sig: "function(file_id: string, args: any, n: count): bool",
        func: set_extract_limit,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_file_id() {
        // The handle base/protocols/http gives the response body of the
        // first transaction of a connection that started at
        // 1690990955.94433 (the trace core.tcp-padding reads), and the id
        // Zeek logs for it.
        let handle = b"Analyzer::ANALYZER_HTTP1690990955.94433F11\
167.221.30.181:59406 > 217.207.159.63:27272";
        let key = file_id_key(b"Please change this value.");
        let id = file_id(handle, key, 96);
        assert_eq!(id, b"Fftt1g15aiP3OV7YTf");
        // Another salt, another id; fewer bits, a shorter one.
        assert_ne!(file_id(handle, file_id_key(b"x"), 96), id);
        assert!(file_id(handle, key, 64).len() < id.len());
    }
}
