//! The readers: each turns a stream's source into rows of field values,
//! in Zeek's order of messages (rows, then the end of a read; warnings
//! and errors as they happen). A reader keeps what it needs between
//! reads (how far a followed file was read, the file's identity for
//! REREAD), and reads files whole: sources are configuration and
//! intelligence files, not traces.

use super::format::{parse_value, Separators};
use super::{Field, Mode};
use crate::runtime::types::{Type, TypeRef};
use crate::runtime::value::Value;
use std::os::unix::fs::MetadataExt;

/// What a read produced, in order.
pub enum Msg {
    /// A row of a read that ends with `End` (MANUAL and REREAD).
    Entry(Row),
    /// A row of a followed file (STREAM), applied at once.
    Put(Row),
    /// The read reached the end of the source.
    End,
    /// A problem with a line or the file; the stream goes on.
    Warning(String),
    /// A problem that ends the stream.
    Error(String),
    /// The config reader's value for an option (InputConfig::new_value).
    ConfigValue(String, Value),
    /// A command run by the raw reader ended (code, killed by a signal).
    ProcessFinished(u64, bool),
}

/// One line's fields: the values, and the text each came from (which
/// tells a changed line from an unchanged one on a re-read), and the
/// line's number in the file when the reader counts lines.
pub struct Row {
    pub vals: Vec<Value>,
    pub texts: Vec<Vec<u8>>,
    pub line: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Ascii,
    Raw,
    Config,
    Binary,
}

/// The options a reader was started with.
pub struct Settings {
    pub separator: Vec<u8>,
    pub sep: Separators,
    pub fail_on_invalid_lines: bool,
    pub fail_on_file_problem: bool,
    pub path_prefix: String,
    pub record_separator: Vec<u8>,
    pub chunk_size: usize,
    /// Option names and types (the config reader).
    pub options: Vec<(String, TypeRef)>,
}

/// A reader's state between reads.
pub struct Reader {
    pub kind: Kind,
    pub mode: Mode,
    pub source: String,
    pub set: Settings,
    /// The file's identity at the last read (REREAD).
    seen: Option<(u64, i64)>,
    /// Bytes of the file consumed (STREAM).
    offset: u64,
    /// The header line (ASCII), kept for a followed file.
    header: Option<Vec<Vec<u8>>>,
    /// Warnings held back after a file problem, until a read succeeds.
    suppress: bool,
    suppressed: usize,
    /// The config reader's values of the last read.
    config_values: std::collections::HashMap<String, Vec<u8>>,
    /// The raw reader's command ran (it runs once).
    ran: bool,
}

impl Reader {
    pub fn new(kind: Kind, mode: Mode, source: String, set: Settings) -> Reader {
        Reader {
            kind,
            mode,
            source,
            set,
            seen: None,
            offset: 0,
            header: None,
            suppress: false,
            suppressed: 0,
            config_values: Default::default(),
            ran: false,
        }
    }

    fn warn(&mut self, out: &mut Vec<Msg>, msg: String) {
        if self.suppress {
            self.suppressed += 1;
        } else {
            out.push(Msg::Warning(msg));
        }
    }

    fn stop_suppression(&mut self, out: &mut Vec<Msg>) {
        self.suppress = false;
        if self.suppressed > 0 {
            out.push(Msg::Warning(format!(
                "Suppressed {} warning(s)",
                self.suppressed
            )));
        }
        self.suppressed = 0;
    }

    /// A file problem: an error when the stream fails on them, else a
    /// warning that holds back the ones after it.
    fn fail_warn(&mut self, out: &mut Vec<Msg>, is_error: bool, msg: String) {
        if is_error {
            out.push(Msg::Error(msg));
        } else {
            self.warn(out, msg);
            self.suppress = true;
        }
    }

    fn path(&self) -> String {
        let prefix = &self.set.path_prefix;
        if self.source.starts_with('/') || prefix.is_empty() {
            return self.source.clone();
        }
        let trimmed = prefix.trim_end_matches('/');
        if trimmed.is_empty() {
            format!("/{}", self.source)
        } else {
            format!("{trimmed}/{}", self.source)
        }
    }

