//! The line editor's helper: tab completion of keywords, names, fields
//! and attributes, and syntax highlighting with our lexer.

use crate::compile::scope::IdKind;
use crate::compile::Compiler;
use crate::runtime::types::{Type, TypeRef};
use crate::syntax::lexer;
use crate::syntax::token::Tok;
use ahash::AHashMap;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Cmd, ConditionalEventHandler, Context, Event, EventContext, Helper, RepeatCount};
use std::borrow::Cow;

pub const KEYWORDS: &[&str] = &[
    "add",
    "addr",
    "any",
    "as",
    "assert",
    "bool",
    "break",
    "case",
    "const",
    "copy",
    "count",
    "default",
    "delete",
    "double",
    "else",
    "enum",
    "event",
    "export",
    "fallthrough",
    "file",
    "for",
    "function",
    "global",
    "hook",
    "if",
    "in",
    "int",
    "interval",
    "is",
    "local",
    "module",
    "next",
    "of",
    "opaque",
    "option",
    "pattern",
    "port",
    "print",
    "record",
    "redef",
    "return",
    "schedule",
    "set",
    "string",
    "subnet",
    "switch",
    "table",
    "time",
    "timeout",
    "type",
    "vector",
    "when",
    "while",
];

pub const ATTRIBUTES: &[&str] = &[
    "add_func",
    "backend",
    "broker_allow_complex_type",
    "broker_store",
    "create_expire",
    "default",
    "default_insert",
    "delete_func",
    "deprecated",
    "error_handler",
    "expire_func",
    "group",
    "is_assigned",
    "is_used",
    "log",
    "on_change",
    "optional",
    "ordered",
    "priority",
    "raw_output",
    "read_expire",
    "redef",
    "type_column",
    "write_expire",
];

/// What completion knows of the session, refreshed before each prompt.
#[derive(Default)]
pub struct ZeekHelper {
    /// Global names (with their modules) and built-ins, sorted.
    names: Vec<String>,
    modules: Vec<String>,
    /// Types of variables, and record types by name, for `$` fields.
    types: AHashMap<String, TypeRef>,
    /// The lines of the input typed so far (for its locals).
    pub pending: String,
    files: FilenameCompleter,
    /// Whether to colour the input.
    pub colour: bool,
}

impl ZeekHelper {
    pub fn new(colour: bool) -> Self {
        ZeekHelper {
            colour,
            ..Default::default()
        }
    }

    /// Takes the names and types of the session as it is now.
    pub fn refresh(&mut self, c: &Compiler) {
        let mut names: Vec<String> = Vec::new();
        self.types.clear();
        for (i, info) in c.globals.infos.iter().enumerate() {
            if !c.is_live_global(i as u32) {
                continue;
            }
            names.push(info.name.clone());
            match info.kind {
                IdKind::Var | IdKind::Const | IdKind::Option | IdKind::Type => {
                    self.types.insert(info.name.clone(), info.ty.clone());
                }
                _ => {}
            }
        }
        names.extend(crate::bif::all().map(|b| b.name.to_string()));
        names.sort();
        names.dedup();
        self.names = names;
        let mut modules: Vec<String> = c.modules.iter().cloned().collect();
        modules.extend(
            self.names
                .iter()
                .filter_map(|n| n.rfind("::").map(|i| n[..i].to_string())),
        );
        modules.sort();
        modules.dedup();
        self.modules = modules;
    }

