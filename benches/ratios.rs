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
//!
//! Last, memory: the peak resident size per connection with 1,000,000
//! connections open at once (a handshake each, none closed), for a bare
//! run (the connection tracker alone) and for the removal-hook counting
//! script (which adds each connection's script record, with its `conn_id`,
//! endpoint records, `service` set and removal-hook set).
//! `RZEEK_BENCH_CONNS` changes the number; 0 skips it.

#[path = "../tests/common/pcap.rs"]
#[allow(dead_code)]
mod pcap;
#[path = "../tests/common/runner.rs"]
#[allow(dead_code)]
mod runner;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use runner::Rzeek;

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
fn startup_ms() -> Option<f64> {
    let mut times = Vec::new();
    for _ in 0..20 {
        let (secs, _) = timed(&mut Rzeek::new().args(["-b", "-e", "print 1;"]).command())?;
        times.push(secs * 1e3);
    }
    Some(median(times))
}

/// rzeek's time over a trace against `flowcount`'s (median of `runs`).
fn packet_ratio(here: &Path, bench: &Path, runs: u32, tmp: &Path) {
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
            &mut Rzeek::new()
                .arg("-b")
                .arg("-r")
                .arg(&trace)
                .arg(&script)
                .command(),
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

/// Writes a trace of `n` TCP handshakes, all open at the end, streamed
/// (the whole trace would not fit in memory comfortably).
fn write_concurrent_trace(path: &Path, n: u32) -> std::io::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut w = pcap::Pcap::new(file, 1)?;
    let server = [192, 168, 1, 1];
    for i in 0..n {
        let client = [10, (i >> 16) as u8, (i >> 8) as u8, i as u8];
        let sp = 1024 + (i % 60_000) as u16;
        let t = 1_700_000_000.0 + f64::from(i) * 1e-5;
        let pkts = [
            pcap::tcp4(client, server, sp, 80, 100, 0, pcap::SYN, &[]),
            pcap::tcp4(server, client, 80, sp, 500, 101, pcap::SYN | pcap::ACK, &[]),
            pcap::tcp4(client, server, sp, 80, 101, 501, pcap::ACK, &[]),
        ];
        for (k, ip) in pkts.iter().enumerate() {
            w.packet(t + k as f64 * 1e-6, &pcap::eth4(ip))?;
        }
    }
    w.finish().flush()
}

/// Peak resident size in KiB of a run, and its standard output.
fn peak_rss(cmd: &mut Command) -> Option<(u64, String)> {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let pid = child.id() as libc::pid_t;
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout?, &mut out).ok()?;
    let mut status = 0;
    // SAFETY: a plain zeroed C struct that wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with valid pointers to locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    (r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0)
        .then(|| (usage.ru_maxrss as u64, out.trim().to_string()))
}

/// Peak memory per connection with many connections open at once.
fn memory(here: &Path, tmp: &Path) {
    let conns: u32 = std::env::var("RZEEK_BENCH_CONNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    if conns == 0 {
        return;
    }
    let trace = tmp.join("concurrent.pcap");
    if write_concurrent_trace(&trace, conns).is_err() {
        println!("memory: could not write the trace");
        return;
    }
    let script = here.join("tests/bench/flowcount.zeek");
    let bare = peak_rss(&mut Rzeek::new().arg("-b").arg("-r").arg(&trace).command());
    let counted = peak_rss(
        &mut Rzeek::new()
            .arg("-b")
            .arg("-r")
            .arg(&trace)
            .arg(&script)
            .command(),
    );
    let (Some((bare, _)), Some((counted, out))) = (bare, counted) else {
        println!("memory: a run failed");
        return;
    };
    if out != format!("{conns}, {conns}") {
        println!("memory: unexpected output {out:?}");
        return;
    }
    let per = |kib: u64| kib as f64 * 1024.0 / f64::from(conns);
    println!(
        "memory: {conns} open connections: peak RSS per connection {:.0} B bare (the tracker), {:.0} B with the counting script ({:.0} B more: the script's connection record with its fields, and their bookkeeping)",
        per(bare),
        per(counted),
        per(counted) - per(bare)
    );
}

fn main() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench = here.join("../shared/bench");
    let rzeek = PathBuf::from(runner::BIN);
    let runs: u32 = std::env::var("RZEEK_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let tmp = std::env::temp_dir().join(format!("rzeek-ratios-{}", std::process::id()));
    if std::fs::create_dir_all(&tmp).is_err() {
        println!("ratios: cannot create {}", tmp.display());
        return;
    }
    if bench.join("run").is_file() {
        script_ratios(&bench, &rzeek, runs, &tmp);
    } else {
        println!(
            "ratios: {} is missing; nothing to compare with",
            bench.display()
        );
    }
    match startup_ms() {
        Some(ms) => {
            println!("start-up: {ms:.1} ms (median of 20 runs of `rzeek -b -e 'print 1;'`)")
        }
        None => println!("start-up: rzeek failed to run"),
    }
    if bench.is_dir() {
        packet_ratio(here, &bench, runs, &tmp);
    }
    memory(here, &tmp);
    let _ = std::fs::remove_dir_all(&tmp);
}
