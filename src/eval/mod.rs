//! The evaluator: runs the lowered program (`runtime::ir`). The
//! interpreter is split by job: the globals it shares with the compiler
//! (`globals`), the call stack (`calls`), events, timers and `when`s
//! (`scheduler`), output and diagnostics (`output`), and what built-ins
//! may ask of it (`host`). Expressions and statements are `expr` and
//! `stmt`; `ops` holds the operators on values.

mod access;
mod calls;
mod casts;
mod expire;
pub mod expr;
mod globals;
mod groups;
mod host;
pub mod limits;
pub mod ops;
mod options;
mod output;
mod printlog;
mod reporter;
mod scheduler;
pub mod snapshot;
mod stmt;
mod trigger;

pub use calls::{CallStack, MAX_CALL_DEPTH};
pub use casts::cast;
pub use globals::GlobalState;
pub use groups::GroupKind;
pub use output::Output;
pub use scheduler::{Scheduler, Timer, TimerAction};

use crate::diag::{Diagnostic, SourceMap, Style};
use crate::runtime::extensions::Extensions;
use crate::runtime::value::Value;

pub type Result<T> = std::result::Result<T, Box<Diagnostic>>;

/// How a statement ended. A returned value waits in `Interp::ret`: a
/// bare tag travels up the statement calls in registers, where a tag
/// carrying a `Value` was copied through memory at every level (and
/// stalled store forwarding on each copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Normal,
    Break,
    Next,
    Fallthrough,
    Return,
}

/// The interpreter: the evaluator of the lowered program, split by job.
pub struct Interp {
    /// Global values and what the compiler recorded about them.
    pub globals: GlobalState,
    /// The frames of the calls being run.
    pub(crate) calls: CallStack,
    /// Events, timers and waiting `when`s, and the clock they run on.
    pub sched: Scheduler,
    /// Where output and diagnostics go, and how the run is ending.
    pub output: Output,
    rng_state: u64,
    /// State the layers above keep per interpreter (log streams, open
    /// files, the trace being read): built-ins reach it through their
    /// host, never through globals.
    pub ext: Extensions,
    /// Whether messages are raised as reporter events yet.
    reporter: reporter::ReporterState,
}

impl Interp {
    pub fn new(sources: SourceMap, style: Style) -> Self {
        Interp {
            globals: GlobalState::default(),
            calls: CallStack::new(),
            sched: Scheduler::default(),
            output: Output::new(sources, style),
            rng_state: crate::runtime::seed::initial_random_state(),
            ext: Extensions::default(),
            reporter: reporter::ReporterState::default(),
        }
    }

    fn local(&self, slot: u32) -> &Value {
        &self.calls.stack[self.calls.base + slot as usize]
    }

    fn local_mut(&mut self, slot: u32) -> &mut Value {
        &mut self.calls.stack[self.calls.base + slot as usize]
    }
}