    /// Candidates for the text before the cursor; returns where the
    /// replaced word starts.
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        // `:command` names, then their arguments.
        if before.trim_start().starts_with(':') && self.pending.is_empty() {
            let body = before.trim_start();
            let start = pos - body.len();
            match body.find(char::is_whitespace) {
                None => {
                    let out = super::commands::COMMANDS
                        .iter()
                        .map(|c| format!(":{}", c.0))
                        .filter(|c| c.starts_with(body))
                        .collect();
                    return (start, out);
                }
                Some(_) if body.starts_with(":l") => return (pos, Vec::new()),
                Some(_) => {}
            }
        }
        let wstart = before
            .char_indices()
            .rev()
            .take_while(|(_, ch)| ch.is_ascii_alphanumeric() || *ch == '_' || *ch == ':')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &before[wstart..];
        let prev = before[..wstart].chars().last();
        let out = match prev {
            Some('&') => prefixed(ATTRIBUTES.iter().copied(), word),
            Some('$') => self.fields(&before[..wstart - 1], word),
            _ if word.is_empty() => Vec::new(),
            _ => self.words(word),
        };
        (wstart, out)
    }

    fn words(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if word.contains("::") {
            let w = word.trim_start_matches("::");
            out.extend(self.names.iter().filter(|n| n.starts_with(w)).cloned());
            out.extend(
                self.modules
                    .iter()
                    .filter(|m| m.starts_with(w))
                    .map(|m| format!("{m}::")),
            );
        } else {
            out.extend(prefixed(KEYWORDS.iter().copied(), word));
            out.extend(
                self.names
                    .iter()
                    .filter(|n| !n.contains("::") && n.starts_with(word))
                    .cloned(),
            );
            out.extend(
                self.modules
                    .iter()
                    .filter(|m| m.starts_with(word))
                    .map(|m| format!("{m}::")),
            );
            out.extend(
                self.locals()
                    .into_iter()
                    .map(|(n, _)| n)
                    .filter(|n| n.starts_with(word)),
            );
        }
        out.sort();
        out.dedup();
        out
    }

    /// Fields of the record that `chain` (the text before a `$`) ends in.
    fn fields(&self, chain: &str, word: &str) -> Vec<String> {
        let chain = chain.strip_suffix('?').unwrap_or(chain);
        let start = chain
            .char_indices()
            .rev()
            .take_while(|(_, ch)| {
                ch.is_ascii_alphanumeric() || *ch == '_' || *ch == ':' || *ch == '$'
            })
            .last()
            .map_or(chain.len(), |(i, _)| i);
        let mut parts = chain[start..].split('$');
        let Some(head) = parts.next().filter(|h| !h.is_empty()) else {
            return Vec::new();
        };
        let mut ty = match self.locals().into_iter().find(|(n, _)| n == head) {
            Some((_, Some(t))) => t,
            _ => match self.types.get(head.trim_start_matches("::")) {
                Some(t) => t.clone(),
                None => return Vec::new(),
            },
        };
        for field in parts {
            let next = match &*ty {
                Type::Record(r) => r
                    .fields
                    .borrow()
                    .iter()
                    .find(|f| f.name == field)
                    .map(|f| f.ty.clone()),
                _ => None,
            };
            match next {
                Some(t) => ty = t,
                None => return Vec::new(),
            }
        }
        match &*ty {
            Type::Record(r) => {
                let names: Vec<String> = r.fields.borrow().iter().map(|f| f.name.clone()).collect();
                prefixed(names.iter().map(String::as_str), word)
            }
            _ => Vec::new(),
        }
    }

    /// Locals and parameters of the input being typed, with their type
    /// when it is written as a name.
    fn locals(&self) -> Vec<(String, Option<TypeRef>)> {
        let lexed = lexer::lex(&self.pending, "<input>", ".");
        let toks: Vec<&Tok> = lexed.tokens.iter().map(|t| &t.1).collect();
        let mut out = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let Tok::Id(name) = t else { continue };
            let prev = i.checked_sub(1).map(|j| toks[j]);
            let declares = matches!(
                prev,
                Some(Tok::Local | Tok::Const | Tok::LParen | Tok::Comma | Tok::For)
            );
            if !declares {
                continue;
            }
            let is_param_or_local =
                matches!(toks.get(i + 1), Some(Tok::Colon | Tok::Assign | Tok::In));
            if !is_param_or_local && !matches!(prev, Some(Tok::Local | Tok::Const)) {
                continue;
            }
            let ty = match (toks.get(i + 1), toks.get(i + 2)) {
                (Some(Tok::Colon), Some(Tok::Id(tn))) => self.types.get(*tn).cloned(),
                _ => None,
            };
            out.push((name.to_string(), ty));
        }
        out
    }
}

fn prefixed<'a>(items: impl Iterator<Item = &'a str>, word: &str) -> Vec<String> {
    items
        .filter(|s| s.starts_with(word))
        .map(str::to_string)
        .collect()
}

