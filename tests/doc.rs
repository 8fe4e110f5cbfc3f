//! Script documentation (`--doc`, `--doc-dir`): golden pages of
//! removal-hooks.zeek in each format, pages for the whole library without
//! warnings, and, when Zeek's own script tree is beside the repository,
//! pages for every script in it (reported as ignored when that tree is
//! missing). A golden page that differs fails with a unified diff;
//! `UPDATE_GOLDEN=1 cargo test --release --test doc` rewrites the golden
//! pages from the current output (then review `git diff`).

mod common;

use common::harness;
use common::{golden, OutputText, Rzeek};
use std::path::{Path, PathBuf};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

fn rzeek(args: &[&str]) -> (String, String, bool) {
    let out = Rzeek::new().args(args).dir(MANIFEST).run();
    (out.stdout_str(), out.stderr_str(), out.status.success())
}

fn golden(format: &str, ext: &str) {
    let (page, err, ok) = rzeek(&[
        "--doc",
        "scripts/base/protocols/conn/removal-hooks.zeek",
        "--doc-format",
        format,
    ]);
    assert!(ok && err.is_empty(), "rzeek failed: {err}");
    let want = Path::new(MANIFEST).join(format!("tests/doc/removal-hooks.{ext}"));
    let update = "UPDATE_GOLDEN=1 cargo test --release --test doc";
    if let Err(e) = golden::check(&want, &page, false, update) {
        panic!("{e}");
    }
}

fn removal_hooks_rst() {
    golden("rst", "rst");
}

fn removal_hooks_markdown() {
    golden("markdown", "md");
}

fn removal_hooks_html() {
    golden("html", "html");
}

fn library_name_and_path_give_the_same_page() {
    let (by_name, _, ok1) = rzeek(&["--doc", "base/protocols/conn/removal-hooks"]);
    let (by_path, _, ok2) = rzeek(&["--doc", "scripts/base/protocols/conn/removal-hooks.zeek"]);
    assert!(ok1 && ok2);
    assert_eq!(by_name, by_path);
}

fn doc_dir_without_scripts_is_an_error() {
    let (_, err, ok) = rzeek(&["--doc-dir", "/nonexistent-rzeek-doc"]);
    assert!(!ok && err.contains("needs scripts"), "{err}");
}

fn missing_script_is_an_error() {
    let (out, err, ok) = rzeek(&["--doc", "no/such/script"]);
    assert!(!ok && out.is_empty());
    assert!(err.contains("can't find no/such/script"), "{err}");
}

fn zeek_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            zeek_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "zeek") {
            out.push(p);
        }
    }
}

