//! Conversions between types: numbers from strings and bytes, times and
//! intervals, ports, addresses as counts and PTR names, enums, type names.

use super::addr::{parse_addr, parse_subnet, port_value};
use super::{
    arg, boolean, builtin_error, builtin_error_arg, bytes, count, count_vec, double, int,
    reporter_error, string_value, BifResult,
};
use crate::eval::ops::parse_integer;
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types::type_of;
use crate::runtime::value::{Subnet, Value};
use crate::syntax::token::Proto;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::rc::Rc;

fn to_int(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match parse_integer(bytes(args, 0), count(args, 1) as u32) {
        Some((neg, n)) => {
            let n = n.min(i64::MAX as u128 + u128::from(neg)) as i128;
            Ok(Value::Int(if neg { -n } else { n } as i64))
        }
        None => {
            builtin_error_arg(h, "bad conversion to integer", arg(args, 0));
            Ok(Value::Int(0))
        }
    }
}

fn to_count(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match parse_integer(bytes(args, 0), count(args, 1) as u32) {
        Some((false, n)) => Ok(Value::Count(n.min(u64::MAX as u128) as u64)),
        _ => {
            builtin_error_arg(h, "bad conversion to count", arg(args, 0));
            Ok(Value::Count(0))
        }
    }
}

fn to_double(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = String::from_utf8_lossy(bytes(args, 0));
    match s.trim().parse::<f64>() {
        Ok(d) if !s.trim().is_empty() => Ok(Value::Double(d)),
        _ => {
            builtin_error_arg(h, "bad conversion to double", arg(args, 0));
            Ok(Value::Double(0.0))
        }
    }
}

fn int_to_count(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let n = int(args, 0);
    if n < 0 {
        builtin_error_arg(h, "bad conversion to count", arg(args, 0));
        return Ok(Value::Count(0));
    }
    Ok(Value::Count(n as u64))
}

fn double_to_count(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let d = double(args, 0);
    if d < 0.0 {
        builtin_error_arg(h, "bad conversion to count", arg(args, 0));
        return Ok(Value::Count(0));
    }
    Ok(Value::Count(d.round_ties_even() as u64))
}

fn double_to_int(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Int(double(args, 0).round_ties_even() as i64))
}

fn double_to_time(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Time(double(args, 0)))
}

fn double_to_interval(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Interval(double(args, 0)))
}

fn to_plain_double(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Double(double(args, 0)))
}

fn port_to_count(_: &mut dyn Host, args: &[Value]) -> BifResult {
    match arg(args, 0) {
        Value::Port(p) => Ok(Value::Count(p.num as u64)),
        _ => Ok(Value::Count(0)),
    }
}

fn count_to_port(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let proto = match arg(args, 1) {
        Value::Enum(e) => match e.value {
            1 => Proto::Tcp,
            2 => Proto::Udp,
            3 => Proto::Icmp,
            _ => Proto::Unknown,
        },
        _ => Proto::Unknown,
    };
    Ok(port_value(count(args, 0) as u32, proto))
}

fn to_port(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let parsed = (|| {
        let slash = s.iter().position(|&b| b == b'/')?;
        let (num, proto) = (&s[..slash], &s[slash + 1..]);
        if num.is_empty() || num.len() > 5 || !num.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n: u32 = std::str::from_utf8(num).ok()?.parse().ok()?;
        let p = match proto {
            b"tcp" => Proto::Tcp,
            b"udp" => Proto::Udp,
            b"icmp" => Proto::Icmp,
            _ => return None,
        };
        (n <= 65535).then_some(port_value(n, p))
    })();
    match parsed {
        Some(p) => Ok(p),
        None => {
            builtin_error(
                h,
                "wrong port format, must be /[0-9]{1,5}\\/(tcp|udp|icmp)/",
            );
            Ok(port_value(0, Proto::Unknown))
        }
    }
}

fn to_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match parse_addr(bytes(args, 0)) {
        Some(a) => Ok(Value::addr(a)),
        None => {
            builtin_error_arg(h, "failed converting string to IP address", arg(args, 0));
            Ok(Value::addr(IpAddr::V6(Ipv6Addr::UNSPECIFIED)))
        }
    }
}

fn is_valid_ip(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(parse_addr(bytes(args, 0)).is_some()))
}

