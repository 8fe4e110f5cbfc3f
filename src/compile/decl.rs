//! Declarations: globals, types, redefs, functions, events and hooks.

use super::scope::{qualify, FuncScope, GlobalInfo, IdKind};
use super::Compiler;
use crate::runtime::func::{FuncVal, Handler};
use crate::runtime::ir;
use crate::runtime::types::{self, FuncType, ParamDef, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, Decl, DeclKind, FuncDecl, FuncKind, GlobalKind, InitOp, Span};
use std::rc::Rc;

impl Compiler {
    pub fn decl(&mut self, d: &Decl) {
        match &d.kind {
            DeclKind::Module(n) => {
                self.module = n.text.clone();
                self.modules.insert(n.text.clone());
            }
            DeclKind::Export(inner) => {
                let saved = std::mem::replace(&mut self.in_export, true);
                for x in inner {
                    self.decl(x);
                }
                self.in_export = saved;
            }
            DeclKind::Var {
                kind,
                name,
                ty,
                init,
                attrs,
            } => match kind {
                GlobalKind::Redef => self.redef_var(name, init.as_ref(), attrs, d.span),
                _ => self.declare_var(
                    *kind,
                    name,
                    ty.as_ref(),
                    init.as_ref().map(|(_, e)| e),
                    attrs,
                    &d.doc,
                ),
            },
            DeclKind::Type { name, ty, attrs } => {
                self.declare_type(name, ty, &d.doc);
                if attrs.iter().any(|a| a.name == "log") {
                    self.log_all_fields(name, None);
                }
            }
            DeclKind::RedefRecord {
                name,
                fields,
                attrs,
            } => {
                let before = self.record_named(name).map(|rt| rt.num_fields());
                self.redef_record(name, fields);
                if let Some(n) = before.filter(|_| attrs.iter().any(|a| a.name == "log")) {
                    self.log_all_fields(name, Some(n));
                }
            }
            DeclKind::RedefEnum { name, values } => self.redef_enum(name, values),
            DeclKind::Func(f) => self.func_decl(f, &d.doc),
            DeclKind::Directive { kind, arg } => self.directive(kind, arg, d.span),
            DeclKind::Stmt(s) => {
                let st = self.top_stmt(s);
                self.init_stmts.extend(st);
            }
        }
    }

    /// Declares a global name in the current module, or reports a clash.
    pub fn declare_id(
        &mut self,
        name: &ast::Name,
        ty: TypeRef,
        kind: IdKind,
        doc: &[String],
    ) -> Option<u32> {
        let full = qualify(&self.module, &name.text);
        if let Some(id) = self.globals.get(&full) {
            let info = self.globals.info(id);
            // Events and hooks also compare parameter names: other names
            // make an alternate prototype.
            let same_names = match (info.ty.as_func(), ty.as_func()) {
                (Some(a), Some(b)) if matches!(kind, IdKind::Event | IdKind::Hook) => a
                    .params
                    .iter()
                    .map(|p| &p.name)
                    .eq(b.params.iter().map(|p| &p.name)),
                _ => true,
            };
            let compatible = info.kind == kind && types::same_type(&info.ty, &ty) && same_names;
            // Re-declaring an event or hook prototype (alternate prototypes)
            // and repeating a compatible declaration are allowed.
            if compatible {
                return Some(id);
            }
            if matches!(kind, IdKind::Event | IdKind::Hook) && info.kind == kind {
                return self.alternate_prototype(id, name, &ty);
            }
            self.error(name.span, format!("already defined ({})", name.text));
            return None;
        }
        let id = self.add_global(GlobalInfo {
            name: full,
            ty,
            kind,
            span: name.span,
            doc: doc.to_vec(),
            redefable: false,
            exported: self.in_export,
        });
        self.interp.globals.values.push(Value::Unset);
        Some(id)
    }

