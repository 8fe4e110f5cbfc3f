//! Robustness: the lexer and parser must turn any input into either a tree
//! or diagnostics, never a panic. Inputs are the parse-corpus files and
//! every conformance case (when `../shared` exists) or a few snippets of
//! our own, as they are, truncated at many points and mutated byte by byte
//! with a deterministic PRNG. Every conformance case is also run through
//! the `rzeek` binary, which must not end in a panic or a signal, and
//! every file of the parse corpus must parse. The tests that need
//! `../shared` are reported as ignored without it.

mod common;

use common::harness::{self, missing, shared_dir, test_if};
use common::Rzeek;
use rzeek::diag::Diagnostic;
use rzeek::syntax::ast::Script;
use rzeek::syntax::conditionals::FirstBranch;
use rzeek::syntax::parser::parse;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

// ---------------------------------------------------------------------------
// inputs

/// Used when the corpus is absent: written for these tests, covering the
/// lexer's context-dependent tokens and most of the grammar.
const SNIPPETS: &[&str] = &[
    r#"##! A script.
@load base/frameworks/notice
module Test;

export {
    ## A record.
    type Info: record {
        ts: time &log;           ##< When.
        id: conn_id &log &optional;
        names: set[string] &default=set();
        seen: table[addr, port] of count &default=table();
    };
    redef enum Notice::Type += { Odd, Strange, };
    const limit = 10 &redef;
    option enabled: bool = T;
    global hits: table[addr] of count = table() &default=0 &create_expire=1 hr &redef;
    global log_test: event(rec: Info);
}

redef record Info += { extra: vector of string &optional; };
redef Site::local_nets += { 10.0.0.0/8, [2001:db8::]/32 };
redef ignore_ports -= { 22/tcp, 53/udp };

function f(a: count, b: string &default="x"): count
    {
    local v: vector of count = vector(1, 2, 3);
    local s = v[1:2];
    local p = /fo+[a-z]\/bar\.baz/i;
    local q = /a|b/ & /c/;
    if ( b in p || "x" !in set("a") )
        return |v| * 2 + a % 3 - (a / 2) << 1;
    else if ( a > 2 && a <= 10 )
        ++a;
    for ( i in v ) next;
    for ( [x, y], val in hits ) print x, y, val;
    for ( k, v2 in hits ) { }
    while ( a < 100 ) { a += 1; if ( a == 50 ) break; }
    switch ( b ) {
        case "a", "b":
            fallthrough;
        case "c":
            break;
        default:
            print fmt("%s %d", b, a);
    }
    return a ? 1 : 2;
    }

event zeek_init() &priority=5
    {
    local r: Info = [$ts=network_time(), $names=set("a")];
    r$seen[1.2.3.4, 80/tcp] = 1;
    if ( r?$id ) delete r$id;
    add r$names["b"];
    schedule 5 secs { log_test(r) };
    local g = function[r](x: count): bool { return x > |r$names|; };
    when [r] ( local res = lookup_addr(1.2.3.4) )
        {
        print res;
        }
    timeout 3 sec
        {
        print "timeout";
        }
    assert g(1), "message";
    print r as Info, r is Info, r ?as Info;
    hook Test::policy(r);
    event log_test(r);
    }

hook policy(r: Info) &priority=-3
    {
    switch ( r ) { case type count as c: break; case type string: break; }
    }

@if ( Version::number >= 50000 )
global newer = "yes \x41\101\"\\";
@else
global newer = "no";
@endif

@ifdef ( Foo::bar )
print 0x1F, 1.5e3, .5, 3 days, -2 mins, [::1], [fe80::1]/64, 255.255.255.0;
@endif
print @DIR, @FILENAME;
"#,
    r#"type Color: enum { Red, Green = 5, Blue };
global c: Color = Red;
global m: table[string] of function(s: string): string = {
    ["up"] = to_upper,
    ["id"] = function(s: string): string { return s; },
};
global pats = /x/ | /y\// | /[\/]+/;
global q = copy(m);
print |pats|, 1 / 2, (1) / 2, m["up"]("a");
event e(a: count, b: any) { print a; }
event e(1, "two");
x = y = z;
const answer = 42;
"#,
];

