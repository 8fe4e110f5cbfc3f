//! Whether what has been typed so far is a whole input: open brackets,
//! an unfinished `@if`, or a statement the parser wants more of all ask
//! for a continuation line.

use crate::syntax::lexer::{self, Spanned};
use crate::syntax::parser;
use crate::syntax::token::Tok;

/// What to do with the text typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Nothing but blanks and comments.
    Empty,
    /// Ask for another line.
    Incomplete,
    /// Evaluate this text (the input, possibly with a final `;` added).
    Complete(String),
}

/// A `:command` line.
pub fn is_command(text: &str) -> bool {
    text.trim_start().starts_with(':')
}

/// Decides whether `text` is a whole input. With `force` (an empty line
/// at the continuation prompt) an input that only lacks its final `;` or
/// more is taken as it is, unless a bracket is still open.
pub fn status(text: &str, force: bool) -> Status {
    if text.trim().is_empty() {
        return Status::Empty;
    }
    if is_command(text) {
        return Status::Complete(text.trim().to_string());
    }
    let lexed = lexer::lex(text, "<input>", ".");
    if lexed.tokens.is_empty() {
        // A `##` comment waits for the declaration it documents.
        return if lexed.docs.is_empty() || force || !lexed.errors.is_empty() {
            if lexed.errors.is_empty() {
                Status::Empty
            } else {
                Status::Complete(text.to_string())
            }
        } else {
            Status::Incomplete
        };
    }
    // Unterminated strings and patterns end at the line: report them.
    if !lexed.errors.is_empty() {
        return Status::Complete(text.to_string());
    }
    match nesting(&lexed.tokens) {
        n if n > 0 => return Status::Incomplete,
        n if n < 0 => return Status::Complete(text.to_string()),
        _ => {}
    }
    if has_conditionals(&lexed.tokens) {
        return Status::Complete(text.to_string());
    }
    if parses_as_expr(&lexed.tokens, text) {
        return Status::Complete(text.to_string());
    }
    match parse_script(text) {
        Parse::Ok => Status::Complete(text.to_string()),
        Parse::Error => Status::Complete(text.to_string()),
        Parse::NeedsMore => {
            // The head of a function, handler or loop waits for its body.
            let head = parse_script(&format!("{text}\n{{}}")) == Parse::Ok;
            let with_semi = format!("{text};");
            let semi_ok = parse_script(&with_semi) == Parse::Ok;
            if head && !force {
                Status::Incomplete
            } else if semi_ok {
                Status::Complete(with_semi)
            } else if force {
                Status::Complete(text.to_string())
            } else {
                Status::Incomplete
            }
        }
    }
}

/// Open `(`, `[`, `{` minus closed ones, and open `@if`s.
fn nesting(tokens: &[Spanned]) -> i32 {
    let mut depth = 0i32;
    for (_, t, _) in tokens {
        match t {
            Tok::LParen
            | Tok::LBracket
            | Tok::LBrace
            | Tok::AtIf
            | Tok::AtIfdef
            | Tok::AtIfndef => depth += 1,
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::AtEndif => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return depth;
        }
    }
    depth
}

fn has_conditionals(tokens: &[Spanned]) -> bool {
    tokens.iter().any(|(_, t, _)| {
        matches!(
            t,
            Tok::AtIf | Tok::AtIfdef | Tok::AtIfndef | Tok::AtElse | Tok::AtEndif
        )
    })
}

/// Whether the tokens are one expression (which the session prints).
pub fn parses_as_expr(tokens: &[Spanned], src: &str) -> bool {
    !tokens.is_empty() && parser::parse_expr_tokens(tokens.to_vec(), src, 0).is_ok()
}

#[derive(Debug, PartialEq, Eq)]
enum Parse {
    Ok,
    /// Failed at the end of the input: more text could fix it.
    NeedsMore,
    Error,
}

