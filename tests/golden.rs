//! Golden tests: every `tests/golden/**/NAME.zeek` (folders group them,
//! e.g. `reference/operators/` for the behaviours of one section of
//! Zeek's language reference; folders named `_...` hold scripts the tests
//! `@load`) is run as `rzeek -b` in its folder, and
//! its standard output must equal `NAME.out`; its standard error must
//! equal `NAME.err` (empty when that file is absent). A first line
//! `# args: ...` adds command-line arguments. A difference fails with a
//! unified diff; `UPDATE_GOLDEN=1 cargo test --release --test golden`
//! writes the files from the current output (then review `git diff`).

mod common;

use common::{golden, OutputText, Rzeek};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

const UPDATE: &str = "UPDATE_GOLDEN=1 cargo test --release --test golden";

fn run_case(script: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(script).map_err(|e| format!("read: {e}"))?;
    let mut cmd = Rzeek::new().arg("-b").arg("--diagnostics").arg("zeek");
    if let Some(args) = text.lines().next().and_then(|l| l.strip_prefix("# args:")) {
        cmd = cmd.args(args.split_whitespace());
    }
    let dir = script.parent().unwrap_or(Path::new("."));
    let name = script.file_name().ok_or("no file name")?;
    let out = cmd.dir(dir).arg(name).env("TZ", "UTC").run();
    let stdout = out.stdout_str();
    let stderr = out.stderr_str();
    let out_path = script.with_extension("out");
    let err_path = script.with_extension("err");
    let mut msg = String::new();
    if let Err(e) = golden::check(&out_path, &stdout, false, UPDATE) {
        msg += &e;
    }
    if let Err(e) = golden::check(&err_path, &stderr, true, UPDATE) {
        msg += &e;
    }
    if msg.is_empty() {
        Ok(())
    } else {
        Err(msg.into())
    }
}

/// Every `.zeek` file under `dir`, in sorted order.
fn scripts_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for p in rd.flatten().map(|e| e.path()) {
        // Folders named `_...` hold scripts the tests load, not tests.
        let support = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('_'));
        if p.is_dir() && !support {
            scripts_under(&p, out);
        } else if p.extension().is_some_and(|e| e == "zeek") {
            out.push(p);
        }
    }
}

fn main() {
    let args = Arguments::from_args();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut scripts = Vec::new();
    scripts_under(&dir, &mut scripts);
    scripts.sort();
    let trials = scripts
        .into_iter()
        .map(|p| {
            // Named by the path below tests/golden, without `.zeek`.
            let name = p
                .strip_prefix(&dir)
                .unwrap_or(&p)
                .with_extension("")
                .to_string_lossy()
                .into_owned();
            Trial::test(name, move || run_case(&p))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
