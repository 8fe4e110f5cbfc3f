//! X.509 certificates (`opaque of x509`): reading DER with the
//! `x509-parser` crate and describing certificates as Zeek does through
//! OpenSSL — names in OpenSSL's RFC 2253 form, algorithms by OpenSSL's
//! long names, serial numbers in its hex — plus the name and key hashes
//! and Zeek's host-name matching. Verifying chains and signed certificate
//! timestamps needs a trust store and signature checks rzeek does not
//! have; those built-ins are in `unsupported.rs`.

use super::{arg, builtin_error, bytes, count, record_of, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::{x509::Certificate, Opaque};
use crate::runtime::value::Value;
use x509_parser::prelude::{FromDer, X509Certificate, X509Name};

/// The certificate in argument `i`, or the complaint Zeek gives for an
/// opaque without one.
fn certificate(args: &[Value], i: usize) -> Result<Certificate, String> {
    if let Value::Opaque(o) = arg(args, i) {
        if let Opaque::X509(c) = &*o.borrow() {
            return Ok(c.clone());
        }
    }
    Err("No certificate in opaque".to_string())
}

fn with_parsed<T>(c: &Certificate, f: impl FnOnce(&X509Certificate<'_>) -> T) -> Result<T, String> {
    c.parsed()
        .map(|p| f(&p))
        .ok_or_else(|| "No certificate in opaque".to_string())
}

fn x509_from_der(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(super::opaque(Opaque::X509(Certificate::from_der(bytes(
        args, 0,
    )))))
}

fn x509_parse(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let c = certificate(args, 0)?;
    let fields = with_parsed(&c, certificate_fields)?;
    Ok(record_of(h, "X509::Certificate", fields))
}

/// The fields of `X509::Certificate`, filled as Zeek's X509 analyzer
/// fills them.
fn certificate_fields(c: &X509Certificate<'_>) -> Vec<(&'static str, Value)> {
    let tbs = &c.tbs_certificate;
    let mut fields = vec![
        ("version", Value::Count(tbs.version.0 as u64 + 1)),
        (
            "serial",
            Value::str(serial_hex(tbs.raw_serial()).as_bytes()),
        ),
        ("subject", Value::str(name_rfc2253(&tbs.subject).as_bytes())),
        ("issuer", Value::str(name_rfc2253(&tbs.issuer).as_bytes())),
    ];
    if let Some(cn) = last_common_name(&tbs.subject) {
        fields.push(("cn", Value::str(&cn)));
    }
    let when = |t: &x509_parser::time::ASN1Time| Value::Time(t.timestamp() as f64);
    fields.push(("not_valid_before", when(&tbs.validity.not_before)));
    fields.push(("not_valid_after", when(&tbs.validity.not_after)));
    let spki = &tbs.subject_pki;
    let key_oid = spki.algorithm.algorithm.to_id_string();
    fields.push(("key_alg", Value::str(long_name(&key_oid).as_bytes())));
    let sig_oid = c.signature_algorithm.algorithm.to_id_string();
    // Zeek names the signature by OpenSSL's number for it, which is
    // "undefined" for an algorithm OpenSSL does not know.
    let sig = algorithm_name(&sig_oid).unwrap_or("undefined");
    fields.push(("sig_alg", Value::str(sig.as_bytes())));
    if let Some(key) = public_key(spki) {
        fields.push(("key_type", Value::str(key.kind.as_bytes())));
        if key.bits > 0 {
            fields.push(("key_length", Value::Count(key.bits)));
        }
        if let Some(e) = key.exponent {
            fields.push(("exponent", Value::str(e.as_bytes())));
        }
        if let Some(curve) = key.curve {
            fields.push(("curve", Value::str(curve.as_bytes())));
        }
    }
    let tbs_oid = tbs.signature.algorithm.to_id_string();
    fields.push(("tbs_sig_alg", Value::str(long_name(&tbs_oid).as_bytes())));
    fields
}

/// What Zeek reports of a public key.
struct KeyFacts {
    kind: &'static str,
    bits: u64,
    exponent: Option<String>,
    curve: Option<&'static str>,
}

fn public_key(spki: &x509_parser::x509::SubjectPublicKeyInfo<'_>) -> Option<KeyFacts> {
    use x509_parser::public_key::PublicKey;
    let oid = spki.algorithm.algorithm.to_id_string();
    match spki.parsed().ok()? {
        PublicKey::RSA(k) => Some(KeyFacts {
            kind: "rsa",
            bits: significant_bits(k.modulus),
            exponent: Some(decimal(k.exponent)),
            curve: None,
        }),
        PublicKey::EC(_) => {
            let params = spki.algorithm.parameters.as_ref();
            let curve_oid = params
                .and_then(|p| p.clone().oid().ok())
                .map(|o| o.to_id_string());
            let curve = curve_oid.as_deref().and_then(curve_by_oid);
            Some(KeyFacts {
                kind: "ecdsa",
                bits: curve.map_or(0, |(_, bits)| bits),
                exponent: None,
                curve: curve.map(|(name, _)| name),
            })
        }
        PublicKey::DSA(_) => {
            // The size of a DSA key is that of its prime p, the first of
            // the parameters (p, q, g).
            // The parameters' content is the sequence's inside, so p is
            // its first element.
            let p = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|a| first_integer(a.data));
            Some(KeyFacts {
                kind: "dsa",
                bits: p.map_or(0, significant_bits),
                exponent: None,
                curve: None,
            })
        }
        _ => {
            let (kind, bits) = match oid.as_str() {
                "1.3.101.112" => ("ED25519", 253),
                "1.3.101.113" => ("ED448", 456),
                "1.3.101.110" => ("X25519", 253),
                "1.3.101.111" => ("X448", 448),
                _ => return None,
            };
            Some(KeyFacts {
                kind,
                bits,
                exponent: None,
                curve: None,
            })
        }
    }
}

/// The contents of the DER INTEGER at the start of `der`, if it is one.
fn first_integer(der: &[u8]) -> Option<&[u8]> {
    let (&tag, rest) = der.split_first()?;
    if tag != 0x02 {
        return None;
    }
    let (&len, rest) = rest.split_first()?;
    let (len, rest) = if len < 0x80 {
        (len as usize, rest)
    } else {
        // Long form: the low bits give how many length bytes follow.
        let count = (len & 0x7f) as usize;
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let len = rest[..count]
            .iter()
            .fold(0usize, |n, &b| n << 8 | b as usize);
        (len, &rest[count..])
    };
    rest.get(..len)
}

/// The number of bits of a big-endian unsigned integer, leading zero
/// bytes (DER's sign padding) not counted.
fn significant_bits(n: &[u8]) -> u64 {
    let n = strip_zeros(n);
    match n.first() {
        Some(&b) => (n.len() as u64 - 1) * 8 + (8 - b.leading_zeros() as u64),
        None => 0,
    }
}

fn strip_zeros(n: &[u8]) -> &[u8] {
    let start = n.iter().position(|&b| b != 0).unwrap_or(n.len());
    &n[start..]
}

/// A big-endian unsigned integer in decimal, as OpenSSL's `BN_bn2dec`.
fn decimal(n: &[u8]) -> String {
    let mut digits: Vec<u8> = Vec::new(); // least significant first
    for &byte in strip_zeros(n) {
        let mut carry = byte as u32;
        for d in digits.iter_mut() {
            let v = *d as u32 * 256 + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }
    if digits.is_empty() {
        return "0".to_string();
    }
    digits.iter().rev().map(|d| (b'0' + d) as char).collect()
}

/// A serial number as OpenSSL's `i2a_ASN1_INTEGER` writes it: the
/// magnitude in upper-case hex, two digits a byte, `-` before a negative
/// one, `00` for zero.
fn serial_hex(raw: &[u8]) -> String {
    let negative = raw.first().is_some_and(|&b| b & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // Two's complement: invert and add one.
        let mut m: Vec<u8> = raw.iter().map(|b| !b).collect();
        for b in m.iter_mut().rev() {
            let (v, overflow) = b.overflowing_add(1);
            *b = v;
            if !overflow {
                break;
            }
        }
        m
    } else {
        raw.to_vec()
    };
    let m = strip_zeros(&magnitude);
    if m.is_empty() {
        return "00".to_string();
    }
    let hex: String = m.iter().map(|b| format!("{b:02X}")).collect();
    if negative {
        format!("-{hex}")
    } else {
        hex
    }
}

/// The common name Zeek reports: the last CN of the subject, with bytes
/// outside printable ASCII shown as `.` (OpenSSL's `ASN1_STRING_print`).
fn last_common_name(name: &X509Name<'_>) -> Option<Vec<u8>> {
    let cn = name
        .iter_rdn()
        .flat_map(|r| r.iter())
        .filter(|a| a.attr_type().to_id_string() == "2.5.4.3")
        .last()?;
    Some(
        cn.attr_value()
            .data
            .iter()
            .map(|&b| {
                if (b' '..=b'~').contains(&b) || b == b'\n' || b == b'\r' {
                    b
                } else {
                    b'.'
                }
            })
            .collect(),
    )
}

/// A DER-encoded Name in OpenSSL's RFC 2253 form (`X509_NAME_print_ex`
/// with `XN_FLAG_RFC2253`), or `None` if it does not parse.
pub fn dn_rfc2253(der: &[u8]) -> Option<String> {
    let (_, name) = X509Name::from_der(der).ok()?;
    Some(name_rfc2253(&name))
}

/// OpenSSL's RFC 2253 form: every attribute of the name from the last to
/// the first, those of one relative name joined by `+`, relative names by
/// `,`; short attribute names, or the dotted number and the value's DER
/// in hex for a type OpenSSL does not know.
fn name_rfc2253(name: &X509Name<'_>) -> String {
    let mut entries: Vec<(usize, &x509_parser::x509::AttributeTypeAndValue<'_>)> = Vec::new();
    for (set, rdn) in name.iter_rdn().enumerate() {
        for atv in rdn.iter() {
            entries.push((set, atv));
        }
    }
    let mut out = String::new();
    let mut prev = None;
    for (set, atv) in entries.into_iter().rev() {
        if let Some(p) = prev {
            out.push(if p == set { '+' } else { ',' });
        }
        prev = Some(set);
        let oid = atv.attr_type().to_id_string();
        let value = atv.attr_value();
        match attribute_short_name(&oid) {
            Some(short) => {
                out.push_str(short);
                out.push('=');
                out.push_str(&escaped_value(value));
            }
            None => {
                out.push_str(&oid);
                out.push('=');
                out.push_str(&dumped(value));
            }
        }
    }
    out
}

/// `#` and the value's whole DER encoding in hex.
fn dumped(v: &x509_parser::der_parser::asn1_rs::Any<'_>) -> String {
    use x509_parser::der_parser::asn1_rs::ToDer;
    let der = v.to_der_vec().unwrap_or_default();
    let hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
    format!("#{hex}")
}

/// A string value as OpenSSL prints it under RFC 2253's flags: decoded
/// by its string type, converted to UTF-8, then each byte escaped where
/// RFC 2253 asks (`,+"\<>;`, a leading `#` or space, a trailing space)
/// and control or non-ASCII bytes written `\XX`. Types that are not
/// strings are dumped in hex.
fn escaped_value(v: &x509_parser::der_parser::asn1_rs::Any<'_>) -> String {
    let data = v.data;
    let text: Option<String> = match v.header.tag().0 {
        // UTF8String
        12 => std::str::from_utf8(data).ok().map(str::to_string),
        // NumericString, PrintableString, T61String (read as Latin-1),
        // IA5String, VisibleString: a byte a character.
        18 | 19 | 20 | 22 | 26 => Some(data.iter().map(|&b| b as char).collect()),
        // UniversalString: four bytes a character.
        28 => data
            .chunks(4)
            .map(|c| {
                let c: [u8; 4] = c.try_into().ok()?;
                char::from_u32(u32::from_be_bytes(c))
            })
            .collect(),
        // BMPString: two bytes a character.
        30 => data
            .chunks(2)
            .map(|c| {
                let c: [u8; 2] = c.try_into().ok()?;
                char::from_u32(u16::from_be_bytes(c) as u32)
            })
            .collect(),
        _ => None,
    };
    let Some(text) = text else {
        return dumped(v);
    };
    let utf8 = text.as_bytes();
    let mut out = String::with_capacity(utf8.len());
    for (i, &b) in utf8.iter().enumerate() {
        let first = i == 0;
        let last = i + 1 == utf8.len();
        if !(0x20..=0x7e).contains(&b) {
            out.push_str(&format!("\\{b:02X}"));
        } else if matches!(b, b',' | b'+' | b'"' | b'\\' | b'<' | b'>' | b';')
            || (first && (b == b'#' || b == b' '))
            || (last && b == b' ')
        {
            out.push('\\');
            out.push(b as char);
        } else {
            out.push(b as char);
        }
    }
    out
}

/// OpenSSL's short names of the attribute types names are made of.
fn attribute_short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.13" => "description",
        "2.5.4.15" => "businessCategory",
        "2.5.4.17" => "postalCode",
        "2.5.4.41" => "name",
        "2.5.4.42" => "GN",
        "2.5.4.43" => "initials",
        "2.5.4.44" => "generationQualifier",
        "2.5.4.46" => "dnQualifier",
        "2.5.4.65" => "pseudonym",
        "2.5.4.97" => "organizationIdentifier",
        "1.2.840.113549.1.9.1" => "emailAddress",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.3.6.1.4.1.311.60.2.1.1" => "jurisdictionL",
        "1.3.6.1.4.1.311.60.2.1.2" => "jurisdictionST",
        "1.3.6.1.4.1.311.60.2.1.3" => "jurisdictionC",
        _ => return None,
    })
}

