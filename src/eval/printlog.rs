//! `Log::print_to_log`: print statements written to the print log
//! (`Log::PRINTLOG`, "print.log") instead of stdout, and with
//! `REDIRECT_ALL` instead of the files they name as well. Each print is
//! one record: network time and one string per printed value, in print's
//! own form.

use super::{Interp, Result};
use crate::runtime::func::{FuncVal, Host};
use crate::runtime::types::{RecordType, Type, TypeRef};
use crate::runtime::value::{RecordVal, Value, VectorVal};
use crate::syntax::ast::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// What redirecting needs, found once the scripts are loaded.
pub struct PrintLog {
    /// Prints to files are redirected too.
    all: bool,
    write: Rc<FuncVal>,
    id: Value,
    info: Rc<RecordType>,
    vals: TypeRef,
}

impl Interp {
    /// Turns redirection on if the scripts asked for it.
    pub fn setup_print_log(&mut self) {
        let all = match self.lookup_global("Log::print_to_log") {
            Some((Value::Enum(e), _, _)) => match e.name.as_str() {
                "Log::REDIRECT_STDOUT" => false,
                "Log::REDIRECT_ALL" => true,
                _ => return,
            },
            _ => return,
        };
        let write = match self.lookup_global("Log::write") {
            Some((Value::Func(f), _, _)) => f,
            _ => return,
        };
        let Some((id @ Value::Enum(_), _, _)) = self.lookup_global("Log::PRINTLOG") else {
            return;
        };
        let info = match self.lookup_global("Log::PrintLogInfo") {
            Some((Value::Type(t), _, _)) => match &*t {
                Type::Record(rt) => rt.clone(),
                _ => return,
            },
            _ => return,
        };
        let vals = match info.fields.borrow().get(1).map(|f| f.ty.clone()) {
            Some(t) if matches!(*t, Type::Vector(_)) => t,
            _ => return,
        };
        self.output.print_log = Some(Rc::new(PrintLog {
            all,
            write,
            id,
            info,
            vals,
        }));
    }

    /// Logs a print if it is redirected: `to_file` says the print names
    /// a file. False if the print goes where it was going.
    pub(crate) fn log_print(&mut self, vals: &[Value], to_file: bool, span: Span) -> Result<bool> {
        let Some(pl) = self.output.print_log.clone() else {
            return Ok(false);
        };
        if to_file && !pl.all {
            return Ok(false);
        }
        let items = vals
            .iter()
            .map(|v| Value::string(crate::runtime::format::print_line(std::slice::from_ref(v))))
            .collect();
        let vector = Value::Vector(Rc::new(RefCell::new(VectorVal {
            ty: pl.vals.clone(),
            items,
        })));
        let mut fields = vec![Value::Unset; pl.info.fields.borrow().len()];
        fields[0] = Value::Time(self.sched.network_time);
        fields[1] = vector;
        let rec = Value::Record(Rc::new(RefCell::new(RecordVal {
            ty: pl.info.clone(),
            fields,
        })));
        self.call(&pl.write, &[pl.id.clone(), rec], span)?;
        Ok(true)
    }
}
