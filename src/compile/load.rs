//! Finding and loading scripts: `@load` resolution against the loading
//! script's directory, ZEEKPATH and the embedded library; `@if` and
//! friends decided against what is declared when they are met.

use super::Compiler;
use crate::syntax::ast::{DeclKind, Span};
use crate::syntax::conditionals::paren_argument;
use crate::syntax::lexer::{self, Spanned};
use crate::syntax::parser;
use crate::syntax::token::Tok;
use ahash::AHashSet;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/library.rs"));

/// Where the embedded library appears to live, in messages and `@DIR`.
pub const LIBRARY_PREFIX: &str = "<rzeek>";

#[derive(Default)]
pub struct LoadState {
    pub(crate) loaded: AHashSet<String>,
    /// Directories of the scripts being loaded, innermost last.
    dirs: Vec<String>,
    /// `@prefixes` entries.
    pub prefixes: Vec<String>,
    /// Where the current file's next chunk of declarations starts, for
    /// gathering its documentation comments.
    doc_lo: usize,
    /// Set while a command-line script that has another after it loads:
    /// Zeek reads the scripts as one stream, so running out of input in
    /// one is reported at the first token of the next.
    pub defer_eof: bool,
    /// The script that ran out of input, when `defer_eof` caught it.
    pub eof_in: Option<String>,
    /// The `@load`s being followed, innermost last.
    from: Vec<Span>,
    /// For each file (by id), the `@load` that loaded it (none: named on
    /// the command line).
    loaded_from: ahash::AHashMap<u32, Option<Span>>,
    /// Each file's `@pragma` stack: where it starts and each change.
    pragmas: ahash::AHashMap<u32, Pragmas>,
}

/// The `@pragma push`/`pop` stack through one file.
#[derive(Default)]
struct Pragmas {
    entry: Vec<String>,
    changes: Vec<(usize, Vec<String>)>,
}

/// A script found by name: its display name, a key that identifies it
/// for load-once, and its text.
pub struct Found {
    pub name: String,
    pub key: String,
    pub text: String,
}

fn library_get(path: &str) -> Option<&'static str> {
    LIBRARY.iter().find(|(n, _)| *n == path).map(|(_, t)| *t)
}

fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A path as Zeek's `normalize_path` writes it: `.` components dropped
/// (a leading one kept), `dir/..` pairs collapsed, no doubled or trailing
/// slashes.
fn normalize_path(path: &str) -> String {
    if !path.contains("/.") && !path.contains("//") {
        return path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path)
            .to_string();
    }
    let mut parts: Vec<&str> = Vec::new();
    for (i, seg) in path.split('/').enumerate() {
        if seg.is_empty() || (seg == "." && i != 0) {
            continue;
        }
        parts.push(seg);
        if seg == ".." && parts.len() > 1 {
            let last = parts[parts.len() - 2];
            if last == ".." || last == "~" {
                continue;
            }
            parts.pop();
            if last == "." {
                *parts.last_mut().expect("two parts") = "..";
            } else {
                parts.pop();
            }
        }
    }
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push('/');
    }
    out.push_str(&parts.join("/"));
    out
}

fn try_library(rel: &str) -> Option<Found> {
    let rel = normalize(rel);
    for cand in [
        format!("{rel}.zeek"),
        rel.clone(),
        format!("{rel}/__load__.zeek"),
    ] {
        if let Some(text) = library_get(&cand) {
            let name = format!("{LIBRARY_PREFIX}/{cand}");
            return Some(Found {
                key: name.clone(),
                name,
                text: text.to_string(),
            });
        }
    }
    None
}

/// The script at `base` on disk: the file itself, with `.zeek` added, or
/// the directory's `__load__.zeek`.
pub fn try_disk(base: &Path) -> Option<Found> {
    let with_ext = PathBuf::from(format!("{}.zeek", base.display()));
    let cands = [base.to_path_buf(), with_ext, base.join("__load__.zeek")];
    for c in cands {
        if c.is_file() {
            let bytes = std::fs::read(&c).ok()?;
            let text = match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            let key = std::fs::canonicalize(&c)
                .unwrap_or(c.clone())
                .display()
                .to_string();
            return Some(Found {
                name: normalize_path(&c.display().to_string()),
                key,
                text,
            });
        }
    }
    None
}

