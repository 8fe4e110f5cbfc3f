//! `str_smith_waterman`: common substrings of two strings, found with
//! Zeek's variant of the Smith-Waterman local alignment.
//!
//! The score matrix rewards a matching byte with 1, and 100 when it
//! continues a run of matches; a cell that is no match takes the best
//! of its neighbours. From the best cell (or, in the "multiple" variant,
//! from every match not yet visited, right to left and bottom up) the
//! path back through the matrix gives the runs of matching bytes; runs of
//! at least `min_strlen` bytes are reported, with where they start in
//! each string.

use super::{arg, BifResult};
use crate::runtime::func::{BifDef, Host};
use crate::runtime::types;
use crate::runtime::value::Value;

#[derive(Clone, Copy, Default)]
struct Cell {
    byte: Option<u8>,
    visited: bool,
    score: i64,
    /// The cell the path goes back to: (row, column).
    prev: Option<(usize, usize)>,
}

/// A common substring and where it starts in the first and second
/// string.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    text: Vec<u8>,
    at: [usize; 2],
    new: bool,
}

struct Matrix {
    cols: usize,
    cells: Vec<Cell>,
}

impl Matrix {
    fn at(&self, r: usize, c: usize) -> &Cell {
        &self.cells[r * self.cols + c]
    }
    fn at_mut(&mut self, r: usize, c: usize) -> &mut Cell {
        &mut self.cells[r * self.cols + c]
    }
}

/// Follows the path back from a cell, collecting its runs of matches.
fn collect_path(
    m: &mut Matrix,
    start: Option<(usize, usize)>,
    min_len: usize,
    out: &mut Vec<Found>,
) {
    let mut text: Vec<u8> = Vec::new();
    let (mut row, mut col) = (0usize, 0usize);
    let first = out.len();
    let mut node = start;
    while let Some((r, c)) = node {
        let cell = m.at_mut(r, c);
        cell.visited = true;
        match cell.byte {
            Some(b) => {
                row = r;
                col = c;
                text.push(b);
            }
            None => {
                if text.len() >= min_len {
                    text.reverse();
                    out.push(Found {
                        text: std::mem::take(&mut text),
                        at: [row - 1, col - 1],
                        new: false,
                    });
                }
                text.clear();
            }
        }
        node = m.at(r, c).prev;
    }
    if !text.is_empty() {
        text.reverse();
        out.push(Found {
            text,
            at: [row.saturating_sub(1), col.saturating_sub(1)],
            new: false,
        });
    }
    if out.len() > first {
        if let Some(last) = out.last_mut() {
            last.new = true;
        }
    }
}

/// Whether `a` covers `b`: in both strings, `b` lies within `a`.
fn covers(a: &Found, b: &Found) -> bool {
    (0..2).all(|i| a.at[i] <= b.at[i] && a.at[i] + a.text.len() >= b.at[i] + b.text.len())
}