impl Completer for ZeekHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let body = line.trim_start();
        if self.pending.is_empty() && body.starts_with(":l") && body.contains(char::is_whitespace) {
            return self.files.complete(line, pos, ctx);
        }
        let (start, words) = self.candidates(line, pos);
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ZeekHelper {
    type Hint = String;
}

impl Validator for ZeekHelper {}

impl Helper for ZeekHelper {}

/// Tab at the start of a line (or after only blanks) indents, so typed
/// and pasted bodies keep their tabs; elsewhere it completes.
pub struct TabIndents;

impl ConditionalEventHandler for TabIndents {
    fn handle(
        &self,
        _evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        let before = ctx.line().get(..ctx.pos()).unwrap_or("");
        before
            .trim()
            .is_empty()
            .then(|| Cmd::Insert(1, "\t".to_string()))
    }
}

const RESET: &str = "\x1b[0m";

fn colour_of(t: &Tok) -> Option<&'static str> {
    use Tok::*;
    Some(match t {
        TAddr | TAny | TBool | TCount | TDouble | TFile | TInt | TInterval | TPattern | TPort
        | TString | TSubnet | TTime | TTimer | Table | Set | Vector | Record | Enum | Opaque
        | List => "\x1b[36m",
        Add | As | Assert | Break | Case | Const | Copy | Default | Delete | Else | Event
        | Export | Fallthrough | For | Function | Global | Hook | If | In | NotIn | Is | Local
        | Module | Next | Of | OptionKw | Print | Redef | Return | Schedule | Switch | Timeout
        | Type | When | While => "\x1b[1;34m",
        Str(_) => "\x1b[32m",
        Bool(_) | Count(_) | Double(_) | Port(_) | Addr(_) | Subnet(_) | Interval(_) => "\x1b[33m",
        Pattern(_) | Attr(_) => "\x1b[35m",
        Load(_) | LoadLike(_) | AtIf | AtIfdef | AtIfndef | AtElse | AtEndif | AtDir
        | AtFilename | AtDeprecated => "\x1b[1;35m",
        _ => return None,
    })
}

