//! Without `-b`, a trace run writes Zeek's default `conn.log`: the header
//! of Zeek's ASCII writer, one line per connection as it is removed, with
//! `conn_state` summarizing the endpoints and the private 10/8 addresses
//! local (`Site::private_address_space_is_local`). Uids (random without a seed
//! file) and the open/close stamps are masked before comparing.

mod common;

use common::pcap::{eth4, pcap, tcp4, ACK, FIN, SYN};
use common::Rzeek;
use std::path::{Path, PathBuf};

fn run_in(dir: &Path, args: &[&str]) {
    std::fs::create_dir_all(dir).unwrap();
    let _ = std::fs::remove_file(dir.join("conn.log"));
    let out = Rzeek::new()
        .dir(dir)
        .env_remove("ZEEK_SEED_FILE")
        .args(args)
        .run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn masked(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("conn.log")).unwrap();
    text.lines()
        .map(|l| {
            if l.starts_with("#open\t") || l.starts_with("#close\t") {
                let (k, v) = l.split_once('\t').unwrap();
                assert_eq!(v.len(), 19, "stamp {v}");
                return format!("{k}\tSTAMP");
            }
            if l.starts_with('#') {
                return l.to_string();
            }
            let mut f: Vec<&str> = l.split('\t').collect();
            assert!(f[1].starts_with('C'), "uid {}", f[1]);
            f[1] = "UID";
            f.join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn trace(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/traces")
        .join(name)
        .display()
        .to_string()
}

const HEADER: &str = "#separator \\x09
#set_separator\t,
#empty_field\t(empty)
#unset_field\t-
#path\tconn
#open\tSTAMP
#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\tip_proto
#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tcount
";

#[test]
fn conn_log_of_mixed_trace() {
    let dir = std::env::temp_dir().join(format!("rzeek-conn-log-{}", std::process::id()));
    run_in(&dir, &["-r", &trace("mixed.pcap")]);
    let want = format!(
        "{HEADER}\
1400000000.000000\tUID\t10.0.0.1\t40001\t10.0.0.2\t80\ttcp\t-\t0.600000\t5\t7\tSF\tT\tT\t0\tShADdFf\t5\t205\t3\t127\t-\t6
1400000003.000000\tUID\t10.0.0.1\t40002\t10.0.0.5\t22\ttcp\t-\t-\t-\t-\tS0\tT\tT\t0\tS\t1\t40\t0\t0\t-\t6
1400000001.000000\tUID\t10.0.0.1\t33000\t10.0.0.3\t53\tudp\t-\t0.200000\t5\t10\tSF\tT\tT\t0\tDd\t1\t33\t1\t38\t-\t17
1400000002.000000\tUID\t10.0.0.1\t8\t10.0.0.4\t0\ticmp\t-\t0.100000\t4\t4\tOTH\tT\tT\t0\t-\t1\t32\t1\t32\t-\t1
1400000070.000000\tUID\t10.0.0.1\t40003\t10.0.0.6\t443\ttcp\t-\t-\t-\t-\tS0\tT\tT\t0\tS\t1\t40\t0\t0\t-\t6
#close\tSTAMP"
    );
    assert_eq!(masked(&dir), want);
    // In bare mode there is no conn.log.
    run_in(&dir, &["-b", "-r", &trace("mixed.pcap")]);
    assert!(!dir.join("conn.log").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn default_mode_orients_by_well_known_ports() {
    // The first packet comes from 53/udp: without -b the DNS port is a
    // likely server port, so the connection is flipped (history ^).
    let dir = std::env::temp_dir().join(format!("rzeek-conn-log-flip-{}", std::process::id()));
    run_in(&dir, &["-r", &trace("reply-first.pcap")]);
    let log = masked(&dir);
    let line = log.lines().find(|l| !l.starts_with('#')).unwrap();
    assert_eq!(
        line,
        "1400000000.000000\tUID\t10.0.0.1\t33001\t10.0.0.3\t53\tudp\t-\t0.500000\t8\t6\tSF\tT\tT\t0\t^dD\t1\t36\t1\t34\t-\t17"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A segment of an exchange: from the client?, its flags, its payload.
type Step = (bool, u8, &'static [u8]);

/// One TCP exchange between 10.0.0.1:`port` and 10.0.0.2:80 (`true` for a
/// segment from the client), sequence numbers kept as a real stack would.
fn exchange(port: u16, t0: f64, steps: &[Step]) -> Vec<(f64, Vec<u8>)> {
    const CLIENT: [u8; 4] = [10, 0, 0, 1];
    const SERVER: [u8; 4] = [10, 0, 0, 2];
    let (mut cseq, mut sseq) = (1000u32, 5000u32);
    let mut out = Vec::new();
    for (i, &(from_client, flags, data)) in steps.iter().enumerate() {
        let t = t0 + i as f64 * 0.01;
        let ack_flag = if flags & SYN != 0 && !from_client {
            ACK
        } else {
            0
        };
        let f = flags | ack_flag;
        let seg = if from_client {
            tcp4(CLIENT, SERVER, port, 80, cseq, sseq, f, data)
        } else {
            tcp4(SERVER, CLIENT, 80, port, sseq, cseq, f, data)
        };
        let used = data.len() as u32 + u32::from(flags & (SYN | FIN) != 0);
        if from_client {
            cseq += used;
        } else {
            sseq += used;
        }
        out.push((t, eth4(&seg)));
    }
    out
}

/// Runs a trace of `pkts` without `-b`; for each conn.log line, the
/// originator's port and the value of column `col`, sorted by port.
fn column_by_port(name: &str, pkts: &[(f64, Vec<u8>)], col: usize) -> Vec<(u16, String)> {
    let dir = std::env::temp_dir().join(format!("rzeek-conn-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("t.pcap"), pcap(1, pkts, false, false)).unwrap();
    run_in(&dir, &["-r", "t.pcap"]);
    let log = masked(&dir);
    let mut got: Vec<(u16, String)> = log
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[3].parse().unwrap(), f[col].to_string())
        })
        .collect();
    got.sort();
    let _ = std::fs::remove_dir_all(&dir);
    got
}

#[test]
fn conn_states_of_tcp_endings() {
    use common::pcap::RST;
    const C: bool = true;
    const S: bool = false;
    let hs: [Step; 3] = [(C, SYN, b""), (S, SYN, b""), (C, ACK, b"")];
    let with =
        |rest: &[Step]| -> Vec<Step> { hs.iter().copied().chain(rest.iter().copied()).collect() };
    let cases: Vec<(&str, Vec<Step>)> = vec![
        (
            "SF",
            with(&[
                (C, ACK, b"hi"),
                (C, FIN | ACK, b""),
                (S, FIN | ACK, b""),
                (C, ACK, b""),
            ]),
        ),
        ("S0", vec![(C, SYN, b"")]),
        ("REJ", vec![(C, SYN, b""), (S, RST | ACK, b"")]),
        ("S1", with(&[(C, ACK, b"data")])),
        ("S2", with(&[(C, FIN | ACK, b"")])),
        ("S3", with(&[(S, FIN | ACK, b"")])),
        ("RSTO", with(&[(C, RST | ACK, b"")])),
        ("RSTR", with(&[(S, RST | ACK, b"")])),
        ("RSTOS0", vec![(C, SYN, b""), (C, RST, b"")]),
        ("SH", vec![(C, SYN, b""), (C, FIN, b"")]),
        ("OTH", vec![(C, ACK, b"mid-stream")]),
    ];
    let mut pkts = Vec::new();
    for (i, (_, steps)) in cases.iter().enumerate() {
        pkts.extend(exchange(6000 + i as u16, 1_400_000_000.0 + i as f64, steps));
    }
    let got = column_by_port("states", &pkts, 11);
    let want: Vec<(u16, String)> = cases
        .iter()
        .enumerate()
        .map(|(i, (state, _))| (6000 + i as u16, state.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn services_recognized_from_openings() {
    use common::pcap::udp4;
    const C: bool = true;
    const S: bool = false;
    let hs: [Step; 3] = [(C, SYN, b""), (S, SYN, b""), (C, ACK, b"")];
    let with =
        |rest: &[Step]| -> Vec<Step> { hs.iter().copied().chain(rest.iter().copied()).collect() };
    // A request typed in pieces, then the reply.
    let http = with(&[
        (C, ACK, b"GE"),
        (C, ACK, b"T /x HTTP/1.1\r"),
        (C, ACK, b"\nHost: a\r\n\r\n"),
        (S, ACK, b"HTTP/1.1 404 Not Found\r\n\r\n"),
    ]);
    let tls = with(&[
        (C, ACK, &[22, 3, 1, 0, 4, 1, 0, 0, 0]),
        (S, ACK, &[22, 3, 3, 0, 4, 2, 0, 0, 0]),
    ]);
    let chat = with(&[(C, ACK, b"hello there\n"), (S, ACK, b"HTTP/1.1 200 OK\r\n")]);
    let mut pkts = Vec::new();
    for (i, steps) in [http, tls, chat].iter().enumerate() {
        pkts.extend(exchange(7000 + i as u16, 1_400_000_000.0 + i as f64, steps));
    }
    let query = [
        0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, b'a', 3, b'c', b'o', b'm', 0, 0, 1, 0, 1,
    ];
    pkts.push((
        1_400_000_005.0,
        eth4(&udp4([10, 0, 0, 1], [10, 0, 0, 53], 7003, 53, &query)),
    ));
    let got = column_by_port("services", &pkts, 7);
    let want: Vec<(u16, String)> = [(7000, "http"), (7001, "ssl"), (7002, "-"), (7003, "dns")]
        .iter()
        .map(|(p, s)| (*p, s.to_string()))
        .collect();
    assert_eq!(got, want);
}
