//! conn.log as Zeek's log tools read it: `rzeek -b -r TRACE
//! base/protocols/conn` over every trace in ../shared/conformance/Traces,
//! in TSV and in JSON, then ZAT loads each log into a pandas DataFrame
//! (checking row counts and column dtypes) and parsezeeklogs reads every
//! record (tests/log_tools/check_logs.py).
//!
//! The packages are the real ones from PyPI, installed on first use into a
//! virtual environment under Cargo's target directory. Set
//! `RZEEK_SKIP_LOG_TOOLS=1` to skip where there is no network. Skipped, or
//! without the traces, the test is reported as ignored, with the reason.

mod common;

use common::harness::{self, missing, shared, test_if};
use common::Rzeek;
use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGES: &[&str] = &["zat==0.4.9", "parsezeeklogs==3.0.1"];

/// The traces, when they are there and the test is not skipped.
fn traces_dir() -> Result<PathBuf, String> {
    if std::env::var_os("RZEEK_SKIP_LOG_TOOLS").is_some() {
        return Err("RZEEK_SKIP_LOG_TOOLS is set".into());
    }
    const TRACES: &str = "conformance/Traces";
    shared(TRACES)
        .filter(|d| d.is_dir())
        .ok_or_else(|| missing(TRACES))
}

fn traces(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            traces(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "pcap" || e == "pcapng" || e == "trace")
        {
            out.push(p);
        }
    }
}

/// The environment's python, made and filled the first time.
fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("log-tools-venv");
    let py = venv.join("bin/python");
    let marker = venv.join(PACKAGES.join("+"));
    if marker.exists() {
        return py;
    }
    let ok = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "python3 -m venv failed");
    let out = Command::new(&py)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(PACKAGES)
        .output()
        .expect("pip");
    assert!(
        out.status.success(),
        "installing {PACKAGES:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&marker, "").unwrap();
    py
}

/// Runs rzeek over every trace in one form; the conn.log files written.
fn conn_logs(form: &str, traces: &[PathBuf]) -> Vec<PathBuf> {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("log-tools-{form}"));
    let _ = std::fs::remove_dir_all(&base);
    let mut logs = Vec::new();
    for (i, t) in traces.iter().enumerate() {
        let dir = base.join(format!("{i:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cmd = Rzeek::new()
            .dir(&dir)
            .arg("-b")
            .arg("-C")
            .arg("-r")
            .arg(t)
            .arg("base/protocols/conn");
        if form == "json" {
            cmd = cmd.arg("LogAscii::use_json=T");
        }
        let out = cmd.run();
        assert!(
            out.status.success(),
            "{}: {}",
            t.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let log = dir.join("conn.log");
        if log.exists() {
            logs.push(log);
        }
    }
    logs
}

fn zat_and_parsezeeklogs_read_our_conn_logs(dir: PathBuf) {
    let mut all = Vec::new();
    traces(&dir, &mut all);
    assert!(all.len() > 10, "only {} traces", all.len());
    let py = python();
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/log_tools/check_logs.py");
    for form in ["tsv", "json"] {
        let logs = conn_logs(form, &all);
        // Most traces carry connections; a few are only link-layer frames.
        assert!(
            logs.len() * 3 >= all.len() * 2,
            "{form}: {} logs",
            logs.len()
        );
        let out = Command::new(&py)
            .arg(&checker)
            .arg(form)
            .args(&logs)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{form}:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            text.lines().filter(|l| l.starts_with("ok ")).count(),
            logs.len()
        );
    }
}

fn main() {
    harness::run(vec![test_if(
        "zat_and_parsezeeklogs_read_our_conn_logs",
        traces_dir,
        zat_and_parsezeeklogs_read_our_conn_logs,
    )]);
}
