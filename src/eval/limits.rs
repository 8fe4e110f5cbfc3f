//! Stopping a running script from outside: Ctrl-C (SIGINT) and the
//! `--max-time` wall-clock limit both set one process-wide flag, which the
//! interpreter reads where it already counts steps (`Interp::step`: calls
//! and loop iterations), so a script stuck in a loop stops with an error
//! naming the statement it was at. The check costs one relaxed load.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Why a run was asked to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// `--max-time` ran out (the limit in seconds).
    TimeLimit,
}

impl Stop {
    /// The message of the located error the run ends with.
    pub fn message(self) -> String {
        match self {
            Stop::Interrupt => "interrupted".to_string(),
            Stop::TimeLimit => format!("time limit of {} s exceeded", time_limit_secs()),
        }
    }

    /// The exit status: 130 for SIGINT, as a shell reports a process the
    /// signal killed; 124 for the time limit, as `timeout(1)` does.
    pub fn exit_code(self) -> i32 {
        match self {
            Stop::Interrupt => 130,
            Stop::TimeLimit => 124,
        }
    }
}

const NONE: usize = 0;
const INTERRUPT: usize = 1;
const TIME_LIMIT: usize = 2;

/// The one flag the hot path reads: NONE, INTERRUPT or TIME_LIMIT.
static STOP: AtomicUsize = AtomicUsize::new(NONE);
/// Set by the first SIGINT; while set, a second SIGINT ends the process at
/// once, for when the interpreter is blocked where it does not check STOP
/// (reading standard input, a sleeping built-in).
static ARMED: AtomicBool = AtomicBool::new(false);
/// Cleared when the interactive session starts: `--max-time` limits the
/// scripts, not the time someone spends at the prompt.
static TIMER_LIVE: AtomicBool = AtomicBool::new(false);
/// The `--max-time` limit in milliseconds, for the message.
static LIMIT_MS: AtomicUsize = AtomicUsize::new(0);

/// Whether a stop was asked for. Inlined into `Interp::step`.
#[inline(always)]
pub fn stop_requested() -> bool {
    STOP.load(Ordering::Relaxed) != NONE
}

/// The pending stop, if any.
pub fn pending() -> Option<Stop> {
    match STOP.load(Ordering::Relaxed) {
        INTERRUPT => Some(Stop::Interrupt),
        TIME_LIMIT => Some(Stop::TimeLimit),
        _ => None,
    }
}

/// Forgets a stop once it has been dealt with (the interactive session
/// goes on after an interrupted input) and disarms the second Ctrl-C.
pub fn reset() {
    STOP.store(NONE, Ordering::SeqCst);
    ARMED.store(false, Ordering::SeqCst);
}

/// Makes SIGINT ask for a stop instead of killing the process. The
/// shutdown action is registered first so that it sees ARMED as the
/// previous SIGINT left it.
pub fn catch_interrupts() -> std::io::Result<()> {
    use signal_hook::consts::SIGINT;
    use signal_hook::flag;
    flag::register_conditional_shutdown(SIGINT, Stop::Interrupt.exit_code(), &ARMED)?;
    flag::register_usize(SIGINT, &STOP, INTERRUPT)?;
    flag::register(SIGINT, &ARMED)?;
    Ok(())
}

/// Asks for a stop once `limit` has passed, from a sleeping thread, unless
/// the run stops or the interactive session starts first.
pub fn start_time_limit(limit: Duration) {
    LIMIT_MS.store(
        usize::try_from(limit.as_millis()).unwrap_or(usize::MAX),
        Ordering::Relaxed,
    );
    TIMER_LIVE.store(true, Ordering::SeqCst);
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        if TIMER_LIVE.load(Ordering::SeqCst) {
            // An interrupt that came first keeps its reason.
            let _ = STOP.compare_exchange(NONE, TIME_LIMIT, Ordering::SeqCst, Ordering::SeqCst);
        }
    });
}

/// Turns a pending time limit off.
pub fn cancel_time_limit() {
    TIMER_LIVE.store(false, Ordering::SeqCst);
    if STOP.load(Ordering::SeqCst) == TIME_LIMIT {
        STOP.store(NONE, Ordering::SeqCst);
    }
}

fn time_limit_secs() -> f64 {
    LIMIT_MS.load(Ordering::Relaxed) as f64 / 1000.0
}
