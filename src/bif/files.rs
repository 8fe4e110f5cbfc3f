//! Files and directories: `file` values (opaque file handles) and the
//! file-system operations scripts use.

use super::{
    arg, boolean, bytes, opaque, record, reporter_error, reporter_warning, string_value, BifResult,
};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::opaque::{file_state, FileState, Opaque};
use crate::runtime::types;
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// Every file a script opened, so `flush_all` can reach them.
#[derive(Default)]
struct OpenFiles(Vec<Weak<RefCell<FileState>>>);

/// A file value for a state, registered for `flush_all`.
fn file_value(h: &mut dyn Host, state: FileState) -> Value {
    let rc = Rc::new(RefCell::new(state));
    let open = &mut h.extensions().get_or_default::<OpenFiles>().0;
    open.retain(|w| w.strong_count() > 0);
    open.push(Rc::downgrade(&rc));
    opaque(Opaque::File(rc))
}

fn path(args: &[Value], i: usize) -> String {
    String::from_utf8_lossy(bytes(args, i)).into_owned()
}

fn open_file(h: &mut dyn Host, name: &str, append: bool) -> BifResult {
    match FileState::open(name, append) {
        Ok(f) => Ok(file_value(h, f)),
        Err(e) => {
            reporter_error(h, &format!("cannot open {name}: {e}"));
            Ok(file_value(
                h,
                FileState {
                    name: name.to_string(),
                    handle: None,
                    unbuffered: false,
                    raw_output: false,
                },
            ))
        }
    }
}

fn open(h: &mut dyn Host, args: &[Value]) -> BifResult {
    open_file(h, &path(args, 0), false)
}

fn open_for_append(h: &mut dyn Host, args: &[Value]) -> BifResult {
    open_file(h, &path(args, 0), true)
}

fn close(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(
        file_state(arg(args, 0)).is_some_and(|f| f.borrow_mut().close()),
    ))
}

fn write_file(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(
        file_state(arg(args, 0)).is_some_and(|f| f.borrow_mut().write(bytes(args, 1))),
    ))
}

fn set_buf(_: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Some(f) = file_state(arg(args, 0)) {
        f.borrow_mut().unbuffered = !boolean(args, 1);
    }
    Ok(Value::Bool(true))
}

fn enable_raw_output(_: &mut dyn Host, args: &[Value]) -> BifResult {
    if let Some(f) = file_state(arg(args, 0)) {
        f.borrow_mut().raw_output = true;
    }
    Ok(Value::Unset)
}

fn flush_all(h: &mut dyn Host, _: &[Value]) -> BifResult {
    let mut ok = true;
    let open = &h.extensions().get_or_default::<OpenFiles>().0;
    for f in open.iter().filter_map(Weak::upgrade) {
        ok &= f.borrow_mut().flush();
    }
    use std::io::Write;
    ok &= std::io::stdout().flush().is_ok();
    Ok(Value::Bool(ok))
}

fn active_file(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(
        file_state(arg(args, 0)).is_some_and(|f| f.borrow().is_open()),
    ))
}

fn get_file_name(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(string_value(
        file_state(arg(args, 0))
            .map(|f| f.borrow().name.clone())
            .unwrap_or_default(),
    ))
}

fn file_size(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Double(
        std::fs::metadata(path(args, 0))
            .map(|m| m.len() as f64)
            .unwrap_or(-1.0),
    ))
}

fn mkdir(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let p = path(args, 0);
    match std::fs::create_dir(&p) {
        Ok(()) => Ok(Value::Bool(true)),
        Err(_) if std::path::Path::new(&p).is_dir() => Ok(Value::Bool(true)),
        Err(e) => {
            reporter_warning(
                h,
                &format!("cannot create directory '{p}': {}", os_message(&e)),
            );
            Ok(Value::Bool(false))
        }
    }
}

/// The C library's wording of an I/O error ("No such file or directory").
pub(crate) fn os_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn rmdir(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let p = path(args, 0);
    match std::fs::remove_dir(&p) {
        Ok(()) => Ok(Value::Bool(true)),
        Err(e) => {
            reporter_warning(
                h,
                &format!("cannot remove directory '{p}': {}", os_message(&e)),
            );
            Ok(Value::Bool(false))
        }
    }
}

fn unlink(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let p = path(args, 0);
    match std::fs::remove_file(&p) {
        Ok(()) => Ok(Value::Bool(true)),
        Err(e) => {
            reporter_warning(h, &format!("cannot unlink file '{p}': {}", os_message(&e)));
            Ok(Value::Bool(false))
        }
    }
}

fn rename(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (from, to) = (path(args, 0), path(args, 1));
    match std::fs::rename(&from, &to) {
        Ok(()) => Ok(Value::Bool(true)),
        Err(e) => {
            reporter_warning(
                h,
                &format!("cannot rename file '{from}' to '{to}': {}", os_message(&e)),
            );
            Ok(Value::Bool(false))
        }
    }
}