/// Resolves a `@load` argument seen in a script in `from_dir`.
pub fn find_script(name: &str, from_dir: &str) -> Option<Found> {
    if name.is_empty() {
        return None;
    }
    let relative_to_dir = name.starts_with("./") || name.starts_with("../");
    if let Some(lib_dir) = from_dir.strip_prefix(LIBRARY_PREFIX) {
        if relative_to_dir || !name.starts_with('/') {
            let joined = format!("{}/{}", lib_dir.trim_start_matches('/'), name);
            if let Some(f) = try_library(&joined) {
                return Some(f);
            }
        }
    } else if Path::new(name).is_absolute() {
        return try_disk(Path::new(name));
    } else if let Some(f) = try_disk(&Path::new(from_dir).join(name)) {
        // Shown as Zeek shows it: `./x.zeek` for a script in the current
        // directory.
        return Some(f);
    }
    if relative_to_dir {
        return None;
    }
    // Zeek's default search path starts with the current directory
    // (where a cluster keeps its `cluster-layout.zeek`, for instance).
    let zp = std::env::var("ZEEKPATH").unwrap_or_else(|_| ".".to_string());
    for dir in zp.split(':').filter(|d| !d.is_empty()) {
        if let Some(f) = try_disk(&Path::new(dir).join(name)) {
            return Some(f);
        }
    }
    // Zeek's default search path holds the script tree, its policy/
    // folder and its site/ folder, in this order.
    try_library(name)
        .or_else(|| try_library(&format!("policy/{name}")))
        .or_else(|| try_library(&format!("site/{name}")))
}

fn dir_of(name: &str) -> String {
    match name.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => name[..i].to_string(),
        None => ".".to_string(),
    }
}

impl Compiler {
    /// Loads a script named on the command line or by `@load`; each script
    /// is loaded once.
    pub fn load_named(&mut self, name: &str, span: Option<Span>) -> bool {
        let from = self
            .load
            .dirs
            .last()
            .cloned()
            .unwrap_or_else(|| ".".to_string());
        let Some(found) = find_script(name, &from) else {
            let msg = format!("can't find {name}");
            match span {
                Some(s) => self.error(s, msg),
                None => {
                    self.errors += 1;
                    self.interp
                        .report_diag(&crate::diag::Diagnostic::fatal(msg));
                }
            }
            return false;
        };
        if !self.load.loaded.insert(found.key.clone()) || self.fatal {
            return true;
        }
        self.load_source(found.name, found.text);
        true
    }

    /// Marks a script as loaded without loading it (`@unload`).
    pub fn unload(&mut self, name: &str) {
        let from = self
            .load
            .dirs
            .last()
            .cloned()
            .unwrap_or_else(|| ".".to_string());
        if let Some(found) = find_script(name, &from) {
            self.load.loaded.insert(found.key);
        }
    }

    /// Parses and processes one file's text. Top-level conditional
    /// directives are decided when reached, after the declarations before
    /// them have taken effect.
    pub fn load_source(&mut self, name: String, text: String) {
        let dir = dir_of(&name);
        let file = self.interp.output.sources.add(name.clone(), text);
        let src = self.interp.output.sources.files[file as usize].text.clone();
        // @FILENAME is the script's file name without its directory.
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        // @DIR: the script's directory, made absolute when relative to the
        // working directory (`.`), as Zeek's scanner does.
        let at_dir = if dir.starts_with('.') {
            match std::env::current_dir() {
                Ok(cwd) => cwd.join(&dir).display().to_string(),
                Err(_) => dir.clone(),
            }
        } else {
            dir.clone()
        };
        let lexed = lexer::lex(&src, &base, &at_dir);
        if !lexed.errors.is_empty() {
            let mut diags: Vec<crate::diag::Diagnostic> = Vec::new();
            for (s, e, err) in &lexed.errors {
                let span = Span::new(file, *s, *s + 1);
                diags.push(crate::diag::Diagnostic::error(
                    span,
                    parser::lex_message_of(err),
                ));
                // Zeek's parser then runs out of input at the same place.
                if *err == crate::syntax::token::LexError::UnterminatedPattern {
                    let msg = format!("syntax error, at end of file {name}");
                    diags.push(crate::diag::Diagnostic::error(span, msg));
                }
                let _ = e;
            }
            self.report(diags);
            return;
        }
        // Literals Zeek complains about as it reads on (a port out of
        // range, a bad address): the script fails, its reading goes on.
        let soft: Vec<crate::diag::Diagnostic> = lexed
            .soft
            .iter()
            .map(|(s, e, err)| {
                crate::diag::Diagnostic::error(Span::new(file, *s, *e), parser::lex_message_of(err))
            })
            .collect();
        self.report(soft);
        if let Some(prev) = self.load.eof_in.take() {
            self.report_eof_carry(&prev, &lexed.tokens, &src, file);
            return;
        }
        let from = self.load.from.last().copied();
        self.load.loaded_from.insert(file, from);
        if !self.read_pragmas(file, &lexed.pragmas, &src) {
            return;
        }
        self.load.dirs.push(dir.clone());
        let saved_doc_lo = std::mem::replace(&mut self.load.doc_lo, 0);
        let saved_module = std::mem::replace(&mut self.module, "GLOBAL".to_string());
        self.process_tokens(lexed.tokens, &lexed.docs, &src, file, &name);
        self.module = saved_module;
        self.load.doc_lo = saved_doc_lo;
        self.load.dirs.pop();
        self.queue_script_loaded(&name);
    }