/// The shared folders whose `.zeek` files are inputs: the parse corpus
/// (Zeek's script tree) and every conformance case (btest files are Zeek
/// scripts with `# @TEST-...` comment lines), each where it exists.
fn input_dirs() -> Vec<PathBuf> {
    let shared = shared_dir();
    if !shared.is_dir() {
        return Vec::new();
    }
    let mut dirs = vec![shared.join("parse-corpus/zeek-scripts")];
    for area in ["language", "bifs", "core", "scripts"] {
        dirs.push(shared.join("conformance").join(area));
    }
    dirs.retain(|d| d.is_dir());
    dirs
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

/// (name, bytes) of each seed input, in a fixed order.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for dir in input_dirs() {
        zeek_files(&dir, &mut files);
    }
    let seeds: Vec<_> = files
        .iter()
        .filter_map(|f| Some((f.display().to_string(), std::fs::read(f).ok()?)))
        .collect();
    if !seeds.is_empty() {
        return seeds;
    }
    eprintln!("corpus not present; using the embedded snippets");
    SNIPPETS
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("snippet{i}"), s.as_bytes().to_vec()))
        .collect()
}

// ---------------------------------------------------------------------------
// a small deterministic PRNG (xorshift64*)

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform-ish in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Byte strings worth inserting: delimiters, the starts of context-dependent
/// tokens, directives, and some non-ASCII text.
const FRAGMENTS: &[&[u8]] = &[
    b"{",
    b"}",
    b"(",
    b")",
    b"[",
    b"]",
    b";",
    b",",
    b":",
    b"/",
    b"\\",
    b"\"",
    b"#",
    b"##",
    b"##<",
    b"$",
    b"?$",
    b"&",
    b"|",
    b"=",
    b"@",
    b"@if ( T )",
    b"@else",
    b"@endif",
    b"@ifdef (",
    b"@load",
    b"[::",
    b"::",
    b"0x",
    b"1e",
    b"1.",
    b".",
    b"sec",
    b" 3 sec",
    b"/tcp",
    b"\n",
    b"\t",
    b" ",
    b"\0",
    b"\xc3\xa9",
    b"\xe2\x82\xac",
    b"\xff",
    b"\x80",
    b"\\\xc3\xa9",
    b"/\\",
    b"\\x",
    b"\\0",
    b"'",
    b"function",
    b"event",
    b"hook",
    b"when",
    b"switch",
    b"case",
    b"type",
    b"record",
    b"as",
    b"is",
    b"99999999999999999999999",
    b"1.2.3.4/99",
    b"[fe80::1]/200",
];

/// Applies one random edit; `donor` is another input to splice from.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, donor: &[u8]) {
    let len = input.len();
    match rng.below(8) {
        // flip one bit
        0 if len > 0 => {
            let i = rng.below(len);
            input[i] ^= 1 << rng.below(8);
        }
        // overwrite a byte with anything
        1 if len > 0 => {
            let i = rng.below(len);
            input[i] = rng.next() as u8;
        }
        // insert a random byte
        2 => {
            let i = rng.below(len + 1);
            input.insert(i, rng.next() as u8);
        }
        // delete a run of bytes
        3 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below(16.min(len - i));
            input.drain(i..i + n);
        }
        // duplicate a run of bytes elsewhere
        4 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below(64.min(len - i));
            let chunk: Vec<u8> = input[i..i + n].to_vec();
            let at = rng.below(len + 1);
            input.splice(at..at, chunk);
        }
        // splice in a run of bytes from another input
        5 if !donor.is_empty() => {
            let i = rng.below(donor.len());
            let n = 1 + rng.below(256.min(donor.len() - i));
            let at = rng.below(len + 1);
            input.splice(at..at, donor[i..i + n].iter().copied());
        }
        // insert an interesting fragment, often next to a delimiter
        _ => {
            let frag = *rng.pick(FRAGMENTS);
            let mut at = rng.below(len + 1);
            if rng.below(2) == 0 {
                // move to just after the next `/`, `\`, `"` or `[`
                if let Some(off) = input[at..].iter().position(|b| b"/\\\"[".contains(b)) {
                    at += off + 1;
                }
            }
            input.splice(at..at, frag.iter().copied());
        }
    }
}

