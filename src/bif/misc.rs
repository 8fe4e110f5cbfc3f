//! Process and environment built-ins: environment variables, process id,
//! host name, unique ids, running commands, sleeping, command-line
//! arguments, file modes.

use super::{arg, bytes, count, double, int, string_value, string_vec, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::uid::{UidPools, POOL_CUSTOM, POOL_SCRIPT};
use crate::runtime::value::Value;
use std::io::Write;
use std::process::{Command, Stdio};

fn getenv(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let name = String::from_utf8_lossy(bytes(args, 0)).into_owned();
    let v = std::env::var_os(name)
        .map(|v| v.into_encoded_bytes())
        .unwrap_or_default();
    Ok(Value::string(v))
}

fn setenv(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (name, val) = (bytes(args, 0), bytes(args, 1));
    if name.is_empty() || name.contains(&b'=') || name.contains(&0) || val.contains(&0) {
        return Ok(Value::Bool(false));
    }
    std::env::set_var(
        String::from_utf8_lossy(name).as_ref(),
        String::from_utf8_lossy(val).as_ref(),
    );
    Ok(Value::Bool(true))
}

fn getpid(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Count(std::process::id() as u64))
}

fn gethostname(_: &mut dyn Host, _: &[Value]) -> BifResult {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_else(|_| "<unknown>".into());
    Ok(string_value(name))
}

/// The Zeek version whose behaviour rzeek implements, as
/// `zeek_version()` (and so `Version::info`) reports it: scripts compare
/// it to decide which Zeek interfaces they may use. rzeek's own version
/// is what `rzeek --version` prints.
pub const ZEEK_COMPATIBLE_VERSION: &str = "9.1.0";

fn zeek_version(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(string_value(ZEEK_COMPATIBLE_VERSION))
}

/// A uid from `pool` after `prefix`, of `bits_per_uid` bits, as Zeek's
/// `unique_id` built-ins make them (one generator with the connection
/// uids, `runtime::uid`).
fn make_uid(h: &mut dyn Host, prefix: &[u8], pool: usize) -> Value {
    let bits = match h.lookup_global("bits_per_uid") {
        Some((Value::Count(n), _, _)) => n.clamp(1, 128) as u32,
        _ => 96,
    };
    let uid = h
        .extensions()
        .get_or_default::<UidPools>()
        .uid(pool, bits, prefix);
    Value::string(uid)
}

fn unique_id(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let prefix = c_string(h, bytes(args, 0));
    Ok(make_uid(h, &prefix, POOL_SCRIPT))
}

fn unique_id_from(h: &mut dyn Host, args: &[Value]) -> BifResult {
    // Zeek adds the pool to its first custom one (a negative pool wraps
    // to a huge one, which falls back to the internal pool).
    let pool = (int(args, 0) as usize).wrapping_add(POOL_CUSTOM);
    let prefix = c_string(h, bytes(args, 1));
    Ok(make_uid(h, &prefix, pool))
}

/// A string where Zeek needs it as a C string (its `CheckString`): one
/// with an embedded NUL is reported and replaced.
fn c_string(h: &mut dyn Host, s: &[u8]) -> Vec<u8> {
    if !s.contains(&0) {
        return s.to_vec();
    }
    let shown = crate::runtime::format::escape_bytes(s);
    super::reporter_error(
        h,
        &format!(
            "string with embedded NUL: \"{}\"",
            String::from_utf8_lossy(&shown)
        ),
    );
    b"<string-with-NUL>".to_vec()
}

/// Runs a shell command in the background with its output on stderr;
/// the status is that of starting it.
fn run_background(cmd: &[u8], env: &[(String, String)]) -> i64 {
    let line = format!("({}) 1>&2 &", String::from_utf8_lossy(cmd));
    let mut c = Command::new("/bin/sh");
    c.arg("-c").arg(line);
    for (k, v) in env {
        c.env(k, v);
    }
    match c.status() {
        Ok(s) => s.code().map(|c| c as i64 * 256).unwrap_or(-1),
        Err(_) => -1,
    }
}

fn system(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Int(run_background(bytes(args, 0), &[])))
}

fn system_env(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut env = Vec::new();
    if let Value::Table(t) = arg(args, 1) {
        for (k, v) in t.borrow().iter() {
            match (k, v) {
                (Value::String(k), Value::String(v)) => {
                    let name = format!("ZEEK_ARG_{}", String::from_utf8_lossy(k).to_uppercase());
                    env.push((name, String::from_utf8_lossy(v).into_owned()));
                }
                _ => {
                    super::reporter_error(h, "system_env() needs a table[string] of string");
                    return Ok(Value::Int(-1));
                }
            }
        }
    }
    Ok(Value::Int(run_background(bytes(args, 0), &env)))
}

