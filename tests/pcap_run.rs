//! `rzeek -r`: reproducible uids under ZEEK_SEED_FILE, and failures of the
//! trace itself. The traces are written here, from scratch.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::pcap::{a16, eth_macs, ipv4, mac, pcap as pcap_file, udp_seg, C4, S4};
use common::Rzeek;

/// A UDP packet from 10.0.0.1:`sport` to 10.0.0.2:53, in an Ethernet frame.
fn udp_frame(sport: u16, data: &[u8]) -> Vec<u8> {
    let seg = udp_seg(&a16(C4), &a16(S4), false, sport, 53, data);
    eth_macs(mac(2), mac(1), 0x0800, &ipv4(C4, S4, 17, &seg))
}

/// A pcap of `frames`, one a second from 1,500,000,000.
fn pcap(frames: &[Vec<u8>]) -> Vec<u8> {
    let pkts: Vec<(f64, Vec<u8>)> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| (1_500_000_000.0 + i as f64, f.clone()))
        .collect();
    pcap_file(1, &pkts, false, false)
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rzeek-pcap-run-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(dir: &Path, args: &[&str], script: &str, seed: Option<&Path>) -> Output {
    std::fs::write(dir.join("s.zeek"), script).unwrap();
    let cmd = Rzeek::new()
        .dir(dir)
        .arg("-b")
        .arg("--diagnostics")
        .arg("zeek")
        .args(args)
        .arg("s.zeek");
    match seed {
        Some(s) => cmd.env("ZEEK_SEED_FILE", s),
        None => cmd.env_remove("ZEEK_SEED_FILE"),
    }
    .run()
}

const PRINT_UIDS: &str = "event new_connection(c: connection) { print c$uid; }\n";

#[test]
fn uids_follow_the_seed_file() {
    let dir = scratch("uids");
    let frames: Vec<Vec<u8>> = (0..3).map(|i| udp_frame(40000 + i, b"q")).collect();
    std::fs::write(dir.join("t.pcap"), pcap(&frames)).unwrap();
    let seed = dir.join("seed");
    let words: Vec<String> = (1..=21).map(|i: u32| i.to_string()).collect();
    std::fs::write(&seed, words.join("\n") + "\n").unwrap();

    // Expected values from an independent implementation of Zeek's scheme
    // (SipHash-2-4 of (pool 1, counter) keyed by the seed's last four
    // words; base 62, least significant digit first), which reproduces
    // Zeek's uids under its test-suite seed.
    let out = run(&dir, &["-r", "t.pcap"], PRINT_UIDS, Some(&seed));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "CSVJ8l3eyZrCZw2ISi\nCDeepy4cOpo5TxDAO9\nCHMj5f3mxaKlVOx2z4\n"
    );

    let script = format!("redef bits_per_uid = 64;\n{PRINT_UIDS}");
    let out = run(&dir, &["-r", "t.pcap"], &script, Some(&seed));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        text.lines().take(2).collect::<Vec<_>>(),
        ["CTY0ROuoG6Ff0", "CeyZrCZw2ISi0"]
    );

    // Without a seed: still well-formed and distinct.
    let out = run(&dir, &["-r", "t.pcap"], PRINT_UIDS, None);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let uids: Vec<&str> = text.lines().collect();
    assert_eq!(uids.len(), 3);
    assert!(uids.iter().all(|u| u.starts_with('C')
        && u.len() > 8
        && u.chars().all(|c| c.is_ascii_alphanumeric())));
    assert!(uids[0] != uids[1] && uids[1] != uids[2]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_trace_is_fatal() {
    let dir = scratch("missing");
    let out = run(
        &dir,
        &["-r", "nope.pcap"],
        "event zeek_done() { print \"done\"; }\n",
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "fatal error: problem with trace file nope.pcap (nope.pcap: No such file or directory)\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn truncated_trace_keeps_what_was_read() {
    let dir = scratch("truncated");
    let mut bytes = pcap(&[udp_frame(40000, b"one"), udp_frame(40001, b"two")]);
    bytes.truncate(bytes.len() - 10);
    std::fs::write(dir.join("t.pcap"), bytes).unwrap();
    let script = "event connection_state_remove(c: connection) { print c$id$orig_p; }\n\
                  event zeek_done() { print \"done\"; }\n";
    let out = run(&dir, &["-r", "t.pcap"], script, None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "40000/udp\ndone\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("t.pcap") && err.contains("truncated"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
