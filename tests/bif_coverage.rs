//! Every built-in function Zeek's core declares exists in rzeek: each
//! `function NAME(` of ../shared/reference/bifs/*.txt (not the analyzers'
//! files) is in `bif::all()`, or on the list below of framework internals
//! another piece of work implements. Those rzeek gives a fixed answer
//! (src/bif/unsupported.rs) are in `bif::all()` too, each with its answer.
//! The analyzers' functions (reference/bifs/analyzers) all exist.
//! Without ../shared the trials are reported as ignored, with the reason.

mod common;

use common::harness::{self, with_shared};
use std::collections::BTreeSet;
use std::path::Path;

/// Internals of the Input, Files and Logging frameworks, implemented
/// with those frameworks (their own issue), not as stand-alone
/// built-ins. This list must become empty.
const OWNED_BY_FRAMEWORKS: &[&str] = &[
    "Input::__create_analysis_stream",
    "Log::__delay",
    "Log::__delay_finish",
    "Log::__get_delay_queue_size",
    "Log::__set_max_delay_interval",
    "Log::__set_max_delay_queue_size",
];

/// The full names of the functions a reference file declares: a name
/// without `::` belongs to the module declared before it.
fn declared_functions(text: &str) -> Vec<String> {
    let mut module = "GLOBAL".to_string();
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("module ") {
            module = rest.trim().trim_end_matches(';').trim().to_string();
            continue;
        }
        let Some(rest) = line.strip_prefix("function ") else {
            continue;
        };
        let Some(paren) = rest.find('(') else {
            continue;
        };
        let name = rest[..paren].trim();
        if name.contains("::") || module == "GLOBAL" {
            out.push(name.to_string());
        } else {
            out.push(format!("{module}::{name}"));
        }
    }
    out
}

fn reference_functions(dir: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("reference/bifs")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("reference file");
        names.extend(declared_functions(&text));
    }
    names
}

fn every_reference_function_exists(dir: std::path::PathBuf) {
    let reference = reference_functions(&dir);
    assert!(
        reference.len() > 300,
        "only {} functions read",
        reference.len()
    );
    let ours: BTreeSet<&str> = rzeek::bif::all().map(|b| b.name).collect();
    let missing: Vec<&String> = reference
        .iter()
        .filter(|n| !ours.contains(n.as_str()) && !OWNED_BY_FRAMEWORKS.contains(&n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "built-ins of Zeek's reference missing from rzeek: {missing:?}"
    );
}

/// The analyzers' built-ins exist too, computed or with a fixed answer.
fn every_analyzer_function_exists(dir: std::path::PathBuf) {
    let reference = reference_functions(&dir);
    assert!(
        reference.len() > 40,
        "only {} functions read",
        reference.len()
    );
    let ours: BTreeSet<&str> = rzeek::bif::all().map(|b| b.name).collect();
    let missing: Vec<&String> = reference
        .iter()
        .filter(|n| !ours.contains(n.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "analyzer built-ins missing from rzeek: {missing:?}"
    );
}

fn framework_list_names_reference_functions(dir: std::path::PathBuf) {
    let reference = reference_functions(&dir);
    let ours: BTreeSet<&str> = rzeek::bif::all().map(|b| b.name).collect();
    for n in OWNED_BY_FRAMEWORKS {
        assert!(reference.contains(*n), "{n} is not in Zeek's reference");
        assert!(
            !ours.contains(n),
            "{n} exists now: take it off OWNED_BY_FRAMEWORKS"
        );
    }
}

fn fixed_answers_are_reference_functions(dir: std::path::PathBuf) {
    let mut reference = reference_functions(&dir);
    reference.extend(reference_functions(&dir.join("analyzers")));
    let ours: BTreeSet<&str> = rzeek::bif::all().map(|b| b.name).collect();
    for u in rzeek::bif::unsupported::UNSUPPORTED {
        assert!(
            reference.contains(u.def.name),
            "{} is not Zeek's",
            u.def.name
        );
        assert!(!u.answer.is_empty(), "{} has no answer", u.def.name);
        assert!(
            ours.contains(u.def.name),
            "{} is not in bif::all()",
            u.def.name
        );
    }
    for (name, answer) in rzeek::bif::unsupported::FALLBACKS {
        assert!(reference.contains(*name), "{name} is not Zeek's");
        assert!(ours.contains(name), "{name} is not in bif::all()");
        assert!(!answer.is_empty());
    }
}

fn module_names_are_qualified() {
    let names = declared_functions(
        "function a(): any;\nmodule Foo;\nfunction b(x: count): any;\nfunction Bar::c(): any;\nmodule GLOBAL;\nfunction d(): any;\n",
    );
    assert_eq!(names, ["a", "Foo::b", "Bar::c", "d"]);
}

fn main() {
    let mut trials = vec![harness::test(
        "module_names_are_qualified",
        module_names_are_qualified,
    )];
    trials.push(with_shared(
        "every_reference_function_exists",
        "reference/bifs",
        every_reference_function_exists,
    ));
    trials.push(with_shared(
        "every_analyzer_function_exists",
        "reference/bifs/analyzers",
        every_analyzer_function_exists,
    ));
    trials.push(with_shared(
        "framework_list_names_reference_functions",
        "reference/bifs",
        framework_list_names_reference_functions,
    ));
    trials.push(with_shared(
        "fixed_answers_are_reference_functions",
        "reference/bifs",
        fixed_answers_are_reference_functions,
    ));
    harness::run(trials)
}