    fn declare_var(
        &mut self,
        kind: GlobalKind,
        name: &ast::Name,
        ty: Option<&ast::Type>,
        init: Option<&ast::Expr>,
        attrs: &[ast::Attr],
        doc: &[String],
    ) {
        if !self.check_global_attrs(kind, ty, attrs) {
            self.check_attrs(attrs);
        }
        let ast_ty = ty;
        if kind == GlobalKind::Option && name.text == "_" {
            let full = qualify(&self.module, &name.text);
            self.error(
                name.span,
                format!("blank identifier used as option ({full})"),
            );
            return;
        }
        let declared = ty.map(|t| self.resolve_type(t));
        let (init_ir, init_ty) = match init {
            Some(e) => {
                let (x, t) = match declared {
                    None => self.untyped_init(e),
                    Some(_) => self.expr_expect(e, declared.as_ref()),
                };
                (Some(x), Some(t))
            }
            None => (None, None),
        };
        let ty = match (&declared, &init_ty) {
            (Some(d), _) => d.clone(),
            (None, Some(t)) if t.is_unspecified() => self.untyped_empty_ctor(init),
            (None, Some(t)) => t.clone(),
            (None, None) => {
                self.error(name.span, format!("no type given ({})", name.text));
                types::error()
            }
        };
        let id_kind = match (kind, ty.as_func().map(|f| f.kind)) {
            (GlobalKind::Const, _) => IdKind::Const,
            (GlobalKind::Option, _) => IdKind::Option,
            (_, Some(FuncKind::Event)) => IdKind::Event,
            (_, Some(FuncKind::Hook)) => IdKind::Hook,
            (_, Some(FuncKind::Function)) if init.is_none() => IdKind::Func,
            _ => IdKind::Var,
        };
        let Some(id) = self.declare_id(name, ty.clone(), id_kind, doc) else {
            return;
        };
        if matches!(id_kind, IdKind::Event | IdKind::Hook) {
            self.note_deprecations(id, ast_ty, attrs, name.span);
        }
        self.globals.info_mut(id).redefable = attrs.iter().any(|a| a.name == "redef");
        let init_ir = match (init_ir, init_ty) {
            (Some(x), Some(t)) => Some(self.coerce(x, &t, &ty, init.map_or(name.span, |e| e.span))),
            _ => None,
        };
        // Events, hooks and function prototypes exist as soon as they are
        // declared, so they can be named (raised, called, used in
        // attributes) before their bodies are given.
        if matches!(id_kind, IdKind::Event | IdKind::Hook | IdKind::Func) {
            if self.interp.globals.values[id as usize].is_unset() {
                let fk = match id_kind {
                    IdKind::Event => FuncKind::Event,
                    IdKind::Hook => FuncKind::Hook,
                    _ => FuncKind::Function,
                };
                let fv = FuncVal::new(
                    self.globals.info(id).name.clone(),
                    fk,
                    ty.clone(),
                    name.span,
                );
                self.interp.globals.values[id as usize] = Value::Func(Rc::new(fv));
            }
            return;
        }
        let value = self.initial_value(&ty, init_ir, attrs, name);
        if let Some(v) = value {
            self.interp.globals.values[id as usize] = v;
        }
    }

    /// Evaluates an initialiser (or makes the empty aggregate a declaration
    /// without one gets) and applies container attributes.
    pub fn initial_value(
        &mut self,
        ty: &TypeRef,
        init: Option<ir::Expr>,
        attrs: &[ast::Attr],
        name: &ast::Name,
    ) -> Option<Value> {
        let span = name.span;
        // An initializer whose type is already in error (it names an
        // undeclared or untyped global) has been reported; Zeek doesn't
        // evaluate it.
        if types::holds_error(ty) {
            return None;
        }
        let e = match init {
            Some(e) => Some(e),
            None => self.empty_aggregate(ty, span),
        };
        let e = e?;
        let table_attrs = self.table_attrs(ty, attrs);
        match self.interp.eval(&e) {
            Ok(v) => {
                if let (Value::Table(t), Some(a)) = (&v, table_attrs) {
                    if let Err(err) = self.interp.apply_table_attrs_to(t, &a) {
                        self.interp.report_runtime(&err);
                        self.errors += 1;
                    }
                }
                Some(v)
            }
            // As in Zeek, a failing initializer is reported, then the
            // declaration as failed.
            Err(err) => {
                self.interp.report_runtime(&err);
                let at = Span::new(span.file, e.span.lo as usize, e.span.hi as usize);
                self.error(at, format!("initialization failed ({})", name.text));
                None
            }
        }
    }

