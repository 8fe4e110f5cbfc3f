//! The evaluator: runs the resolved tree. Holds the globals, the value
//! stack that frames live on, the event queue and the timers.

mod expire;
mod groups;
pub mod limits;
pub use groups::GroupKind;
pub mod expr;
pub mod ops;
mod options;
mod printlog;
mod stmt;
mod trigger;

pub use expr::cast;

use crate::diag::{render, Diagnostic, SourceMap, Style};
use crate::runtime::func::{FuncVal, Host};
use crate::runtime::ir;
use crate::runtime::value::Value;
use crate::syntax::ast::{FuncKind, Span};
use std::collections::{BinaryHeap, VecDeque};
use std::io::Write;
use std::rc::Rc;

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

/// Deep recursion is an error, never a stack overflow.
pub const MAX_CALL_DEPTH: u32 = 20_000;

/// An address in the current native stack frame.
#[inline(always)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// The lowest stack address a call may start at: a quarter of the
/// thread's stack is kept free below it. The call depth limit alone does
/// not bound stack use, since each call may evaluate an expression
/// thousands of levels deep (`f(n - 1) + 0 + 0 ...`). The interpreter is
/// not `Send`, so it runs on the thread that made it. Stacks grow down on
/// every platform rzeek builds for.
fn stack_floor() -> usize {
    let here = stack_address();
    match stacker::remaining_stack() {
        Some(left) => here.saturating_sub(left - left / 4),
        None => 0,
    }
}

pub struct Timer {
    pub when: f64,
    pub seq: u64,
    pub action: TimerAction,
}

/// What a timer does when due.
pub enum TimerAction {
    /// A scheduled event.
    Event(Rc<FuncVal>, Vec<Value>),
    /// A table's periodic expiry check.
    Expire(std::rc::Weak<std::cell::RefCell<crate::runtime::table::TableVal>>),
    /// The timeout of a waiting `when`.
    WhenTimeout(usize),
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        self.when == o.when && self.seq == o.seq
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    // BinaryHeap is a max-heap: the earliest timer must compare greatest.
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.when
            .partial_cmp(&self.when)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(o.seq.cmp(&self.seq))
    }
}

