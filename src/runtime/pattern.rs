//! Pattern values: Zeek's regular-expression syntax translated to the
//! regex crate's, and the longest-match search the string built-ins use.
//!
//! Zeek's patterns follow flex: `"..."` quotes literal text, `{n,m}`
//! repeats, and a `{` that does not start a repetition is literal.

use crate::runtime::value::{PatternVal, Value};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{nfa::thompson, util::syntax, Anchored, Input, MatchKind};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// Rewrites a Zeek pattern body into regex-crate syntax.
pub fn translate(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let n = chars[i + 1];
                if ('0'..='7').contains(&n) {
                    // flex's octal escape: one to three octal digits name
                    // a byte (the regex crate would read a back-reference).
                    let digits: String = chars[i + 1..]
                        .iter()
                        .take(3)
                        .take_while(|d| ('0'..='7').contains(*d))
                        .collect();
                    let byte = u32::from_str_radix(&digits, 8).unwrap_or(0) & 0xff;
                    out.push_str(&format!("\\x{byte:02x}"));
                    i += 1 + digits.len();
                    continue;
                }
                if n.is_ascii_alphanumeric() && !"dDwWsSbBnrtfvx0123456789".contains(n) {
                    // An escaped letter with no special meaning is the letter.
                    out.push(n);
                } else {
                    out.push('\\');
                    out.push(n);
                }
                i += 2;
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A leading `]` (or `^]`) is literal inside a class.
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            '[' if chars.get(i + 1) == Some(&':') => {
                // A POSIX class such as `[:blank:]` inside a bracket.
                let name_end = chars[i + 2..]
                    .iter()
                    .position(|&x| !x.is_ascii_alphabetic())
                    .map(|k| i + 2 + k);
                match name_end {
                    Some(e) if chars.get(e) == Some(&':') && chars.get(e + 1) == Some(&']') => {
                        out.extend(&chars[i..e + 2]);
                        i = e + 2;
                        continue;
                    }
                    _ => out.push_str("\\["),
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '"' if !in_class => {
                // Quoted literal text, matched exactly even under `/i`.
                out.push_str("(?-i:");
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '"' {
                    let ch = if chars[j] == '\\' && j + 1 < chars.len() {
                        j += 1;
                        chars[j]
                    } else {
                        chars[j]
                    };
                    out.push_str(&regex::escape(&ch.to_string()));
                    j += 1;
                }
                out.push(')');
                i = j + 1;
                continue;
            }
            '{' if !in_class => {
                let close = chars[i..].iter().position(|&x| x == '}');
                let is_rep = close.is_some_and(|k| {
                    let body: String = chars[i + 1..i + k].iter().collect();
                    !body.is_empty() && body.chars().all(|x| x.is_ascii_digit() || x == ',')
                });
                out.push_str(if is_rep { "{" } else { "\\{" });
            }
            '}' if !in_class => {
                // Closes a repetition only if one is open.
                let open = out.rfind('{');
                let escaped_open = out.rfind("\\{");
                let in_rep = match (open, escaped_open) {
                    (Some(o), Some(e)) => o != e + 1 && !out[o..].contains('}'),
                    (Some(o), None) => !out[o..].contains('}'),
                    _ => false,
                };
                out.push_str(if in_rep { "}" } else { "\\}" });
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// A pattern value from Zeek regular-expression text, compiled the way
/// pattern literals are. The text is checked now; the matchers are built
/// on first use.
pub fn make_pattern(src: &str, case_insensitive: bool) -> Result<Value, String> {
    let mut text = format!("^?({src})$?");
    if case_insensitive {
        text = format!("(?i:{text})");
    }
    build(src, case_insensitive, text)
}

/// A pattern literal `/src/` with its `i` and `s` flags: Zeek wraps its
/// text in `(?i:...)` and then `(?s:...)` for them.
pub fn make_literal(src: &str, case_insensitive: bool, dotall: bool) -> Result<Value, String> {
    let mut text = format!("^?({src})$?");
    if case_insensitive {
        text = format!("(?i:{text})");
    }
    if dotall {
        text = format!("(?s:{text})");
        return build(&format!("(?s:{src})"), case_insensitive, text);
    }
    build(src, case_insensitive, text)
}

/// `p1 & p2` (`op` empty) and `p1 | p2` (`op` "|"): a pattern whose text
/// joins the two texts as Zeek's matcher merge does; each side keeps its
/// own case-insensitivity.
pub fn merge(p: &PatternVal, q: &PatternVal, op: &str) -> Result<Value, String> {
    let both = p.case_insensitive && q.case_insensitive;
    let part = |x: &PatternVal| {
        if x.case_insensitive && !both && !x.source.starts_with("(?i:") {
            format!("(?i:{})", x.source)
        } else {
            x.source.clone()
        }
    };
    let src = format!("({}){op}({})", part(p), part(q));
    let text = format!("^?(({}){op}({}))$?", p.text, q.text);
    build(&src, both, text)
}

/// `p += q`: Zeek rebuilds `p` from `q`'s text with `p`'s added as an
/// alternative.
pub fn add_to(p: &PatternVal, q: &PatternVal) -> Result<Value, String> {
    let both = p.case_insensitive && q.case_insensitive;
    let part = |x: &PatternVal| {
        if x.case_insensitive && !both && !x.source.starts_with("(?i:") {
            format!("(?i:{})", x.source)
        } else {
            x.source.clone()
        }
    };
    let src = format!("({})|({})", part(q), part(p));
    let text = format!("(^?({})$?)|(^?({})$?)", q.text, p.text);
    build(&src, both, text)
}

fn build(src: &str, case_insensitive: bool, text: String) -> Result<Value, String> {
    let translated = translate(src);
    let flags = if case_insensitive { "(?i-u)" } else { "(?-u)" };
    syntax::parse_with(
        &format!("{flags}^(?:{translated})$"),
        &syntax::Config::new().unicode(false).utf8(false),
    )
    .map_err(|e| e.to_string())?;
    Ok(Value::Pattern(Rc::new(PatternVal {
        source: src.to_string(),
        text,
        case_insensitive,
        flags,
        translated,
        exact: OnceCell::new(),
        search: OnceCell::new(),
        longest: OnceCell::new(),
    })))
}

/// Compiles a checked pattern. Only the regex crate's size limit can fail
/// here; such a pattern matches nothing (Zeek has no such limit to copy).
fn compile(re: &str) -> regex::bytes::Regex {
    regex::bytes::Regex::new(re).unwrap_or_else(|_| {
        regex::bytes::Regex::new(r"(?-u:\b\B)").expect("a pattern that never matches")
    })
}

impl PatternVal {
    /// The matcher for the whole of a string (`==`, table indices).
    pub fn exact(&self) -> &regex::bytes::Regex {
        self.exact
            .get_or_init(|| compile(&format!("{}^(?:{})$", self.flags, self.translated)))
    }

    /// The matcher for anywhere in a string (`in`).
    pub fn search(&self) -> &regex::bytes::Regex {
        self.search
            .get_or_init(|| compile(&format!("{}(?:{})", self.flags, self.translated)))
    }
}

// ---------- the longest match ----------
//
// Zeek's matchers are DFAs that report the longest prefix match, so
// `/a|ab/` takes "ab" from "abc"; the regex crate prefers the first
// alternative, so the string built-ins that split and search run a lazy
// DFA in "all matches" mode instead, which ends at the longest match.
// `^` and `$` keep meaning the ends of the whole string. The DFA is built
// on first use and kept in the pattern value.

/// A pattern's DFA for longest matches, with its scratch space.
pub struct Longest {
    dfa: DFA,
    cache: RefCell<Cache>,
}

impl std::fmt::Debug for Longest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Longest")
    }
}

fn build_longest(re: &str) -> Option<Rc<Longest>> {
    DFA::builder()
        .configure(DFA::config().match_kind(MatchKind::All))
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .thompson(thompson::Config::new().utf8(false))
        .build(re)
        .ok()
        .map(|dfa| {
            let cache = RefCell::new(dfa.create_cache());
            Rc::new(Longest { dfa, cache })
        })
}

/// The length of the longest match of `p` starting exactly at `start` in
/// `hay`, or None if none starts there (Some(0) for an empty match).
pub fn longest_at(p: &PatternVal, hay: &[u8], start: usize) -> Option<usize> {
    let re = p
        .longest
        .get_or_init(|| build_longest(&format!("{}(?:{})", p.flags, p.translated)))
        .as_ref()?;
    let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
    let mut cache = re.cache.borrow_mut();
    match re.dfa.try_search_fwd(&mut cache, &input) {
        Ok(Some(m)) => Some(m.offset() - start),
        _ => None,
    }
}

/// The first position at or after `from` where a non-empty match starts,
/// with its (longest) length.
pub fn next_match(p: &PatternVal, hay: &[u8], from: usize) -> Option<(usize, usize)> {
    (from..hay.len()).find_map(|i| match longest_at(p, hay, i) {
        Some(n) if n > 0 => Some((i, n)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_and_braces() {
        // Quoted text is literal, and exact even under `/i`.
        assert_eq!(translate(r#""a.b"c"#), r"(?-i:a\.b)c");
        assert_eq!(translate("a{2,3}"), "a{2,3}");
        assert_eq!(translate("a{b}"), r"a\{b\}");
        assert_eq!(translate("[]a]"), r"[\]a]");
        assert_eq!(translate(":[[:blank:]]*"), ":[[:blank:]]*");
        assert_eq!(translate("[a[:x]"), r"[a\[:x]");
    }

    fn with<R>(src: &str, f: impl FnOnce(&PatternVal) -> R) -> R {
        match make_pattern(src, false).unwrap() {
            Value::Pattern(p) => f(&p),
            _ => unreachable!(),
        }
    }

    #[test]
    fn prefers_the_longest_alternative() {
        with("a|ab", |p| assert_eq!(longest_at(p, b"abc", 0), Some(2)));
        with("a+", |p| assert_eq!(longest_at(p, b"xaaa", 1), Some(3)));
        with("a+", |p| assert_eq!(longest_at(p, b"xaaa", 0), None));
    }

    #[test]
    fn anchors_refer_to_the_whole_string() {
        with("^est", |p| assert_eq!(longest_at(p, b"test", 1), None));
        with("tes$", |p| assert_eq!(longest_at(p, b"test", 0), None));
        with("est$", |p| assert_eq!(longest_at(p, b"test", 1), Some(3)));
        with(" ?", |p| {
            assert_eq!(next_match(p, b"aa bb", 0), Some((2, 1)))
        });
    }
}
