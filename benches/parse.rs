//! Lexing and parsing throughput over Zeek's script tree, in one process.
//!
//!     cargo bench --bench parse
//!
//! Reads every `.zeek` file under `../shared/parse-corpus/zeek-scripts`
//! (relative to the crate), then parses the whole set `RZEEK_BENCH_ITERS`
//! times (default 20) after one warm-up pass and prints MB/s for the best
//! and the median pass, with lexing alone measured the same way.

use rzeek::syntax::conditionals::FirstBranch;
use rzeek::syntax::{lexer, parser};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/parse-corpus/zeek-scripts");
    dir.is_dir().then_some(dir)
}

fn zeek_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            zeek_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "zeek") {
            out.push(p);
        }
    }
}

/// Times `iters` passes of `pass` (after one warm-up) and returns the
/// sorted pass durations.
fn time_passes(iters: usize, mut pass: impl FnMut()) -> Vec<Duration> {
    pass();
    let mut times: Vec<Duration> = (0..iters)
        .map(|_| {
            let t = Instant::now();
            pass();
            t.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn report(what: &str, bytes: usize, times: &[Duration]) {
    let mb = bytes as f64 / 1e6;
    let best = times[0].as_secs_f64();
    let median = times[times.len() / 2].as_secs_f64();
    println!(
        "{what:<14} best {:>8.2} ms  {:>7.1} MB/s   median {:>8.2} ms  {:>7.1} MB/s",
        best * 1e3,
        mb / best,
        median * 1e3,
        mb / median
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is accepted and
    // ignored since there is only one benchmark.
    let Some(dir) = corpus_dir() else {
        println!("parse: corpus not found (../shared/parse-corpus); nothing to measure");
        return;
    };
    let mut paths = Vec::new();
    zeek_files(&dir, &mut paths);
    let files: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            Some((
                p.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ))
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let iters: usize = std::env::var("RZEEK_BENCH_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(20);

    // Every file must parse, or the figure would measure error paths.
    let mut failed = 0;
    for (i, (name, text)) in files.iter().enumerate() {
        if let Err(d) = parser::parse(text, i as u32, name, ".", &mut FirstBranch) {
            failed += 1;
            eprintln!("{name}: {}", d[0].message);
        }
    }

    println!(
        "corpus: {} files, {:.2} MB ({} failed to parse); {} passes each",
        files.len(),
        bytes as f64 / 1e6,
        failed,
        iters
    );

    let lex = time_passes(iters, || {
        for (name, text) in &files {
            let l = lexer::lex(black_box(text), name, ".");
            black_box(l.tokens.len());
        }
    });
    report("lex", bytes, &lex);

    let parse = time_passes(iters, || {
        for (i, (name, text)) in files.iter().enumerate() {
            let r = parser::parse(black_box(text), i as u32, name, ".", &mut FirstBranch);
            black_box(r.is_ok());
        }
    });
    report("lex+parse", bytes, &parse);
}
