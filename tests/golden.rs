//! Golden tests: every `tests/golden/NAME.zeek` is run as `rzeek -b` and
//! its standard output must equal `NAME.out`; its standard error must
//! equal `NAME.err` (empty when that file is absent). A first line
//! `# args: ...` adds command-line arguments. Run with `UPDATE_GOLDEN=1`
//! to write the files from the current output (then review the diff).

mod common;

use common::{OutputText, Rzeek};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

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
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&out_path, &stdout).map_err(|e| format!("write: {e}"))?;
        if stderr.is_empty() {
            let _ = std::fs::remove_file(&err_path);
        } else {
            std::fs::write(&err_path, &stderr).map_err(|e| format!("write: {e}"))?;
        }
        return Ok(());
    }
    let want_out =
        std::fs::read_to_string(&out_path).map_err(|e| format!("{}: {e}", out_path.display()))?;
    let want_err = std::fs::read_to_string(&err_path).unwrap_or_default();
    let mut msg = String::new();
    if stdout != want_out {
        msg += &format!("stdout differs\n--- expected\n{want_out}--- actual\n{stdout}");
    }
    if stderr != want_err {
        msg += &format!("stderr differs\n--- expected\n{want_err}--- actual\n{stderr}");
    }
    if msg.is_empty() {
        Ok(())
    } else {
        Err(msg.into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    scripts.retain(|p| p.extension().is_some_and(|e| e == "zeek"));
    scripts.sort();
    let trials = scripts
        .into_iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(name, move || run_case(&p))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
