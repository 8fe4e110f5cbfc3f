//! An HTTP/1.x analyzer: parses both directions of a TCP connection's
//! in-order byte stream into Zeek's HTTP events (`http_request`,
//! `http_reply`, `http_header`, entities, `http_message_done`) and the
//! body bytes the file analysis takes.
//!
//! It is attached by the tracker only when scripts handle HTTP events and
//! the connection looks like HTTP (see [`wanted`]), so other traffic costs
//! nothing. It never panics on malformed input: whatever it cannot parse
//! stops the analysis of that direction, as Zeek's analyzer gives up on a
//! protocol violation.
//!
//! Bodies sent with `Content-Encoding: gzip` (or `x-gzip`) or `deflate`
//! are inflated before delivery, as Zeek's analyzer inflates them: the
//! entity's data, its length and the file it makes are of the decoded
//! bytes, in pieces of at most 4096 bytes.

use super::stream::Stream;

/// Zeek's HTTP ports (`HTTP::ports`): the analyzer is attached there from
/// the start, and its events need no confirmation by a reply.
const PORTS: [u16; 8] = [80, 81, 631, 1080, 3128, 8000, 8080, 8888];

/// Methods Zeek's dynamic protocol detection takes for an HTTP request
/// (the service recognizer too).
pub(crate) const METHODS: &[&[u8]] = &[
    b"GET",
    b"POST",
    b"HEAD",
    b"PUT",
    b"DELETE",
    b"OPTIONS",
    b"CONNECT",
    b"TRACE",
    b"PATCH",
    b"PROPFIND",
    b"PROPPATCH",
    b"MKCOL",
    b"COPY",
    b"MOVE",
    b"LOCK",
    b"UNLOCK",
    b"SEARCH",
    b"SUBSCRIBE",
    b"NOTIFY",
    b"BCOPY",
    b"BMOVE",
    b"POLL",
    b"REPORT",
];

/// Longest line (request, status or header line) kept while waiting for
/// its end; longer ones stop the direction's analysis.
const MAX_LINE: usize = 16 * 1024;
/// Requests whose replies are still awaited, kept for their methods.
const MAX_PENDING: usize = 128;
/// Events kept while an unconfirmed connection waits for its reply.
const MAX_HELD: usize = 256;

/// Should an analyzer be attached, given the originator's first payload
/// (starting at relative sequence 1) and the responder's port? On an HTTP
/// port always; elsewhere when the payload starts like a request method
/// (a client may send a single byte first).
pub fn wanted(resp_port: u16, first: &[u8]) -> Option<bool> {
    if PORTS.contains(&resp_port) {
        return Some(true);
    }
    let looks = !first.is_empty()
        && METHODS.iter().any(|m| {
            let n = first.len().min(m.len() + 1);
            let want = m.iter().chain(std::iter::once(&b' '));
            first[..n].iter().zip(want).all(|(a, b)| a == b)
        });
    looks.then_some(false)
}

