//! reStructuredText pages in the layout of Zeek's script reference, with
//! its Sphinx roles and directives (`:zeek:type:`, `.. zeek:id::`).

use super::model::{DocText, Item, Member, Page, Section};
use super::xref::Inline;

pub fn inlines(xs: &[Inline]) -> String {
    xs.iter()
        .map(|i| match i {
            Inline::Text(s) => s.clone(),
            Inline::Type(s) => format!(":zeek:type:`{s}`"),
            Inline::Id(s) => format!(":zeek:id:`{s}`"),
            Inline::Enum(s) => format!(":zeek:enum:`{s}`"),
            Inline::Attr(s) => format!(":zeek:attr:`{s}`"),
            Inline::Code(s) => format!("``{s}``"),
        })
        .collect()
}

fn heading(out: &mut String, title: &str, ch: char) {
    out.push_str(title);
    out.push('\n');
    out.extend(std::iter::repeat_n(ch, title.chars().count()));
    out.push('\n');
}

/// A two-column simple table. Each row is its first cell and the lines
/// of its second; lines after the first leave the first column blank,
/// which is how a simple table continues a row.
fn table(out: &mut String, rows: &[(String, Vec<String>)]) {
    let w1 = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(1)
        .max(1);
    let w2 = rows
        .iter()
        .flat_map(|r| r.1.iter().map(|l| l.chars().count()))
        .max()
        .unwrap_or(1)
        .max(1);
    let border = format!("{} {}\n", "=".repeat(w1), "=".repeat(w2));
    out.push_str(&border);
    for (first, rest) in rows {
        let mut lines = rest.iter();
        let line = format!("{first:w1$} {}", lines.next().map_or("", |s| s.as_str()));
        out.push_str(line.trim_end());
        out.push('\n');
        for l in lines {
            let line = format!("{:w1$} {l}", "");
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.push_str(&border);
}

fn role(item: &Item) -> &'static str {
    if item.is_type {
        "type"
    } else {
        "id"
    }
}

/// The second cell of a summary row: the first sentence, and for a
/// redefinition the fields or values it adds.
fn summary_cell(item: &Item) -> Vec<String> {
    let mut lines = vec![item.doc.first_sentence()];
    if item.section == Section::Redefinitions && !item.members.is_empty() {
        lines.push(String::new());
        if item.enum_members {
            for m in &item.members {
                lines.push(format!("* :zeek:enum:`{}`", m.name));
                lines.extend(m.doc.iter().map(|d| format!("  {}", d.trim())));
            }
        } else {
            lines.push(format!(":New Fields: :zeek:type:`{}`", item.name));
            lines.push(String::new());
            for m in &item.members {
                lines.push(format!("  {}", field_line(m)));
                lines.extend(m.doc.iter().map(|d| format!("    {}", d.trim())));
            }
        }
    }
    lines
}

fn field_line(m: &Member) -> String {
    let mut s = format!("{}: {}", m.name, inlines(&m.ty));
    if !m.attrs.is_empty() {
        s.push(' ');
        s.push_str(&inlines(&m.attrs));
    }
    s
}

pub fn page(p: &Page) -> String {
    let mut out = String::from(":tocdepth: 3\n\n");
    heading(&mut out, &p.path, '=');
    for ns in &p.namespaces {
        out.push_str(&format!(".. zeek:namespace:: {ns}\n"));
    }
    out.push('\n');
    if !p.summary.is_empty() {
        for l in &p.summary {
            out.push_str(l);
            out.push('\n');
        }
        out.push('\n');
    }
    if !p.namespaces.is_empty() {
        out.push_str(&format!(":Namespace: {}\n", p.namespaces.join(", ")));
    }
    if !p.imports.is_empty() {
        let links: Vec<String> = p
            .imports
            .iter()
            .map(|i| format!(":doc:`{i} </scripts/{i}>`"))
            .collect();
        out.push_str(&format!(":Imports: {}\n", links.join(", ")));
    }
    if !p.namespaces.is_empty() || !p.imports.is_empty() {
        out.push('\n');
    }
    heading(&mut out, "Summary", '~');
    for (s, items) in p.sections() {
        heading(&mut out, s.title(), '#');
        let rows: Vec<(String, Vec<String>)> = items
            .iter()
            .map(|i| {
                let mut first = format!(":zeek:{}:`{}`", role(i), i.name);
                if !i.short.is_empty() {
                    first = format!("{first}: {}", inlines(&i.short));
                }
                (first, summary_cell(i))
            })
            .collect();
        table(&mut out, &rows);
        out.push('\n');
    }
    out.push('\n');
    heading(&mut out, "Detailed Interface", '~');
    for (s, items) in p.sections() {
        // A redefinition's target has its entry on the page that declares
        // it; the summary above lists what this script adds.
        if s == Section::Redefinitions {
            continue;
        }
        heading(&mut out, s.title(), '#');
        for i in items {
            out.push_str(&item(i, &p.path));
        }
    }
    out
}

/// Indents every non-empty line of `text` by `n` spaces.
fn indent(text: &[String], n: usize) -> String {
    let pad = " ".repeat(n);
    let mut out = String::new();
    for l in text {
        if l.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(&pad);
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// One declaration's entry in the detailed interface.
pub fn item(i: &Item, path: &str) -> String {
    let mut out = format!(
        ".. zeek:{}:: {}\n   :source-code: {} {} {}\n\n",
        role(i),
        i.name,
        path,
        i.lines.0,
        i.lines.1
    );
    if let Some(t) = &i.ty {
        out.push_str(&format!("   :Type: {}\n", inlines(t)));
    }
    if !i.attrs.is_empty() {
        out.push_str(&format!("   :Attributes: {}\n", inlines(&i.attrs)));
    }
    match &i.default {
        Some(d) if d.contains('\n') => {
            out.push_str("   :Default:\n\n      ::\n\n");
            let lines: Vec<String> = d.lines().map(str::to_string).collect();
            out.push_str(&indent(&lines, 9));
        }
        Some(d) => out.push_str(&format!("   :Default: ``{d}``\n")),
        None => {}
    }
    for (k, (page, change)) in i.redefs.iter().enumerate() {
        // A blank line ends the literal block before the next field.
        if k > 0 {
            out.push('\n');
        }
        let (op, value) = change.split_once(' ').unwrap_or((change, ""));
        out.push_str(&format!(
            "   :Redefinition: from :doc:`/scripts/{page}`\n\n      ``{op}``::\n\n"
        ));
        let lines: Vec<String> = value.lines().map(str::to_string).collect();
        out.push_str(&indent(&lines, 9));
    }
    if !i.members.is_empty() && i.section == Section::Types {
        out.push('\n');
        for m in &i.members {
            if i.enum_members {
                out.push_str(&format!("      .. zeek:enum:: {} {}\n\n", m.name, i.name));
                if !m.doc.is_empty() {
                    out.push_str(&indent(&m.doc, 9));
                    out.push('\n');
                }
            } else {
                out.push_str(&format!("      {}\n", field_line(m)));
                out.push_str(&indent(&m.doc, 9));
                out.push('\n');
            }
        }
    }
    out.push('\n');
    out.push_str(&doc_text(&i.doc, 3));
    out
}

/// The text of a comment, then its `:param:` and `:returns:` fields.
fn doc_text(d: &DocText, n: usize) -> String {
    let mut out = String::new();
    if !d.text.is_empty() {
        out.push_str(&indent(&d.text, n));
        out.push('\n');
    }
    let pad = " ".repeat(n);
    let mut field = |label: String, lines: &[String]| {
        let cont = " ".repeat(n + label.len() + 1);
        out.push_str(&format!("{pad}{label}"));
        for (k, l) in lines.iter().enumerate() {
            if k == 0 {
                if !l.is_empty() {
                    out.push(' ');
                    out.push_str(l);
                }
            } else {
                out.push('\n');
                out.push_str(&cont);
                out.push_str(l);
            }
        }
        out.push_str("\n\n");
    };
    for (name, lines) in &d.params {
        field(format!(":param {name}:"), lines);
    }
    if let Some(r) = &d.returns {
        field(":returns:".to_string(), r);
    }
    out
}

/// The index of the pages written: each linked, with its first sentence.
pub fn index(pages: &[(String, String)]) -> String {
    let mut out = String::new();
    heading(&mut out, "Script Index", '=');
    out.push('\n');
    let rows: Vec<(String, Vec<String>)> = pages
        .iter()
        .map(|(path, summary)| {
            (
                format!(":doc:`{path} </scripts/{path}>`"),
                vec![summary.clone()],
            )
        })
        .collect();
    if !rows.is_empty() {
        table(&mut out, &rows);
    }
    out
}
