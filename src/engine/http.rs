//! The HTTP analyzer's findings (`packet::http`) as script events, and
//! the files that HTTP bodies carry, as far as scripts see Zeek's file
//! analysis: each entity's body is a file whose id comes from the handle
//! a `get_file_handle` handler sets, announced by `file_new` and
//! `file_over_new_connection` and closed by `file_state_remove`.

use std::rc::Rc;

use ahash::AHashMap;

use super::lookup::{enum_const, global, global_count, handled};
use super::packet_ctx::At;
use super::records::Shape;
use super::Run;
use crate::bif::file_analysis::FileHandle;
use crate::eval::Interp;
use crate::packet::http::{unescape_uri, HttpEvent, MsgStat};
use crate::packet::{ConnHandle, EventMask, Tracker};
use crate::runtime::func::FuncVal;
use crate::runtime::value::Value;

/// The HTTP events scripts handle, and the file analysis state.
#[derive(Default)]
pub(super) struct Http {
    request: Option<Rc<FuncVal>>,
    reply: Option<Rc<FuncVal>>,
    header: Option<Rc<FuncVal>>,
    begin_entity: Option<Rc<FuncVal>>,
    end_entity: Option<Rc<FuncVal>>,
    entity_data: Option<Rc<FuncVal>>,
    message_done: Option<Rc<FuncVal>>,
    stat: Option<Shape>,
    files: Option<Files>,
}

struct Files {
    get_file_handle: Rc<FuncVal>,
    /// `Analyzer::ANALYZER_HTTP`.
    tag: Value,
    file_new: Option<Rc<FuncVal>>,
    file_over_new_connection: Option<Rc<FuncVal>>,
    file_state_remove: Option<Rc<FuncVal>>,
    /// `fa_file`: id, source, is_orig, last_active, seen_bytes.
    shape: Shape,
    /// The hash key derived from `digest_salt`.
    key: [u64; 4],
    bits: u32,
    /// Per connection and direction, the file of the entity being
    /// delivered (`None`: no handle was given, so no file).
    open: AHashMap<(u32, u32, bool), Option<Value>>,
}

/// Positions in `Files::shape` of the fields updated as data comes.
const LAST_ACTIVE: usize = 3;
const SEEN_BYTES: usize = 4;

impl Http {
    pub(super) fn find(interp: &Interp) -> Http {
        let h = |n: &str| handled(interp, n);
        let files = (|| {
            let tag = enum_const(interp, "Analyzer::Tag", "Analyzer::ANALYZER_HTTP")?;
            let salt = match global(interp, "digest_salt") {
                Some(v @ Value::String(_)) => v.as_bytes().to_vec(),
                _ => Vec::new(),
            };
            Some(Files {
                get_file_handle: h("get_file_handle")?,
                tag: Value::Enum(tag),
                file_new: h("file_new"),
                file_over_new_connection: h("file_over_new_connection"),
                file_state_remove: h("file_state_remove"),
                shape: Shape::of(
                    interp,
                    "fa_file",
                    &[
                        "id",
                        "source",
                        "is_orig",
                        "last_active",
                        "seen_bytes",
                        "total_bytes",
                    ],
                )?,
                key: crate::bif::file_analysis::file_id_key(&salt),
                bits: global_count(interp, "bits_per_uid", 96).clamp(1, 128) as u32,
                open: AHashMap::new(),
            })
        })();
        Http {
            request: h("http_request"),
            reply: h("http_reply"),
            header: h("http_header"),
            begin_entity: h("http_begin_entity"),
            end_entity: h("http_end_entity"),
            entity_data: h("http_entity_data"),
            message_done: h("http_message_done"),
            stat: Shape::of(
                interp,
                "http_message_stat",
                &[
                    "start",
                    "interrupted",
                    "finish_msg",
                    "body_length",
                    "content_gap_length",
                    "header_length",
                ],
            ),
            files,
        }
    }

    /// The tracker's HTTP event bits: the analysis when anything is to
    /// be raised (else the analyzer is not even attached), body bytes
    /// when `http_entity_data` is handled (else only their count).
    pub(super) fn mask(&self) -> u64 {
        let mut m = 0;
        if self.wanted() {
            m |= EventMask::HTTP;
        }
        if self.entity_data.is_some() {
            m |= EventMask::HTTP_BODY;
        }
        m
    }

    fn wanted(&self) -> bool {
        [
            &self.request,
            &self.reply,
            &self.header,
            &self.begin_entity,
            &self.end_entity,
            &self.entity_data,
            &self.message_done,
        ]
        .iter()
        .any(|f| f.is_some())
            || self.files.is_some()
    }
}

