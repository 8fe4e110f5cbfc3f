//! Protocol helper built-ins that need no analyzer: FTP's PORT/EPRT and
//! PASV/EPSV argument parsing and formatting, NetBIOS name decoding, and
//! X.509 host-name matching.

use super::addr::{parse_addr, port_value};
use super::{arg, builtin_error_arg, bytes, record, string_value, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types;
use crate::runtime::value::Value;
use crate::syntax::token::Proto;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

// ---- FTP ----

/// An `ftp_port` record.
fn ftp_port(h: IpAddr, p: u32, valid: bool) -> Value {
    record(
        "ftp_port",
        vec![
            ("h", types::addr(), Value::addr(h)),
            ("p", types::port(), port_value(p, Proto::Tcp)),
            ("valid", types::bool_(), Value::Bool(valid)),
        ],
    )
}

/// One `%d` of C's sscanf: optional white space, sign and digits. Returns
/// the number and the rest of the input.
fn scan_int(s: &[u8]) -> Option<(i64, &[u8])> {
    let s = &s[s.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
    let sign_len = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    let digits = s[sign_len..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let mut n: i64 = 0;
    for &d in &s[sign_len..sign_len + digits] {
        n = n.saturating_mul(10).saturating_add(i64::from(d - b'0'));
    }
    if s.first() == Some(&b'-') {
        n = -n;
    }
    Some((n, &s[sign_len + digits..]))
}

/// The six comma-separated numbers of a PORT argument or PASV reply
/// (`h1,h2,h3,h4,p1,p2`).
fn parse_port_line(line: &[u8]) -> Value {
    let mut nums = [0i64; 6];
    let mut rest = line;
    for (i, slot) in nums.iter_mut().enumerate() {
        if i > 0 {
            match rest.split_first() {
                Some((b',', r)) => rest = r,
                _ => return ftp_port(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0, false),
            }
        }
        match scan_int(rest) {
            Some((n, r)) => {
                *slot = n;
                rest = r;
            }
            None => return ftp_port(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0, false),
        }
    }
    let mut good = nums.iter().all(|n| (0..=255).contains(n));
    // Combined as C ints are, so out-of-range parts spill over.
    let b = nums.map(|n| n as u32);
    let addr = IpAddr::V4(Ipv4Addr::from(
        b[0].wrapping_shl(24) | b[1].wrapping_shl(16) | b[2].wrapping_shl(8) | b[3],
    ));
    let mut port = b[4].wrapping_shl(8) | b[5];
    if port > 65535 {
        port = 0;
        good = false;
    }
    ftp_port(addr, port, good)
}

/// C's strtol in base 10 over bytes: the value (0 when there are no
/// digits) and where parsing stopped.
fn strtol(s: &[u8]) -> (i64, usize) {
    match scan_int(s) {
        Some((n, rest)) => (n, s.len() - rest.len()),
        None => (0, 0),
    }
}

/// An EPRT argument or the part of an EPSV reply after `(`:
/// `<d>proto<d>addr<d>port<d>` with any delimiter character `d`.
fn parse_eftp_line(line: &[u8]) -> Value {
    let mut addr = IpAddr::V6(Ipv6Addr::UNSPECIFIED);
    let mut port: i64 = 0;
    let mut good = false;
    let start = line.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let mut s = &line[start..];
    if let Some((&delim, rest)) = s.split_first() {
        good = true;
        s = rest;
        // The network protocol number is not used.
        let (_, used) = strtol(s);
        if s.get(used) != Some(&delim) {
            good = false;
        }
        s = &s[used..];
        if !s.is_empty() {
            s = &s[1..];
        }
        if !s.is_empty() && s[0] != delim {
            let end = s.iter().position(|&c| c == delim);
            let text = &s[..end.unwrap_or(s.len())];
            match parse_addr(text) {
                Some(a) if end.is_some() => addr = a,
                _ => good = false,
            }
            s = &s[text.len()..];
            if !s.is_empty() {
                s = &s[1..];
            }
        } else if !s.is_empty() {
            s = &s[1..];
        }
        let (p, used) = strtol(s);
        port = p;
        if s.get(used) != Some(&delim) {
            good = false;
        }
        if !(0..=65535).contains(&port) {
            port = 0;
            good = false;
        }
    }
    ftp_port(addr, port as u32, good)
}

fn parse_ftp_port(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(parse_port_line(bytes(args, 0)))
}

fn parse_eftp_port(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(parse_eftp_line(bytes(args, 0)))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn parse_ftp_pasv(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let line = if let Some(i) = s.iter().position(|&c| c == b'(') {
        &s[i + 1..]
    } else if let Some(i) = find(s, b"PORT") {
        s.get(i + 5..).unwrap_or(b"")
    } else if let Some(i) = s.iter().position(|&c| c == b',') {
        // Back up over the digits before the first comma.
        let digits = s[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        &s[i - digits..]
    } else {
        s
    };
    Ok(parse_port_line(line))
}

fn parse_ftp_epsv(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    Ok(match s.iter().position(|&c| c == b'(') {
        Some(i) => parse_eftp_line(&s[i + 1..]),
        None => parse_eftp_line(b""),
    })
}

fn fmt_ftp_port(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let a = match arg(args, 0) {
        Value::Addr(a) => **a,
        _ => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    };
    let v4 = match a {
        IpAddr::V4(v4) => Some(v4),
        IpAddr::V6(v6) => v6.to_ipv4_mapped(),
    };
    let Some(v4) = v4 else {
        builtin_error_arg(
            h,
            "conversion of non-IPv4 address in fmt_ftp_port",
            arg(args, 0),
        );
        return Ok(string_value(""));
    };
    let p = match arg(args, 1) {
        Value::Port(p) => p.num,
        _ => 0,
    };
    let o = v4.octets();
    Ok(string_value(format!(
        "{},{},{},{},{},{}",
        o[0],
        o[1],
        o[2],
        o[3],
        (p >> 8) & 0xff,
        p & 0xff
    )))
}

// ---- NetBIOS ----

/// The 16 bytes of a first-level encoded NetBIOS name (two letters `A`-`P`
/// per byte, either case), or None when it is not one.
fn netbios_bytes(name: &[u8]) -> Option<[u8; 16]> {
    if name.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, pair) in name.chunks(2).enumerate() {
        let hi = pair[0].to_ascii_uppercase();
        let lo = pair[1].to_ascii_uppercase();
        if !(b'A'..=b'P').contains(&hi) || !(b'A'..=b'P').contains(&lo) {
            return None;
        }
        out[i] = ((hi - b'A') << 4) | (lo - b'A');
    }
    Some(out)
}

fn decode_netbios_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(raw) = netbios_bytes(bytes(args, 0)) else {
        return Ok(string_value(""));
    };
    // The name is the first 15 bytes up to the first byte that is not
    // printable (0x01 and 0x02 are let through: `\x01\x02__MSBROWSE__`),
    // without the space padding.
    let mut name: Vec<u8> = raw[..15]
        .iter()
        .copied()
        .take_while(|&c| c.is_ascii_graphic() || c == b' ' || c == 1 || c == 2)
        .collect();
    while name.last() == Some(&b' ') {
        name.pop();
    }
    Ok(Value::string(name))
}

fn decode_netbios_name_type(_: &mut dyn Host, args: &[Value]) -> BifResult {
    // 256 (not a valid suffix byte) when the name is not encoded right.
    Ok(Value::Count(
        netbios_bytes(bytes(args, 0)).map_or(256, |b| u64::from(b[15])),
    ))
}

// ---- X.509 ----

/// Whether a certificate name (possibly with a `*` in its left-most
/// label) covers the host name, by the rules of RFC 6125: the wildcard
/// matches within one label only, never the whole name, and a name
/// with a NUL byte matches nothing.
pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "parse_ftp_port",
        sig: "function(s: string): ftp_port",
        func: parse_ftp_port,
    },
    BifDef {
        name: "parse_eftp_port",
        sig: "function(s: string): ftp_port",
        func: parse_eftp_port,
    },
    BifDef {
        name: "parse_ftp_pasv",
        sig: "function(str: string): ftp_port",
        func: parse_ftp_pasv,
    },
    BifDef {
        name: "parse_ftp_epsv",
        sig: "function(str: string): ftp_port",
        func: parse_ftp_epsv,
    },
    BifDef {
        name: "fmt_ftp_port",
        sig: "function(a: addr, p: port): string",
        func: fmt_ftp_port,
    },
    BifDef {
        name: "decode_netbios_name",
        sig: "function(name: string): string",
        func: decode_netbios_name,
    },
    BifDef {
        name: "decode_netbios_name_type",
        sig: "function(name: string): count",
        func: decode_netbios_name_type,
    },
];
