//! Calls: the value stack frames live on, running a body in a new frame,
//! returning, and the limits that keep deep recursion an error rather
//! than a crash (Zeek's recursion depth, a hard call limit, and a floor
//! on the native stack).

use super::{limits, Flow, Interp, Result};
use crate::diag::Diagnostic;
use crate::runtime::func::FuncVal;
use crate::runtime::ir;
use crate::runtime::value::Value;
use crate::syntax::ast::{FuncKind, Span};
use std::rc::Rc;

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

/// The frames of the calls being run, on one value stack.
pub struct CallStack {
    pub(crate) stack: Vec<Value>,
    /// Where the running frame starts in `stack`.
    pub(crate) base: usize,
    /// The value of the `return` being carried out (see `Flow::Return`);
    /// taken by the call that ran the body.
    pub(crate) ret: Value,
    pub(crate) depth: u32,
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
    /// Span of the call being made to a built-in, for its reports.
    pub(crate) bif_span: Span,
    /// A located error a built-in raised through `fail_in_function`; it
    /// replaces the generic error at the call.
    pub(crate) bif_failure: Option<Box<Diagnostic>>,
}

impl CallStack {
    pub fn new() -> CallStack {
        CallStack {
            stack: Vec::with_capacity(1024),
            base: 0,
            ret: Value::Unset,
            depth: 0,
            stack_floor: stack_floor(),
            max_depth: crate::runtime::func::DEFAULT_RECURSION_DEPTH,
            steps_left: u64::MAX,
            bif_span: Span::default(),
            bif_failure: None,
        }
    }
}

impl Default for CallStack {
    fn default() -> Self {
        Self::new()
    }
}

impl Interp {
    /// Runs a function body in a new frame holding `args`.
    pub fn run_body(
        &mut self,
        f: &FuncVal,
        body: &ir::FuncBody,
        args: &[Value],
        span: Span,
    ) -> Result<Flow> {
        let new_base = self.calls.stack.len();
        if body.arg_map.is_empty() {
            self.calls
                .stack
                .extend(args.iter().take(body.num_params as usize).cloned());
        } else {
            for &i in &body.arg_map {
                self.calls
                    .stack
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
        if self.calls.steps_left == 0 || limits::stop_requested() {
            return Err(self.step_refused(span));
        }
        self.calls.steps_left -= 1;
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
            self.calls.stack.truncate(new_base);
            return Err(e);
        }
        if self.calls.max_depth != 0 && self.calls.depth >= self.calls.max_depth {
            self.calls.stack.truncate(new_base);
            let mut d = Diagnostic::runtime(
                body.span,
                format!("maximum recursion depth {} exceeded", self.calls.max_depth),
            );
            d.severity = crate::diag::Severity::RuntimeFatal;
            return Err(Box::new(d));
        }
        if self.calls.depth >= MAX_CALL_DEPTH || stack_address() < self.calls.stack_floor {
            self.calls.stack.truncate(new_base);
            let msg = if self.calls.depth >= MAX_CALL_DEPTH {
                format!("exceeded maximum call depth ({MAX_CALL_DEPTH})")
            } else {
                format!("native stack exhausted at call depth {}", self.calls.depth)
            };
            let msg = format!("{msg} in call to {}", f.name);
            return Err(Box::new(Diagnostic::runtime(span, msg)));
        }
        // Inline rather than `Vec::resize` (an out-of-line call per frame).
        let top = new_base + body.frame_size.max(body.num_params) as usize;
        self.calls.stack.truncate(top);
        while self.calls.stack.len() < top {
            self.calls.stack.push(Value::Unset);
        }
        if !body.capture_slots.is_empty() {
            let caps = f.captures.borrow();
            for (slot, v) in body.capture_slots.iter().zip(caps.iter()) {
                self.calls.stack[new_base + *slot as usize] = v.clone();
            }
        }
        let saved = std::mem::replace(&mut self.calls.base, new_base);
        self.calls.depth += 1;
        let flow = self.exec_block(&body.body);
        self.calls.depth -= 1;
        if !body.capture_slots.is_empty() {
            let mut caps = f.captures.borrow_mut();
            for (slot, v) in body.capture_slots.iter().zip(caps.iter_mut()) {
                *v = std::mem::replace(
                    &mut self.calls.stack[new_base + *slot as usize],
                    Value::Unset,
                );
            }
        }
        self.calls.base = saved;
        self.pop_frame(new_base);
        flow
    }

    /// Cuts the stack back to `base`. Most frames hold only scalars,
    /// which have no destructor: `truncate` called the out-of-line drop
    /// for every slot, here only shared values are dropped (in slot
    /// order, as before) and the rest are cut off by length.
    fn pop_frame(&mut self, base: usize) {
        let Some(frame) = self.calls.stack.get_mut(base..) else {
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
        unsafe { self.calls.stack.set_len(base) }
    }

    /// Pushes a count onto the stack, written in place as tag and word.
    /// `push` built the value in a stack temporary and copied it over with
    /// one 16-byte load, which stalls on the two smaller stores just made
    /// (no store forwarding); in a call-heavy script that was a third of
    /// the time of a call.
    #[inline(always)]
    fn push_count(&mut self, c: u64) {
        self.calls.stack.reserve(1);
        let len = self.calls.stack.len();
        if let Some(slot) = self.calls.stack.spare_capacity_mut().first_mut() {
            slot.write(Value::Count(c));
            // SAFETY: the slot at `len` (within capacity, reserved above)
            // was just initialised.
            unsafe { self.calls.stack.set_len(len + 1) };
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
        if self.sched.when_cond_depth > 0 {
            return self.cond_call_exprs(f, args, span);
        }
        let new_base = self.calls.stack.len();
        for a in args {
            if let Some(c) = self.try_count(a) {
                self.push_count(c);
                continue;
            }
            match self.eval(a) {
                Ok(v) => self.calls.stack.push(v),
                Err(e) => {
                    self.calls.stack.truncate(new_base);
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
            if let Value::Count(c) = self.calls.ret {
                Value::store(&mut self.calls.ret, Value::Unset);
                return Value::Count(c);
            }
            let v = std::mem::replace(&mut self.calls.ret, Value::Unset);
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
        self.calls.ret = Value::Unset;
    }

    /// A function ended without a value: Zeek warns (without a location)
    /// when its type promised one.
    #[cold]
    #[inline(never)]
    fn fell_off(&mut self, f: &FuncVal) -> Value {
        if std::mem::take(&mut self.sched.return_pending) {
            return Value::Unset;
        }
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
        match self.calls.bif_failure.take() {
            Some(d) => d,
            None => self.error_at(span, msg),
        }
    }

    /// Calls a function, hook or (synchronously) every handler of an event.
    /// A script function called while a `when` condition is evaluated:
    /// known by its place among the condition's calls, so that a `return
    /// when` inside can give its value to the same call later.
    #[cold]
    #[inline(never)]
    fn cond_call_exprs(&mut self, f: &Rc<FuncVal>, args: &[ir::Expr], span: Span) -> Result<Value> {
        let vals = self.eval_args(args)?;
        let (ready, outer) = self.cond_call_enter();
        if let Some(v) = ready {
            return Ok(v);
        }
        let r = self.call(f, &vals, span);
        self.sched.cond_call = outer;
        r
    }

    pub fn call(&mut self, f: &Rc<FuncVal>, args: &[Value], span: Span) -> Result<Value> {
        if let Some(bif) = f.builtin {
            self.calls.bif_span = span;
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
}