    /// The value a declaration of an aggregate type without initialiser
    /// starts with: an empty table, set or vector.
    pub fn empty_aggregate(&self, ty: &TypeRef, span: Span) -> Option<ir::Expr> {
        let kind = match &**ty {
            Type::Table(_) => {
                ir::ExprKind::Table(ty.clone(), Vec::new(), ir::TableAttrs::default())
            }
            Type::Vector(_) => ir::ExprKind::Vector(ty.clone(), Vec::new()),
            Type::Record(rt) => ir::ExprKind::Record(rt.clone(), Vec::new()),
            _ => return None,
        };
        Some(ir::Expr { kind, span })
    }

    fn redef_var(
        &mut self,
        name: &ast::Name,
        init: Option<&(InitOp, ast::Expr)>,
        attrs: &[ast::Attr],
        span: Span,
    ) {
        let Some(id) = self.lookup_global(&name.text) else {
            self.error(
                name.span,
                format!("\"redef\" used but not previously defined ({})", name.text),
            );
            return;
        };
        let ty = self.global_type(id);
        if !attrs.is_empty() && init.is_none() {
            return;
        }
        let Some((op, e)) = init else { return };
        if *op != InitOp::Set && self.interp.globals.values[id as usize].is_unset() {
            let sign = if *op == InitOp::AddTo { "+=" } else { "-=" };
            let at = self.globals.info(id).span;
            self.error(
                at,
                format!(
                    "{sign} initializer applied to ID without value ({})",
                    name.text
                ),
            );
            return;
        }
        let (x, t) = self.expr_expect(e, Some(&ty));
        let target = match (op, &*ty) {
            (InitOp::AddTo | InitOp::RemoveFrom, Type::Vector(_))
                if !matches!(&*t, Type::Vector(_)) =>
            {
                ty.yield_type().cloned().unwrap_or(ty.clone())
            }
            _ => ty.clone(),
        };
        let x = self.coerce(x, &t, &target, e.span);
        let value = match self.interp.eval(&x) {
            Ok(v) => v,
            Err(err) => {
                self.interp.report_runtime(&err);
                self.errors += 1;
                return;
            }
        };
        // Attributes given with the new value (`redef t = {...} &default=x`).
        if let (Value::Table(t), Some(a)) = (&value, self.table_attrs(&ty, attrs)) {
            if let Err(err) = self.interp.apply_table_attrs_to(t, &a) {
                self.interp.report_runtime(&err);
            }
        }
        let cur = self.interp.globals.values[id as usize].clone();
        let new = match op {
            InitOp::Set => {
                if let (Value::Table(old), Value::Table(new)) = (&cur, &value) {
                    // Attributes declared on the original survive a redef.
                    let (d, x, oc) = {
                        let o = old.borrow();
                        (
                            o.default().cloned(),
                            o.expiry().cloned(),
                            o.on_change().cloned(),
                        )
                    };
                    if d.is_some() || x.is_some() || oc.is_some() {
                        let mut n = new.borrow_mut();
                        let n = n.attrs_mut();
                        n.default = n.default.take().or(d);
                        n.expiry = n.expiry.take().or(x);
                        n.on_change = n.on_change.take().or(oc);
                    }
                }
                value
            }
            InitOp::AddTo => match (&cur, &value) {
                (Value::Table(t), Value::Table(src)) => {
                    let entries: Vec<(Value, Value)> = src
                        .borrow()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    for (k, v) in entries {
                        t.borrow_mut().insert(k, v);
                    }
                    cur.clone()
                }
                (Value::Vector(vec), Value::Vector(src)) => {
                    let items = src.borrow().items.clone();
                    vec.borrow_mut().items.extend(items);
                    cur.clone()
                }
                (Value::Vector(vec), v) => {
                    vec.borrow_mut().items.push(v.clone());
                    cur.clone()
                }
                (Value::Pattern(_), Value::Pattern(_)) => {
                    match self.interp.eval(&ir::Expr {
                        kind: ir::ExprKind::PatternOp(
                            false,
                            Box::new(ir::Expr {
                                kind: ir::ExprKind::Const(cur.clone()),
                                span,
                            }),
                            Box::new(ir::Expr {
                                kind: ir::ExprKind::Const(value.clone()),
                                span,
                            }),
                        ),
                        span,
                    }) {
                        Ok(v) => v,
                        Err(_) => cur.clone(),
                    }
                }
                _ => crate::eval::ops::arith(ir::Arith::Add, &cur, &value).unwrap_or(value),
            },
            InitOp::RemoveFrom => match (&cur, &value) {
                (Value::Table(t), Value::Table(src)) => {
                    for k in src.borrow().keys() {
                        t.borrow_mut().remove(&k);
                    }
                    cur.clone()
                }
                _ => crate::eval::ops::arith(ir::Arith::Sub, &cur, &value).unwrap_or(value),
            },
        };
        self.interp.globals.values[id as usize] = new;
    }