/// OpenSSL's long names of signature and key algorithms.
fn algorithm_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.1" => "rsaEncryption",
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.3" => "md4WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.3.14.3.2.29" => "sha1WithRSA",
        "1.2.840.10045.2.1" => "id-ecPublicKey",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.10040.4.1" => "dsaEncryption",
        "1.2.840.10040.4.3" => "dsaWithSHA1",
        "2.16.840.1.101.3.4.3.1" => "dsa_with_SHA224",
        "2.16.840.1.101.3.4.3.2" => "dsa_with_SHA256",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        _ => return None,
    })
}

/// An algorithm's long name, or its dotted number (OpenSSL's
/// `i2t_ASN1_OBJECT`).
fn long_name(oid: &str) -> String {
    algorithm_name(oid).map_or_else(|| oid.to_string(), str::to_string)
}

/// Named elliptic curves: OpenSSL's name and the curve's size in bits.
fn curve_by_oid(oid: &str) -> Option<(&'static str, u64)> {
    Some(match oid {
        "1.2.840.10045.3.1.1" => ("prime192v1", 192),
        "1.2.840.10045.3.1.7" => ("prime256v1", 256),
        "1.3.132.0.10" => ("secp256k1", 256),
        "1.3.132.0.33" => ("secp224r1", 224),
        "1.3.132.0.34" => ("secp384r1", 384),
        "1.3.132.0.35" => ("secp521r1", 521),
        "1.3.36.3.3.2.8.1.1.7" => ("brainpoolP256r1", 256),
        "1.3.36.3.3.2.8.1.1.11" => ("brainpoolP384r1", 384),
        "1.3.36.3.3.2.8.1.1.13" => ("brainpoolP512r1", 512),
        _ => return None,
    })
}

