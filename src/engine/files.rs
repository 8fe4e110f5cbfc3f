//! The bytes of the files protocols carry, through the file analysis of
//! `bif::file_analysis`, and the script events that come of them in
//! Zeek's order: `file_sniff` once the first bytes are in (run at once,
//! so that its handlers can attach analyzers that still see those
//! bytes), the analyzers' events as the data flows, and at the end the
//! hashes and other results, then `file_state_remove`.

use std::rc::Rc;

use super::lookup::handled;
use super::Run;
use crate::bif::file_analysis::{metadata, FileAnalysis, FileCtl, FileOut};
use crate::eval::Interp;
use crate::runtime::func::FuncVal;
use crate::runtime::value::Value;

/// The file analysis events scripts handle.
#[derive(Default)]
pub(super) struct FileEvents {
    sniff: Option<Rc<FuncVal>>,
    hash: Option<Rc<FuncVal>>,
    entropy: Option<Rc<FuncVal>>,
    extraction_limit: Option<Rc<FuncVal>>,
    state_remove: Option<Rc<FuncVal>>,
}

impl FileEvents {
    pub(super) fn find(interp: &Interp) -> FileEvents {
        let h = |n: &str| handled(interp, n);
        FileEvents {
            sniff: h("file_sniff"),
            hash: h("file_hash"),
            entropy: h("file_entropy"),
            extraction_limit: h("file_extraction_limit"),
            state_remove: h("file_state_remove"),
        }
    }
}

fn ctl<'a>(interp: &'a mut Interp, id: &[u8]) -> Option<&'a mut FileCtl> {
    interp.ext.get_mut::<FileAnalysis>()?.files.get_mut(id)
}

impl Run {
    /// Starts the analysis of a new file with its `fa_file` record.
    pub(super) fn file_begin(&mut self, interp: &mut Interp, id: &[u8], val: Value) {
        interp
            .ext
            .get_or_default::<FileAnalysis>()
            .files
            .insert(id.to_vec(), FileCtl::new(val));
    }

    /// The next bytes of file `id`.
    pub(super) fn file_deliver(&mut self, interp: &mut Interp, id: &[u8], data: &[u8]) {
        let Some(c) = ctl(interp, id) else { return };
        if c.stopped {
            return;
        }
        let was_full = c.buffer_bof(data);
        self.file_stream(interp, id, data, was_full);
    }

    /// Looks for the type if due, then hands `data` to the analyzers.
    fn file_stream(&mut self, interp: &mut Interp, id: &[u8], data: &[u8], was_full: bool) {
        let Some(c) = ctl(interp, id) else { return };
        let sniff = if c.sniff_due() { c.infer() } else { None };
        let val = c.val.clone();
        if let (Some(first), Some(f)) = (sniff, self.file_events.sniff.clone()) {
            let meta = metadata(interp, &first);
            interp.queue_event(f, vec![val.clone(), meta]);
            self.drain_now(interp);
        }
        let mut out = Vec::new();
        if let Some(c) = ctl(interp, id) {
            c.stream(data, was_full, &mut out);
        }
        self.file_outputs(interp, &val, out);
    }

    /// File `id` is over: its last look at the type if the first bytes
    /// never filled the buffer, its analyzers' results, and its end.
    pub(super) fn file_finish(&mut self, interp: &mut Interp, id: &[u8]) {
        let Some(c) = ctl(interp, id) else { return };
        if c.close_bof() {
            self.file_stream(interp, id, &[], true);
        }
        let Some(mut c) = interp
            .ext
            .get_mut::<FileAnalysis>()
            .and_then(|fa| fa.files.remove(id))
        else {
            return;
        };
        let mut out = Vec::new();
        c.end(&mut out);
        self.file_outputs(interp, &c.val, out);
        if let Some(f) = self.file_events.state_remove.clone() {
            interp.queue_event(f, vec![c.val]);
        }
    }

    /// The events the analyzers asked for.
    fn file_outputs(&mut self, interp: &mut Interp, val: &Value, out: Vec<FileOut>) {
        let ev = &self.file_events;
        for o in out {
            let (f, args) = match o {
                FileOut::Hash(kind, hex) => (
                    ev.hash.clone(),
                    vec![
                        val.clone(),
                        Value::str(kind.as_bytes()),
                        Value::string(hex.into_bytes()),
                    ],
                ),
                FileOut::Entropy(r) => (
                    ev.entropy.clone(),
                    vec![val.clone(), crate::bif::entropy::result_record(r)],
                ),
                FileOut::ExtractLimit(a, limit, len) => (
                    ev.extraction_limit.clone(),
                    vec![val.clone(), a, Value::Count(limit), Value::Count(len)],
                ),
                FileOut::Stream(Value::Func(f), data) => {
                    (Some(f), vec![val.clone(), Value::string(data)])
                }
                FileOut::Chunk(Value::Func(f), data, off) => (
                    Some(f),
                    vec![val.clone(), Value::string(data), Value::Count(off)],
                ),
                FileOut::Stream(..) | FileOut::Chunk(..) => (None, vec![]),
                FileOut::Error(msg) => {
                    crate::bif::reporter_error(interp, &msg);
                    (None, vec![])
                }
            };
            if let Some(f) = f {
                interp.queue_event(f, args);
            }
        }
    }
}
