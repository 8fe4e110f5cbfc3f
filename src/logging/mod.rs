//! The logging framework: streams (one per `Log::ID`), the filters on
//! them, and the writers behind the filters.
//!
//! A stream knows the record type it logs. Each filter picks columns from
//! that type's `&log` fields (nested records flattened) and names the file
//! its rows go to: a fixed path, or one a script function computes per
//! record. Writers are opened on the first row for a path (as Zeek opens a
//! log file only once something is logged) and shared by the filters of
//! the stream that write to the same path. Writers implement
//! [`LogWriter`]; the ASCII writer (TSV or JSON lines) is the only one so
//! far. What runs per write (policy hooks, path functions, the stream's
//! event) is in `bif/logging.rs`, which has the interpreter at hand.

pub mod ascii;
pub mod columns;

pub use columns::{check_top_level, columns_of, default_path, row_of, type_name};

use crate::runtime::types::{RecordType, TypeRef};
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// One column of a log: its flattened name, its type, and the field
/// positions leading to its value in a record of the stream's columns.
#[derive(Clone, Debug)]
pub struct Column {
    pub name: String,
    pub ty: TypeRef,
    pub path: Vec<usize>,
}

/// What a writer produces from rows. Writers get the columns once, when
/// they are made, and then one value per column for each row.
pub trait LogWriter {
    /// Writes one row; an error ends the writer.
    fn write(&mut self, row: &[Value]) -> Result<(), String>;
    /// Pushes buffered output out.
    fn flush(&mut self);
    /// Writes whatever ends the log and closes it.
    fn close(&mut self);
}

/// A filter on a stream, as `Log::add_filter` gave it.
pub struct Filter {
    pub name: String,
    /// The script's `Log::Filter` record, handed to policy hooks.
    pub record: Value,
    /// `$policy`, or the stream's when the filter has none.
    pub policy: Option<Value>,
    /// `$path`, if set.
    pub path: Option<Value>,
    /// `$path_func`, if set.
    pub path_func: Option<Value>,
    /// The path from the stream's ID, for a filter with neither.
    pub id_path: String,
    /// The first path `$path_func` returned, offered to it on later calls
    /// when the filter has no `$path` of its own.
    pub computed_path: RefCell<Option<Value>>,
    /// The path the filter was moved to because another filter of the
    /// stream writes its own (`conn-2` for `conn`); it replaces `$path`.
    pub moved_path: RefCell<Option<Value>>,
    /// The columns this filter writes: first the extension columns, then
    /// the stream's.
    pub columns: Rc<[Column]>,
    /// `$ext_func`, when it adds columns: called with the path for each
    /// line, it returns the record the first `ext_columns` are read from.
    pub ext_func: Option<Value>,
    pub ext_columns: usize,
    /// Rows go nowhere (`Log::WRITER_NONE`).
    pub discard: bool,
}

/// An open writer, the path it writes, and the filter that made it:
/// a writer serves one filter only.
struct PathWriter {
    path: String,
    filter: String,
    /// `None` once opening or writing failed, so it is not retried.
    writer: Option<Box<dyn LogWriter>>,
}

/// One log stream.
pub struct Stream {
    /// The `Log::ID` enumerator's value and name.
    pub id: i64,
    pub name: String,
    pub columns: Rc<RecordType>,
    /// The stream's `$ev`, raised with each record written.
    pub event: Option<Value>,
    /// The stream's `$policy`, inherited by filters without their own.
    pub policy: Option<Value>,
    /// `Log::log_stream_policy`, if it has handlers.
    pub global_policy: Option<Value>,
    /// The stream's `$path`, inherited by filters without their own.
    pub path: Option<Value>,
    pub enabled: bool,
    /// Shared so a write can hold on to them (a hook may add or remove
    /// filters while they run) without a copy per write.
    pub filters: Rc<Vec<Rc<Filter>>>,
    writers: Vec<PathWriter>,
}