fn x509_get_certificate_string(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let c = certificate(args, 0)?;
    let Some(der) = c.der() else {
        return Ok(Value::str(b""));
    };
    if !matches!(arg(args, 1), Value::Bool(true)) {
        return Ok(Value::str(der));
    }
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).unwrap_or_default());
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    Ok(Value::str(pem.as_bytes()))
}

/// What `x509_*_hash` digests.
#[derive(Clone, Copy)]
enum Part {
    Subject,
    Issuer,
    PublicKeyInfo,
}

/// The digest of a part of the certificate by TLS's numbers for hash
/// algorithms (1 MD5, 2 SHA-1, 3 SHA-224, 4 SHA-256, 5 SHA-384,
/// 6 SHA-512), as raw bytes.
fn entity_hash(h: &mut dyn Host, args: &[Value], part: Part) -> BifResult {
    use sha2::Digest;
    let c = certificate(args, 0)?;
    let data = with_parsed(&c, |p| {
        let tbs = &p.tbs_certificate;
        match part {
            Part::Subject => tbs.subject.as_raw().to_vec(),
            Part::Issuer => tbs.issuer.as_raw().to_vec(),
            Part::PublicKeyInfo => tbs.subject_pki.raw.to_vec(),
        }
    })?;
    let digest: Vec<u8> = match count(args, 1) {
        1 => md5::Md5::digest(&data).to_vec(),
        2 => sha1::Sha1::digest(&data).to_vec(),
        3 => sha2::Sha224::digest(&data).to_vec(),
        4 => sha2::Sha256::digest(&data).to_vec(),
        5 => sha2::Sha384::digest(&data).to_vec(),
        6 => sha2::Sha512::digest(&data).to_vec(),
        _ => {
            builtin_error(h, "Unknown hash algorithm.");
            return Ok(Value::str(b""));
        }
    };
    Ok(Value::str(&digest))
}

