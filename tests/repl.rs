//! The REPL end to end: inputs piped to `rzeek -i`, a script on standard
//! input, and a session driven through a pseudo-terminal (line editing,
//! completion, Ctrl-D).

mod common;

use common::{OutputText, Rzeek};

fn rzeek() -> Rzeek {
    Rzeek::new().env("RZEEK_HISTORY", "").env("TZ", "UTC")
}

fn piped(args: &[&str], input: &str) -> (String, String, i32) {
    let out = rzeek().args(args).stdin(input).run();
    (
        out.stdout_str(),
        out.stderr_str(),
        out.status.code().unwrap_or(-1),
    )
}

/// A connection built at the prompt.
const CONN: &str = "local c: connection = [$id=[$orig_h=1.2.3.4, $orig_p=1/tcp, $resp_h=5.6.7.8, $resp_p=80/tcp], \
$orig=[$size=0, $state=0, $flow_label=0], $resp=[$size=0, $state=0, $flow_label=0], \
$start_time=network_time(), $duration=0sec, $service=set(), $history=\"\", $uid=\"CXYZ\"]";

#[test]
fn piped_session() {
    let input = format!(
        "3 sec
type Point: record {{ x: count; y: count; }};
function norm1(p: Point): count
\t{{
\treturn p$x + p$y;
\t}}
local p = Point($x=3, $y=4)
norm1(p)
:type norm1
print p$z
global t: table[count] of string = {{ [1] = \"one\" }};
t[2] = \"two\"; print t[5];
t
@load base/protocols/conn/removal-hooks
hook my_hook(c: connection) {{ print \"hook 1\", c$uid; }}
hook my_hook(c: connection) &priority=10 {{ print \"hook 2\", c$uid; }}
{CONN}
Conn::register_removal_hook(c, my_hook)
event connection_state_remove(c)
event zeek_done() {{ print \"done\", |t|; }}
:quit
print \"not reached\"
"
    );
    let (out, err, code) = piped(&["-b", "-i"], &input);
    assert_eq!(
        out,
        "3.0 secs\ninterval\n\
         7\ncount\n\
         function(p:Point) : count\n\
         {\n[1] = one\n}\ntable[count] of string\n\
         T\nbool\n\
         hook 2, CXYZ\nhook 1, CXYZ\n\
         done, 1\n"
    );
    assert!(err.contains("no such field in record"), "{err}");
    assert!(err.contains("no such index (t[5])"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert_eq!(code, 0);
}

#[test]
fn scripts_run_before_the_session() {
    let dir = std::env::temp_dir().join(format!("rzeek-repl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("gather.zeek");
    std::fs::write(
        &script,
        "global gathered: set[string];\nevent zeek_init() { add gathered[\"init\"]; }\n\
         event zeek_done() { print \"done\", |gathered|; }\n",
    )
    .unwrap();
    let (out, err, code) = piped(
        &["-b", "-i", script.to_str().unwrap()],
        "gathered\nadd gathered[\"prompt\"]\n",
    );
    assert_eq!(out, "{\ninit\n}\nset[string]\ndone, 2\n", "{err}");
    assert_eq!(code, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_ends_the_session() {
    let (out, _, code) = piped(
        &["-b", "-i"],
        "event zeek_done() { print \"done\"; }\nprint 1\nexit(3)\nprint 2\n",
    );
    assert_eq!(out, "1\n");
    assert_eq!(code, 3);
}

#[test]
fn stdin_is_the_script_without_a_terminal() {
    let (out, err, code) = piped(
        &["-b"],
        "event zeek_init() { print 1 + 1; }\nprint \"top\";\n",
    );
    assert_eq!(out, "top\n2\n", "{err}");
    assert_eq!(code, 0);
}

#[cfg(target_os = "linux")]
mod pty {
    use super::CONN;
    use std::fs::File;
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::{Child, Stdio};
    use std::time::{Duration, Instant};

    struct Session {
        master: File,
        child: Child,
        /// Everything read, without colours and carriage returns.
        seen: String,
        /// How much of `seen` earlier expectations used.
        at: usize,
    }

    fn strip(raw: &str) -> String {
        let mut out = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(ch) = chars.next() {
            match ch {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        for c in chars.by_ref() {
                            if c.is_ascii_alphabetic() || c == '~' {
                                break;
                            }
                        }
                    }
                    Some(']') => {
                        for c in chars.by_ref() {
                            if c == '\x07' {
                                break;
                            }
                        }
                    }
                    _ => {}
                },
                '\r' | '\x07' => {}
                c => out.push(c),
            }
        }
        out
    }

    impl Session {
        fn start(args: &[&str]) -> Session {
            let (mut m, mut s) = (0, 0);
            let ws = libc::winsize {
                ws_row: 50,
                ws_col: 500,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            let rc = unsafe {
                libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws)
            };
            assert_eq!(rc, 0, "openpty");
            let slave = unsafe { OwnedFd::from_raw_fd(s) };
            let child = super::rzeek()
                .args(args)
                .env("TERM", "xterm")
                .env("NO_COLOR", "1")
                .command()
                .stdin(Stdio::from(slave.try_clone().unwrap()))
                .stdout(Stdio::from(slave.try_clone().unwrap()))
                .stderr(Stdio::from(slave))
                .spawn()
                .expect("spawn rzeek");
            Session {
                master: unsafe { File::from_raw_fd(m) },
                child,
                seen: String::new(),
                at: 0,
            }
        }

        fn read_some(&mut self, wait: Duration) {
            let mut pfd = libc::pollfd {
                fd: std::os::fd::AsRawFd::as_raw_fd(&self.master),
                events: libc::POLLIN,
                revents: 0,
            };
            let ms = wait.as_millis().min(i32::MAX as u128) as i32;
            if unsafe { libc::poll(&mut pfd, 1, ms) } > 0 {
                let mut buf = [0u8; 8192];
                if let Ok(n) = self.master.read(&mut buf) {
                    self.seen
                        .push_str(&strip(&String::from_utf8_lossy(&buf[..n])));
                }
            }
        }

        /// Waits until `text` appears after what earlier calls matched.
        fn expect(&mut self, text: &str) -> String {
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                if let Some(i) = self.seen[self.at..].find(text) {
                    let upto = self.at + i + text.len();
                    let got = self.seen[self.at..upto].to_string();
                    self.at = upto;
                    return got;
                }
                let now = Instant::now();
                assert!(
                    now < deadline,
                    "timed out waiting for {text:?}; saw:\n{}",
                    &self.seen[self.at..]
                );
                self.read_some(deadline - now);
            }
        }

        fn send(&mut self, keys: &str) {
            self.master.write_all(keys.as_bytes()).unwrap();
            self.master.flush().unwrap();
        }

        /// Types a line and waits for the next main prompt.
        fn line(&mut self, text: &str) -> String {
            self.send(text);
            self.send("\r");
            self.expect(&format!("{text}\n"));
            let out = self.expect("zeek> ");
            out[..out.len() - "zeek> ".len()].to_string()
        }
    }

    #[test]
    fn terminal_session() {
        let mut s = Session::start(&["-b"]);
        s.expect("interactive session");
        s.expect("zeek> ");
        assert!(s.line("3 sec").contains("3.0 secs\ninterval\n"));
        let out = s.line("type Pair: record { a: count; b: string &optional; };");
        assert!(out.is_empty(), "{out:?}");
        // a function over two lines, with the continuation prompt
        s.send("function sum(p: Pair): count\r");
        s.expect(" ...> ");
        assert!(s.line("{ return p$a + 1; }").is_empty());
        assert!(s.line("sum(Pair($a=41))").contains("42\ncount\n"));
        assert!(s.line(":type sum").contains("function(p:Pair) : count\n"));
        // a hook with two handlers, registered on a connection built here
        s.line("@load base/protocols/conn/removal-hooks");
        s.line("hook bye(c: connection) { print \"first\", c$uid; }");
        s.line("hook bye(c: connection) &priority=5 { print \"second\", c$uid; }");
        s.line(CONN);
        assert!(s
            .line("Conn::register_removal_hook(c, bye)")
            .contains("T\nbool\n"));
        let out = s.line("event connection_state_remove(c)");
        assert!(out.contains("second, CXYZ\nfirst, CXYZ\n"), "{out}");
        // a type error and a runtime error, shown against the input
        let out = s.line("sum(\"x\")");
        assert!(out.contains("Error: type clash"), "{out}");
        assert!(out.contains("sum(\"x\")"), "{out}");
        s.line("global seen: table[string] of count = { [\"a\"] = 1 };");
        let out = s.line("seen[\"b\"] = 2; print seen[\"zz\"];");
        assert!(out.contains("no such index"), "{out}");
        // the state is intact
        assert!(s.line("|seen|").contains("1\ncount\n"));
        assert!(s.line("sum(Pair($a=1))").contains("2\ncount\n"));
        // completion of a field after `$`
        s.send("c$id$orig_");
        s.send("\t");
        s.send("\t");
        s.expect("orig_h");
        s.expect("orig_p");
        s.send("\x15"); // Ctrl-U clears the line
                        // Ctrl-C cancels a continued input
        s.send("if ( T )\r");
        s.expect(" ...> ");
        s.send("\x03");
        s.expect("zeek> ");
        // Ctrl-D leaves
        s.send("\x04");
        let status = s.child.wait().unwrap();
        assert!(status.success());
    }
}
