//! Built-ins of Zeek's protocol analyzers that rzeek computes from their
//! arguments alone. Those that need an analyzer's state (or a certificate
//! parser) are in `unsupported.rs`, each with its answer.

use super::{bytes, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;

fn unescape_uri(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::str(&crate::packet::http::unescape_uri(bytes(
        args, 0,
    ))))
}

/// The short names RFC 2253 (and OpenSSL) give attribute types, by the
/// DER encoding of their object identifiers.
const ATTR_NAMES: &[(&[u8], &str)] = &[
    (&[0x55, 0x04, 0x03], "CN"),
    (&[0x55, 0x04, 0x04], "SN"),
    (&[0x55, 0x04, 0x05], "serialNumber"),
    (&[0x55, 0x04, 0x06], "C"),
    (&[0x55, 0x04, 0x07], "L"),
    (&[0x55, 0x04, 0x08], "ST"),
    (&[0x55, 0x04, 0x09], "street"),
    (&[0x55, 0x04, 0x0a], "O"),
    (&[0x55, 0x04, 0x0b], "OU"),
    (&[0x55, 0x04, 0x0c], "title"),
    (&[0x55, 0x04, 0x2a], "GN"),
    (
        &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01],
        "UID",
    ),
    (
        &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19],
        "DC",
    ),
    (
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01],
        "emailAddress",
    ),
];

/// One DER element at the start of `data`: its tag, contents, and what
/// follows it.
fn der_element(data: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = data.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n].iter().fold(0usize, |a, &b| (a << 8) | b as usize);
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

/// An object identifier in dotted form, for types without a short name.
fn dotted_oid(oid: &[u8]) -> String {
    let mut parts = Vec::new();
    let mut acc: u64 = 0;
    for (i, &b) in oid.iter().enumerate() {
        acc = (acc << 7) | (b & 0x7f) as u64;
        if b & 0x80 == 0 {
            if parts.is_empty() && i < oid.len() {
                let first = (acc / 40).min(2);
                parts.push(first.to_string());
                parts.push((acc - first * 40).to_string());
            } else {
                parts.push(acc.to_string());
            }
            acc = 0;
        }
    }
    parts.join(".")
}

/// An attribute value as RFC 2253 writes it: string types as text with
/// the special characters escaped, anything else as `#` and hex DER.
fn dn_value(tag: u8, whole: &[u8], content: &[u8]) -> String {
    // UTF8String, PrintableString, T61String, IA5String, BMPString,
    // UniversalString are text.
    let text = match tag {
        0x0c | 0x13 | 0x14 | 0x16 => Some(String::from_utf8_lossy(content).into_owned()),
        0x1e => Some(
            content
                .chunks(2)
                .filter_map(|c| c.get(1).map(|lo| u16::from_be_bytes([c[0], *lo])))
                .map(|u| char::from_u32(u as u32).unwrap_or('\u{fffd}'))
                .collect(),
        ),
        _ => None,
    };
    let Some(text) = text else {
        return format!("#{}", hex(whole));
    };
    let n = text.chars().count();
    let mut out = String::new();
    for (i, ch) in text.chars().enumerate() {
        let special = matches!(ch, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && (ch == '#' || ch == ' '))
            || (i + 1 == n && ch == ' ');
        if special {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

/// RFC 2253's form of a DER `Name`: its relative names last first,
/// separated by commas, the parts of one joined by `+`.
fn rfc2253(der: &[u8]) -> Option<String> {
    let (tag, mut rdns, _) = der_element(der)?;
    if tag != 0x30 {
        return None;
    }
    let mut names = Vec::new();
    while !rdns.is_empty() {
        let (tag, mut set, rest) = der_element(rdns)?;
        if tag != 0x31 {
            return None;
        }
        rdns = rest;
        let mut parts = Vec::new();
        while !set.is_empty() {
            let (tag, atv, rest) = der_element(set)?;
            if tag != 0x30 {
                return None;
            }
            set = rest;
            let (otag, oid, value) = der_element(atv)?;
            if otag != 0x06 {
                return None;
            }
            let (vtag, content, _) = der_element(value)?;
            let name = ATTR_NAMES
                .iter()
                .find(|(o, _)| *o == oid)
                .map(|(_, n)| n.to_string())
                .unwrap_or_else(|| dotted_oid(oid));
            parts.push(format!("{name}={}", dn_value(vtag, value, content)));
        }
        names.push(parts.join("+"));
    }
    names.reverse();
    Some(names.join(","))
}

fn parse_distinguished_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::str(
        rfc2253(bytes(args, 0)).unwrap_or_default().as_bytes(),
    ))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "unescape_URI",
        sig: "function(URI: string): string",
        func: unescape_uri,
    },
    BifDef {
        name: "parse_distinguished_name",
        sig: "function(dn: string): string",
        func: parse_distinguished_name,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A Name of C=US, O=Example, CN=a+b (two attributes in the last).
    #[test]
    fn names_reverse_and_escape() {
        let atv = |oid: &[u8], tag: u8, v: &[u8]| {
            let mut e = vec![0x06, oid.len() as u8];
            e.extend_from_slice(oid);
            e.extend_from_slice(&[tag, v.len() as u8]);
            e.extend_from_slice(v);
            let mut s = vec![0x30, e.len() as u8];
            s.extend(e);
            s
        };
        let set = |items: Vec<Vec<u8>>| {
            let body: Vec<u8> = items.concat();
            let mut s = vec![0x31, body.len() as u8];
            s.extend(body);
            s
        };
        let body = [
            set(vec![atv(&[0x55, 4, 6], 0x13, b"US")]),
            set(vec![atv(&[0x55, 4, 10], 0x0c, b"Ex,ample")]),
            set(vec![
                atv(&[0x55, 4, 3], 0x0c, b"a"),
                atv(&[0x55, 4, 3], 0x0c, b"b"),
            ]),
        ]
        .concat();
        let mut der = vec![0x30, body.len() as u8];
        der.extend(body);
        assert_eq!(
            rfc2253(&der).as_deref(),
            Some("CN=a+CN=b,O=Ex\\,ample,C=US")
        );
        assert_eq!(rfc2253(b"junk"), None);
    }
}