    /// Checks that the fields suit the reader; Zeek's error otherwise.
    pub fn check_fields(&self, fields: &[Field]) -> Result<(), String> {
        match self.kind {
            Kind::Raw => {
                if self.source.is_empty() {
                    return Err("No source path provided".into());
                }
                if fields.len() != 1 {
                    return Err(format!(
                        "Filter for raw reader contains wrong number of fields -- got {}, expected 1. Filters for the raw reader contain one string field when used in normal mode and one string and one bool fields when using execute mode with stderr capturing. Filter ignored.",
                        fields.len()
                    ));
                }
                if !matches!(*fields[0].ty, Type::String) {
                    return Err(
                        "First field for raw reader always has to be of type string.".into(),
                    );
                }
                if self.source.ends_with('|') && self.mode == Mode::Reread {
                    return Err("Rereading only supported for files, not for executables.".into());
                }
                Ok(())
            }
            Kind::Binary => {
                if fields.len() != 1 || !matches!(*fields[0].ty, Type::String) {
                    return Err("Binary reader requires a single field of type string".into());
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// One read (Zeek's DoUpdate): the first read, a forced one, or a
    /// heartbeat's look at a followed file.
    pub fn update(&mut self, fields: &[Field], name: &str) -> Vec<Msg> {
        let mut out = Vec::new();
        match self.kind {
            Kind::Raw if self.source.ends_with('|') => self.run_command(&mut out),
            Kind::Ascii | Kind::Raw | Kind::Config | Kind::Binary => {
                self.read_file(fields, name, &mut out)
            }
        }
        out
    }

    /// The part of the file this read looks at, or None when there is
    /// nothing to read (unchanged file, or a problem already reported).
    fn fetch(&mut self, out: &mut Vec<Msg>) -> Option<Vec<u8>> {
        let path = self.path();
        let data = match std::fs::read(&path) {
            Ok(d) => d,
            Err(_) => {
                let fail = self.set.fail_on_file_problem;
                let msg = match self.kind {
                    Kind::Config => format!("Init: cannot open {}", self.source),
                    _ => format!("Init: cannot open {path}"),
                };
                self.fail_warn(out, fail, msg);
                return None;
            }
        };
        if self.mode == Mode::Reread {
            let meta = std::fs::metadata(&path).ok()?;
            let id = (meta.ino(), meta.mtime());
            if self.seen == Some(id) {
                return None;
            }
            if self.seen.is_some() {
                self.stop_suppression(out);
            }
            self.seen = Some(id);
        }
        if self.mode == Mode::Stream {
            let start = (self.offset as usize).min(data.len());
            // Only whole lines of a file being written.
            let end = match data[start..].iter().rposition(|c| *c == b'\n') {
                Some(p) => start + p + 1,
                None => start,
            };
            let first = self.offset == 0 && self.header.is_none();
            self.offset = end as u64;
            if !first && start == end {
                return None;
            }
            return Some(data[start..end].to_vec());
        }
        Some(data)
    }

    fn read_file(&mut self, fields: &[Field], name: &str, out: &mut Vec<Msg>) {
        let Some(data) = self.fetch(out) else {
            return;
        };
        match self.kind {
            Kind::Ascii => {
                if !self.read_ascii(&data, fields, out) {
                    // No usable header: no read happened.
                    return;
                }
            }
            Kind::Raw => self.read_raw(&data, out),
            Kind::Config => self.read_config(&data, name, out),
            Kind::Binary => {
                let size = self.set.chunk_size.max(1);
                for chunk in data.chunks(size) {
                    let row = Row {
                        vals: vec![Value::str(chunk)],
                        texts: vec![chunk.to_vec()],
                        line: None,
                    };
                    out.push(self.row_msg(row));
                }
            }
        }
        if self.mode != Mode::Stream {
            out.push(Msg::End);
        }
        self.stop_suppression(out);
    }

    fn row_msg(&self, row: Row) -> Msg {
        if self.mode == Mode::Stream {
            Msg::Put(row)
        } else {
            Msg::Entry(row)
        }
    }

    /// Zeek's ASCII log format: comment lines skipped, the `#fields` line
    /// (or else the first line) names the columns.
    fn read_ascii(&mut self, data: &[u8], fields: &[Field], out: &mut Vec<Msg>) -> bool {
        let sep = self.set.separator.first().copied().unwrap_or(b'\t');
        let path = self.path();
        let mut lines = data
            .split(|c| *c == b'\n')
            .enumerate()
            .filter_map(|(n, l)| {
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                if l.is_empty() {
                    return None;
                }
                if l[0] != b'#' {
                    return Some((n + 1, l));
                }
                if l.len() > 8 && l.starts_with(b"#fields") && l[7] == sep {
                    return Some((n + 1, &l[8..]));
                }
                None
            });
        if self.mode != Mode::Stream || self.header.is_none() {
            let Some((_, head)) = lines.next() else {
                let fail = self.set.fail_on_file_problem;
                self.fail_warn(
                    out,
                    fail,
                    format!("Could not read input data file {path}; first line could not be read"),
                );
                self.fail_warn(
                    out,
                    fail,
                    format!("Init: cannot open {path}; problem reading file header"),
                );
                return false;
            };
            self.header = Some(head.split(|c| *c == sep).map(|s| s.to_vec()).collect());
        }
        let header = self.header.clone().unwrap_or_default();
        // Where each field is, or None for an absent optional one.
        let mut columns: Vec<(Option<usize>, Option<usize>)> = Vec::new();
        for f in fields {
            let pos = header.iter().position(|h| h == f.name.as_bytes());
            match pos {
                Some(p) => {
                    let second = match &f.secondary {
                        Some(s) => match header.iter().position(|h| h == s.as_bytes()) {
                            Some(q) => Some(q),
                            None => {
                                let fail = self.set.fail_on_file_problem;
                                self.fail_warn(out, fail, format!("Could not find requested port type field {s} in input data file {path}."));
                                self.header = None;
                                return false;
                            }
                        },
                        None => None,
                    };
                    columns.push((Some(p), second));
                }
                None if f.optional => columns.push((None, None)),
                None => {
                    let fail = self.set.fail_on_file_problem;
                    self.fail_warn(
                        out,
                        fail,
                        format!(
                            "Did not find requested field {} in input data file {path}.",
                            f.name
                        ),
                    );
                    self.fail_warn(
                        out,
                        fail,
                        format!("Init: cannot open {path}; problem reading file header"),
                    );
                    self.header = None;
                    return false;
                }
            }
        }
        self.stop_suppression(out);
        'line: for (n, line) in lines {
            let parts: Vec<&[u8]> = line.split(|c| *c == sep).collect();
            let last = parts.len() as i64 - 1;
            let mut vals = Vec::with_capacity(fields.len());
            let mut texts = Vec::with_capacity(fields.len());
            for (f, (pos, second)) in fields.iter().zip(&columns) {
                let Some(p) = *pos else {
                    vals.push(Value::Unset);
                    texts.push(Vec::new());
                    continue;
                };
                let sp = second.map_or(-1, |s| s as i64);
                if p as i64 > last || sp > last {
                    let msg = format!(
                        "Not enough fields in line '{}' of {path}. Found {last} fields, want positions {p} and {sp}",
                        String::from_utf8_lossy(line)
                    );
                    if self.set.fail_on_invalid_lines {
                        out.push(Msg::Error(msg));
                        return false;
                    }
                    self.warn(out, msg);
                    self.suppress = true;
                    continue 'line;
                }
                let mut warnings = Vec::new();
                let v = parse_value(parts[p], &f.name, &f.ty, &self.set.sep, &mut warnings);
                for w in warnings {
                    self.warn(out, w);
                }
                let Some(mut v) = v else {
                    self.warn(
                        out,
                        format!(
                            "Could not convert line '{}' of {path} to Val. Ignoring line.",
                            String::from_utf8_lossy(line)
                        ),
                    );
                    continue 'line;
                };
                if let (Some(s), Value::Port(port)) = (second, &mut v) {
                    port.proto = match parts[*s] {
                        b"tcp" => crate::syntax::token::Proto::Tcp,
                        b"udp" => crate::syntax::token::Proto::Udp,
                        b"icmp" => crate::syntax::token::Proto::Icmp,
                        _ => crate::syntax::token::Proto::Unknown,
                    };
                }
                vals.push(v);
                texts.push(parts[p].to_vec());
            }
            self.stop_suppression(out);
            let row = Row {
                vals,
                texts,
                line: Some(n),
            };
            out.push(self.row_msg(row));
        }
        true
    }

    /// Lines as they are, each the one string field.
    fn read_raw(&mut self, data: &[u8], out: &mut Vec<Msg>) {
        let rs = self.set.record_separator.clone();
        for rec in split_records(data, &rs) {
            let row = Row {
                vals: vec![Value::str(rec)],
                texts: vec![rec.to_vec()],
                line: None,
            };
            out.push(self.row_msg(row));
        }
    }

    /// `sh -c` runs the command before the `|`; its output lines are the
    /// records, then InputRaw::process_finished tells how it ended.
    fn run_command(&mut self, out: &mut Vec<Msg>) {
        if self.ran && self.mode != Mode::Manual {
            return;
        }
        self.ran = true;
        let cmd = self.source.trim_end_matches('|');
        let result = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(cmd)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .output();
        let output = match result {
            Ok(o) => o,
            Err(e) => {
                out.push(Msg::Error(format!("Could not spawn child process: {e}")));
                return;
            }
        };
        self.read_raw(&output.stdout, out);
        if self.mode != Mode::Stream {
            out.push(Msg::End);
        }
        use std::os::unix::process::ExitStatusExt;
        match (output.status.code(), output.status.signal()) {
            (Some(code), _) => {
                if code != 0 {
                    out.push(Msg::Error(format!(
                        "Child process exited with non-zero return code {code}"
                    )));
                }
                out.push(Msg::ProcessFinished(code as u64, false));
            }
            (None, Some(sig)) => {
                out.push(Msg::Error(format!(
                    "Child process exited due to signal {sig}"
                )));
                out.push(Msg::ProcessFinished(sig as u64, true));
            }
            _ => {}
        }
    }

    /// Lines of `name value`: values of options that exist, converted to
    /// the option's type, and only those new or changed since the last
    /// read.
    fn read_config(&mut self, data: &[u8], _name: &str, out: &mut Vec<Msg>) {
        let setsep = self.set.sep.set_separator;
        let mut unseen: std::collections::HashSet<String> =
            self.config_values.keys().cloned().collect();
        for line in data.split(|c| *c == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() || line[0] == b'#' {
                continue;
            }
            let text = String::from_utf8_lossy(line).into_owned();
            let blank = |c: u8| c == b' ' || c == b'\t';
            let Some(kend) = line.iter().position(|c| blank(*c)) else {
                self.warn(
                    out,
                    format!("Could not parse '{text}'; line has invalid format. Ignoring line."),
                );
                continue;
            };
            if kend == 0 {
                self.warn(
                    out,
                    format!("Could not parse '{text}'; line has invalid format. Ignoring line."),
                );
                continue;
            }
            let key = String::from_utf8_lossy(&line[..kend]).into_owned();
            let rest = &line[kend..];
            let vstart = rest.iter().position(|c| !blank(*c)).unwrap_or(rest.len());
            // Trailing blanks and set separators are not part of the value.
            let vend = rest
                .iter()
                .rposition(|c| !blank(*c) && *c != setsep)
                .map_or(vstart, |e| (e + 1).max(vstart));
            let value = rest[vstart..vend].to_vec();
            let Some((_, ty)) = self.set.options.iter().find(|(n, _)| *n == key) else {
                self.warn(
                    out,
                    format!("Option '{key}' does not exist. Ignoring line."),
                );
                continue;
            };
            let ty = ty.clone();
            if !super::format::is_readable(&ty, false) || matches!(*ty, Type::Record(_)) {
                self.warn(
                    out,
                    format!("Option '{key}' has type '{ty}', which is not supported for file input. Ignoring line."),
                );
                continue;
            }
            let mut warnings = Vec::new();
            let v = parse_value(&value, &key, &ty, &self.set.sep, &mut warnings);
            for w in warnings {
                self.warn(out, w);
            }
            let v = match v {
                None => {
                    self.warn(
                        out,
                        format!("Could not convert line '{text}' to value. Ignoring line."),
                    );
                    continue;
                }
                Some(Value::Unset) => {
                    self.warn(out, format!("Line '{text}' has no value. Ignoring line."));
                    continue;
                }
                Some(v) => v,
            };
            unseen.remove(&key);
            if self.config_values.get(&key) == Some(&value) {
                continue;
            }
            self.config_values.insert(key.clone(), value.clone());
            let row = Row {
                vals: vec![Value::str(key.as_bytes()), Value::str(&value)],
                texts: vec![key.as_bytes().to_vec(), value.clone()],
                line: None,
            };
            out.push(self.row_msg(row));
            out.push(Msg::ConfigValue(key, v));
        }
        for k in unseen {
            self.config_values.remove(&k);
        }
    }
}

/// The records of raw data: split at the separator, the last one kept
/// even without a separator after it.
fn split_records<'a>(data: &'a [u8], rs: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    if rs.is_empty() {
        if !data.is_empty() {
            out.push(data);
        }
        return out;
    }
    let mut start = 0;
    let mut i = 0;
    while i + rs.len() <= data.len() {
        if &data[i..i + rs.len()] == rs {
            out.push(&data[start..i]);
            i += rs.len();
            start = i;
        } else {
            i += 1;
        }
    }
    if start < data.len() {
        out.push(&data[start..]);
    }
    out
}