    fn declare_type(&mut self, name: &ast::Name, ty: &ast::Type, doc: &[String]) {
        let full = qualify(&self.module, &name.text);
        let t = self.resolve_type_named(ty, Some(&full));
        if t.is_error() && matches!(ty.kind, ast::TypeKind::Named(_)) {
            self.error(ty.span, "Error trying to create alias to nonexistent type");
        }
        let t = crate::runtime::types::named_alias(&t, &full);
        if let Some(id) = self.declare_id(name, t.clone(), IdKind::Type, doc) {
            self.interp.globals.values[id as usize] = Value::Type(t);
            if !doc.is_empty() {
                self.globals.info_mut(id).doc = doc.to_vec();
            }
        }
    }

    /// `&log` on a record type (or on a `redef record`): every field (from
    /// index `from` on) is a log column.
    fn log_all_fields(&mut self, name: &ast::Name, from: Option<usize>) {
        if let Some(rt) = self.record_named(name) {
            for f in rt.fields.borrow_mut().iter_mut().skip(from.unwrap_or(0)) {
                f.log = true;
            }
        }
    }

    /// The record type of that name, without reporting anything.
    fn record_named(&mut self, name: &ast::Name) -> Option<Rc<types::RecordType>> {
        let id = self.lookup_global(&name.text)?;
        self.global_type(id).as_record().cloned()
    }

    fn redef_record(&mut self, name: &ast::Name, fields: &[ast::Field]) {
        let Some(rt) = self.named_record(name) else {
            return;
        };
        // Records already made must stay valid, so a new field needs a
        // value they can show: none (&optional) or a default.
        let bare = fields.iter().find(|f| {
            !f.attrs
                .iter()
                .any(|a| a.name == "optional" || a.name == "default")
        });
        if let Some(f) = bare {
            self.error(
                f.name.span,
                format!(
                    "extension field must be &optional or have &default ({})",
                    name.text
                ),
            );
            return;
        }
        let mut defs = self.field_defs(fields);
        for d in &mut defs {
            if let Some(i) = d.default {
                d.late_default = self.interp.eval_field_default(i).ok();
            }
        }
        let mut existing = rt.fields.borrow_mut();
        for f in defs {
            if existing.iter().any(|x| x.name == f.name) {
                continue;
            }
            existing.push(f);
        }
    }

    fn named_record(&mut self, name: &ast::Name) -> Option<Rc<types::RecordType>> {
        let id = self.lookup_global(&name.text);
        match id.map(|i| self.global_type(i)) {
            Some(t) => match &*t {
                Type::Record(r) => Some(r.clone()),
                _ => {
                    self.error(name.span, format!("{} is not a record type", name.text));
                    None
                }
            },
            None => {
                self.error(name.span, format!("unknown identifier {}", name.text));
                None
            }
        }
    }

    fn redef_enum(&mut self, name: &ast::Name, values: &[ast::EnumValue]) {
        let id = self.lookup_global(&name.text);
        let et = match id.map(|i| self.global_type(i)) {
            Some(t) => match &*t {
                Type::Enum(e) => e.clone(),
                _ => {
                    self.error(name.span, format!("{} is not an enum type", name.text));
                    return;
                }
            },
            None => {
                self.fatal_at(
                    name.span,
                    format!("unknown enum identifier \"{}\"", name.text),
                );
                return;
            }
        };
        self.add_enum_values(&et, values);
    }

