//! The checker: resolves names to slots and indices, checks types, inserts
//! coercions and lowers the syntax tree to `ir`. Declarations take effect
//! as they are met, as in Zeek: global initialisers run at once, so
//! `redef`s and `@if`s see the values declared before them.

mod assign;
mod attrs;
mod coerce;
mod ctor;
mod decl;
mod describe;
mod expr;
mod funcs;
mod load;
mod operators;
pub mod scope;
pub mod session;
mod stmt;
mod typing;
pub mod usage;

use crate::diag::{Diagnostic, SourceMap, Style};
use crate::eval::Interp;
use crate::runtime::ir;
use crate::runtime::types::{self, TypeRef};
use crate::syntax::ast::Span;
use scope::{FuncScope, Globals};

pub use load::{find_script, try_disk, Found, LIBRARY, LIBRARY_PREFIX};

pub struct Compiler {
    pub interp: Interp,
    pub globals: Globals,
    pub module: String,
    scope: Option<FuncScope>,
    /// Errors found so far; nothing runs if there are any.
    pub errors: u32,
    /// Statements written at file level, run before `zeek_init`.
    pub init_stmts: Vec<ir::Stmt>,
    pub load: load::LoadState,
    in_export: bool,
    /// Every module name seen (`@ifdef` accepts them).
    pub modules: ahash::AHashSet<String>,
    /// Set by a fatal error: no further declarations are processed.
    pub fatal: bool,
    /// A REPL session: a function may be given a new body.
    pub interactive: bool,
    /// Alternate prototypes declared for an event or hook (by global id).
    pub alt_protos: ahash::AHashMap<u32, Vec<AltProto>>,
    /// Parameters of an event's or hook's canonical prototype marked
    /// `&deprecated`, with their messages.
    pub deprecated_params: ahash::AHashMap<u32, Vec<(String, String)>>,
    /// The function, event or hook whose body is being compiled.
    pub(crate) func_name: Option<String>,
    /// `break` and `next` written where no loop, switch or hook takes
    /// them: reported once everything is loaded, if nothing else failed,
    /// ordered as Zeek's check meets them (functions by name, then the
    /// file-level statements).
    pub(crate) misplaced_flow: Vec<(Option<String>, Span, &'static str)>,
    /// Loops open around file-level statements.
    pub(crate) top_loops: u32,
    /// `when` bodies open around the statement being compiled.
    pub(crate) when_depth: u32,
    /// Globals marked `&deprecated`, with their messages (maybe empty).
    pub(crate) deprecated_ids: ahash::AHashMap<u32, String>,
    /// Record fields marked `&deprecated` (by record type and position).
    pub(crate) deprecated_fields: ahash::AHashMap<(usize, usize), String>,
    /// Where a deprecation was reported (a name checked twice is told once).
    pub(crate) deprecation_told: ahash::AHashSet<(u32, u32, u32, String)>,
    /// `&add_func` and `&delete_func` of globals, by id.
    pub(crate) redef_funcs: ahash::AHashMap<
        u32,
        (
            Option<crate::syntax::ast::Expr>,
            Option<crate::syntax::ast::Expr>,
        ),
    >,
    /// Untyped record constructors as Zeek describes them, by place.
    pub(crate) ctor_text: ahash::AHashMap<(u32, u32, u32), String>,
    /// The usage analysis (`-u`), when asked for.
    pub(crate) usage: Option<Box<UsageState>>,
}

/// The usage analysis while scripts load: each body is analysed as soon
/// as it is compiled, and the warnings are told once all have loaded
/// without error.
pub(crate) struct UsageState {
    /// How many times `-u` was given (the environment counts once).
    level: u8,
    notes: usage::Notes,
    found: Vec<(Span, String)>,
}

/// An alternate prototype of an event or hook.
pub struct AltProto {
    pub ty: TypeRef,
    pub span: Span,
    /// `&deprecated` on the declaration, with its message (maybe empty).
    pub deprecated: Option<String>,
}

/// The message of a `&deprecated` attribute, if there is one.
pub fn deprecation(attrs: &[crate::syntax::ast::Attr]) -> Option<String> {
    use crate::syntax::ast::{ExprKind, Literal};
    let a = attrs.iter().find(|a| a.name == "deprecated")?;
    Some(match a.value.as_ref().map(|v| &v.kind) {
        Some(ExprKind::Literal(Literal::String(s))) => String::from_utf8_lossy(s).into_owned(),
        _ => String::new(),
    })
}

impl Compiler {
    pub fn new(style: Style) -> Self {
        let mut interp = Interp::new(SourceMap::default(), style);
        interp.globals.parse_time_records = Some(Vec::new());
        // find_in_zeekpath() searches as @load does.
        interp.ext.insert(crate::bif::ids::ScriptFinder(|p| {
            load::find_script(p, ".").map(|f| f.name)
        }));
        Compiler {
            interp,
            globals: Globals::default(),
            module: "GLOBAL".to_string(),
            scope: None,
            errors: 0,
            init_stmts: Vec::new(),
            load: load::LoadState::default(),
            in_export: false,
            modules: ahash::AHashSet::new(),
            fatal: false,
            interactive: false,
            alt_protos: ahash::AHashMap::new(),
            deprecated_params: ahash::AHashMap::new(),
            func_name: None,
            misplaced_flow: Vec::new(),
            top_loops: 0,
            when_depth: 0,
            deprecated_ids: ahash::AHashMap::new(),
            deprecated_fields: ahash::AHashMap::new(),
            deprecation_told: ahash::AHashSet::new(),
            ctor_text: ahash::AHashMap::new(),
            redef_funcs: ahash::AHashMap::new(),
            usage: None,
        }
    }

