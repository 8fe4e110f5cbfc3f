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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn checksum(data: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    for c in data.chunks(2) {
        sum += u32::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]));
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// The two ends of a TCP segment: addresses and ports.
type Ends = ([u8; 4], [u8; 4], u16, u16);

/// One Ethernet/IPv4/TCP frame.
fn frame((src, dst, sp, dp): Ends, seq: u32, ack: u32, flags: u8, data: &[u8]) -> Vec<u8> {
    let mut tcp = Vec::with_capacity(20 + data.len());
    tcp.extend_from_slice(&sp.to_be_bytes());
    tcp.extend_from_slice(&dp.to_be_bytes());
    tcp.extend_from_slice(&seq.to_be_bytes());
    tcp.extend_from_slice(&ack.to_be_bytes());
    tcp.extend_from_slice(&[0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    tcp.extend_from_slice(data);
    let mut pseudo = Vec::with_capacity(12 + tcp.len());
    pseudo.extend_from_slice(&src);
    pseudo.extend_from_slice(&dst);
    pseudo.extend_from_slice(&[0, 6]);
    pseudo.extend_from_slice(&(tcp.len() as u16).to_be_bytes());
    pseudo.extend_from_slice(&tcp);
    let sum = checksum(&pseudo);
    tcp[16..18].copy_from_slice(&sum.to_be_bytes());
    let total = (20 + tcp.len()) as u16;
    let mut ip = vec![0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 6, 0, 0];
    ip[2..4].copy_from_slice(&total.to_be_bytes());
    ip.extend_from_slice(&src);
    ip.extend_from_slice(&dst);
    let sum = checksum(&ip);
    ip[10..12].copy_from_slice(&sum.to_be_bytes());
    let mut out = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00];
    out.extend_from_slice(&ip);
    out.extend_from_slice(&tcp);
    out
}

/// Writes `conns` short TCP connections; returns the number of packets.
fn write_trace(path: &Path, conns: u32) -> std::io::Result<u64> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    w.write_all(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0])?;
    w.write_all(&65535u32.to_le_bytes())?;
    w.write_all(&1u32.to_le_bytes())?;
    let mut packets = 0u64;
    let mut t = 1_700_000_000.0f64;
    for i in 0..conns {
        let c = [10, (i >> 16) as u8, (i >> 8) as u8, i as u8];
        let s = [192, 168, 0, 1];
        let sp = 1024 + (i % 60000) as u16;
        let (a, b) = (1000u32, 5000u32);
        let pkts = [
            frame((c, s, sp, 80), a, 0, 0x02, b""),
            frame((s, c, 80, sp), b, a + 1, 0x12, b""),
            frame((c, s, sp, 80), a + 1, b + 1, 0x10, b""),
            frame((c, s, sp, 80), a + 1, b + 1, 0x18, b"GET /\r\n"),
            frame((s, c, 80, sp), b + 1, a + 8, 0x18, b"OK\r\n"),
            frame((c, s, sp, 80), a + 8, b + 5, 0x11, b""),
            frame((s, c, 80, sp), b + 5, a + 9, 0x11, b""),
            frame((c, s, sp, 80), a + 9, b + 6, 0x10, b""),
        ];
        for p in pkts {
            t += 0.000_1;
            w.write_all(&(t as u32).to_le_bytes())?;
            w.write_all(&((t.fract() * 1e6) as u32).to_le_bytes())?;
            w.write_all(&(p.len() as u32).to_le_bytes())?;
            w.write_all(&(p.len() as u32).to_le_bytes())?;
            w.write_all(&p)?;
            packets += 1;
        }
    }
    w.flush()?;
    Ok(packets)
}

/// Packets in a classic pcap file (for a trace made elsewhere).
fn count_packets(path: &Path) -> u64 {
    let Ok(data) = std::fs::read(path) else {
        return 0;
    };
    let (mut off, mut n) = (24usize, 0u64);
    while off + 16 <= data.len() {
        let len =
            u32::from_le_bytes([data[off + 8], data[off + 9], data[off + 10], data[off + 11]]);
        off += 16 + len as usize;
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
        let out = Command::new(env!("CARGO_BIN_EXE_rzeek"))
            .current_dir(dir)
            .args(args)
            .output()
            .expect("run rzeek");
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
