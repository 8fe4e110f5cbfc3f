//! Pattern built-ins on strings: splitting, substitution, finding all or
//! the first or last match, and turning strings into patterns. Matches are
//! Zeek's longest matches (`runtime::pattern::longest_at`).

use super::{arg, boolean, bytes, count, string_set, string_vec, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::pattern::{longest_at, next_match};
use crate::runtime::value::{PatternVal, Value};

fn pattern_arg(args: &[Value], i: usize) -> Result<&PatternVal, String> {
    match arg(args, i) {
        Value::Pattern(p) => Ok(p),
        _ => Err("pattern argument expected".into()),
    }
}

/// Zeek's split: pieces between the longest non-empty matches, optionally
/// with the separators, and at most `max` splits (0: no limit).
fn split(s: &[u8], p: &PatternVal, incl_sep: bool, max: u64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut splits = 0;
    loop {
        let found = if max != 0 && splits >= max {
            None
        } else {
            next_match(p, s, pos)
        };
        match found {
            None => {
                out.push(s[pos..].to_vec());
                break;
            }
            Some((at, len)) => {
                out.push(s[pos..at].to_vec());
                if incl_sep {
                    out.push(s[at..at + len].to_vec());
                }
                splits += 1;
                pos = at + len;
                if pos >= s.len() {
                    out.push(Vec::new());
                    break;
                }
            }
        }
    }
    out
}

fn split_string(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(string_vec(split(
        bytes(args, 0),
        pattern_arg(args, 1)?,
        false,
        0,
    )))
}

fn split_string1(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(string_vec(split(
        bytes(args, 0),
        pattern_arg(args, 1)?,
        false,
        1,
    )))
}

fn split_string_all(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(string_vec(split(
        bytes(args, 0),
        pattern_arg(args, 1)?,
        true,
        0,
    )))
}

fn split_string_n(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (incl, max) = (boolean(args, 2), count(args, 3));
    Ok(string_vec(split(
        bytes(args, 0),
        pattern_arg(args, 1)?,
        incl,
        max,
    )))
}

/// Replaces the first (or every) longest non-empty match.
fn substitute(s: &[u8], p: &PatternVal, repl: &[u8], all: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut pos = 0;
    while let Some((at, len)) = next_match(p, s, pos) {
        out.extend_from_slice(&s[pos..at]);
        out.extend_from_slice(repl);
        pos = at + len;
        if !all {
            break;
        }
    }
    out.extend_from_slice(&s[pos..]);
    out
}

fn sub(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::string(substitute(
        bytes(args, 0),
        pattern_arg(args, 1)?,
        bytes(args, 2),
        false,
    )))
}

fn gsub(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::string(substitute(
        bytes(args, 0),
        pattern_arg(args, 1)?,
        bytes(args, 2),
        true,
    )))
}

/// The longest match starting at `i`, with the text from `i` on taken
/// as the whole input: as in Zeek's find functions, `^` matches at every
/// start tried.
fn prefix_at(p: &PatternVal, s: &[u8], i: usize) -> Option<usize> {
    longest_at(p, &s[i..], 0)
}

/// The matches that scanning from the left finds (each the longest at its
/// start), in order.
fn all_matches(s: &[u8], p: &PatternVal) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < s.len() {
        match prefix_at(p, s, pos) {
            Some(n) if n > 0 => {
                out.push(s[pos..pos + n].to_vec());
                pos += n;
            }
            _ => pos += 1,
        }
    }
    out
}

