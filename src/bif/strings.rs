//! String built-ins: formatting, concatenation, searching, splitting,
//! substitution, case, trimming and escaping. Strings are byte strings.

use super::{
    arg, boolean, builtin_error, bytes, count, int, reporter_error, string_set, string_value,
    string_vec, BifResult,
};
use crate::runtime::format::{self, Style};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::value::Value;

fn fmt_bif(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let Some(first) = args.first() else {
        return Ok(Value::str(b""));
    };
    let mut errors = Vec::new();
    let out = crate::runtime::fmt::fmt_collect(first.as_bytes(), &args[1..], &mut errors);
    for e in &errors {
        use crate::runtime::fmt::Culprit;
        match &e.culprit {
            Culprit::None => builtin_error(h, e.msg),
            Culprit::Arg(v) => super::builtin_error_arg(h, e.msg, v),
            Culprit::Format => super::builtin_error_arg(h, e.msg, first),
        }
    }
    Ok(Value::string(out))
}

fn cat(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut out = Vec::new();
    for a in args {
        format::render_styled(&mut out, a, Style::Raw);
    }
    Ok(Value::string(out))
}

fn cat_sep(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let sep = bytes(args, 0);
    let def = arg(args, 1);
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate().skip(2) {
        if i > 2 {
            out.extend_from_slice(sep);
        }
        let v = match a {
            Value::String(s) if s.is_empty() => def,
            other => other,
        };
        format::render_styled(&mut out, v, Style::Raw);
    }
    Ok(Value::string(out))
}

fn string_cat(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut out = Vec::new();
    for a in args {
        match a {
            Value::String(s) => out.extend_from_slice(s),
            _ => {
                reporter_error(h, "string_cat() requires string arguments");
                return Ok(Value::str(b""));
            }
        }
    }
    Ok(Value::string(out))
}

fn print_raw(_: &mut dyn Host, args: &[Value]) -> BifResult {
    use std::io::Write;
    let mut out = Vec::new();
    for a in args {
        format::render_styled(&mut out, a, Style::Raw);
    }
    let mut so = std::io::stdout();
    let _ = so.write_all(&out);
    let _ = so.flush();
    Ok(Value::Bool(true))
}

// ---- plain substring operations ----

fn find_sub(big: &[u8], little: &[u8]) -> Option<usize> {
    if little.is_empty() {
        return Some(0);
    }
    big.windows(little.len()).position(|w| w == little)
}

fn rfind_sub(big: &[u8], little: &[u8]) -> Option<usize> {
    if little.is_empty() {
        return Some(big.len());
    }
    big.windows(little.len()).rposition(|w| w == little)
}

fn strstr(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let pos = find_sub(bytes(args, 0), bytes(args, 1))
        .map(|p| p as u64 + 1)
        .unwrap_or(0);
    Ok(Value::Count(pos))
}

fn subst_string(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (s, from, to) = (bytes(args, 0), bytes(args, 1), bytes(args, 2));
    if from.is_empty() {
        return Ok(arg(args, 0).clone());
    }
    let mut out = Vec::with_capacity(s.len());
    let mut pos = 0;
    while let Some(j) = find_sub(&s[pos..], from) {
        out.extend_from_slice(&s[pos..pos + j]);
        out.extend_from_slice(to);
        pos += j + from.len();
    }
    out.extend_from_slice(&s[pos..]);
    Ok(Value::string(out))
}

fn count_substr(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (s, sub) = (bytes(args, 0), bytes(args, 1));
    let mut n = 0;
    let mut pos = 0;
    // As with std::string::find, an empty needle matches at every position.
    while pos <= s.len() {
        match find_sub(&s[pos..], sub) {
            Some(j) => {
                n += 1;
                pos += j + sub.len().max(1);
                if sub.is_empty() && pos > s.len() {
                    break;
                }
            }
            None => break,
        }
    }
    Ok(Value::Count(n))
}