pub struct Interp {
    pub globals: Vec<Value>,
    /// Global names with their index, type and whether they name a type.
    pub names: ahash::AHashMap<String, (u32, crate::runtime::types::TypeRef, bool)>,
    /// The time of the event being handled (network time when queued).
    pub event_time: f64,
    /// How Zeek describes expressions whose text is not their source, such
    /// as the arithmetic inside `x -= 1` (`x - 1`), by span.
    pub text_overrides: ahash::AHashMap<(u32, u32, u32), String>,
    /// Where each string constant of the program was written, by the
    /// address of its shared text: Zeek's values made while parsing keep
    /// their location, which built-in errors name. The constant is kept
    /// here too, so its address is never reused.
    pub const_origins: ahash::AHashMap<usize, (Value, Span)>,
    stack: Vec<Value>,
    base: usize,
    /// The value of the `return` being carried out (see `Flow::Return`);
    /// taken by the call that ran the body.
    ret: Value,
    depth: u32,
    /// Calls are refused once the native stack reaches down to this
    /// address (see `stack_floor`).
    stack_floor: usize,
    /// `set_max_recursion_depth`: the deepest call nesting allowed
    /// (0: only the hard limit, which protects the native stack).
    pub max_depth: u32,
    /// Calls and loop iterations still allowed: a budget that bounds how
    /// long untrusted scripts (the fuzz targets) run. Unlimited unless set;
    /// once spent it stays spent, so every later call fails too and queued
    /// events and timers drain without running.
    pub steps_left: u64,
    /// `&default` expressions of record fields, by index.
    pub field_defaults: Vec<ir::Expr>,
    /// Queued events with the network time they were raised at (what
    /// `current_event_time` returns while one runs).
    pub events: VecDeque<(Rc<FuncVal>, Vec<Value>, f64)>,
    pub timers: BinaryHeap<Timer>,
    timer_seq: u64,
    pub network_time: f64,
    pub sources: SourceMap,
    pub style: Style,
    out: std::io::BufWriter<std::io::Stdout>,
    /// Span of the call being made to a built-in, for its reports.
    bif_span: Span,
    /// A located error a built-in raised through `fail_in_function`; it
    /// replaces the generic error at the call.
    bif_failure: Option<Box<Diagnostic>>,
    /// Event groups by kind and name, and which are disabled.
    groups: groups::EventGroups,
    /// The global ids declared with `option`.
    pub option_ids: ahash::AHashSet<u32>,
    /// Change handlers per option id, in the order they run.
    option_handlers: ahash::AHashMap<u32, Vec<options::OptionHandler>>,
    /// `when` statements waiting for their condition (None once done).
    triggers: Vec<Option<trigger::Trigger>>,
    /// Per global id, the triggers whose condition reads it.
    watched: Vec<Vec<usize>>,
    /// Triggers to evaluate again after the current event.
    dirty_triggers: Vec<usize>,
    /// Where print statements go when `Log::print_to_log` redirects them.
    print_log: Option<Rc<printlog::PrintLog>>,
    /// The global `table_expire_interval`, once the scripts declare it.
    pub expire_interval_id: Option<u32>,
    /// Set as the run ends: pending timers are flushed, tables don't expire.
    pub ending: bool,
    rng_state: u64,
    /// Set by a fatal error.
    pub exit_code: Option<i32>,
    /// Set once a stop (Ctrl-C, `--max-time`) has been reported: the run
    /// is over, and what unwinds from it reports nothing more.
    pub halted: bool,
    /// Set by `terminate()`: input processing stops, zeek_done still runs.
    pub terminating: bool,
    pub errors: u32,
}

impl Interp {
    pub fn new(sources: SourceMap, style: Style) -> Self {
        Interp {
            globals: Vec::new(),
            names: ahash::AHashMap::new(),
            event_time: 0.0,
            text_overrides: ahash::AHashMap::new(),
            const_origins: ahash::AHashMap::new(),
            stack: Vec::with_capacity(1024),
            base: 0,
            ret: Value::Unset,
            depth: 0,
            stack_floor: stack_floor(),
            max_depth: crate::runtime::func::DEFAULT_RECURSION_DEPTH,
            steps_left: u64::MAX,
            field_defaults: Vec::new(),
            events: VecDeque::new(),
            timers: BinaryHeap::new(),
            timer_seq: 0,
            network_time: 0.0,
            sources,
            style,
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            bif_span: Span::default(),
            bif_failure: None,
            expire_interval_id: None,
            print_log: None,
            groups: groups::EventGroups::default(),
            option_ids: ahash::AHashSet::new(),
            option_handlers: ahash::AHashMap::new(),
            triggers: Vec::new(),
            watched: Vec::new(),
            dirty_triggers: Vec::new(),
            ending: false,
            rng_state: crate::runtime::seed::initial_random_state(),
            exit_code: None,
            halted: false,
            terminating: false,
            errors: 0,
        }
    }