fn to_subnet(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match parse_subnet(bytes(args, 0)) {
        Some(s) => Ok(Value::Subnet(Rc::new(s))),
        None => {
            builtin_error_arg(h, "failed converting string to IP prefix", arg(args, 0));
            Ok(Value::Subnet(Rc::new(Subnet {
                addr: IpAddr::V6(Ipv6Addr::UNSPECIFIED),
                width: 0,
            })))
        }
    }
}

fn is_valid_subnet(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(parse_subnet(bytes(args, 0)).is_some()))
}

fn count_to_v4_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let n = count(args, 0);
    if n > u32::MAX as u64 {
        builtin_error(h, "conversion of non-IPv4 count to addr");
        return Ok(Value::addr(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
    }
    Ok(Value::addr(IpAddr::V4(Ipv4Addr::from(n as u32))))
}

fn raw_bytes_to_v4_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let b = bytes(args, 0);
    if b.len() < 4 {
        builtin_error(h, "too short a string as input to raw_bytes_to_v4_addr()");
        return Ok(Value::addr(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
    }
    Ok(Value::addr(IpAddr::V4(Ipv4Addr::new(
        b[0], b[1], b[2], b[3],
    ))))
}

fn raw_bytes_to_v6_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let b = bytes(args, 0);
    if b.len() < 16 {
        builtin_error(h, "too short a string as input to raw_bytes_to_v6_addr()");
        return Ok(Value::addr(IpAddr::V6(Ipv6Addr::UNSPECIFIED)));
    }
    let mut o = [0u8; 16];
    o.copy_from_slice(&b[..16]);
    Ok(Value::addr(IpAddr::V6(Ipv6Addr::from(o))))
}

fn addr_to_counts(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let words = match arg(args, 0) {
        Value::Addr(a) => match **a {
            IpAddr::V4(v4) => vec![u32::from(v4) as u64],
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => vec![u32::from(v4) as u64],
                None => {
                    let o = v6.octets();
                    o.chunks(4)
                        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as u64)
                        .collect()
                }
            },
        },
        _ => Vec::new(),
    };
    Ok(count_vec(words))
}

fn counts_to_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let words: Vec<u64> = super::vector_items(arg(args, 0))
        .iter()
        .map(Value::as_count)
        .collect();
    match words.len() {
        1 => Ok(Value::addr(IpAddr::V4(Ipv4Addr::from(words[0] as u32)))),
        4 => {
            let mut o = [0u8; 16];
            for (i, w) in words.iter().enumerate() {
                o[i * 4..i * 4 + 4].copy_from_slice(&(*w as u32).to_be_bytes());
            }
            Ok(Value::addr(IpAddr::V6(Ipv6Addr::from(o))))
        }
        _ => {
            builtin_error(h, "invalid vector size");
            Ok(Value::addr(IpAddr::V6(Ipv6Addr::UNSPECIFIED)))
        }
    }
}

fn addr_to_ptr_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let Value::Addr(a) = arg(args, 0) else {
        return Ok(Value::str(b""));
    };
    let v4 = match **a {
        IpAddr::V4(v4) => Some(v4),
        IpAddr::V6(v6) => v6.to_ipv4_mapped(),
    };
    let name = match (v4, **a) {
        (Some(v4), _) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        (None, IpAddr::V6(v6)) => {
            let mut parts: Vec<String> = Vec::new();
            for b in v6.octets().iter().rev() {
                parts.push(format!("{:x}", b & 0xf));
                parts.push(format!("{:x}", b >> 4));
            }
            format!("{}.ip6.arpa", parts.join("."))
        }
        _ => String::new(),
    };
    Ok(string_value(name))
}