fn do_find_str(h: &mut dyn Host, args: &[Value], reverse: bool) -> BifResult {
    let (s, sub) = (bytes(args, 0), bytes(args, 1));
    let start = count(args, 2) as i64;
    let end = int(args, 3);
    let case_sensitive = boolean(args, 4);
    let len = s.len() as i64;
    if start > len {
        return Ok(Value::Int(-1));
    }
    if end != -1 && end < start {
        reporter_error(
            h,
            "find_str: end position must be greater than start position",
        );
        return Ok(Value::Int(-1));
    }
    let end_pos = if end >= 0 && end < len { end } else { len };
    if end_pos - start + 1 < sub.len() as i64 {
        return Ok(Value::Int(-1));
    }
    // Zeek takes `end_pos` bytes from `start` (the end acts as a length).
    let from = start as usize;
    let to = (from + end_pos as usize).min(s.len());
    let (hay, needle) = if case_sensitive {
        (s[from..to].to_vec(), sub.to_vec())
    } else {
        (s[from..to].to_ascii_lowercase(), sub.to_ascii_lowercase())
    };
    let pos = if reverse {
        rfind_sub(&hay, &needle)
    } else {
        find_sub(&hay, &needle)
    };
    Ok(Value::Int(pos.map(|p| p as i64 + start).unwrap_or(-1)))
}

fn find_str(h: &mut dyn Host, args: &[Value]) -> BifResult {
    do_find_str(h, args, false)
}

fn rfind_str(h: &mut dyn Host, args: &[Value]) -> BifResult {
    do_find_str(h, args, true)
}

fn starts_with(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(bytes(args, 0).starts_with(bytes(args, 1))))
}

fn ends_with(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(bytes(args, 0).ends_with(bytes(args, 1))))
}

fn sub_bytes(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    // Positions count from 1; 0 also means the first byte.
    let start = (count(args, 1) as usize).saturating_sub(1);
    let n = int(args, 2);
    if start > s.len() {
        return Ok(Value::str(b""));
    }
    let avail = s.len() - start;
    let len = if n < 0 || n as usize > avail {
        avail
    } else {
        n as usize
    };
    Ok(Value::str(&s[start..start + len]))
}

fn str_split_indices(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let mut cuts: Vec<usize> = super::vector_items(arg(args, 1))
        .iter()
        .map(|v| v.as_count() as usize)
        .filter(|&i| i <= s.len())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut prev = 0;
    for c in cuts {
        if c == 0 {
            continue;
        }
        out.push(s[prev..c].to_vec());
        prev = c;
    }
    if prev < s.len() {
        out.push(s[prev..].to_vec());
    }
    Ok(string_vec(out))
}

fn join_string_vec(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let sep = bytes(args, 1);
    let mut out = Vec::new();
    for (i, v) in super::vector_items(arg(args, 0)).iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        if !v.is_unset() {
            format::render_styled(&mut out, v, Style::Raw);
        }
    }
    Ok(Value::string(out))
}

fn join_string_set(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let sep = bytes(args, 1);
    let mut out = Vec::new();
    if let Value::Table(t) = arg(args, 0) {
        for (i, (k, _)) in t.borrow().iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            format::render_styled(&mut out, k, Style::Raw);
        }
    }
    Ok(Value::string(out))
}

// ---- case, trimming, padding ----

fn map_bytes(args: &[Value], f: impl Fn(u8) -> u8) -> BifResult {
    Ok(Value::string(
        bytes(args, 0).iter().map(|&b| f(b)).collect(),
    ))
}

fn to_lower(_: &mut dyn Host, args: &[Value]) -> BifResult {
    map_bytes(args, |b| b.to_ascii_lowercase())
}

fn to_upper(_: &mut dyn Host, args: &[Value]) -> BifResult {
    map_bytes(args, |b| b.to_ascii_uppercase())
}

fn swap_case(_: &mut dyn Host, args: &[Value]) -> BifResult {
    map_bytes(args, |b| {
        if b.is_ascii_lowercase() {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        }
    })
}

fn to_title(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut s = bytes(args, 0).to_vec();
    // The first byte of each run of non-blanks is upper-cased.
    let mut at_word_start = true;
    for b in s.iter_mut() {
        if *b == b' ' {
            at_word_start = true;
        } else {
            if at_word_start {
                *b = b.to_ascii_uppercase();
            }
            at_word_start = false;
        }
    }
    Ok(Value::string(s))
}

/// C's isspace in the C locale.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn strip(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let s = bytes(args, 0);
    let start = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|&b| !is_space(b))
        .map(|e| e + 1)
        .unwrap_or(start);
    Ok(Value::str(&s[start..end.max(start)]))
}

fn lstrip(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (s, chars) = (bytes(args, 0), bytes(args, 1));
    let start = s.iter().position(|b| !chars.contains(b)).unwrap_or(s.len());
    Ok(Value::str(&s[start..]))
}

