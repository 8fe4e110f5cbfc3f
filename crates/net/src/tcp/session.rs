//! Per-connection TCP state (Zeek's TCPSessionAdapter's data): the two
//! endpoints, which of them originated, the handshake and close flags,
//! and the analyzers fed from the stream (service recognition, HTTP).

use super::endpoint::TcpEndpoint;
use crate::http::HttpConn;
use crate::service::Opening;

/// Per-connection TCP analyzer state (Zeek's TCPSessionAdapter). The two
/// endpoints stay in place; `orig_idx` says which one is the originator, so
/// a role flip does not move them.
#[derive(Debug, Clone, Default)]
pub(crate) struct TcpConn {
    pub eps: [TcpEndpoint; 2],
    /// 0 or 1 (a byte: every tracked connection has one).
    pub orig_idx: u8,
    pub is_active: bool,
    pub seen_first_ack: bool,
    pub is_partial: bool,
    /// Bit 1: originator's first packet seen; bit 2: responder's.
    pub first_packet_seen: u8,
    pub close_deferred: bool,
    pub deferred_gen_event: bool,
    /// The sides' opening bytes, while the service is still to be judged.
    pub opening: Option<Box<Opening>>,
    /// The HTTP analyzer, when attached (see `http::wanted`).
    pub http: Option<Box<HttpConn>>,
    /// Whether attaching the HTTP analyzer was considered already.
    pub http_tried: bool,
}

impl TcpConn {
    #[inline]
    pub fn new() -> Self {
        TcpConn {
            is_active: true,
            ..Default::default()
        }
    }

    pub fn orig(&self) -> &TcpEndpoint {
        &self.eps[usize::from(self.orig_idx)]
    }

    pub fn resp(&self) -> &TcpEndpoint {
        &self.eps[1 - usize::from(self.orig_idx)]
    }

    /// Index of the originator's (`true`) or responder's endpoint.
    pub fn idx(&self, is_orig: bool) -> usize {
        if is_orig {
            usize::from(self.orig_idx)
        } else {
            1 - usize::from(self.orig_idx)
        }
    }

    pub fn is_orig_idx(&self, e: usize) -> bool {
        e == usize::from(self.orig_idx)
    }

    /// Mutable endpoint `e` and its peer.
    pub fn pair(&mut self, e: usize) -> (&mut TcpEndpoint, &mut TcpEndpoint) {
        let (a, b) = self.eps.split_at_mut(1);
        if e == 0 {
            (&mut a[0], &mut b[0])
        } else {
            (&mut b[0], &mut a[0])
        }
    }

    pub fn both_closed(&self) -> bool {
        self.eps[0].did_close && self.eps[1].did_close
    }

    pub fn flip(&mut self) {
        self.orig_idx = 1 - self.orig_idx;
        let f = self.first_packet_seen;
        self.first_packet_seen = ((f & 1) << 1) | ((f & 2) >> 1);
        self.is_partial = false;
    }
}
