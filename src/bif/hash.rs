//! Hashing: one-shot and incremental MD5/SHA digests on RustCrypto, and
//! FNV-1a. Non-string values are hashed in Zeek's binary value encoding.

use super::{arg, bytes, opaque, string_value, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::hashing::hash_bytes;
use crate::runtime::opaque::{HashAlgo, HashState, Hasher, Opaque};
use crate::runtime::value::Value;
use sha2::Digest;

fn digest(algo: HashAlgo, args: &[Value]) -> BifResult {
    let mut h = Hasher::new(algo);
    for a in args {
        h.update(&hash_bytes(a));
    }
    Ok(string_value(h.finish_hex()))
}

fn md5_hash(_: &mut dyn Host, args: &[Value]) -> BifResult {
    digest(HashAlgo::Md5, args)
}
fn sha1_hash(_: &mut dyn Host, args: &[Value]) -> BifResult {
    digest(HashAlgo::Sha1, args)
}
fn sha224_hash(_: &mut dyn Host, args: &[Value]) -> BifResult {
    digest(HashAlgo::Sha224, args)
}
fn sha256_hash(_: &mut dyn Host, args: &[Value]) -> BifResult {
    digest(HashAlgo::Sha256, args)
}
fn sha384_hash(_: &mut dyn Host, args: &[Value]) -> BifResult {
    digest(HashAlgo::Sha384, args)
}
fn sha512_hash(_: &mut dyn Host, args: &[Value]) -> BifResult {
    digest(HashAlgo::Sha512, args)
}

fn init(algo: HashAlgo) -> BifResult {
    Ok(opaque(Opaque::Hash(HashState::new(algo))))
}

fn md5_hash_init(_: &mut dyn Host, _: &[Value]) -> BifResult {
    init(HashAlgo::Md5)
}
fn sha1_hash_init(_: &mut dyn Host, _: &[Value]) -> BifResult {
    init(HashAlgo::Sha1)
}
fn sha224_hash_init(_: &mut dyn Host, _: &[Value]) -> BifResult {
    init(HashAlgo::Sha224)
}
fn sha256_hash_init(_: &mut dyn Host, _: &[Value]) -> BifResult {
    init(HashAlgo::Sha256)
}
fn sha384_hash_init(_: &mut dyn Host, _: &[Value]) -> BifResult {
    init(HashAlgo::Sha384)
}
fn sha512_hash_init(_: &mut dyn Host, _: &[Value]) -> BifResult {
    init(HashAlgo::Sha512)
}

/// Feeds data to a running hash; false once it has been finished.
fn hash_update(_: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Value::Opaque(o) = arg(args, 0) {
        if let Opaque::Hash(HashState { state: Some(h), .. }) = &mut *o.borrow_mut() {
            h.update(bytes(args, 1));
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// The digest of a running hash, which ends it; "" if already ended.
fn hash_finish(_: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Value::Opaque(o) = arg(args, 0) {
        if let Opaque::Hash(hs) = &mut *o.borrow_mut() {
            if let Some(h) = hs.state.take() {
                return Ok(string_value(h.finish_hex()));
            }
        }
    }
    Ok(Value::str(b""))
}

fn fnv<T: Copy>(v: &Value, offset: T, prime: T, step: fn(T, u8, T) -> T) -> T {
    hash_bytes(v).iter().fold(offset, |h, &b| step(h, b, prime))
}

fn fnv1a32(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let h = fnv(arg(args, 0), 2166136261u32, 16777619, |h, b, p| {
        (h ^ b as u32).wrapping_mul(p)
    });
    Ok(Value::Count(h as u64))
}

fn fnv1a64(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let h = fnv(
        arg(args, 0),
        0xCBF29CE484222325u64,
        0x100000001B3,
        |h, b, p| (h ^ b as u64).wrapping_mul(p),
    );
    Ok(Value::Count(h))
}

// ---------- keyed digests ----------

/// The keys of Zeek's keyed digests (`md5_hmac`, `sha256_hmac`, the
/// anonymizers): derived from the seed file's hash seed as Zeek derives
/// them, or from this run's random numbers without one.
pub(crate) struct HmacKeys {
    md5: [u8; 16],
    sha256: [u8; 32],
}

fn hmac_keys(h: &mut dyn Host) -> &HmacKeys {
    if h.extensions().get::<HmacKeys>().is_none() {
        // The 80 bytes of hash seed, as Zeek keeps them (native order).
        let seed: Vec<u8> = match crate::runtime::seed::seed_words() {
            Some(w) => w[1..21].iter().flat_map(|x| x.to_le_bytes()).collect(),
            None => (0..10).flat_map(|_| h.random().to_le_bytes()).collect(),
        };
        let md5: [u8; 16] = md5::Md5::digest(&seed[..64]).into();
        let sha256: [u8; 32] = sha2::Sha256::digest(&seed[8..80]).into();
        h.extensions().insert(HmacKeys { md5, sha256 });
    }
    h.extensions().get::<HmacKeys>().expect("just inserted")
}

/// Zeek's keyed MD5: the digest of `data`, XORed with the key, digested
/// again.
pub(crate) fn keyed_md5(h: &mut dyn Host, data: &[u8]) -> [u8; 16] {
    let key = hmac_keys(h).md5;
    let mut d: [u8; 16] = md5::Md5::digest(data).into();
    d.iter_mut().zip(key).for_each(|(x, k)| *x ^= k);
    md5::Md5::digest(d).into()
}

/// Zeek's keyed SHA-256, made as [`keyed_md5`] is.
pub(crate) fn keyed_sha256(h: &mut dyn Host, data: &[u8]) -> [u8; 32] {
    let key = hmac_keys(h).sha256;
    let mut d: [u8; 32] = sha2::Sha256::digest(data).into();
    d.iter_mut().zip(key).for_each(|(x, k)| *x ^= k);
    sha2::Sha256::digest(d).into()
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The arguments' bytes, as the `*_hash(...)` built-ins digest them.
fn joined(args: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for a in args {
        out.extend_from_slice(&hash_bytes(a));
    }
    out
}

fn md5_hmac(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let d = keyed_md5(h, &joined(args));
    Ok(string_value(hex(&d)))
}

fn sha256_hmac(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let d = keyed_sha256(h, &joined(args));
    Ok(string_value(hex(&d)))
}

// ---------- Community ID ----------

fn community_id_v1(h: &mut dyn Host, args: &[Value]) -> BifResult {
    use crate::syntax::token::Proto;
    let Value::Record(r) = arg(args, 0) else {
        return Ok(Value::str(b""));
    };
    let field = |n: &str| {
        let r = r.borrow();
        r.ty.field_index(n)
            .and_then(|i| r.fields.get(i).cloned())
            .unwrap_or(Value::Unset)
    };
    let (Value::Addr(oa), Value::Port(op), Value::Addr(ra), Value::Port(rp)) = (
        field("orig_h"),
        field("orig_p"),
        field("resp_h"),
        field("resp_p"),
    ) else {
        super::builtin_error_arg(h, "CommunityID: unknown transport layer", arg(args, 0));
        return Ok(Value::str(b""));
    };
    let v4 = oa.is_ipv4();
    let mut has_ports = true;
    let ip_proto: u8 = match op.proto {
        Proto::Tcp => 6,
        Proto::Udp => 17,
        Proto::Icmp if v4 => 1,
        Proto::Icmp => 58,
        _ => {
            let p = field("proto").as_count();
            if p == 65535 || matches!(field("proto"), Value::Unset) {
                super::builtin_error_arg(h, "CommunityID: unknown transport layer", arg(args, 0));
                return Ok(Value::str(b""));
            }
            // SCTP keeps its ports.
            has_ports = p == 132;
            p as u8
        }
    };
    let bytes_of = |a: &std::net::IpAddr| -> Vec<u8> {
        match a {
            std::net::IpAddr::V4(x) => x.octets().to_vec(),
            std::net::IpAddr::V6(x) => x.octets().to_vec(),
        }
    };
    // Zeek compares addresses as 16 bytes (IPv4 mapped into IPv6).
    let canon = |a: &std::net::IpAddr| -> [u8; 16] {
        match a {
            std::net::IpAddr::V4(x) => x.to_ipv6_mapped().octets(),
            std::net::IpAddr::V6(x) => x.octets(),
        }
    };
    let (mut sa, mut da) = (*oa, *ra);
    let (mut sp, mut dp) = (op.num as u16, rp.num as u16);
    let one_way =
        op.proto == Proto::Icmp && crate::packet::icmp_counterpart(!v4, sp as u8, dp as u8).1;
    // Zeek orders the endpoints comparing the ports as they are stored,
    // in network byte order.
    let lt = canon(&sa) < canon(&da) || (canon(&sa) == canon(&da) && sp.to_be() < dp.to_be());
    if !(one_way || lt) {
        std::mem::swap(&mut sa, &mut da);
        std::mem::swap(&mut sp, &mut dp);
    }
    let seed = (super::count(args, 1) as u16).to_be_bytes();
    let mut input = Vec::with_capacity(40);
    input.extend_from_slice(&seed);
    input.extend_from_slice(&bytes_of(&sa));
    input.extend_from_slice(&bytes_of(&da));
    input.push(ip_proto);
    input.push(0);
    if has_ports {
        input.extend_from_slice(&sp.to_be_bytes());
        input.extend_from_slice(&dp.to_be_bytes());
    }
    let digest: [u8; 20] = sha1::Sha1::digest(&input).into();
    let body = if super::boolean(args, 2) {
        String::from_utf8_lossy(&super::encode::base64_encode(
            &digest,
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        ))
        .into_owned()
    } else {
        hex(&digest)
    };
    Ok(string_value(format!("1:{body}")))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "md5_hmac",
        sig: "function(...): string",
        func: md5_hmac,
    },
    BifDef {
        name: "sha256_hmac",
        sig: "function(...): string",
        func: sha256_hmac,
    },
    BifDef {
        name: "community_id_v1",
        sig: "function(cid: conn_id, seed: count &default=0, do_base64: bool &default=T): string",
        func: community_id_v1,
    },
    BifDef {
        name: "md5_hash",
        sig: "function(...): string",
        func: md5_hash,
    },
    BifDef {
        name: "sha1_hash",
        sig: "function(...): string",
        func: sha1_hash,
    },
    BifDef {
        name: "sha224_hash",
        sig: "function(...): string",
        func: sha224_hash,
    },
    BifDef {
        name: "sha256_hash",
        sig: "function(...): string",
        func: sha256_hash,
    },
    BifDef {
        name: "sha384_hash",
        sig: "function(...): string",
        func: sha384_hash,
    },
    BifDef {
        name: "sha512_hash",
        sig: "function(...): string",
        func: sha512_hash,
    },
    BifDef {
        name: "md5_hash_init",
        sig: "function(): opaque of md5",
        func: md5_hash_init,
    },
    BifDef {
        name: "sha1_hash_init",
        sig: "function(): opaque of sha1",
        func: sha1_hash_init,
    },
    BifDef {
        name: "sha224_hash_init",
        sig: "function(): opaque of sha224",
        func: sha224_hash_init,
    },
    BifDef {
        name: "sha256_hash_init",
        sig: "function(): opaque of sha256",
        func: sha256_hash_init,
    },
    BifDef {
        name: "sha384_hash_init",
        sig: "function(): opaque of sha384",
        func: sha384_hash_init,
    },
    BifDef {
        name: "sha512_hash_init",
        sig: "function(): opaque of sha512",
        func: sha512_hash_init,
    },
    BifDef {
        name: "md5_hash_update",
        sig: "function(handle: opaque of md5, data: string): bool",
        func: hash_update,
    },
    BifDef {
        name: "sha1_hash_update",
        sig: "function(handle: opaque of sha1, data: string): bool",
        func: hash_update,
    },
    BifDef {
        name: "sha224_hash_update",
        sig: "function(handle: opaque of sha224, data: string): bool",
        func: hash_update,
    },
    BifDef {
        name: "sha256_hash_update",
        sig: "function(handle: opaque of sha256, data: string): bool",
        func: hash_update,
    },
    BifDef {
        name: "sha384_hash_update",
        sig: "function(handle: opaque of sha384, data: string): bool",
        func: hash_update,
    },
    BifDef {
        name: "sha512_hash_update",
        sig: "function(handle: opaque of sha512, data: string): bool",
        func: hash_update,
    },
    BifDef {
        name: "md5_hash_finish",
        sig: "function(handle: opaque of md5): string",
        func: hash_finish,
    },
    BifDef {
        name: "sha1_hash_finish",
        sig: "function(handle: opaque of sha1): string",
        func: hash_finish,
    },
    BifDef {
        name: "sha224_hash_finish",
        sig: "function(handle: opaque of sha224): string",
        func: hash_finish,
    },
    BifDef {
        name: "sha256_hash_finish",
        sig: "function(handle: opaque of sha256): string",
        func: hash_finish,
    },
    BifDef {
        name: "sha384_hash_finish",
        sig: "function(handle: opaque of sha384): string",
        func: hash_finish,
    },
    BifDef {
        name: "sha512_hash_finish",
        sig: "function(handle: opaque of sha512): string",
        func: hash_finish,
    },
    BifDef {
        name: "fnv1a32",
        sig: "function(input: any): count",
        func: fnv1a32,
    },
    BifDef {
        name: "fnv1a64",
        sig: "function(input: any): count",
        func: fnv1a64,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{b, s, FakeHost};
    use crate::runtime::value::Value;

    fn hex(name: &str, args: &[Value]) -> String {
        let v = FakeHost::new().call(name, args).unwrap();
        crate::runtime::fmt::fmt(b"0x%x", &[v])
            .map(|x| String::from_utf8(x).unwrap())
            .unwrap()
    }

    // language.copy-all-opaques hashes "1" then "2" then "3"... here the
    // standard test vectors for "abc" stand in.
    #[test]
    fn one_shot_digests() {
        let mut h = FakeHost::new();
        assert_eq!(
            h.show("md5_hash", &[s("abc")]),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            h.show("md5_hash", &[s("a"), s("bc")]),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            h.show("sha1_hash", &[s("abc")]),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            h.show("sha224_hash", &[s("abc")]),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"
        );
        assert_eq!(
            h.show("sha256_hash", &[s("abc")]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(h.show("sha384_hash", &[s("")]).len(), 96);
        assert_eq!(h.show("sha512_hash", &[s("")]).len(), 128);
    }

    #[test]
    fn incremental_digests() {
        let mut h = FakeHost::new();
        let st = h.call("md5_hash_init", &[]).unwrap();
        assert_eq!(h.show("md5_hash_update", &[st.clone(), s("a")]), "T");
        let copy = st.deep_copy();
        assert_eq!(h.show("md5_hash_update", &[st.clone(), s("bc")]), "T");
        assert_eq!(
            h.show("md5_hash_finish", std::slice::from_ref(&st)),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        // Finished: no more updates, and an empty digest.
        assert_eq!(h.show("md5_hash_update", &[st.clone(), s("x")]), "F");
        assert_eq!(h.show("md5_hash_finish", &[st]), "");
        // The copy kept its own state.
        assert_eq!(
            h.show("md5_hash_finish", &[copy]),
            "0cc175b9c0f1b6a831c399e269772661"
        );
        let st = h.call("sha256_hash_init", &[]).unwrap();
        assert_eq!(h.show("type_name", &[st]), "opaque of sha256");
    }

    // bifs.fnv1a_hash: strings hash their bytes; other values their
    // binary description.
    #[test]
    fn fnv() {
        assert_eq!(hex("fnv1a32", &[s("a")]), "0xe40c292c");
        assert_eq!(hex("fnv1a64", &[s("a")]), "0xaf63dc4c8601ec8c");
        assert_eq!(hex("fnv1a32", &[s("foobar")]), "0xbf9cf968");
        assert_eq!(hex("fnv1a64", &[s("foobar")]), "0x85944171f73967e8");
        assert_eq!(hex("fnv1a32", &[Value::Count(123)]), "0xc5b442fd");
        assert_eq!(hex("fnv1a64", &[Value::Count(123)]), "0xb03db9ae8d1a129d");
        assert_eq!(hex("fnv1a32", &[Value::Double(123.0)]), "0x15d2016f");
        assert_eq!(
            hex("fnv1a64", &[Value::Double(123.0)]),
            "0xaac1b659ecb8cfcf"
        );
        assert_eq!(hex("fnv1a32", &[Value::Bool(true)]), "0x6c1151a5");
        assert_eq!(hex("fnv1a32", &[Value::Bool(false)]), "0xeaff284");
        assert_eq!(hex("fnv1a64", &[Value::Bool(false)]), "0x5f242d39c2422be4");
        assert_eq!(hex("fnv1a32", &[b(b"\x01\x02\x03\x04")]), "0x5734a87d");
    }
}