fn rstrip(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (s, chars) = (bytes(args, 0), bytes(args, 1));
    let end = s
        .iter()
        .rposition(|b| !chars.contains(b))
        .map(|e| e + 1)
        .unwrap_or(0);
    Ok(Value::str(&s[..end]))
}

fn justify(h: &mut dyn Host, args: &[Value], name: &str, left: bool) -> BifResult {
    let (s, width, fill) = (bytes(args, 0), count(args, 1) as usize, bytes(args, 2));
    if fill.len() != 1 {
        let msg = format!("Fill string passed to {name}() must be a single character");
        reporter_error(h, &msg);
        return Err(msg);
    }
    Ok(Value::string(pad(s, width, fill[0], left)))
}

fn pad(s: &[u8], width: usize, fill: u8, left: bool) -> Vec<u8> {
    if width <= s.len() {
        return s.to_vec();
    }
    let filler = std::iter::repeat_n(fill, width - s.len());
    if left {
        s.iter().copied().chain(filler).collect()
    } else {
        filler.chain(s.iter().copied()).collect()
    }
}

fn ljust(h: &mut dyn Host, args: &[Value]) -> BifResult {
    justify(h, args, "ljust", true)
}

fn rjust(h: &mut dyn Host, args: &[Value]) -> BifResult {
    justify(h, args, "rjust", false)
}

fn zfill(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::string(pad(
        bytes(args, 0),
        count(args, 1) as usize,
        b'0',
        false,
    )))
}

fn remove_prefix(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (mut s, sub) = (bytes(args, 0), bytes(args, 1));
    if sub.is_empty() {
        return Ok(arg(args, 0).clone());
    }
    while s.starts_with(sub) {
        s = &s[sub.len()..];
    }
    Ok(Value::str(s))
}

fn remove_suffix(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (mut s, sub) = (bytes(args, 0), bytes(args, 1));
    if sub.is_empty() {
        return Ok(arg(args, 0).clone());
    }
    while s.ends_with(sub) {
        s = &s[..s.len() - sub.len()];
    }
    Ok(Value::str(s))
}

fn all_bytes(args: &[Value], f: impl Fn(u8) -> bool) -> BifResult {
    let s = bytes(args, 0);
    Ok(Value::Bool(!s.is_empty() && s.iter().all(|&b| f(b))))
}

fn is_num(_: &mut dyn Host, args: &[Value]) -> BifResult {
    all_bytes(args, |b| b.is_ascii_digit())
}

fn is_alpha(_: &mut dyn Host, args: &[Value]) -> BifResult {
    all_bytes(args, |b| b.is_ascii_alphabetic())
}

fn is_alnum(_: &mut dyn Host, args: &[Value]) -> BifResult {
    all_bytes(args, |b| b.is_ascii_alphanumeric())
}

fn is_ascii(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::Bool(bytes(args, 0).iter().all(|&b| b <= 127)))
}

fn reverse(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut s = bytes(args, 0).to_vec();
    s.reverse();
    Ok(Value::string(s))
}

fn edit(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (s, e) = (bytes(args, 0), bytes(args, 1));
    if e.len() != 1 {
        builtin_error(h, "not exactly one edit character");
    }
    let Some(&edit_c) = e.first() else {
        return Ok(arg(args, 0).clone());
    };
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for &b in s {
        if b == edit_c {
            out.pop();
        } else {
            out.push(b);
        }
    }
    Ok(Value::string(out))
}

fn strcmp(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (a, b) = (bytes(args, 0), bytes(args, 1));
    let n = a.len().min(b.len());
    // Like memcmp: the difference of the first differing bytes.
    if let Some(i) = (0..n).find(|&i| a[i] != b[i]) {
        return Ok(Value::Int(a[i] as i64 - b[i] as i64));
    }
    Ok(Value::Int(match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }))
}

fn levenshtein_distance(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (a, b) = (bytes(args, 0), bytes(args, 1));
    let mut prev: Vec<u64> = (0..=b.len() as u64).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut cur = vec![i as u64 + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let cost = u64::from(ca != cb);
            cur[j + 1] = (prev[j + 1] + 1).min(cur[j] + 1).min(prev[j] + cost);
        }
        prev = cur;
    }
    Ok(Value::Count(prev[b.len()]))
}

