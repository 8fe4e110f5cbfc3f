//! Turns source bytes into the token vector the parser reads.
//!
//! logos recognises the context-free tokens; this pass adds what needs
//! context: patterns (a `/` where an operand may start), IPv6 literals in
//! brackets, intervals (a number followed by a unit word), directive
//! arguments, and documentation comments, which are set aside with their
//! positions so declarations can pick them up.

use super::token::{LexError, Tok};
use logos::Logos;
use std::net::{IpAddr, Ipv6Addr};

pub type Spanned<'a> = (usize, Tok<'a>, usize);

/// A `##`, `##<` or `##!` comment with its byte range.
#[derive(Debug, Clone)]
pub struct DocComment {
    pub start: usize,
    pub end: usize,
    pub kind: DocKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// `##`: documents the declaration that follows.
    Before,
    /// `##<`: documents the declaration or field before it.
    After,
    /// `##!`: documents the whole script.
    Script,
}

pub struct Lexed<'a> {
    pub tokens: Vec<Spanned<'a>>,
    pub docs: Vec<DocComment>,
    /// `@pragma` lines: where each starts and what follows the word.
    pub pragmas: Vec<(usize, String)>,
    pub errors: Vec<(usize, usize, LexError)>,
    /// Complaints about literals that Zeek reports while it goes on
    /// reading (a port out of range, a bad address): the script fails,
    /// but parsing it continues.
    pub soft: Vec<(usize, usize, LexError)>,
}

/// Whether a `/` after this token divides (the token ends an operand) or
/// starts a pattern.
fn ends_operand(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Id(_)
            | Tok::RParen
            | Tok::RBracket
            | Tok::Bool(_)
            | Tok::Count(_)
            | Tok::Double(_)
            | Tok::Str(_)
            | Tok::Port(_)
            | Tok::Addr(_)
            | Tok::Subnet(_)
            | Tok::Interval(_)
            | Tok::Pattern(_)
            | Tok::Incr
            | Tok::Decr
    )
}

// Multiplied as Zeek does (10 usec is 10 * 1e-6, not 1e-5), so that
// printed values match.
fn interval_unit(word: &str) -> Option<f64> {
    Some(match word {
        "usec" | "usecs" => 1e-6,
        "msec" | "msecs" => 1e-3,
        "sec" | "secs" => 1.0,
        "min" | "mins" => 60.0,
        "hr" | "hrs" => 3600.0,
        "day" | "days" => 86400.0,
        _ => return None,
    })
}