    /// Declares a function, event or hook and compiles its body.
    fn func_decl(&mut self, f: &FuncDecl, doc: &[String]) {
        let ft = self.func_type(f.kind, &f.sig);
        let kind = match f.kind {
            FuncKind::Function => IdKind::Func,
            FuncKind::Event => IdKind::Event,
            FuncKind::Hook => IdKind::Hook,
        };
        // A body for an existing declaration, or a new declaration.
        let existing = self.lookup_global(&f.name.text);
        let id = match existing {
            Some(id)
                if matches!(
                    self.globals.info(id).kind,
                    IdKind::Func | IdKind::Event | IdKind::Hook | IdKind::Var
                ) =>
            {
                let info = self.globals.info(id).clone();
                if let Some(decl_ft) = info.ty.as_func() {
                    if decl_ft.kind != f.kind {
                        self.error(
                            f.name.span,
                            format!("redeclaration of {} with a different kind", f.name.text),
                        );
                        return;
                    }
                    if f.kind == FuncKind::Function && !self.same_signature(decl_ft, ft.as_func()) {
                        self.error(
                            f.name.span,
                            format!(
                                "incompatible types ({}: {} and {})",
                                f.name.text, info.ty, ft
                            ),
                        );
                        return;
                    }
                    self.handler_defaults(id, f, decl_ft, &ft);
                }
                id
            }
            _ => match self.declare_id(&f.name, ft.clone(), kind, doc) {
                Some(id) => id,
                None => return,
            },
        };
        let fv = match &self.interp.globals.values[id as usize] {
            Value::Func(fv) => fv.clone(),
            _ => {
                let info = self.globals.info(id);
                let decl_ty = if info.ty.as_func().is_some() {
                    info.ty.clone()
                } else {
                    ft.clone()
                };
                let fv = Rc::new(FuncVal::new(
                    info.name.clone(),
                    f.kind,
                    decl_ty,
                    f.name.span,
                ));
                self.interp.globals.values[id as usize] = Value::Func(fv.clone());
                fv
            }
        };
        if self.globals.info(id).doc.is_empty() && !doc.is_empty() {
            self.globals.info_mut(id).doc = doc.to_vec();
        }
        let priority = f
            .attrs
            .iter()
            .find(|a| a.name == "priority")
            .and_then(|a| a.value.as_ref())
            .and_then(|v| self.eval_const_expr(v))
            .map(|v| v.as_int() as i32)
            .unwrap_or(0);
        let name = self.globals.info(id).name.clone();
        let Some(mut body) = self.func_body(&name, &ft, &f.sig, &f.body) else {
            return;
        };
        // Zeek locates a function from its header to its closing brace.
        body.span = Span::new(
            f.name.span.file,
            f.name.span.lo as usize,
            f.body.span.hi as usize,
        );
        if f.kind != FuncKind::Function {
            if !self.check_handler(id, &ft, f.name.span) {
                let at = self.globals.info(id).span;
                self.error_also(
                    f.name.span,
                    crate::diag::Also::Span(at),
                    format!(
                        "use of undeclared alternate prototype ({} and {})",
                        ft, f.name.text
                    ),
                );
                return;
            }
            body.arg_map = self.arg_map(&fv.ty, &f.sig);
            body.groups = self.handler_groups(&f.attrs);
        }
        if f.kind == FuncKind::Function {
            // A second body for a function is an error; only a body for a
            // prototype (which has none) is a definition.
            if !fv.handlers.borrow().is_empty() && !f.is_redef && !self.interactive {
                self.error_also(
                    fv.span,
                    crate::diag::Also::Span(f.name.span),
                    format!("already defined ({})", f.name.text),
                );
                self.fatal_at(
                    f.body.span,
                    format!(
                        "invalid definition of '{}' (see previous errors)",
                        f.name.text
                    ),
                );
                return;
            }
            fv.handlers.borrow_mut().clear();
        }
        fv.add_handler(Handler {
            priority,
            body: Rc::new(body),
        });
    }

    /// The event groups of a handler: the one its `&group` names and the
    /// module it is written in.
    fn handler_groups(&mut self, attrs: &[ast::Attr]) -> Vec<u32> {
        let mut groups = Vec::new();
        for a in attrs.iter().filter(|a| a.name == "group") {
            match a.value.as_ref().and_then(|v| self.eval_const_expr(v)) {
                Some(Value::String(s)) => {
                    let name = String::from_utf8_lossy(&s).into_owned();
                    groups.push(
                        self.interp
                            .event_group(crate::eval::GroupKind::Attribute, &name),
                    );
                }
                _ => self.error(a.span, "&group attribute takes a string"),
            }
        }
        let module = self.module.clone();
        groups.push(
            self.interp
                .event_group(crate::eval::GroupKind::Module, &module),
        );
        groups
    }

