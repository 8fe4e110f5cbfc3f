//! Making the records the engine hands to scripts. A trace makes several
//! per connection and more per packet, so types and field positions are
//! looked up once (`Shape`) and constant `&default`s evaluated once
//! (`Maker`).

use std::cell::RefCell;
use std::rc::Rc;

use super::lookup::{field_type, record_type};
use crate::eval::Interp;
use crate::runtime::types::{RecordType, TypeRef};
use crate::runtime::value::{RecordVal, Value};

pub(super) type Rec = Rc<RefCell<RecordVal>>;

/// A fresh record with its `&default`s applied (all unset if one fails).
fn new_rec(interp: &mut Interp, rt: &Rc<RecordType>) -> Rec {
    match interp.new_record(rt) {
        Ok(r) => r,
        Err(e) => {
            interp.report_runtime(&e);
            let n = rt.num_fields();
            Rc::new(RefCell::new(RecordVal {
                ty: rt.clone(),
                fields: vec![Value::Unset; n],
            }))
        }
    }
}

/// Makes records of one type fast: `&default`s that are constants are
/// evaluated once, the others (aggregates, calls) per record.
pub(super) struct Maker {
    ty: Rc<RecordType>,
    init: Vec<Init>,
}

enum Init {
    Unset,
    Const(Value),
    Eval(u32),
}

impl Maker {
    pub(super) fn new(interp: &Interp, ty: &Rc<RecordType>) -> Maker {
        let init = ty
            .fields
            .borrow()
            .iter()
            .map(|f| match f.default {
                None => Init::Unset,
                Some(i) => match interp.field_default_const(i) {
                    Some(v) if is_scalar(v) => Init::Const(v.clone()),
                    _ => Init::Eval(i),
                },
            })
            .collect();
        Maker {
            ty: ty.clone(),
            init,
        }
    }

    pub(super) fn make(&self, interp: &mut Interp) -> Rec {
        let mut fields = Vec::with_capacity(self.init.len());
        for i in &self.init {
            fields.push(match i {
                Init::Unset => Value::Unset,
                Init::Const(v) => v.clone(),
                Init::Eval(k) => match interp.eval_field_default(*k) {
                    Ok(v) => v,
                    Err(e) => {
                        interp.report_runtime(&e);
                        Value::Unset
                    }
                },
            });
        }
        Rc::new(RefCell::new(RecordVal {
            ty: self.ty.clone(),
            fields,
        }))
    }

    /// `old` made like new if nothing else refers to it, else a new record.
    pub(super) fn obtain(&self, interp: &mut Interp, old: Value) -> Rec {
        if let Value::Record(r) = old {
            if Rc::strong_count(&r) == 1 && Rc::ptr_eq(&r.borrow().ty, &self.ty) {
                self.reset(interp, &r);
                return r;
            }
        }
        self.make(interp)
    }

    /// Sets every field as a new record has it.
    pub(super) fn reset(&self, interp: &mut Interp, r: &Rec) {
        let mut rv = r.borrow_mut();
        rv.fields.resize(self.init.len(), Value::Unset);
        for (slot, i) in rv.fields.iter_mut().zip(&self.init) {
            *slot = match i {
                Init::Unset => Value::Unset,
                Init::Const(v) => v.clone(),
                Init::Eval(_) => Value::Unset,
            };
        }
        drop(rv);
        for (k, i) in self.init.iter().enumerate() {
            if let Init::Eval(d) = i {
                let v = match interp.eval_field_default(*d) {
                    Ok(v) => v,
                    Err(e) => {
                        interp.report_runtime(&e);
                        Value::Unset
                    }
                };
                r.borrow_mut().fields[k] = v;
            }
        }
    }
}

/// Values that can be shared between records without being observed.
fn is_scalar(v: &Value) -> bool {
    !matches!(
        v,
        Value::Record(_) | Value::Table(_) | Value::Vector(_) | Value::Opaque(_) | Value::Tuple(_)
    )
}

/// A record type with the positions of the fields the engine fills,
/// looked up once.
pub(super) struct Shape {
    ty: Rc<RecordType>,
    pub(super) idx: Vec<Option<usize>>,
}

impl Shape {
    /// The type `type_name` if the scripts declare it; fields it lacks
    /// are left out of the records built.
    pub(super) fn of(interp: &Interp, type_name: &str, fields: &[&str]) -> Option<Shape> {
        let ty = record_type(interp, type_name)?;
        let idx = fields.iter().map(|f| ty.field_index(f)).collect();
        Some(Shape { ty, idx })
    }

    /// A record with `vals` (in the order of the names given to `of`;
    /// `Unset` leaves a field at its default).
    pub(super) fn build(&self, interp: &mut Interp, vals: Vec<Value>) -> Value {
        let r = new_rec(interp, &self.ty);
        {
            let mut rb = r.borrow_mut();
            for (v, i) in vals.into_iter().zip(&self.idx) {
                if let (Some(i), false) = (i, v.is_unset()) {
                    if let Some(slot) = rb.fields.get_mut(*i) {
                        *slot = v;
                    }
                }
            }
        }
        Value::Record(r)
    }

    /// The type of the `k`th field named to `of`, if the type has it.
    pub(super) fn field_type(&self, k: usize) -> Option<TypeRef> {
        self.idx
            .get(k)
            .copied()
            .flatten()
            .map(|i| field_type(&self.ty, i))
    }
}