fn string_fill(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let len = super::alloc_size(h, "string_fill", int(args, 0).max(0) as u64)?;
    let src = bytes(args, 1);
    if len == 0 || src.is_empty() {
        return Ok(Value::str(b""));
    }
    let mut out: Vec<u8> = src.iter().copied().cycle().take(len).collect();
    // Zeek terminates the buffer in its last byte.
    out[len - 1] = 0;
    Ok(Value::string(out))
}

fn safe_shell_quote(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let mut out = vec![b'"'];
    for &b in bytes(args, 0) {
        if matches!(b, b'`' | b'"' | b'\\' | b'$') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
    Ok(Value::string(out))
}

// ---- escaping ----

/// Zeek's string rendering with its escape options: backslashes doubled,
/// quotes escaped, non-printables as `\xNN`.
fn render_escaped(s: &[u8], esc_backslash: bool, esc_quotes: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for &b in s {
        if b == b'\\' && esc_backslash {
            out.extend_from_slice(b"\\\\");
        } else if (b == b'\'' || b == b'"') && esc_quotes {
            out.push(b'\\');
            out.push(b);
        } else if !(32..=126).contains(&b) {
            out.extend_from_slice(format!("\\x{b:02x}").as_bytes());
        } else {
            out.push(b);
        }
    }
    out
}

fn clean(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::string(render_escaped(bytes(args, 0), false, false)))
}

fn escape_string(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::string(render_escaped(bytes(args, 0), true, false)))
}

fn to_string_literal(_: &mut dyn Host, args: &[Value]) -> BifResult {
    Ok(Value::string(render_escaped(bytes(args, 0), true, true)))
}

fn string_to_ascii_hex(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let hex: String = bytes(args, 0).iter().map(|b| format!("{b:02x}")).collect();
    Ok(string_value(hex))
}

fn hexdump(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let data = bytes(args, 0);
    let mut out = Vec::new();
    for (line_no, chunk) in data.chunks(16).enumerate() {
        let mut line = vec![b' '; 73];
        line[..4].copy_from_slice(format!("{:04x}", line_no * 16).as_bytes());
        let mut hex_pos = 6;
        let mut ascii_pos = 56;
        for (x, &b) in chunk.iter().enumerate() {
            line[hex_pos..hex_pos + 2].copy_from_slice(format!("{b:02x}").as_bytes());
            hex_pos += 3;
            line[ascii_pos] = if (0x20..0x7f).contains(&b) { b } else { b'.' };
            ascii_pos += 1;
            if x == 7 {
                hex_pos += 1;
                ascii_pos += 1;
            }
        }
        line.truncate(ascii_pos);
        out.extend_from_slice(&line);
        out.push(b'\n');
    }
    if out.is_empty() {
        // Zeek's blank line buffer for no data.
        out.extend_from_slice(&[b' '; 50]);
        out.push(b'\n');
    }
    Ok(Value::string(out))
}

fn str_grammer(_: &mut dyn Host, args: &[Value]) -> BifResult {
    let (s, n) = (bytes(args, 0), count(args, 1) as usize);
    let grams = if n == 0 || n > s.len() {
        Vec::new()
    } else {
        s.windows(n).map(<[u8]>::to_vec).collect()
    };
    Ok(string_set(grams))
}