fn parse_script(text: &str) -> Parse {
    let lexed = lexer::lex(text, "<input>", ".");
    if !lexed.errors.is_empty() {
        return Parse::Error;
    }
    match parser::parse_tokens(lexed.tokens, &lexed.docs, 0, text, 0, "<input>") {
        Ok(_) => Parse::Ok,
        Err(diags)
            if diags
                .iter()
                .any(|d| d.message.starts_with("syntax error, at end of file")) =>
        {
            Parse::NeedsMore
        }
        Err(_) => Parse::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(s: &str) -> String {
        match status(s, false) {
            Status::Complete(t) => t,
            other => panic!("{s:?}: {other:?}"),
        }
    }

    #[test]
    fn blank_and_comments() {
        assert_eq!(status("", false), Status::Empty);
        assert_eq!(status("   \n\t", false), Status::Empty);
        assert_eq!(status("# just a comment", false), Status::Empty);
        // a documentation comment waits for its declaration
        assert_eq!(status("## The answer.", false), Status::Incomplete);
        assert_eq!(status("## The answer.", true), Status::Empty);
    }

    #[test]
    fn expressions_are_complete() {
        assert_eq!(complete("3 sec"), "3 sec");
        assert_eq!(complete("1 + 2"), "1 + 2");
        assert_eq!(complete("f(1, 2)"), "f(1, 2)");
        assert_eq!(complete("c$id$orig_h"), "c$id$orig_h");
        assert_eq!(status("1 +", false), Status::Incomplete);
        assert_eq!(status("x = ", false), Status::Incomplete);
    }

    #[test]
    fn open_brackets_continue() {
        assert_eq!(
            status("function f(x: count): count {", false),
            Status::Incomplete
        );
        assert_eq!(
            status("function f(x: count): count {\n return x + 1;", false),
            Status::Incomplete
        );
        assert_eq!(
            status("function f(x: count): count {\n return x + 1;\n}", false),
            Status::Complete("function f(x: count): count {\n return x + 1;\n}".into())
        );
        assert_eq!(status("print f(1,", false), Status::Incomplete);
        assert_eq!(status("local v = vector(1, 2,", false), Status::Incomplete);
        assert_eq!(status("type R: record {", false), Status::Incomplete);
        // an open bracket is not closed by an empty line
        assert_eq!(status("event zeek_init() {", true), Status::Incomplete);
        // too many closers are an error to report, not more to read
        assert!(matches!(status("}", false), Status::Complete(_)));
    }

    #[test]
    fn heads_wait_for_their_body() {
        assert_eq!(status("event zeek_init()", false), Status::Incomplete);
        assert_eq!(
            status("function f(x: count): count", false),
            Status::Incomplete
        );
        assert_eq!(status("hook h(c: count)", false), Status::Incomplete);
        assert_eq!(status("if ( x > 3 )", false), Status::Incomplete);
        assert_eq!(status("for ( i in t )", false), Status::Incomplete);
        assert_eq!(status("while ( T )", false), Status::Incomplete);
        assert_eq!(status("if ( x ) print 1; else", false), Status::Incomplete);
        assert_eq!(
            complete("event zeek_init()\n\t{\n\tprint 1;\n\t}"),
            "event zeek_init()\n\t{\n\tprint 1;\n\t}"
        );
    }

    #[test]
    fn missing_semicolon_is_added() {
        assert_eq!(complete("print 1"), "print 1;");
        assert_eq!(complete("print fmt(\"%s\", x)"), "print fmt(\"%s\", x);");
        assert_eq!(complete("local x = 5"), "local x = 5;");
        assert_eq!(complete("global g: count = 3"), "global g: count = 3;");
        assert_eq!(complete("x = 5"), "x = 5");
        assert_eq!(complete("event foo(1)"), "event foo(1);");
        assert_eq!(
            complete("type R: record { a: count; }"),
            "type R: record { a: count; };"
        );
        assert_eq!(complete("print 1;"), "print 1;");
        assert_eq!(complete("@load base/foo"), "@load base/foo");
    }

    #[test]
    fn empty_line_forces() {
        assert_eq!(
            status("print 1 +", true),
            Status::Complete("print 1 +".into())
        );
        assert_eq!(
            status("if ( x )", true),
            Status::Complete("if ( x );".into())
        );
        assert_eq!(
            status("type R: record", true),
            Status::Complete("type R: record".into())
        );
    }

    #[test]
    fn errors_are_complete() {
        // reported by the session, not fixed by more lines
        assert!(matches!(status("print \"abc", false), Status::Complete(_)));
        assert!(matches!(
            status("global 3 = x;", false),
            Status::Complete(_)
        ));
        assert!(matches!(status("1 2", false), Status::Complete(_)));
    }

    #[test]
    fn commands() {
        assert_eq!(complete("  :type 3 sec "), ":type 3 sec");
        assert!(is_command(":help"));
        assert!(!is_command("x ? a : b"));
    }
}