    pub fn write_out(&mut self, bytes: &[u8]) {
        let _ = self.out.write_all(bytes);
    }

    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }

    /// Prints a diagnostic on stderr, after what stdout holds so far.
    pub fn report_diag(&mut self, d: &Diagnostic) {
        if self.halted {
            return;
        }
        self.flush();
        // While a trace is read, Zeek's reporter leads with network time.
        if self.network_time != 0.0 && crate::bif::introspect::reading_trace() {
            eprint!("{:.6} ", self.network_time);
        }
        eprintln!("{}", render(d, &self.sources, self.style));
    }

    /// Reports a runtime error in Zeek's form, with the failing
    /// expression's text.
    pub fn report_runtime(&mut self, d: &Diagnostic) {
        self.errors += 1;
        self.report_diag(d);
    }

    /// The text of an expression as Zeek describes it in messages: the
    /// source, with string constants shown without their quotes.
    pub fn span_text(&self, span: Span) -> String {
        if let Some(t) = self.text_overrides.get(&(span.file, span.lo, span.hi)) {
            return t.clone();
        }
        let src = self
            .sources
            .get(span.file)
            .and_then(|f| f.text.get(span.lo as usize..span.hi as usize))
            .unwrap_or("");
        let mut out = String::with_capacity(src.len());
        let mut in_str = false;
        let mut chars = src.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => in_str = !in_str,
                '\\' if in_str => {
                    out.push(c);
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Prints an "expression warning" with the expression's text.
    pub fn warn_at(&mut self, span: Span, msg: &str) {
        let mut d = *self.error_at(span, msg);
        d.severity = crate::diag::Severity::RuntimeWarning;
        self.report_diag(&d);
    }

    pub fn error_at(&self, span: Span, msg: &str) -> Box<Diagnostic> {
        let text = self.span_text(span);
        let msg = if text.is_empty() {
            msg.to_string()
        } else {
            format!("{msg} ({text})")
        };
        Box::new(Diagnostic::runtime(span, msg))
    }

    fn local(&self, slot: u32) -> &Value {
        &self.stack[self.base + slot as usize]
    }

    fn local_mut(&mut self, slot: u32) -> &mut Value {
        &mut self.stack[self.base + slot as usize]
    }

    /// Runs a function body in a new frame holding `args`.
    pub fn run_body(
        &mut self,
        f: &FuncVal,
        body: &ir::FuncBody,
        args: &[Value],
        span: Span,
    ) -> Result<Flow> {
        let new_base = self.stack.len();
        if body.arg_map.is_empty() {
            self.stack
                .extend(args.iter().take(body.num_params as usize).cloned());
        } else {
            for &i in &body.arg_map {
                self.stack
                    .push(args.get(i as usize).cloned().unwrap_or(Value::Unset));
            }
        }
        self.run_frame(f, body, new_base, span)
    }

    /// Spends one step of the budget (a call or a loop iteration) and
    /// checks for a stop from outside. Only a decrement, a relaxed load
    /// and a test on the hot path: the budget is `u64::MAX` unless a
    /// caller limited it.
    #[inline]
    pub fn step(&mut self, span: Span) -> Result<()> {
        if self.steps_left == 0 || limits::stop_requested() {
            return Err(self.step_refused(span));
        }
        self.steps_left -= 1;
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn step_refused(&mut self, span: Span) -> Box<Diagnostic> {
        match limits::pending() {
            Some(stop) => self.halt(stop, Some(span)),
            None => Box::new(Diagnostic::runtime(span, "step limit exceeded")),
        }
    }

    /// Ends the run for a stop from outside: reports it once, at the first
    /// line of `at` (a loop or a call: its whole span may cover many
    /// lines), and sets the exit status. Returns the error to unwind with.
    pub fn halt(&mut self, stop: limits::Stop, at: Option<Span>) -> Box<Diagnostic> {
        let mut d = Diagnostic::fatal(stop.message());
        d.severity = crate::diag::Severity::RuntimeFatal;
        d.span = at.map(|s| self.first_line(s));
        if !self.halted {
            self.errors += 1;
            self.report_diag(&d);
            self.halted = true;
            self.exit_code = Some(stop.exit_code());
        }
        Box::new(d)
    }

    /// Between events and packets, where no step is taken: halts if a
    /// stop is pending. Returns whether the run is over.
    pub fn check_stop(&mut self) -> bool {
        if let Some(stop) = limits::pending() {
            self.halt(stop, None);
        }
        self.exit_code.is_some()
    }

    fn first_line(&self, s: Span) -> Span {
        let text = self.sources.get(s.file).map_or("", |f| f.text.as_str());
        let end = text
            .get(s.lo as usize..s.hi as usize)
            .and_then(|t| t.find('\n'))
            .map_or(s.hi, |n| s.lo + n as u32);
        Span { hi: end, ..s }
    }

    /// Runs a body whose arguments are already on the stack from
    /// `new_base`; pops the frame afterwards.
    pub fn run_frame(
        &mut self,
        f: &FuncVal,
        body: &ir::FuncBody,
        new_base: usize,
        span: Span,
    ) -> Result<Flow> {
        if let Err(e) = self.step(span) {
            self.stack.truncate(new_base);
            return Err(e);
        }
        if self.max_depth != 0 && self.depth >= self.max_depth {
            self.stack.truncate(new_base);
            let mut d = Diagnostic::runtime(
                body.span,
                format!("maximum recursion depth {} exceeded", self.max_depth),
            );
            d.severity = crate::diag::Severity::RuntimeFatal;
            return Err(Box::new(d));
        }
        if self.depth >= MAX_CALL_DEPTH || stack_address() < self.stack_floor {
            self.stack.truncate(new_base);
            let msg = if self.depth >= MAX_CALL_DEPTH {
                format!("exceeded maximum call depth ({MAX_CALL_DEPTH})")
            } else {
                format!("native stack exhausted at call depth {}", self.depth)
            };
            let msg = format!("{msg} in call to {}", f.name);
            return Err(Box::new(Diagnostic::runtime(span, msg)));
        }
        // Inline rather than `Vec::resize` (an out-of-line call per frame).
        let top = new_base + body.frame_size.max(body.num_params) as usize;
        self.stack.truncate(top);
        while self.stack.len() < top {
            self.stack.push(Value::Unset);
        }
        if !body.capture_slots.is_empty() {
            let caps = f.captures.borrow();
            for (slot, v) in body.capture_slots.iter().zip(caps.iter()) {
                self.stack[new_base + *slot as usize] = v.clone();
            }
        }
        let saved = std::mem::replace(&mut self.base, new_base);
        self.depth += 1;
        let flow = self.exec_block(&body.body);
        self.depth -= 1;
        if !body.capture_slots.is_empty() {
            let mut caps = f.captures.borrow_mut();
            for (slot, v) in body.capture_slots.iter().zip(caps.iter_mut()) {
                *v = std::mem::replace(&mut self.stack[new_base + *slot as usize], Value::Unset);
            }
        }
        self.base = saved;
        self.pop_frame(new_base);
        flow
    }

    /// Cuts the stack back to `base`. Most frames hold only scalars,
    /// which have no destructor: `truncate` called the out-of-line drop
    /// for every slot, here only shared values are dropped (in slot
    /// order, as before) and the rest are cut off by length.
    fn pop_frame(&mut self, base: usize) {
        let Some(frame) = self.stack.get_mut(base..) else {
            return;
        };
        for v in frame {
            if !v.is_plain() {
                *v = Value::Unset;
            }
        }
        // SAFETY: `base` is within the length (the slice above exists),
        // so no uninitialised element is exposed, and every element cut
        // off is now a scalar, which has no destructor to skip.
        unsafe { self.stack.set_len(base) }
    }

    /// Pushes a count onto the stack, written in place as tag and word.
    /// `push` built the value in a stack temporary and copied it over with
    /// one 16-byte load, which stalls on the two smaller stores just made
    /// (no store forwarding); in a call-heavy script that was a third of
    /// the time of a call.
    #[inline(always)]
    fn push_count(&mut self, c: u64) {
        self.stack.reserve(1);
        let len = self.stack.len();
        if let Some(slot) = self.stack.spare_capacity_mut().first_mut() {
            slot.write(Value::Count(c));
            // SAFETY: the slot at `len` (within capacity, reserved above)
            // was just initialised.
            unsafe { self.stack.set_len(len + 1) };
        }
    }

    /// Calls a script function with its arguments evaluated straight onto
    /// the stack (no argument vector); other callees take the general path.
    pub fn call_exprs(&mut self, f: &Rc<FuncVal>, args: &[ir::Expr], span: Span) -> Result<Value> {
        let body = match (f.builtin, f.kind) {
            (None, FuncKind::Function) => f.handlers.borrow().first().map(|h| h.body.clone()),
            _ => None,
        };
        let Some(body) = body else {
            let vals = self.eval_args(args)?;
            return self.call(f, &vals, span);
        };
        let new_base = self.stack.len();
        for a in args {
            if let Some(c) = self.try_count(a) {
                self.push_count(c);
                continue;
            }
            match self.eval(a) {
                Ok(v) => self.stack.push(v),
                Err(e) => {
                    self.stack.truncate(new_base);
                    return Err(e);
                }
            }
        }
        let flow = self.run_frame(f, &body, new_base, span)?;
        Ok(self.returned(f, flow))
    }

    /// The value a function call yields once its body ended with `flow`.
    #[inline(always)]
    fn returned(&mut self, f: &FuncVal, flow: Flow) -> Value {
        if flow == Flow::Return {
            // A count is moved as its tag and word, not as a 16-byte copy
            // of a value just written in parts (which stalls the load).
            if let Value::Count(c) = self.ret {
                Value::store(&mut self.ret, Value::Unset);
                return Value::Count(c);
            }
            let v = std::mem::replace(&mut self.ret, Value::Unset);
            if !v.is_unset() {
                return v;
            }
        }
        self.fell_off(f)
    }

    /// Drops the value of a `return` whose caller has no use for it
    /// (a hook, an event handler, a `when` body) right away, as it was
    /// dropped before it waited in `ret`.
    pub(crate) fn discard_return(&mut self) {
        self.ret = Value::Unset;
    }

    /// A function ended without a value: Zeek warns (without a location)
    /// when its type promised one.
    #[cold]
    #[inline(never)]
    fn fell_off(&mut self, f: &FuncVal) -> Value {
        if let Some(ft) = f.ty.as_func() {
            if !matches!(*ft.ret, crate::runtime::types::Type::Void) {
                let mut d = Diagnostic::warning(
                    Span::default(),
                    format!("non-void function returning without a value: {}", f.name),
                );
                d.span = None;
                self.report_diag(&d);
            }
        }
        Value::Unset
    }

    /// The error a failing built-in ends with.
    pub(crate) fn bif_error(&mut self, span: Span, msg: &str) -> Box<Diagnostic> {
        match self.bif_failure.take() {
            Some(d) => d,
            None => self.error_at(span, msg),
        }
    }

    /// Calls a function, hook or (synchronously) every handler of an event.
    pub fn call(&mut self, f: &Rc<FuncVal>, args: &[Value], span: Span) -> Result<Value> {
        if let Some(bif) = f.builtin {
            self.bif_span = span;
            return bif(self, args).map_err(|m| self.bif_error(span, &m));
        }
        match f.kind {
            FuncKind::Function => {
                let body = match f.handlers.borrow().first() {
                    Some(h) => h.body.clone(),
                    None => {
                        // Declared, never given a body: its value is unset.
                        let msg = format!("value used but not set ({})", f.name);
                        return Err(Box::new(Diagnostic::runtime(span, msg)));
                    }
                };
                let flow = self.run_body(f, &body, args, span)?;
                Ok(self.returned(f, flow))
            }
            FuncKind::Hook => {
                for body in self.enabled_bodies(f) {
                    let flow = self.run_body(f, &body, args, span)?;
                    self.discard_return();
                    if flow == Flow::Break {
                        return Ok(Value::Bool(false));
                    }
                }
                Ok(Value::Bool(true))
            }
            FuncKind::Event => {
                self.dispatch_event(f, args);
                Ok(Value::Unset)
            }
        }
    }

    /// Runs each handler of an event; an error aborts only that handler.
    pub fn dispatch_event(&mut self, f: &Rc<FuncVal>, args: &[Value]) {
        for body in self.enabled_bodies(f) {
            // A stop that came while no step was taken (a blocking
            // built-in) ends the run here, not at the event's declaration.
            if self.check_stop() {
                return;
            }
            if let Err(e) = self.run_body(f, &body, args, f.span) {
                self.report_runtime(&e);
            }
            self.discard_return();
            if self.exit_code.is_some() {
                return;
            }
        }
        if !self.dirty_triggers.is_empty() {
            self.process_triggers();
        }
    }

    pub fn queue_event(&mut self, f: Rc<FuncVal>, args: Vec<Value>) {
        let now = self.network_time;
        self.queue_event_at(f, args, now);
    }

    /// Queues an event stamped with another time (a scheduled event
    /// carries the time it was scheduled for).
    pub fn queue_event_at(&mut self, f: Rc<FuncVal>, args: Vec<Value>, time: f64) {
        if !f.handlers.borrow().is_empty() {
            self.events.push_back((f, args, time));
        }
    }

    /// Runs queued events until the queue is empty.
    pub fn drain_events(&mut self) {
        while let Some((f, args, raised)) = self.events.pop_front() {
            if self.check_stop() {
                self.events.clear();
                return;
            }
            self.event_time = raised;
            self.dispatch_event(&f, &args);
        }
    }

    pub fn schedule(&mut self, when: f64, event: Rc<FuncVal>, args: Vec<Value>) {
        self.timer_seq += 1;
        self.timers.push(Timer {
            when,
            seq: self.timer_seq,
            action: TimerAction::Event(event, args),
        });
    }

    /// Runs a due timer: queues its event (stamped `at`) or checks its
    /// table. A table's check only runs while time really reaches it, not
    /// when the run ends with timers left.
    pub fn fire_timer(&mut self, timer: Timer, at: f64) {
        match timer.action {
            TimerAction::Event(f, args) => self.queue_event_at(f, args, at),
            TimerAction::Expire(t) => {
                if timer.when <= self.network_time && !self.ending {
                    self.fire_expiry(&t);
                }
            }
            TimerAction::WhenTimeout(id) => {
                if timer.when <= self.network_time && !self.ending {
                    self.trigger_timed_out(id);
                }
            }
        }
    }

    /// Fires every timer due at or before `t`, advancing network time to
    /// each timer's time as it fires.
    pub fn advance_time(&mut self, t: f64) {
        while let Some(top) = self.timers.peek() {
            if top.when > t || self.check_stop() {
                break;
            }
            let Some(timer) = self.timers.pop() else {
                break;
            };
            if !matches!(timer.action, TimerAction::Event(..)) && t >= f64::MAX / 4.0 {
                // The run is ending: table checks don't run on.
                continue;
            }
            if timer.when > self.network_time {
                self.network_time = timer.when;
            }
            let when = timer.when;
            self.fire_timer(timer, when);
            self.drain_events();
        }
        if t > self.network_time {
            self.network_time = t;
        }
    }
}

impl Host for Interp {
    fn fail_in_function(&mut self, f: &Value, msg: &str) -> String {
        if let Value::Func(func) = f {
            let at = func
                .handlers
                .borrow()
                .first()
                .map_or(func.span, |h| h.body.span);
            let mut d = Diagnostic::runtime(at, msg);
            d.severity = crate::diag::Severity::RuntimeFatal;
            self.bif_failure = Some(Box::new(d));
        }
        msg.to_string()
    }

    fn max_recursion_depth(&self) -> u32 {
        self.max_depth
    }

    fn set_max_recursion_depth(&mut self, depth: u32) {
        self.max_depth = depth;
    }

    fn network_time(&self) -> f64 {
        self.network_time
    }

    fn call_value(&mut self, f: &Value, args: Vec<Value>) -> std::result::Result<Value, String> {
        match f {
            Value::Func(func) => {
                let span = self.bif_span;
                let func = func.clone();
                self.call(&func, &args, span).map_err(|d| d.message.clone())
            }
            _ => Err("not a function".into()),
        }
    }

    fn report(&mut self, kind: &str, msg: &str) {
        let span = self.bif_span;
        let sev = match kind {
            "warning" => crate::diag::Severity::Warning,
            "fatal" => crate::diag::Severity::Fatal,
            _ => crate::diag::Severity::Error,
        };
        let d = Diagnostic {
            severity: sev,
            message: msg.to_string(),
            span: Some(span),
            help: None,
            also: None,
        };
        self.report_diag(&d);
    }

    fn lookup_global(&self, name: &str) -> Option<(Value, crate::runtime::types::TypeRef, bool)> {
        let (id, ty, is_type) = self.names.get(name)?;
        Some((
            self.globals.get(*id as usize)?.clone(),
            ty.clone(),
            *is_type,
        ))
    }

    fn global_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.names.keys().cloned().collect();
        v.sort();
        v
    }

    fn exit(&mut self, code: i32) {
        self.flush();
        crate::logging::close_all();
        std::process::exit(code);
    }

    fn terminate(&mut self) {
        self.terminating = true;
    }

    fn is_terminating(&self) -> bool {
        self.terminating
    }

    fn set_event_group(&mut self, module: bool, name: &str, on: bool) -> bool {
        let kind = if module {
            GroupKind::Module
        } else {
            GroupKind::Attribute
        };
        self.set_group_enabled(kind, name, on)
    }

    fn has_event_group(&self, module: bool, name: &str) -> bool {
        let kind = if module {
            GroupKind::Module
        } else {
            GroupKind::Attribute
        };
        self.has_group(kind, name)
    }

    fn set_option(
        &mut self,
        id: &str,
        v: Value,
        location: Option<Value>,
    ) -> std::result::Result<(), String> {
        self.set_option_value(id, v, location)
    }

    fn add_option_handler(
        &mut self,
        id: &str,
        f: Value,
        priority: i64,
    ) -> std::result::Result<(), String> {
        self.add_option_handler_value(id, f, priority)
    }

    fn current_event_time(&self) -> f64 {
        self.event_time
    }

    fn write_stdout(&mut self, bytes: &[u8]) {
        self.write_out(bytes);
    }

    fn field_default(&mut self, idx: u32) -> Option<Value> {
        self.eval_field_default(idx).ok()
    }

    fn call_text(&self) -> String {
        self.span_text(self.bif_span)
    }

    fn report_with_origin(&mut self, kind: &str, msg: &str, v: &Value) {
        let origin = match v {
            Value::String(s) => self
                .const_origins
                .get(&(Rc::as_ptr(s) as usize))
                .map(|(_, span)| *span),
            _ => None,
        };
        let locs = origin.and_then(|o| {
            let here = self.sources.location(self.bif_span)?;
            let there = self.sources.location(o)?;
            (here != there && self.style == Style::Zeek).then_some((here, there))
        });
        let Some((here, there)) = locs else {
            return self.report(kind, msg);
        };
        self.flush();
        if self.network_time != 0.0 && crate::bif::introspect::reading_trace() {
            eprint!("{:.6} ", self.network_time);
        }
        eprintln!("{kind} in {here} and {there}: {msg}");
    }

    fn queue_event(&mut self, f: &Value, args: Vec<Value>) {
        if let Value::Func(f) = f {
            Interp::queue_event(self, f.clone(), args);
        }
    }

    fn coerce_record(
        &mut self,
        v: &Value,
        rt: &Rc<crate::runtime::types::RecordType>,
    ) -> Option<Value> {
        self.coerce_record_to(v, rt)
    }

    fn report_plain(&mut self, kind: &str, msg: &str) {
        self.flush();
        eprintln!("{kind}: {msg}");
    }

    fn random(&mut self) -> u64 {
        // xorshift64*: deterministic, as Zeek's is under a seed file.
        let mut x = self.rng_state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng_state = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}
