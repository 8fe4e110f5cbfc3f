//! Zeekygen-style script documentation: a reference page per script, from
//! its `##!`, `##` and `##<` comments, in reST (Zeek's own layout),
//! Markdown or HTML.
//!
//! Pages are built from each script's syntax tree. Scripts are parsed
//! alone (the first branch of each conditional directive), following
//! `@load` the way the interpreter resolves it, and the declarations of
//! every script reached (plus `base/init-bare`) qualify the names a page
//! mentions and give the types of `redef`ed and inferred globals.

mod html;
mod markdown;
pub mod model;
mod rst;
mod text;
pub mod xref;

use crate::compile::{find_script, try_disk, LIBRARY_PREFIX};
use crate::diag::{render, SourceMap, Style};
use crate::syntax::ast::{DeclKind, Script};
use crate::syntax::conditionals::FirstBranch;
use crate::syntax::parser;
use model::Page;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use xref::Known;

/// The output format of pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Rst,
    Markdown,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Rst => "rst",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// One parsed script.
struct Parsed {
    /// The path below its search root: the page's title and file name.
    display: String,
    src: String,
    script: Script,
    /// Keys of the scripts it loads, in order.
    loads: Vec<String>,
}

/// A set of scripts being documented, each parsed once.
#[derive(Default)]
pub struct DocSet {
    /// Directories `@load` searches before ZEEKPATH and the embedded
    /// library: the script trees the named scripts belong to.
    roots: Vec<PathBuf>,
    parsed: HashMap<String, Parsed>,
    /// Scripts named or reached from a named one, in the order met.
    wanted: Vec<String>,
    known: Option<Known>,
    /// Problems that leave a page incomplete but do not stop it.
    pub warnings: Vec<String>,
}

