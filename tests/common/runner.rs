//! The one way tests and benches run the `rzeek` binary:
//!
//! ```ignore
//! let out = Rzeek::new().args(["-b", "s.zeek"]).dir(&dir).env("TZ", "UTC").run();
//! assert_eq!(out.stdout_str(), "hello\n");
//! ```
//!
//! `run` waits for the process and returns its `std::process::Output`
//! (status, stdout, stderr); standard input is empty unless `stdin` gives
//! it bytes. Tests that drive the process themselves (signals, a
//! pseudo-terminal, a time limit) take the configured `Command` from
//! `command` and spawn it.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_rzeek");

/// A run of `rzeek` being set up.
#[must_use]
pub struct Rzeek {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl Default for Rzeek {
    fn default() -> Self {
        Self::new()
    }
}

impl Rzeek {
    pub fn new() -> Self {
        Rzeek {
            cmd: Command::new(BIN),
            stdin: None,
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub fn envs<I, K, V>(mut self, vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        self.cmd.envs(vars);
        self
    }

    /// Leaves `key` out of the environment the run inherits.
    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.cmd.env_remove(key);
        self
    }

    /// The working directory of the run.
    pub fn dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    /// Bytes for standard input, closed after them.
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    /// Runs to the end; panics only if the binary cannot be started.
    pub fn run(self) -> Output {
        let Rzeek { mut cmd, stdin } = self;
        let Some(input) = stdin else {
            return cmd
                .output()
                .unwrap_or_else(|e| panic!("running {BIN}: {e}"));
        };
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("running {BIN}: {e}"));
        let mut pipe = child.stdin.take().expect("stdin piped");
        // Written from a thread so that a child which answers before it has
        // read everything cannot block on a full output pipe.
        let writer = std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("waiting for {BIN}: {e}"));
        let _ = writer.join();
        out
    }

    /// The configured command, for a test that spawns and drives the
    /// process itself. Bytes given to `stdin` are not part of it.
    pub fn command(self) -> Command {
        assert!(
            self.stdin.is_none(),
            "stdin bytes are only written by run()"
        );
        self.cmd
    }
}

/// Standard output and error as text.
pub trait OutputText {
    fn stdout_str(&self) -> String;
    fn stderr_str(&self) -> String;
}

impl OutputText for Output {
    fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}