fn piped_exec(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let prog = String::from_utf8_lossy(bytes(args, 0)).into_owned();
    let child = Command::new("/bin/sh")
        .arg("-c")
        .arg(&prog)
        .stdin(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        super::reporter_error(h, &format!("Failed to popen {prog}"));
        return Ok(Value::Bool(false));
    };
    let wrote = child
        .stdin
        .take()
        .map(|mut i| i.write_all(bytes(args, 1)).is_ok())
        .unwrap_or(false);
    let _ = child.wait();
    if !wrote {
        super::reporter_error(h, &format!("Failed to write all given data to {prog}"));
    }
    Ok(Value::Bool(wrote))
}

fn sleep(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let start = std::time::Instant::now();
    let secs = double(args, 0);
    if secs > 0.0 && secs.is_finite() {
        std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    }
    Ok(Value::Interval(start.elapsed().as_secs_f64()))
}

fn zeek_args(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(string_vec(
        std::env::args_os()
            .map(|a| a.into_encoded_bytes())
            .collect(),
    ))
}

/// `rwxr-xr-x`-style permissions from a mode number.
fn file_mode(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let m = count(args, 0);
    let bit = |mask: u64, c: char| if m & mask != 0 { c } else { '-' };
    let exec = |x: u64, special: u64, lower: char, upper: char| match (m & x != 0, m & special != 0)
    {
        (false, false) => '-',
        (true, false) => 'x',
        (false, true) => upper,
        (true, true) => lower,
    };
    let s: String = [
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, 0o4000, 's', 'S'),
        bit(0o40, 'r'),
        bit(0o20, 'w'),
        exec(0o10, 0o2000, 's', 'S'),
        bit(0o4, 'r'),
        bit(0o2, 'w'),
        exec(0o1, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect();
    Ok(string_value(s))
}

/// `Reporter::info/warning/error`: the message goes to the reporter
/// under that severity.
fn report_as(h: &mut dyn Host, kind: &str, args: &[Value]) -> BifResult {
    h.report(kind, &String::from_utf8_lossy(bytes(args, 0)));
    Ok(Value::Bool(true))
}

fn reporter_info(h: &mut dyn Host, args: &[Value]) -> BifResult {
    report_as(h, "info", args)
}

fn reporter_warning(h: &mut dyn Host, args: &[Value]) -> BifResult {
    report_as(h, "warning", args)
}

fn reporter_error(h: &mut dyn Host, args: &[Value]) -> BifResult {
    report_as(h, "error", args)
}

/// `Reporter::fatal`: reports, then ends the run at once (logs closed,
/// exit status 1).
fn reporter_fatal(h: &mut dyn Host, args: &[Value]) -> BifResult {
    report_as(h, "fatal", args)?;
    h.exit(1);
    Ok(Value::Bool(true))
}

/// The names of an enum type, given as a type value or by its name.
fn enum_names(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let ty = match arg(args, 0) {
        Value::Type(t) => Some(t.clone()),
        Value::String(name) => match h.lookup_global(&String::from_utf8_lossy(name)) {
            Some((_, t, true)) => Some(t),
            _ => None,
        },
        _ => None,
    };
    let names = match ty.as_deref() {
        Some(crate::runtime::types::Type::Enum(et)) => et
            .consts
            .borrow()
            .iter()
            .map(|c| c.name.as_bytes().to_vec())
            .collect(),
        _ => Vec::new(),
    };
    Ok(super::string_set(names))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "Reporter::info",
        sig: "function(msg: string): bool",
        func: reporter_info,
    },
    BifDef {
        name: "Reporter::warning",
        sig: "function(msg: string): bool",
        func: reporter_warning,
    },
    BifDef {
        name: "Reporter::error",
        sig: "function(msg: string): bool",
        func: reporter_error,
    },
    BifDef {
        name: "Reporter::fatal",
        sig: "function(msg: string): bool",
        func: reporter_fatal,
    },
    BifDef {
        name: "enum_names",
        sig: "function(et: any): string_set",
        func: enum_names,
    },
    BifDef {
        name: "getenv",
        sig: "function(var: string): string",
        func: getenv,
    },
    BifDef {
        name: "setenv",
        sig: "function(var: string, val: string): bool",
        func: setenv,
    },
    BifDef {
        name: "getpid",
        sig: "function(): count",
        func: getpid,
    },
    BifDef {
        name: "gethostname",
        sig: "function(): string",
        func: gethostname,
    },
    BifDef {
        name: "zeek_version",
        sig: "function(): string",
        func: zeek_version,
    },
    BifDef {
        name: "unique_id",
        sig: "function(prefix: string): string",
        func: unique_id,
    },
    BifDef {
        name: "unique_id_from",
        sig: "function(pool: int, prefix: string): string",
        func: unique_id_from,
    },
    BifDef {
        name: "system",
        sig: "function(str: string): int",
        func: system,
    },
    BifDef {
        name: "system_env",
        sig: "function(str: string, env: table_string_of_string): int",
        func: system_env,
    },
    BifDef {
        name: "piped_exec",
        sig: "function(program: string, to_write: string): bool",
        func: piped_exec,
    },
    BifDef {
        name: "sleep",
        sig: "function(i: interval): interval",
        func: sleep,
    },
    BifDef {
        name: "zeek_args",
        sig: "function(): string_vec",
        func: zeek_args,
    },
    BifDef {
        name: "file_mode",
        sig: "function(mode: count): string",
        func: file_mode,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{b, s, FakeHost};
    use crate::runtime::value::Value;

    #[test]
    fn unique_id_prefix_with_nul() {
        let mut h = FakeHost::new();
        let id = h.show("unique_id", &[b(b"hi\x00there")]);
        assert!(id.starts_with("<string-with-NUL>"), "{id}");
        assert_eq!(
            h.errors(),
            vec!["string with embedded NUL: \"hi\\x00there\"".to_string()]
        );
    }

    // bifs.getsetenv.
    #[test]
    fn environment() {
        let mut h = FakeHost::new();
        assert_eq!(h.show("getenv", &[s("RZEEK_SURELY_NOT_DEFINED")]), "");
        assert_eq!(
            h.show("setenv", &[s("RZEEK_TEST_VAR"), s("now defined")]),
            "T"
        );
        assert_eq!(h.show("getenv", &[s("RZEEK_TEST_VAR")]), "now defined");
        assert_eq!(h.show("setenv", &[s(""), s("x")]), "F");
        assert_eq!(h.show("getpid", &[]), std::process::id().to_string());
    }

    // bifs.unique_id: a prefix then base-62 digits; distinct each call.
    #[test]
    fn unique_ids() {
        let mut h = FakeHost::new();
        let a = h.show("unique_id", &[s("A-")]);
        let b = h.show("unique_id", &[s("A-")]);
        assert!(a.starts_with("A-") && a.len() > 12, "{a}");
        assert!(a[2..].bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
        let c = h.show("unique_id_from", &[Value::Int(5), s("E-")]);
        assert!(c.starts_with("E-"));
    }

    // bifs.system and piped_exec write through a shell.
    #[test]
    fn commands() {
        let dir = std::env::temp_dir().join(format!("rzeek-misc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("piped");
        let cmd = format!("cat > {}", out.display());
        let mut h = FakeHost::new();
        assert_eq!(h.show("piped_exec", &[s(&cmd), s("hello\n")]), "T");
        assert_eq!(std::fs::read(&out).unwrap(), b"hello\n");
        assert_eq!(h.show("system", &[s("true")]), "0");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reporter_and_enums() {
        let mut h = FakeHost::new();
        assert_eq!(h.show("Reporter::warning", &[s("careful")]), "T");
        assert_eq!(
            h.reports,
            vec![("warning".to_string(), "careful".to_string())]
        );
        let et = std::rc::Rc::new(crate::runtime::types::EnumType {
            name: std::cell::RefCell::new("Color".into()),
            consts: std::cell::RefCell::new(Vec::new()),
        });
        for (i, n) in ["RED", "GREEN"].iter().enumerate() {
            et.consts
                .borrow_mut()
                .push(std::rc::Rc::new(crate::runtime::types::EnumConst {
                    name: n.to_string(),
                    value: i as i64,
                    type_name: "Color".into(),
                    ty: std::rc::Weak::new(),
                }));
        }
        let t = Value::Type(std::rc::Rc::new(crate::runtime::types::Type::Enum(et)));
        assert_eq!(h.show("enum_names", &[t]), "{\nRED,\nGREEN\n}");
        // The fake host knows no globals: an unknown name has no values.
        assert_eq!(h.show("enum_names", &[s("Color")]), "{\n\n}");
    }

    #[test]
    fn modes_and_sleep() {
        let mut h = FakeHost::new();
        assert_eq!(h.show("file_mode", &[Value::Count(0o644)]), "rw-r--r--");
        assert_eq!(h.show("file_mode", &[Value::Count(0o4755)]), "rwsr-xr-x");
        assert_eq!(h.show("file_mode", &[Value::Count(0o1777)]), "rwxrwxrwt");
        let slept = h
            .call("sleep", &[Value::Interval(0.01)])
            .unwrap()
            .as_double();
        assert!(slept >= 0.01);
        assert!(h.call("zeek_args", &[]).is_ok());
    }
}