fn smith_waterman(s1: &[u8], s2: &[u8], min_len: usize, multiple: bool) -> Vec<Found> {
    if s1.len() < min_len || s2.len() < min_len {
        return Vec::new();
    }
    let (rows, cols) = (s1.len() + 1, s2.len() + 1);
    let mut m = Matrix {
        cols,
        cells: vec![Cell::default(); rows * cols],
    };
    let mut best: Option<(usize, usize)> = None;
    let mut best_score = 1;
    for i in 1..rows {
        for j in 1..cols {
            let score_t = m.at(i - 1, j).score;
            let score_l = m.at(i, j - 1).score;
            let mut score_tl = m.at(i - 1, j - 1).score;
            let matched = s1[i - 1] == s2[j - 1];
            if matched {
                score_tl += 1;
                if m.at(i - 1, j - 1).byte.is_some() {
                    score_tl += 99;
                }
            }
            let cell = m.at_mut(i, j);
            if matched {
                cell.byte = Some(s1[i - 1]);
                cell.score = score_tl;
            } else {
                cell.score = score_t.max(score_l).max(score_tl);
            }
            cell.prev = if matched && cell.score == score_tl {
                Some((i - 1, j - 1))
            } else if cell.score == score_t {
                Some((i - 1, j))
            } else {
                Some((i, j - 1))
            };
            if cell.score > best_score {
                best = Some((i, j));
                best_score = cell.score;
            }
        }
    }
    let mut result = Vec::new();
    if multiple {
        let mut groups: Vec<Option<Vec<Found>>> = Vec::new();
        for i in (1..rows).rev() {
            for j in (1..cols).rev() {
                let c = m.at(i, j);
                if c.byte.is_none() || c.visited {
                    continue;
                }
                let mut new_group = Vec::new();
                collect_path(&mut m, Some((i, j)), min_len, &mut new_group);
                let mut keep = true;
                'scan: for g in groups.iter_mut() {
                    let Some(old) = g else { continue };
                    for o in old.iter() {
                        for n in &new_group {
                            if covers(o, n) {
                                keep = false;
                                break 'scan;
                            }
                            if covers(n, o) {
                                *g = None;
                                break 'scan;
                            }
                        }
                    }
                }
                if keep {
                    groups.push(Some(new_group));
                }
            }
        }
        result.extend(groups.into_iter().flatten().flatten());
    } else if best.is_some() {
        collect_path(&mut m, best, min_len, &mut result);
    }
    // Ordered by where they start in the longer string.
    let key = usize::from(s1.len() <= s2.len());
    result.sort_by_key(|f| f.at[key]);
    result
}

fn str_smith_waterman(h: &mut dyn Host, args: &[Value]) -> BifResult {
    let (s1, s2) = (arg(args, 0).as_bytes(), arg(args, 1).as_bytes());
    let (min_len, variant) = match arg(args, 2) {
        Value::Record(r) => {
            let r = r.borrow();
            let get = |n: &str| {
                r.ty.field_index(n)
                    .and_then(|i| r.fields.get(i))
                    .map_or(0, Value::as_count)
            };
            (get("min_strlen"), get("sw_variant"))
        }
        _ => (3, 0),
    };
    let found = smith_waterman(
        s1,
        s2,
        min_len.min(usize::MAX as u64) as usize,
        variant == 1,
    );
    let mut items = Vec::with_capacity(found.len());
    for f in found {
        let aligns: Vec<Value> = [(s1, f.at[0]), (s2, f.at[1])]
            .into_iter()
            .map(|(s, at)| {
                super::record_of(
                    h,
                    "sw_align",
                    vec![("str", Value::str(s)), ("index", Value::Count(at as u64))],
                )
            })
            .collect();
        let align_ty = super::declared_type(h, "sw_align_vec")
            .unwrap_or_else(|| types::vector_of(types::any()));
        let aligns = Value::Vector(std::rc::Rc::new(std::cell::RefCell::new(
            crate::runtime::value::VectorVal {
                ty: align_ty,
                items: aligns,
            },
        )));
        items.push(super::record_of(
            h,
            "sw_substring",
            vec![
                ("str", Value::string(f.text)),
                ("aligns", aligns),
                ("new", Value::Bool(f.new)),
            ],
        ));
    }
    let ty = super::declared_type(h, "sw_substring_vec")
        .unwrap_or_else(|| types::vector_of(types::any()));
    Ok(Value::Vector(std::rc::Rc::new(std::cell::RefCell::new(
        crate::runtime::value::VectorVal { ty, items },
    ))))
}

pub static BIFS: &[BifDef] = &[BifDef {
    name: "str_smith_waterman",
    sig: "function(s1: string, s2: string, params: sw_params): sw_substring_vec",
    func: str_smith_waterman,
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_common_run() {
        let f = smith_waterman(b"abcdefgh", b"xxcdefyy", 3, false);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, b"cdef");
        assert_eq!(f[0].at, [2, 2]);
        assert!(f[0].new);
        assert!(smith_waterman(b"ab", b"ab", 3, false).is_empty());
        assert!(smith_waterman(b"abc", b"xyz", 3, false).is_empty());
    }
}