fn x509_subject_name_hash(h: &mut dyn Host, args: &[Value]) -> BifResult {
    entity_hash(h, args, Part::Subject)
}

fn x509_issuer_name_hash(h: &mut dyn Host, args: &[Value]) -> BifResult {
    entity_hash(h, args, Part::Issuer)
}

fn x509_spki_hash(h: &mut dyn Host, args: &[Value]) -> BifResult {
    entity_hash(h, args, Part::PublicKeyInfo)
}

/// Zeek's host-name match (after RFC 6125): equal names match; otherwise
/// the certificate's name must be a wildcard in its left-most label, the
/// `*` right before the first dot, with at least two dots in all; the
/// host's name from its first dot on must equal the certificate's, and
/// what comes before the `*` must start the host's name. Case counts.
fn hostname_matches(host: &[u8], cert: &[u8]) -> bool {
    if host == cert {
        return true;
    }
    let Some(star) = cert.iter().position(|&c| c == b'*') else {
        return false;
    };
    let Some(first_dot) = cert.iter().position(|&c| c == b'.') else {
        return false;
    };
    if !cert[first_dot + 1..].contains(&b'.') || star + 1 != first_dot {
        return false;
    }
    let Some(host_dot) = host.iter().position(|&c| c == b'.') else {
        return false;
    };
    host[host_dot..] == cert[first_dot..] && host.get(..star) == Some(&cert[..star])
}

