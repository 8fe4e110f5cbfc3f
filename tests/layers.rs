//! The layering of `src/`, as ARCHITECTURE.md describes it, checked from
//! the code's own `crate::` paths: a module may use the layers below it,
//! never one above it or beside it. A new top-level module must be given
//! its place here (and in ARCHITECTURE.md) before it can be used.
//!
//! The two lowest layers are crates of their own (`rzeek_syntax`,
//! re-exported as `syntax` and `diag`; `rzeek_net`, re-exported as
//! `packet`), so Cargo already keeps them from reaching up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Top-level modules of `src/` by layer, lowest first. Modules in one
/// layer may not use each other.
const LAYERS: &[&[&str]] = &[
    &["syntax", "diag", "packet"],
    &["runtime"],
    &["logging"],
    &["eval"],
    &["bif"],
    &["compile"],
    &["engine"],
    &["doc"],
    &["repl"],
    &["driver", "main"],
    &["fuzzing"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules named by `crate::X` paths in code (comments
/// left out), with the line of each use.
fn uses(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // `$crate::` in macros and `rzeek_crate::` are not paths into src/.
            let before = rest[..i].chars().last();
            if !name.is_empty() && !matches!(before, Some('$' | '_')) {
                out.push((name, n + 1));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn no_module_uses_a_layer_above_or_beside_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut unplaced = BTreeMap::new();
    let mut violations = Vec::new();
    for file in &files {
        if file.file_name().is_some_and(|n| n == "lib.rs") {
            continue;
        }
        let from = module_of(&src, file);
        let Some(from_rank) = rank(&from) else {
            unplaced.insert(from.clone(), file.display().to_string());
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (to, line) in uses(&text) {
            if to == from {
                continue;
            }
            match rank(&to) {
                None => {
                    unplaced.insert(to.clone(), format!("{}:{line}", file.display()));
                }
                Some(r) if r >= from_rank => violations.push(format!(
                    "{}:{line}: `{from}` uses `{to}`, which is {} it",
                    file.strip_prefix(&src).unwrap().display(),
                    if r == from_rank { "beside" } else { "above" }
                )),
                Some(_) => {}
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules with no layer (add them to LAYERS and ARCHITECTURE.md): {unplaced:?}"
    );
    assert!(
        violations.is_empty(),
        "layering violations:\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_layer_names_an_existing_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let reexported = ["syntax", "diag", "packet"];
    for module in LAYERS.iter().flat_map(|l| l.iter()) {
        let exists = reexported.contains(module)
            || src.join(format!("{module}.rs")).exists()
            || src.join(module).is_dir();
        assert!(exists, "LAYERS names `{module}`, which src/ does not have");
    }
}

#[test]
fn the_scanner_sees_paths_and_skips_comments() {
    let text = "use crate::runtime::value::Value;\n// crate::engine in a comment\nlet x = crate::eval::ops::arith; $crate::common::x\n";
    let found: Vec<String> = uses(text).into_iter().map(|(m, _)| m).collect();
    assert_eq!(found, ["runtime", "eval"]);
}