fn library_pages_without_warnings() {
    let root = Path::new(MANIFEST).join("scripts");
    let mut files = Vec::new();
    zeek_files(&root, &mut files);
    let dir = std::env::temp_dir().join(format!("rzeek-doc-lib-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for format in ["rst", "markdown", "html"] {
        let mut args = vec![
            "--doc-format".to_string(),
            format.to_string(),
            "--doc-dir".to_string(),
            dir.display().to_string(),
        ];
        args.extend(files.iter().map(|f| f.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, err, ok) = rzeek(&args);
        assert!(ok, "rzeek failed: {err}");
        assert!(err.is_empty(), "warnings: {err}");
        let ext = match format {
            "markdown" => "md",
            f => f,
        };
        for f in &files {
            let rel = f.strip_prefix(&root).expect("under scripts/");
            let page = dir.join("scripts").join(format!("{}.{ext}", rel.display()));
            let text = std::fs::read_to_string(&page)
                .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
            assert!(text.contains(&rel.display().to_string()));
        }
        let index =
            std::fs::read_to_string(dir.join(format!("scripts/index.{ext}"))).expect("index page");
        assert!(index.contains("base/protocols/conn/removal-hooks.zeek"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every library declaration with a `##` comment is on its page.
fn library_documents_every_public_declaration() {
    let root = Path::new(MANIFEST).join("scripts");
    let mut files = Vec::new();
    zeek_files(&root, &mut files);
    let checked: usize = files.iter().map(|f| check_documented(f)).sum();
    assert!(checked > 100, "only {checked} declarations found");
}

/// A declaration a script documents: its full name, the type word its
/// page must show, and the first line of its comment.
struct Documented {
    name: String,
    type_word: Option<String>,
    first_line: String,
}

/// A (possibly scoped) name at the start of `s`, and the rest.
fn split_name(s: &str) -> (&str, &str) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() || b[i] == b'_' {
            i += 1;
        } else if b[i] == b':' && b.get(i + 1) == Some(&b':') {
            i += 2;
        } else {
            break;
        }
    }
    (&s[..i], s[i..].trim_start())
}

/// Scans a script's text, independently of the parser, for public
/// (exported or GLOBAL) `global`/`const`/`option`/`type` declarations
/// preceded by `##` comments. Declarations in `@else` branches are left
/// out: a page shows the first branch of each conditional.
fn documented(text: &str) -> Vec<Documented> {
    let mut out = Vec::new();
    let mut module = "GLOBAL".to_string();
    let mut depth = 0i32;
    let mut export_depth: Option<i32> = None;
    let mut pending: Vec<String> = Vec::new();
    let mut in_else = 0;
    let mut cond_depth = 0;
    for raw in text.lines() {
        let line = raw.trim();
        if line.starts_with("@if") {
            cond_depth += 1;
        } else if line.starts_with("@else") && in_else == 0 {
            in_else = cond_depth;
        } else if line.starts_with("@endif") {
            if in_else == cond_depth {
                in_else = 0;
            }
            cond_depth -= 1;
        }
        if let Some(doc) = line.strip_prefix("##") {
            if !doc.starts_with('!') && !doc.starts_with('<') {
                pending.push(doc.strip_prefix(' ').unwrap_or(doc).trim_end().to_string());
            }
            continue;
        }
        if let Some(m) = line.strip_prefix("module ") {
            module = m.trim_end_matches(';').trim().to_string();
        }
        let public = module == "GLOBAL" || export_depth.is_some();
        if depth == export_depth.unwrap_or(0) && public && in_else == 0 {
            if let Some(kw) = ["global ", "const ", "option ", "type "]
                .iter()
                .find(|k| line.starts_with(**k))
            {
                let (name, rest) = split_name(line[kw.len()..].trim_start());
                let first = pending.iter().find(|l| !l.trim().is_empty());
                if let (false, Some(first)) = (name.is_empty(), first) {
                    let full = if module == "GLOBAL" || name.contains("::") {
                        name.to_string()
                    } else {
                        format!("{module}::{name}")
                    };
                    let type_word = rest.strip_prefix(':').map(|t| {
                        let (w, _) = split_name(t.trim_start());
                        w.to_string()
                    });
                    out.push(Documented {
                        name: full,
                        type_word: type_word.filter(|w| !w.is_empty()),
                        first_line: first.trim().to_string(),
                    });
                }
            }
        }
        if !line.is_empty() && !line.starts_with('#') {
            pending.clear();
        }
        let code = line.split('#').next().unwrap_or("");
        if code.starts_with("export") && code.contains('{') {
            export_depth = Some(depth + 1);
        }
        depth += code.matches('{').count() as i32 - code.matches('}').count() as i32;
        if export_depth.is_some_and(|d| depth < d) {
            export_depth = None;
        }
    }
    out
}

/// Checks a script's page against its text; returns how many
/// declarations it checked.
fn check_documented(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).expect("read script");
    let path = file.display().to_string();
    let (page, err, ok) = rzeek(&["--doc", &path]);
    assert!(ok, "{path}: {err}");
    let decls = documented(&text);
    for d in &decls {
        let entry = page
            .split("\n.. zeek:")
            .find(|e| {
                e.starts_with(&format!("type:: {}\n", d.name))
                    || e.starts_with(&format!("id:: {}\n", d.name))
            })
            .unwrap_or_else(|| panic!("{path}: no entry for {}", d.name));
        // Comments are re-wrapped into fields, so compare words.
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let first = d.first_line.trim_end_matches(':');
        let word_of_first = words(first);
        let flat = words(entry);
        let shown = first
            .split_once(':')
            .is_some_and(|(_, rest)| flat.contains(&words(rest)));
        assert!(
            flat.contains(&word_of_first) || shown,
            "{path}: {} lacks its text {:?}",
            d.name,
            d.first_line
        );
        if let Some(w) = &d.type_word {
            let ty_line = entry
                .lines()
                .find(|l| l.trim_start().starts_with(":Type:"))
                .unwrap_or("");
            let bare = w.rsplit("::").next().unwrap_or(w);
            assert!(
                ty_line.contains(&format!("`{w}`")) || ty_line.contains(&format!("::{bare}`")),
                "{path}: {} lacks its type {w}: {ty_line}",
                d.name
            );
        }
    }
    decls.len()
}

/// Needs `../shared/parse-corpus`.
fn parse_corpus_pages(corpus: PathBuf) {
    let corpus = corpus.as_path();
    let mut files = Vec::new();
    zeek_files(corpus, &mut files);
    // Every script at once through --doc-dir, which builds each page as
    // --doc does (its loads parsed once for all): no script may fail.
    let dir = std::env::temp_dir().join(format!("rzeek-doc-corpus-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (format, ext) in [("rst", "rst"), ("markdown", "md"), ("html", "html")] {
        let mut args = vec![
            "--doc-format".to_string(),
            format.to_string(),
            "--doc-dir".to_string(),
            dir.display().to_string(),
        ];
        args.extend(files.iter().map(|f| f.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, err, ok) = rzeek(&args);
        assert!(ok, "rzeek --doc-dir failed: {err}");
        let root = corpus.join("zeek-scripts");
        for f in &files {
            let rel = f.strip_prefix(&root).unwrap_or(f);
            let page = dir.join("scripts").join(format!("{}.{ext}", rel.display()));
            assert!(page.is_file(), "no page {}", page.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    // A sample through --doc, checked against the script's text.
    let checked: usize = files.iter().step_by(10).map(|f| check_documented(f)).sum();
    assert!(checked > 50, "only {checked} declarations found");
}

/// Pages of damaged scripts: whatever still parses is documented without
/// a panic. Library scripts cut short and with bytes swapped in from
/// elsewhere in them (a deterministic xorshift picks where).
fn damaged_scripts_do_not_panic() {
    let root = Path::new(MANIFEST).join("scripts");
    let mut files = Vec::new();
    zeek_files(&root, &mut files);
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let mut state: u64 = 0x5eed_d0c5;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let formats = [
        rzeek::doc::Format::Rst,
        rzeek::doc::Format::Markdown,
        rzeek::doc::Format::Html,
    ];
    let mut documented = 0;
    for round in 0..300 {
        let src = &sources[next(sources.len())];
        let mut bytes = src[..next(src.len() + 1)].to_vec();
        for _ in 0..next(4) {
            if bytes.is_empty() {
                break;
            }
            let at = next(bytes.len());
            let from = next(src.len());
            let len = next(16).min(src.len() - from);
            bytes.splice(at..at, src[from..from + len].iter().copied());
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let names = ["connection".to_string()];
        if let Some(page) = rzeek::doc::page_of_source("fuzz.zeek", &text, &names) {
            documented += 1;
            for f in formats {
                let out = rzeek::doc::render_alone(&page, f);
                assert!(out.contains("fuzz.zeek"), "round {round}");
            }
        }
    }
    // Some must parse for the test to test anything.
    assert!(documented > 10, "only {documented} parsed");
}

fn main() {
    let mut trials = trials![
        removal_hooks_rst,
        removal_hooks_markdown,
        removal_hooks_html,
        library_name_and_path_give_the_same_page,
        doc_dir_without_scripts_is_an_error,
        missing_script_is_an_error,
        library_pages_without_warnings,
        library_documents_every_public_declaration,
        damaged_scripts_do_not_panic,
    ];
    trials.extend(trials![needs "parse-corpus": parse_corpus_pages]);
    harness::run(trials);
}