    /// Matches a handler's parameters to the declared event's by name (an
    /// alternate prototype); empty when they are the declared ones in order.
    /// `&default` on the parameters of a body for something declared
    /// before: a function's body may give defaults (they win over the
    /// prototype's); an event or hook handler's have no effect.
    fn handler_defaults(&mut self, id: u32, f: &FuncDecl, decl: &FuncType, body: &TypeRef) {
        let Some(body) = body.as_func() else {
            return;
        };
        if f.kind != FuncKind::Function {
            let what = if f.kind == FuncKind::Event {
                "event"
            } else {
                "hook"
            };
            for (p, def) in f.sig.params.iter().zip(&body.params) {
                if def.default.is_some() {
                    self.warning(
                        f.name.span,
                        format!(
                            "&default on parameter '{}' has no effect (not a {} declaration)",
                            p.name.text, what
                        ),
                    );
                }
            }
            return;
        }
        if body.params.iter().all(|p| p.default.is_none()) {
            return;
        }
        let params = decl
            .params
            .iter()
            .zip(&body.params)
            .map(|(d, b)| ParamDef {
                default: b.default.clone().or_else(|| d.default.clone()),
                ..d.clone()
            })
            .collect();
        let merged = Rc::new(Type::Func(FuncType {
            kind: decl.kind,
            params,
            ret: decl.ret.clone(),
            varargs: decl.varargs,
        }));
        self.globals.info_mut(id).ty = merged;
    }

    /// Attributes a global may not carry: `&default` except on tables
    /// (sets included), `&optional`. Reported at the end of the attribute
    /// list, as Zeek does; returns whether any was reported.
    fn check_global_attrs(
        &mut self,
        kind: GlobalKind,
        ty: Option<&ast::Type>,
        attrs: &[ast::Attr],
    ) -> bool {
        let Some(last) = attrs.last() else {
            return false;
        };
        if kind == GlobalKind::Redef {
            return false;
        }
        let at = Span::new(
            last.span.file,
            last.span.hi.saturating_sub(1) as usize,
            last.span.hi as usize,
        );
        let is_table = matches!(ty.map(|t| &t.kind), Some(ast::TypeKind::Table(..)));
        let named_table = match ty.map(|t| &t.kind) {
            Some(ast::TypeKind::Named(n)) => self.lookup_global(&n.text).is_some_and(
                |id| matches!(self.globals.info(id).ty.as_table(), Some(t) if t.yield_.is_some()),
            ),
            _ => false,
        };
        let mut any = false;
        for a in attrs {
            let text = match &a.value {
                Some(v) => format!("&{}={}", a.name, super::describe::expr(v)),
                None => format!("&{}", a.name),
            };
            let msg = match a.name.as_str() {
                "default" if ty.is_some() && !is_table && !named_table => {
                    format!("&default is not valid for global variables except for tables ({text})")
                }
                "optional" => format!("&optional is only valid for record fields ({text})"),
                _ => continue,
            };
            self.error(at, msg);
            any = true;
        }
        any
    }

    /// A second declaration of an event or hook with other parameters: an
    /// alternate prototype, whose parameters must all be the canonical
    /// one's (by name).
    fn alternate_prototype(&mut self, id: u32, name: &ast::Name, ty: &TypeRef) -> Option<u32> {
        let info = self.globals.info(id).clone();
        let (Some(canon), Some(alt)) = (info.ty.as_func(), ty.as_func()) else {
            return Some(id);
        };
        if let Some(p) = alt
            .params
            .iter()
            .find(|p| !canon.params.iter().any(|c| c.name == p.name))
        {
            self.error_also(
                name.span,
                crate::diag::Also::Span(info.span),
                format!(
                    "alternate function prototype arg '{}' not found in canonical prototype ({} and {})",
                    p.name, ty, info.ty
                ),
            );
            return None;
        }
        self.alt_protos
            .entry(id)
            .or_default()
            .push(super::AltProto {
                ty: ty.clone(),
                span: name.span,
                deprecated: None,
            });
        Some(id)
    }