/// `http_message_stat`.
#[derive(Debug, Clone, PartialEq)]
pub struct MsgStat {
    pub start: f64,
    pub interrupted: bool,
    pub finish_msg: &'static str,
    pub body_length: u64,
    pub content_gap_length: u64,
    pub header_length: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HttpEvent {
    Request {
        method: Vec<u8>,
        uri: Vec<u8>,
        version: Vec<u8>,
    },
    Reply {
        version: Vec<u8>,
        code: u64,
        reason: Vec<u8>,
    },
    BeginEntity {
        is_orig: bool,
    },
    Header {
        is_orig: bool,
        name: Vec<u8>,
        value: Vec<u8>,
    },
    /// `len` body bytes of the current entity (after chunked decoding),
    /// with the body's length when Content-Length gave it. The bytes
    /// themselves are in `data` only for an analyzer made
    /// [`HttpConn::with_bodies`].
    Data {
        is_orig: bool,
        len: u64,
        data: Vec<u8>,
        size: Option<u64>,
    },
    EndEntity {
        is_orig: bool,
    },
    MessageDone {
        is_orig: bool,
        stat: MsgStat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Body {
    None,
    Length(u64),
    UntilClose,
    /// Chunked: reading a size line.
    ChunkSize,
    ChunkData(u64),
    /// The CRLF after a chunk's data.
    ChunkEnd,
    /// Trailer lines after the last chunk.
    Trailer,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// Waiting for a request or status line.
    Idle,
    Headers,
    Body(Body),
    /// Given up on this direction.
    Dead,
}

#[derive(Debug, Clone, Default)]
struct Msg {
    start: f64,
    header_length: u64,
    body_length: u64,
    content_length: Option<u64>,
    chunked: bool,
    /// A header line not yet reported: a folded continuation may follow.
    pending: Option<(Vec<u8>, Vec<u8>)>,
    /// No body whatever the headers say (reply to HEAD, 1xx, 204, 304).
    bodyless: bool,
    /// The body's Content-Encoding, if one that is decoded, and the
    /// decoder once the body starts.
    coding: bool,
    inflate: Option<Box<Inflate>>,
}

/// The largest piece of decoded body delivered at once.
const INFLATE_PIECE: usize = 4096;

enum Decoder {
    Gzip(flate2::write::GzDecoder<Vec<u8>>),
    Zlib(flate2::write::ZlibDecoder<Vec<u8>>),
    Raw(flate2::write::DeflateDecoder<Vec<u8>>),
}

/// A compressed body being inflated. Like zlib with automatic header
/// detection, it takes a gzip or zlib stream; data with neither header is
/// taken as raw deflate (some servers send that for `deflate`). After an
/// error or the end of the compressed stream, further bytes are dropped.
#[derive(Default)]
struct Inflate {
    dec: Option<Decoder>,
    /// Input kept until the first output, to start over as raw deflate
    /// if the header guessed was wrong.
    fed: Vec<u8>,
    produced: bool,
    done: bool,
}

impl std::fmt::Debug for Inflate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inflate")
            .field("produced", &self.produced)
            .field("done", &self.done)
            .finish()
    }
}

impl Clone for Inflate {
    /// A decoder's state cannot be copied: the copy takes no more data.
    fn clone(&self) -> Inflate {
        Inflate {
            done: true,
            ..Inflate::default()
        }
    }
}

impl Decoder {
    fn guess(first: &[u8]) -> Decoder {
        use flate2::write::{DeflateDecoder, GzDecoder, ZlibDecoder};
        match first {
            [0x1f, 0x8b, ..] => Decoder::Gzip(GzDecoder::new(Vec::new())),
            [cmf, flg, ..]
                if cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0 =>
            {
                Decoder::Zlib(ZlibDecoder::new(Vec::new()))
            }
            _ => Decoder::Raw(DeflateDecoder::new(Vec::new())),
        }
    }

