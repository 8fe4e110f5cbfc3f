//! Function, event and hook values, and the interface of built-ins.

use crate::diag::Diagnostic;
use crate::runtime::types::TypeRef;
use crate::runtime::value::Value;
use crate::syntax::ast::{FuncKind, Span};
use std::cell::RefCell;
use std::rc::Rc;

/// Zeek's default for `set_max_recursion_depth`.
pub const DEFAULT_RECURSION_DEPTH: u32 = 1000;

/// What a built-in may ask of the interpreter.
pub trait Host {
    /// Seconds since the epoch of the packet being processed (or of the
    /// clock when there is no packet source).
    fn network_time(&self) -> f64;
    /// Calls a script function, event or hook value with arguments.
    fn call_value(&mut self, f: &Value, args: Vec<Value>) -> Result<Value, String>;
    /// Reports a message the way Zeek's reporter does (`kind` is "error",
    /// "warning" or "info"), attributed to the calling location.
    fn report(&mut self, kind: &str, msg: &str);
    /// Fails the running built-in with a runtime error located at the
    /// script function `f` (rather than at the call), as Zeek does when a
    /// callback misbehaves. The built-in then returns the error it gets.
    fn fail_in_function(&mut self, _f: &Value, msg: &str) -> String {
        msg.to_string()
    }
    /// The state the layers above keep per interpreter (log streams, open
    /// files, the trace being read), found by type.
    fn extensions(&mut self) -> &mut crate::runtime::extensions::Extensions;
    /// The trace being read (`-r`), if any.
    fn packet_source(&self) -> Option<&str> {
        None
    }
    /// Seed for Zeek's deterministic pseudo-random numbers, if one is set.
    fn random(&mut self) -> u64;
    /// A global by its full name: its value, its type, and whether the
    /// name is a type.
    fn lookup_global(&self, _name: &str) -> Option<(Value, crate::runtime::types::TypeRef, bool)> {
        None
    }
    /// The id of the global `name` (the order it was declared in).
    fn global_id(&self, _name: &str) -> Option<u32> {
        None
    }
    /// Every global's full name, sorted.
    fn global_names(&self) -> Vec<String> {
        Vec::new()
    }
    /// Ends the process at once with this exit code, as Zeek's exit() does.
    fn exit(&mut self, _code: i32) {}
    /// Asks for an orderly end: remaining input is skipped, zeek_done runs.
    fn terminate(&mut self) {}
    /// `Option::set`: gives an option a new value through its change
    /// handlers; the error is Zeek's message.
    fn set_option(&mut self, _id: &str, _v: Value, _location: Option<Value>) -> Result<(), String> {
        Err("options are not available here".into())
    }
    /// The names of the globals declared with `option`, sorted.
    fn option_names(&self) -> Vec<String> {
        Vec::new()
    }
    /// `Option::set_change_handler`.
    fn add_option_handler(&mut self, _id: &str, _f: Value, _priority: i64) -> Result<(), String> {
        Err("options are not available here".into())
    }
    /// Enables or disables an event group (`module`: a module's group
    /// rather than an `&group` one); false if there is no such group.
    fn set_event_group(&mut self, _module: bool, _name: &str, _on: bool) -> bool {
        false
    }
    /// Whether an event group exists.
    fn has_event_group(&self, _module: bool, _name: &str) -> bool {
        false
    }
    /// Whether `terminate()` was called.
    fn is_terminating(&self) -> bool {
        false
    }
    /// The call nesting allowed (`get_max_recursion_depth`).
    fn max_recursion_depth(&self) -> u32 {
        DEFAULT_RECURSION_DEPTH
    }
    fn set_max_recursion_depth(&mut self, _depth: u32) {}
    /// The time of the event being handled.
    fn current_event_time(&self) -> f64 {
        self.network_time()
    }
    /// Writes to standard output in order with `print`.
    fn write_stdout(&mut self, bytes: &[u8]) {
        use std::io::Write;
        let _ = std::io::stdout().write_all(bytes);
    }
    /// Evaluates a record field's `&default` (by the index in FieldDef).
    fn field_default(&mut self, _idx: u32) -> Option<Value> {
        None
    }
    /// How Zeek describes the built-in call being run (`to_int(x, 10)`),
    /// for the parenthesised part of built-in errors.
    fn call_text(&self) -> String {
        String::new()
    }
    /// Where the built-in being run was called, as Zeek describes a
    /// location (`FILE, line N`); empty if unknown.
    fn call_location(&self) -> String {
        String::new()
    }
    /// `report`, also naming where `v` was written when it is a constant
    /// from elsewhere in the script (`error in A, line 7 and B, line 20`).
    fn report_with_origin(&mut self, kind: &str, msg: &str, _v: &Value) {
        self.report(kind, msg);
    }
    /// Queues an event (a function value of kind event) with arguments,
    /// as Zeek's `event` statement does.
    fn queue_event(&mut self, f: &Value, args: Vec<Value>) {
        let _ = self.call_value(f, args);
    }
    /// A reporter message without a location: `error: MSG`.
    fn report_plain(&mut self, kind: &str, msg: &str) {
        self.report(kind, msg);
    }
    /// Counters of the interpreter's own work: events and timers.
    fn run_stats(&self) -> RunStats {
        RunStats::default()
    }
    /// Sets network time (`set_network_time`); it may go back.
    fn set_network_time(&mut self, _t: f64) {}
    /// Whether a `when` condition is being evaluated (where Zeek's
    /// asynchronous built-ins, such as DNS lookups, may be called).
    fn in_when_condition(&self) -> bool {
        false
    }
    /// Whether an event's handlers are running (as opposed to top-level
    /// statements or a global's initialiser).
    fn in_event(&self) -> bool {
        false
    }
    /// Whether the scripts are still being read (a global's initialiser
    /// runs then), as opposed to the run proper.
    fn reading_scripts(&self) -> bool {
        false
    }
    /// A record converted to a record type whose fields it fits (Zeek's
    /// run-time `CoerceTo`); `None` if it does not fit.
    fn coerce_record(
        &mut self,
        _v: &Value,
        _rt: &Rc<crate::runtime::types::RecordType>,
    ) -> Option<Value> {
        None
    }
}

