//! Weirds as scripts see them: sampled by `Weird::sampling_*` (the
//! sampler is the interpreter's, which built-ins configure). What a weird
//! does to its packet, and whether the tracker put a history letter after
//! it, comes with the weird (`ConnEvent::Weird`).

use std::cell::RefCell;
use std::rc::Rc;

use super::packet_ctx::{At, PktCtx};
use super::Run;
use crate::bif::weird::Sampler;
use crate::eval::Interp;
use crate::packet::{ConnHandle, Tracker, WeirdScope};
use crate::runtime::value::Value;

/// The weird sampler.
pub(super) struct Weirds {
    sampler: Rc<RefCell<Sampler>>,
}

impl Weirds {
    pub(super) fn new(interp: &mut Interp) -> Weirds {
        Weirds {
            sampler: crate::bif::weird::sampler(interp),
        }
    }

    /// The connection is gone: so are its counts.
    #[inline]
    pub(super) fn forget(&mut self, h: ConnHandle) {
        self.sampler.borrow_mut().forget(h);
    }
}

impl Run {
    /// Reports a weird, if sampling lets it through: `conn_weird`,
    /// `flow_weird` or `net_weird` by its scope. `during` is the packet it
    /// came with unless the packet was dropped at it, and `trim` leaves out
    /// the history letter the tracker added after it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn weird(
        &mut self,
        interp: &mut Interp,
        tr: &Tracker,
        name: &'static str,
        addl: &str,
        scope: &WeirdScope,
        during: Option<&PktCtx>,
        trim: bool,
    ) {
        if !self
            .weirds
            .sampler
            .borrow_mut()
            .permit(name, scope, interp.network_time())
        {
            return;
        }
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