    /// Feeds `data`; the bytes decoded, or none on an error.
    fn feed(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        use std::io::Write;
        fn run<W: Write>(w: &mut W, data: &[u8]) -> bool {
            w.write_all(data).is_ok() && w.flush().is_ok()
        }
        let (ok, out) = match self {
            Decoder::Gzip(d) => (run(d, data), d.get_mut()),
            Decoder::Zlib(d) => (run(d, data), d.get_mut()),
            Decoder::Raw(d) => (run(d, data), d.get_mut()),
        };
        let out = std::mem::take(out);
        (ok || !out.is_empty()).then_some(out)
    }
}

impl Inflate {
    /// The decoded bytes that `data` adds.
    fn feed(&mut self, data: &[u8]) -> Vec<u8> {
        if self.done || data.is_empty() {
            return Vec::new();
        }
        if !self.produced {
            self.fed.extend_from_slice(data);
        }
        let fresh = self.dec.is_none();
        if fresh {
            // The header decides the format: two bytes are needed.
            if self.fed.len() < 2 {
                return Vec::new();
            }
            self.dec = Some(Decoder::guess(&self.fed));
        }
        let Some(dec) = &mut self.dec else {
            return Vec::new();
        };
        let got = if fresh {
            dec.feed(&self.fed)
        } else {
            dec.feed(data)
        };
        let raw = matches!(dec, Decoder::Raw(_));
        let got = match got {
            None if !self.produced && !raw => {
                // No header after all: raw deflate, from the start.
                let mut dec = Decoder::Raw(flate2::write::DeflateDecoder::new(Vec::new()));
                let got = dec.feed(&self.fed);
                self.dec = Some(dec);
                got
            }
            got => got,
        };
        match got {
            Some(out) => {
                if !out.is_empty() {
                    self.produced = true;
                    self.fed = Vec::new();
                }
                out
            }
            None => {
                self.done = true;
                Vec::new()
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Side {
    stream: Stream,
    state: State,
    line: Vec<u8>,
    msg: Msg,
}

impl Side {
    fn new() -> Side {
        Side {
            stream: Stream::default(),
            state: State::Idle,
            line: Vec::new(),
            msg: Msg::default(),
        }
    }
}

/// The analyzer of one connection.
#[derive(Debug, Clone)]
pub struct HttpConn {
    sides: [Side; 2],
    /// Events go out as they come; otherwise they wait in `held` until
    /// the reply confirms the protocol.
    confirmed: bool,
    held: Vec<HttpEvent>,
    /// Methods of the requests whose replies are still to come.
    methods: std::collections::VecDeque<Vec<u8>>,
    /// Whether body bytes are copied into the events (only their count
    /// is, otherwise).
    bodies: bool,
}

impl HttpConn {
    pub fn new(confirmed: bool) -> HttpConn {
        HttpConn {
            sides: [Side::new(), Side::new()],
            confirmed,
            held: Vec::new(),
            methods: Default::default(),
            bodies: false,
        }
    }

    /// The analyzer with body bytes in its `Data` events.
    pub fn with_bodies(mut self, bodies: bool) -> HttpConn {
        self.bodies = bodies;
        self
    }

    pub fn confirmed(&self) -> bool {
        self.confirmed
    }

    /// The protocol was confirmed: held events go out first.
    pub fn confirm(&mut self, out: &mut Vec<HttpEvent>) {
        if !self.confirmed {
            self.confirmed = true;
            out.append(&mut self.held);
        }
    }

    /// The sequence number up to which a side's stream was delivered.
    pub fn delivered_to(&self, is_orig: bool) -> u64 {
        self.sides[usize::from(!is_orig)].stream.next()
    }

    /// Both directions gave up.
    pub fn dead(&self) -> bool {
        self.sides.iter().all(|s| s.state == State::Dead)
    }

    /// Segment data sent at relative sequence `seq`; whatever becomes
    /// in order is parsed.
    pub fn segment(
        &mut self,
        is_orig: bool,
        seq: u64,
        data: &[u8],
        t: f64,
        out: &mut Vec<HttpEvent>,
    ) {
        let i = usize::from(!is_orig);
        if self.sides[i].stream.take_next(seq, data.len()) {
            self.deliver(is_orig, data, t, out);
            return;
        }
        let mut chunks = Vec::new();
        self.sides[i].stream.add(seq, data, &mut chunks);
        for c in chunks {
            self.deliver(is_orig, &c, t, out);
        }
    }

    /// The side's stream ended (FIN or connection removal): a body read
    /// until close is complete, anything else in progress is cut short.
    pub fn eof(&mut self, is_orig: bool, out: &mut Vec<HttpEvent>) {
        let i = usize::from(!is_orig);
        let mut ev = Vec::new();
        let side = &mut self.sides[i];
        match side.state {
            State::Body(Body::UntilClose) => finish(side, is_orig, false, "", &mut ev),
            State::Headers | State::Body(_) => finish(
                side,
                is_orig,
                true,
                "message interrupted when connection done",
                &mut ev,
            ),
            State::Idle | State::Dead => {}
        }
        side.state = State::Dead;
        self.emit(ev, out);
    }

    fn emit(&mut self, mut ev: Vec<HttpEvent>, out: &mut Vec<HttpEvent>) {
        if self.confirmed {
            out.append(&mut ev);
        } else if self.held.len() + ev.len() <= MAX_HELD {
            self.held.append(&mut ev);
        }
    }

    fn deliver(&mut self, is_orig: bool, mut data: &[u8], t: f64, out: &mut Vec<HttpEvent>) {
        let i = usize::from(!is_orig);
        let bodies = self.bodies;
        let mut ev = Vec::new();
        while !data.is_empty() {
            let state = self.sides[i].state;
            match state {
                State::Dead => break,
                State::Body(b @ (Body::Length(_) | Body::ChunkData(_) | Body::UntilClose)) => {
                    let side = &mut self.sides[i];
                    let n = match b {
                        Body::Length(n) | Body::ChunkData(n) => {
                            data.len().min(usize::try_from(n).unwrap_or(usize::MAX))
                        }
                        _ => data.len(),
                    };
                    let (now, rest) = data.split_at(n);
                    data = rest;
                    if side.msg.coding {
                        // Decoded pieces, with no size (the headers' is
                        // that of the encoded body).
                        let inf = side.msg.inflate.get_or_insert_with(Box::default);
                        let plain = inf.feed(now);
                        side.msg.body_length += plain.len() as u64;
                        for piece in plain.chunks(INFLATE_PIECE) {
                            ev.push(HttpEvent::Data {
                                is_orig,
                                len: piece.len() as u64,
                                data: if bodies { piece.to_vec() } else { Vec::new() },
                                size: None,
                            });
                        }
                    } else {
                        side.msg.body_length += n as u64;
                        let size = match side.msg.chunked {
                            false => side.msg.content_length,
                            true => None,
                        };
                        ev.push(HttpEvent::Data {
                            is_orig,
                            len: n as u64,
                            data: if bodies { now.to_vec() } else { Vec::new() },
                            size,
                        });
                    }
                    match b {
                        Body::Length(left) => {
                            let left = left - n as u64;
                            if left == 0 {
                                finish(side, is_orig, false, "", &mut ev);
                            } else {
                                side.state = State::Body(Body::Length(left));
                            }
                        }
                        Body::ChunkData(left) => {
                            let left = left - n as u64;
                            side.state = State::Body(if left == 0 {
                                Body::ChunkEnd
                            } else {
                                Body::ChunkData(left)
                            });
                        }
                        _ => {}
                    }
                }
                _ => {
                    // Line-oriented states: gather up to the line feed.
                    let side = &mut self.sides[i];
                    let Some(p) = data.iter().position(|&b| b == b'\n') else {
                        side.line.extend_from_slice(data);
                        if side.line.len() > MAX_LINE {
                            side.state = State::Dead;
                        }
                        break;
                    };
                    side.line.extend_from_slice(&data[..p]);
                    data = &data[p + 1..];
                    let mut line = std::mem::take(&mut side.line);
                    let raw_len = line.len() as u64 + 1;
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    self.line(is_orig, &line, raw_len, t, &mut ev);
                    self.sides[i].line = line;
                    self.sides[i].line.clear();
                }
            }
        }
        self.emit(ev, out);
    }

    /// One complete line (without its terminator) in a line state.
    fn line(&mut self, is_orig: bool, line: &[u8], raw_len: u64, t: f64, ev: &mut Vec<HttpEvent>) {
        let i = usize::from(!is_orig);
        match self.sides[i].state {
            State::Idle => {
                if line.is_empty() {
                    // Blank lines between messages are tolerated.
                    return;
                }
                let ok = if is_orig {
                    self.request_line(line, ev)
                } else {
                    self.status_line(line, ev)
                };
                let side = &mut self.sides[i];
                if !ok {
                    side.state = State::Dead;
                    return;
                }
                let bodyless = side.msg.bodyless;
                side.msg = Msg {
                    start: t,
                    header_length: raw_len,
                    bodyless,
                    ..Msg::default()
                };
                side.state = State::Headers;
                ev.push(HttpEvent::BeginEntity { is_orig });
            }
            State::Headers => {
                let side = &mut self.sides[i];
                side.msg.header_length += raw_len;
                if matches!(line.first(), Some(b' ' | b'\t')) {
                    // A folded continuation of the previous header.
                    if let Some((_, v)) = side.msg.pending.as_mut() {
                        v.push(b' ');
                        v.extend_from_slice(trim(line));
                    }
                    return;
                }
                flush_header(side, is_orig, ev);
                if line.is_empty() {
                    headers_done(side, is_orig, ev);
                    return;
                }
                let Some(colon) = line.iter().position(|&b| b == b':') else {
                    // Zeek reports a header line without a colon as a
                    // weird and goes on.
                    return;
                };
                let name = trim(&line[..colon]).to_vec();
                let value = trim(&line[colon + 1..]).to_vec();
                side.msg.pending = Some((name, value));
            }
            State::Body(Body::ChunkSize) => {
                let side = &mut self.sides[i];
                let hex: Vec<u8> = line
                    .iter()
                    .copied()
                    .take_while(|b| b.is_ascii_hexdigit())
                    .collect();
                let size = std::str::from_utf8(&hex)
                    .ok()
                    .and_then(|s| u64::from_str_radix(s, 16).ok());
                side.state = match size {
                    Some(0) => State::Body(Body::Trailer),
                    Some(n) => State::Body(Body::ChunkData(n)),
                    None if trim(line).is_empty() => State::Body(Body::ChunkSize),
                    None => {
                        finish(side, is_orig, true, "bad chunk size", ev);
                        State::Dead
                    }
                };
            }
            State::Body(Body::ChunkEnd) => {
                self.sides[i].state = State::Body(Body::ChunkSize);
            }
            State::Body(Body::Trailer) => {
                if line.is_empty() {
                    finish(&mut self.sides[i], is_orig, false, "", ev);
                }
            }
            State::Body(_) | State::Dead => {}
        }
    }

    fn request_line(&mut self, line: &[u8], ev: &mut Vec<HttpEvent>) -> bool {
        let mut parts = line
            .split(|&b| b == b' ' || b == b'\t')
            .filter(|p| !p.is_empty());
        let (Some(method), Some(uri)) = (parts.next(), parts.next()) else {
            return false;
        };
        if !method.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        let version = match parts.next() {
            Some(v) => match v.strip_prefix(b"HTTP/") {
                Some(v) => v.to_vec(),
                None => return false,
            },
            None => b"0.9".to_vec(),
        };
        if self.methods.len() < MAX_PENDING {
            self.methods.push_back(method.to_vec());
        }
        self.sides[0].msg.bodyless = false;
        ev.push(HttpEvent::Request {
            method: method.to_vec(),
            uri: uri.to_vec(),
            version,
        });
        true
    }

    fn status_line(&mut self, line: &[u8], ev: &mut Vec<HttpEvent>) -> bool {
        let Some(rest) = line.strip_prefix(b"HTTP/") else {
            return false;
        };
        let mut it = rest.splitn(2, |&b| b == b' ');
        let version = it.next().unwrap_or_default().to_vec();
        let rest = trim(it.next().unwrap_or_default());
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return false;
        }
        let code = rest[..digits]
            .iter()
            .fold(0u64, |a, &d| a * 10 + u64::from(d - b'0'));
        let reason = trim(&rest[digits..]).to_vec();
        // A final reply answers the oldest pending request; an
        // informational one leaves it pending.
        let method = if code >= 200 {
            self.methods.pop_front()
        } else {
            self.methods.front().cloned()
        };
        let head = method.as_deref() == Some(b"HEAD".as_slice());
        self.sides[1].msg.bodyless = head || code < 200 || code == 204 || code == 304;
        ev.push(HttpEvent::Reply {
            version,
            code,
            reason,
        });
        true
    }
}

/// Reports the header waiting for a possible continuation, noting what
/// frames the body.
fn flush_header(side: &mut Side, is_orig: bool, ev: &mut Vec<HttpEvent>) {
    let Some((name, value)) = side.msg.pending.take() else {
        return;
    };
    if name.eq_ignore_ascii_case(b"content-length") {
        if let Some(n) = std::str::from_utf8(&value)
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
        {
            side.msg.content_length = Some(n);
        }
    } else if name.eq_ignore_ascii_case(b"content-encoding") {
        let v = value.trim_ascii();
        side.msg.coding = [&b"gzip"[..], b"x-gzip", b"deflate"]
            .iter()
            .any(|c| v.eq_ignore_ascii_case(c));
    } else if name.eq_ignore_ascii_case(b"transfer-encoding")
        && value
            .to_ascii_lowercase()
            .windows(7)
            .any(|w| w == b"chunked")
    {
        side.msg.chunked = true;
    }
    ev.push(HttpEvent::Header {
        is_orig,
        name,
        value,
    });
}

/// The blank line after the headers: how the body is framed.
fn headers_done(side: &mut Side, is_orig: bool, ev: &mut Vec<HttpEvent>) {
    let m = &side.msg;
    let body = if m.bodyless && !is_orig {
        Body::None
    } else if m.chunked {
        Body::ChunkSize
    } else if let Some(n) = m.content_length {
        if n == 0 {
            Body::None
        } else {
            Body::Length(n)
        }
    } else if is_orig {
        Body::None
    } else {
        Body::UntilClose
    };
    if body == Body::None {
        finish(side, is_orig, false, "", ev);
    } else {
        side.state = State::Body(body);
    }
}

/// Ends the current message: its entity, then `http_message_done`.
fn finish(
    side: &mut Side,
    is_orig: bool,
    interrupted: bool,
    why: &'static str,
    ev: &mut Vec<HttpEvent>,
) {
    flush_header(side, is_orig, ev);
    ev.push(HttpEvent::EndEntity { is_orig });
    ev.push(HttpEvent::MessageDone {
        is_orig,
        stat: MsgStat {
            start: side.msg.start,
            interrupted,
            finish_msg: why,
            body_length: side.msg.body_length,
            content_gap_length: 0,
            header_length: side.msg.header_length,
        },
    });
    side.state = State::Idle;
}

fn trim(s: &[u8]) -> &[u8] {
    let a = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let b = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(a, |p| p + 1);
    &s[a..b.max(a)]
}

/// Zeek's `unescape_URI`: `%XX` decoded where XX is hexadecimal; any
/// other `%` stays as it is.
pub fn unescape_uri(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' && i + 2 < s.len() {
            let h = |b: u8| (b as char).to_digit(16);
            if let (Some(a), Some(b)) = (h(s[i + 1]), h(s[i + 2])) {
                out.push((a * 16 + b) as u8);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(conn: &mut HttpConn, is_orig: bool, seq: u64, d: &[u8]) -> Vec<HttpEvent> {
        let mut out = Vec::new();
        conn.segment(is_orig, seq, d, 1.0, &mut out);
        out
    }

    #[test]
    fn attach_decision() {
        assert_eq!(wanted(80, b"junk"), Some(true));
        assert_eq!(wanted(27272, b"G"), Some(false));
        assert_eq!(wanted(27272, b"GET /"), Some(false));
        assert_eq!(wanted(27272, b"GETX"), None);
        assert_eq!(wanted(27272, b"\x16\x03"), None);
    }

    #[test]
    fn request_and_chunked_reply() {
        let mut c = HttpConn::new(true).with_bodies(true);
        let ev = run(&mut c, true, 1, b"GET /a%20b HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(matches!(&ev[0], HttpEvent::Request { uri, .. } if uri == b"/a%20b"));
        assert!(
            matches!(ev.last(), Some(HttpEvent::MessageDone { is_orig: true, stat }) if stat.body_length == 0)
        );
        let reply = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        // Delivered in two pieces, the second first.
        assert!(run(&mut c, false, 20, &reply[19..]).is_empty());
        let ev = run(&mut c, false, 1, &reply[..19]);
        let body: Vec<u8> = ev
            .iter()
            .filter_map(|e| match e {
                HttpEvent::Data { data, .. } => Some(data.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(body, b"abcde");
        assert!(
            matches!(ev.last(), Some(HttpEvent::MessageDone { is_orig: false, stat }) if stat.body_length == 5)
        );
        assert_eq!(unescape_uri(b"/a%20b%zz%4"), b"/a b%zz%4");
    }

    /// The body a reply with these headers and body bytes delivers, in
    /// pieces, and the body length its message reports.
    fn reply_body(headers: &str, body: &[u8], step: usize) -> (Vec<Vec<u8>>, u64) {
        let mut c = HttpConn::new(true).with_bodies(true);
        run(&mut c, true, 1, b"GET / HTTP/1.1\r\n\r\n");
        let mut msg = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        msg.extend_from_slice(body);
        let mut ev = Vec::new();
        let mut seq = 1;
        for part in msg.chunks(step) {
            ev.extend(run(&mut c, false, seq, part));
            seq += part.len() as u64;
        }
        c.eof(false, &mut ev);
        let pieces = ev
            .iter()
            .filter_map(|e| match e {
                HttpEvent::Data { data, .. } => Some(data.clone()),
                _ => None,
            })
            .collect();
        let len = ev
            .iter()
            .find_map(|e| match e {
                HttpEvent::MessageDone {
                    is_orig: false,
                    stat,
                } => Some(stat.body_length),
                _ => None,
            })
            .unwrap_or(u64::MAX);
        (pieces, len)
    }

    #[test]
    fn compressed_bodies_inflated() {
        use std::io::Write;
        let plain: Vec<u8> = (0..10_000u32).map(|i| (i * i % 251) as u8).collect();
        let level = flate2::Compression::default();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
        gz.write_all(&plain).unwrap();
        let gz = gz.finish().unwrap();
        let mut zl = flate2::write::ZlibEncoder::new(Vec::new(), level);
        zl.write_all(&plain).unwrap();
        let zl = zl.finish().unwrap();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), level);
        raw.write_all(&plain).unwrap();
        let raw = raw.finish().unwrap();
        for (coding, body) in [
            ("gzip", &gz),
            ("x-gzip", &gz),
            ("deflate", &zl),
            ("deflate", &raw),
        ] {
            for step in [1, 7, 1000, 100_000] {
                let headers = format!(
                    "Content-Encoding: {coding}\r\nContent-Length: {}\r\n",
                    body.len()
                );
                let (pieces, len) = reply_body(&headers, body, step);
                assert!(pieces
                    .iter()
                    .all(|p| p.len() <= INFLATE_PIECE && !p.is_empty()));
                assert_eq!(pieces.concat(), plain, "{coding} in steps of {step}");
                assert_eq!(len, plain.len() as u64);
            }
        }
        // Another encoding is delivered as sent; a broken stream stops
        // the data but not the message.
        let (pieces, len) =
            reply_body("Content-Encoding: br\r\nContent-Length: 3\r\n", b"abc", 100);
        assert_eq!((pieces.concat(), len), (b"abc".to_vec(), 3));
        let mut bad = gz.clone();
        bad[20..40].fill(0xff);
        let headers = format!(
            "Content-Encoding: gzip\r\nContent-Length: {}\r\n",
            bad.len()
        );
        let (pieces, len) = reply_body(&headers, &bad, 100);
        assert!(pieces.concat().len() < plain.len());
        assert_eq!(len, pieces.concat().len() as u64);
    }

    #[test]
    fn held_until_confirmed() {
        let mut c = HttpConn::new(false);
        assert!(run(&mut c, true, 1, b"GET / HTTP/1.0\n\n").is_empty());
        let mut out = Vec::new();
        c.confirm(&mut out);
        assert!(matches!(out[0], HttpEvent::Request { .. }));
    }

    #[test]
    fn garbage_stops_quietly() {
        let mut c = HttpConn::new(true);
        for junk in [&b"\x00\x01\x02\n"[..], b"HTTP/1.1 99999 x\n", b":\n\n"] {
            run(&mut c, true, 1, junk);
            run(&mut c, false, 1, junk);
        }
        let mut out = Vec::new();
        c.eof(true, &mut out);
        c.eof(false, &mut out);
        assert!(c.dead());
    }

    #[test]
    fn random_streams_never_panic() {
        // Pieces of HTTP, shuffled and cut at random (a fixed generator,
        // so failures repeat), at random sequence numbers.
        let pieces: [&[u8]; 12] = [
            b"GET / HTTP/1.1\r\n",
            b"HTTP/1.1 200 OK\r\n",
            b"Content-Length: 5\r\n",
            b"Transfer-Encoding: chunked\r\n",
            b"\r\n",
            b"5\r\nhello\r\n",
            b"0\r\n\r\n",
            b"ffffffffffffffffff\r\n",
            b"HTTP/1.0 100 Continue\r\n\r\n",
            b" folded\r\n",
            b"\x00\xff%",
            b"HEAD /x%41 HTTP/1.1\n",
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..300 {
            let mut c = HttpConn::new(next() % 2 == 0);
            let mut seqs = [1u64, 1u64];
            let mut out = Vec::new();
            for _ in 0..40 {
                let is_orig = next() % 2 == 0;
                let p = pieces[(next() % pieces.len() as u64) as usize];
                let cut = (next() as usize) % (p.len() + 1);
                let d = &p[..cut];
                let i = usize::from(!is_orig);
                let seq = if next() % 8 == 0 {
                    seqs[i] + next() % 16
                } else {
                    seqs[i]
                };
                c.segment(is_orig, seq, d, 1.0, &mut out);
                seqs[i] = seqs[i].max(seq + d.len() as u64);
                if next() % 16 == 0 {
                    c.confirm(&mut out);
                }
            }
            c.eof(true, &mut out);
            c.eof(false, &mut out);
            assert!(c.dead());
        }
    }
}
