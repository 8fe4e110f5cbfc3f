//! Helpers shared by the tests: the packet and capture-file builder
//! (`pcap`), the runner of the `rzeek` binary (`runner`), trials that are
//! ignored when what they need is missing (`harness`), comparisons with
//! expected files (`golden`), and for the logging tests a scratch
//! directory per test, a run of `rzeek -b` on a script there, and a log's
//! text with its open/close stamps masked.

#![allow(dead_code)]

pub mod golden;
pub mod harness;
pub mod pcap;
pub mod runner;

#[allow(unused_imports)]
pub use runner::{OutputText, Rzeek};

use std::path::{Path, PathBuf};
use std::process::Output;

/// A fresh directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rzeek-logging-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `rzeek -b script.zeek` in `dir` with the script's text.
pub fn run(dir: &Path, script: &str) -> Output {
    run_with_env(dir, script, &[])
}

/// `run` with environment variables set for the run.
pub fn run_with_env(dir: &Path, script: &str, env: &[(&str, &str)]) -> Output {
    std::fs::write(dir.join("script.zeek"), script).unwrap();
    Rzeek::new()
        .dir(dir)
        .envs(env.iter().copied())
        .args(["-b", "script.zeek"])
        .run()
}

/// The data lines of a TSV log (no `#` lines).
pub fn rows(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The `#fields` line of a TSV log, split.
pub fn fields(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with("#fields\t")).unwrap();
    line.split('\t').skip(1).map(str::to_string).collect()
}

/// Asserts the run succeeded without messages.
pub fn clean(out: &Output) {
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A log's text with its open and close stamps replaced by `STAMP`.
pub fn masked(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for l in text.split_inclusive('\n') {
        match l.split_once('\t') {
            Some((k @ ("#open" | "#close"), v)) => {
                let v = v.trim_end_matches('\n');
                assert_eq!(v.len(), 19, "stamp {v}");
                assert!(v.bytes().all(|b| b.is_ascii_digit() || b == b'-'), "{v}");
                out.push_str(k);
                out.push_str("\tSTAMP\n");
            }
            _ => out.push_str(l),
        }
    }
    out
}
