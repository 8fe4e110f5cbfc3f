//! Weirds as scripts see them: sampled by `Weird::sampling_*` (the
//! sampler is the interpreter's, which built-ins configure), and for bad
//! checksums with the history letters Zeek adds at the 1st, 10th, 100th
//! ... one.

use std::cell::RefCell;
use std::rc::Rc;

use ahash::AHashMap;

use super::packet_ctx::{At, PktCtx};
use super::Run;
use crate::bif::weird::Sampler;
use crate::eval::Interp;
use crate::packet::{ConnHandle, Tracker, WeirdScope};
use crate::runtime::value::Value;

/// The weird sampler, and the bad checksums seen.
pub(super) struct Weirds {
    sampler: Rc<RefCell<Sampler>>,
    /// Bad checksums per connection and direction.
    chk_errors: AHashMap<(u32, u32, bool), u64>,
}

impl Weirds {
    pub(super) fn new(interp: &mut Interp) -> Weirds {
        Weirds {
            sampler: crate::bif::weird::sampler(interp),
            chk_errors: AHashMap::new(),
        }
    }

    /// Counts a bad checksum from one side of a connection; true for the
    /// 1st, 10th, 100th ... one, which puts a letter in the history.
    fn count_bad_checksum(&mut self, h: ConnHandle, is_orig: bool) -> bool {
        let n = self
            .chk_errors
            .entry((h.index(), h.generation(), is_orig))
            .or_insert(0);
        *n += 1;
        let mut k = *n;
        while k.is_multiple_of(10) {
            k /= 10;
        }
        k == 1
    }

    /// The connection is gone: so are its counts.
    #[inline]
    pub(super) fn forget(&mut self, h: ConnHandle) {
        self.sampler.borrow_mut().forget(h);
        if !self.chk_errors.is_empty() {
            self.chk_errors
                .retain(|k, _| (k.0, k.1) != (h.index(), h.generation()));
        }
    }
}

/// Weirds raised where Zeek drops the packet before counting it.
fn weird_drops_packet(name: &str) -> bool {
    matches!(
        name,
        "bad_TCP_checksum" | "bad_ICMP_checksum" | "bad_TCP_header_len" | "truncated_header"
    )
}

impl Run {
    /// Reports a weird, if sampling lets it through: `conn_weird`,
    /// `flow_weird` or `net_weird` by its scope.
    pub(super) fn weird(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        name: &'static str,
        addl: &str,
        scope: &WeirdScope,
        pkt: Option<&PktCtx>,
    ) {
        // A bad checksum puts 'C' or 'c' in the history at the 1st, 10th,
        // 100th ... time, after Zeek has raised the weird.
        let mut trim = false;
        if let (WeirdScope::Conn(h), "bad_TCP_checksum" | "bad_UDP_checksum", Some(p)) =
            (scope, name, pkt)
        {
            if let Some(is_orig) = tr.conn(*h).and_then(|conn| p.direction(conn)) {
                trim = self.weirds.count_bad_checksum(*h, is_orig);
            }
        }
        if !self
            .weirds
            .sampler
            .borrow_mut()
            .permit(name, scope, interp.network_time())
        {
            return;
        }
        let during = pkt.filter(|_| !weird_drops_packet(name));
        let n = Value::str(name.as_bytes());
        let a = Value::str(addl.as_bytes());
        let src = Value::str(b"");
        match scope {
            WeirdScope::Net => {
                if let Some(f) = self.ev.net_weird.clone() {
                    interp.queue_event(f, vec![n, a, src]);
                }
            }
            WeirdScope::Flow { src: s, dst } => {
                if let Some(f) = self.ev.flow_weird.clone() {
                    interp.queue_event(f, vec![n, Value::addr(*s), Value::addr(*dst), a, src]);
                }
            }
            WeirdScope::Conn(h) => {
                // Zeek builds the connection record (and so its uid) for
                // every weird that passes sampling, handled or not.
                let Some(cv) = self
                    .conns
                    .get_trimmed(interp, tr, *h, At::during(during), trim)
                else {
                    return;
                };
                if let Some(f) = self.ev.conn_weird.clone() {
                    interp.queue_event(f, vec![n, cv, a, src]);
                }
            }
        }
    }
}
