//! The interactive session: a line editor over a live `Compiler`.
//!
//! Each whole input (see `input`) is handed to the session layer
//! (`compile::session`): declarations persist, statements run at once,
//! expressions show their value and type, errors are shown against the
//! input and never end the session. Lines starting with `:` are commands.

pub mod commands;
pub mod complete;
pub mod input;

use crate::compile::Compiler;
use crate::diag::Style;
use commands::Control;
use input::Status;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

const PROMPT: &str = "zeek> ";
const CONTINUE: &str = " ...> ";

/// Where history is kept: `$RZEEK_HISTORY` (empty for none), else
/// `$XDG_DATA_HOME/rzeek/history`, else `~/.local/share/rzeek/history`.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RZEEK_HISTORY") {
        return (!p.is_empty()).then(|| PathBuf::from(p));
    }
    let data = match std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => {
            PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty())?).join(".local/share")
        }
    };
    Some(data.join("rzeek").join("history"))
}

/// Collects lines into whole inputs and runs them.
pub struct Repl {
    pending: String,
    inputs: u32,
}

impl Default for Repl {
    fn default() -> Self {
        Self::new()
    }
}

impl Repl {
    pub fn new() -> Self {
        Repl {
            pending: String::new(),
            inputs: 0,
        }
    }

    /// Whether part of an input has been typed.
    pub fn is_continuing(&self) -> bool {
        !self.pending.is_empty()
    }

    pub fn cancel(&mut self) {
        self.pending.clear();
    }

    /// Adds a line. Returns `None` while the input goes on, or the whole
    /// input (for history) once it has been run, with what comes next.
    pub fn line(&mut self, c: &mut Compiler, line: &str) -> Option<(String, Control)> {
        let force = self.is_continuing() && line.trim().is_empty();
        if self.is_continuing() {
            self.pending.push('\n');
        }
        self.pending.push_str(line);
        match input::status(&self.pending, force) {
            Status::Incomplete => None,
            Status::Empty => {
                let typed = std::mem::take(&mut self.pending);
                Some((typed, Control::Continue))
            }
            Status::Complete(text) => {
                let typed = std::mem::take(&mut self.pending);
                let control = self.run(c, &text);
                Some((typed.trim_end().to_string(), control))
            }
        }
    }

    /// Runs what is left at the end of the input, as if an empty line
    /// had been typed.
    pub fn finish(&mut self, c: &mut Compiler) -> Control {
        if !self.is_continuing() {
            return Control::Continue;
        }
        match input::status(&self.pending, true) {
            Status::Complete(text) => {
                self.pending.clear();
                self.run(c, &text)
            }
            _ => {
                self.pending.clear();
                Control::Continue
            }
        }
    }

    fn run(&mut self, c: &mut Compiler, text: &str) -> Control {
        self.inputs += 1;
        let name = format!("<input {}>", self.inputs);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if input::is_command(text) {
                match commands::parse(text) {
                    Ok(cmd) => commands::run(cmd, c, &name),
                    Err(msg) => {
                        eprintln!("{msg}");
                        Control::Continue
                    }
                }
            } else {
                c.eval_input(&name, text);
                Control::Continue
            }
        }));
        c.interp.flush();
        if c.interp.output.halted {
            // Ctrl-C stopped this input (and said where): the session goes on.
            c.interp.output.halted = false;
            c.interp.output.exit_code = None;
            crate::eval::limits::reset();
        }
        let control = result.unwrap_or_else(|_| {
            eprintln!("internal error while running that input; the session goes on");
            Control::Continue
        });
        if c.interp.output.exit_code.is_some() {
            Control::Quit
        } else {
            control
        }
    }
}

/// Runs the session until `:quit`, Ctrl-D, `exit()` or the end of input.
/// On a terminal it edits lines with history, completion and colour;
/// otherwise it reads lines as they come, without prompts.
pub fn run(c: &mut Compiler) {
    if std::io::stdin().is_terminal() {
        run_terminal(c);
    } else {
        run_lines(c, std::io::stdin().lock());
    }
    c.interp.flush();
}

