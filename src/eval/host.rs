//! What built-ins may ask of the interpreter: the `Host` interface, as
//! the interpreter answers it.

use super::{GroupKind, Interp};
use crate::diag::Diagnostic;
use crate::diag::Style;
use crate::runtime::func::Host;
use crate::runtime::value::Value;
use std::rc::Rc;

impl Host for Interp {
    fn extensions(&mut self) -> &mut crate::runtime::extensions::Extensions {
        &mut self.ext
    }

    fn packet_source(&self) -> Option<&str> {
        self.sched.packet_source.as_deref()
    }

    fn fail_in_function(&mut self, f: &Value, msg: &str) -> String {
        if let Value::Func(func) = f {
            let at = func
                .handlers
                .borrow()
                .first()
                .map_or(func.span, |h| h.body.span);
            let mut d = Diagnostic::runtime(at, msg);
            d.severity = crate::diag::Severity::RuntimeFatal;
            self.calls.bif_failure = Some(Box::new(d));
        }
        msg.to_string()
    }

    fn max_recursion_depth(&self) -> u32 {
        self.calls.max_depth
    }

    fn set_max_recursion_depth(&mut self, depth: u32) {
        self.calls.max_depth = depth;
    }

    fn network_time(&self) -> f64 {
        self.sched.network_time
    }

    fn call_value(&mut self, f: &Value, args: Vec<Value>) -> std::result::Result<Value, String> {
        match f {
            Value::Func(func) => {
                let span = self.calls.bif_span;
                let func = func.clone();
                self.call(&func, &args, span).map_err(|d| d.message.clone())
            }
            _ => Err("not a function".into()),
        }
    }

    fn report(&mut self, kind: &str, msg: &str) {
        let d = Diagnostic {
            severity: severity_of(kind),
            message: msg.to_string(),
            span: Some(self.calls.bif_span),
            help: None,
            also: None,
        };
        self.report_diag(&d);
    }

    fn lookup_global(&self, name: &str) -> Option<(Value, crate::runtime::types::TypeRef, bool)> {
        let (id, ty, is_type) = self.globals.names.get(name)?;
        Some((
            self.globals.values.get(*id as usize)?.clone(),
            ty.clone(),
            *is_type,
        ))
    }

    fn global_id(&self, name: &str) -> Option<u32> {
        self.globals.names.get(name).map(|(id, _, _)| *id)
    }

    fn global_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.globals.names.keys().cloned().collect();
        v.sort();
        v
    }

    fn exit(&mut self, code: i32) {
        self.flush();
        // What the layers above keep (log writers, files) ends now: the
        // exit runs no destructors.
        self.ext.clear();
        std::process::exit(code);
    }

    fn terminate(&mut self) {
        self.sched.terminating = true;
    }

    fn is_terminating(&self) -> bool {
        self.sched.terminating
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

    fn option_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .globals
            .names
            .iter()
            .filter(|(_, (id, _, is_type))| !*is_type && self.globals.option_ids.contains(id))
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
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
        self.sched.event_time
    }

    fn write_stdout(&mut self, bytes: &[u8]) {
        self.write_out(bytes);
    }

    fn field_default(&mut self, idx: u32) -> Option<Value> {
        self.eval_field_default(idx).ok()
    }

    fn call_text(&self) -> String {
        self.span_text(self.calls.bif_span)
    }

    fn call_location(&self) -> String {
        self.output
            .sources
            .location(self.calls.bif_span)
            .map(|l| l.to_string())
            .unwrap_or_default()
    }

    fn report_with_origin(&mut self, kind: &str, msg: &str, v: &Value) {
        let origin = match v {
            Value::String(s) => self
                .globals
                .const_origins
                .get(&(Rc::as_ptr(s) as usize))
                .map(|(_, span)| *span),
            _ => None,
        };
        let locs = origin.and_then(|o| {
            let here = self.output.sources.location(self.calls.bif_span)?;
            let there = self.output.sources.location(o)?;
            (here != there && self.output.style == Style::Zeek).then_some(o)
        });
        let Some(there) = locs else {
            return self.report(kind, msg);
        };
        let d = Diagnostic {
            severity: severity_of(kind),
            message: msg.to_string(),
            span: Some(self.calls.bif_span),
            help: None,
            also: Some(crate::diag::Also::Span(there)),
        };
        self.report_diag(&d);
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

    fn run_stats(&self) -> crate::runtime::func::RunStats {
        crate::runtime::func::RunStats {
            events_queued: self.sched.events_queued,
            events_dispatched: self.sched.events_dispatched,
            timers_current: self.sched.timers.len() as u64,
            timers_max: self.sched.timers_max,
            timers_cumulative: self.sched.timer_seq,
        }
    }

    fn set_network_time(&mut self, t: f64) {
        self.sched.network_time = t;
    }

    fn in_when_condition(&self) -> bool {
        self.sched.when_cond_depth > 0
    }

    fn in_event(&self) -> bool {
        self.sched.event_depth > 0
    }

    fn reading_scripts(&self) -> bool {
        self.globals.parse_time_records.is_some()
    }

    fn report_plain(&mut self, kind: &str, msg: &str) {
        if matches!(kind, "error" | "fatal") {
            self.output.reported_errors += 1;
        }
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

/// The severity a built-in's report names.
fn severity_of(kind: &str) -> crate::diag::Severity {
    match kind {
        "info" => crate::diag::Severity::Info,
        "warning" => crate::diag::Severity::Warning,
        "fatal" => crate::diag::Severity::Fatal,
        _ => crate::diag::Severity::Error,
    }
}
