//! File analysis support: the handle scripts give for a file
//! (`set_file_handle`) and the file id derived from it.
//!
//! Zeek names a file by hashing the handle that a `get_file_handle`
//! handler sets: a 128-bit HighwayHash keyed with the SHA-256 of
//! `digest_salt` (so ids agree across runs and across a cluster), cut to
//! `bits_per_uid` bits and printed like a connection uid with an `F`.

use super::{bytes, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;
use highway::{HighwayHash, HighwayHasher, Key};
use sha2::{Digest, Sha256};

/// The handle a `get_file_handle` handler set with `set_file_handle`,
/// kept in the interpreter's extensions until the file analysis that
/// asked for it takes it.
#[derive(Default)]
pub struct FileHandle(Option<Vec<u8>>);

impl FileHandle {
    /// The handle a script set, if any, leaving none.
    pub fn take(&mut self) -> Option<Vec<u8>> {
        self.0.take()
    }
}

fn set_file_handle(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let handle = bytes(args, 0).to_vec();
    // An empty handle names no file.
    if !handle.is_empty() {
        h.extensions().get_or_default::<FileHandle>().0 = Some(handle);
    }
    Ok(Value::Unset)
}

/// The HighwayHash key for file ids: the SHA-256 of `digest_salt`, read
/// as four little-endian words.
pub fn file_id_key(salt: &[u8]) -> [u64; 4] {
    let digest = Sha256::digest(salt);
    let mut key = [0u64; 4];
    for (k, chunk) in key.iter_mut().zip(digest.chunks_exact(8)) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        *k = u64::from_le_bytes(w);
    }
    key
}

/// The file id for `handle` under the key of [`file_id_key`], with
/// `bits` of uid.
pub fn file_id(handle: &[u8], key: [u64; 4], bits: u32) -> Vec<u8> {
    let words = HighwayHasher::new(Key(key)).hash128(handle);
    crate::runtime::uid::uid_base62(b"F", words, bits)
}

pub static BIFS: &[BifDef] = &[BifDef {
    name: "set_file_handle",
    sig: "function(handle: string): any",
    func: set_file_handle,
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_file_id() {
        // The handle base/protocols/http gives the response body of the
        // first transaction of a connection that started at
        // 1690990955.94433 (the trace core.tcp-padding reads), and the id
        // Zeek logs for it.
        let handle = b"Analyzer::ANALYZER_HTTP1690990955.94433F11\
167.221.30.181:59406 > 217.207.159.63:27272";
        let key = file_id_key(b"Please change this value.");
        let id = file_id(handle, key, 96);
        assert_eq!(id, b"Fftt1g15aiP3OV7YTf");
        // Another salt, another id; fewer bits, a shorter one.
        assert_ne!(file_id(handle, file_id_key(b"x"), 96), id);
        assert!(file_id(handle, key, 64).len() < id.len());
    }
}