fn ptr_name_to_addr(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = String::from_utf8_lossy(bytes(args, 0)).into_owned();
    if let Some(rest) = s.strip_suffix(".in-addr.arpa") {
        let parts: Vec<Option<u8>> = rest.split('.').map(|p| p.parse().ok()).collect();
        if parts.len() == 4 && parts.iter().all(Option::is_some) {
            let o: Vec<u8> = parts.into_iter().flatten().collect();
            return Ok(Value::addr(IpAddr::V4(Ipv4Addr::new(
                o[3], o[2], o[1], o[0],
            ))));
        }
    } else if let Some(rest) = s.strip_suffix(".ip6.arpa") {
        let nibbles: Vec<Option<u32>> = rest
            .split('.')
            .map(|p| u32::from_str_radix(p, 16).ok().filter(|_| p.len() == 1))
            .collect();
        if nibbles.len() == 32 && nibbles.iter().all(Option::is_some) {
            let n: Vec<u8> = nibbles
                .into_iter()
                .flatten()
                .map(|x| x as u8)
                .rev()
                .collect();
            let mut o = [0u8; 16];
            for i in 0..16 {
                o[i] = (n[2 * i] << 4) | n[2 * i + 1];
            }
            return Ok(Value::addr(IpAddr::V6(Ipv6Addr::from(o))));
        }
    }
    builtin_error(h, "bad PTR name");
    Ok(Value::addr(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
}

fn enum_to_int(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match arg(args, 0) {
        Value::Enum(e) => Ok(Value::Int(e.value)),
        _ => {
            builtin_error(h, "enum_to_int() requires enum value");
            Ok(Value::Int(-1))
        }
    }
}

fn bytestring_to_count(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    if s.len() > 8 {
        builtin_error(h, "unsupported byte length for bytestring_to_count");
        return Ok(Value::Count(0));
    }
    let le = boolean(args, 1);
    let fold = |acc: u64, b: &u8| (acc << 8) | *b as u64;
    let n = if le {
        s.iter().rev().fold(0, fold)
    } else {
        s.iter().fold(0, fold)
    };
    Ok(Value::Count(n))
}

fn bytestring_to_double(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match <[u8; 8]>::try_from(bytes(args, 0)) {
        Ok(b) => Ok(Value::Double(f64::from_be_bytes(b))),
        Err(_) => {
            builtin_error(h, "bad conversion to double");
            Ok(Value::Double(0.0))
        }
    }
}

fn bytestring_to_float(h: &mut dyn Host, args: &[Value]) -> BifResult {
    match <[u8; 4]>::try_from(bytes(args, 0)) {
        Ok(b) => Ok(Value::Double(f32::from_be_bytes(b) as f64)),
        Err(_) => {
            builtin_error(h, "bad conversion to float");
            Ok(Value::Double(0.0))
        }
    }
}

fn bytestring_to_hexstr(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(string_value(
        bytes(args, 0)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
    ))
}

fn hexstr_to_bytestring(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    if !s.len().is_multiple_of(2) {
        let msg = format!(
            "Hex string '{}' has invalid length (not divisible by 2)",
            String::from_utf8_lossy(s)
        );
        reporter_error(h, &msg);
        return Ok(Value::str(b""));
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    for pair in s.chunks(2) {
        let txt = std::str::from_utf8(pair).ok();
        match txt.and_then(|t| u8::from_str_radix(t, 16).ok()) {
            Some(b) => out.push(b),
            None => {
                let msg = format!(
                    "Could not read hex element from input {}",
                    String::from_utf8_lossy(s)
                );
                reporter_error(h, &msg);
                return Ok(Value::str(b""));
            }
        }
    }
    Ok(Value::string(out))
}

fn type_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(string_value(type_of(arg(args, 0)).to_string()))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "to_int",
        sig: "function(str: string, base: count &default=10): int",
        func: to_int,
    },
    BifDef {
        name: "to_count",
        sig: "function(str: string, base: count &default=10): count",
        func: to_count,
    },
    BifDef {
        name: "to_double",
        sig: "function(str: string): double",
        func: to_double,
    },
    BifDef {
        name: "int_to_count",
        sig: "function(n: int): count",
        func: int_to_count,
    },
    BifDef {
        name: "double_to_count",
        sig: "function(d: double): count",
        func: double_to_count,
    },
    BifDef {
        name: "double_to_int",
        sig: "function(d: double): int",
        func: double_to_int,
    },
    BifDef {
        name: "double_to_time",
        sig: "function(d: double): time",
        func: double_to_time,
    },
    BifDef {
        name: "double_to_interval",
        sig: "function(d: double): interval",
        func: double_to_interval,
    },
    BifDef {
        name: "interval_to_double",
        sig: "function(i: interval): double",
        func: to_plain_double,
    },
    BifDef {
        name: "time_to_double",
        sig: "function(t: time): double",
        func: to_plain_double,
    },
    BifDef {
        name: "count_to_double",
        sig: "function(c: count): double",
        func: to_plain_double,
    },
    BifDef {
        name: "int_to_double",
        sig: "function(i: int): double",
        func: to_plain_double,
    },
    BifDef {
        name: "port_to_count",
        sig: "function(p: port): count",
        func: port_to_count,
    },
    BifDef {
        name: "count_to_port",
        sig: "function(num: count, proto: transport_proto): port",
        func: count_to_port,
    },
    BifDef {
        name: "to_port",
        sig: "function(s: string): port",
        func: to_port,
    },
    BifDef {
        name: "to_addr",
        sig: "function(ip: string): addr",
        func: to_addr,
    },
    BifDef {
        name: "is_valid_ip",
        sig: "function(ip: string): bool",
        func: is_valid_ip,
    },
    BifDef {
        name: "to_subnet",
        sig: "function(sn: string): subnet",
        func: to_subnet,
    },
    BifDef {
        name: "is_valid_subnet",
        sig: "function(cidr: string): bool",
        func: is_valid_subnet,
    },
    BifDef {
        name: "count_to_v4_addr",
        sig: "function(ip: count): addr",
        func: count_to_v4_addr,
    },
    BifDef {
        name: "raw_bytes_to_v4_addr",
        sig: "function(b: string): addr",
        func: raw_bytes_to_v4_addr,
    },
    BifDef {
        name: "raw_bytes_to_v6_addr",
        sig: "function(x: string): addr",
        func: raw_bytes_to_v6_addr,
    },
    BifDef {
        name: "addr_to_counts",
        sig: "function(a: addr): index_vec",
        func: addr_to_counts,
    },
    BifDef {
        name: "counts_to_addr",
        sig: "function(v: index_vec): addr",
        func: counts_to_addr,
    },
    BifDef {
        name: "addr_to_ptr_name",
        sig: "function(a: addr): string",
        func: addr_to_ptr_name,
    },
    BifDef {
        name: "ptr_name_to_addr",
        sig: "function(s: string): addr",
        func: ptr_name_to_addr,
    },
    BifDef {
        name: "enum_to_int",
        sig: "function(e: any): int",
        func: enum_to_int,
    },
    BifDef {
        name: "bytestring_to_count",
        sig: "function(s: string, is_le: bool &default=F): count",
        func: bytestring_to_count,
    },
    BifDef {
        name: "bytestring_to_double",
        sig: "function(s: string): double",
        func: bytestring_to_double,
    },
    BifDef {
        name: "bytestring_to_float",
        sig: "function(s: string): double",
        func: bytestring_to_float,
    },
    BifDef {
        name: "bytestring_to_hexstr",
        sig: "function(bytestring: string): string",
        func: bytestring_to_hexstr,
    },
    BifDef {
        name: "hexstr_to_bytestring",
        sig: "function(hexstr: string): string",
        func: hexstr_to_bytestring,
    },
    BifDef {
        name: "type_name",
        sig: "function(t: any): string",
        func: type_name,
    },
];

#[cfg(test)]
// The inputs are Zeek's own test values (3.14 and friends), not pi.
#[allow(clippy::approx_constant)]
mod tests {
    use super::super::testing::{b, s, FakeHost};
    use crate::runtime::value::Value;

    fn call(name: &str, args: &[Value]) -> String {
        FakeHost::new().show(name, args)
    }

    // bifs.to_int: bases, 0x prefix, surrounding blanks, errors.
    #[test]
    fn integers_from_strings() {
        let c = Value::Count;
        assert_eq!(call("to_int", &[s("1"), c(10)]), "1");
        assert_eq!(call("to_int", &[s("-1"), c(10)]), "-1");
        assert_eq!(call("to_int", &[s("10111100"), c(2)]), "188");
        assert_eq!(call("to_int", &[s("47"), c(8)]), "39");
        assert_eq!(call("to_int", &[s("F3"), c(16)]), "243");
        assert_eq!(call("to_int", &[s("0xF3"), c(16)]), "243");
        assert_eq!(call("to_int", &[s("4294967296"), c(10)]), "4294967296");
        assert_eq!(call("to_int", &[s(" 205"), c(10)]), "205");
        assert_eq!(call("to_int", &[s("206 "), c(10)]), "206");
        let mut h = FakeHost::new();
        assert_eq!(h.show("to_int", &[s("not an int"), c(10)]), "0");
        assert_eq!(
            h.errors(),
            vec!["bad conversion to integer (not an int)".to_string()]
        );
        assert_eq!(call("to_count", &[s("123"), c(10)]), "123");
        assert_eq!(call("to_count", &[s("-5"), c(10)]), "0");
    }

    // bifs.to_int (double_to_int rounds), bifs.to_double.
    #[test]
    fn doubles() {
        assert_eq!(call("double_to_int", &[Value::Double(3.9)]), "4");
        assert_eq!(call("double_to_int", &[Value::Double(-3.14)]), "-3");
        assert_eq!(call("double_to_count", &[Value::Double(2.5)]), "2");
        assert_eq!(call("to_double", &[s("3.14")]), "3.14");
        assert_eq!(call("to_double", &[s("0")]), "0.0");
        let mut h = FakeHost::new();
        assert_eq!(h.show("to_double", &[s("")]), "0.0");
        assert_eq!(h.errors(), vec!["bad conversion to double ()".to_string()]);
        assert_eq!(
            call("interval_to_double", &[Value::Interval(-60.0)]),
            "-60.0"
        );
        assert_eq!(
            call("double_to_time", &[Value::Double(-1234563.14)]),
            "-1234563.14"
        );
        assert_eq!(
            call("double_to_interval", &[Value::Double(90.0)]),
            "1.0 min 30.0 secs"
        );
    }

    // bifs.to_port.
    #[test]
    fn ports() {
        assert_eq!(call("to_port", &[s("123/udp")]), "123/udp");
        assert_eq!(call("to_port", &[s("0/icmp")]), "0/icmp");
        assert_eq!(call("to_port", &[s("123")]), "0/unknown");
        assert_eq!(call("to_port", &[s("123/")]), "0/unknown");
        let tcp = super::super::enum_value("transport_proto", "tcp", 1);
        assert_eq!(call("count_to_port", &[Value::Count(256), tcp]), "256/tcp");
        let p = FakeHost::new().call("to_port", &[s("22/tcp")]).unwrap();
        assert_eq!(call("port_to_count", &[p]), "22");
    }

    // bifs.to_addr, bifs.to_subnet.
    #[test]
    fn addresses_and_subnets() {
        assert_eq!(call("to_addr", &[s("001.002.003.004")]), "1.2.3.4");
        assert_eq!(call("to_addr", &[s("not an IP")]), "::");
        assert_eq!(call("to_subnet", &[s("10.0.0.0/8")]), "10.0.0.0/8");
        assert_eq!(call("to_subnet", &[s("2607:f8b0::/32")]), "2607:f8b0::/32");
        assert_eq!(call("to_subnet", &[s("::ffff:0:0/96")]), "0.0.0.0/0");
        assert_eq!(call("to_subnet", &[s("::ffff:0:0/100")]), "0.0.0.0/4");
        assert_eq!(call("to_subnet", &[s("::ffff:0:0/1")]), "::/1");
        let mut h = FakeHost::new();
        assert_eq!(h.show("to_subnet", &[s("10.0.0.0/222")]), "::/0");
        assert_eq!(h.show("to_subnet", &[s("10.0.0.0")]), "::/0");
        assert_eq!(h.errors().len(), 2);
        assert_eq!(call("is_valid_ip", &[s("::1")]), "T");
        assert_eq!(call("is_valid_subnet", &[s("1.2.3.4")]), "F");
    }

    // bifs.addr_count_conversion, bifs.addr_to_ptr_name, raw bytes.
    #[test]
    fn address_encodings() {
        let v6 = Value::addr("2001:db8:85a3::8a2e:370:7334".parse().unwrap());
        let counts = FakeHost::new().call("addr_to_counts", &[v6]).unwrap();
        assert_eq!(
            super::super::testing::show(&counts),
            "[536939960, 2242052096, 35374, 57701172]"
        );
        assert_eq!(
            call("counts_to_addr", &[counts]),
            "2001:db8:85a3::8a2e:370:7334"
        );
        let v4 = Value::addr("1.2.3.4".parse().unwrap());
        assert_eq!(call("addr_to_counts", &[v4]), "[16909060]");
        let p6 = Value::addr("2607:f8b0:4009:802::1012".parse().unwrap());
        assert_eq!(
            call("addr_to_ptr_name", &[p6]),
            "2.1.0.1.0.0.0.0.0.0.0.0.0.0.0.0.2.0.8.0.9.0.0.4.0.b.8.f.7.0.6.2.ip6.arpa"
        );
        let p4 = Value::addr("74.125.225.52".parse().unwrap());
        assert_eq!(
            call("addr_to_ptr_name", &[p4]),
            "52.225.125.74.in-addr.arpa"
        );
        assert_eq!(
            call("ptr_name_to_addr", &[s("52.225.125.74.in-addr.arpa")]),
            "74.125.225.52"
        );
        assert_eq!(
            call(
                "ptr_name_to_addr",
                &[s(
                    "2.1.0.1.0.0.0.0.0.0.0.0.0.0.0.0.2.0.8.0.9.0.0.4.0.b.8.f.7.0.6.2.ip6.arpa"
                )]
            ),
            "2607:f8b0:4009:802::1012"
        );
        assert_eq!(call("raw_bytes_to_v4_addr", &[s("ABCD")]), "65.66.67.68");
        assert_eq!(call("raw_bytes_to_v4_addr", &[s("ABC")]), "0.0.0.0");
        assert_eq!(
            call("count_to_v4_addr", &[Value::Count(16909060)]),
            "1.2.3.4"
        );
    }

    // bifs.bytestring_to_count and bifs.bytestring_to_hexstr.
    #[test]
    fn bytestrings() {
        let f = Value::Bool(false);
        let t = Value::Bool(true);
        assert_eq!(call("bytestring_to_count", &[b(b""), t.clone()]), "0");
        assert_eq!(
            call("bytestring_to_count", &[b(b"\x03\xe8"), f.clone()]),
            "1000"
        );
        assert_eq!(
            call("bytestring_to_count", &[b(b"\xe8\x03"), t.clone()]),
            "1000"
        );
        assert_eq!(
            call("bytestring_to_count", &[b(b"\x11\x22\x33\x44"), t.clone()]),
            "1144201745"
        );
        assert_eq!(
            call("bytestring_to_count", &[b(b"\x00\xff\xff"), f.clone()]),
            "65535"
        );
        assert_eq!(
            call("bytestring_to_count", &[b(b"\xff\xff\x00"), t]),
            "65535"
        );
        assert_eq!(
            call(
                "bytestring_to_count",
                &[b(b"\xff\xff\xff\x00\x00\xff\xff\xff"), f]
            ),
            "18446742974214701055"
        );
        assert_eq!(call("bytestring_to_hexstr", &[s("04")]), "3034");
        assert_eq!(call("bytestring_to_hexstr", &[b(b"\0")]), "00");
        assert_eq!(call("hexstr_to_bytestring", &[s("666f6f")]), "foo");
        let mut h = FakeHost::new();
        assert_eq!(h.show("hexstr_to_bytestring", &[s("abc")]), "");
        assert_eq!(h.errors().len(), 1);
        assert_eq!(
            call("bytestring_to_double", &[b(&1.5f64.to_be_bytes())]),
            "1.5"
        );
        assert_eq!(
            call("bytestring_to_float", &[b(&2.5f32.to_be_bytes())]),
            "2.5"
        );
    }

    #[test]
    fn enums_and_type_names() {
        let e = super::super::enum_value("color", "BLUE", 11);
        assert_eq!(call("enum_to_int", &[e]), "11");
        let mut h = FakeHost::new();
        assert_eq!(h.show("enum_to_int", &[Value::Count(1)]), "-1");
        assert_eq!(h.errors().len(), 1);
        assert_eq!(call("type_name", &[s("x")]), "string");
        assert_eq!(call("type_name", &[Value::Interval(1.0)]), "interval");
        let set = super::super::string_set(vec![]);
        assert_eq!(call("type_name", &[set]), "set[string]");
        let v = super::super::count_vec(vec![]);
        assert_eq!(call("type_name", &[v]), "vector of count");
    }
}
