//! Addresses, subnets and ports: parsing, families, masking and subnet
//! lookups in `set[subnet]` / `table[subnet]`.

use super::{arg, builtin_error, count, enum_value, reporter_error, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::table::TableVal;
use crate::runtime::value::{bits128, mask128};
use crate::runtime::value::{Port, Subnet, Value};
use crate::syntax::token::Proto;
use std::cell::RefCell;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::rc::Rc;

pub(crate) fn port_value(num: u32, proto: Proto) -> Value {
    Value::Port(Port { num, proto })
}

/// Dotted IPv4 with one to three digits per part (Zeek accepts "01.02.03.04").
fn parse_v4(s: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut o = [0u8; 4];
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        o[i] = p.parse::<u16>().ok().filter(|&n| n <= 255)? as u8;
    }
    Some(Ipv4Addr::from(o))
}

/// An address from text: IPv4 dotted, or IPv6 (optionally bracketed);
/// IPv4-mapped IPv6 addresses come back as IPv4.
pub(crate) fn parse_addr(s: &[u8]) -> Option<IpAddr> {
    let s = std::str::from_utf8(s).ok()?;
    if let Some(v4) = parse_v4(s) {
        return Some(IpAddr::V4(v4));
    }
    let inner = s
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .unwrap_or(s);
    let v6: Ipv6Addr = inner.parse().ok()?;
    Some(match v6.to_ipv4_mapped() {
        Some(v4) => IpAddr::V4(v4),
        None => IpAddr::V6(v6),
    })
}

/// The 128-bit form of an address, IPv4 mapped into IPv6.
/// A subnet from an address and a prefix width in that address's family,
/// with the host bits cleared.
pub(crate) fn make_subnet(a: IpAddr, width: u32) -> Subnet {
    match a {
        IpAddr::V4(v4) => {
            let w = width.min(32);
            let m = if w == 0 {
                0
            } else {
                u32::from(v4) & (u32::MAX << (32 - w))
            };
            Subnet {
                addr: IpAddr::V4(Ipv4Addr::from(m)),
                width: w as u8,
            }
        }
        IpAddr::V6(v6) => {
            let w = width.min(128);
            let m = Ipv6Addr::from(mask128(u128::from(v6), w));
            // Within the IPv4-mapped range the subnet is an IPv4 one.
            match m.to_ipv4_mapped() {
                Some(v4) if w >= 96 => Subnet {
                    addr: IpAddr::V4(v4),
                    width: (w - 96) as u8,
                },
                _ => Subnet {
                    addr: IpAddr::V6(m),
                    width: w as u8,
                },
            }
        }
    }
}

/// A subnet from "addr/width" text.
pub(crate) fn parse_subnet(s: &[u8]) -> Option<Subnet> {
    let slash = s.iter().rposition(|&b| b == b'/')?;
    let a = parse_addr(&s[..slash]).or_else(|| {
        // "::ffff:a.b.c.d" style text parses as IPv6 but is family v4;
        // keep the raw IPv6 so the width is taken relative to 128 bits.
        std::str::from_utf8(&s[..slash])
            .ok()?
            .parse::<Ipv6Addr>()
            .ok()
            .map(IpAddr::V6)
    })?;
    let w: u32 = std::str::from_utf8(&s[slash + 1..]).ok()?.parse().ok()?;
    let raw_v6 = std::str::from_utf8(&s[..slash]).ok()?.contains(':');
    match a {
        IpAddr::V4(v4) if raw_v6 => {
            (w <= 128).then(|| make_subnet(IpAddr::V6(v4.to_ipv6_mapped()), w))
        }
        IpAddr::V4(_) => (w <= 32).then(|| make_subnet(a, w)),
        IpAddr::V6(_) => (w <= 128).then(|| make_subnet(a, w)),
    }
}

fn is_v4(a: &IpAddr) -> bool {
    match a {
        IpAddr::V4(_) => true,
        IpAddr::V6(v6) => v6.to_ipv4_mapped().is_some(),
    }
}

