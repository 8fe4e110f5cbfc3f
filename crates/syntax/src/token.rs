//! The tokens of the Zeek language, recognised by logos.
//!
//! Some tokens depend on context that a regular lexer cannot see (a `/` that
//! starts a pattern, an IPv6 literal in brackets, a number followed by an
//! interval unit); `lexer.rs` builds those from the raw tokens defined here.

use logos::Logos;
use std::net::{IpAddr, Ipv4Addr};

/// Transport protocol of a port literal such as `80/tcp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Proto {
    Unknown,
    Tcp,
    Udp,
    Icmp,
}

impl Proto {
    pub fn name(self) -> &'static str {
        match self {
            Proto::Unknown => "unknown",
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Icmp => "icmp",
        }
    }
}

/// What went wrong while lexing; the span comes from the lexer position.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LexError {
    #[default]
    InvalidToken,
    BadNumber,
    BadEscape,
    UnterminatedString,
    UnterminatedPattern,
    BadAddress,
    Directive(String),
    /// A complaint about a literal that Zeek reports and reads past.
    Literal(String),
}

impl std::fmt::Display for LexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LexError::InvalidToken => write!(f, "unrecognized character"),
            LexError::BadNumber => write!(f, "invalid numeric literal"),
            LexError::BadEscape => write!(f, "invalid escape sequence in string"),
            LexError::UnterminatedString => write!(f, "unterminated string literal"),
            LexError::UnterminatedPattern => write!(f, "unterminated pattern literal"),
            LexError::BadAddress => write!(f, "invalid address literal"),
            LexError::Directive(m) | LexError::Literal(m) => write!(f, "{m}"),
        }
    }
}