pub static BIFS: &[BifDef] = &[
    BifDef { name: "fmt", sig: "function(...): string", func: fmt_bif },
    BifDef { name: "cat", sig: "function(...): string", func: cat },
    BifDef { name: "cat_sep", sig: "function(sep: string, def: string, ...): string", func: cat_sep },
    BifDef { name: "string_cat", sig: "function(...): string", func: string_cat },
    BifDef { name: "print_raw", sig: "function(...): bool", func: print_raw },
    BifDef { name: "str_split_indices", sig: "function(s: string, idx: index_vec): string_vec", func: str_split_indices },
    BifDef { name: "strstr", sig: "function(big: string, little: string): count", func: strstr },
    BifDef { name: "subst_string", sig: "function(s: string, from: string, to: string): string", func: subst_string },
    BifDef { name: "count_substr", sig: "function(str: string, sub: string): count", func: count_substr },
    BifDef {
        name: "find_str",
        sig: "function(str: string, sub: string, start: count &default=0, end: int &default=-1, case_sensitive: bool &default=T): int",
        func: find_str,
    },
    BifDef {
        name: "rfind_str",
        sig: "function(str: string, sub: string, start: count &default=0, end: int &default=-1, case_sensitive: bool &default=T): int",
        func: rfind_str,
    },
    BifDef { name: "starts_with", sig: "function(str: string, sub: string): bool", func: starts_with },
    BifDef { name: "ends_with", sig: "function(str: string, sub: string): bool", func: ends_with },
    BifDef { name: "sub_bytes", sig: "function(s: string, start: count, n: int): string", func: sub_bytes },
    BifDef { name: "join_string_vec", sig: "function(vec: string_vec, sep: string): string", func: join_string_vec },
    BifDef { name: "join_string_set", sig: "function(ss: string_set, sep: string): string", func: join_string_set },
    BifDef { name: "to_lower", sig: "function(str: string): string", func: to_lower },
    BifDef { name: "to_upper", sig: "function(str: string): string", func: to_upper },
    BifDef { name: "swap_case", sig: "function(str: string): string", func: swap_case },
    BifDef { name: "to_title", sig: "function(str: string): string", func: to_title },
    BifDef { name: "strip", sig: "function(str: string): string", func: strip },
    BifDef { name: "lstrip", sig: "function(str: string, chars: string &default=\" \\t\\n\\r\\v\\f\"): string", func: lstrip },
    BifDef { name: "rstrip", sig: "function(str: string, chars: string &default=\" \\t\\n\\r\\v\\f\"): string", func: rstrip },
    BifDef { name: "ljust", sig: "function(str: string, width: count, fill: string &default=\" \"): string", func: ljust },
    BifDef { name: "rjust", sig: "function(str: string, width: count, fill: string &default=\" \"): string", func: rjust },
    BifDef { name: "zfill", sig: "function(str: string, width: count): string", func: zfill },
    BifDef { name: "remove_prefix", sig: "function(str: string, sub: string): string", func: remove_prefix },
    BifDef { name: "remove_suffix", sig: "function(str: string, sub: string): string", func: remove_suffix },
    BifDef { name: "is_num", sig: "function(str: string): bool", func: is_num },
    BifDef { name: "is_alpha", sig: "function(str: string): bool", func: is_alpha },
    BifDef { name: "is_alnum", sig: "function(str: string): bool", func: is_alnum },
    BifDef { name: "is_ascii", sig: "function(str: string): bool", func: is_ascii },
    BifDef { name: "reverse", sig: "function(str: string): string", func: reverse },
    BifDef { name: "edit", sig: "function(arg_s: string, arg_edit_char: string): string", func: edit },
    BifDef { name: "strcmp", sig: "function(s1: string, s2: string): int", func: strcmp },
    BifDef { name: "levenshtein_distance", sig: "function(s1: string, s2: string): count", func: levenshtein_distance },
    BifDef { name: "string_fill", sig: "function(len: int, source: string): string", func: string_fill },
    BifDef { name: "safe_shell_quote", sig: "function(source: string): string", func: safe_shell_quote },
    BifDef { name: "clean", sig: "function(str: string): string", func: clean },
    BifDef { name: "escape_string", sig: "function(s: string): string", func: escape_string },
    BifDef { name: "to_string_literal", sig: "function(str: string): string", func: to_string_literal },
    BifDef { name: "string_to_ascii_hex", sig: "function(s: string): string", func: string_to_ascii_hex },
    BifDef { name: "hexdump", sig: "function(data_str: string): string", func: hexdump },
    BifDef { name: "str_grammer", sig: "function(s: string, gsize: count): set[string]", func: str_grammer },
];

#[cfg(test)]
mod tests {
    use super::super::testing::{b, s, show, FakeHost};
    use crate::runtime::value::Value;

    fn pattern(src: &str) -> Value {
        crate::runtime::pattern::make_pattern(src, false).unwrap()
    }

    fn call(name: &str, args: &[Value]) -> String {
        FakeHost::new().show(name, args)
    }