impl Stream {
    pub fn new(id: i64, name: String, columns: Rc<RecordType>) -> Stream {
        Stream {
            id,
            name,
            columns,
            event: None,
            policy: None,
            global_policy: None,
            path: None,
            enabled: true,
            filters: Rc::default(),
            writers: Vec::new(),
        }
    }

    /// The path filter `filter` writes to instead of `path` when another
    /// filter of the stream already writes there: `path-2`, `path-3`, ...,
    /// the first free or its own; with the filter it would have shared
    /// with. None when `path` is free or its own.
    pub fn unshared_path(&self, path: &str, filter: &str) -> Option<(String, String)> {
        let taken_by = |p: &str| {
            self.writers
                .iter()
                .find(|w| w.path == p && w.filter != filter)
                .map(|w| w.filter.clone())
        };
        let other = taken_by(path)?;
        let free = (2u32..)
            .map(|n| format!("{path}-{n}"))
            .find(|p| taken_by(p).is_none())?;
        Some((free, other))
    }

    /// Whether a writer for `path` was opened (or tried).
    pub fn has_writer(&self, path: &str) -> bool {
        self.writers.iter().any(|w| w.path == path)
    }

    /// Writes a row of filter `filter` for `path`, opening its writer with
    /// `open` the first time. Returns the error that ended the writer, if
    /// one did now.
    pub fn write_row(
        &mut self,
        path: &str,
        filter: &str,
        row: &[Value],
        open: impl FnOnce() -> Result<Box<dyn LogWriter>, String>,
    ) -> Result<(), String> {
        let i = match self.writers.iter().position(|w| w.path == path) {
            Some(i) => i,
            None => {
                let (writer, err) = match open() {
                    Ok(w) => (Some(w), None),
                    Err(e) => (None, Some(e)),
                };
                self.writers.push(PathWriter {
                    path: path.to_string(),
                    filter: filter.to_string(),
                    writer,
                });
                if let Some(e) = err {
                    return Err(e);
                }
                self.writers.len() - 1
            }
        };
        let pw = &mut self.writers[i];
        let Some(w) = &mut pw.writer else {
            return Ok(());
        };
        if let Err(e) = w.write(row) {
            pw.writer = None;
            return Err(format!("{path}: {e}"));
        }
        Ok(())
    }

    pub fn flush(&mut self) {
        for w in self.writers.iter_mut().filter_map(|w| w.writer.as_mut()) {
            w.flush();
        }
    }

    fn close(&mut self) {
        for w in self.writers.iter_mut().filter_map(|w| w.writer.as_mut()) {
            w.close();
        }
        self.writers.clear();
    }
}

/// The log streams of one interpreter, kept in its extensions. Dropping
/// them closes every writer (the end of the run, or an exit).
#[derive(Default)]
pub struct LogStreams {
    streams: Vec<Stream>,
}

impl LogStreams {
    /// The stream of that ID, if there is one.
    pub fn get_mut(&mut self, id: i64) -> Option<&mut Stream> {
        self.streams.iter_mut().find(|st| st.id == id)
    }

    /// Adds a stream, replacing (and closing) one with the same ID.
    pub fn add(&mut self, stream: Stream) {
        match self.streams.iter().position(|st| st.id == stream.id) {
            Some(i) => std::mem::replace(&mut self.streams[i], stream).close(),
            None => self.streams.push(stream),
        }
    }

    /// Removes a stream, closing its writers; false if there was none.
    pub fn remove(&mut self, id: i64) -> bool {
        match self.streams.iter().position(|st| st.id == id) {
            Some(i) => {
                self.streams.remove(i).close();
                true
            }
            None => false,
        }
    }

    /// Flushes every stream's writers, so a failing run loses nothing
    /// already logged.
    pub fn flush_all(&mut self) {
        for st in &mut self.streams {
            st.flush();
        }
    }
}

impl Drop for LogStreams {
    fn drop(&mut self) {
        for mut st in self.streams.drain(..) {
            st.close();
        }
    }
}

/// Local time as Zeek stamps log files: `YYYY-MM-DD-HH-MM-SS`.
pub(crate) fn stamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}-{:02}-{:02}-{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
