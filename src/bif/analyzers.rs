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

fn parse_distinguished_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    // Zeek reads the name through OpenSSL and returns what fits its
    // 256-byte line buffer; a name that does not parse gives "".
    let mut text = super::x509::dn_rfc2253(bytes(args, 0)).unwrap_or_default();
    if text.len() > 255 {
        let mut end = 255;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    Ok(Value::str(text.as_bytes()))
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
