//! Every input that crashed, hung or exhausted memory in a fuzz target
//! (fuzz/), run again through the entry point the target calls
//! (`rzeek::fuzzing`). An input lives in tests/fuzz-regressions/TARGET/;
//! its test is named `TARGET/FILE` and passes when the call returns.
//!
//! Each input runs in a child thread with the 8 MB stack a fuzzer's main
//! thread has, so a stack overflow shows as an abort of this test binary,
//! as it would in the fuzzer.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

fn run(target: &str, path: &Path) -> Result<(), Failed> {
    let data = std::fs::read(path).map_err(|e| format!("read {}: {e}", path.display()))?;
    let f: fn(&[u8]) = match target {
        "parse" => rzeek::fuzzing::parse,
        "eval" => |d| {
            let _ = rzeek::fuzzing::eval(d);
        },
        "packet" => rzeek::fuzzing::packet,
        _ => return Err(format!("unknown target {target}").into()),
    };
    let t = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || f(&data))
        .map_err(|e| format!("spawn: {e}"))?;
    t.join()
        .map_err(|_| Failed::from(format!("{target}: {} panicked", path.display())))
}

fn main() {
    let args = Arguments::from_args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut trials = Vec::new();
    for target in ["parse", "eval", "packet"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(target))
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.is_file() && p.file_name().is_none_or(|n| n != ".keep"));
        files.sort();
        for p in files {
            let name = p
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            trials.push(Trial::test(format!("{target}/{name}"), move || {
                run(target, &p)
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
