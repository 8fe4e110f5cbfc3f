//! Opaque values (`opaque of md5` and friends): state that scripts hold
//! but cannot look into. Cloning an opaque (Zeek's `copy()`) copies its
//! state, except for files, whose clones share one open handle.

pub mod bloom;
pub mod cardinality;
pub mod entropy;
pub mod hashing;
pub mod paraglob;
pub mod topk;
pub mod x509;

use crate::runtime::value::Value;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use md5::Digest;

#[derive(Debug, Clone)]
pub enum Opaque {
    /// An incremental hash (`md5_hash_init()` and friends).
    Hash(HashState),
    /// An incremental entropy test (`entropy_test_init()`).
    Entropy(entropy::EntropyState),
    /// A paraglob: a set of glob patterns matched all at once.
    Paraglob(paraglob::Paraglob),
    /// A top-k counter (`topk_init()`).
    TopK(topk::TopK),
    /// A cardinality estimator (`hll_cardinality_init()`).
    Cardinality(cardinality::Cardinality),
    /// A Bloom filter (`bloomfilter_basic_init()` and friends).
    Bloom(bloom::Bloom),
    /// An open file (`open()`); Zeek's `file` type.
    File(Rc<RefCell<FileState>>),
    /// A script value made into Broker data (`Broker::make_event`'s
    /// arguments), kept as the value itself.
    BrokerData(Value),
    /// An X.509 certificate (`x509_from_der()`).
    X509(x509::Certificate),
}

impl Opaque {
    /// The name after `opaque of` in the value's type.
    pub fn type_name(&self) -> &'static str {
        match self {
            Opaque::Hash(h) => h.algo.name(),
            Opaque::Entropy(_) => "entropy",
            Opaque::Paraglob(_) => "paraglob",
            Opaque::TopK(_) => "topk",
            Opaque::Cardinality(_) => "cardinality",
            Opaque::Bloom(_) => "bloomfilter",
            Opaque::File(_) => "file",
            Opaque::BrokerData(_) => "Broker::Data",
            Opaque::X509(_) => "x509",
        }
    }

    /// The name Zeek's value class carries (`MD5Val`, `TopkVal`, ...): what
    /// `print` shows after `opaque of` and what `to_json` gives as
    /// `opaque_type`. It differs from the type's name (`opaque of md5`).
    pub fn class_name(&self) -> &'static str {
        match self {
            Opaque::Hash(h) => match h.algo {
                HashAlgo::Md5 => "MD5Val",
                HashAlgo::Sha1 => "SHA1Val",
                HashAlgo::Sha224 => "SHA224Val",
                HashAlgo::Sha256 => "SHA256Val",
                HashAlgo::Sha384 => "SHA384Val",
                HashAlgo::Sha512 => "SHA512Val",
            },
            Opaque::Entropy(_) => "EntropyVal",
            Opaque::Paraglob(_) => "ParaglobVal",
            Opaque::TopK(_) => "TopkVal",
            Opaque::Cardinality(_) => "CardinalityVal",
            Opaque::Bloom(_) => "BloomFilterVal",
            Opaque::File(_) => "file",
            Opaque::BrokerData(_) => "zeek::Broker::detail::DataVal",
            Opaque::X509(_) => "X509Val",
        }
    }

    /// How `print` shows the value: a file as `file "NAME" of string`,
    /// the others as `<opaque of CLASS>`.
    pub fn describe(&self) -> String {
        match self {
            Opaque::File(f) => format!("file \"{}\" of string", f.borrow().name),
            other => format!("<opaque of {}>", other.class_name()),
        }
    }
}

