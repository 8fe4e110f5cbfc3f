//! DNS lookups through the system's resolver (`lookup_hostname`,
//! `lookup_addr`, `blocking_lookup_hostname`), and GeoIP lookups, which
//! answer as Zeek built without libmaxminddb does.
//!
//! Zeek's asynchronous lookups may only be called in a `when` condition;
//! rzeek answers them there at once (the `when` body then runs at once
//! too), which gives the same values.

use std::collections::BTreeSet;
use std::net::{IpAddr, ToSocketAddrs};

use super::{arg, bytes, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types;
use crate::runtime::value::Value;

/// The lookups this process made (`get_dns_stats`).
#[derive(Debug, Default, Clone, Copy)]
pub struct DnsStats {
    pub requests: u64,
    pub successful: u64,
    pub failed: u64,
}

fn count_lookup(h: &mut dyn Host, ok: bool) {
    let s = h.extensions().get_or_default::<DnsStats>();
    s.requests += 1;
    if ok {
        s.successful += 1;
    } else {
        s.failed += 1;
    }
}

/// The addresses of a host name, through getaddrinfo.
fn resolve(h: &mut dyn Host, name: &[u8]) -> Value {
    let name = String::from_utf8_lossy(name).into_owned();
    let addrs: BTreeSet<IpAddr> = if name.is_empty() || name.contains('\0') {
        BTreeSet::new()
    } else {
        (name.as_str(), 0u16)
            .to_socket_addrs()
            .map(|it| it.map(|sa| sa.ip()).collect())
            .unwrap_or_default()
    };
    count_lookup(h, !addrs.is_empty());
    let ty =
        super::declared_type(h, "addr_set").unwrap_or_else(|| types::set_of(vec![types::addr()]));
    let mut t = crate::runtime::table::TableVal::new(ty);
    for a in addrs {
        t.insert(Value::addr(a), Value::Unset);
    }
    Value::Table(std::rc::Rc::new(std::cell::RefCell::new(t)))
}

/// The name of an address, through getnameinfo; None when it has none.
fn reverse(a: IpAddr) -> Option<String> {
    let mut host = [0 as libc::c_char; 1025];
    let rc = match a {
        IpAddr::V4(v4) => {
            // SAFETY: sockaddr_in is plain old data.
            let mut sa: libc::sockaddr_in = unsafe { std::mem::zeroed() };
            sa.sin_family = libc::AF_INET as libc::sa_family_t;
            sa.sin_addr.s_addr = u32::from_ne_bytes(v4.octets());
            // SAFETY: valid pointers and lengths of our own buffers.
            unsafe {
                libc::getnameinfo(
                    &sa as *const _ as *const libc::sockaddr,
                    std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
                    host.as_mut_ptr(),
                    host.len() as libc::socklen_t,
                    std::ptr::null_mut(),
                    0,
                    libc::NI_NAMEREQD,
                )
            }
        }
        IpAddr::V6(v6) => {
            // SAFETY: sockaddr_in6 is plain old data.
            let mut sa: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
            sa.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sa.sin6_addr.s6_addr = v6.octets();
            // SAFETY: valid pointers and lengths of our own buffers.
            unsafe {
                libc::getnameinfo(
                    &sa as *const _ as *const libc::sockaddr,
                    std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t,
                    host.as_mut_ptr(),
                    host.len() as libc::socklen_t,
                    std::ptr::null_mut(),
                    0,
                    libc::NI_NAMEREQD,
                )
            }
        }
    };
    if rc != 0 {
        return None;
    }
    // SAFETY: getnameinfo wrote a NUL-terminated string into `host`.
    let s = unsafe { std::ffi::CStr::from_ptr(host.as_ptr()) };
    Some(s.to_string_lossy().into_owned())
}

/// Zeek's error for an asynchronous lookup outside a `when` condition.
fn outside_when(h: &mut dyn Host, name: &str) -> Option<Value> {
    if h.in_when_condition() {
        return None;
    }
    super::builtin_error(
        h,
        &format!("{name}() can only be called inside a when-condition"),
    );
    Some(Value::str(b"<error>"))
}

fn lookup_hostname(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Some(v) = outside_when(h, "lookup_hostname") {
        return Ok(v);
    }
    Ok(resolve(h, bytes(args, 0)))
}

fn blocking_lookup_hostname(h: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(resolve(h, bytes(args, 0)))
}

fn lookup_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Some(v) = outside_when(h, "lookup_addr") {
        return Ok(v);
    }
    let name = match arg(args, 0) {
        Value::Addr(a) => reverse(**a),
        _ => None,
    };
    count_lookup(h, name.is_some());
    Ok(Value::str(name.as_deref().unwrap_or("<???>").as_bytes()))
}

// ---------- GeoIP ----------

/// Each missing-GeoIP error is reported once per run, as Zeek does.
#[derive(Default)]
struct GeoReported {
    location: bool,
    asn: bool,
}

fn mmdb_open(_: &mut dyn Host, _: &[Value]) -> BifResult {
    Ok(Value::Bool(false))
}

fn lookup_location(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let first = !std::mem::replace(
        &mut h.extensions().get_or_default::<GeoReported>().location,
        true,
    );
    if first {
        super::builtin_error(h, "Zeek was not configured for GeoIP support");
    }
    Ok(super::record_of(h, "geo_location", Vec::new()))
}

fn lookup_autonomous_system(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let first = !std::mem::replace(
        &mut h.extensions().get_or_default::<GeoReported>().asn,
        true,
    );
    if first {
        super::builtin_error(h, "Zeek was not configured for GeoIP ASN support");
    }
    Ok(super::record_of(h, "geo_autonomous_system", Vec::new()))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "lookup_hostname",
        sig: "function(host: string): addr_set",
        func: lookup_hostname,
    },
    BifDef {
        name: "blocking_lookup_hostname",
        sig: "function(host: string): addr_set",
        func: blocking_lookup_hostname,
    },
    BifDef {
        name: "lookup_addr",
        sig: "function(host: addr): string",
        func: lookup_addr,
    },
    BifDef {
        name: "mmdb_open_location_db",
        sig: "function(f: string): bool",
        func: mmdb_open,
    },
    BifDef {
        name: "mmdb_open_asn_db",
        sig: "function(f: string): bool",
        func: mmdb_open,
    },
    BifDef {
        name: "lookup_location",
        sig: "function(a: addr): geo_location",
        func: lookup_location,
    },
    BifDef {
        name: "lookup_autonomous_system",
        sig: "function(a: addr): geo_autonomous_system",
        func: lookup_autonomous_system,
    },
];