pub fn lex<'a>(src: &'a str, filename: &'a str, dir: &'a str) -> Lexed<'a> {
    let mut out = Lexed {
        tokens: Vec::with_capacity(src.len() / 4),
        docs: Vec::new(),
        pragmas: Vec::new(),
        errors: Vec::new(),
        soft: Vec::new(),
    };
    let mut lexer = Tok::lexer(src);
    // Open `|x|` bars by nesting depth, and whether the last token closed
    // one: a `/` after `|x|` divides.
    let mut bars = Bars::default();
    let mut closed_bar = false;
    while let Some(res) = lexer.next() {
        let span = lexer.span();
        let tok = match res {
            Ok(t) => t,
            Err(e) => {
                let e = if e == LexError::InvalidToken && src[span.start..].starts_with('"') {
                    LexError::UnterminatedString
                } else {
                    e
                };
                out.errors.push((span.start, span.end, e));
                continue;
            }
        };
        match tok {
            Tok::LParen | Tok::LBracket | Tok::LBrace => bars.depth += 1,
            Tok::RParen | Tok::RBracket | Tok::RBrace => {
                bars.depth = bars.depth.saturating_sub(1);
                let d = bars.depth;
                bars.open.retain(|&o| o <= d);
            }
            _ => {}
        }
        let was_closed_bar = std::mem::take(&mut closed_bar);
        match tok {
            Tok::Doc(text) => {
                closed_bar = was_closed_bar;
                out.docs.push(doc_comment(span.start, span.end, text))
            }
            Tok::AtPragma => {
                closed_bar = was_closed_bar;
                let text = lexer.slice()["@pragma".len()..].trim().to_string();
                out.pragmas.push((span.start, text));
            }
            Tok::AtUnknown => out.errors.push((
                span.start,
                span.end,
                LexError::Directive(format!("unknown directive {}", lexer.slice())),
            )),
            Tok::AtDir => {
                out.tokens
                    .push((span.start, Tok::Str(dir.as_bytes().to_vec()), span.end))
            }
            Tok::AtFilename => {
                out.tokens
                    .push((span.start, Tok::Str(filename.as_bytes().to_vec()), span.end))
            }
            Tok::LoadLike(kind) | Tok::Load((kind, _)) => {
                let (arg, used) = directive_argument(lexer.remainder());
                lexer.bump(used);
                out.tokens
                    .push((span.start, Tok::Load((kind, arg)), lexer.span().end));
            }
            Tok::AtDeprecated => {
                let (arg, used) = directive_argument(lexer.remainder());
                lexer.bump(used);
                let end = lexer.span().end;
                out.tokens
                    .push((span.start, Tok::Load(("@deprecated", arg)), end));
            }
            Tok::Not => match not_in(lexer.remainder()) {
                Some(used) => {
                    lexer.bump(used);
                    out.tokens.push((span.start, Tok::NotIn, lexer.span().end));
                }
                None => out.tokens.push((span.start, Tok::Not, span.end)),
            },
            Tok::Bar => {
                let depth = bars.depth;
                if out.tokens.last().is_some_and(|t| ends_operand(&t.1)) {
                    // After an operand: the closing bar of `|x|` when one
                    // is open at this nesting, else an operator.
                    closed_bar = bars.open.last() == Some(&depth);
                    if closed_bar {
                        bars.open.pop();
                    }
                } else {
                    bars.open.push(depth);
                }
                out.tokens.push((span.start, Tok::Bar, span.end));
                continue;
            }
            Tok::Slash
                if !closed_bar_before(&out.tokens, was_closed_bar)
                    && !out.tokens.last().is_some_and(|t| ends_operand(&t.1)) =>
            {
                match scan_pattern(lexer.remainder()) {
                    Some((re, ci, dotall, used)) => {
                        lexer.bump(used);
                        out.tokens.push((
                            span.start,
                            Tok::Pattern((re, ci, dotall)),
                            lexer.span().end,
                        ));
                    }
                    None => {
                        out.errors
                            .push((span.start, src.len(), LexError::UnterminatedPattern));
                        break;
                    }
                }
            }
            Tok::LBracket => match scan_ipv6(lexer.remainder()) {
                Some((tok, used, bad_width)) => {
                    lexer.bump(used);
                    let end = lexer.span().end;
                    if let Some(w) = bad_width {
                        let msg = format!("Bad IPAddr(v6) IPPrefix length : {w}");
                        out.soft.push((span.start, end, LexError::Literal(msg)));
                    }
                    out.tokens.push((span.start, tok, end));
                }
                None => out.tokens.push((span.start, Tok::LBracket, span.end)),
            },
            Tok::Port((n, p)) => {
                let n = if n > super::token::max_port(p) {
                    let msg = format!("bad port number - {}", lexer.slice());
                    out.soft
                        .push((span.start, span.end, LexError::Literal(msg)));
                    0
                } else {
                    n
                };
                out.tokens.push((span.start, Tok::Port((n, p)), span.end));
            }
            Tok::V4(text) => {
                let addr = match super::token::parse_dotted(&text) {
                    Some(a) => IpAddr::V4(a),
                    None => {
                        let msg = format!("Bad IP address: {text}");
                        out.soft
                            .push((span.start, span.end, LexError::Literal(msg)));
                        IpAddr::V6(Ipv6Addr::UNSPECIFIED)
                    }
                };
                out.tokens.push((span.start, Tok::Addr(addr), span.end));
            }
            Tok::V4Subnet(text) => {
                let (a, w) = text.split_once('/').unwrap_or((&text, "0"));
                let a = a.trim_end_matches([' ', '\t']);
                let width = super::token::subnet_width(w);
                let addr = match super::token::parse_dotted(a) {
                    Some(a) => IpAddr::V4(a),
                    None => {
                        let msg = format!("Bad IP address: {a}");
                        out.soft
                            .push((span.start, span.end, LexError::Literal(msg)));
                        IpAddr::V6(Ipv6Addr::UNSPECIFIED)
                    }
                };
                let width = if width > 32 && addr.is_ipv4() {
                    let msg = format!("Bad IPAddr(v4) IPPrefix length : {width}");
                    out.soft
                        .push((span.start, span.end, LexError::Literal(msg)));
                    0
                } else {
                    width
                };
                out.tokens
                    .push((span.start, Tok::Subnet((addr, width)), span.end));
            }
            Tok::HostName => {
                let msg = format!(
                    "DNS lookup of host literal '{}' is not supported. Replace with blocking_lookup_hostname().",
                    lexer.slice()
                );
                out.soft
                    .push((span.start, span.end, LexError::Literal(msg)));
            }
            Tok::Id(word) => {
                // `3 sec`, `1.5mins`: a number directly followed by a unit
                // word on the same line is one interval literal.
                let merged = match (interval_unit(word), out.tokens.last()) {
                    (Some(unit), Some(&(s, Tok::Count(n), e)))
                        if src[e..span.start].bytes().all(|b| b == b' ' || b == b'\t') =>
                    {
                        Some((s, n as f64 * unit))
                    }
                    (Some(unit), Some(&(s, Tok::Double(d), e)))
                        if src[e..span.start].bytes().all(|b| b == b' ' || b == b'\t') =>
                    {
                        Some((s, d * unit))
                    }
                    _ => None,
                };
                match merged {
                    Some((s, secs)) => {
                        out.tokens.pop();
                        out.tokens.push((s, Tok::Interval(secs), span.end));
                    }
                    None => out.tokens.push((span.start, tok, span.end)),
                }
            }
            t => out.tokens.push((span.start, t, span.end)),
        }
    }
    out
}