/// The directory above `path` that holds a script tree (one with
/// `base/init-bare.zeek`), or one named `scripts`.
fn root_of(path: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(path).ok()?;
    let mut dir = abs.parent();
    while let Some(d) = dir {
        if d.join("base/init-bare.zeek").is_file() || d.file_name().is_some_and(|n| n == "scripts")
        {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

fn parent_dir(name: &str) -> String {
    match name.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => name[..i].to_string(),
        None => ".".to_string(),
    }
}

impl DocSet {
    pub fn new() -> DocSet {
        DocSet::default()
    }

    /// The path shown for a script found under `name`.
    fn display(&self, name: &str) -> String {
        if let Some(rest) = name.strip_prefix(LIBRARY_PREFIX) {
            return rest.trim_start_matches('/').to_string();
        }
        let abs = std::fs::canonicalize(name).unwrap_or_else(|_| PathBuf::from(name));
        for r in &self.roots {
            if let Ok(rel) = abs.strip_prefix(r) {
                return rel.to_string_lossy().replace('\\', "/");
            }
        }
        name.trim_start_matches("./").to_string()
    }

    /// Resolves `@load name` in a script in `from_dir`: beside it, then in
    /// the script trees of the named scripts, then as the interpreter does.
    fn find(&self, name: &str, from_dir: &str) -> Option<crate::compile::Found> {
        let local = !from_dir.starts_with(LIBRARY_PREFIX) && !Path::new(name).is_absolute();
        if local {
            if let Some(f) = try_disk(&Path::new(from_dir).join(name)) {
                return Some(f);
            }
            if !name.starts_with("./") && !name.starts_with("../") {
                // A tree's policy/ and site/ are searched too, as Zeek's
                // default ZEEKPATH does.
                for r in &self.roots {
                    for dir in [r.clone(), r.join("policy"), r.join("site")] {
                        if let Some(f) = try_disk(&dir.join(name)) {
                            return Some(f);
                        }
                    }
                }
            }
        }
        find_script(name, from_dir)
    }

    /// Adds a script named on the command line (a file, or a name the
    /// library or ZEEKPATH resolves) and everything it loads. Fails only
    /// if the script itself can't be found or parsed.
    pub fn add(&mut self, arg: &str) -> Result<String, String> {
        if Path::new(arg).is_file() {
            if let Some(r) = root_of(Path::new(arg)) {
                if !self.roots.contains(&r) {
                    self.roots.push(r);
                }
            }
        }
        let found = self
            .find(arg, ".")
            .ok_or_else(|| format!("can't find {arg}"))?;
        self.known = None;
        let key = found.key.clone();
        self.load(found, true)?;
        Ok(key)
    }

    /// Parses a script and, depth first, what it loads. With `wanted`,
    /// each gets a page (and its problems are reported).
    fn load(&mut self, first: crate::compile::Found, wanted: bool) -> Result<(), String> {
        /// A script to visit: found on disk or in the library, or parsed
        /// already (and now perhaps wanted).
        enum Next {
            Found(crate::compile::Found),
            Parsed(String),
        }
        let first_key = first.key.clone();
        let mut queue = vec![Next::Found(first)];
        while let Some(next) = queue.pop() {
            let found = match next {
                Next::Found(f) if !self.parsed.contains_key(&f.key) => f,
                Next::Found(crate::compile::Found { key, .. }) | Next::Parsed(key) => {
                    if wanted && !self.wanted.contains(&key) {
                        self.wanted.push(key.clone());
                        let loads = self.parsed.get(&key).map(|p| p.loads.clone());
                        queue.extend(loads.unwrap_or_default().into_iter().map(Next::Parsed));
                    }
                    continue;
                }
            };
            let script = match parse(&found.name, &found.text) {
                Ok(s) => s,
                Err(msg) if found.key == first_key => return Err(msg),
                Err(msg) => {
                    if wanted {
                        self.warnings.push(msg);
                    }
                    continue;
                }
            };
            let dir = parent_dir(&found.name);
            let display = self.display(&found.name);
            let mut loads = Vec::new();
            for d in &script.decls {
                let DeclKind::Directive { kind, arg } = &d.kind else {
                    continue;
                };
                if kind != "@load" {
                    continue;
                }
                for name in arg.split_whitespace() {
                    match self.find(name, &dir) {
                        Some(f) => {
                            loads.push(f.key.clone());
                            queue.push(Next::Found(f));
                        }
                        None if wanted => self
                            .warnings
                            .push(format!("{display}: can't find @load {name}")),
                        None => {}
                    }
                }
            }
            if wanted {
                self.wanted.push(found.key.clone());
            }
            self.parsed.insert(
                found.key,
                Parsed {
                    display,
                    src: found.text,
                    script,
                    loads,
                },
            );
        }
        Ok(())
    }

    /// What every parsed script declares, with `base/init-bare` and
    /// `base/init-default` parsed too since a run loads them.
    fn known(&mut self) -> &Known {
        if self.known.is_none() {
            for prelude in ["base/init-bare", "base/init-default"] {
                if let Some(f) = self.find(prelude, ".") {
                    if !self.parsed.contains_key(&f.key) {
                        let _ = self.load(f, false);
                    }
                }
            }
            let mut known = Known::default();
            let mut keys: Vec<&String> = self.parsed.keys().collect();
            keys.sort();
            // Twice, so a global initialized from one declared in a
            // script met later still gets its type.
            for _ in 0..2 {
                for k in &keys {
                    if let Some(p) = self.parsed.get(*k) {
                        model::collect_known(&p.script, &p.src, &p.display, &mut known);
                    }
                }
            }
            self.known = Some(known);
        }
        self.known.get_or_insert_with(Known::default)
    }

    /// The page of a parsed script.
    pub fn page(&mut self, key: &str) -> Option<Page> {
        self.known();
        let known = self.known.as_ref()?;
        let p = self.parsed.get(key)?;
        let mut imports: Vec<String> = p
            .loads
            .iter()
            .filter_map(|k| self.parsed.get(k).map(|l| l.display.clone()))
            .collect();
        imports.sort();
        imports.dedup();
        Some(model::page(&p.script, &p.src, &p.display, imports, known))
    }

    /// Renders a page in a format.
    pub fn render(&mut self, page: &Page, format: Format) -> String {
        self.known();
        let empty = Known::default();
        let known = self.known.as_ref().unwrap_or(&empty);
        match format {
            Format::Rst => rst::page(page),
            Format::Markdown => markdown::page(page),
            Format::Html => html::page(page, known),
        }
    }

    /// The keys of the named scripts and all they load.
    pub fn wanted(&self) -> Vec<String> {
        self.wanted.clone()
    }

    /// The display path of a parsed script.
    pub fn display_of(&self, key: &str) -> Option<&str> {
        self.parsed.get(key).map(|p| p.display.as_str())
    }
}

/// Parses one script alone; a failure is the rendered diagnostics.
fn parse(name: &str, text: &str) -> Result<Script, String> {
    let mut map = SourceMap::default();
    let id = map.add(name.to_string(), text.to_string());
    let base = name.rsplit('/').next().unwrap_or(name);
    parser::parse(text, id, base, &parent_dir(name), &mut FirstBranch).map_err(|diags| {
        diags
            .iter()
            .map(|d| render(d, &map, Style::Zeek))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// `--doc SCRIPT`: the page of one script.
pub fn doc_one(script: &str, format: Format) -> Result<(String, Vec<String>), String> {
    let mut set = DocSet::new();
    let key = set.add(script)?;
    let page = set
        .page(&key)
        .ok_or_else(|| format!("can't document {script}"))?;
    let text = set.render(&page, format);
    Ok((text, set.warnings))
}

/// `--doc-dir DIR SCRIPT...`: a page per script and per script they load,
/// at `DIR/scripts/PATH.EXT` as in Zeek's script reference, and an index
/// of them at `DIR/scripts/index.EXT`. Returns the number of pages
/// written and the warnings.
pub fn doc_dir(
    dir: &Path,
    scripts: &[String],
    format: Format,
) -> Result<(usize, Vec<String>), String> {
    let mut set = DocSet::new();
    for s in scripts {
        set.add(s)?;
    }
    let mut index = Vec::new();
    for key in set.wanted() {
        let Some(page) = set.page(&key) else { continue };
        let text = set.render(&page, format);
        write_file(dir, &format!("{}.{}", page.path, format.extension()), &text)?;
        let summary = model::DocText::parse(&page.summary, &[]).first_sentence();
        index.push((page.path, summary));
    }
    index.sort();
    let text = match format {
        Format::Rst => rst::index(&index),
        Format::Markdown => markdown::index(&index),
        Format::Html => html::index(&index),
    };
    write_file(dir, &format!("index.{}", format.extension()), &text)?;
    Ok((index.len(), set.warnings))
}

/// Writes `DIR/scripts/REL`, making the directories it needs.
fn write_file(dir: &Path, rel: &str, text: &str) -> Result<(), String> {
    let out = dir.join("scripts").join(rel.trim_start_matches('/'));
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))
}

/// The reST entry of one declaration in a script's text, as its page's
/// detailed interface shows it; None if the script does not declare
/// `name` publicly. `names` are declared names used to qualify the ones
/// the entry mentions.
pub fn describe(name: &str, file: &str, src: &str, names: &[String]) -> Option<String> {
    let file = file
        .strip_prefix(LIBRARY_PREFIX)
        .map_or(file, |f| f.trim_start_matches('/'));
    let page = page_of_source(file, src, names)?;
    let item = page.items.iter().find(|i| i.name == name)?;
    Some(rst::item(item, file))
}

/// The page of one script's text alone, with `names` declared elsewhere;
/// None if it does not parse.
pub fn page_of_source(path: &str, src: &str, names: &[String]) -> Option<Page> {
    let script = parse(path, src).ok()?;
    let mut known = Known::default();
    known.names.extend(names.iter().cloned());
    model::collect_known(&script, src, path, &mut known);
    Some(model::page(&script, src, path, Vec::new(), &known))
}

/// Renders a page without cross-page links (HTML links only within it).
pub fn render_alone(page: &Page, format: Format) -> String {
    match format {
        Format::Rst => rst::page(page),
        Format::Markdown => markdown::page(page),
        Format::Html => html::page(page, &Known::default()),
    }
}

#[cfg(test)]
mod tests;