/// Zeek's guard on find_all's input: a string longer than `max_size`
/// (or, for a negative one, than `max_find_all_string_length`) is not
/// searched, and says so with a weird.
fn exceeds_max_length(h: &mut dyn Host, len: usize, max_size: i64) -> bool {
    let (max, from_constant) = if max_size < 0 {
        let m = match h.lookup_global("max_find_all_string_length") {
            Some((v @ (Value::Int(_) | Value::Count(_)), _, false)) => v.as_int(),
            _ => 10000,
        };
        (m, true)
    } else {
        (max_size, false)
    };
    if max <= 0 || (len as u64) <= max as u64 {
        return false;
    }
    let mut addl = format!("{}: length {len} exceeded {max}", h.call_location());
    if from_constant {
        addl.push_str("(from constant max_find_all_string_length");
    }
    super::conns::raise_net_weird(h, "max_find_all_string_length_exceeded", &addl);
    true
}

fn find_all(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if exceeds_max_length(h, bytes(args, 0).len(), super::int(args, 2)) {
        return Ok(string_set(Vec::new()));
    }
    Ok(string_set(all_matches(
        bytes(args, 0),
        pattern_arg(args, 1)?,
    )))
}

fn find_all_ordered(h: &mut dyn Host, args: &[Value]) -> BifResult {
    if exceeds_max_length(h, bytes(args, 0).len(), super::int(args, 2)) {
        return Ok(string_vec(Vec::new()));
    }
    Ok(string_vec(all_matches(
        bytes(args, 0),
        pattern_arg(args, 1)?,
    )))
}

fn find_first(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let p = pattern_arg(args, 1)?;
    let start = count(args, 2) as usize;
    if start > s.len() {
        return Ok(Value::str(b""));
    }
    for i in start..s.len() {
        if let Some(n) = prefix_at(p, s, i) {
            return Ok(Value::str(&s[i..i + n]));
        }
    }
    Ok(Value::str(b""))
}

fn find_last(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let p = pattern_arg(args, 1)?;
    let start = count(args, 2) as usize;
    if start > s.len() {
        return Ok(Value::str(b""));
    }
    for i in (start..s.len()).rev() {
        if let Some(n) = prefix_at(p, s, i) {
            return Ok(Value::str(&s[i..i + n]));
        }
    }
    Ok(Value::str(b""))
}

fn string_to_pattern(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let src = if boolean(args, 1) {
        convert_for_pattern_bytes(s)
    } else {
        s.to_vec()
    };
    crate::runtime::pattern::make_pattern(&String::from_utf8_lossy(&src), false)
}

fn convert_for_pattern_bytes(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 2);
    for &b in s {
        if b"^$-:\"\\/|*+?.(){}[]".contains(&b) {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

fn convert_for_pattern(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::string(convert_for_pattern_bytes(bytes(args, 0))))
}

#[rustfmt::skip]
pub static BIFS: &[BifDef] = &[
    BifDef { name: "split_string", sig: "function(str: string, re: pattern): string_vec", func: split_string },
    BifDef { name: "split_string1", sig: "function(str: string, re: pattern): string_vec", func: split_string1 },
    BifDef { name: "split_string_all", sig: "function(str: string, re: pattern): string_vec", func: split_string_all },
    BifDef { name: "sub", sig: "function(str: string, re: pattern, repl: string): string", func: sub },
    BifDef { name: "gsub", sig: "function(str: string, re: pattern, repl: string): string", func: gsub },
    BifDef { name: "find_all", sig: "function(str: string, re: pattern, max_str_size: int &default=-1): string_set", func: find_all },
    BifDef { name: "find_all_ordered", sig: "function(str: string, re: pattern, max_str_size: int &default=-1): string_vec", func: find_all_ordered },
    BifDef { name: "find_first", sig: "function(str: string, re: pattern, offset: count &default=0): string", func: find_first },
    BifDef { name: "find_last", sig: "function(str: string, re: pattern, offset: count &default=0): string", func: find_last },
    BifDef { name: "string_to_pattern", sig: "function(s: string, convert: bool): pattern", func: string_to_pattern },
    BifDef { name: "convert_for_pattern", sig: "function(s: string): string", func: convert_for_pattern },
    BifDef {
        name: "split_string_n",
        sig: "function(str: string, re: pattern, incl_sep: bool, max_num_sep: count): string_vec",
        func: split_string_n,
    },
];
