//! Stopping scripts from outside: Ctrl-C (SIGINT) and `--max-time` turn a
//! running script into a located error and a non-zero exit status; a
//! second Ctrl-C ends a blocked process; in the interactive session an
//! interrupted input returns to the prompt.
//!
//! The scripts print before they loop, and SIGINT is only sent once their
//! first output has arrived: by then the handler is installed (it is set
//! up before any script statement runs), so the tests do not race it.

mod common;

use common::Rzeek;
use std::io::{Read, Write};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A script that prints in an endless loop at line 4; stdout is flushed
/// every 64 KB, which tells the test the loop is running.
const LOOP: &str = "global n = 0;
event zeek_init()
\t{
\twhile ( T )
\t\t{
\t\tprint n;
\t\t++n;
\t\t}
\t}
event zeek_done() { print \"done\"; }
";

struct Run {
    child: Child,
    first_output: mpsc::Receiver<()>,
    stdout: std::thread::JoinHandle<String>,
    stderr: std::thread::JoinHandle<String>,
}

/// Starts `rzeek -b --diagnostics zeek ARGS` in a fresh directory holding
/// `script` as s.zeek, with `stdin` as its standard input.
fn start(tag: &str, script: &str, args: &[&str], stdin: &str) -> Run {
    let dir = std::env::temp_dir().join(format!("rzeek-limits-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("s.zeek"), script).unwrap();
    let mut child = Rzeek::new()
        .args(["-b", "--diagnostics", "zeek"])
        .args(args)
        .dir(&dir)
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    // Both pipes are drained to the end so the child never blocks on them.
    let (tx, first_output) = mpsc::channel();
    let mut out = child.stdout.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 1 << 16];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            if all.is_empty() {
                let _ = tx.send(());
            }
            all.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&all).into_owned()
    });
    let mut err = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    Run {
        child,
        first_output,
        stdout,
        stderr,
    }
}

impl Run {
    fn wait_for_output(&self) {
        self.first_output
            .recv_timeout(Duration::from_secs(30))
            .expect("the script printed nothing");
    }