impl Run {
    /// Queues the script events for one of the HTTP analyzer's findings.
    pub(super) fn http_event(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        ev: &HttpEvent,
        at: At,
    ) {
        match ev {
            HttpEvent::Request {
                method,
                uri,
                version,
            } => {
                let f = self.http.request.clone();
                let rest = vec![
                    Value::str(method),
                    Value::str(uri),
                    Value::string(unescape_uri(uri)),
                    Value::str(version),
                ];
                self.conn_event(interp, tr, f, h, at, rest);
            }
            HttpEvent::Reply {
                version,
                code,
                reason,
            } => {
                let f = self.http.reply.clone();
                let rest = vec![Value::str(version), Value::Count(*code), Value::str(reason)];
                self.conn_event(interp, tr, f, h, at, rest);
            }
            HttpEvent::Header {
                is_orig,
                name,
                value,
            } => {
                let f = self.http.header.clone();
                let rest = vec![
                    Value::Bool(*is_orig),
                    Value::str(name),
                    Value::string(name.to_ascii_uppercase()),
                    Value::str(value),
                ];
                self.conn_event(interp, tr, f, h, at, rest);
            }
            HttpEvent::BeginEntity { is_orig } => {
                let f = self.http.begin_entity.clone();
                self.conn_event(interp, tr, f, h, at, vec![Value::Bool(*is_orig)]);
            }
            HttpEvent::Data {
                is_orig,
                len,
                data,
                size,
            } => {
                self.file_data(interp, tr, h, *is_orig, *len, *size, at);
                if self.http.entity_data.is_some() {
                    let f = self.http.entity_data.clone();
                    let rest = vec![Value::Bool(*is_orig), Value::Count(*len), Value::str(data)];
                    self.conn_event(interp, tr, f, h, at, rest);
                }
            }
            HttpEvent::EndEntity { is_orig } => {
                // The file ends before the entity does.
                self.file_end(interp, h, *is_orig);
                let f = self.http.end_entity.clone();
                self.conn_event(interp, tr, f, h, at, vec![Value::Bool(*is_orig)]);
            }
            HttpEvent::MessageDone { is_orig, stat } => {
                let Some(shape) = &self.http.stat else { return };
                let MsgStat {
                    start,
                    interrupted,
                    finish_msg,
                    body_length,
                    content_gap_length,
                    header_length,
                } = stat;
                let s = shape.build(
                    interp,
                    vec![
                        Value::Time(*start),
                        Value::Bool(*interrupted),
                        Value::str(finish_msg.as_bytes()),
                        Value::Count(*body_length),
                        Value::Count(*content_gap_length),
                        Value::Count(*header_length),
                    ],
                );
                let f = self.http.message_done.clone();
                self.conn_event(interp, tr, f, h, at, vec![Value::Bool(*is_orig), s]);
            }
        }
    }

    /// Body bytes: the entity's file, asked for by name on its first
    /// bytes (`size`: the body's length, if the headers gave it). As in
    /// Zeek, the events queued so far run first, then `get_file_handle`,
    /// so that its handler sees the state they built (the transaction
    /// depth, the entity count).
    #[allow(clippy::too_many_arguments)]
    fn file_data(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        h: ConnHandle,
        is_orig: bool,
        len: u64,
        size: Option<u64>,
        at: At,
    ) {
        let key = (h.index(), h.generation(), is_orig);
        let Some(files) = &self.http.files else {
            return;
        };
        if !files.open.contains_key(&key) {
            let (f, tag) = (files.get_file_handle.clone(), files.tag.clone());
            let Some(cv) = self.conns.get(interp, tr, h, at) else {
                return;
            };
            interp.ext.get_or_default::<FileHandle>().take();
            interp.queue_event(f, vec![tag, cv.clone(), Value::Bool(is_orig)]);
            self.drain_now(interp);
            let handle = interp.ext.get_or_default::<FileHandle>().take();
            let Some(files) = &mut self.http.files else {
                return;
            };
            let now = interp.network_time();
            let file = handle.map(|hd| {
                let id = crate::bif::file_analysis::file_id(&hd, files.key, files.bits);
                // Reporter::file_weird reports on the files in analysis.
                interp
                    .ext
                    .get_or_default::<crate::bif::conns::LiveFiles>()
                    .0
                    .insert(id.clone());
                files.shape.build(
                    interp,
                    vec![
                        Value::string(id),
                        Value::str(b"HTTP"),
                        Value::Bool(is_orig),
                        Value::Time(now),
                        Value::Count(0),
                        size.map_or(Value::Unset, Value::Count),
                    ],
                )
            });
            if let Some(fv) = &file {
                if let Some(f) = files.file_new.clone() {
                    interp.queue_event(f, vec![fv.clone()]);
                }
                if let Some(f) = files.file_over_new_connection.clone() {
                    interp.queue_event(f, vec![fv.clone(), cv, Value::Bool(is_orig)]);
                }
            }
            files.open.insert(key, file);
        }
        let Some(files) = &self.http.files else {
            return;
        };
        if let Some(Some(Value::Record(r))) = files.open.get(&key) {
            let mut r = r.borrow_mut();
            if let Some(Some(i)) = files.shape.idx.get(SEEN_BYTES) {
                if let Some(Value::Count(n)) = r.fields.get_mut(*i) {
                    *n += len;
                }
            }
            if let Some(Some(i)) = files.shape.idx.get(LAST_ACTIVE) {
                if let Some(slot) = r.fields.get_mut(*i) {
                    *slot = Value::Time(interp.network_time());
                }
            }
        }
    }

    /// The entity's body is over: so is its file.
    fn file_end(&mut self, interp: &mut Interp, h: ConnHandle, is_orig: bool) {
        let Some(files) = &mut self.http.files else {
            return;
        };
        let key = (h.index(), h.generation(), is_orig);
        if let Some(Some(fv)) = files.open.remove(&key) {
            if let Value::Record(r) = &fv {
                let r = r.borrow();
                let id = r.ty.field_index("id").and_then(|i| r.fields.get(i));
                if let (Some(id), Some(live)) =
                    (id, interp.ext.get_mut::<crate::bif::conns::LiveFiles>())
                {
                    live.0.remove(id.as_bytes());
                }
            }
            if let Some(f) = files.file_state_remove.clone() {
                interp.queue_event(f, vec![fv]);
            }
        }
    }
}
