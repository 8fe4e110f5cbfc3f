//! Output and diagnostics: standard output in order with the reporter's
//! messages, Zeek's wording of runtime errors with the failing
//! expression's text, and how the run ends (exit status, stops from
//! outside).

use super::{limits, printlog, Interp};
use crate::diag::{render, Diagnostic, SourceMap, Style};
use crate::syntax::ast::Span;
use std::io::Write;
use std::rc::Rc;

/// Where output and diagnostics go.
pub struct Output {
    pub sources: SourceMap,
    pub style: Style,
    pub(crate) stdout: std::io::BufWriter<std::io::Stdout>,
    /// Where print statements go when `Log::print_to_log` redirects them.
    pub(crate) print_log: Option<Rc<printlog::PrintLog>>,
    pub errors: u32,
    /// Error-level messages reported so far (errors, expression errors,
    /// fatals), printed or handled by the reporter framework: Zeek's
    /// `reporter->Errors()`, which decides whether a run may go on after
    /// its scripts are read.
    pub reported_errors: u32,
    /// Set by a fatal error.
    pub exit_code: Option<i32>,
    /// Set once a stop (Ctrl-C, `--max-time`) has been reported: the run
    /// is over, and what unwinds from it reports nothing more.
    pub halted: bool,
}

impl Output {
    pub fn new(sources: SourceMap, style: Style) -> Output {
        Output {
            sources,
            style,
            stdout: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            print_log: None,
            errors: 0,
            reported_errors: 0,
            exit_code: None,
            halted: false,
        }
    }
}

impl Interp {
    pub fn write_out(&mut self, bytes: &[u8]) {
        let _ = self.output.stdout.write_all(bytes);
    }

    pub fn flush(&mut self) {
        let _ = self.output.stdout.flush();
    }

    /// Prints a diagnostic on stderr, after what stdout holds so far.
    pub fn report_diag(&mut self, d: &Diagnostic) {
        if self.output.halted || d.severity == crate::diag::Severity::Quiet {
            return;
        }
        use crate::diag::Severity;
        if matches!(
            d.severity,
            Severity::Error | Severity::Runtime | Severity::Fatal | Severity::RuntimeFatal
        ) {
            self.output.reported_errors += 1;
        }
        if !self.reporter_event(d) {
            return;
        }
        self.flush();
        // While a trace is read, Zeek's reporter leads with network time.
        if self.sched.network_time != 0.0 && self.sched.packet_source.is_some() {
            eprint!("{:.6} ", self.sched.network_time);
        }
        eprintln!("{}", render(d, &self.output.sources, self.output.style));
    }

    /// Reports a runtime error in Zeek's form, with the failing
    /// expression's text.
    pub fn report_runtime(&mut self, d: &Diagnostic) {
        self.output.errors += 1;
        self.report_diag(d);
    }

    /// The text of an expression as Zeek describes it in messages: the
    /// source, with string constants shown without their quotes.
    pub fn span_text(&self, span: Span) -> String {
        if let Some(t) = self
            .globals
            .text_overrides
            .get(&(span.file, span.lo, span.hi))
        {
            return t.clone();
        }
        let src = self
            .output
            .sources
            .get(span.file)
            .and_then(|f| f.text.get(span.lo as usize..span.hi as usize))
            .unwrap_or("");
        let mut out = String::with_capacity(src.len());
        let mut in_str = false;
        let mut chars = src.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => in_str = !in_str,
                '\\' if in_str => {
                    out.push(c);
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Prints an "expression warning" with the expression's text.
    pub fn warn_at(&mut self, span: Span, msg: &str) {
        let mut d = *self.error_at(span, msg);
        d.severity = crate::diag::Severity::RuntimeWarning;
        self.report_diag(&d);
    }

    pub fn error_at(&self, span: Span, msg: &str) -> Box<Diagnostic> {
        let text = self.span_text(span);
        let msg = if text.is_empty() {
            msg.to_string()
        } else {
            format!("{msg} ({text})")
        };
        Box::new(Diagnostic::runtime(span, msg))
    }

    /// Ends the run for a stop from outside: reports it once, at the first
    /// line of `at` (a loop or a call: its whole span may cover many
    /// lines), and sets the exit status. Returns the error to unwind with.
    pub fn halt(&mut self, stop: limits::Stop, at: Option<Span>) -> Box<Diagnostic> {
        let mut d = Diagnostic::fatal(stop.message());
        d.severity = crate::diag::Severity::RuntimeFatal;
        d.span = at.map(|s| self.first_line(s));
        if !self.output.halted {
            self.output.errors += 1;
            self.report_diag(&d);
            self.output.halted = true;
            self.output.exit_code = Some(stop.exit_code());
        }
        Box::new(d)
    }

    /// Between events and packets, where no step is taken: halts if a
    /// stop is pending. Returns whether the run is over.
    pub fn check_stop(&mut self) -> bool {
        if let Some(stop) = limits::pending() {
            self.halt(stop, None);
        }
        self.output.exit_code.is_some()
    }

    fn first_line(&self, s: Span) -> Span {
        let text = self
            .output
            .sources
            .get(s.file)
            .map_or("", |f| f.text.as_str());
        let end = text
            .get(s.lo as usize..s.hi as usize)
            .and_then(|t| t.find('\n'))
            .map_or(s.hi, |n| s.lo + n as u32);
        Span { hi: end, ..s }
    }
}

impl Interp {
    /// The exit status, once a script (`exit`) or a fatal error ended the
    /// run.
    #[inline]
    pub fn exit_code(&self) -> Option<i32> {
        self.output.exit_code
    }
}