fn addr_arg(args: &[Value], i: usize) -> IpAddr {
    match arg(args, i) {
        Value::Addr(a) => **a,
        _ => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
    }
}

fn subnet_arg(args: &[Value], i: usize) -> Subnet {
    match arg(args, i) {
        Value::Subnet(s) => **s,
        _ => Subnet {
            addr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            width: 0,
        },
    }
}

fn is_v4_addr(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(is_v4(&addr_arg(args, 0))))
}

fn is_v6_addr(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(!is_v4(&addr_arg(args, 0))))
}

fn is_v4_subnet(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(is_v4(&subnet_arg(args, 0).addr)))
}

fn is_v6_subnet(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(!is_v4(&subnet_arg(args, 0).addr)))
}

fn mask_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let a = addr_arg(args, 0);
    let bits = count(args, 1) as u32;
    let max = if is_v4(&a) { 32 } else { 128 };
    if bits > max {
        builtin_error(h, "bad address mask value");
    }
    Ok(Value::Subnet(Rc::new(make_subnet(a, bits))))
}

fn remask_addr(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (a1, a2) = (bits128(&addr_arg(args, 0)), bits128(&addr_arg(args, 1)));
    let top = (count(args, 2) as u32).min(128);
    let merged = mask128(a1, top) | (a2 & !mask128(u128::MAX, top));
    let v6 = Ipv6Addr::from(merged);
    Ok(Value::addr(match v6.to_ipv4_mapped() {
        Some(v4) => IpAddr::V4(v4),
        None => IpAddr::V6(v6),
    }))
}

fn subnet_to_addr(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::addr(subnet_arg(args, 0).addr))
}

fn addr_to_subnet(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let a = addr_arg(args, 0);
    let w = if is_v4(&a) { 32 } else { 128 };
    Ok(Value::Subnet(Rc::new(make_subnet(a, w))))
}

fn subnet_width(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Count(subnet_arg(args, 0).width as u64))
}

/// The table argument of a subnet lookup, if it is indexed by one subnet.
fn subnet_table<'a>(
    h: &mut dyn Host,
    args: &'a [Value],
    who: &str,
) -> Option<&'a Rc<RefCell<TableVal>>> {
    if let Value::Table(t) = arg(args, 1) {
        let ok = t.borrow().ty.as_table().is_some_and(|tt| {
            tt.index.len() == 1 && matches!(*tt.index[0], crate::runtime::types::Type::Subnet)
        });
        if ok {
            return Some(t);
        }
    }
    reporter_error(
        h,
        &format!("{who} needs to be called on a set[subnet]/table[subnet]."),
    );
    None
}

/// The keys covering `search`, most specific first.
fn covering(t: &TableVal, search: &Subnet) -> Vec<(Value, Value)> {
    let mut hits: Vec<(Value, Value)> = t
        .iter()
        .filter(|(k, _)| matches!(k, Value::Subnet(s) if s.covers(search)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    hits.sort_by_key(|(k, _)| match k {
        Value::Subnet(s) => std::cmp::Reverse(s.full_width()),
        _ => std::cmp::Reverse(0),
    });
    hits
}

fn matching_subnets(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let search = subnet_arg(args, 0);
    let Some(t) = subnet_table(h, args, "matching_subnets") else {
        return Err("matching_subnets needs to be called on a set[subnet]/table[subnet].".into());
    };
    let keys = covering(&t.borrow(), &search)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    Ok(super::vector(crate::runtime::types::subnet(), keys))
}

fn filter_subnet_table(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let search = subnet_arg(args, 0);
    let Some(t) = subnet_table(h, args, "filter_subnet_table") else {
        return Err(
            "filter_subnet_table needs to be called on a set[subnet]/table[subnet].".into(),
        );
    };
    let t = t.borrow();
    let mut out = t.shallow_clone_empty();
    for (k, v) in covering(&t, &search) {
        out.insert(k, v);
    }
    Ok(Value::Table(Rc::new(RefCell::new(out))))
}

fn check_subnet(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let search = subnet_arg(args, 0);
    let Some(t) = subnet_table(h, args, "check_subnet") else {
        return Err("check_subnet needs to be called on a set[subnet]/table[subnet].".into());
    };
    let found = t.borrow().contains(&Value::Subnet(Rc::new(search)));
    Ok(Value::Bool(found))
}

fn port_proto(args: &[Value]) -> Proto {
    match arg(args, 0) {
        Value::Port(p) => p.proto,
        _ => Proto::Unknown,
    }
}

fn is_tcp_port(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(port_proto(args) == Proto::Tcp))
}

fn is_udp_port(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(port_proto(args) == Proto::Udp))
}

