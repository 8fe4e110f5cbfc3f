//! The glob-pattern set behind `opaque of paraglob`.

/// A set of glob patterns (`*`, `?`, `[...]`, `[!...]`) matched together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paraglob {
    /// Sorted and without duplicates.
    pub patterns: Vec<Vec<u8>>,
}

/// Whether a glob matches all of `s`.
pub fn glob_match(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let (mut star_p, mut star_s) = (None, 0);
    while si < s.len() {
        let step = if pi < p.len() {
            match p[pi] {
                b'*' => {
                    star_p = Some(pi);
                    star_s = si;
                    pi += 1;
                    continue;
                }
                b'?' => Some(pi + 1),
                b'[' => class_match(p, pi, s[si]),
                c if c == s[si] => Some(pi + 1),
                _ => None,
            }
        } else {
            None
        };
        match step {
            Some(next) => {
                pi = next;
                si += 1;
            }
            None => match star_p {
                Some(sp) => {
                    pi = sp + 1;
                    star_s += 1;
                    si = star_s;
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// Matches a `[...]` class at `p[pi]` against `c`; the position after the
/// class on success.
pub(crate) fn class_match(p: &[u8], pi: usize, c: u8) -> Option<usize> {
    let mut i = pi + 1;
    let negate = matches!(p.get(i), Some(b'!') | Some(b'^'));
    if negate {
        i += 1;
    }
    let mut hit = false;
    let mut first = true;
    while i < p.len() && (p[i] != b']' || first) {
        first = false;
        if i + 2 < p.len() && p[i + 1] == b'-' && p[i + 2] != b']' {
            hit |= (p[i]..=p[i + 2]).contains(&c);
            i += 3;
        } else {
            hit |= p[i] == c;
            i += 1;
        }
    }
    if i >= p.len() {
        // No closing bracket: a literal '['.
        return (c == b'[').then_some(pi + 1);
    }
    (hit != negate).then_some(i + 1)
}
