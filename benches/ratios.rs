//! How rzeek compares with its peers: time ratios against CPython, Lua 5.4
//! and Rhai on the shared benchmark scripts, start-up time, and packet
//! processing against the plain `flowcount` pass over the same trace.
//!
//!     cargo bench --bench ratios
//!
//! It needs `../shared/bench` beside the crate (its `run` script times
//! each benchmark under every peer it finds and writes JSON, which this
//! reads); without it, it says so and succeeds. `RZEEK_BENCH_RUNS` sets
//! the runs per measurement (default 3). Rhai is included when `RHAI_RUN`
//! names a build of `peers/rhai-run`, or that build sits in its own
//! target directory; the packet ratio when `peers/flowcount` is built
//! (`cd ../shared/bench/peers/flowcount && cargo build --release`).
//! Ratios above 1 mean rzeek is slower.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const PEERS: [(&str, &str); 3] = [("python", "CPython"), ("lua", "Lua"), ("rhai", "Rhai")];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn geomean(v: &[f64]) -> f64 {
    (v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp()
}

/// Wall-clock seconds of one run, and its standard output.
fn timed(cmd: &mut Command) -> Option<(f64, String)> {
    let start = Instant::now();
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    let secs = start.elapsed().as_secs_f64();
    out.status.success().then(|| {
        (
            secs,
            String::from_utf8_lossy(&out.stdout).trim().to_string(),
        )
    })
}

/// Runs the shared `run` script and prints its ratios per benchmark.
fn script_ratios(bench: &Path, rzeek: &Path, runs: u32, tmp: &Path) {
    let json = tmp.join("ratios.json");
    let mut cmd = Command::new("python3");
    cmd.arg(bench.join("run"))
        .arg(rzeek)
        .arg("--runs")
        .arg(runs.to_string())
        .arg("--json")
        .arg(&json)
        .stdout(Stdio::null());
    let rhai = bench.join("peers/rhai-run/target/release/rhai-run");
    if std::env::var_os("RHAI_RUN").is_none() && rhai.is_file() {
        cmd.env("RHAI_RUN", &rhai);
    }
    if !cmd.status().is_ok_and(|s| s.success()) {
        println!("benchmark runner failed");
        return;
    }
    let Some(results) = std::fs::read_to_string(&json)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    else {
        println!("benchmark runner wrote no results");
        return;
    };
    let Some(results) = results.as_object() else {
        return;
    };
    print!("{:10} {:>9}", "bench", "rzeek s");
    for (_, name) in PEERS {
        print!(" {:>14}", format!("rzeek/{name}"));
    }
    println!();
    let mut all: Vec<Vec<f64>> = vec![Vec::new(); PEERS.len()];
    for (name, r) in results {
        let secs = r["seconds"]["zeek"].as_f64().unwrap_or(f64::NAN);
        print!("{name:10} {secs:9.3}");
        for (i, (key, _)) in PEERS.iter().enumerate() {
            match r["ratio"][key].as_f64() {
                Some(x) => {
                    all[i].push(x);
                    print!(" {x:14.2}");
                }
                None => print!(" {:>14}", "-"),
            }
        }
        if r["correct"].as_bool() != Some(true) {
            print!("   WRONG OUTPUT");
        }
        println!();
    }
    print!("{:10} {:>9}", "geomean", "");
    for v in &all {
        if v.is_empty() {
            print!(" {:>14}", "-");
        } else {
            print!(" {:14.2}", geomean(v));
        }
    }
    println!();
}

/// Median start-up time of a trivial script, in milliseconds.
fn startup_ms(rzeek: &Path) -> Option<f64> {
    let mut times = Vec::new();
    for _ in 0..20 {
        let (secs, _) = timed(Command::new(rzeek).args(["-b", "-e", "print 1;"]))?;
        times.push(secs * 1e3);
    }
    Some(median(times))
}

/// rzeek's time over a trace against `flowcount`'s (median of `runs`).
fn packet_ratio(here: &Path, bench: &Path, rzeek: &Path, runs: u32, tmp: &Path) {
    let peer = bench.join("peers/flowcount/target/release/flowcount");
    if !peer.is_file() {
        println!("packets: flowcount not built (cd ../shared/bench/peers/flowcount && cargo build --release)");
        return;
    }
    let conns = 50_000;
    let trace = tmp.join("b.pcap");
    let made = Command::new("python3")
        .arg(bench.join("gen-pcap.py"))
        .arg(&trace)
        .arg(conns.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        println!("packets: could not write the trace");
        return;
    }
    let script = here.join("tests/bench/flowcount.zeek");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let z = timed(
            Command::new(rzeek)
                .arg("-b")
                .arg("-r")
                .arg(&trace)
                .arg(&script),
        );
        let f = timed(Command::new(&peer).arg(&trace));
        let (Some((zt, zo)), Some((ft, fo))) = (z, f) else {
            println!("packets: a run failed");
            return;
        };
        let want = format!("{conns}, {conns}");
        if zo != want || !fo.starts_with(&format!("{conns} ")) {
            println!("packets: unexpected output (rzeek {zo:?}, flowcount {fo:?})");
            return;
        }
        ours.push(zt);
        theirs.push(ft);
    }
    let (z, f) = (median(ours), median(theirs));
    println!(
        "packets: rzeek {z:.3} s, flowcount {f:.3} s over {conns} connections: rzeek/flowcount {:.1}",
        z / f
    );
}

fn main() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench = here.join("../shared/bench");
    if !bench.join("run").is_file() {
        println!(
            "ratios: {} is missing; nothing to compare with",
            bench.display()
        );
        return;
    }
    let rzeek = PathBuf::from(env!("CARGO_BIN_EXE_rzeek"));
    let runs: u32 = std::env::var("RZEEK_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let tmp = std::env::temp_dir().join(format!("rzeek-ratios-{}", std::process::id()));
    if std::fs::create_dir_all(&tmp).is_err() {
        println!("ratios: cannot create {}", tmp.display());
        return;
    }
    script_ratios(&bench, &rzeek, runs, &tmp);
    match startup_ms(&rzeek) {
        Some(ms) => {
            println!("start-up: {ms:.1} ms (median of 20 runs of `rzeek -b -e 'print 1;'`)")
        }
        None => println!("start-up: rzeek failed to run"),
    }
    packet_ratio(here, &bench, &rzeek, runs, &tmp);
    let _ = std::fs::remove_dir_all(&tmp);
}