    /// Turns on the usage analysis (Zeek's `-u`, given `level` times).
    pub fn enable_usage(&mut self, level: u8) {
        self.usage = Some(Box::new(UsageState {
            level,
            notes: usage::Notes::default(),
            found: Vec::new(),
        }));
    }

    /// Reports what the usage analysis found, unless scripts had errors
    /// (then Zeek does not analyse them).
    pub fn report_usage(&mut self) {
        let Some(state) = self.usage.take() else {
            return;
        };
        if self.errors > 0 {
            return;
        }
        for (span, msg) in state.found {
            self.warning(span, msg);
        }
    }

    /// Remembers the text Zeek quotes for an assignment the usage
    /// analysis may report.
    pub(crate) fn usage_text(&mut self, span: Span, text: impl FnOnce(&Self) -> String) {
        if self.usage.is_some() {
            let text = text(self);
            if let Some(u) = &mut self.usage {
                u.notes.texts.insert(usage::key(span), text);
            }
        }
    }

    /// An assigned value as the usage analysis quotes it: as Zeek
    /// describes it, or (a lambda, which Zeek describes by its whole
    /// body) as written.
    pub(crate) fn usage_value(&self, e: &crate::syntax::ast::Expr) -> String {
        let text = describe::expr(e);
        if text.is_empty() {
            self.text(e.span)
        } else {
            text
        }
    }

    /// Remembers where Zeek places the `when` statement at `span`.
    pub(crate) fn usage_place(&mut self, span: Span, at: Span) {
        if let Some(u) = &mut self.usage {
            u.notes.places.insert(usage::key(span), at);
        }
    }

    /// Analyses one body of the function being compiled.
    pub(crate) fn analyze_usage(&mut self, body: usage::Body, entry: Vec<u32>, captured: Vec<u32>) {
        let (Some(state), Some(scope)) = (&mut self.usage, &self.scope) else {
            return;
        };
        let unit = usage::Unit {
            body,
            slots: scope.slot_infos(),
            entry,
            captured,
        };
        let found = usage::analyze(&unit, &state.notes, state.level);
        state.found.extend(found);
    }

    pub fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.errors += 1;
        let d = Diagnostic::error(span, msg);
        self.interp.report_diag(&d);
    }

    pub fn warning(&mut self, span: Span, msg: impl Into<String>) {
        let d = Diagnostic::warning(span, msg);
        self.interp.report_diag(&d);
    }

    pub fn report(&mut self, diags: Vec<Diagnostic>) {
        for d in diags {
            if d.severity != crate::diag::Severity::Warning {
                self.errors += 1;
            }
            self.interp.report_diag(&d);
        }
    }

    /// The source text of a span, for messages that quote expressions.
    pub fn text(&self, span: Span) -> String {
        self.interp.span_text(span)
    }

    /// The source text of a span as written.
    pub fn source_slice(&self, span: Span) -> String {
        self.interp
            .output
            .sources
            .get(span.file)
            .and_then(|f| f.text.get(span.lo as usize..span.hi as usize))
            .unwrap_or("")
            .to_string()
    }