fn rotate_info(old: &str, new: &str, open: f64, close: f64) -> Value {
    record(
        "rotate_info",
        vec![
            ("old_name", types::string(), string_value(old)),
            ("new_name", types::string(), string_value(new)),
            ("open", types::time(), Value::Time(open)),
            ("close", types::time(), Value::Time(close)),
        ],
    )
}

/// Moves a file aside to "NAME.PID.TIME.tmp" and starts it afresh;
/// returns the new name.
fn rotate_path(name: &str, now: f64) -> std::io::Result<String> {
    let new_name = format!("{name}.{}.{now:.6}.tmp", std::process::id());
    let tmp = format!("{name}.tmp");
    std::fs::File::create(&tmp)?;
    std::fs::rename(name, &new_name)?;
    std::fs::rename(&tmp, name)?;
    Ok(new_name)
}

fn rotate_file(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let now = h.network_time();
    let Some(f) = file_state(arg(args, 0)) else {
        return Ok(rotate_info("", "", 0.0, 0.0));
    };
    let name = f.borrow().name.clone();
    f.borrow_mut().flush();
    match rotate_path(&name, now) {
        Ok(new_name) => {
            if let Ok(mut fresh) = FileState::open(&name, true) {
                f.borrow_mut().handle = fresh.handle.take();
            }
            Ok(rotate_info(&name, &new_name, now, now))
        }
        Err(_) => Ok(rotate_info("", "", 0.0, 0.0)),
    }
}

fn rotate_file_by_name(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let now = h.network_time();
    let name = path(args, 0);
    match rotate_path(&name, now) {
        Ok(new_name) => Ok(rotate_info(&name, &new_name, now, now)),
        Err(_) => Ok(rotate_info("", "", 0.0, 0.0)),
    }
}

/// A path with `.` components, doubled slashes and `dir/..` pairs taken
/// out, as Zeek's `normalize_path` does it: a leading `./` stays unless a
/// `..` follows it, and a `..` that cannot be resolved stays.
pub(crate) fn normalize_path(path: &str) -> String {
    if !path.contains("/.") && !path.contains("//") {
        if path.len() > 1 && path.ends_with('/') {
            return path[..path.len() - 1].to_string();
        }
        return path.to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for (i, comp) in path.split('/').enumerate() {
        if comp.is_empty() || (comp == "." && i != 0) {
            continue;
        }
        if comp == ".." {
            match parts.last() {
                Some(&".") => {
                    parts.pop();
                }
                Some(&"..") | None => {}
                Some(_) => {
                    parts.pop();
                    continue;
                }
            }
        }
        parts.push(comp);
    }
    let mut out = if path.starts_with('/') {
        String::from("/")
    } else {
        String::new()
    };
    out.push_str(&parts.join("/"));
    out
}

fn compress_path(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let path = String::from_utf8_lossy(bytes(args, 0));
    Ok(string_value(normalize_path(&path)))
}
/// File-content signatures: leading bytes and the MIME type they mark,
/// strongest first.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/x-gzip"),
    (b"BZh", "application/x-bzip2"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"\x7fELF", "application/x-executable"),
    (b"MZ", "application/x-dosexec"),
    (b"\xd4\xc3\xb2\xa1", "application/vnd.tcpdump.pcap"),
    (b"\xa1\xb2\xc3\xd4", "application/vnd.tcpdump.pcap"),
];

/// The MIME type of some data by its leading bytes; text is ten or more
/// leading printable or white-space characters. None when nothing fits.
pub(crate) fn detect_mime(data: &[u8]) -> Option<&'static str> {
    if let Some((_, mime)) = MAGIC.iter().find(|(magic, _)| data.starts_with(magic)) {
        return Some(mime);
    }
    let texty =
        |c: &u8| c.is_ascii_graphic() || matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    (data.len() >= 10 && data[..10].iter().all(texty)).then_some("text/plain")
}

fn identify_data(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if !boolean(args, 1) {
        reporter_warning(
            h,
            "identify_data() builtin-function only returns MIME types, but not descriptive text",
        );
    }
    Ok(string_value(
        detect_mime(bytes(args, 0)).unwrap_or("<unknown>"),
    ))
}