/// The line with ANSI colours; the visible text is unchanged.
pub fn highlight_line(line: &str) -> String {
    let lexed = lexer::lex(line, "<input>", ".");
    let mut spans: Vec<(usize, usize, &'static str)> = lexed
        .tokens
        .iter()
        .filter_map(|(s, t, e)| colour_of(t).map(|c| (*s, *e, c)))
        .collect();
    spans.extend(lexed.docs.iter().map(|d| (d.start, d.end, "\x1b[2m")));
    // Plain comments are skipped by the lexer: find them between tokens.
    let mut bounds: Vec<(usize, usize)> = lexed.tokens.iter().map(|(s, _, e)| (*s, *e)).collect();
    bounds.extend(lexed.docs.iter().map(|d| (d.start, d.end)));
    bounds.extend(lexed.errors.iter().map(|(s, e, _)| (*s, *e)));
    bounds.sort();
    let mut gap_start = 0;
    for (s, e) in bounds
        .iter()
        .copied()
        .chain(std::iter::once((line.len(), line.len())))
    {
        if s > gap_start {
            if let Some(h) = line[gap_start..s].find('#') {
                let from = gap_start + h;
                let to = line[from..s].find('\n').map_or(s, |n| from + n);
                spans.push((from, to, "\x1b[2m"));
            }
        }
        gap_start = gap_start.max(e);
    }
    spans.sort();
    let mut out = String::with_capacity(line.len() + spans.len() * 8);
    let mut at = 0;
    for (s, e, c) in spans {
        if s < at || e > line.len() || !line.is_char_boundary(s) || !line.is_char_boundary(e) {
            continue;
        }
        out.push_str(&line[at..s]);
        out.push_str(c);
        out.push_str(&line[s..e]);
        out.push_str(RESET);
        at = e;
    }
    out.push_str(&line[at..]);
    out
}

impl Highlighter for ZeekHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.colour || line.trim_start().starts_with(':') {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight_line(line))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Style;

    fn helper() -> (Compiler, ZeekHelper) {
        let mut c = Compiler::new_session(Style::Zeek);
        c.eval_input("<1>", "type R: record { a: count; inner: conn_id; };");
        c.eval_input("<2>", "global my_r = R($a = 1, $inner = [$orig_h = 1.2.3.4, $orig_p = 1/tcp, $resp_h = 5.6.7.8, $resp_p = 80/tcp]);");
        c.eval_input("<3>", "global my_count = 3;");
        c.eval_input(
            "<4>",
            "module Demo; export { global thing = 1; global other = 2; }",
        );
        c.eval_input("<5>", "module GLOBAL;");
        let mut h = ZeekHelper::new(false);
        h.refresh(&c);
        (c, h)
    }

    fn complete(h: &ZeekHelper, line: &str) -> Vec<String> {
        h.candidates(line, line.len()).1
    }

    #[test]
    fn keywords_and_globals() {
        let (_c, h) = helper();
        assert_eq!(complete(&h, "my_"), vec!["my_count", "my_r"]);
        assert!(complete(&h, "pri").contains(&"print".to_string()));
        assert!(
            complete(&h, "x = strip").contains(&"strip".to_string()),
            "built-ins"
        );
        assert_eq!(
            h.candidates("print my_c", 10),
            (6, vec!["my_count".to_string()])
        );
        assert!(complete(&h, "").is_empty());
    }

    #[test]
    fn modules_and_qualified_names() {
        let (_c, h) = helper();
        assert!(complete(&h, "Dem").contains(&"Demo::".to_string()));
        assert_eq!(complete(&h, "Demo::t"), vec!["Demo::thing"]);
        assert_eq!(
            complete(&h, "print Demo::"),
            vec!["Demo::other", "Demo::thing"]
        );
    }

    #[test]
    fn record_fields() {
        let (_c, mut h) = helper();
        assert_eq!(complete(&h, "my_r$"), vec!["a", "inner"]);
        assert_eq!(complete(&h, "print my_r$in"), vec!["inner"]);
        assert_eq!(complete(&h, "my_r$inner$orig"), vec!["orig_h", "orig_p"]);
        assert_eq!(complete(&h, "my_r?$i"), vec!["inner"]);
        assert!(complete(&h, "my_count$").is_empty());
        // a local or parameter of the input being typed
        h.pending = "function f(c: connection) {\n".into();
        assert_eq!(complete(&h, "print c$id$resp_"), vec!["resp_h", "resp_p"]);
        h.pending = "event zeek_init() {\nlocal q: R;\n".into();
        assert_eq!(complete(&h, "q$a"), vec!["a"]);
        assert!(complete(&h, "print q").contains(&"q".to_string()));
    }

    #[test]
    fn attributes_and_commands() {
        let (_c, h) = helper();
        assert_eq!(
            complete(&h, "global t: table[count] of count &def"),
            vec!["default", "default_insert"]
        );
        assert_eq!(complete(&h, "&opt"), vec!["optional"]);
        assert_eq!(complete(&h, ":t"), vec![":type"]);
        assert_eq!(
            complete(&h, ":"),
            super::super::commands::COMMANDS
                .iter()
                .map(|c| format!(":{}", c.0))
                .collect::<Vec<_>>()
        );
        assert_eq!(complete(&h, ":doc my_c"), vec!["my_count"]);
    }

    #[test]
    fn highlighting_keeps_the_text() {
        let line = "local x = \"s\" + 3 sec; # note";
        let h = highlight_line(line);
        assert!(h.contains("\x1b[1;34mlocal\x1b[0m"));
        assert!(h.contains("\x1b[32m\"s\"\x1b[0m"));
        assert!(h.contains("\x1b[33m3 sec\x1b[0m"));
        assert!(h.contains("\x1b[2m# note\x1b[0m"));
        let plain: String = strip_ansi(&h);
        assert_eq!(plain, line);
        // broken input is shown as it is
        assert_eq!(strip_ansi(&highlight_line("print \"abc")), "print \"abc");
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut it = s.chars();
        while let Some(ch) = it.next() {
            if ch == '\x1b' {
                for c in it.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(ch);
            }
        }
        out
    }
}
