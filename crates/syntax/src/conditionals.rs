//! `@if`, `@ifdef`, `@ifndef`, `@else`, `@endif`: resolved in front of the
//! parser, as Zeek does, by dropping the tokens of inactive branches.

use super::lexer::Spanned;
use super::token::{LexError, Tok};

/// A condition to decide, with the tokens of its parenthesised argument.
pub enum Condition<'t, 'a> {
    /// `@if ( expr )`: the tokens of `expr`.
    If(&'t [Spanned<'a>]),
    /// `@ifdef ( name )`
    Defined(&'t str),
    /// `@ifndef ( name )`
    NotDefined(&'t str),
}

/// Decides conditions. The interpreter evaluates them against what is
/// declared so far; `--syntax-only` takes the first branch of each.
pub trait CondEval {
    fn decide(&mut self, cond: Condition<'_, '_>, at: usize) -> Result<bool, (usize, String)>;
}

/// Takes the first branch of every conditional.
pub struct FirstBranch;

impl CondEval for FirstBranch {
    fn decide(&mut self, _: Condition<'_, '_>, _: usize) -> Result<bool, (usize, String)> {
        Ok(true)
    }
}

struct Frame {
    /// Whether the enclosing text is live.
    outer_live: bool,
    /// Whether the current branch is live.
    live: bool,
    seen_else: bool,
    start: usize,
}

/// Finds the `( ... )` argument that starts at `i`; returns its inner range
/// and the index after the closing parenthesis.
pub fn paren_argument(tokens: &[Spanned], i: usize) -> Option<(usize, usize, usize)> {
    if !matches!(tokens.get(i), Some((_, Tok::LParen, _))) {
        return None;
    }
    let mut depth = 0usize;
    for (j, t) in tokens.iter().enumerate().skip(i) {
        match t.1 {
            Tok::LParen => depth += 1,
            Tok::RParen => {
                depth -= 1;
                if depth == 0 {
                    return Some((i + 1, j, j + 1));
                }
            }
            _ => {}
        }
    }
    None
}

pub fn resolve<'a>(
    tokens: Vec<Spanned<'a>>,
    eval: &mut dyn CondEval,
) -> Result<Vec<Spanned<'a>>, (usize, usize, LexError)> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let err = |s: usize, e: usize, m: &str| Err((s, e, LexError::Directive(m.to_string())));
    while i < tokens.len() {
        let (s, ref tok, e) = tokens[i];
        let live = stack.last().is_none_or(|f| f.live);
        match tok {
            Tok::AtIf | Tok::AtIfdef | Tok::AtIfndef => {
                let Some((a, b, next)) = paren_argument(&tokens, i + 1) else {
                    return err(s, e, "missing parenthesised condition after directive");
                };
                let decided = if live {
                    let cond = match tok {
                        Tok::AtIf => Condition::If(&tokens[a..b]),
                        _ => {
                            let name = match &tokens[a..b] {
                                [(_, Tok::Id(n), _)] => *n,
                                _ => return err(s, e, "@ifdef/@ifndef takes one identifier"),
                            };
                            if matches!(tok, Tok::AtIfdef) {
                                Condition::Defined(name)
                            } else {
                                Condition::NotDefined(name)
                            }
                        }
                    };
                    eval.decide(cond, s)
                        .map_err(|(at, m)| (at, at, LexError::Directive(m)))?
                } else {
                    false
                };
                stack.push(Frame {
                    outer_live: live,
                    live: live && decided,
                    seen_else: false,
                    start: s,
                });
                i = next;
                continue;
            }
            Tok::AtElse => {
                let Some(f) = stack.last_mut() else {
                    return err(s, e, "@else without @if");
                };
                if f.seen_else {
                    return err(s, e, "duplicate @else");
                }
                f.seen_else = true;
                f.live = f.outer_live && !f.live;
            }
            Tok::AtEndif if stack.pop().is_none() => return err(s, e, "@endif without @if"),
            Tok::AtEndif => {}
            _ if live => out.push(tokens[i].clone()),
            _ => {}
        }
        i += 1;
    }
    if let Some(f) = stack.last() {
        return err(f.start, f.start + 3, "missing @endif");
    }
    Ok(out)
}