#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\r\n\f]+")]
#[logos(skip(r"#([^#\n][^\n]*)?", allow_greedy = true))]
pub enum Tok<'a> {
    // ---- keywords ----
    #[token("add")]
    Add,
    #[token("addr")]
    TAddr,
    #[token("any")]
    TAny,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("bool")]
    TBool,
    #[token("break")]
    Break,
    #[token("case")]
    Case,
    #[token("const")]
    Const,
    #[token("copy")]
    Copy,
    #[token("count")]
    TCount,
    #[token("default")]
    Default,
    #[token("delete")]
    Delete,
    #[token("double")]
    TDouble,
    #[token("else")]
    Else,
    #[token("enum")]
    Enum,
    #[token("event")]
    Event,
    #[token("export")]
    Export,
    #[token("fallthrough")]
    Fallthrough,
    #[token("file")]
    TFile,
    #[token("for")]
    For,
    #[token("function")]
    Function,
    #[token("global")]
    Global,
    #[token("hook")]
    Hook,
    #[token("if")]
    If,
    #[token("in")]
    In,
    /// `!in`, also written `! in`: built by the lexer from `!` when `in`
    /// follows without a letter or digit after it (`!info` is `!` and a
    /// name), as Zeek's scanner decides.
    NotIn,
    #[token("int")]
    TInt,
    #[token("interval")]
    TInterval,
    #[token("is")]
    Is,
    #[token("list")]
    List,
    #[token("local")]
    Local,
    #[token("module")]
    Module,
    #[token("next")]
    Next,
    #[token("of")]
    Of,
    #[token("opaque")]
    Opaque,
    #[token("option")]
    OptionKw,
    #[token("pattern")]
    TPattern,
    #[token("port")]
    TPort,
    #[token("print")]
    Print,
    #[token("record")]
    Record,
    #[token("redef")]
    Redef,
    #[token("return")]
    Return,
    #[token("schedule")]
    Schedule,
    #[token("set")]
    Set,
    #[token("string")]
    TString,
    #[token("subnet")]
    TSubnet,
    #[token("switch")]
    Switch,
    #[token("table")]
    Table,
    #[token("time")]
    TTime,
    #[token("timeout")]
    Timeout,
    #[token("timer")]
    TTimer,
    #[token("type")]
    Type,
    #[token("vector")]
    Vector,
    #[token("when")]
    When,
    #[token("while")]
    While,

    // ---- punctuation and operators ----
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token(":")]
    Colon,
    #[token("?")]
    Question,
    #[token("$")]
    Dollar,
    #[token("?$")]
    HasField,
    #[token("?as")]
    CanCast,
    #[token("=")]
    Assign,
    #[token("+=")]
    AddAssign,
    #[token("-=")]
    SubAssign,
    #[token("==")]
    Eq,
    #[token("!=")]
    Ne,
    #[token("<")]
    Lt,
    #[token("<=")]
    Le,
    #[token(">")]
    Gt,
    #[token(">=")]
    Ge,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("&&")]
    AndAnd,
    #[token("||")]
    OrOr,
    #[token("!")]
    Not,
    #[token("~")]
    Tilde,
    #[token("&")]
    Amp,
    #[token("|")]
    Bar,
    #[token("^")]
    Caret,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("%")]
    Percent,
    #[token("++")]
    Incr,
    #[token("--")]
    Decr,
    #[token("...")]
    Ellipsis,

    // ---- literals ----
    #[token("T", |_| true, priority = 10)]
    #[token("F", |_| false, priority = 10)]
    Bool(bool),
    // Read as C's strtoull reads them: too large a number is the largest.
    #[regex(r"[0-9]+", |lex| lex.slice().parse::<u64>().unwrap_or(u64::MAX))]
    #[regex(r"0[xX][0-9a-fA-F]+", |lex| u64::from_str_radix(&lex.slice()[2..], 16).unwrap_or(u64::MAX))]
    Count(u64),
    #[regex(r"([0-9]*\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?", parse_double)]
    #[regex(r"[0-9]+[eE][-+]?[0-9]+", parse_double)]
    Double(f64),
    #[regex(r#""([^"\\\n]|\\[^\n])*""#, |lex| unescape(lex.slice()))]
    Str(Vec<u8>),
    /// A port; the lexer reports a number out of range (and makes it 0).
    #[regex(r"[0-9]+/(tcp|udp|icmp|unknown)", parse_port)]
    Port((u32, Proto)),
    /// An address; the lexer reports one that is not valid.
    #[regex(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+", |lex| lex.slice().to_string())]
    V4(String),
    /// `a.b.c.d/n` (blanks allowed around the slash), as written.
    #[regex(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+[ \t]*/[ \t]*[0-9]+", |lex| lex.slice().to_string())]
    V4Subnet(String),
    /// A host name, which Zeek no longer looks up: the lexer reports it.
    #[regex(r"([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z][A-Za-z0-9\-]*", priority = 1)]
    HostName,
    Addr(IpAddr),
    Subnet((IpAddr, u8)),
    /// Built by the lexer from a number and a unit word; seconds.
    Interval(f64),
    /// Built by the lexer where a `/` starts an operand.
    Pattern((String, bool, bool)),

    // ---- names ----
    #[regex(r"[A-Za-z_][A-Za-z_0-9]*(::[A-Za-z_][A-Za-z_0-9]*)*", |lex| lex.slice())]
    #[regex(r"::[A-Za-z_][A-Za-z_0-9]*(::[A-Za-z_][A-Za-z_0-9]*)*", |lex| lex.slice())]
    Id(&'a str),
    #[regex(r"&[A-Za-z_][A-Za-z_0-9]*", |lex| &lex.slice()[1..])]
    Attr(&'a str),

    // ---- directives (the path or argument is read by the lexer) ----
    #[regex(r"@load(-sigs|-plugin)?", |lex| lex.slice())]
    #[token("@unload", |lex| lex.slice())]
    #[token("@prefixes", |lex| lex.slice())]
    LoadLike(&'a str),
    /// The whole directive with its argument, built by the lexer.
    Load((&'a str, &'a str)),
    #[token("@if")]
    AtIf,
    #[token("@ifdef")]
    AtIfdef,
    #[token("@ifndef")]
    AtIfndef,
    #[token("@else")]
    AtElse,
    #[token("@endif")]
    AtEndif,
    #[token("@DIR")]
    AtDir,
    #[token("@FILENAME")]
    AtFilename,
    #[token("@deprecated")]
    AtDeprecated,
    #[regex(r"@pragma[^\n]*", allow_greedy = true)]
    AtPragma,
    #[regex(r"@[A-Za-z_][A-Za-z_0-9-]*", priority = 1)]
    AtUnknown,

    // ---- documentation comments, taken off the token stream by the lexer ----
    #[regex(r"##[^\n]*", |lex| lex.slice(), allow_greedy = true)]
    Doc(&'a str),
}

fn parse_double<'a>(lex: &mut logos::Lexer<'a, Tok<'a>>) -> Result<f64, LexError> {
    lex.slice().parse::<f64>().map_err(|_| LexError::BadNumber)
}

fn parse_port<'a>(lex: &mut logos::Lexer<'a, Tok<'a>>) -> Result<(u32, Proto), LexError> {
    let (num, proto) = lex.slice().split_once('/').ok_or(LexError::BadNumber)?;
    // atoi: digits past the range wrap (and are reported anyway).
    let n = num
        .parse::<u64>()
        .map_or(u32::MAX, |n| n.min(u32::MAX as u64) as u32);
    let p = match proto {
        "tcp" => Proto::Tcp,
        "udp" => Proto::Udp,
        "icmp" => Proto::Icmp,
        _ => Proto::Unknown,
    };
    Ok((n, p))
}

/// The largest number a port of the protocol may have.
pub fn max_port(p: Proto) -> u32 {
    match p {
        Proto::Tcp | Proto::Udp => 65535,
        Proto::Icmp | Proto::Unknown => 255,
    }
}

/// Dotted-quad text as Zeek reads it: four decimal numbers (leading zeros
/// allowed), each at most 255.
pub fn parse_dotted(s: &str) -> Option<Ipv4Addr> {
    let mut o = [0u8; 4];
    let mut parts = s.split('.');
    for b in o.iter_mut() {
        let p = parts.next()?;
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let n = p.trim_start_matches('0');
        if n.len() > 3 {
            return None;
        }
        *b = n.parse::<u16>().unwrap_or(0).try_into().ok()?;
    }
    parts.next().is_none().then(|| Ipv4Addr::from(o))
}

/// The prefix width of a subnet literal: `atoi`, narrowed to a byte as
/// Zeek narrows it.
pub fn subnet_width(text: &str) -> u8 {
    let digits = text.trim_start_matches([' ', '\t', '/']);
    let digits = digits.trim_start_matches([' ', '\t']);
    let mut n: u64 = 0;
    for c in digits.bytes().take_while(u8::is_ascii_digit) {
        n = (n * 10 + (c - b'0') as u64) % 256;
    }
    n as u8
}

/// Decodes a quoted string literal into bytes: Zeek strings are byte strings.
pub fn unescape(quoted: &str) -> Result<Vec<u8>, LexError> {
    let body = &quoted.as_bytes()[1..quoted.len() - 1];
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = body.get(i) else {
            return Err(LexError::BadEscape);
        };
        i += 1;
        match e {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'v' => out.push(0x0b),
            b'e' => out.push(0x1b),
            b'x' => {
                let digits: Vec<u8> = body[i..]
                    .iter()
                    .take(2)
                    .take_while(|d| d.is_ascii_hexdigit())
                    .copied()
                    .collect();
                if digits.is_empty() {
                    return Err(LexError::BadEscape);
                }
                i += digits.len();
                let s = std::str::from_utf8(&digits).map_err(|_| LexError::BadEscape)?;
                out.push(u8::from_str_radix(s, 16).map_err(|_| LexError::BadEscape)?);
            }
            b'0'..=b'7' => {
                let mut v: u32 = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 {
                    match body.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                            n += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            other => out.push(other),
        }
    }
    Ok(out)
}