fn is_icmp_port(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(port_proto(args) == Proto::Icmp))
}

/// The `transport_proto` constant for a protocol.
pub(crate) fn transport_proto(p: Proto) -> Value {
    let (name, n) = match p {
        Proto::Unknown => ("unknown_transport", 0),
        Proto::Tcp => ("tcp", 1),
        Proto::Udp => ("udp", 2),
        Proto::Icmp => ("icmp", 3),
    };
    enum_value("transport_proto", name, n)
}

fn get_port_transport_proto(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(transport_proto(port_proto(args)))
}

fn is_local_interface(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let a = addr_arg(args, 0);
    Ok(Value::Bool(
        a.is_loopback()
            || matches!(a, IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some_and(|v| v.is_loopback())),
    ))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "is_v4_addr",
        sig: "function(a: addr): bool",
        func: is_v4_addr,
    },
    BifDef {
        name: "is_v6_addr",
        sig: "function(a: addr): bool",
        func: is_v6_addr,
    },
    BifDef {
        name: "is_v4_subnet",
        sig: "function(s: subnet): bool",
        func: is_v4_subnet,
    },
    BifDef {
        name: "is_v6_subnet",
        sig: "function(s: subnet): bool",
        func: is_v6_subnet,
    },
    BifDef {
        name: "mask_addr",
        sig: "function(a: addr, top_bits_to_keep: count): subnet",
        func: mask_addr,
    },
    BifDef {
        name: "remask_addr",
        sig: "function(a1: addr, a2: addr, top_bits_from_a1: count): addr",
        func: remask_addr,
    },
    BifDef {
        name: "subnet_to_addr",
        sig: "function(sn: subnet): addr",
        func: subnet_to_addr,
    },
    BifDef {
        name: "addr_to_subnet",
        sig: "function(a: addr): subnet",
        func: addr_to_subnet,
    },
    BifDef {
        name: "subnet_width",
        sig: "function(sn: subnet): count",
        func: subnet_width,
    },
    BifDef {
        name: "matching_subnets",
        sig: "function(search: subnet, t: any): subnet_vec",
        func: matching_subnets,
    },
    BifDef {
        name: "filter_subnet_table",
        sig: "function(search: subnet, t: any): any",
        func: filter_subnet_table,
    },
    BifDef {
        name: "check_subnet",
        sig: "function(search: subnet, t: any): bool",
        func: check_subnet,
    },
    BifDef {
        name: "is_tcp_port",
        sig: "function(p: port): bool",
        func: is_tcp_port,
    },
    BifDef {
        name: "is_udp_port",
        sig: "function(p: port): bool",
        func: is_udp_port,
    },
    BifDef {
        name: "is_icmp_port",
        sig: "function(p: port): bool",
        func: is_icmp_port,
    },
    BifDef {
        name: "get_port_transport_proto",
        sig: "function(p: port): transport_proto",
        func: get_port_transport_proto,
    },
    BifDef {
        name: "is_local_interface",
        sig: "function(ip: addr): bool",
        func: is_local_interface,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{show, FakeHost};
    use super::*;
    use crate::runtime::types;

    fn call(name: &str, args: &[Value]) -> String {
        FakeHost::new().show(name, args)
    }
    fn a(t: &str) -> Value {
        Value::addr(t.parse().unwrap())
    }
    fn sn(t: &str) -> Value {
        Value::Subnet(Rc::new(parse_subnet(t.as_bytes()).unwrap()))
    }
    fn subnets(items: &[&str]) -> Value {
        super::super::set(types::subnet(), items.iter().map(|s| sn(s)).collect())
    }

    // bifs.addr_version, bifs.subnet_version.
    #[test]
    fn families() {
        assert_eq!(call("is_v4_addr", &[a("1.2.3.4")]), "T");
        assert_eq!(call("is_v6_addr", &[a("::1")]), "T");
        assert_eq!(call("is_v4_subnet", &[sn("1.2.3.0/24")]), "T");
        assert_eq!(call("is_v6_subnet", &[sn("::/1")]), "T");
    }

    // bifs.mask_addr and bifs.remask_addr.
    #[test]
    fn masking() {
        assert_eq!(
            call("mask_addr", &[a("255.255.255.255"), Value::Count(9)]),
            "255.128.0.0/9"
        );
        assert_eq!(
            call("mask_addr", &[a("255.255.255.255"), Value::Count(32)]),
            "255.255.255.255/32"
        );
        assert_eq!(
            call(
                "remask_addr",
                &[a("0.0.255.255"), a("255.255.0.0"), Value::Count(97)]
            ),
            "127.255.0.0"
        );
        assert_eq!(
            call(
                "remask_addr",
                &[a("0.0.255.255"), a("255.255.0.0"), Value::Count(112)]
            ),
            "0.0.0.0"
        );
        assert_eq!(
            call(
                "remask_addr",
                &[a("0.0.255.255"), a("255.255.0.0"), Value::Count(128)]
            ),
            "0.0.255.255"
        );
        assert_eq!(call("subnet_to_addr", &[sn("10.1.0.0/16")]), "10.1.0.0");
        assert_eq!(call("subnet_width", &[sn("10.1.0.0/16")]), "16");
        assert_eq!(call("addr_to_subnet", &[a("10.1.2.3")]), "10.1.2.3/32");
    }

    // bifs.matching_subnets, bifs.filter_subnet_table, bifs.check_subnet.
    #[test]
    fn subnet_lookups() {
        let t = subnets(&[
            "10.0.0.0/8",
            "10.2.0.0/16",
            "10.2.0.2/31",
            "10.3.0.0/16",
            "2607:f8b0:4007:807::200e/64",
            "2607:f8b0:4007:807::200e/128",
        ]);
        assert_eq!(
            call("matching_subnets", &[sn("10.2.0.2/32"), t.clone()]),
            "[10.2.0.2/31, 10.2.0.0/16, 10.0.0.0/8]"
        );
        assert_eq!(
            call(
                "matching_subnets",
                &[sn("2607:f8b0:4007:807::200e/128"), t.clone()]
            ),
            "[2607:f8b0:4007:807::200e/128, 2607:f8b0:4007:807::/64]"
        );
        assert_eq!(
            call("matching_subnets", &[sn("128.0.0.1/32"), t.clone()]),
            "[]"
        );
        let f = FakeHost::new()
            .call("filter_subnet_table", &[sn("10.3.0.2/32"), t.clone()])
            .unwrap();
        assert_eq!(show(&f), "{\n10.3.0.0/16,\n10.0.0.0/8\n}");
        assert_eq!(call("check_subnet", &[sn("10.2.0.2/32"), t.clone()]), "F");
        assert_eq!(call("check_subnet", &[sn("10.2.0.2/31"), t]), "T");
        let mut h = FakeHost::new();
        assert!(h
            .call("check_subnet", &[sn("10.2.0.2/31"), Value::Count(1)])
            .is_err());
        assert_eq!(h.errors().len(), 1);
    }

    // bifs.is_port.
    #[test]
    fn ports() {
        let p = port_value(80, Proto::Tcp);
        assert_eq!(call("is_tcp_port", std::slice::from_ref(&p)), "T");
        assert_eq!(call("is_udp_port", std::slice::from_ref(&p)), "F");
        assert_eq!(call("get_port_transport_proto", &[p]), "tcp");
        assert_eq!(
            call("get_port_transport_proto", &[port_value(3, Proto::Icmp)]),
            "icmp"
        );
        assert_eq!(call("is_local_interface", &[a("127.0.0.1")]), "T");
    }
}
