//! Throughput of the packet layer on a synthetic trace.
//!
//! ```text
//! cargo test --release --test packet_bench -- --ignored --nocapture
//! ```
//! The trace is 50,000 short TCP connections written by the tests' pcap
//! builder (`common::pcap::short_connections`); `PACKET_BENCH_PCAP` names
//! another one (e.g. from `../shared/bench/gen-pcap.py`). Prints
//! connections, packets and the time for reading + decoding + tracking,
//! events included.

mod common;

use std::time::Instant;

use rzeek::packet::{Config, ConnEvent, PcapReader, Tracker};

#[test]
#[ignore = "a benchmark; run with --ignored"]
fn bench_trace() {
    let (path, own) = match std::env::var("PACKET_BENCH_PCAP") {
        Ok(p) => {
            assert!(
                std::path::Path::new(&p).is_file(),
                "PACKET_BENCH_PCAP={p} is not a file"
            );
            (p, false)
        }
        Err(_) => {
            let p = std::env::temp_dir()
                .join(format!("rzeek-packet-bench-{}.pcap", std::process::id()));
            let file = std::fs::File::create(&p).expect("create trace");
            common::pcap::short_connections(std::io::BufWriter::new(file), 50_000)
                .expect("write trace");
            (p.display().to_string(), true)
        }
    };
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let mut reader = PcapReader::open(&path).expect("open");
        let mut tracker = Tracker::new(Config::default());
        let mut events = Vec::with_capacity(64);
        let (mut conns, mut removed, mut pkts) = (0u64, 0u64, 0u64);
        loop {
            match reader.next_packet() {
                Ok(Some(p)) => {
                    pkts += 1;
                    tracker.packet(&p, &mut events);
                }
                Ok(None) => break,
                Err(e) => panic!("{e}"),
            }
            for ev in events.drain(..) {
                match ev {
                    ConnEvent::NewConnection(_) => conns += 1,
                    ConnEvent::ConnectionStateRemove(h) => {
                        removed += 1;
                        assert!(tracker.conn(h).is_some());
                    }
                    _ => {}
                }
            }
        }
        tracker.finish(&mut events);
        removed += events
            .iter()
            .filter(|e| matches!(e, ConnEvent::ConnectionStateRemove(_)))
            .count() as u64;
        let secs = start.elapsed().as_secs_f64();
        best = best.min(secs);
        assert_eq!(conns, removed);
        println!(
            "{path}: {conns} connections, {pkts} packets in {secs:.3} s ({:.2} Mpkt/s, {:.0} conn/s)",
            pkts as f64 / secs / 1e6,
            conns as f64 / secs
        );
    }
    println!("best: {best:.3} s");
    if own {
        let _ = std::fs::remove_file(&path);
    }
}
