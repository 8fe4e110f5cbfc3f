//! Zeek's regular-expression syntax, translated to the regex crate's.
//!
//! Zeek's patterns follow flex: `"..."` quotes literal text, `{n,m}`
//! repeats, and a `{` that does not start a repetition is literal.

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

#[cfg(test)]
mod tests {
    use super::translate;

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
}