// ---------------------------------------------------------------------------
// running the parser under catch_unwind

thread_local! {
    /// While set, the panic hook stays quiet and records the panic here.
    static CAPTURE: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURE.with(|c| c.get()) {
                let loc = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{loc}: {msg}")));
            } else {
                default(info);
            }
        }));
    });
}

enum Outcome {
    Parsed,
    Rejected,
    /// An `Err` with no diagnostic in it.
    EmptyErr,
    /// The panic's location and message.
    Panicked(String),
}

fn run(text: &str) -> Outcome {
    install_hook();
    CAPTURE.with(|c| c.set(true));
    let r = panic::catch_unwind(AssertUnwindSafe(|| -> Result<Script, Vec<Diagnostic>> {
        parse(text, 0, "fuzz.zeek", ".", &mut FirstBranch)
    }));
    CAPTURE.with(|c| c.set(false));
    match r {
        Ok(Ok(_)) => Outcome::Parsed,
        Ok(Err(d)) if d.is_empty() => Outcome::EmptyErr,
        Ok(Err(_)) => Outcome::Rejected,
        Err(_) => Outcome::Panicked(
            LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "unknown panic".into()),
        ),
    }
}

fn bad(o: &Outcome) -> bool {
    matches!(o, Outcome::EmptyErr | Outcome::Panicked(_))
}

