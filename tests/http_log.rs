//! http.log from traces the tests write themselves: a client at
//! 10.0.0.1 talks to a server at 10.0.0.2 over one TCP connection per
//! test; the requests and replies below are its payloads. Without `-b`
//! the HTTP scripts are loaded and each request/reply pair is a line.

mod common;

use common::pcap::{eth4, pcap, tcp4, ACK, C4, FIN, PSH, S4, SYN};
use common::Rzeek;
use std::collections::HashMap;
use std::path::Path;

/// One side's message, sent at a time.
enum Msg<'a> {
    Client(&'a [u8]),
    Server(&'a [u8]),
}

/// A handshake, the messages in order (each acked), and a close from
/// both sides (unless `close` is false).
fn conversation(port: u16, msgs: &[Msg], close: bool) -> Vec<u8> {
    let (cp, c0, s0) = (40000u16, 1000u32, 5000u32);
    let (mut cs, mut ss) = (c0 + 1, s0 + 1);
    let mut t = 1_400_000_000.0;
    let mut pk = Vec::new();
    let mut add = |t: &mut f64, p: Vec<u8>| {
        *t += 0.01;
        pk.push((*t, eth4(&p)));
    };
    add(&mut t, tcp4(C4, S4, cp, port, c0, 0, SYN, b""));
    add(&mut t, tcp4(S4, C4, port, cp, s0, c0 + 1, SYN | ACK, b""));
    add(&mut t, tcp4(C4, S4, cp, port, cs, ss, ACK, b""));
    for m in msgs {
        match m {
            Msg::Client(d) => {
                add(&mut t, tcp4(C4, S4, cp, port, cs, ss, ACK | PSH, d));
                cs += d.len() as u32;
                add(&mut t, tcp4(S4, C4, port, cp, ss, cs, ACK, b""));
            }
            Msg::Server(d) => {
                add(&mut t, tcp4(S4, C4, port, cp, ss, cs, ACK | PSH, d));
                ss += d.len() as u32;
                add(&mut t, tcp4(C4, S4, cp, port, cs, ss, ACK, b""));
            }
        }
    }
    if close {
        add(&mut t, tcp4(S4, C4, port, cp, ss, cs, FIN | ACK, b""));
        add(&mut t, tcp4(C4, S4, cp, port, cs, ss + 1, FIN | ACK, b""));
        add(&mut t, tcp4(S4, C4, port, cp, ss + 1, cs + 1, ACK, b""));
    }
    pcap(1, &pk, false, false)
}

/// Runs rzeek (default scripts) on the trace; returns http.log's rows as
/// field maps, or none if there is no http.log.
fn http_rows(name: &str, trace: &[u8]) -> Vec<HashMap<String, String>> {
    logs(name, trace).0
}

/// Runs rzeek (default scripts) on the trace; returns the rows of
/// http.log and files.log as field maps (none for a log not written).
type Rows = Vec<HashMap<String, String>>;
fn logs(name: &str, trace: &[u8]) -> (Rows, Rows) {
    let dir = common::scratch(&format!("http-{name}"));
    std::fs::write(dir.join("t.pcap"), trace).unwrap();
    let out = Rzeek::new()
        .dir(&dir)
        .env_remove("ZEEK_SEED_FILE")
        .args(["-r", "t.pcap"])
        .run();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |file: &str| -> Rows {
        let log = dir.join(file);
        if !Path::new(&log).exists() {
            return Vec::new();
        }
        let names = common::fields(&log);
        common::rows(&log)
            .iter()
            .map(|r| {
                names
                    .iter()
                    .cloned()
                    .zip(r.split('\t').map(str::to_string))
                    .collect()
            })
            .collect()
    };
    (read("http.log"), read("files.log"))
}

fn get<'a>(r: &'a HashMap<String, String>, k: &str) -> &'a str {
    r.get(k).map(String::as_str).unwrap_or("<missing>")
}

