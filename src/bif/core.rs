//! Built-ins the language itself leans on.

use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;

fn network_time(h: &mut dyn Host, _: &[Value]) -> Result<Value, String> {
    Ok(Value::Time(h.network_time()))
}

fn current_time(_: &mut dyn Host, _: &[Value]) -> Result<Value, String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(Value::Time(now))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "network_time",
        sig: "function(): time",
        func: network_time,
    },
    BifDef {
        name: "current_time",
        sig: "function(): time",
        func: current_time,
    },
];