    pub(crate) fn process_tokens(
        &mut self,
        tokens: Vec<Spanned>,
        docs: &[lexer::DocComment],
        src: &str,
        file: u32,
        name: &str,
    ) {
        struct Frame {
            outer_live: bool,
            live: bool,
            /// Opened by an `@else` without `@if`.
            stray: bool,
        }
        let mut stack: Vec<Frame> = Vec::new();
        let mut pending: Vec<Spanned> = Vec::new();
        let mut depth: i32 = 0;
        // Length of `pending` at the end of its last complete declaration.
        let mut boundary = 0usize;
        // Zeek's parser sees `@if` and `@endif` as tokens of their own, which
        // may not stand for the body of an `if`, `for`, `while` or `else`:
        // `if ( x ) @endif` is refused rather than read across the
        // directive. `headers` tracks which open parentheses are such heads.
        let mut headers: Vec<bool> = Vec::new();
        let mut wants_body = false;
        let mut in_export = false;
        let mut i = 0;
        while i < tokens.len() {
            let live = stack.last().is_none_or(|f| f.live);
            let (s, ref tok, e) = tokens[i];
            let directive = matches!(tok, Tok::AtIf | Tok::AtIfdef | Tok::AtIfndef | Tok::AtEndif);
            if directive && wants_body && (live || matches!(tok, Tok::AtEndif)) {
                self.error(Span::new(file, s, e), "incorrect use of directive");
                return;
            }
            if live && !matches!(tok, Tok::AtElse) && !directive {
                wants_body = match tok {
                    Tok::LParen => {
                        let prev = pending.last().map(|t| &t.1);
                        headers.push(matches!(prev, Some(Tok::If | Tok::For | Tok::While)));
                        false
                    }
                    Tok::RParen => headers.pop().unwrap_or(false),
                    Tok::Else => true,
                    _ => false,
                };
            }
            match tok {
                Tok::AtIf | Tok::AtIfdef | Tok::AtIfndef => {
                    let Some((a, b, next)) = paren_argument(&tokens, i + 1) else {
                        self.error(
                            Span::new(file, s, e),
                            "missing condition after conditional directive",
                        );
                        return;
                    };
                    let decided = if live {
                        // Let the declarations before the condition take
                        // effect first: all of them at file level, or those
                        // before the enclosing declaration inside one.
                        let upto = if depth == 0 { pending.len() } else { boundary };
                        if upto > 0 && (depth > 0 || boundary == pending.len()) {
                            let rest = pending.split_off(upto);
                            let chunk = std::mem::replace(&mut pending, rest);
                            boundary = 0;
                            if !self.process_chunk(chunk, docs, src, file, name) {
                                return;
                            }
                        }
                        let body = if depth > 0 { &pending[boundary..] } else { &[] };
                        let at = Span::new(file, s, e);
                        !self.refers_to_locals(&tokens[a..b], body, src, at)
                            && self.decide(tok, &tokens[a..b], src, at)
                    } else {
                        false
                    };
                    stack.push(Frame {
                        outer_live: live,
                        live: live && decided,
                        stray: false,
                    });
                    i = next;
                    continue;
                }
                // Each `@else` flips the branch, as in Zeek.
                Tok::AtElse => match stack.last_mut() {
                    Some(f) => f.live = f.outer_live && !f.live,
                    // Zeek reports a stray `@else`, then skips what
                    // follows as an else branch.
                    None => {
                        self.error(Span::new(file, s, e), "@else without @if...");
                        stack.push(Frame {
                            outer_live: live,
                            live: false,
                            stray: true,
                        });
                    }
                },
                Tok::AtEndif => match stack.pop() {
                    None => self.error(Span::new(file, s, e), "unbalanced @if... @endif"),
                    Some(f) if f.stray => {
                        self.error(Span::new(file, s, e), "unbalanced @if... @endif")
                    }
                    Some(_) => {}
                },
                // `export { ... }` at file level: its declarations are
                // taken one by one like any others (so an `@if` inside
                // sees those before it), marked exported.
                Tok::Export
                    if live
                        && depth == 0
                        && !in_export
                        && matches!(tokens.get(i + 1), Some((_, Tok::LBrace, _))) =>
                {
                    let chunk = std::mem::take(&mut pending);
                    boundary = 0;
                    if !chunk.is_empty() && !self.process_chunk(chunk, docs, src, file, name) {
                        return;
                    }
                    in_export = true;
                    self.in_export = true;
                    i += 2;
                    continue;
                }
                Tok::RBrace if live && depth == 0 && in_export => {
                    let chunk = std::mem::take(&mut pending);
                    boundary = 0;
                    let ok = chunk.is_empty() || self.process_chunk(chunk, docs, src, file, name);
                    in_export = false;
                    self.in_export = false;
                    if !ok {
                        return;
                    }
                }
                _ if live => {
                    match tok {
                        Tok::LBrace => depth += 1,
                        Tok::RBrace => depth -= 1,
                        _ => {}
                    }
                    pending.push(tokens[i].clone());
                    let ends_decl = match tok {
                        // A directive such as `@load` stands alone: a
                        // condition after it sees what it loaded.
                        Tok::Semi | Tok::Load(_) => depth == 0,
                        // `}` ends a body, unless `;`, attributes or more
                        // of an expression follow (`type R: record {...};`).
                        Tok::RBrace => {
                            depth == 0
                                && !matches!(
                                    tokens.get(i + 1).map(|t| &t.1),
                                    Some(
                                        Tok::Semi
                                            | Tok::Attr(_)
                                            | Tok::Comma
                                            | Tok::RParen
                                            | Tok::Else
                                    )
                                )
                        }
                        _ => false,
                    };
                    if ends_decl {
                        boundary = pending.len();
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if !stack.is_empty() {
            // Zeek gives up at the end of the file.
            let end = src.trim_end_matches('\n').len();
            self.fatal_at(Span::new(file, end, end), "unbalanced @if... @endif");
            return;
        }
        let ended_in_export = in_export;
        self.in_export = false;
        if !self.process_chunk(pending, docs, src, file, name) {
            return;
        }
        if ended_in_export {
            // The export block never closed: the parser runs out of input.
            let msg = format!("syntax error, at end of file {name}");
            self.report(vec![crate::diag::Diagnostic {
                severity: crate::diag::Severity::Error,
                message: msg,
                span: None,
                help: None,
                also: None,
            }]);
        }
    }

    fn process_chunk(
        &mut self,
        tokens: Vec<Spanned>,
        docs: &[lexer::DocComment],
        src: &str,
        file: u32,
        name: &str,
    ) -> bool {
        let doc_lo = std::mem::replace(&mut self.load.doc_lo, tokens.last().map_or(0, |t| t.2));
        match parser::parse_tokens(tokens, docs, doc_lo, src, file, name) {
            Ok(script) => {
                for d in &script.decls {
                    if self.fatal {
                        return false;
                    }
                    self.decl(d);
                }
                !self.fatal
            }
            Err(diags) => {
                let at_eof = diags.len() == 1
                    && diags[0].span.is_none()
                    && diags[0].message.starts_with("syntax error, at end of file");
                if at_eof && self.load.defer_eof {
                    self.load.eof_in = Some(name.to_string());
                    self.errors += 1;
                } else {
                    self.report(diags);
                }
                false
            }
        }
    }

    /// The parse error of a script that ran out of input, told at the
    /// first token of the script after it, as Zeek tells it.
    fn report_eof_carry(&mut self, prev: &str, tokens: &[Spanned], src: &str, file: u32) {
        let (at, text) = match tokens.first() {
            Some((lo, _, hi)) => (Span::new(file, *lo, *hi), src.get(*lo..*hi).unwrap_or("")),
            None => (Span::new(file, 0, 0), ""),
        };
        let msg = format!("syntax error, at or near \"{text}\" or end of file {prev}");
        self.error(at, msg);
    }

    /// Conditions are decided while the script loads, before any function
    /// runs, so a condition inside a body cannot use the body's locals or
    /// parameters. Reports each such name as Zeek does; true if any.
    fn refers_to_locals(&mut self, arg: &[Spanned], body: &[Spanned], src: &str, at: Span) -> bool {
        let mut locals: Vec<&str> = Vec::new();
        let mut in_params = false;
        let mut seen_params = false;
        for (i, (_, t, _)) in body.iter().enumerate() {
            let next = body.get(i + 1).map(|x| &x.1);
            match t {
                Tok::LParen if !seen_params => in_params = true,
                Tok::RParen if in_params => {
                    in_params = false;
                    seen_params = true;
                }
                Tok::Local => {
                    if let Some(Tok::Id(n)) = next {
                        locals.push(n);
                    }
                }
                Tok::Id(n) if in_params && matches!(next, Some(Tok::Colon)) => locals.push(n),
                _ => {}
            }
        }
        let mut found = false;
        for (_, t, _) in arg {
            if let Tok::Id(n) = t {
                if locals.contains(n) {
                    self.error(at, format!("referencing a local name in @if ({n})"));
                    found = true;
                }
            }
        }
        if found {
            let text = match parser::parse_expr_tokens(arg.to_vec(), src, at.file) {
                Ok(e) => super::describe::expr(&e),
                Err(_) => String::new(),
            };
            self.error(at, format!("invalid expression in @if ({text})"));
        }
        found
    }

    fn decide(&mut self, tok: &Tok, arg: &[Spanned], src: &str, span: Span) -> bool {
        match tok {
            Tok::AtIfdef | Tok::AtIfndef => {
                let defined = match arg {
                    [(_, Tok::Id(n), _)] => {
                        self.lookup_global(n).is_some() || self.modules.contains(*n)
                    }
                    _ => {
                        self.error(span, "@ifdef/@ifndef takes one identifier");
                        return false;
                    }
                };
                defined == matches!(tok, Tok::AtIfdef)
            }
            _ => {
                let expr = match parser::parse_expr_tokens(arg.to_vec(), src, span.file) {
                    Ok(e) => e,
                    Err(d) => {
                        self.report(d);
                        return false;
                    }
                };
                match self.eval_const_expr(&expr) {
                    Some(v) => v.as_bool(),
                    None => false,
                }
            }
        }
    }

    /// The `@pragma` stack in force at a place.
    fn pragma_stack(&self, span: Span) -> &[String] {
        let Some(p) = self.load.pragmas.get(&span.file) else {
            return &[];
        };
        match p
            .changes
            .iter()
            .rev()
            .find(|(at, _)| *at <= span.lo as usize)
        {
            Some((_, stack)) => stack,
            None => &p.entry,
        }
    }

    /// Whether `@pragma push ignore-deprecations` is in force at a place.
    pub fn ignoring_deprecations(&self, span: Span) -> bool {
        self.pragma_stack(span)
            .iter()
            .any(|p| p == "ignore-deprecations")
    }

    /// Follows a file's `@pragma push` and `pop` lines, reporting misuse
    /// as Zeek does; false after a fatal error.
    fn read_pragmas(&mut self, file: u32, found: &[(usize, String)], src: &str) -> bool {
        let entry: Vec<String> = match self.load.from.last() {
            Some(at) => self.pragma_stack(*at).to_vec(),
            None => Vec::new(),
        };
        let mut stack = entry.clone();
        let mut changes = Vec::new();
        for (at, text) in found {
            let span = Span::new(file, *at, *at + 1);
            let parts: Vec<&str> = text.split(' ').filter(|p| !p.is_empty()).collect();
            match parts.first() {
                None => {
                    self.fatal_at(span, "@pragma without value");
                    return false;
                }
                Some(&"push") => {
                    let Some(v) = parts.get(1) else {
                        self.fatal_at(span, "@pragma push without value");
                        return false;
                    };
                    if *v != "ignore-deprecations" {
                        self.warning(span, format!("pushing unknown @pragma value '{v}'"));
                    }
                    stack.push(v.to_string());
                }
                Some(&"pop") => {
                    if stack.len() <= entry.len() {
                        self.fatal_at(span, "@pragma pop without active pragma");
                        return false;
                    }
                    if let (Some(v), Some(top)) = (parts.get(1), stack.last()) {
                        if v != top {
                            let msg =
                                format!("@pragma pop with unexpected '{v}', expected '{top}'");
                            self.error(span, msg);
                        }
                    }
                    stack.pop();
                }
                Some(_) => self.warning(span, format!("Ignoring unknown pragma: '{text}'")),
            }
            changes.push((*at, stack.clone()));
        }
        if stack.len() > entry.len() {
            let end = src.trim_end_matches('\n').len();
            self.fatal_at(
                Span::new(file, end, end),
                "unbalanced @pragma push pop in file",
            );
            return false;
        }
        self.load.pragmas.insert(file, Pragmas { entry, changes });
        true
    }

    /// Handles `@load` and friends met among the declarations.
    pub fn directive(&mut self, kind: &str, arg: &str, span: Span) {
        match kind {
            "@load" => {
                self.load.from.push(span);
                for name in arg.split_whitespace() {
                    self.load_named(name, Some(span));
                }
                self.load.from.pop();
            }
            "@unload" => self.unload(arg),
            "@prefixes" => {
                let list = arg.trim_start_matches("+=").trim_start_matches('=');
                self.load
                    .prefixes
                    .extend(list.split(':').map(|s| s.trim().to_string()));
            }
            "@load-sigs" | "@load-plugin" => {}
            "@deprecated" => {
                // Zeek names the script that loaded this one, and the line.
                let from = match self.load.loaded_from.get(&span.file).copied().flatten() {
                    Some(at) => {
                        let map = &self.interp.output.sources;
                        let name = map.get(at.file).map(|f| f.name.clone()).unwrap_or_default();
                        let line = map.get(at.file).map_or(0, |f| f.line_of(at.lo as usize));
                        format!("{name}:{line}")
                    }
                    None => "command line arguments".to_string(),
                };
                let text = format!("deprecated script loaded from {from} {}", arg.trim_start());
                self.deprecation(span, text);
            }
            "redef-field+=" | "redef-field-=" => self.redef_field_attrs(kind, arg, span),
            _ => {}
        }
    }

    /// `redef record R$f += { &log };` (or `-=`): adds or removes `&log`
    /// on one field. `arg` is `R$f:attr,attr`.
    fn redef_field_attrs(&mut self, kind: &str, arg: &str, span: Span) {
        let add = kind.ends_with("+=");
        let (target, attrs) = arg.rsplit_once(':').unwrap_or((arg, ""));
        let (rec, field) = target.split_once('$').unwrap_or((target, ""));
        let rt = match self.lookup_global(rec) {
            Some(id) => self.globals.info(id).ty.as_record().cloned(),
            None => None,
        };
        let Some(rt) = rt else {
            self.error(span, format!("not a record type ({rec})"));
            return;
        };
        let Some(i) = rt.field_index(field) else {
            self.error(span, format!("no such field in record ({rec}${field})"));
            return;
        };
        for a in attrs.split(',').filter(|a| !a.is_empty()) {
            match a {
                "log" => rt.fields.borrow_mut()[i].log = add,
                other => self.error(
                    span,
                    format!("only &log may be redefined on a field (&{other})"),
                ),
            }
        }
    }

    fn queue_script_loaded(&mut self, name: &str) {
        if let Some(id) = self.globals.get("zeek_script_loaded") {
            if let crate::runtime::value::Value::Func(f) =
                self.interp.globals.values[id as usize].clone()
            {
                let args = vec![
                    crate::runtime::value::Value::str(name.as_bytes()),
                    crate::runtime::value::Value::Count(0),
                ];
                self.interp.queue_event(f, args);
            }
        }
    }

    /// Whether a declaration is a `@load` (used to order work).
    pub fn is_load(kind: &DeclKind) -> bool {
        matches!(kind, DeclKind::Directive { kind, .. } if kind == "@load")
    }
}