#[test]
fn get_with_content_length() {
    let (rows, files) = logs(
        "get",
        &conversation(
            80,
            &[
                Msg::Client(b"GET /a%20b?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\nReferer: http://r/\r\n\r\n"),
                Msg::Server(b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world"),
            ],
            true,
        ),
    );
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(get(r, "trans_depth"), "1");
    assert_eq!(get(r, "method"), "GET");
    assert_eq!(get(r, "host"), "example.com");
    assert_eq!(get(r, "uri"), "/a b?x=1");
    assert_eq!(get(r, "referrer"), "http://r/");
    assert_eq!(get(r, "user_agent"), "t/1");
    assert_eq!(get(r, "version"), "1.1");
    assert_eq!(get(r, "request_body_len"), "0");
    assert_eq!(get(r, "response_body_len"), "11");
    assert_eq!(get(r, "status_code"), "200");
    assert_eq!(get(r, "status_msg"), "OK");
    assert_eq!(get(r, "orig_fuids"), "-");
    let fuid = get(r, "resp_fuids");
    assert!(
        fuid.starts_with('F') && fuid.len() > 10 && fuid.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{fuid}"
    );
    // files.log: the body, on that connection, from the responder.
    assert_eq!(files.len(), 1);
    let f = &files[0];
    assert_eq!(get(f, "fuid"), fuid);
    assert_eq!(get(f, "uid"), get(r, "uid"));
    assert_eq!(get(f, "source"), "HTTP");
    assert_eq!(get(f, "is_orig"), "F");
    assert_eq!(get(f, "seen_bytes"), "11");
    assert_eq!(get(f, "total_bytes"), "11");
    assert_eq!(get(f, "id.resp_p"), "80");
}

#[test]
fn post_with_body() {
    let rows = http_rows(
        "post",
        &conversation(
            8080,
            &[
                Msg::Client(b"POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\n"),
                Msg::Client(b"a=1&b=2"),
                Msg::Server(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
            ],
            true,
        ),
    );
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(get(r, "method"), "POST");
    assert_eq!(get(r, "request_body_len"), "7");
    assert_eq!(get(r, "response_body_len"), "0");
    assert_eq!(get(r, "status_code"), "201");
    assert_eq!(get(r, "status_msg"), "Created");
    assert!(get(r, "orig_fuids").starts_with('F'));
    assert_eq!(get(r, "resp_fuids"), "-");
}

#[test]
fn chunked_reply_off_the_http_ports() {
    // Port 9999: recognized by the request and the reply, as Zeek's
    // dynamic protocol detection does.
    let (rows, files) = logs(
        "chunked",
        &conversation(
            9999,
            &[
                Msg::Client(b"GET /c HTTP/1.1\r\nHost: h\r\n\r\n"),
                Msg::Server(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Msg::Server(b"5\r\nhello\r\n"),
                Msg::Server(b"6; ext=1\r\n world\r\n0\r\n\r\n"),
            ],
            true,
        ),
    );
    assert_eq!(rows.len(), 1);
    assert_eq!(get(&rows[0], "response_body_len"), "11");
    assert_eq!(get(&rows[0], "uri"), "/c");
    // A chunked body's size is known only at its end.
    assert_eq!(files.len(), 1);
    assert_eq!(get(&files[0], "seen_bytes"), "11");
    assert_eq!(get(&files[0], "total_bytes"), "-");
}

#[test]
fn persistent_connection_two_transactions() {
    let rows = http_rows(
        "pipelined",
        &conversation(
            80,
            &[
                Msg::Client(
                    b"GET /one HTTP/1.1\r\nHost: h\r\n\r\nHEAD /two HTTP/1.1\r\nHost: h\r\n\r\n",
                ),
                Msg::Server(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"),
                Msg::Server(b"HTTP/1.1 404 Not Found\r\nContent-Length: 50\r\n\r\n"),
            ],
            true,
        ),
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(get(&rows[0], "trans_depth"), "1");
    assert_eq!(get(&rows[0], "uri"), "/one");
    assert_eq!(get(&rows[0], "response_body_len"), "3");
    assert_eq!(get(&rows[1], "trans_depth"), "2");
    assert_eq!(get(&rows[1], "method"), "HEAD");
    assert_eq!(get(&rows[1], "status_code"), "404");
    // The reply to HEAD has no body, whatever its Content-Length says.
    assert_eq!(get(&rows[1], "response_body_len"), "0");
    // Different transactions, different files.
    assert!(get(&rows[0], "resp_fuids").starts_with('F'));
    assert_eq!(get(&rows[1], "resp_fuids"), "-");
}

#[test]
fn request_without_reply_is_logged_at_the_end() {
    let rows = http_rows(
        "noreply",
        &conversation(80, &[Msg::Client(b"GET /lonely HTTP/1.0\r\n\r\n")], false),
    );
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(get(r, "uri"), "/lonely");
    assert_eq!(get(r, "status_code"), "-");
    assert_eq!(get(r, "version"), "-");
}

#[test]
fn not_http_off_the_ports_writes_nothing() {
    let rows = http_rows(
        "nothttp",
        &conversation(
            9999,
            &[
                Msg::Client(b"GET / HTTP/1.1\r\n\r\n"),
                Msg::Server(b"SSH-2.0-OpenSSH\r\n"),
            ],
            true,
        ),
    );
    assert!(rows.is_empty());
}

#[test]
fn malformed_input_does_not_panic() {
    let garbage: [&[u8]; 6] = [
        b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"\x00\xff\r\n\r\n\n\n",
        b"HTTP/1.1 2000000000000000000000 x\r\n\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\nab",
        b"GET / HTTP/1.1\r\n : \r\n\t folded\r\nNoColon\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab",
    ];
    for (i, g) in garbage.iter().enumerate() {
        // Each as the client's and as the server's message, on an HTTP
        // port (where the analyzer is attached whatever comes).
        let rows = http_rows(
            &format!("junk{i}"),
            &conversation(
                80,
                &[
                    Msg::Client(b"GET /ok HTTP/1.1\r\n\r\n"),
                    Msg::Server(g),
                    Msg::Client(g),
                ],
                true,
            ),
        );
        assert!(rows.len() <= 2, "{i}: {rows:?}");
        assert_eq!(get(&rows[0], "uri"), "/ok", "{i}");
    }
}

#[test]
fn entity_data_carries_the_body_when_handled() {
    let dir = common::scratch("http-entity-data");
    let trace = conversation(
        80,
        &[
            Msg::Client(b"GET / HTTP/1.1\r\n\r\n"),
            Msg::Server(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"),
        ],
        true,
    );
    std::fs::write(dir.join("t.pcap"), trace).unwrap();
    std::fs::write(
        dir.join("s.zeek"),
        "event http_entity_data(c: connection, is_orig: bool, length: count, data: string)\n\
         \t{ print is_orig, length, data; }\n",
    )
    .unwrap();
    let out = Rzeek::new()
        .dir(&dir)
        .args(["-r", "t.pcap", "s.zeek"])
        .run();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "F, 3, abc\nF, 2, de\n"
    );
}