    fn sigint(&self) {
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: kill(2) with a child's own pid and a valid signal.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    }

    /// Waits (at most `limit`) for the end; returns the status, stdout
    /// and stderr. A child still running after `limit` is killed and the
    /// test fails.
    fn finish(mut self, limit: Duration) -> (ExitStatus, String, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("rzeek did not stop within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        (
            status,
            self.stdout.join().unwrap(),
            self.stderr.join().unwrap(),
        )
    }
}

#[test]
fn ctrl_c_stops_a_loop_and_names_its_line() {
    let run = start("sigint", LOOP, &["s.zeek"], "");
    run.wait_for_output();
    std::thread::sleep(Duration::from_millis(300));
    run.sigint();
    let (status, out, err) = run.finish(Duration::from_secs(10));
    assert_eq!(status.code(), Some(130), "stderr: {err}");
    assert_eq!(err, "runtime error in ./s.zeek, line 4: interrupted\n");
    assert!(!out.contains("done"), "zeek_done ran after the interrupt");
}

#[test]
fn max_time_stops_a_loop_and_names_its_line() {
    let began = Instant::now();
    let run = start("maxtime", LOOP, &["--max-time", "0.5", "s.zeek"], "");
    let (status, out, err) = run.finish(Duration::from_secs(20));
    assert!(began.elapsed() >= Duration::from_millis(500));
    assert_eq!(status.code(), Some(124), "stderr: {err}");
    assert_eq!(
        err,
        "runtime error in ./s.zeek, line 4: time limit of 0.5 s exceeded\n"
    );
    assert!(!out.contains("done"));
}

#[test]
fn max_time_leaves_a_quick_script_alone() {
    let script = "event zeek_init() { print 1; } event zeek_done() { print 2; }\n";
    let run = start("quick", script, &["--max-time", "20", "s.zeek"], "");
    let (status, out, err) = run.finish(Duration::from_secs(20));
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert_eq!((out.as_str(), err.as_str()), ("1\n2\n", ""));
}

#[test]
fn max_time_must_be_a_positive_number() {
    for bad in ["0", "-1", "soon", "NaN"] {
        let arg = format!("--max-time={bad}");
        let run = start("badtime", LOOP, &[&arg, "s.zeek"], "");
        let (status, _, err) = run.finish(Duration::from_secs(20));
        assert_eq!(status.code(), Some(2), "--max-time {bad}: {err}");
        assert!(err.contains("--max-time"), "{err}");
    }
}

/// A built-in that blocks takes no step: the interrupt is seen once it
/// returns, and the handler it was in is the last thing that runs.
#[test]
fn ctrl_c_during_a_blocking_builtin_ends_the_run_after_it() {
    let script = "event zeek_init()
\t{
\tprint string_fill(70000, \"x\");
\tsleep(1 sec);
\t}
event zeek_init() &priority=-1 { print \"next handler\"; }
event zeek_done() { print \"done\"; }
";
    let run = start("blocked", script, &["s.zeek"], "");
    run.wait_for_output();
    run.sigint();
    let (status, out, err) = run.finish(Duration::from_secs(10));
    assert_eq!(status.code(), Some(130), "stderr: {err}");
    assert_eq!(err, "runtime error: interrupted\n");
    assert!(!out.contains("next handler") && !out.contains("done"));
}

/// A second Ctrl-C does not wait for the blocked built-in.
#[test]
fn a_second_ctrl_c_ends_a_blocked_process_at_once() {
    let script = "event zeek_init() { print string_fill(70000, \"x\"); sleep(30 sec); }\n";
    let began = Instant::now();
    let run = start("twice", script, &["s.zeek"], "");
    run.wait_for_output();
    run.sigint();
    std::thread::sleep(Duration::from_millis(200));
    run.sigint();
    let (status, _, _) = run.finish(Duration::from_secs(20));
    assert_eq!(status.code(), Some(130));
    assert!(began.elapsed() < Duration::from_secs(15));
}

/// In the interactive session, Ctrl-C stops the input being run, says
/// where, and the session reads the next input.
#[test]
fn ctrl_c_in_the_session_returns_to_the_next_input() {
    let inputs = "while ( T ) print 1;\nprint \"after\";\n";
    let run = start("repl", "", &["-i", "s.zeek"], inputs);
    run.wait_for_output();
    std::thread::sleep(Duration::from_millis(100));
    run.sigint();
    let (status, out, err) = run.finish(Duration::from_secs(10));
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert_eq!(err, "runtime error in <input 1>, line 1: interrupted\n");
    assert!(out.ends_with("after\n"), "{}", &out[out.len() - 40..]);
}

/// Runs a script to its end (at most 60 s) and returns status and stderr.
fn run_to_end(tag: &str, script: &str) -> (ExitStatus, String, String) {
    start(tag, script, &["s.zeek"], "").finish(Duration::from_secs(60))
}

/// An error while the scripts are read ends the run with status 1 before
/// zeek_init, as Zeek's reporter count does after parsing.
#[test]
fn an_error_while_reading_scripts_ends_the_run() {
    let (status, out, err) = run_to_end(
        "readerr",
        "global n = to_count(\"x\");\nevent zeek_init() { print \"init\"; }\n",
    );
    assert_eq!(status.code(), Some(1), "{err}");
    assert_eq!(out, "");
    assert!(err.contains("line 1: bad conversion to count"), "{err}");
}

/// Runaway recursion is a located error at Zeek's default depth, and at
/// the hard limit once the script lifts Zeek's.
#[test]
fn runaway_recursion_is_a_located_error() {
    let f = "function f(n: count): count { return n == 0 ? 0 : f(n - 1) + 1; }\n";
    let (status, _, err) = run_to_end(
        "rec",
        &format!("{f}event zeek_init() {{ print f(100000); }}\n"),
    );
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(
        err,
        "runtime error in ./s.zeek, line 1: maximum recursion depth 1000 exceeded\n"
    );
    let lifted =
        format!("{f}event zeek_init() {{ set_max_recursion_depth(0); print f(100000); }}\n");
    let (status, _, err) = run_to_end("rec0", &lifted);
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(
        err,
        "expression error in ./s.zeek, line 1: exceeded maximum call depth (20000) in call to f\n"
    );
}

/// Each call may evaluate an expression thousands of levels deep, so the
/// call depth alone does not bound the native stack: calls stop while a
/// quarter of it is left.
#[test]
fn recursion_through_deep_expressions_does_not_overflow_the_stack() {
    let script = format!(
        "function f(n: count): count {{ if ( n == 0 ) return 0; return f(n - 1){} + 1; }}\n\
         event zeek_init() {{ set_max_recursion_depth(0); print f(100000); }}\n",
        " + 0".repeat(9000)
    );
    let (status, _, err) = run_to_end("deepexpr", &script);
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(
        err.starts_with(
            "expression error in ./s.zeek, line 1: native stack exhausted at call depth "
        ) && err.ends_with(" in call to f\n"),
        "{err}"
    );
}

/// Nesting deeper than the parser's limit is a diagnostic naming the
/// line; nesting up to it runs.
#[test]
fn nesting_beyond_the_limit_is_a_diagnostic() {
    let nested = |open: &str, inner: &str, close: &str, n: usize| {
        format!("{}{inner}{}", open.repeat(n), close.repeat(n))
    };
    for (tag, script) in [
        (
            "parens",
            format!(
                "global x = 0;\nglobal y = {};\n",
                nested("(", "1", ")", 100_000)
            ),
        ),
        (
            "blocks",
            format!(
                "event zeek_init()\n\t{{ {} }}\n",
                nested("{", "", "}", 1_000_000)
            ),
        ),
        (
            "prefix",
            format!("global x = 0;\nglobal y = {}1;\n", "- ".repeat(100_000)),
        ),
    ] {
        let (status, _, err) = run_to_end(tag, &script);
        assert_eq!(status.code(), Some(1), "{tag}: {err}");
        assert_eq!(
            err, "error in ./s.zeek, line 2: nesting too deep (more than 10000 levels)\n",
            "{tag}"
        );
    }
    let script = format!("print {};\n", nested("(", "1", ")", 10_000));
    let (status, out, err) = run_to_end("parens-ok", &script);
    assert_eq!(
        (status.code(), out.as_str(), err.as_str()),
        (Some(0), "1\n", "")
    );
}

#[test]
fn a_reader_that_goes_away_is_no_panic() {
    // `rzeek --list-bifs | head -1`: the pipe closes while rzeek writes.
    for args in [
        &["--list-bifs"][..],
        &["-e", "for (i in vector(1, 2, 3)) print 1;"][..],
    ] {
        let mut child = std::process::Command::new(common::runner::BIN)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}");
    }
}