pub static BIFS: &[BifDef] = &[
    BifDef {
        name: "identify_data",
        sig: "function(data: string, return_mime: bool &default=T): string",
        func: identify_data,
    },
    BifDef {
        name: "compress_path",
        sig: "function(dir: string): string",
        func: compress_path,
    },
    BifDef {
        name: "open",
        sig: "function(f: string): file",
        func: open,
    },
    BifDef {
        name: "open_for_append",
        sig: "function(f: string): file",
        func: open_for_append,
    },
    BifDef {
        name: "close",
        sig: "function(f: file): bool",
        func: close,
    },
    BifDef {
        name: "write_file",
        sig: "function(f: file, data: string): bool",
        func: write_file,
    },
    BifDef {
        name: "set_buf",
        sig: "function(f: file, buffered: bool): any",
        func: set_buf,
    },
    BifDef {
        name: "enable_raw_output",
        sig: "function(f: file): any",
        func: enable_raw_output,
    },
    BifDef {
        name: "flush_all",
        sig: "function(): bool",
        func: flush_all,
    },
    BifDef {
        name: "active_file",
        sig: "function(f: file): bool",
        func: active_file,
    },
    BifDef {
        name: "get_file_name",
        sig: "function(f: file): string",
        func: get_file_name,
    },
    BifDef {
        name: "file_size",
        sig: "function(f: string): double",
        func: file_size,
    },
    BifDef {
        name: "mkdir",
        sig: "function(f: string): bool",
        func: mkdir,
    },
    BifDef {
        name: "rmdir",
        sig: "function(d: string): bool",
        func: rmdir,
    },
    BifDef {
        name: "unlink",
        sig: "function(f: string): bool",
        func: unlink,
    },
    BifDef {
        name: "rename",
        sig: "function(src_f: string, dst_f: string): bool",
        func: rename,
    },
    BifDef {
        name: "rotate_file",
        sig: "function(f: file): rotate_info",
        func: rotate_file,
    },
    BifDef {
        name: "rotate_file_by_name",
        sig: "function(f: string): rotate_info",
        func: rotate_file_by_name,
    },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{s, show, FakeHost};
    use crate::runtime::value::Value;

    fn tmpdir(tag: &str) -> String {
        let d = std::env::temp_dir().join(format!("rzeek-files-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d.to_string_lossy().into_owned()
    }

    #[test]
    fn write_close_and_sizes() {
        let dir = tmpdir("w");
        let p = format!("{dir}/testfile");
        let mut h = FakeHost::new();
        let f = h.call("open", &[s(&p)]).unwrap();
        assert_eq!(h.show("active_file", std::slice::from_ref(&f)), "T");
        assert_eq!(
            h.show("write_file", &[f.clone(), s("this is a test\n")]),
            "T"
        );
        assert_eq!(h.show("get_file_name", std::slice::from_ref(&f)), p);
        assert_eq!(h.show("flush_all", &[]), "T");
        assert_eq!(h.show("file_size", &[s(&p)]), "15.0");
        assert_eq!(h.show("close", std::slice::from_ref(&f)), "T");
        assert_eq!(h.show("active_file", std::slice::from_ref(&f)), "F");
        assert_eq!(h.show("write_file", &[f, s("x")]), "F");
        let g = h.call("open_for_append", &[s(&p)]).unwrap();
        h.call("write_file", &[g.clone(), s("more")]).unwrap();
        h.call("close", &[g]).unwrap();
        assert_eq!(h.show("file_size", &[s(&p)]), "19.0");
        assert_eq!(h.show("file_size", &[s(&format!("{dir}/nope"))]), "-1.0");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    // bifs.rotate_file: the old content moves to a new name and the file
    // starts empty.
    #[test]
    fn rotation() {
        let dir = tmpdir("r");
        let p = format!("{dir}/testfile");
        let mut h = FakeHost::new();
        let f = h.call("open", &[s(&p)]).unwrap();
        h.call("write_file", &[f.clone(), s("this is a test\n")])
            .unwrap();
        let info = h.call("rotate_file", std::slice::from_ref(&f)).unwrap();
        let Value::Record(r) = &info else {
            panic!("{}", show(&info))
        };
        let new_name = r.borrow().fields[1].clone();
        assert_ne!(new_name.as_bytes(), p.as_bytes());
        assert_eq!(h.show("file_size", &[new_name]), "15.0");
        assert_eq!(h.show("file_size", &[s(&p)]), "0.0");
        h.call("write_file", &[f.clone(), s("ab")]).unwrap();
        h.call("close", &[f]).unwrap();
        assert_eq!(h.show("file_size", &[s(&p)]), "2.0");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn directories() {
        let dir = tmpdir("d");
        let sub = format!("{dir}/sub");
        let mut h = FakeHost::new();
        assert_eq!(h.show("mkdir", &[s(&sub)]), "T");
        assert_eq!(h.show("mkdir", &[s(&sub)]), "T");
        std::fs::write(format!("{sub}/a"), b"x").unwrap();
        assert_eq!(
            h.show("rename", &[s(&format!("{sub}/a")), s(&format!("{sub}/b"))]),
            "T"
        );
        assert_eq!(h.show("unlink", &[s(&format!("{sub}/b"))]), "T");
        assert_eq!(h.show("unlink", &[s(&format!("{sub}/b"))]), "F");
        assert_eq!(h.show("rmdir", &[s(&sub)]), "T");
        assert_eq!(h.reports.len(), 1);
        assert!(
            h.reports[0].1.starts_with("cannot unlink file"),
            "{:?}",
            h.reports
        );
        assert!(
            h.reports[0].1.ends_with("No such file or directory"),
            "{:?}",
            h.reports
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