/// The file state behind a `file` value.
pub fn file_state(v: &Value) -> Option<Rc<RefCell<FileState>>> {
    match v {
        Value::Opaque(o) => match &*o.borrow() {
            Opaque::File(f) => Some(f.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Which digest an incremental hash computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlgo {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlgo {
    pub fn name(self) -> &'static str {
        match self {
            HashAlgo::Md5 => "md5",
            HashAlgo::Sha1 => "sha1",
            HashAlgo::Sha224 => "sha224",
            HashAlgo::Sha256 => "sha256",
            HashAlgo::Sha384 => "sha384",
            HashAlgo::Sha512 => "sha512",
        }
    }
}

/// The running state of one digest.
#[derive(Debug, Clone)]
pub enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub fn new(algo: HashAlgo) -> Hasher {
        match algo {
            HashAlgo::Md5 => Hasher::Md5(md5::Md5::new()),
            HashAlgo::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            HashAlgo::Sha224 => Hasher::Sha224(sha2::Sha224::new()),
            HashAlgo::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            HashAlgo::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            HashAlgo::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    /// The digest as lowercase hex.
    pub fn finish_hex(self) -> String {
        let bytes: Vec<u8> = match self {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        };
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// An incremental hash: its algorithm and, until finished, its state.
#[derive(Debug, Clone)]
pub struct HashState {
    pub algo: HashAlgo,
    /// `None` once `*_hash_finish` has been called.
    pub state: Option<Hasher>,
}

impl HashState {
    pub fn new(algo: HashAlgo) -> HashState {
        HashState {
            algo,
            state: Some(Hasher::new(algo)),
        }
    }
}

/// An open (or closed) file that scripts write to.
#[derive(Debug)]
pub struct FileState {
    pub name: String,
    /// `None` once closed.
    pub handle: Option<FileHandle>,
    /// Whether writes go straight out (`set_buf(f, F)`).
    pub unbuffered: bool,
    /// `&raw_output`: write bytes as they are rather than escaped.
    pub raw_output: bool,
}

#[derive(Debug)]
pub enum FileHandle {
    Stdout,
    Disk(std::io::BufWriter<std::fs::File>),
}

impl FileState {
    /// Opens `name` for writing (truncating) or appending; "-" is stdout.
    pub fn open(name: &str, append: bool) -> std::io::Result<FileState> {
        let handle = if name == "-" {
            FileHandle::Stdout
        } else {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .append(append)
                .truncate(!append)
                .open(name)?;
            FileHandle::Disk(std::io::BufWriter::new(f))
        };
        Ok(FileState {
            name: name.to_string(),
            handle: Some(handle),
            unbuffered: false,
            raw_output: false,
        })
    }

    pub fn is_open(&self) -> bool {
        self.handle.is_some()
    }

    /// Writes bytes; false if the file is closed or the write failed.
    pub fn write(&mut self, data: &[u8]) -> bool {
        let unbuffered = self.unbuffered;
        match &mut self.handle {
            None => false,
            Some(FileHandle::Stdout) => {
                let mut out = std::io::stdout();
                out.write_all(data).is_ok()
            }
            Some(FileHandle::Disk(w)) => {
                let ok = w.write_all(data).is_ok();
                if unbuffered {
                    let _ = w.flush();
                }
                ok
            }
        }
    }

    pub fn flush(&mut self) -> bool {
        match &mut self.handle {
            None => true,
            Some(FileHandle::Stdout) => std::io::stdout().flush().is_ok(),
            Some(FileHandle::Disk(w)) => w.flush().is_ok(),
        }
    }

    /// Flushes and closes; false if it was not open.
    pub fn close(&mut self) -> bool {
        if self.handle.is_none() {
            return false;
        }
        self.flush();
        self.handle = None;
        true
    }
}

impl Drop for FileState {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_of_known_input() {
        let mut h = Hasher::new(HashAlgo::Md5);
        h.update(b"abc");
        assert_eq!(h.finish_hex(), "900150983cd24fb0d6963f7d28e17f72");
        let mut h = Hasher::new(HashAlgo::Sha1);
        h.update(b"abc");
        assert_eq!(h.finish_hex(), "a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    #[test]
    fn cloned_hash_state_is_independent() {
        let mut a = HashState::new(HashAlgo::Sha256);
        a.state.as_mut().unwrap().update(b"a");
        let mut b = a.clone();
        b.state.as_mut().unwrap().update(b"b");
        let ha = a.state.take().unwrap().finish_hex();
        let hb = b.state.take().unwrap().finish_hex();
        assert_ne!(ha, hb);
        assert_eq!(Opaque::Hash(a).type_name(), "sha256");
    }

    #[test]
    fn files_write_and_close() {
        let dir = std::env::temp_dir().join(format!("rzeek-opaque-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("f.txt");
        let mut f = FileState::open(p.to_str().unwrap(), false).unwrap();
        assert!(f.write(b"hello\n"));
        assert!(f.close());
        assert!(!f.close());
        assert!(!f.write(b"x"));
        let mut g = FileState::open(p.to_str().unwrap(), true).unwrap();
        g.write(b"more\n");
        g.close();
        assert_eq!(std::fs::read(&p).unwrap(), b"hello\nmore\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
