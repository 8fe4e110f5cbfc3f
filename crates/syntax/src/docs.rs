//! Attaches `##` / `##<` documentation comments to the declarations,
//! record fields and enum values they document.

use super::ast::*;
use super::lexer::{DocComment, DocKind};

/// Comments in `[lo, hi)` of one kind, joined line by line.
fn collect(docs: &[DocComment], kind: DocKind, lo: u32, hi: u32) -> Vec<String> {
    let first = docs.partition_point(|d| (d.start as u32) < lo);
    docs[first..]
        .iter()
        .take_while(|d| (d.start as u32) < hi)
        .filter(|d| d.kind == kind)
        .map(|d| d.text.clone())
        .collect()
}

pub fn script_doc(docs: &[DocComment]) -> Doc {
    docs.iter()
        .filter(|d| d.kind == DocKind::Script)
        .map(|d| d.text.clone())
        .collect()
}

/// `docs` must be sorted by position (the lexer produces them in order).
pub fn attach(decls: &mut [Decl], docs: &[DocComment], mut prev_end: u32, outer_end: u32) {
    if docs.is_empty() {
        return;
    }
    let starts: Vec<u32> = decls.iter().map(|d| d.span.lo).collect();
    for (i, decl) in decls.iter_mut().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(outer_end);
        let mut doc = collect(docs, DocKind::Before, prev_end, decl.span.lo);
        doc.extend(collect(docs, DocKind::After, decl.span.hi, next));
        decl.doc = doc;
        match &mut decl.kind {
            DeclKind::Export(inner) => attach(inner, docs, decl.span.lo, decl.span.hi),
            DeclKind::Type { ty, .. } => attach_type(ty, docs),
            DeclKind::RedefRecord { fields, .. } => {
                attach_fields(fields, docs, decl.span.lo, decl.span.hi)
            }
            DeclKind::RedefEnum { values, .. } => {
                attach_values(values, docs, decl.span.lo, decl.span.hi)
            }
            _ => {}
        }
        prev_end = decl.span.hi;
    }
}

fn attach_type(ty: &mut Type, docs: &[DocComment]) {
    let (lo, hi) = (ty.span.lo, ty.span.hi);
    match &mut ty.kind {
        TypeKind::Record(fields) => attach_fields(fields, docs, lo, hi),
        TypeKind::Enum(values) => attach_values(values, docs, lo, hi),
        _ => {}
    }
}

fn field_end(f: &Field) -> u32 {
    f.attrs.last().map_or(f.ty.span.hi, |a| a.span.hi)
}

fn attach_fields(fields: &mut [Field], docs: &[DocComment], lo: u32, hi: u32) {
    let mut prev = lo;
    let starts: Vec<u32> = fields.iter().map(|f| f.name.span.lo).collect();
    for (i, f) in fields.iter_mut().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(hi);
        let mut doc = collect(docs, DocKind::Before, prev, f.name.span.lo);
        doc.extend(collect(docs, DocKind::After, field_end(f), next));
        f.doc = doc;
        attach_type(&mut f.ty, docs);
        prev = field_end(f);
    }
}

fn attach_values(values: &mut [EnumValue], docs: &[DocComment], lo: u32, hi: u32) {
    let mut prev = lo;
    let starts: Vec<u32> = values.iter().map(|v| v.name.span.lo).collect();
    for (i, v) in values.iter_mut().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(hi);
        let end = v.value.as_ref().map_or(v.name.span.hi, |e| e.span.hi);
        let mut doc = collect(docs, DocKind::Before, prev, v.name.span.lo);
        doc.extend(collect(docs, DocKind::After, end, next));
        v.doc = doc;
        prev = end;
    }
}
