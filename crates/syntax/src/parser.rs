//! Drives lexing, conditional directives and the generated parser for one
//! file, and turns their failures into diagnostics.

use super::ast::{Script, Span};
use super::conditionals::{self, CondEval};
use super::docs;
use super::lexer::{self, Spanned};
use super::token::{LexError, Tok};
use crate::diag::Diagnostic;
use lalrpop_util::ParseError;

#[allow(clippy::all, clippy::pedantic, unused_parens, dead_code)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/zeek.rs"));
}

/// Parses one file's text. `file` is its id in the source map, `name` the
/// name shown for `@FILENAME`, `dir` the value of `@DIR`.
pub fn parse(
    src: &str,
    file: u32,
    name: &str,
    dir: &str,
    cond: &mut dyn CondEval,
) -> Result<Script, Vec<Diagnostic>> {
    let lexed = lexer::lex(src, name, dir);
    let span = |s: usize, e: usize| Span::new(file, s, e);
    if !lexed.errors.is_empty() {
        return Err(lexed
            .errors
            .iter()
            .map(|(s, e, err)| Diagnostic::error(span(*s, *e), lex_message(err)))
            .collect());
    }
    let tokens = conditionals::resolve(lexed.tokens, cond)
        .map_err(|(s, e, err)| vec![Diagnostic::error(span(s, e), lex_message(&err))])?;
    let parsed = parse_tokens(tokens, &lexed.docs, 0, src, file, name);
    if lexed.soft.is_empty() {
        return parsed;
    }
    // Zeek reports these as it reads on; the script fails either way.
    let mut diags: Vec<Diagnostic> = lexed
        .soft
        .iter()
        .map(|(s, e, err)| Diagnostic::error(span(*s, *e), lex_message(err)))
        .collect();
    if let Err(more) = parsed {
        diags.extend(more);
    }
    Err(diags)
}

/// Parses an already lexed and condition-resolved token stream (a whole
/// file or a run of complete declarations from one).
pub fn parse_tokens(
    tokens: Vec<Spanned>,
    doc_comments: &[lexer::DocComment],
    doc_lo: usize,
    src: &str,
    file: u32,
    name: &str,
) -> Result<Script, Vec<Diagnostic>> {
    // Documentation before the first declaration counts from `doc_lo` (the
    // end of what was parsed before); after the last, to the end of file.
    let (lo, hi) = (doc_lo, src.len());
    check_nesting(&tokens, file)?;
    let parser = generated::ScriptParser::new();
    let iter = tokens.into_iter().map(Ok::<Spanned, LexError>);
    match parser.parse(file, iter) {
        Ok(mut decls) => {
            docs::attach(&mut decls, doc_comments, lo as u32, hi as u32);
            Ok(Script {
                doc: docs::script_doc(doc_comments),
                decls,
            })
        }
        Err(e) => Err(vec![parse_error(e, src, file, name)]),
    }
}

/// How deep brackets may nest, and how many prefix operators may follow
/// one another. The parser itself keeps its stack on the heap, but the
/// passes over the tree it builds (resolving, running, dropping) recurse
/// once per level, and half a million nested blocks overflowed even the
/// 1 GB stack `rzeek` runs on. Zeek's parser gives up at a depth of
/// 10,000 too ("memory exhausted").
pub const MAX_NESTING: usize = 10_000;

/// Refuses token streams nested deeper than [`MAX_NESTING`], naming the
/// token that goes too deep.
fn check_nesting(tokens: &[Spanned], file: u32) -> Result<(), Vec<Diagnostic>> {
    let (mut depth, mut prefix_run) = (0usize, 0usize);
    for (lo, tok, hi) in tokens {
        match tok {
            Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
            Tok::RParen | Tok::RBracket | Tok::RBrace => depth = depth.saturating_sub(1),
            _ => {}
        }
        prefix_run = match tok {
            Tok::Not | Tok::Tilde | Tok::Minus | Tok::Plus | Tok::Incr | Tok::Decr => {
                prefix_run + 1
            }
            _ => 0,
        };
        if depth > MAX_NESTING || prefix_run > MAX_NESTING {
            let msg = format!("nesting too deep (more than {MAX_NESTING} levels)");
            return Err(vec![Diagnostic::error(Span::new(file, *lo, *hi), msg)]);
        }
    }
    Ok(())
}

pub fn lex_message_of(e: &LexError) -> String {
    lex_message(e)
}

fn lex_message(e: &LexError) -> String {
    match e {
        LexError::UnterminatedPattern => "pattern not terminated before end of line".into(),
        other => other.to_string(),
    }
}

/// What the parser expected, in words: "expected one of `;`, `)`".
fn expected_list(expected: &[String]) -> Option<String> {
    if expected.is_empty() {
        return None;
    }
    let shown: Vec<String> = expected
        .iter()
        .take(12)
        .map(|e| e.trim_matches('"').replace("\\\"", "\""))
        .map(|e| format!("`{e}`"))
        .collect();
    let more = if expected.len() > 12 { ", ..." } else { "" };
    Some(format!("expected one of {}{}", shown.join(", "), more))
}

fn parse_error(
    e: ParseError<usize, Tok, LexError>,
    src: &str,
    file: u32,
    name: &str,
) -> Diagnostic {
    let at_eof = |_loc: usize, expected: &[String]| {
        // Zeek reports this without a line.
        let d = Diagnostic {
            severity: crate::diag::Severity::Error,
            message: format!("syntax error, at end of file {name}"),
            span: None,
            help: None,
            also: None,
        };
        match expected_list(expected) {
            Some(h) => d.with_help(h),
            None => d,
        }
    };
    match e {
        ParseError::UnrecognizedEof { location, expected } => at_eof(location, &expected),
        ParseError::UnrecognizedToken {
            token: (s, _, e),
            expected,
        } => near(src, file, s, e, &expected),
        ParseError::ExtraToken { token: (s, _, e) } => near(src, file, s, e, &[]),
        ParseError::InvalidToken { location } => {
            Diagnostic::error(Span::new(file, location, location + 1), "syntax error")
        }
        ParseError::User { error } => Diagnostic::error(Span::new(file, 0, 0), lex_message(&error)),
    }
}

fn near(src: &str, file: u32, s: usize, e: usize, expected: &[String]) -> Diagnostic {
    let text = src.get(s..e).unwrap_or("");
    let d = Diagnostic::error(
        Span::new(file, s, e),
        format!("syntax error, at or near \"{text}\""),
    );
    match expected_list(expected) {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// Parses a type written alone, such as a built-in's signature.
pub fn parse_type(src: &str, file: u32) -> Result<super::ast::Type, Vec<Diagnostic>> {
    let lexed = lexer::lex(src, "", ".");
    if let Some((s, e, err)) = lexed.errors.first() {
        return Err(vec![Diagnostic::error(
            Span::new(file, *s, *e),
            lex_message(err),
        )]);
    }
    let iter = lexed.tokens.into_iter().map(Ok::<Spanned, LexError>);
    generated::TypeOnlyParser::new()
        .parse(file, iter)
        .map_err(|e| vec![parse_error(e, src, file, "")])
}

/// Parses tokens of one expression (an `@if` condition, a REPL input).
pub fn parse_expr_tokens(
    tokens: Vec<Spanned>,
    src: &str,
    file: u32,
) -> Result<super::ast::Expr, Vec<Diagnostic>> {
    check_nesting(&tokens, file)?;
    let iter = tokens.into_iter().map(Ok::<Spanned, LexError>);
    generated::ExprOnlyParser::new()
        .parse(file, iter)
        .map_err(|e| vec![parse_error(e, src, file, "")])
}
