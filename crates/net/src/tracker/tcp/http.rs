//! The glue between a TCP connection and the HTTP analyzer
//! ([`crate::http`]): when to attach it, what to feed it, when to drop it.

use crate::conn::Connection;
use crate::http::{wanted, HttpConn};
use crate::service::{Opening, HTTP};
use crate::tcp::TcpConn;
use crate::tracker::config::EventMask;
use crate::tracker::emit::Emit;
use crate::tracker::events::ConnEvent;

/// Feeds a segment to the connection's HTTP analyzer, attaching one on
/// the originator's first payload where it fits (see `http::wanted`).
/// Off an HTTP port, its events wait until the service recognizer has
/// seen an HTTP reply (Zeek's dynamic protocol detection likewise
/// confirms HTTP by the reply); if the reply is something else, the
/// analyzer goes.
pub(super) fn segment(
    c: &mut Connection,
    em: &mut Emit,
    tcp: &mut TcpConn,
    is_orig: bool,
    seq: u64,
    data: &[u8],
    fin: bool,
) {
    if tcp.http.is_none() {
        if tcp.http_tried || !is_orig || seq != 1 || data.is_empty() {
            return;
        }
        tcp.http_tried = true;
        match wanted(c.id.resp_p, data) {
            Some(confirmed) => {
                let bodies = em.cfg.events.has(EventMask::HTTP_BODY);
                tcp.http = Some(Box::new(HttpConn::new(confirmed).with_bodies(bodies)));
            }
            None => return,
        }
    }
    let Some(a) = tcp.http.as_deref_mut() else {
        return;
    };
    let mut out = Vec::new();
    if c.services & HTTP != 0 {
        a.confirm(&mut out);
    }
    a.segment(is_orig, seq, data, em.net_time, &mut out);
    if fin && a.delivered_to(is_orig) == seq + data.len() as u64 {
        a.eof(is_orig, &mut out);
    }
    if !a.confirmed() && Opening::done(c.services) && c.services & HTTP == 0 {
        tcp.http = None;
        return;
    }
    if a.dead() {
        // Both directions gave up: nothing more to parse.
        tcp.http = None;
    }
    let h = em.h;
    for ev in out {
        em.ev(ConnEvent::Http { conn: h, ev });
    }
}
