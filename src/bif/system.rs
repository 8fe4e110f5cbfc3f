//! Built-ins about the process and its surroundings: syslog, the next
//! rotation time, IPv6 routing-header data, a fatal error with a core
//! dump, and suspending packet processing.

use std::net::{IpAddr, Ipv6Addr};

use super::{bytes, double, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types;
use crate::runtime::value::Value;

/// Sends a message to the system log (LOG_NOTICE), as Zeek's reporter
/// does.
fn syslog(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let msg: Vec<u8> = bytes(args, 0).iter().copied().filter(|&b| b != 0).collect();
    if let Ok(c) = std::ffi::CString::new(msg) {
        // SAFETY: a constant format and a NUL-terminated string of ours.
        unsafe {
            libc::syslog(libc::LOG_NOTICE, c"%s".as_ptr(), c.as_ptr());
        }
    }
    Ok(Value::Unset)
}

/// Seconds after midnight of a rotation base time "HH:MM"; None for an
/// empty one, an error for one that does not parse.
fn parse_base_time(h: &mut dyn Host, s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let parsed = s.split_once(':').and_then(|(hh, mm)| {
        let hh: u32 = hh.trim().parse().ok()?;
        let mm: u32 = mm.trim().get(..2.min(mm.trim().len()))?.parse().ok()?;
        (hh < 24 && mm < 60).then_some(f64::from(hh * 3600 + mm * 60))
    });
    if parsed.is_none() {
        super::reporter_error(h, "calc_next_rotate(): can't parse rotation base time");
    }
    parsed
}

/// The local midnight before `t`, through the C library's time zone.
fn local_midnight(t: f64) -> Option<f64> {
    let secs = t as libc::time_t;
    // SAFETY: tm is plain old data; localtime_r and mktime get valid
    // pointers to our own values.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&secs, &mut tm).is_null() {
            return None;
        }
        tm.tm_hour = 0;
        tm.tm_min = 0;
        tm.tm_sec = 0;
        let m = libc::mktime(&mut tm);
        (m != -1).then_some(m as f64)
    }
}

fn calc_next_rotate(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut interval = double(args, 0);
    let base_text = match h.lookup_global("log_rotate_base_time") {
        Some((Value::String(s), _, false)) => String::from_utf8_lossy(&s).into_owned(),
        // Zeek's default.
        _ => "0:00".to_string(),
    };
    let mut base = parse_base_time(h, &base_text);
    let now = h.network_time();
    if interval == 0.0 {
        super::reporter_error(
            h,
            "calc_next_rotate(): interval is zero, falling back to 24hrs",
        );
        interval = 86400.0;
    }
    let midnight = local_midnight(now);
    if midnight.is_none() {
        super::reporter_error(
            h,
            &format!("calc_next_rotate(): failure processing current time ({now:.6})"),
        );
        base = None;
    }
    let next = match (base, midnight) {
        (Some(base), Some(day)) => {
            let d = day + base + ((now - day - base) / interval).ceil() * interval - now;
            if d > 0.0 {
                d
            } else {
                interval
            }
        }
        // No base time: the next multiple of the interval.
        _ => (now / interval).floor() * interval + interval - now,
    };
    Ok(Value::Interval(next))
}

fn routing0_data_to_addrs(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let data = s.get(4..).unwrap_or(&[]);
    if s.len() < 4 || data.len() % 16 != 0 {
        super::reporter_warning(h, &format!("Bad ip6_routing data length: {}", s.len()));
    }
    // A trailing partial address is filled up with zeros.
    let addrs = data
        .chunks(16)
        .map(|c| {
            let mut b = [0u8; 16];
            b[..c.len()].copy_from_slice(c);
            Value::addr(IpAddr::V6(Ipv6Addr::from(b)))
        })
        .collect();
    let ty = super::declared_type(h, "addr_vec").unwrap_or_else(|| types::vector_of(types::addr()));
    Ok(Value::Vector(std::rc::Rc::new(std::cell::RefCell::new(
        crate::runtime::value::VectorVal { ty, items: addrs },
    ))))
}

/// `Reporter::fatal_error_with_core`: reports the fatal error, then
/// aborts the process (leaving a core dump where the system keeps them).
fn fatal_error_with_core(h: &mut dyn Host, args: &[Value]) -> BifResult {
    h.report("fatal", &String::from_utf8_lossy(bytes(args, 0)));
    std::process::abort()
}

/// How often processing was suspended and not yet continued.
#[derive(Default)]
struct Suspended(u64);

fn suspend_processing(h: &mut dyn Host, _: &[Value]) -> BifResult {
    h.extensions().get_or_default::<Suspended>().0 += 1;
    Ok(Value::Unset)
}

fn continue_processing(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let s = h.extensions().get_or_default::<Suspended>();
    s.0 = s.0.saturating_sub(1);
    Ok(Value::Unset)
}

fn is_processing_suspended(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let n = h.extensions().get::<Suspended>().map_or(0, |s| s.0);
    Ok(Value::Bool(n > 0))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "syslog",
        sig: "function(s: string): any",
        func: syslog,
    },
    BifDef {
        name: "calc_next_rotate",
        sig: "function(i: interval): interval",
        func: calc_next_rotate,
    },
    BifDef {
        name: "routing0_data_to_addrs",
        sig: "function(s: string): addr_vec",
        func: routing0_data_to_addrs,
    },
    BifDef {
        name: "Reporter::fatal_error_with_core",
        sig: "function(msg: string): bool",
        func: fatal_error_with_core,
    },
    BifDef {
        name: "suspend_processing",
        sig: "function(): any",
        func: suspend_processing,
    },
    BifDef {
        name: "continue_processing",
        sig: "function(): any",
        func: continue_processing,
    },
    BifDef {
        name: "is_processing_suspended",
        sig: "function(): bool",
        func: is_processing_suspended,
    },
];