/// Shrinks a failing input by deleting chunks of characters while it still
/// fails the same way (panics stay panics, empty errors stay empty errors).
fn minimize(text: &str) -> String {
    let same = |o: &Outcome, t: &str| {
        matches!(
            (o, run(t)),
            (Outcome::Panicked(_), Outcome::Panicked(_)) | (Outcome::EmptyErr, Outcome::EmptyErr)
        )
    };
    let first = run(text);
    let mut cur: Vec<char> = text.chars().collect();
    let mut chunk = cur.len().div_ceil(2).max(1);
    let mut tries = 0;
    while chunk >= 1 && tries < 20_000 {
        let mut i = 0;
        let mut shrunk = false;
        while i < cur.len() && tries < 20_000 {
            let end = (i + chunk).min(cur.len());
            let cand: String = cur[..i].iter().chain(&cur[end..]).collect();
            tries += 1;
            if same(&first, &cand) {
                cur.drain(i..end);
                shrunk = true;
            } else {
                i += chunk;
            }
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    cur.into_iter().collect()
}

/// Panics already reported to the owner of src/syntax; each has an
/// #[ignore]d regression test below. Matched on the panic's file and
/// message. Remove an entry once its bug is fixed.
const KNOWN_PANICS: &[(&str, &str)] = &[];

fn is_known(panic: &str) -> bool {
    KNOWN_PANICS
        .iter()
        .any(|(file, msg)| panic.contains(file) && panic.contains(msg))
}

#[derive(Default)]
struct Findings {
    runs: usize,
    parsed: usize,
    new: Vec<String>,
    known: Vec<String>,
}

impl Findings {
    fn check(&mut self, bytes: &[u8], what: &str) {
        let text = String::from_utf8_lossy(bytes);
        self.runs += 1;
        let outcome = run(&text);
        if matches!(outcome, Outcome::Parsed) {
            self.parsed += 1;
        }
        if !bad(&outcome) {
            return;
        }
        // Keep the report short: shrink only the first few of each kind.
        let known = matches!(&outcome, Outcome::Panicked(p) if is_known(p));
        let list = if known {
            &mut self.known
        } else {
            &mut self.new
        };
        if list.len() >= 5 {
            list.push(String::new());
            return;
        }
        let small = minimize(&text);
        let what_happened = match run(&small) {
            Outcome::Panicked(p) => format!("panic at {p}"),
            Outcome::EmptyErr => "Err with no diagnostics".into(),
            _ => "(flaky)".into(),
        };
        list.push(format!(
            "{what}: {what_happened}\n    minimal input: {small:?}"
        ));
    }

    fn finish(self, name: &str) {
        eprintln!(
            "{name}: {} inputs, {} parsed, {} rejected with diagnostics",
            self.runs,
            self.parsed,
            self.runs - self.parsed - self.new.len() - self.known.len()
        );
        if !self.known.is_empty() {
            eprintln!(
                "{name}: {} inputs hit known panics, e.g.:",
                self.known.len()
            );
            for k in self.known.iter().filter(|k| !k.is_empty()) {
                eprintln!("  {k}");
            }
        }
        let shown: Vec<_> = self.new.iter().filter(|k| !k.is_empty()).collect();
        assert!(
            self.new.is_empty(),
            "{name}: {} inputs panicked or failed without diagnostics:\n{}",
            self.new.len(),
            shown
                .iter()
                .map(|s| format!("  {s}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Runs `f` on a thread with a large stack. logos' generated lexer moves
/// between states by calls that only become jumps once optimised, so in
/// debug builds a long string literal (mozilla-ca-list.zeek has one of 8,000
/// characters of `\xNN` escapes) or a long run of comment lines overflows
/// the 2 MB stack of a test thread. That is not what these tests look for
/// (see `long_tokens_do_not_overflow_the_stack` below), so give them room.
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    let t = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .expect("spawn");
    if let Err(e) = t.join() {
        panic::resume_unwind(e);
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.parse().ok()
}

// ---------------------------------------------------------------------------
// the tests

fn seeds_parse_or_fail_cleanly() {
    with_big_stack(|| {
        let mut f = Findings::default();
        for (name, bytes) in seeds() {
            f.check(&bytes, &name);
        }
        f.finish("seeds");
    });
}

/// Every case the conformance manifest lists, and every corpus file, is
/// among the inputs above.
/// The conformance cases' folder, when its cases are among the inputs.
fn conformance() -> Result<PathBuf, String> {
    input_dirs()
        .iter()
        .find_map(|d| d.parent().filter(|p| p.ends_with("conformance")))
        .map(Path::to_path_buf)
        .ok_or_else(|| missing("conformance"))
}

fn inputs_cover_every_case_and_corpus_file(conf: PathBuf) {
    let dirs = input_dirs();
    let manifest = std::fs::read_to_string(conf.join("MANIFEST.json")).unwrap();
    let cases: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let names: std::collections::HashSet<String> = seeds().into_iter().map(|(n, _)| n).collect();
    let cases = cases.as_array().unwrap();
    assert!(!cases.is_empty());
    for case in cases {
        let rel = case["rel"].as_str().unwrap();
        let path = conf.join(rel).display().to_string();
        assert!(
            names.contains(&path),
            "conformance case {rel} is not an input"
        );
    }
    let corpus = dirs.iter().find(|d| d.ends_with("zeek-scripts")).unwrap();
    let mut files = Vec::new();
    zeek_files(corpus, &mut files);
    assert!(!files.is_empty());
    for f in files {
        assert!(
            names.contains(&f.display().to_string()),
            "{} is not an input",
            f.display()
        );
    }
}

fn truncated_inputs() {
    with_big_stack(|| {
        let seeds = seeds();
        let mut rng = Rng::new(0x5eed_0001);
        let mut f = Findings::default();
        // A few files cut at every 1/64th of their length (ends of lines,
        // middles of tokens, inside strings and patterns alike) ...
        let step = (seeds.len() / 6).max(1);
        for (name, bytes) in seeds.iter().step_by(step) {
            let n = bytes.len();
            for k in 1..64 {
                let cut = n * k / 64;
                f.check(&bytes[..cut], &format!("{name} cut at {cut}"));
            }
        }
        // ... and every file cut at a few random points.
        for (name, bytes) in &seeds {
            for _ in 0..3 {
                let cut = rng.below(bytes.len() + 1);
                f.check(&bytes[..cut], &format!("{name} cut at {cut}"));
            }
        }
        f.finish("truncated");
    });
}

fn mutated_inputs() {
    with_big_stack(|| {
        let seeds = seeds();
        // RZEEK_FUZZ_ITERS and RZEEK_FUZZ_SEED allow longer runs by hand:
        //   RZEEK_FUZZ_ITERS=200000 cargo test --release --test no_panic mutated
        let mut rng = Rng::new(env_u64("RZEEK_FUZZ_SEED").unwrap_or(0x5eed_0002));
        let mut f = Findings::default();
        let total = env_u64("RZEEK_FUZZ_ITERS").unwrap_or(4000);
        for i in 0..total {
            let (name, bytes) = rng.pick(&seeds);
            let mut input = bytes.clone();
            // Long files spend most of their time after the first error; cut
            // to a window around a random point so mutations land early.
            if input.len() > 4096 && i % 2 == 0 {
                let start = rng.below(input.len() - 2048);
                input = input[start..start + 2048].to_vec();
            }
            let n = 1 + rng.below(4);
            for _ in 0..n {
                let donor = &rng.pick(&seeds).1;
                mutate(&mut rng, &mut input, donor);
            }
            f.check(&input, &format!("mutation {i} of {name}"));
        }
        f.finish("mutated");
    });
}

/// Inputs of our own aimed at edge cases of the lexer and the conditional
/// resolver.
fn edge_cases() {
    with_big_stack(|| {
        let cases: &[&str] = &[
            "",
            " ",
            "\n\n",
            "#",
            "##",
            "##<",
            "##!",
            "@",
            "@if",
            "@if (",
            "@if ( T",
            "@if ( T )",
            "@ifdef ( )",
            "@ifdef ( a b )",
            "@else",
            "@endif",
            "@if ( T )\n@else\n@else\n@endif",
            "@load",
            "@load-sigs",
            "@deprecated",
            "@pragma",
            "@DIR",
            "@FILENAME",
            "\"",
            "\"\\",
            "\"\\x",
            "\"\\xg\"",
            "\"\\777\"",
            "/",
            "x = /",
            "x = /\\",
            "x = /a\\",
            "x = /a/i",
            "x = //;",
            "[",
            "[:",
            "[::",
            "[::1",
            "[::1]/",
            "[::1]/999",
            "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]",
            "1.2.3.4/",
            "1.2.3.4/33",
            "999.1.1.1",
            "99999999999999999999/tcp",
            "0x",
            "0xffffffffffffffffff",
            "1e999999",
            "1 sec sec",
            "global x = 3\nsec;",
            "&",
            "$",
            "?$",
            "a?",
            "function",
            "function f(",
            "event",
            "hook",
            "type",
            "redef",
            "redef record",
            "redef enum E += {",
            "switch",
            "case",
            "when",
            "export {",
            "module",
            "}}}}",
            "((((",
            "x = |",
            "x = ||",
            "x[1:2:3];",
            "print \u{feff}1;",
            "print \u{fffd};",
            "\0",
        ];
        let mut f = Findings::default();
        for c in cases {
            f.check(c.as_bytes(), &format!("{c:?}"));
        }
        f.finish("edge cases");
    });
}

// ---------------------------------------------------------------------------
// known bugs, kept as regression tests for the owner of src/syntax

/// PARSER BUG: a backslash followed by a multi-byte character inside a
/// pattern panics in `lexer::scan_pattern` (`rest[i..i + 2]` is not on a
/// char boundary). Minimal input: `/\é` (four bytes: 2f 5c c3 a9); in
/// context, `global x = /\é/;`. Found by the mutation test. Remove the
/// #[ignore] and the KNOWN_PANICS entry once fixed.
fn backslash_before_multibyte_char_in_pattern() {
    for src in ["/\\é", "global x = /\\é/;", "global x = /a\\\u{fffd}b/;"] {
        assert!(
            matches!(run(src), Outcome::Parsed | Outcome::Rejected),
            "{src:?} must parse or fail with a diagnostic"
        );
    }
}

/// Runs `rzeek --syntax-only` on each generated file and checks that it
/// exits by itself rather than being killed (a stack overflow aborts the
/// process, which catch_unwind cannot see).
fn check_binary_survives(tag: &str, inputs: &[(&str, String)]) {
    let dir = std::env::temp_dir().join(format!("rzeek-no-panic-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failed = Vec::new();
    for (name, src) in inputs {
        let path = dir.join(name);
        std::fs::write(&path, src).unwrap();
        let out = Rzeek::new().arg("--syntax-only").arg(&path).run();
        if out.status.code().is_none() {
            failed.push(format!(
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failed.is_empty(),
        "rzeek was killed:\n{}",
        failed.join("\n")
    );
}

/// Deep nesting once overflowed the stack and aborted the process, in
/// release builds too: `global x = ` followed by 1,000,000 `-` and `1;`
/// did it (the recursion is in the passes over the nested tree). The
/// parser now refuses nesting deeper than `parser::MAX_NESTING`, as Zeek's
/// stops at a depth of 10,000; binary chains are not limited and rely on
/// the large stack `rzeek` runs on.
fn deep_nesting_does_not_overflow_the_stack() {
    check_binary_survives(
        "deep",
        &[
            (
                "unary.zeek",
                format!("global x = {}1;\n", "-".repeat(1_000_000)),
            ),
            (
                "not.zeek",
                format!("global x = {}T;\n", "!".repeat(1_000_000)),
            ),
            (
                "add.zeek",
                format!("global x = 1{};\n", " + 1".repeat(1_000_000)),
            ),
            (
                "index.zeek",
                format!("global x = a{};\n", "[1]".repeat(1_000_000)),
            ),
        ],
    );
}

/// PARSER BUG (debug builds only): logos' generated state machine recurses
/// once per step of a repetition and relies on the optimiser to turn that
/// into jumps (logos issues #190, #384, #504), so an unoptimised rzeek
/// overflows an 8 MB stack on a string of 250,000 `\x41` escapes or on
/// 200,000 comment lines, and a 2 MB test thread already overflows on
/// mozilla-ca-list.zeek (an 8,000-character string of escapes). Release
/// builds pass. Writing the string rule as `"([^"\\\n]+|\\[^\n])*"` and
/// skipping comments together with the whitespace around them may help.
fn long_tokens_do_not_overflow_the_stack() {
    check_binary_survives(
        "long",
        &[
            (
                "escapes.zeek",
                format!("global s = \"{}\";\n", "\\x41".repeat(250_000)),
            ),
            (
                "comments.zeek",
                format!("{}global x = 1;\n", "# c\n".repeat(200_000)),
            ),
            (
                "plain.zeek",
                format!("global s = \"{}\";\n", "a".repeat(1_000_000)),
            ),
        ],
    );
}

// ---------------------------------------------------------------------------
// every conformance case through the binary

/// How a case is run: `rzeek [-b] [-C -r TRACE] CASE` in a scratch
/// directory. Bare mode unless the case's own command line has no `-b`;
/// the first trace the manifest lists, if any.
fn case_command(conf: &Path, case: &serde_json::Value, scratch: &Path) -> std::process::Command {
    let rel = case["rel"].as_str().unwrap_or_default();
    let path = conf.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let bare = !text
        .lines()
        .filter(|l| l.contains("@TEST-EXEC") && l.contains("zeek "))
        .any(|l| !l.contains(" -b"));
    let mut rz = Rzeek::new();
    if bare {
        rz = rz.arg("-b");
    }
    let trace = case["traces"].as_array().and_then(|t| t.first());
    if let Some(t) = trace.and_then(|t| t.as_str()) {
        rz = rz.arg("-C").arg("-r").arg(conf.join("Traces").join(t));
    }
    // A case that never ends stops here with an error, not a signal.
    let mut cmd = rz
        .args(["--max-time", "20", "--diagnostics", "zeek"])
        .arg(&path)
        .dir(scratch)
        .env("TZ", "UTC")
        .command();
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    cmd
}

/// What went wrong with one run, if anything: killed by a signal (a stack
/// overflow, an abort), a panic (the worker thread's panic is exit status
/// 70 with "panicked at" on stderr), or no end within 60 s.
fn run_case(cmd: &mut std::process::Command) -> Option<String> {
    let mut child = cmd.spawn().ok()?;
    let mut stderr = child.stderr.take()?;
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > std::time::Duration::from_secs(60) => {
                let _ = child.kill();
                let _ = child.wait();
                return Some("still running after 60 s (--max-time 20 did not stop it)".into());
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(5)),
            Err(e) => return Some(format!("wait: {e}")),
        }
    };
    let err = reader.join().unwrap_or_default();
    let panic_line = err.lines().find(|l| l.contains("panicked at"));
    match (status.code(), panic_line) {
        (None, _) => Some(format!("killed ({status}): {}", err.trim_end())),
        (_, Some(p)) => Some(format!("panic: {p}")),
        (Some(70), None) => Some(format!("exit status 70: {}", err.trim_end())),
        _ => None,
    }
}

fn every_conformance_case_runs_without_panic_or_signal(conf: PathBuf) {
    let manifest = std::fs::read_to_string(conf.join("MANIFEST.json")).unwrap();
    let cases: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let cases = cases.as_array().unwrap();
    assert!(!cases.is_empty());
    let scratch = std::env::temp_dir().join(format!("rzeek-no-panic-run-{}", std::process::id()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for w in 0..workers {
            let (conf, scratch, next, failures) = (&conf, &scratch, &next, &failures);
            s.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                // Each case in an empty directory of its own: cases write
                // logs and files.
                let dir = scratch.join(format!("{w}-{i}"));
                std::fs::create_dir_all(&dir).unwrap();
                if let Some(what) = run_case(&mut case_command(conf, case, &dir)) {
                    let name = case["name"].as_str().unwrap_or("?");
                    failures.lock().unwrap().push(format!("{name}: {what}"));
                }
                let _ = std::fs::remove_dir_all(&dir);
            });
        }
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let failures = failures.into_inner().unwrap();
    eprintln!("ran {} conformance cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} runs ended badly:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The checker above tells bad ends from good ones.
fn case_runs_are_judged_by_how_they_end() {
    let sh = |script: &str| {
        let mut c = std::process::Command::new("sh");
        c.args(["-c", script])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        run_case(&mut c)
    };
    assert_eq!(sh("echo 'error in x, line 1: no' >&2; exit 1"), None);
    assert!(sh("kill -SEGV $$").is_some_and(|w| w.starts_with("killed")));
    let panic = sh("echo \"thread 'rzeek' panicked at src/x.rs:1:1:\" >&2; exit 70");
    assert!(panic.is_some_and(|w| w.starts_with("panic: ")));
}

// ---------------------------------------------------------------------------
// the parse corpus

/// Every file of Zeek's script tree (`../shared/parse-corpus`) parses
/// without a diagnostic.
fn whole_corpus_parses(dir: PathBuf) {
    // On a thread with a large stack: in debug builds logos' lexer recurses
    // once per character step of a long string literal and overflows the
    // 2 MB default of a test thread on mozilla-ca-list.zeek (see
    // long_tokens_do_not_overflow_the_stack above).
    with_big_stack(move || {
        let mut files = Vec::new();
        zeek_files(&dir, &mut files);
        let mut failures = Vec::new();
        for f in &files {
            let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
            let name = f.display().to_string();
            if let Err(d) = parse(&text, 0, &name, ".", &mut FirstBranch) {
                failures.push(format!("{name}: {}", d[0].message));
            }
        }
        assert!(
            failures.is_empty(),
            "{} files failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    });
}

fn main() {
    let mut trials = trials![
        seeds_parse_or_fail_cleanly,
        truncated_inputs,
        mutated_inputs,
        edge_cases,
        backslash_before_multibyte_char_in_pattern,
        deep_nesting_does_not_overflow_the_stack,
        long_tokens_do_not_overflow_the_stack,
        case_runs_are_judged_by_how_they_end,
    ];
    trials.push(test_if(
        "inputs_cover_every_case_and_corpus_file",
        conformance,
        inputs_cover_every_case_and_corpus_file,
    ));
    trials.push(test_if(
        "every_conformance_case_runs_without_panic_or_signal",
        conformance,
        every_conformance_case_runs_without_panic_or_signal,
    ));
    trials.extend(trials![needs "parse-corpus/zeek-scripts": whole_corpus_parses]);
    harness::run(trials);
}