fn x509_check_hostname(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(hostname_matches(
        bytes(args, 0),
        bytes(args, 1),
    )))
}

/// The first DNS name of the certificate's subject alternative names
/// that matches the host; without that extension, the subject's last
/// common name if it matches; else the empty string.
fn x509_check_cert_hostname(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let c = certificate(args, 0)?;
    let host = bytes(args, 1).to_vec();
    let found = with_parsed(&c, |p| {
        use x509_parser::extensions::{GeneralName, ParsedExtension};
        let san = p
            .extensions()
            .iter()
            .find_map(|e| match e.parsed_extension() {
                ParsedExtension::SubjectAlternativeName(san) => Some(san),
                _ => None,
            });
        match san {
            Some(san) => san.general_names.iter().find_map(|g| match g {
                GeneralName::DNSName(n) if hostname_matches(&host, n.as_bytes()) => {
                    Some(n.as_bytes().to_vec())
                }
                _ => None,
            }),
            None => last_common_name(&p.tbs_certificate.subject)
                .filter(|cn| hostname_matches(&host, cn)),
        }
    })?;
    Ok(Value::str(&found.unwrap_or_default()))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "x509_from_der",
        sig: "function(der: string): opaque of x509",
        func: x509_from_der,
    },
    BifDef {
        name: "x509_parse",
        sig: "function(cert: opaque of x509): X509::Certificate",
        func: x509_parse,
    },
    BifDef {
        name: "x509_get_certificate_string",
        sig: "function(cert: opaque of x509, pem: bool &default=F): string",
        func: x509_get_certificate_string,
    },
    BifDef {
        name: "x509_subject_name_hash",
        sig: "function(cert: opaque of x509, hash_alg: count): string",
        func: x509_subject_name_hash,
    },
    BifDef {
        name: "x509_issuer_name_hash",
        sig: "function(cert: opaque of x509, hash_alg: count): string",
        func: x509_issuer_name_hash,
    },
    BifDef {
        name: "x509_spki_hash",
        sig: "function(cert: opaque of x509, hash_alg: count): string",
        func: x509_spki_hash,
    },
    BifDef {
        name: "x509_check_hostname",
        sig: "function(hostname: string, certname: string): bool",
        func: x509_check_hostname,
    },
    BifDef {
        name: "x509_check_cert_hostname",
        sig: "function(cert_opaque: opaque of x509, hostname: string): string",
        func: x509_check_cert_hostname,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_match_as_zeek_matches_them() {
        let m = |h: &str, c: &str| hostname_matches(h.as_bytes(), c.as_bytes());
        assert!(m("www.example.com", "www.example.com"));
        assert!(m("www.example.com", "*.example.com"));
        assert!(m("www.example.com", "w*.example.com"));
        assert!(!m("www.example.com", "x*.example.com"));
        assert!(!m("a.b.example.com", "*.example.com"));
        assert!(!m("example.com", "*.com"));
        assert!(!m("www.example.com", "*w.example.com"));
        assert!(!m("WWW.example.com", "www.example.com"));
    }

    #[test]
    fn serials_decimals_and_bit_counts() {
        assert_eq!(serial_hex(&[0x00, 0x9a, 0x01]), "9A01");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[0xff]), "-01");
        assert_eq!(decimal(&[0x01, 0x00, 0x01]), "65537");
        assert_eq!(decimal(&[]), "0");
        assert_eq!(significant_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(significant_bits(&[0x01, 0x00]), 9);
    }

    /// A Name of C=US, O=Ex,ample, CN=a+CN=b: OpenSSL prints every
    /// attribute last first, so the two of the last relative name swap.
    #[test]
    fn names_in_openssl_rfc2253_form() {
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
                atv(&[0x55, 4, 3], 0x0c, "é ".as_bytes()),
            ]),
            set(vec![atv(&[0x2a, 3, 4], 0x13, b"x")]),
        ]
        .concat();
        let mut der = vec![0x30, body.len() as u8];
        der.extend(body);
        assert_eq!(
            dn_rfc2253(&der).as_deref(),
            Some("1.2.3.4=#130178,CN=\\C3\\A9\\ +CN=a,O=Ex\\,ample,C=US")
        );
        assert_eq!(dn_rfc2253(b"junk"), None);
    }
}
