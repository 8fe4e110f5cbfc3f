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
    file: AHashMap<(Vec<u8>, Box<str>), WeirdState>,
    /// Weirds reported in all and by name, before sampling
    /// (`get_reporter_stats`).
    total: u64,
    by_name: AHashMap<Box<str>, u64>,
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
            file: AHashMap::new(),
            total: 0,
            by_name: AHashMap::new(),
        }
    }

    /// Counts a weird before sampling.
    fn count(&mut self, name: &str) {
        self.total += 1;
        match self.by_name.get_mut(name) {
            Some(n) => *n += 1,
            None => {
                self.by_name.insert(name.into(), 1);
            }
        }
    }

    /// Weirds seen in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Weirds seen per name, sorted by name.
    pub fn counts(&self) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self
            .by_name
            .iter()
            .map(|(k, n)| (k.to_string(), *n))
            .collect();
        v.sort();
        v
    }

    pub fn whitelist(&self) -> Vec<Vec<u8>> {
        sorted(&self.whitelist)
    }

    pub fn set_whitelist(&mut self, names: Vec<Vec<u8>>) {
        self.whitelist = names.into_iter().collect();
    }

    pub fn global_list(&self) -> Vec<Vec<u8>> {
        sorted(&self.global_list)
    }

    pub fn set_global_list(&mut self, names: Vec<Vec<u8>>) {
        self.global_list = names.into_iter().collect();
    }

    pub fn threshold(&self) -> u64 {
        self.threshold
    }

    pub fn set_threshold(&mut self, n: u64) {
        self.threshold = n;
    }

    pub fn rate(&self) -> u64 {
        self.rate
    }

    pub fn set_rate(&mut self, n: u64) {
        self.rate = n;
    }

    pub fn duration(&self) -> f64 {
        self.duration
    }

    pub fn set_duration(&mut self, d: f64) {
        self.duration = d;
    }

    /// Whether a weird about the file `id` is reported now: sampled per
    /// file, as Zeek does.
    pub fn permit_file(&mut self, name: &str, id: &[u8], now: f64) -> bool {
        self.count(name);
        if self.whitelist.contains(name.as_bytes()) {
            return true;
        }
        let (th, rate, dur) = (self.threshold, self.rate, self.duration);
        let st = if self.global_list.contains(name.as_bytes()) {
            entry(&mut self.net, name.into())
        } else {
            entry(&mut self.file, (id.to_vec(), name.into()))
        };
        Self::permit_state(st, now, th, rate, dur)
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
        self.count(name);
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

fn sorted(s: &AHashSet<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = s.iter().cloned().collect();
    v.sort();
    v
}

fn entry<K: std::hash::Hash + Eq>(m: &mut AHashMap<K, WeirdState>, k: K) -> &mut WeirdState {
    m.entry(k).or_default()
}

// ---------- the sampling settings, as built-ins ----------

use super::BifResult;
use crate::runtime::func::BifDef;

fn set_members(v: &Value) -> Vec<Vec<u8>> {
    match v {
        Value::Table(t) => t
            .borrow()
            .keys()
            .iter()
            .map(|k| k.as_bytes().to_vec())
            .collect(),
        _ => Vec::new(),
    }
}

fn get_whitelist(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let v = sampler(h).borrow().whitelist();
    Ok(super::string_set(v))
}

fn set_whitelist(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let names = set_members(super::arg(args, 0));
    sampler(h).borrow_mut().set_whitelist(names);
    Ok(Value::Bool(true))
}

fn get_global_list(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let v = sampler(h).borrow().global_list();
    Ok(super::string_set(v))
}

fn set_global_list(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let names = set_members(super::arg(args, 0));
    sampler(h).borrow_mut().set_global_list(names);
    Ok(Value::Bool(true))
}

fn get_threshold(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Count(sampler(h).borrow().threshold()))
}

fn set_threshold(h: &mut dyn Host, args: &[Value]) -> BifResult {
    sampler(h).borrow_mut().set_threshold(super::count(args, 0));
    Ok(Value::Bool(true))
}

fn get_rate(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Count(sampler(h).borrow().rate()))
}

fn set_rate(h: &mut dyn Host, args: &[Value]) -> BifResult {
    sampler(h).borrow_mut().set_rate(super::count(args, 0));
    Ok(Value::Bool(true))
}

fn get_duration(h: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Interval(sampler(h).borrow().duration()))
}

fn set_duration(h: &mut dyn Host, args: &[Value]) -> BifResult {
    sampler(h).borrow_mut().set_duration(super::double(args, 0));
    Ok(Value::Bool(true))
}

pub(super) static BIFS: &[BifDef] = &[
    BifDef {
        name: "Reporter::get_weird_sampling_whitelist",
        sig: "function(): string_set",
        func: get_whitelist,
    },
    BifDef {
        name: "Reporter::set_weird_sampling_whitelist",
        sig: "function(weird_sampling_whitelist: string_set): bool",
        func: set_whitelist,
    },
    BifDef {
        name: "Reporter::get_weird_sampling_global_list",
        sig: "function(): string_set",
        func: get_global_list,
    },
    BifDef {
        name: "Reporter::set_weird_sampling_global_list",
        sig: "function(weird_sampling_global_list: string_set): bool",
        func: set_global_list,
    },
    BifDef {
        name: "Reporter::get_weird_sampling_threshold",
        sig: "function(): count",
        func: get_threshold,
    },
    BifDef {
        name: "Reporter::set_weird_sampling_threshold",
        sig: "function(weird_sampling_threshold: count): bool",
        func: set_threshold,
    },
    BifDef {
        name: "Reporter::get_weird_sampling_rate",
        sig: "function(): count",
        func: get_rate,
    },
    BifDef {
        name: "Reporter::set_weird_sampling_rate",
        sig: "function(weird_sampling_rate: count): bool",
        func: set_rate,
    },
    BifDef {
        name: "Reporter::get_weird_sampling_duration",
        sig: "function(): interval",
        func: get_duration,
    },
    BifDef {
        name: "Reporter::set_weird_sampling_duration",
        sig: "function(weird_sampling_duration: interval): bool",
        func: set_duration,
    },
];

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