/// The `|`s of size expressions still open, by bracket depth.
#[derive(Default)]
struct Bars {
    depth: usize,
    open: Vec<usize>,
}

/// Whether the token before a `/` closed a `|x|`.
fn closed_bar_before(tokens: &[Spanned], closed_bar: bool) -> bool {
    closed_bar && matches!(tokens.last(), Some((_, Tok::Bar, _)))
}

/// After a `!`: the length of ` in` when `in` follows (after blanks on the
/// same line) and no letter or digit comes right after it.
fn not_in(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let mut i = 0;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    if !rest[i..].starts_with("in") {
        return None;
    }
    match b.get(i + 2) {
        Some(c) if !c.is_ascii_alphanumeric() => Some(i + 2),
        _ => None,
    }
}

fn doc_comment(start: usize, end: usize, text: &str) -> DocComment {
    let (kind, body) = if let Some(b) = text.strip_prefix("##!") {
        (DocKind::Script, b)
    } else if let Some(b) = text.strip_prefix("##<") {
        (DocKind::After, b)
    } else {
        (DocKind::Before, &text[2..])
    };
    let body = body.strip_prefix(' ').unwrap_or(body);
    DocComment {
        start,
        end,
        kind,
        text: body.trim_end().to_string(),
    }
}

/// The argument of a line directive: the rest of the line up to a comment,
/// trimmed. Returns it and how many bytes it used.
fn directive_argument(rest: &str) -> (&str, usize) {
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = &rest[..line_end];
    let text = match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    };
    (text.trim(), line_end)
}

/// Reads a pattern body after its opening `/`. Returns the regular
/// expression text, whether `i` and `s` follow, and the bytes used.
fn scan_pattern(rest: &str) -> Option<(String, bool, bool, usize)> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    let mut re = String::new();
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return None,
            b'\\' if bytes.get(i + 1) == Some(&b'/') => {
                re.push('/');
                i += 2;
            }
            b'\\' if i + 1 < bytes.len() => {
                // The escaped character may be more than one byte long.
                let n = rest[i + 1..].chars().next().map_or(1, char::len_utf8);
                re.push_str(&rest[i..i + 1 + n]);
                i += 1 + n;
            }
            b'/' => {
                // Flags follow the closing slash: `i` (case-insensitive)
                // and `s` (`.` also matches a newline), in either order.
                let mut j = i + 1;
                let (mut ci, mut dotall) = (false, false);
                while let Some(&f) = bytes.get(j) {
                    match f {
                        b'i' if !ci => ci = true,
                        b's' if !dotall => dotall = true,
                        _ => break,
                    }
                    j += 1;
                }
                if bytes
                    .get(j)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                {
                    // Not flags but a name right after the pattern.
                    return Some((re, false, false, i + 1));
                }
                return Some((re, ci, dotall, j));
            }
            _ => {
                let ch = rest[i..].chars().next()?;
                re.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    None
}