    #[test]
    fn fmt_and_cat() {
        let mut h = FakeHost::new();
        assert_eq!(h.show("fmt", &[s("%s-%d"), s("a"), Value::Count(3)]), "a-3");
        assert_eq!(h.show("fmt", &[]), "");
        assert_eq!(h.show("fmt", &[s("%s %s"), s("a")]), "");
        assert_eq!(
            h.errors(),
            vec!["too few arguments for format (%s %s)".to_string()]
        );
        assert_eq!(
            call("cat", &[s("foo"), Value::Count(3), Value::Bool(true)]),
            "foo3T"
        );
        assert_eq!(
            call(
                "cat_sep",
                &[s("|"), s("<e>"), s("a"), s(""), Value::Int(-1)]
            ),
            "a|<e>|-1"
        );
        assert_eq!(call("string_cat", &[s("a"), s("b"), s("c")]), "abc");
    }

    // bifs.split_string: longest matches, separators kept by the _all
    // variant, anchors bound to the whole string.
    #[test]
    fn splitting() {
        let p = pattern("hi|es");
        let a = s("this is a test");
        assert_eq!(
            call("split_string", &[a.clone(), p.clone()]),
            "[t, s is a t, t]"
        );
        assert_eq!(
            call("split_string1", &[a.clone(), p.clone()]),
            "[t, s is a test]"
        );
        assert_eq!(
            call("split_string_all", &[a.clone(), p.clone()]),
            "[t, hi, s is a t, es, t]"
        );
        assert_eq!(
            call(
                "split_string_n",
                &[a.clone(), p.clone(), Value::Bool(true), Value::Count(1)]
            ),
            "[t, hi, s is a test]"
        );
        assert_eq!(
            call(
                "split_string_n",
                &[
                    s("test"),
                    pattern("^est"),
                    Value::Bool(true),
                    Value::Count(1)
                ]
            ),
            "[test]"
        );
        assert_eq!(
            call(
                "split_string_n",
                &[
                    s("test"),
                    pattern("^test$"),
                    Value::Bool(true),
                    Value::Count(1)
                ]
            ),
            "[, test, ]"
        );
        assert_eq!(
            call(
                "split_string_n",
                &[
                    s("aa bb cc"),
                    pattern(" ?"),
                    Value::Bool(true),
                    Value::Count(0)
                ]
            ),
            "[aa,  , bb,  , cc]"
        );
        assert_eq!(
            call(
                "split_string_n",
                &[
                    s("aa  bb    cc"),
                    pattern(" +"),
                    Value::Bool(false),
                    Value::Count(0)
                ]
            ),
            "[aa, bb, cc]"
        );
        let idx = super::super::count_vec(vec![3, 6, 13]);
        assert_eq!(
            call("str_split_indices", &[a, idx]),
            "[thi, s i, s a tes, t]"
        );
    }

    // bifs.sub: first vs. all matches, anchors respected.
    #[test]
    fn substitution() {
        assert_eq!(
            call("sub", &[s("this is a test"), pattern("is|ss"), s("at")]),
            "that is a test"
        );
        assert_eq!(
            call("gsub", &[s("this is a test"), pattern("is|ss"), s("at")]),
            "that at a test"
        );
        assert_eq!(call("sub", &[s("test"), pattern("^est"), s("ea")]), "test");
        assert_eq!(call("sub", &[s("test"), pattern("est$"), s("ea")]), "tea");
        assert_eq!(
            call("gsub", &[s("test test"), pattern("^test"), s("tea")]),
            "tea test"
        );
        assert_eq!(
            call("gsub", &[s("test test"), pattern("test$"), s("tea")]),
            "test tea"
        );
        assert_eq!(
            call("subst_string", &[s("rise to vote"), s(" "), s("")]),
            "risetovote"
        );
    }

    // bifs.find_first / find_last / find_first_offset.
    #[test]
    fn finding() {
        let p = pattern("hi|es");
        assert_eq!(
            call(
                "find_first",
                &[s("this is a test"), p.clone(), Value::Count(0)]
            ),
            "hi"
        );
        assert_eq!(
            call(
                "find_last",
                &[s("this is a test"), p.clone(), Value::Count(0)]
            ),
            "es"
        );
        assert_eq!(
            call(
                "find_first",
                &[s("this"), pattern("aa|bb"), Value::Count(0)]
            ),
            ""
        );
        let bn = s("banana_bandana_nanana");
        assert_eq!(
            call(
                "find_first",
                &[bn.clone(), pattern("ana"), Value::Count(18)]
            ),
            "ana"
        );
        assert_eq!(
            call(
                "find_first",
                &[bn.clone(), pattern("ana"), Value::Count(99)]
            ),
            ""
        );
        assert_eq!(
            call("find_last", &[bn.clone(), pattern("ana"), Value::Count(18)]),
            "ana"
        );
        assert_eq!(
            call("find_first", &[bn, pattern("banana"), Value::Count(10)]),
            ""
        );
        assert_eq!(
            call("find_all_ordered", &[s("a1b22c"), pattern("[0-9]+")]),
            "[1, 22]"
        );
        assert_eq!(call("find_all", &[s("a1b1"), pattern("[0-9]")]), "{\n1\n}");
        assert_eq!(call("strstr", &[s("this is a test"), s("his")]), "2");
        assert_eq!(call("strstr", &[s("this is a test"), s("are")]), "0");
    }

