//! Zeek's weird sampling: which reports of a weird (by name, per
//! connection, flow or the whole run) are let through. The engine and the
//! built-ins that raise weirds share one sampler per interpreter, made
//! from the `Weird::sampling_*` options on first use.

use std::cell::RefCell;
use std::net::IpAddr;
use std::rc::Rc;

use ahash::{AHashMap, AHashSet};

use crate::packet::{ConnHandle, WeirdScope};
use crate::runtime::func::Host;
use crate::runtime::value::Value;

/// The interpreter's sampler, made from the scripts' options the first
/// time it is asked for.
pub fn sampler(h: &mut dyn Host) -> Rc<RefCell<Sampler>> {
    if let Some(s) = h.extensions().get::<Rc<RefCell<Sampler>>>() {
        return s.clone();
    }
    let s = Rc::new(RefCell::new(Sampler::new(|n| {
        h.lookup_global(n).map(|(v, _, _)| v)
    })));
    h.extensions().insert(s.clone());
    s
}

#[derive(Default, Clone, Copy)]
pub(crate) struct WeirdState {
    count: u64,
    start: f64,
}

/// Zeek's weird sampling: the first `threshold` of a name pass, then one
/// in `rate`; after `duration` the count starts over. Names on the
/// whitelist always pass; names on the global list are counted across
/// all flows and connections together.
pub struct Sampler {
    threshold: u64,
    rate: u64,
    duration: f64,
    whitelist: AHashSet<Vec<u8>>,
    global_list: AHashSet<Vec<u8>>,
    net: AHashMap<Box<str>, WeirdState>,
    flow: AHashMap<(IpAddr, IpAddr, Box<str>), WeirdState>,
    conn: AHashMap<(u32, u32, Box<str>), WeirdState>,
}

impl Sampler {
    pub fn new(lookup: impl Fn(&str) -> Option<Value>) -> Sampler {
        let set = |n: &str| match lookup(n) {
            Some(Value::Table(t)) => t
                .borrow()
                .keys()
                .iter()
                .map(|v| v.as_bytes().to_vec())
                .collect(),
            _ => AHashSet::new(),
        };
        let count = |n: &str, d: u64| match lookup(n) {
            Some(v @ (Value::Count(_) | Value::Int(_))) => v.as_count(),
            _ => d,
        };
        let duration = match lookup("Weird::sampling_duration") {
            Some(Value::Interval(d) | Value::Double(d)) => d,
            _ => 600.0,
        };
        Sampler {
            threshold: count("Weird::sampling_threshold", 25),
            rate: count("Weird::sampling_rate", 1000),
            duration,
            whitelist: set("Weird::sampling_whitelist"),
            global_list: set("Weird::sampling_global_list"),
            net: AHashMap::new(),
            flow: AHashMap::new(),
            conn: AHashMap::new(),
        }
    }

    pub(crate) fn permit_state(
        st: &mut WeirdState,
        now: f64,
        threshold: u64,
        rate: u64,
        duration: f64,
    ) -> bool {
        st.count += 1;
        if st.count == 1 {
            st.start = now;
            return true;
        }
        if st.count <= threshold {
            return true;
        }
        if st.count == threshold + 1 {
            st.start = now;
        } else if now > st.start + duration {
            st.start = 0.0;
            st.count = 1;
            return true;
        }
        rate != 0 && (st.count - threshold).is_multiple_of(rate)
    }

    /// Whether a weird of this name and scope is reported now.
    pub fn permit(&mut self, name: &str, scope: &WeirdScope, now: f64) -> bool {
        if self.whitelist.contains(name.as_bytes()) {
            return true;
        }
        let (th, rate, dur) = (self.threshold, self.rate, self.duration);
        let st = if self.global_list.contains(name.as_bytes()) {
            entry(&mut self.net, name.into())
        } else {
            match scope {
                WeirdScope::Net => entry(&mut self.net, name.into()),
                WeirdScope::Flow { src, dst } => entry(&mut self.flow, (*src, *dst, name.into())),
                WeirdScope::Conn(h) => {
                    entry(&mut self.conn, (h.index(), h.generation(), name.into()))
                }
            }
        };
        Self::permit_state(st, now, th, rate, dur)
    }

    /// Drops the per-connection counts of a removed connection.
    pub fn forget(&mut self, h: ConnHandle) {
        if !self.conn.is_empty() {
            self.conn
                .retain(|k, _| (k.0, k.1) != (h.index(), h.generation()));
        }
    }
}

fn entry<K: std::hash::Hash + Eq>(m: &mut AHashMap<K, WeirdState>, k: K) -> &mut WeirdState {
    m.entry(k).or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weird_sampling_threshold_then_rate() {
        let mut st = WeirdState::default();
        let permitted: Vec<bool> = (0..30)
            .map(|_| Sampler::permit_state(&mut st, 0.0, 25, 2, 600.0))
            .collect();
        assert!(permitted[..25].iter().all(|&p| p));
        assert_eq!(&permitted[25..], &[false, true, false, true, false]);
    }

    #[test]
    fn whitelist_and_global_list() {
        let mut s = Sampler::new(|_| None);
        s.threshold = 1;
        s.rate = 0;
        s.whitelist.insert(b"always".to_vec());
        s.global_list.insert(b"global".to_vec());
        let a = WeirdScope::Flow {
            src: "10.0.0.1".parse().unwrap(),
            dst: "10.0.0.2".parse().unwrap(),
        };
        let b = WeirdScope::Flow {
            src: "10.0.0.3".parse().unwrap(),
            dst: "10.0.0.2".parse().unwrap(),
        };
        assert!((0..5).all(|_| s.permit("always", &a, 0.0)));
        // Per flow: each flow gets its first one.
        assert!(s.permit("flowy", &a, 0.0));
        assert!(!s.permit("flowy", &a, 0.0));
        assert!(s.permit("flowy", &b, 0.0));
        // Global: one for all flows together.
        assert!(s.permit("global", &a, 0.0));
        assert!(!s.permit("global", &b, 0.0));
    }
}