    /// Checks a handler's parameters against the declared event or hook:
    /// the canonical prototype's types in order, or a declared alternate
    /// (warning when that one, or a parameter used, is deprecated).
    fn check_handler(&mut self, id: u32, handler: &TypeRef, at: Span) -> bool {
        let Some(h) = handler.as_func() else {
            return true;
        };
        let info = self.globals.info(id).clone();
        let Some(canon) = info.ty.as_func() else {
            return true;
        };
        // A handler may declare a parameter the prototype leaves as `any`
        // with the type it expects (`rec: Conn::Info` in a log policy
        // hook), as Zeek's type comparison lets `any` match anything.
        let positional = h.params.len() == canon.params.len()
            && h.params
                .iter()
                .zip(&canon.params)
                .all(|(a, b)| matches!(*b.ty, Type::Any) || types::same_type(&a.ty, &b.ty));
        if positional {
            // The canonical prototype: warn of deprecated parameters used.
            for (p, msg) in self.deprecated_params.get(&id).cloned().unwrap_or_default() {
                if h.params.iter().any(|x| x.name == p) {
                    let what = format!("parameter '{p}'");
                    self.deprecated_use(at, info.span, &what, &msg, &info.ty);
                }
            }
            return true;
        }
        let alt = self.alt_protos.get(&id).and_then(|alts| {
            alts.iter().find(|alt| {
                alt.ty.as_func().is_some_and(|a| {
                    a.params.len() == h.params.len()
                        && a.params
                            .iter()
                            .zip(&h.params)
                            .all(|(x, y)| x.name == y.name && types::same_type(&x.ty, &y.ty))
                })
            })
        });
        let Some(alt) = alt else {
            return false;
        };
        if let Some(msg) = alt.deprecated.clone() {
            let name = info.name.rsplit("::").next().unwrap_or(&info.name);
            let what = format!("'{name}' prototype");
            let (span, ty) = (alt.span, alt.ty.clone());
            self.deprecated_use(at, span, &what, &msg, &ty);
        }
        true
    }

    /// Zeek's warning for using something declared `&deprecated`, naming
    /// the use and the declaration.
    fn deprecated_use(&mut self, at: Span, decl: Span, what: &str, msg: &str, ty: &TypeRef) {
        let msg = if msg.is_empty() {
            String::new()
        } else {
            format!(": {msg}")
        };
        let d =
            crate::diag::Diagnostic::warning(at, format!("use of deprecated {what}{msg} ({ty})"))
                .with_also(crate::diag::Also::Span(decl));
        self.interp.report_diag(&d);
    }

    /// Remembers `&deprecated` on an event's or hook's declaration: on an
    /// alternate prototype, or on parameters of the canonical one.
    fn note_deprecations(
        &mut self,
        id: u32,
        ty: Option<&ast::Type>,
        attrs: &[ast::Attr],
        at: Span,
    ) {
        let alt = self.alt_protos.get_mut(&id).and_then(|v| v.last_mut());
        if let Some(alt) = alt.filter(|a| a.span == at) {
            alt.deprecated = super::deprecation(attrs);
            return;
        }
        if self.globals.info(id).span != at {
            return;
        }
        let params = match ty.map(|t| &t.kind) {
            Some(ast::TypeKind::Event(ps) | ast::TypeKind::Hook(ps)) => ps,
            _ => return,
        };
        let marked: Vec<(String, String)> = params
            .iter()
            .filter_map(|p| super::deprecation(&p.attrs).map(|m| (p.name.text.clone(), m)))
            .collect();
        if !marked.is_empty() {
            self.deprecated_params.insert(id, marked);
        }
    }

    fn arg_map(&self, declared: &TypeRef, sig: &ast::FuncSig) -> Vec<u32> {
        let Some(dft) = declared.as_func() else {
            return Vec::new();
        };
        let map: Option<Vec<u32>> = sig
            .params
            .iter()
            .map(|p| {
                dft.params
                    .iter()
                    .position(|d| d.name == p.name.text)
                    .map(|i| i as u32)
            })
            .collect();
        match map {
            Some(m)
                if m.iter().enumerate().any(|(i, &j)| i as u32 != j)
                    || m.len() != dft.params.len() =>
            {
                m
            }
            _ => Vec::new(),
        }
    }

    fn same_signature(&self, a: &FuncType, b: Option<&FuncType>) -> bool {
        let Some(b) = b else { return false };
        a.params.len() == b.params.len()
            && a.params
                .iter()
                .zip(&b.params)
                .all(|(x, y)| types::same_type(&x.ty, &y.ty))
            && types::same_type(&a.ret, &b.ret)
    }