    // bifs.string_utils and bifs.do_find_str.
    #[test]
    fn find_str_ranges() {
        let t = s("abcdefghi");
        let f = |args: &[Value]| call("find_str", args);
        let r = |args: &[Value]| call("rfind_str", args);
        let (c, i, yes) = (Value::Count, Value::Int, Value::Bool(true));
        assert_eq!(f(&[t.clone(), s("abcd"), c(0), i(-1), yes.clone()]), "0");
        assert_eq!(f(&[t.clone(), s("abcd"), c(1), i(-1), yes.clone()]), "-1");
        assert_eq!(f(&[t.clone(), s("abcd"), c(0), i(2), yes.clone()]), "-1");
        assert_eq!(f(&[t.clone(), s("efg"), c(2), i(6), yes.clone()]), "4");
        assert_eq!(r(&[t.clone(), s("efg"), c(0), i(-1), yes.clone()]), "4");
        let a = s("this is the concatenation of HTTP fields of the fOrM of the website");
        assert_eq!(
            f(&[a.clone(), s("FoRm"), c(0), i(-1), Value::Bool(false)]),
            "48"
        );
        assert_eq!(f(&[a, s("form"), c(0), i(-1), yes]), "-1");
        let mut h = FakeHost::new();
        assert_eq!(
            h.show("find_str", &[t, s("a"), c(5), i(2), Value::Bool(true)]),
            "-1"
        );
        assert_eq!(h.errors().len(), 1);
    }

    #[test]
    fn case_trim_pad() {
        assert_eq!(call("to_lower", &[s("this is a Test")]), "this is a test");
        assert_eq!(call("to_upper", &[s("this is a Test")]), "THIS IS A TEST");
        assert_eq!(call("swap_case", &[s("aBc")]), "AbC");
        assert_eq!(call("to_title", &[s("  a   c  ")]), "  A   C  ");
        assert_eq!(
            call("to_title", &[s("bro is a very neat ids")]),
            "Bro Is A Very Neat Ids"
        );
        assert_eq!(call("strip", &[s("  this is a test ")]), "this is a test");
        assert_eq!(call("strip", &[s(" ")]), "");
        assert_eq!(
            call("lstrip", &[s("https://www.zeek.org"), s("htps:/")]),
            "www.zeek.org"
        );
        assert_eq!(
            call("rstrip", &[s("https://www.zeek.org"), s("org.")]),
            "https://www.zeek"
        );
        assert_eq!(
            call("lstrip", &[s("\n   testing   "), s(" \t\n\r\x0b\x0c")]),
            "testing   "
        );
        assert_eq!(call("ljust", &[s("abc"), Value::Count(5), s("-")]), "abc--");
        assert_eq!(call("rjust", &[s("abc"), Value::Count(5), s(" ")]), "  abc");
        assert_eq!(call("rjust", &[s("abc"), Value::Count(2), s(" ")]), "abc");
        assert_eq!(call("zfill", &[s("abc"), Value::Count(5)]), "00abc");
        assert!(FakeHost::new()
            .call("ljust", &[s("abc"), Value::Count(5), s("--")])
            .is_err());
        assert_eq!(call("remove_prefix", &[s("banana"), s("ba")]), "nana");
        assert_eq!(call("remove_suffix", &[s("banana"), s("na")]), "ba");
        assert_eq!(call("remove_suffix", &[s("bantana"), s("an")]), "bantana");
    }