/// What `get_event_stats` and `get_timer_stats` report.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunStats {
    pub events_queued: u64,
    pub events_dispatched: u64,
    pub timers_current: u64,
    pub timers_max: u64,
    pub timers_cumulative: u64,
}

/// A built-in: arguments in, value or error message out.
pub type BifFn = fn(&mut dyn Host, &[Value]) -> Result<Value, String>;

/// One built-in function's declaration.
pub struct BifDef {
    /// The name scripts call it by, with its module if it has one
    /// (`Reporter::info`).
    pub name: &'static str,
    /// Its type in Zeek's syntax, e.g. `function(s: string): count`.
    /// `any` parameters accept every type; a trailing `...` parameter list
    /// is written as `function(a: string, ...): string`.
    pub sig: &'static str,
    pub func: BifFn,
}

/// One body of a function, or one handler of an event or hook.
#[derive(Debug)]
pub struct Handler {
    pub priority: i32,
    pub body: Rc<crate::runtime::ir::FuncBody>,
}

#[derive(Debug)]
pub struct FuncVal {
    pub name: String,
    pub kind: FuncKind,
    /// `Type::Func`.
    pub ty: TypeRef,
    /// Script bodies; for events and hooks, handlers in priority order.
    pub handlers: RefCell<Vec<Handler>>,
    pub builtin: Option<BifFn>,
    /// Values captured by a closure, copied into its frame on each call
    /// and back out afterwards, so changes persist across calls.
    pub captures: RefCell<Vec<Value>>,
    pub span: Span,
    /// For an event: how often its handlers were run
    /// (`get_event_handler_stats`).
    pub calls: std::cell::Cell<u64>,
}

impl FuncVal {
    pub fn new(name: String, kind: FuncKind, ty: TypeRef, span: Span) -> Self {
        FuncVal {
            name,
            kind,
            ty,
            handlers: RefCell::new(Vec::new()),
            builtin: None,
            captures: RefCell::new(Vec::new()),
            span,
            calls: std::cell::Cell::new(0),
        }
    }

    /// Adds a body keeping handlers sorted by descending priority; equal
    /// priorities keep load order.
    pub fn add_handler(&self, h: Handler) {
        let mut hs = self.handlers.borrow_mut();
        let pos = hs
            .iter()
            .position(|x| x.priority < h.priority)
            .unwrap_or(hs.len());
        hs.insert(pos, h);
    }
}

impl std::fmt::Debug for dyn Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Host")
    }
}

/// A runtime error with the location of the expression that failed.
pub fn runtime_error(span: Span, msg: impl Into<String>) -> Box<Diagnostic> {
    Box::new(Diagnostic::runtime(span, msg))
}