/// Reads inputs from any line source (a pipe, a file, a test).
pub fn run_lines(c: &mut Compiler, reader: impl BufRead) {
    let mut repl = Repl::new();
    for line in reader.lines() {
        let Ok(line) = line else { break };
        if let Some((_, Control::Quit)) = repl.line(c, &line) {
            return;
        }
    }
    repl.finish(c);
}

fn run_terminal(c: &mut Compiler) {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .max_history_size(5000)
        .map(|b| b.completion_type(rustyline::CompletionType::List).build())
        .unwrap_or_default();
    let mut editor: Editor<complete::ZeekHelper, DefaultHistory> = match Editor::with_config(config)
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("can't start the line editor ({e}); reading lines without it");
            run_lines(c, std::io::stdin().lock());
            return;
        }
    };
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    editor.set_helper(Some(complete::ZeekHelper::new(colour)));
    editor.bind_sequence(
        rustyline::KeyEvent(rustyline::KeyCode::Tab, rustyline::Modifiers::NONE),
        rustyline::EventHandler::Conditional(Box::new(complete::TabIndents)),
    );
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    // Errors are shown against the input line.
    let saved_style = c.interp.output.style;
    c.interp.output.style = Style::Pretty;
    println!(
        "rzeek {} interactive session. :help for help, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    );
    let mut repl = Repl::new();
    loop {
        if let Some(h) = editor.helper_mut() {
            if !repl.is_continuing() {
                h.refresh(c);
            }
            h.pending = repl.pending.clone();
        }
        let prompt = if repl.is_continuing() {
            CONTINUE
        } else {
            PROMPT
        };
        match editor.readline(prompt) {
            Ok(line) => {
                if let Some((typed, control)) = repl.line(c, &line) {
                    if !typed.trim().is_empty() {
                        let _ = editor.add_history_entry(typed);
                        save_history(&mut editor, history.as_ref());
                    }
                    if control == Control::Quit {
                        break;
                    }
                }
            }
            Err(ReadlineError::Interrupted) => repl.cancel(),
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error reading input: {e}");
                break;
            }
        }
    }
    c.interp.output.style = saved_style;
}

fn save_history(editor: &mut Editor<complete::ZeekHelper, DefaultHistory>, path: Option<&PathBuf>) {
    let Some(p) = path else { return };
    if let Some(dir) = p.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = editor.save_history(p);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_gather_into_inputs() {
        let mut c = Compiler::new_session(Style::Zeek);
        let mut r = Repl::new();
        assert!(r.line(&mut c, "function add1(n: count): count").is_none());
        assert!(r.line(&mut c, "\t{").is_none());
        assert!(r.line(&mut c, "\treturn n + 1;").is_none());
        let (typed, ctl) = r.line(&mut c, "\t}").unwrap();
        assert_eq!(
            typed,
            "function add1(n: count): count\n\t{\n\treturn n + 1;\n\t}"
        );
        assert_eq!(ctl, Control::Continue);
        assert_eq!(c.type_of_input("<t>", "add1(2)"), Some("count".into()));
        // an empty line ends an input that only lacks its end
        assert!(r.line(&mut c, "global q = 1 +").is_none());
        assert!(r.line(&mut c, "2").is_some());
        assert!(r.line(&mut c, "print 1 +").is_none());
        assert!(r.line(&mut c, "").is_some(), "an empty line ends the input");
        assert!(!r.is_continuing());
        assert_eq!(c.type_of_input("<t>", "q"), Some("count".into()));
        assert_eq!(r.line(&mut c, ":quit").unwrap().1, Control::Quit);
    }

    #[test]
    fn history_location() {
        // only the variables this test sets decide; run it alone in spirit
        let p = history_path();
        if std::env::var_os("RZEEK_HISTORY").is_none() {
            assert!(p.is_none_or(|p| p.ends_with("rzeek/history")));
        }
    }
}
