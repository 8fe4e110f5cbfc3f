//! The option framework's built-ins: `Option::set` changes an `option`
//! global at run time, through the change handlers registered for it with
//! `Option::set_change_handler` (higher priority first, each handing its
//! result to the next).

use super::{arg, builtin_error, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;

fn option_set(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::String(id) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let id = String::from_utf8_lossy(id).into_owned();
    let location = args.get(2).cloned();
    match h.set_option(&id, arg(args, 1).clone(), location) {
        Ok(()) => Ok(Value::Bool(true)),
        Err(msg) => {
            builtin_error(h, &msg);
            Ok(Value::Bool(false))
        }
    }
}

fn option_set_change_handler(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::String(id) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let id = String::from_utf8_lossy(id).into_owned();
    let priority = arg(args, 2).as_int();
    match h.add_option_handler(&id, arg(args, 1).clone(), priority) {
        Ok(()) => Ok(Value::Bool(true)),
        Err(msg) => {
            builtin_error(h, &msg);
            Ok(Value::Bool(false))
        }
    }
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "Option::set",
        sig: "function(ID: string, val: any, location: string &default=\"\"): bool",
        func: option_set,
    },
    BifDef {
        name: "Option::set_change_handler",
        sig: "function(ID: string, on_change: any, priority: int &default=0): bool",
        func: option_set_change_handler,
    },
];

/// The event-group built-ins: `enable_event_group("g")`,
/// `disable_module_events("M")`, `has_event_group("g")` and the like.
fn group_switch(h: &mut dyn Host, args: &[Value], module: bool, on: bool) -> BifResult {
    let Value::String(name) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let name = String::from_utf8_lossy(name).into_owned();
    Ok(Value::Bool(h.set_event_group(module, &name, on)))
}

fn has_group(h: &mut dyn Host, args: &[Value], module: bool) -> BifResult {
    let Value::String(name) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let name = String::from_utf8_lossy(name).into_owned();
    Ok(Value::Bool(h.has_event_group(module, &name)))
}

pub static GROUP_BIFS: &[BifDef] = &[
    BifDef {
        name: "enable_event_group",
        sig: "function(group: string): bool",
        func: |h, a| group_switch(h, a, false, true),
    },
    BifDef {
        name: "disable_event_group",
        sig: "function(group: string): bool",
        func: |h, a| group_switch(h, a, false, false),
    },
    BifDef {
        name: "has_event_group",
        sig: "function(group: string): bool",
        func: |h, a| has_group(h, a, false),
    },
    BifDef {
        name: "enable_module_events",
        sig: "function(module_name: string): bool",
        func: |h, a| group_switch(h, a, true, true),
    },
    BifDef {
        name: "disable_module_events",
        sig: "function(module_name: string): bool",
        func: |h, a| group_switch(h, a, true, false),
    },
    BifDef {
        name: "has_module_events",
        sig: "function(group: string): bool",
        func: |h, a| has_group(h, a, true),
    },
];
