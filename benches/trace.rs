//! Trace-processing throughput: packets and connections per second for the
//! removal-hook counting script (tests/bench/flowcount.zeek).
//!
//!     cargo bench --bench trace
//!
//! The trace is the 50,000-connection one of `../shared/bench/gen-pcap.py`
//! when that generator is beside the crate, else one this bench writes
//! itself (`RZEEK_BENCH_CONNS` connections, default 50,000, each a TCP
//! handshake, one data segment each way and a close; set
//! `RZEEK_BENCH_OWN_TRACE` to use it anyway). The run must print
//! every connection and every hook run, or the bench fails.
//!
//! It then times conn.log on the same trace: the default run (which must
//! write one row per connection) against the same run with the log's
//! stream disabled and against a bare run.

#[path = "../tests/common/pcap.rs"]
#[allow(dead_code)]
mod pcap;
#[path = "../tests/common/runner.rs"]
#[allow(dead_code)]
mod runner;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use runner::Rzeek;

/// Writes `conns` short TCP connections; returns the number of packets.
fn write_trace(path: &Path, conns: u32) -> std::io::Result<u64> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    pcap::short_connections(file, conns)
}

/// Packets in a trace made elsewhere.
fn count_packets(path: &Path) -> u64 {
    let Ok(mut reader) = rzeek::packet::PcapReader::open(&path.to_string_lossy()) else {
        return 0;
    };
    let mut n = 0;
    while let Ok(Some(_)) = reader.next_packet() {
        n += 1;
    }
    n
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The best wall time of three runs of rzeek in `dir`, each checked.
fn best_of_3(dir: &Path, args: &[&str], check: impl Fn(&std::process::Output)) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let out = Rzeek::new().dir(dir).args(args).run();
        let secs = start.elapsed().as_secs_f64();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        check(&out);
        best = best.min(secs);
    }
    best
}

fn main() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let conns: u32 = std::env::var("RZEEK_BENCH_CONNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let dir = std::env::temp_dir().join(format!("rzeek-trace-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let trace: PathBuf = dir.join("b.pcap");
    let gen = here.join("../shared/bench/gen-pcap.py");
    let own = std::env::var_os("RZEEK_BENCH_OWN_TRACE").is_some();
    let (source, packets) = if !own
        && gen.is_file()
        && Command::new("python3")
            .arg(&gen)
            .arg(&trace)
            .arg(conns.to_string())
            .status()
            .is_ok_and(|s| s.success())
    {
        ("gen-pcap.py", count_packets(&trace))
    } else {
        (
            "own generator",
            write_trace(&trace, conns).expect("write trace"),
        )
    };
    let script = here.join("tests/bench/flowcount.zeek");
    let want = format!("{conns}, {conns}");
    let best = best_of_3(
        &dir,
        &["-b", "-r", &path_str(&trace), &path_str(&script)],
        |out| {
            let text = String::from_utf8_lossy(&out.stdout);
            assert_eq!(text.trim(), want, "wrong result: {text}");
        },
    );
    println!(
        "trace ({source}): {conns} connections, {packets} packets; best of 3: {best:.3} s, {:.0} packets/s, {:.0} connections/s",
        packets as f64 / best,
        conns as f64 / best
    );

    // conn.log: the default run writes it through the logging framework;
    // the same run with the stream disabled, and a bare run without the
    // conn scripts at all, show what the log costs.
    let t = path_str(&trace);
    let log = dir.join("conn.log");
    let logged = best_of_3(&dir, &["-r", &t], |_| {
        let rows = std::fs::read_to_string(&log)
            .map(|s| s.lines().filter(|l| !l.starts_with('#')).count())
            .unwrap_or(0);
        assert_eq!(rows, conns as usize, "conn.log rows");
    });
    let _ = std::fs::remove_file(&log);
    let off = "event zeek_init() &priority=-10 { Log::disable_stream(Conn::LOG); }";
    let unlogged = best_of_3(&dir, &["-r", &t, "-e", off], |_| {
        assert!(!log.exists(), "conn.log written with the stream disabled");
    });
    let bare = best_of_3(&dir, &["-b", "-r", &t], |_| {});
    println!(
        "conn.log: {conns} rows in {logged:.3} s; stream disabled {unlogged:.3} s ({:.2}x); \
         bare run without conn scripts {bare:.3} s ({:.2}x)",
        logged / unlogged,
        logged / bare
    );
    let _ = std::fs::remove_dir_all(&dir);
}
