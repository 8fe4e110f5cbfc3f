//! Markdown pages: the reST page's structure with headings, pipe tables
//! and code spans in place of Sphinx roles.

use super::model::{DocText, Item, Member, Page, Section};
use super::xref::{roles, Inline};

/// A code span that survives backticks inside it.
fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn inlines(xs: &[Inline]) -> String {
    xs.iter()
        .map(|i| match i {
            Inline::Text(s) => s.clone(),
            Inline::Type(s)
            | Inline::Id(s)
            | Inline::Enum(s)
            | Inline::Attr(s)
            | Inline::Code(s) => code(s),
        })
        .collect()
}

/// Text inside a table cell: pipes would end the cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn field_line(m: &Member) -> String {
    let mut s = format!("{}: {}", code(&m.name), inlines(&m.ty));
    if !m.attrs.is_empty() {
        s.push(' ');
        s.push_str(&inlines(&m.attrs));
    }
    s
}

pub fn page(p: &Page) -> String {
    let mut out = format!("# {}\n\n", p.path);
    if !p.summary.is_empty() {
        out.push_str(&inlines(&roles(&p.summary.join("\n"))));
        out.push_str("\n\n");
    }
    if !p.namespaces.is_empty() {
        out.push_str(&format!("**Namespace:** {}\n\n", p.namespaces.join(", ")));
    }
    if !p.imports.is_empty() {
        // Pages sit at PATH.md, so a link climbs to the root first.
        let up = "../".repeat(p.path.matches('/').count());
        let links: Vec<String> = p
            .imports
            .iter()
            .map(|i| format!("[{i}]({up}{i}.md)"))
            .collect();
        out.push_str(&format!("**Imports:** {}\n\n", links.join(", ")));
    }
    out.push_str("## Summary\n\n");
    for (s, items) in p.sections() {
        out.push_str(&format!(
            "### {}\n\n| Name | Description |\n|---|---|\n",
            s.title()
        ));
        for i in items {
            let mut desc = inlines(&roles(&i.doc.first_sentence()));
            if s == Section::Redefinitions && !i.members.is_empty() {
                let added: Vec<String> = i
                    .members
                    .iter()
                    .map(|m| {
                        if i.enum_members {
                            code(&m.name)
                        } else {
                            field_line(m)
                        }
                    })
                    .collect();
                let label = if i.enum_members {
                    "New values"
                } else {
                    "New fields"
                };
                desc = format!("{desc} {label}: {}", added.join("; "))
                    .trim()
                    .to_string();
            }
            let mut name = code(&i.name);
            if !i.short.is_empty() {
                name = format!("{name}: {}", inlines(&i.short));
            }
            out.push_str(&format!("| {} | {} |\n", cell(&name), cell(&desc)));
        }
        out.push('\n');
    }
    out.push_str("## Detailed Interface\n\n");
    for (s, items) in p.sections() {
        if s == Section::Redefinitions {
            continue;
        }
        out.push_str(&format!("### {}\n\n", s.title()));
        for i in items {
            item(&mut out, i, &p.path);
        }
    }
    out
}

fn item(out: &mut String, i: &Item, path: &str) {
    out.push_str(&format!("#### {}\n\n", code(&i.name)));
    out.push_str(&format!(
        "*Source:* {path}, lines {}-{}  \n",
        i.lines.0, i.lines.1
    ));
    if let Some(t) = &i.ty {
        out.push_str(&format!("*Type:* {}  \n", inlines(t)));
    }
    if !i.attrs.is_empty() {
        out.push_str(&format!("*Attributes:* {}  \n", inlines(&i.attrs)));
    }
    match &i.default {
        Some(d) if d.contains('\n') => out.push_str(&format!("*Default:*\n\n```zeek\n{d}\n```\n")),
        Some(d) => out.push_str(&format!("*Default:* {}\n", code(d))),
        None => {}
    }
    for (page, change) in &i.redefs {
        out.push_str(&format!("*Redefined in* {page}: {}\n", code(change)));
    }
    out.push('\n');
    if i.section == Section::Types {
        for m in &i.members {
            let head = if i.enum_members {
                code(&m.name)
            } else {
                field_line(m)
            };
            let doc: Vec<&str> = m.doc.iter().map(|l| l.trim()).collect();
            out.push_str(&format!("- {head}"));
            if !doc.is_empty() {
                out.push_str(&format!(": {}", inlines(&roles(&doc.join(" ")))));
            }
            out.push('\n');
        }
        if !i.members.is_empty() {
            out.push('\n');
        }
    }
    doc_text(out, &i.doc);
}

fn doc_text(out: &mut String, d: &DocText) {
    if !d.text.is_empty() {
        out.push_str(&inlines(&roles(&d.text.join("\n"))));
        out.push_str("\n\n");
    }
    for (name, lines) in &d.params {
        let text = inlines(&roles(&lines.join(" ")));
        out.push_str(&format!("- **{name}:** {text}\n"));
    }
    if let Some(r) = &d.returns {
        out.push_str(&format!(
            "- **Returns:** {}\n",
            inlines(&roles(&r.join(" ")))
        ));
    }
    if !d.params.is_empty() || d.returns.is_some() {
        out.push('\n');
    }
}

/// The index of the pages written: each linked, with its first sentence.
pub fn index(pages: &[(String, String)]) -> String {
    let mut out = String::from("# Script Index\n\n| Script | Summary |\n|---|---|\n");
    for (path, summary) in pages {
        let summary = cell(&inlines(&roles(summary)));
        out.push_str(&format!("| [{path}]({path}.md) | {summary} |\n"));
    }
    out
}
