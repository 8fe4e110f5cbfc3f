//! Run-time changes of `option` globals (`Option::set`) and their change
//! handlers, with Zeek's checks and messages.

use super::Interp;
use crate::runtime::func::FuncVal;
use crate::runtime::types::type_of;
use crate::runtime::types::{self, Type};
use crate::runtime::value::Value;
use std::rc::Rc;

/// A change handler: its priority, and the function.
pub struct OptionHandler {
    priority: i64,
    func: Rc<FuncVal>,
}

impl Interp {
    /// The global id of option `name`, or Zeek's error.
    fn option_id(&self, name: &str) -> Result<u32, String> {
        let Some((id, _, _)) = self.globals.names.get(name) else {
            return Err(format!("Could not find ID named '{name}'"));
        };
        if !self.globals.option_ids.contains(id) {
            return Err(format!("ID '{name}' is not an option"));
        }
        Ok(*id)
    }

    fn option_type(&self, name: &str) -> crate::runtime::types::TypeRef {
        self.globals
            .names
            .get(name)
            .map(|(_, t, _)| t.clone())
            .unwrap_or_else(types::any)
    }

    pub(crate) fn set_option_value(
        &mut self,
        name: &str,
        value: Value,
        location: Option<Value>,
    ) -> Result<(), String> {
        let id = self.option_id(name)?;
        let want = self.option_type(name);
        let got = type_of(&value);
        let fits = types::same_type(&got, &want)
            // An empty constructor takes the option's container type.
            || matches!((&*got, &*want), (Type::Table(_), Type::Table(_)) | (Type::Vector(_), Type::Vector(_)))
                && is_empty_container(&value);
        if !fits {
            return Err(format!(
                "Incompatible type for set of ID '{name}': got '{got}', need '{want}'"
            ));
        }
        let handlers: Vec<Rc<FuncVal>> = self
            .globals
            .option_handlers
            .get(&id)
            .map(|hs| hs.iter().map(|h| h.func.clone()).collect())
            .unwrap_or_default();
        let mut value = value;
        for f in handlers {
            let mut args = vec![
                Value::String(Rc::new(name.as_bytes().to_vec())),
                value.clone(),
            ];
            if param_count(&f) == 3 {
                args.push(
                    location
                        .clone()
                        .unwrap_or_else(|| Value::String(Rc::new(Vec::new()))),
                );
            }
            let span = f.span;
            match self.call(&f, &args, span) {
                Ok(v) if !v.is_unset() => value = v,
                Ok(_) => {}
                Err(d) => {
                    self.report_runtime(&d);
                    return Ok(());
                }
            }
        }
        if let Some(slot) = self.globals.values.get_mut(id as usize) {
            *slot = value;
        }
        self.global_changed(id);
        Ok(())
    }

    pub(crate) fn add_option_handler_value(
        &mut self,
        name: &str,
        f: Value,
        priority: i64,
    ) -> Result<(), String> {
        let id = self.option_id(name)?;
        let want = self.option_type(name);
        let Value::Func(func) = f else {
            return Err(format!(
                "Option::on_change needs function argument; got '{}' for ID '{name}'",
                type_of(&f)
            ));
        };
        let Some(ft) = func.ty.as_func() else {
            return Err("Option::on_change needs function argument; not hook or event".into());
        };
        if ft.kind != crate::syntax::ast::FuncKind::Function {
            return Err("Option::on_change needs function argument; not hook or event".into());
        }
        let n = ft.params.len();
        if n != 2 && n != 3 {
            return Err(format!(
                "Option::on_change needs two or three arguments; got {n} for ID '{name}'"
            ));
        }
        if !matches!(*ft.params[0].ty, Type::String) {
            return Err(format!(
                "Option::on_change needs argument of type string; got '{}' for ID '{name}'",
                ft.params[0].ty
            ));
        }
        // As in Zeek's same_type, `any` fits every type.
        if !matches!(*ft.params[1].ty, Type::Any) && !types::same_type(&ft.params[1].ty, &want) {
            return Err(format!(
                "Option::on_change needs second argument of type {want}; got '{}' for ID '{name}'",
                ft.params[1].ty
            ));
        }
        if n == 3 && !matches!(*ft.params[2].ty, Type::String) {
            return Err(format!(
                "Option::on_change needs third argument of type string; got '{}' for ID '{name}'",
                ft.params[2].ty
            ));
        }
        if !matches!(*ft.ret, Type::Any) && !types::same_type(&ft.ret, &want) {
            return Err(format!(
                "Option::on_change needs a return type of {want}; got '{}' for ID '{name}'",
                ft.ret
            ));
        }
        let hs = self.globals.option_handlers.entry(id).or_default();
        // Higher priority first; equal priorities in registration order.
        let at = hs
            .iter()
            .position(|h| h.priority < priority)
            .unwrap_or(hs.len());
        hs.insert(at, OptionHandler { priority, func });
        Ok(())
    }
}

fn param_count(f: &FuncVal) -> usize {
    f.ty.as_func().map_or(0, |ft| ft.params.len())
}

fn is_empty_container(v: &Value) -> bool {
    match v {
        Value::Table(t) => t.borrow().is_empty(),
        Value::Vector(v) => v.borrow().items.is_empty(),
        _ => false,
    }
}
