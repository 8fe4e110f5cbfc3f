//! Zeek's pattern matching primitive for the string built-ins: the longest
//! match that starts at a given position. Zeek's matchers are DFAs that
//! report the longest prefix match, so `/a|ab/` takes "ab" from "abc";
//! the regex crate prefers the first alternative, so these built-ins run a
//! lazy DFA in "all matches" mode instead, which ends at the longest match.
//! `^` and `$` keep meaning the ends of the whole string.

use crate::runtime::value::PatternVal;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::{nfa::thompson, util::syntax, Anchored, Input, MatchKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

struct Longest {
    dfa: DFA,
    cache: RefCell<Cache>,
}

thread_local! {
    static COMPILED: RefCell<HashMap<String, Option<Rc<Longest>>>> = RefCell::new(HashMap::new());
}

fn compile(re: &str) -> Option<Rc<Longest>> {
    COMPILED.with(|m| {
        if let Some(c) = m.borrow().get(re) {
            return c.clone();
        }
        let built = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::All))
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .thompson(thompson::Config::new().utf8(false))
            .build(re)
            .ok()
            .map(|dfa| {
                let cache = RefCell::new(dfa.create_cache());
                Rc::new(Longest { dfa, cache })
            });
        m.borrow_mut().insert(re.to_string(), built.clone());
        built
    })
}

/// The length of the longest match of `p` starting exactly at `start` in
/// `hay`, or None if none starts there (Some(0) for an empty match).
pub fn longest_at(p: &PatternVal, hay: &[u8], start: usize) -> Option<usize> {
    let re = compile(p.search.as_str())?;
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

/// A pattern value from Zeek regular-expression text, compiled the way
/// pattern literals are.
pub fn make_pattern(
    src: &str,
    case_insensitive: bool,
) -> Result<crate::runtime::value::Value, String> {
    let translated = crate::eval::pattern::translate(src);
    let flags = if case_insensitive { "(?i-u)" } else { "(?-u)" };
    let exact = regex::bytes::Regex::new(&format!("{flags}^(?:{translated})$"))
        .map_err(|e| e.to_string())?;
    let search =
        regex::bytes::Regex::new(&format!("{flags}(?:{translated})")).map_err(|e| e.to_string())?;
    Ok(crate::runtime::value::Value::Pattern(Rc::new(PatternVal {
        source: src.to_string(),
        case_insensitive,
        exact,
        search,
    })))
}

#[cfg(test)]
pub(crate) fn pattern(src: &str) -> crate::runtime::value::Value {
    make_pattern(src, false).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::value::Value;

    fn with<R>(src: &str, f: impl FnOnce(&PatternVal) -> R) -> R {
        match pattern(src) {
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