    /// Compiles a body with its parameters in the first frame slots.
    pub fn func_body(
        &mut self,
        name: &str,
        ft: &TypeRef,
        sig: &ast::FuncSig,
        body: &ast::Block,
    ) -> Option<ir::FuncBody> {
        let fty = ft.as_func()?;
        let mut scope = FuncScope::new(fty.kind, fty.ret.clone());
        for (p, def) in sig.params.iter().zip(fty.params.iter()) {
            scope.declare(&p.name.text, def.ty.clone(), false, p.name.span);
        }
        let saved = self.scope.replace(scope);
        let stmts = self.block(&body.stmts);
        let scope = std::mem::replace(&mut self.scope, saved)?;
        Some(ir::FuncBody {
            groups: Vec::new(),
            name: name.to_string(),
            num_params: sig.params.len() as u32,
            frame_size: scope.next_slot,
            capture_slots: Vec::new(),
            arg_map: Vec::new(),
            body: stmts,
            span: body.span,
        })
    }

    /// The type of a function, event or hook from its signature.
    pub fn func_type(&mut self, kind: FuncKind, sig: &ast::FuncSig) -> TypeRef {
        let params = sig
            .params
            .iter()
            .map(|p| {
                let ty = self.resolve_type(&p.ty);
                let default = p
                    .attrs
                    .iter()
                    .find(|a| a.name == "default")
                    .and_then(|a| a.value.as_ref())
                    .and_then(|v| self.eval_const_expr_as(v, &ty));
                ParamDef {
                    name: p.name.text.clone(),
                    ty,
                    default,
                }
            })
            .collect();
        let ret = match &sig.ret {
            Some(t) => self.resolve_type(t),
            None if kind == FuncKind::Hook => types::bool_(),
            None => types::void(),
        };
        Rc::new(Type::Func(FuncType {
            kind,
            params,
            ret,
            varargs: false,
        }))
    }

    /// Compiles and evaluates an expression outside any function (for
    /// `@if`, `&priority` and similar).
    pub fn eval_const_expr(&mut self, e: &ast::Expr) -> Option<Value> {
        let saved = self.scope.take();
        let (x, _t) = self.expr(e);
        self.scope = saved;
        match self.interp.eval(&x) {
            Ok(v) => Some(v),
            Err(err) => {
                self.interp.report_runtime(&err);
                None
            }
        }
    }

    /// A constant expression converted to a type (`&default=101` on a
    /// double parameter is 101.0).
    pub fn eval_const_expr_as(&mut self, e: &ast::Expr, ty: &TypeRef) -> Option<Value> {
        let saved = self.scope.take();
        let (x, t) = self.expr_expect(e, Some(ty));
        let x = self.coerce(x, &t, ty, e.span);
        self.scope = saved;
        match self.interp.eval(&x) {
            Ok(v) => Some(v),
            Err(err) => {
                self.interp.report_runtime(&err);
                None
            }
        }
    }

    /// Declares a built-in the first time a script names it.
    pub fn declare_bif(&mut self, name: &str) -> Option<u32> {
        let full = name.trim_start_matches("::").trim_start_matches("GLOBAL::");
        let def = crate::bif::all().find(|b| b.name == full)?;
        let (sig, varargs) = match def.sig.find("...") {
            Some(i) => {
                let before = def.sig[..i].trim_end().trim_end_matches(',');
                (format!("{}{}", before, &def.sig[i + 3..]), true)
            }
            None => (def.sig.to_string(), false),
        };
        let ast_ty = match crate::syntax::parser::parse_type(&sig, 0) {
            Ok(t) => t,
            Err(_) => return None,
        };
        let saved_module = std::mem::replace(&mut self.module, "GLOBAL".to_string());
        let ty = self.resolve_type(&ast_ty);
        self.module = saved_module;
        let ty = match &*ty {
            Type::Func(ft) if varargs => Rc::new(Type::Func(FuncType {
                kind: ft.kind,
                params: ft.params.clone(),
                ret: ft.ret.clone(),
                varargs: true,
            })),
            _ => ty,
        };
        let id = self.add_global(GlobalInfo {
            name: full.to_string(),
            ty: ty.clone(),
            kind: IdKind::Func,
            span: Span::default(),
            doc: Vec::new(),
            redefable: false,
            exported: true,
        });
        let mut fv = FuncVal::new(full.to_string(), FuncKind::Function, ty, Span::default());
        fv.builtin = Some(def.func);
        self.interp.globals.values.push(Value::Func(Rc::new(fv)));
        Some(id)
    }
}
