//! One diagnostic type for every stage (lexing, parsing, type checking,
//! running), rendered either as Zeek's one-line form, which tests and tools
//! compare, or as an annotated excerpt with ariadne for people.

use crate::ast::Span;
use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// Zeek's "expression error" for failures while evaluating.
    Runtime,
    /// Zeek's "expression warning" (e.g. count underflow).
    RuntimeWarning,
    Fatal,
    /// Zeek's "runtime error" (e.g. the recursion limit).
    RuntimeFatal,
    /// An informational message (`Reporter::info`): Zeek prints its
    /// location and text with no severity word.
    Info,
    /// Not reported at all: what ends a handler after its message was
    /// given already, or deliberately withheld (a failed `assert` whose
    /// hook said `break`).
    Quiet,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    /// Extra detail shown only in the annotated rendering (e.g. what a
    /// parser expected), since Zeek's one-line form does not carry it.
    pub help: Option<String>,
    /// A second object Zeek names in the location part ("LOC and LOC2",
    /// "TYPE and LOC", "LOC and TYPE").
    pub also: Option<Also>,
}

/// The second object of a two-object message.
#[derive(Debug, Clone, PartialEq)]
pub enum Also {
    /// Another location, written after the first.
    Span(Span),
    /// A description (a type, a value) written before the location.
    Before(String),
    /// A description written after the location.
    After(String),
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span: Some(span),
            help: None,
            also: None,
        }
    }
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }
    pub fn runtime(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Runtime,
            ..Diagnostic::error(span, message)
        }
    }
    pub fn fatal(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Fatal,
            message: message.into(),
            span: None,
            help: None,
            also: None,
        }
    }
    pub fn with_also(mut self, also: Also) -> Self {
        self.also = Some(also);
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A source file as loaded: the name shown in messages and its text.
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: String, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Every file read in this run, indexed by the `file` of a span.
#[derive(Default)]
pub struct SourceMap {
    pub files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, name: String, text: String) -> u32 {
        self.files.push(SourceFile::new(name, text));
        (self.files.len() - 1) as u32
    }

    pub fn get(&self, id: u32) -> Option<&SourceFile> {
        self.files.get(id as usize)
    }

    /// "FILE, line N" or "FILE, lines N-M", as Zeek writes locations.
    pub fn location(&self, span: Span) -> Option<String> {
        let f = self.get(span.file)?;
        let a = f.line_of(span.lo as usize);
        let b = f.line_of((span.hi as usize).saturating_sub(1).max(span.lo as usize));
        Some(if a == b {
            format!("{}, line {}", f.name, a)
        } else {
            format!("{}, lines {}-{}", f.name, a, b)
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Zeek's one-line form: `error in FILE, line N: MESSAGE`.
    Zeek,
    /// An annotated source excerpt.
    Pretty,
}

impl Style {
    /// The styles by the names the command line gives them.
    pub const NAMES: [(&'static str, Style); 2] =
        [("zeek", Style::Zeek), ("pretty", Style::Pretty)];

    /// Pretty on a terminal, Zeek's form otherwise.
    pub fn auto() -> Style {
        if std::io::stderr().is_terminal() {
            Style::Pretty
        } else {
            Style::Zeek
        }
    }
}

fn prefix(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Runtime => "expression error",
        Severity::RuntimeWarning => "expression warning",
        Severity::Fatal => "fatal error",
        Severity::RuntimeFatal => "runtime error",
        Severity::Info => "info",
        Severity::Quiet => "",
    }
}

/// Where a diagnostic is, as Zeek names it ("FILE, line N", with a
/// second place after " and " when there is one).
pub fn zeek_location(d: &Diagnostic, map: &SourceMap) -> Option<String> {
    let loc = map.location(d.span?)?;
    Some(match &d.also {
        None => loc,
        Some(Also::Span(s)) => match map.location(*s) {
            Some(l2) => format!("{loc} and {l2}"),
            None => loc,
        },
        Some(Also::Before(t)) => format!("{t} and {loc}"),
        Some(Also::After(t)) => format!("{loc} and {t}"),
    })
}

/// Zeek's one-line rendering.
pub fn render_zeek(d: &Diagnostic, map: &SourceMap) -> String {
    let Some(loc) = zeek_location(d, map) else {
        if d.severity == Severity::Info {
            return d.message.clone();
        }
        return format!("{}: {}", prefix(d.severity), d.message);
    };
    if d.severity == Severity::Info {
        return format!("{loc}: {}", d.message);
    }
    format!("{} in {}: {}", prefix(d.severity), loc, d.message)
}

/// The annotated rendering, with the source line and a label.
pub fn render_pretty(d: &Diagnostic, map: &SourceMap) -> String {
    use ariadne::{Config, Label, Report, ReportKind, Source};
    let kind = match d.severity {
        Severity::Warning | Severity::RuntimeWarning => ReportKind::Warning,
        Severity::Info => ReportKind::Advice,
        _ => ReportKind::Error,
    };
    let Some((span, file)) = d.span.and_then(|s| map.get(s.file).map(|f| (s, f))) else {
        return render_zeek(d, map);
    };
    let len = file.text.len();
    let lo = (span.lo as usize).min(len);
    let hi = (span.hi as usize).clamp(lo, len);
    // ariadne counts characters; convert byte offsets.
    let clo = file.text[..lo].chars().count();
    let chi = clo + file.text[lo..hi].chars().count();
    let name = file.name.clone();
    let mut report = Report::build(kind, (name.clone(), clo..chi))
        .with_config(Config::default().with_color(false))
        .with_message(&d.message)
        .with_label(Label::new((name.clone(), clo..chi)).with_message(&d.message));
    if let Some(h) = &d.help {
        report = report.with_help(h);
    }
    let mut out = Vec::new();
    if report
        .finish()
        .write((name, Source::from(file.text.as_str())), &mut out)
        .is_err()
    {
        return render_zeek(d, map);
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn render(d: &Diagnostic, map: &SourceMap, style: Style) -> String {
    match style {
        Style::Zeek => render_zeek(d, map),
        Style::Pretty => render_pretty(d, map),
    }
}
