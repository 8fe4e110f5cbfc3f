//! The state an input may change at run time, saved before it runs so a
//! failing input can be undone: the globals' values, the contents of every
//! record, vector, table and opaque value reachable from them (restored in
//! place, so every reference still sees the same object), the handlers and
//! captures of functions, and the event queue.

use crate::eval::Interp;
use crate::runtime::func::{FuncVal, Handler};
use crate::runtime::ir::FuncBody;
use crate::runtime::opaque::Opaque;
use crate::runtime::table::{Expiry, TableDefault, TableVal};
use crate::runtime::value::{RecordVal, Value, VectorVal};
use ahash::AHashSet;
use std::cell::RefCell;
use std::rc::Rc;

/// Past this many values the rest of the state is not saved (a huge
/// session after a long trace); what was saved is still restored.
const MAX_VALUES: usize = 4_000_000;

struct SavedTable {
    entries: Vec<(Value, Value, f64)>,
    default: Option<TableDefault>,
    expiry: Option<Expiry>,
    on_change: Option<Value>,
}

struct SavedFunc {
    func: Rc<FuncVal>,
    handlers: Vec<(i32, Rc<FuncBody>)>,
    captures: Vec<Value>,
}

pub struct Snapshot {
    globals: Vec<Value>,
    events: usize,
    records: Vec<(Rc<RefCell<RecordVal>>, Vec<Value>)>,
    vectors: Vec<(Rc<RefCell<VectorVal>>, Vec<Value>)>,
    tables: Vec<(Rc<RefCell<TableVal>>, SavedTable)>,
    opaques: Vec<(Rc<RefCell<Opaque>>, Opaque)>,
    funcs: Vec<SavedFunc>,
    /// Whether everything reachable was saved.
    pub complete: bool,
}

/// Whether two values are the same without looking inside aggregates.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Record(x), Value::Record(y)) => Rc::ptr_eq(x, y),
        (Value::Table(x), Value::Table(y)) => Rc::ptr_eq(x, y),
        (Value::Vector(x), Value::Vector(y)) => Rc::ptr_eq(x, y),
        (Value::Opaque(x), Value::Opaque(y)) => Rc::ptr_eq(x, y),
        _ => a == b,
    }
}

impl Snapshot {
    pub fn take(interp: &Interp) -> Snapshot {
        let mut s = Snapshot {
            globals: interp.globals.values.clone(),
            events: interp.sched.events.len(),
            records: Vec::new(),
            vectors: Vec::new(),
            tables: Vec::new(),
            opaques: Vec::new(),
            funcs: Vec::new(),
            complete: true,
        };
        let mut work: Vec<Value> = interp.globals.values.clone();
        for (f, args, _) in &interp.sched.events {
            work.push(Value::Func(f.clone()));
            work.extend(args.iter().cloned());
        }
        for t in interp.sched.timers.iter() {
            if let crate::eval::TimerAction::Event(f, args) = &t.action {
                work.push(Value::Func(f.clone()));
                work.extend(args.iter().cloned());
            }
        }
        let mut seen: AHashSet<usize> = AHashSet::new();
        let mut visited = 0usize;
        while let Some(v) = work.pop() {
            visited += 1;
            if visited > MAX_VALUES {
                s.complete = false;
                break;
            }
            let key = |p: *const ()| p as usize;
            match v {
                Value::Record(r) if seen.insert(key(Rc::as_ptr(&r) as *const ())) => {
                    let fields = r.borrow().fields.clone();
                    work.extend(fields.iter().cloned());
                    s.records.push((r, fields));
                }
                Value::Vector(x) if seen.insert(key(Rc::as_ptr(&x) as *const ())) => {
                    let items = x.borrow().items.clone();
                    work.extend(items.iter().cloned());
                    s.vectors.push((x, items));
                }
                Value::Table(t) if seen.insert(key(Rc::as_ptr(&t) as *const ())) => {
                    let saved = {
                        let tb = t.borrow();
                        let entries: Vec<(Value, Value, f64)> = tb
                            .iter()
                            .map(|(k, v)| {
                                let stamp = tb
                                    .position(k)
                                    .and_then(|p| tb.stamps().get(p))
                                    .copied()
                                    .unwrap_or(0.0);
                                (k.clone(), v.clone(), stamp)
                            })
                            .collect();
                        for (k, v, _) in &entries {
                            work.push(k.clone());
                            work.push(v.clone());
                        }
                        SavedTable {
                            entries,
                            default: tb.default().cloned(),
                            expiry: tb.expiry().cloned(),
                            on_change: tb.on_change().cloned(),
                        }
                    };
                    s.tables.push((t, saved));
                }
                Value::Opaque(o) if seen.insert(key(Rc::as_ptr(&o) as *const ())) => {
                    let copy = o.borrow().clone();
                    s.opaques.push((o, copy));
                }
                Value::Func(f)
                    if f.builtin.is_none() && seen.insert(key(Rc::as_ptr(&f) as *const ())) =>
                {
                    let handlers = f
                        .handlers
                        .borrow()
                        .iter()
                        .map(|h| (h.priority, h.body.clone()))
                        .collect();
                    let captures = f.captures.borrow().clone();
                    work.extend(captures.iter().cloned());
                    s.funcs.push(SavedFunc {
                        func: f,
                        handlers,
                        captures,
                    });
                }
                Value::Tuple(items) => work.extend(items.iter().cloned()),
                _ => {}
            }
        }
        s
    }

    /// Puts back what was saved. Globals added since keep their slots
    /// (the caller decides what to do with them).
    pub fn restore(self, interp: &mut Interp) {
        for (i, v) in self.globals.into_iter().enumerate() {
            if let Some(slot) = interp.globals.values.get_mut(i) {
                *slot = v;
            }
        }
        interp.sched.events.truncate(self.events);
        for (r, fields) in self.records {
            r.borrow_mut().fields = fields;
        }
        for (x, items) in self.vectors {
            x.borrow_mut().items = items;
        }
        for (t, saved) in self.tables {
            let unchanged = {
                let tb = t.borrow();
                tb.len() == saved.entries.len()
                    && tb
                        .iter()
                        .zip(&saved.entries)
                        .all(|((k, v), (sk, sv, _))| same(k, sk) && same(v, sv))
            };
            if unchanged {
                continue;
            }
            // Same type and ordering; the saved attributes go in below.
            let mut fresh = t.borrow().shallow_clone_empty();
            let has_attrs =
                saved.default.is_some() || saved.on_change.is_some() || saved.expiry.is_some();
            let has_expiry = saved.expiry.is_some();
            if has_attrs {
                let a = fresh.attrs_mut();
                a.default = saved.default;
                a.on_change = saved.on_change;
                a.expiry = saved.expiry;
            }
            let mut stamps = Vec::with_capacity(saved.entries.len());
            for (k, v, stamp) in saved.entries {
                fresh.insert(k, v);
                stamps.push(stamp);
            }
            if has_expiry {
                fresh.attrs_mut().stamps = stamps;
            }
            *t.borrow_mut() = fresh;
        }
        for (o, copy) in self.opaques {
            *o.borrow_mut() = copy;
        }
        for f in self.funcs {
            *f.func.handlers.borrow_mut() = f
                .handlers
                .into_iter()
                .map(|(priority, body)| Handler { priority, body })
                .collect();
            *f.func.captures.borrow_mut() = f.captures;
        }
    }
}
