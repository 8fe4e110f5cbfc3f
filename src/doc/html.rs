//! HTML pages. Each declared type and identifier a page mentions links to
//! its entry on the page of the script that declares it.

use super::model::{DocText, Item, Member, Page, Section};
use super::xref::{roles, Inline, Known};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes inline pieces with links relative to the page at `path`.
struct Linker<'a> {
    known: &'a Known,
    /// `../` repeated up to the documentation root.
    up: String,
}

impl Linker<'_> {
    fn new<'a>(known: &'a Known, path: &str) -> Linker<'a> {
        Linker {
            known,
            up: "../".repeat(path.matches('/').count()),
        }
    }

    fn link(&self, name: &str) -> String {
        match self.known.homes.get(name) {
            Some(home) => format!(
                "<a href=\"{}{}.html#{}\"><code>{}</code></a>",
                self.up,
                esc(home),
                esc(name),
                esc(name)
            ),
            None => format!("<code>{}</code>", esc(name)),
        }
    }

    fn inlines(&self, xs: &[Inline]) -> String {
        xs.iter()
            .map(|i| match i {
                Inline::Text(s) => esc(s),
                Inline::Type(s) | Inline::Id(s) => self.link(s),
                Inline::Enum(s) => match self.known.enum_consts.get(s) {
                    Some(ty) => self.link(ty).replacen(
                        &format!("<code>{}</code>", esc(ty)),
                        &format!("<code>{}</code>", esc(s)),
                        1,
                    ),
                    None => format!("<code>{}</code>", esc(s)),
                },
                Inline::Attr(s) | Inline::Code(s) => format!("<code>{}</code>", esc(s)),
            })
            .collect()
    }

    fn field(&self, m: &Member) -> String {
        let mut s = format!("<code>{}</code>: {}", esc(&m.name), self.inlines(&m.ty));
        if !m.attrs.is_empty() {
            s.push(' ');
            s.push_str(&self.inlines(&m.attrs));
        }
        s
    }
}

pub fn page(p: &Page, known: &Known) -> String {
    let l = Linker::new(known, &p.path);
    let mut out = format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{0}</title>\n</head>\n<body>\n<h1>{0}</h1>\n",
        esc(&p.path)
    );
    for para in p.summary.split(|x| x.trim().is_empty()) {
        if !para.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", l.inlines(&roles(&para.join("\n")))));
        }
    }
    out.push_str("<dl>\n");
    if !p.namespaces.is_empty() {
        out.push_str(&format!(
            "<dt>Namespace</dt><dd>{}</dd>\n",
            esc(&p.namespaces.join(", "))
        ));
    }
    if !p.imports.is_empty() {
        let links: Vec<String> = p
            .imports
            .iter()
            .map(|i| format!("<a href=\"{}{}.html\">{}</a>", l.up, esc(i), esc(i)))
            .collect();
        out.push_str(&format!("<dt>Imports</dt><dd>{}</dd>\n", links.join(", ")));
    }
    out.push_str("</dl>\n<h2>Summary</h2>\n");
    for (s, items) in p.sections() {
        out.push_str(&format!("<h3>{}</h3>\n<table>\n", s.title()));
        for i in items {
            let mut desc = l.inlines(&roles(&i.doc.first_sentence()));
            if s == Section::Redefinitions && !i.members.is_empty() {
                let added: Vec<String> = i
                    .members
                    .iter()
                    .map(|m| {
                        if i.enum_members {
                            format!("<code>{}</code>", esc(&m.name))
                        } else {
                            l.field(m)
                        }
                    })
                    .collect();
                let label = if i.enum_members {
                    "New values"
                } else {
                    "New fields"
                };
                desc.push_str(&format!("<br>{label}: {}", added.join("<br>")));
            }
            let mut name = l.link(&i.name);
            if !i.short.is_empty() {
                name = format!("{name}: {}", l.inlines(&i.short));
            }
            out.push_str(&format!("<tr><td>{name}</td><td>{desc}</td></tr>\n"));
        }
        out.push_str("</table>\n");
    }
    out.push_str("<h2>Detailed Interface</h2>\n");
    for (s, items) in p.sections() {
        if s == Section::Redefinitions {
            continue;
        }
        out.push_str(&format!("<h3>{}</h3>\n", s.title()));
        for i in items {
            item(&mut out, &l, i, &p.path);
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn item(out: &mut String, l: &Linker, i: &Item, path: &str) {
    out.push_str(&format!(
        "<h4 id=\"{0}\"><code>{0}</code></h4>\n<dl>\n<dt>Source</dt><dd>{1}, lines {2}-{3}</dd>\n",
        esc(&i.name),
        esc(path),
        i.lines.0,
        i.lines.1
    ));
    if let Some(t) = &i.ty {
        out.push_str(&format!("<dt>Type</dt><dd>{}</dd>\n", l.inlines(t)));
    }
    if !i.attrs.is_empty() {
        out.push_str(&format!(
            "<dt>Attributes</dt><dd>{}</dd>\n",
            l.inlines(&i.attrs)
        ));
    }
    if let Some(d) = &i.default {
        out.push_str(&format!("<dt>Default</dt><dd><pre>{}</pre></dd>\n", esc(d)));
    }
    for (page, change) in &i.redefs {
        out.push_str(&format!(
            "<dt>Redefined in <a href=\"{}{}.html\">{}</a></dt><dd><pre>{}</pre></dd>\n",
            l.up,
            esc(page),
            esc(page),
            esc(change)
        ));
    }
    out.push_str("</dl>\n");
    if i.section == Section::Types && !i.members.is_empty() {
        out.push_str("<ul>\n");
        for m in &i.members {
            let head = if i.enum_members {
                format!("<code id=\"{0}\">{0}</code>", esc(&m.name))
            } else {
                l.field(m)
            };
            let doc: Vec<&str> = m.doc.iter().map(|x| x.trim()).collect();
            out.push_str(&format!("<li>{head}"));
            if !doc.is_empty() {
                out.push_str(&format!(": {}", l.inlines(&roles(&doc.join(" ")))));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    doc_text(out, l, &i.doc);
}

fn doc_text(out: &mut String, l: &Linker, d: &DocText) {
    if !d.text.is_empty() {
        for para in d.text.split(|x| x.trim().is_empty()) {
            if !para.is_empty() {
                out.push_str(&format!("<p>{}</p>\n", l.inlines(&roles(&para.join("\n")))));
            }
        }
    }
    if d.params.is_empty() && d.returns.is_none() {
        return;
    }
    out.push_str("<dl>\n");
    for (name, lines) in &d.params {
        out.push_str(&format!(
            "<dt>Parameter <code>{}</code></dt><dd>{}</dd>\n",
            esc(name),
            l.inlines(&roles(&lines.join(" ")))
        ));
    }
    if let Some(r) = &d.returns {
        out.push_str(&format!(
            "<dt>Returns</dt><dd>{}</dd>\n",
            l.inlines(&roles(&r.join(" ")))
        ));
    }
    out.push_str("</dl>\n");
}

/// The index of the pages written: each linked, with its first sentence.
pub fn index(pages: &[(String, String)]) -> String {
    let empty = Known::default();
    let l = Linker::new(&empty, "");
    let mut out = String::from(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Script Index</title>\n</head>\n<body>\n<h1>Script Index</h1>\n<table>\n",
    );
    for (path, summary) in pages {
        out.push_str(&format!(
            "<tr><td><a href=\"{0}.html\">{0}</a></td><td>{1}</td></tr>\n",
            esc(path),
            l.inlines(&roles(summary))
        ));
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}
