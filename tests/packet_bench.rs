//! Throughput of the packet layer on a synthetic trace.
//!
//! ```text
//! python3 ../shared/bench/gen-pcap.py /tmp/b.pcap 50000
//! cargo test --release --test packet_bench -- --ignored --nocapture
//! ```
//! (`PACKET_BENCH_PCAP` names another trace.) Prints connections, packets
//! and the time for reading + decoding + tracking, events included.

use std::time::Instant;

use rzeek::packet::{Config, ConnEvent, PcapReader, Tracker};

#[test]
#[ignore = "needs a generated trace; run with --ignored"]
fn bench_trace() {
    let path = std::env::var("PACKET_BENCH_PCAP").unwrap_or_else(|_| "/tmp/b.pcap".into());
    if !std::path::Path::new(&path).exists() {
        eprintln!("{path} missing; generate it with gen-pcap.py");
        return;
    }
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
}