    /// Looks up a global by a name as written, with Zeek's module rules,
    /// declaring a built-in on first use.
    pub fn lookup_global(&mut self, name: &str) -> Option<u32> {
        for full in scope::candidates(&self.module, name) {
            if let Some(id) = self.globals.get(&full) {
                return Some(id);
            }
        }
        // A module's own built-ins (`Log::__write`) may be named without
        // the module inside it.
        if !name.contains("::") && self.module != "GLOBAL" {
            let full = format!("{}::{name}", self.module);
            if let Some(id) = self.declare_bif(&full) {
                return Some(id);
            }
        }
        self.declare_bif(name)
    }

    pub fn global_type(&self, id: u32) -> TypeRef {
        self.globals.info(id).ty.clone()
    }

    /// Adds a global, keeping the interpreter's name index (which built-ins
    /// such as lookup_ID and record_fields use) in step.
    pub fn add_global(&mut self, info: scope::GlobalInfo) -> u32 {
        let name = info.name.clone();
        let ty = info.ty.clone();
        let is_type = info.kind == scope::IdKind::Type;
        let is_option = info.kind == scope::IdKind::Option;
        let flags = crate::bif::ids::IdFlags {
            exported: info.exported,
            constant: info.kind == scope::IdKind::Const,
            enum_constant: info.kind == scope::IdKind::EnumConst,
            option: is_option,
            redefinable: info.redefable,
        };
        let id = self.globals.add(info);
        self.interp
            .ext
            .get_or_default::<crate::bif::ids::GlobalFlags>()
            .set(id, flags);
        if is_option {
            self.interp.globals.option_ids.insert(id);
        }
        self.interp.globals.names.insert(name, (id, ty, is_type));
        id
    }

    /// Runs the statements written at file level.
    pub fn run_init_stmts(&mut self) -> bool {
        let stmts = std::mem::take(&mut self.init_stmts);
        for s in &stmts {
            if let Err(e) = self.interp.exec(s) {
                self.interp.report_runtime(&e);
                if !self.interactive {
                    self.interp.report_diag(&Diagnostic::fatal(
                        "failed to execute script statements at top-level scope",
                    ));
                }
                return false;
            }
        }
        true
    }

    /// A type that stands for an error already reported.
    pub fn err_type(&self) -> TypeRef {
        types::error()
    }
}

impl Compiler {
    /// A fatal error at a location: Zeek stops reading scripts there.
    pub fn fatal_at(&mut self, span: Span, msg: impl Into<String>) {
        self.errors += 1;
        self.fatal = true;
        let mut d = Diagnostic::error(span, msg);
        d.severity = crate::diag::Severity::Fatal;
        self.interp.report_diag(&d);
    }

    /// The checks Zeek makes once all scripts are parsed: `break` and
    /// `next` outside of what they may leave.
    pub fn finish_loading(&mut self) {
        // Records made from now on see every field their type has.
        self.interp.globals.parse_time_records = None;
        let mut found = std::mem::take(&mut self.misplaced_flow);
        if self.errors > 0 {
            return;
        }
        // Functions in order of their names, file-level statements last.
        found.sort_by(|a, b| match (&a.0, &b.0) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        for (_, span, what) in found {
            self.error(span, what);
        }
    }

    /// An error at two places, written as Zeek does: "LOC and LOC2", or
    /// just one when both fall on the same lines.
    pub fn error_two(&mut self, first: Span, second: Span, msg: impl Into<String>) {
        let map = &self.interp.output.sources;
        if map.location(first) == map.location(second) {
            self.error(first, msg);
        } else {
            self.error_also(first, crate::diag::Also::Span(second), msg);
        }
    }

    /// An error naming a second object (another location or a type).
    pub fn error_also(&mut self, span: Span, also: crate::diag::Also, msg: impl Into<String>) {
        self.errors += 1;
        let d = Diagnostic::error(span, msg).with_also(also);
        self.interp.report_diag(&d);
    }
}

/// Record types may refer to themselves through their fields (Zeek's own
/// `Log::Filter` holds a hook taking a `Log::Filter`), a cycle of shared
/// pointers that would outlive the compiler. Nothing runs once it is
/// gone, so emptying the named record types' field lists breaks them.
impl Drop for Compiler {
    fn drop(&mut self) {
        for v in &self.interp.globals.values {
            if let crate::runtime::value::Value::Type(t) = v {
                if let crate::runtime::types::Type::Record(rt) = &**t {
                    if let Ok(mut fields) = rt.fields.try_borrow_mut() {
                        fields.clear();
                    }
                }
            }
        }
    }
}