    #[test]
    fn predicates_and_counts() {
        assert_eq!(call("is_num", &[s("123")]), "T");
        assert_eq!(call("is_num", &[s("")]), "F");
        assert_eq!(call("is_alpha", &[s("a1")]), "F");
        assert_eq!(call("is_alnum", &[s("1a")]), "T");
        assert_eq!(call("is_ascii", &[b(b"test\xfe")]), "F");
        assert_eq!(call("is_ascii", &[b(b"test\x7f")]), "T");
        assert_eq!(call("count_substr", &[s("aabbaa"), s("aa")]), "2");
        assert_eq!(call("starts_with", &[s("abcdefghi"), s("abc")]), "T");
        assert_eq!(call("ends_with", &[b(b"a\x00\x00b"), b(b"\x00b")]), "T");
        assert_eq!(call("strcmp", &[s("a"), s("a")]), "0");
        assert_eq!(call("strcmp", &[s("a"), s("ab")]), "-1");
        assert_eq!(call("strcmp", &[s("b"), s("a")]), "1");
        assert_eq!(
            call("levenshtein_distance", &[s("kitten"), s("sitting")]),
            "3"
        );
        assert_eq!(call("levenshtein_distance", &[s(""), s("abc")]), "3");
    }

    // bifs.sub_bytes, bifs.reverse, bifs.edit.
    #[test]
    fn slicing_and_editing() {
        assert_eq!(
            call(
                "sub_bytes",
                &[s("abcdefghij"), Value::Count(2), Value::Int(4)]
            ),
            "bcde"
        );
        assert_eq!(
            call("sub_bytes", &[s("abc"), Value::Count(0), Value::Int(-1)]),
            "abc"
        );
        assert_eq!(
            call("sub_bytes", &[s("abc"), Value::Count(9), Value::Int(1)]),
            ""
        );
        assert_eq!(call("reverse", &[s("hello world!")]), "!dlrow olleh");
        assert_eq!(call("edit", &[s("hello there"), s("e")]), "llo t");
        assert_eq!(call("string_fill", &[Value::Int(5), s("ab")]), "abab\\x00");
        assert_eq!(call("safe_shell_quote", &[s("a$b\"c")]), "\"a\\$b\\\"c\"");
    }

    // bifs.escape_string: all three escapes render NUL as \x00 (printed
    // raw here through show(), which escapes the backslash-free result).
    #[test]
    fn escaping() {
        let mut h = FakeHost::new();
        let v = h.call("clean", &[b(b"Test \0string")]).unwrap();
        assert_eq!(v.as_bytes(), b"Test \\x00string");
        let v = h.call("escape_string", &[b(b"a\\b\x01")]).unwrap();
        assert_eq!(v.as_bytes(), b"a\\\\b\\x01");
        let v = h.call("to_string_literal", &[b(b"a\"b'")]).unwrap();
        assert_eq!(v.as_bytes(), b"a\\\"b\\'");
        assert_eq!(
            call("string_to_ascii_hex", &[b(b"Test \0string")]),
            "546573742000737472696e67"
        );
    }

    // bifs.hexdump.
    #[test]
    fn hexdumps() {
        let v = FakeHost::new()
            .call("hexdump", &[b(b"abc\xffdefghijklmnopqrstuvwxyz")])
            .unwrap();
        let want = "0000  61 62 63 ff 64 65 66 67  68 69 6a 6b 6c 6d 6e 6f  abc.defg hijklmno\n\
                    0010  70 71 72 73 74 75 76 77  78 79 7a                 pqrstuvw xyz\n";
        assert_eq!(String::from_utf8_lossy(v.as_bytes()), want);
    }

    #[test]
    fn joining_and_patterns() {
        let v = super::super::string_vec(vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(call("join_string_vec", &[v, s("__")]), "a__b");
        let st = super::super::string_set(vec![b"one".to_vec(), b"two".to_vec()]);
        assert_eq!(call("join_string_set", &[st, s(", ")]), "one, two");
        assert_eq!(
            call("string_to_pattern", &[s("b[a-z]+"), Value::Bool(false)]),
            "/^?(b[a-z]+)$?/"
        );
        assert_eq!(
            call("string_to_pattern", &[s("b[a-z]+"), Value::Bool(true)]),
            "/^?(b\\[a\\-z\\]\\+)$?/"
        );
        assert_eq!(call("convert_for_pattern", &[s("a.b")]), "a\\.b");
        let st = FakeHost::new()
            .call("str_grammer", &[s("abcb"), Value::Count(2)])
            .unwrap();
        assert_eq!(show(&st), "{\nab,\nbc,\ncb\n}");
    }
}
