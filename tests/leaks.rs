//! Memory a run leaves behind: a script compiled and run through the
//! `eval` fuzz target's entry point must free everything it allocated
//! once its interpreter is dropped. Reference cycles (an enum type and
//! its constants pointed at each other) leaked a few KB per run, which
//! LeakSanitizer reported at the end of every fuzzing session, and the
//! table naming `type X: T;` aliases grew by about 1 KB per run.
//!
//! Live heap bytes are counted by a wrapping global allocator. The first
//! runs fill process-wide caches (thread-locals, interned types), so the
//! test compares live bytes between later runs. One test in this file:
//! another running at the same time would disturb the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: forwards to the system allocator unchanged, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size() as isize, Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size() as isize, Ordering::Relaxed);
        System.alloc_zeroed(l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        LIVE.fetch_add(new as isize - l.size() as isize, Ordering::Relaxed);
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Declares enums (and extends one) and a type alias, makes records,
/// tables, closures and events, so that the usual owners of shared
/// pointers all take part, and so does a record type that contains itself
/// (its field list is emptied when the compiler goes).
const SCRIPT: &str = r#"
type Color: enum { Red, Green = 5, Blue };
redef enum Color += { Violet };
type R: record { c: Color; n: count &default=3; };
global seen: table[Color] of count &default=0;
global anon: enum { One, Two } = Two;
type Counts: table[string] of count;
type Tree: record { kids: table[count] of Tree &optional; };
global tree = Tree($kids=table([1] = Tree()));
global counts: Counts = table(["a"] = 1);
function tally(c: Color): count { return ++seen[c]; }
event later(r: R) { print r$c, tally(r$c), anon; }
event zeek_init()
	{
	local r = R($c=Blue);
	local f = function[r](): Color { return r$c; };
	for ( c in set(Red, Green, Violet) ) tally(c);
	print f(), Blue == r$c, enum_names(Color);
	event later(r);
	}
"#;

fn live_after_run() -> isize {
    assert!(
        rzeek::fuzzing::eval(SCRIPT.as_bytes()),
        "the script must run"
    );
    LIVE.load(Ordering::Relaxed)
}

#[test]
fn a_run_frees_what_it_allocated() {
    // Warm-up: caches filled once per process.
    for _ in 0..3 {
        live_after_run();
    }
    let before = live_after_run();
    const RUNS: isize = 5;
    for _ in 0..RUNS - 1 {
        live_after_run();
    }
    let after = live_after_run();
    let per_run = (after - before) / RUNS;
    assert!(
        per_run <= 0,
        "each run leaves {per_run} bytes behind ({} in {RUNS} runs)",
        after - before
    );
}