/// Recognises `[v6-address]` and `[v6-address]/width` (blanks allowed
/// around the slash) after a `[`, as Zeek's scanner does (which also takes
/// a `0x` before the address). Returns the token, the bytes used, and a
/// width too large to be one (the subnet then has width 0).
fn scan_ipv6(rest: &str) -> Option<(Tok<'static>, usize, Option<u8>)> {
    let hex = rest.starts_with("0x") as usize * 2;
    let close = hex
        + rest[hex..]
            .bytes()
            .position(|b| !(b.is_ascii_hexdigit() || b == b':' || b == b'.'))?;
    if rest.as_bytes()[close] != b']' {
        return None;
    }
    let text = &rest[hex..close];
    // An IPv6 literal has at least two colons; this keeps slices like
    // `v[1:2]` out (and the address must parse).
    if text.matches(':').count() < 2 {
        return None;
    }
    let addr: Ipv6Addr = text.parse().ok()?;
    let used = close + 1;
    let after = &rest[used..];
    let blanks = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    let b1 = blanks(after);
    if let Some(w) = after[b1..].strip_prefix('/') {
        let b2 = blanks(w);
        let digits = w[b2..].bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let width = super::token::subnet_width(&w[b2..b2 + digits]);
            let used = used + b1 + 1 + b2 + digits;
            if width > 128 {
                return Some((Tok::Subnet((IpAddr::V6(addr), 0)), used, Some(width)));
            }
            return Some((Tok::Subnet((IpAddr::V6(addr), width)), used, None));
        }
    }
    Some((Tok::Addr(IpAddr::V6(addr)), used, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::Proto;

    fn toks(src: &str) -> Vec<Tok<'_>> {
        let l = lex(src, "t.zeek", ".");
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        l.tokens.into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(toks("42 0x1F"), vec![Tok::Count(42), Tok::Count(31)]);
        assert_eq!(
            toks("1.5 .5 1e3 1.5e-3 2."),
            vec![
                Tok::Double(1.5),
                Tok::Double(0.5),
                Tok::Double(1000.0),
                Tok::Double(0.0015),
                Tok::Double(2.0)
            ]
        );
        // Too large a count is the largest, as C's strtoull makes it.
        assert_eq!(toks("99999999999999999999999"), vec![Tok::Count(u64::MAX)]);
    }

    #[test]
    fn strings() {
        assert_eq!(
            toks(r#""a\n\t\\\"\x41\101\0""#),
            vec![Tok::Str(b"a\n\t\\\"AA\0".to_vec())]
        );
        assert_eq!(toks(r#""\xff""#), vec![Tok::Str(vec![0xff])]);
        assert_eq!(
            lex("\"abc", "t", ".").errors[0].2,
            LexError::UnterminatedString
        );
    }

    #[test]
    fn ports_addrs_subnets() {
        assert_eq!(
            toks("80/tcp 53/udp 3/icmp 0/unknown"),
            vec![
                Tok::Port((80, Proto::Tcp)),
                Tok::Port((53, Proto::Udp)),
                Tok::Port((3, Proto::Icmp)),
                Tok::Port((0, Proto::Unknown))
            ]
        );
        assert_eq!(toks("1.2.3.4"), vec![Tok::Addr("1.2.3.4".parse().unwrap())]);
        assert_eq!(toks("[::1]"), vec![Tok::Addr("::1".parse().unwrap())]);
        assert_eq!(
            toks("[2001:db8::1]"),
            vec![Tok::Addr("2001:db8::1".parse().unwrap())]
        );
        assert_eq!(
            toks("[::ffff:1.2.3.4]"),
            vec![Tok::Addr("::ffff:1.2.3.4".parse().unwrap())]
        );
        assert_eq!(
            toks("10.0.0.0/8"),
            vec![Tok::Subnet(("10.0.0.0".parse().unwrap(), 8))]
        );
        assert_eq!(
            toks("[2001:db8::]/32"),
            vec![Tok::Subnet(("2001:db8::".parse().unwrap(), 32))]
        );
        // a slice is not an address
        assert_eq!(
            toks("v[1:2]"),
            vec![
                Tok::Id("v"),
                Tok::LBracket,
                Tok::Count(1),
                Tok::Colon,
                Tok::Count(2),
                Tok::RBracket
            ]
        );
    }

    #[test]
    fn literals_zeek_reports() {
        let soft = |src: &str| -> Vec<String> {
            lex(src, "t", ".")
                .soft
                .iter()
                .map(|e| e.2.to_string())
                .collect()
        };
        assert_eq!(soft("70000/tcp"), vec!["bad port number - 70000/tcp"]);
        assert_eq!(
            soft("256/icmp 255/icmp 65535/udp"),
            vec!["bad port number - 256/icmp"]
        );
        assert_eq!(soft("1.2.3.256"), vec!["Bad IP address: 1.2.3.256"]);
        assert_eq!(
            soft("1.2.3.0/33"),
            vec!["Bad IPAddr(v4) IPPrefix length : 33"]
        );
        assert_eq!(
            soft("[::1]/129"),
            vec!["Bad IPAddr(v6) IPPrefix length : 129"]
        );
        assert!(soft("www.zeek.org")[0].starts_with("DNS lookup of host literal 'www.zeek.org'"));
        // Blanks may stand around a subnet's slash; leading zeros are fine.
        assert_eq!(
            toks("010.1.2.3 / 8 [2001:db8::] / 32"),
            vec![
                Tok::Subnet(("10.1.2.3".parse().unwrap(), 8)),
                Tok::Subnet(("2001:db8::".parse().unwrap(), 32))
            ]
        );
    }

    #[test]
    fn intervals() {
        assert_eq!(
            toks("3 sec 1.5 mins 400sec 2 days 10 usec"),
            vec![
                Tok::Interval(3.0),
                Tok::Interval(90.0),
                Tok::Interval(400.0),
                Tok::Interval(172800.0),
                Tok::Interval(10.0 * 1e-6)
            ]
        );
        // a unit on the next line is a name, not part of the number
        assert_eq!(toks("3\nsec"), vec![Tok::Count(3), Tok::Id("sec")]);
    }

    #[test]
    fn patterns_and_division() {
        assert_eq!(
            toks("x = /a\\/b/i;"),
            vec![
                Tok::Id("x"),
                Tok::Assign,
                Tok::Pattern(("a/b".into(), true, false)),
                Tok::Semi
            ]
        );
        assert_eq!(toks("a / b"), vec![Tok::Id("a"), Tok::Slash, Tok::Id("b")]);
        assert_eq!(
            toks("f(/x/ | /y/)"),
            vec![
                Tok::Id("f"),
                Tok::LParen,
                Tok::Pattern(("x".into(), false, false)),
                Tok::Bar,
                Tok::Pattern(("y".into(), false, false)),
                Tok::RParen
            ]
        );
    }

    #[test]
    fn names_attrs_and_docs() {
        assert_eq!(
            toks("Conn::RemovalHook GLOBAL::x ::y &optional &foo"),
            vec![
                Tok::Id("Conn::RemovalHook"),
                Tok::Id("GLOBAL::x"),
                Tok::Id("::y"),
                Tok::Attr("optional"),
                Tok::Attr("foo")
            ]
        );
        let l = lex(
            "##! script\n## before\nglobal x: count; ##< after\n# plain\n",
            "t",
            ".",
        );
        let kinds: Vec<_> = l.docs.iter().map(|d| (d.kind, d.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (DocKind::Script, "script"),
                (DocKind::Before, "before"),
                (DocKind::After, "after")
            ]
        );
    }

    #[test]
    fn directives() {
        assert_eq!(
            toks("@load base/foo # comment\n@load-sigs ./x.sig"),
            vec![
                Tok::Load(("@load", "base/foo")),
                Tok::Load(("@load-sigs", "./x.sig"))
            ]
        );
        assert_eq!(toks("@FILENAME"), vec![Tok::Str(b"t.zeek".to_vec())]);
    }
}
