//! Declarations: globals, types, redefs, functions, events and hooks.

use super::scope::{qualify, GlobalInfo, IdKind};
use super::Compiler;
use crate::runtime::func::FuncVal;
use crate::runtime::ir;
use crate::runtime::types::{self, FuncType, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, Decl, DeclKind, FuncKind, GlobalKind, InitOp, Span};
use std::rc::Rc;

impl Compiler {
    pub fn decl(&mut self, d: &Decl) {
        match &d.kind {
            DeclKind::Module(n) => {
                self.module = n.text.clone();
                self.modules.insert(n.text.clone());
                self.interp
                    .ext
                    .get_or_default::<crate::bif::ids::GlobalFlags>()
                    .add_module(&n.text);
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
                _ => self.declare_var(*kind, name, ty.as_ref(), init.as_ref(), attrs, &d.doc),
            },
            DeclKind::Type { name, ty, attrs } => {
                self.declare_type(name, ty, &d.doc);
                let full = qualify(&self.module, &name.text);
                if let Some(id) = self.globals.get(&full) {
                    self.note_deprecated_id(id, attrs);
                }
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
        init: Option<&(InitOp, ast::Expr)>,
        attrs: &[ast::Attr],
        doc: &[String],
    ) {
        // `-=` on a name that has no value yet gives it the initializer's
        // type but no value, as in Zeek.
        let no_value = matches!(init, Some((InitOp::RemoveFrom, _)));
        let init = init.map(|(_, e)| e);
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
        if let Some(last) = attrs.last() {
            // Zeek places a global's attributes at the end of the last.
            let at = Span::new(
                last.span.file,
                last.span.hi.saturating_sub(1) as usize,
                last.span.hi as usize,
            );
            let place = super::attrs::AttrPlace {
                global: true,
                ..Default::default()
            };
            self.check_attr_list(attrs, &ty, place, at);
        }
        let id_kind = match (kind, ty.as_func().map(|f| f.kind)) {
            (GlobalKind::Const, _) => IdKind::Const,
            (GlobalKind::Option, _) => IdKind::Option,
            (_, Some(FuncKind::Event)) => IdKind::Event,
            (_, Some(FuncKind::Hook)) => IdKind::Hook,
            (_, Some(FuncKind::Function)) if init.is_none() => IdKind::Func,
            _ => IdKind::Var,
        };
        // A variable declared again: with `&redef` Zeek warns and takes the
        // new value; otherwise it is an error.
        let full = qualify(&self.module, &name.text);
        if let Some(prev) = self.globals.get(&full) {
            let info = self.globals.info(prev);
            if matches!(info.kind, IdKind::Var | IdKind::Const | IdKind::Option)
                && matches!(id_kind, IdKind::Var | IdKind::Const | IdKind::Option)
            {
                let (first, redefable, old_ty) = (info.span, info.redefable, info.ty.clone());
                let second = init.map(|e| e.span).or(ast_ty.map(|t| t.span));
                let msg = format!("already defined ({})", name.text);
                if !redefable {
                    match init {
                        Some(e) => self.error_two(first, e.span, msg),
                        None => self.error(first, msg),
                    }
                    return;
                }
                let warn = format!("redefinition requires \"redef\" ({})", name.text);
                match second {
                    Some(s)
                        if self.interp.output.sources.location(s)
                            != self.interp.output.sources.location(first) =>
                    {
                        let d = crate::diag::Diagnostic::warning(first, warn)
                            .with_also(crate::diag::Also::Span(s));
                        self.interp.report_diag(&d);
                    }
                    _ => self.warning(first, warn),
                }
                let Some(e) = init else {
                    self.error(first, msg);
                    return;
                };
                if !types::same_type(&old_ty, &ty) {
                    let msg = format!("redefinition changes type ({})", name.text);
                    self.error_two(first, e.span, msg);
                    return;
                }
                let init_ir = init_ir.map(|x| match &init_ty {
                    Some(t) => self.coerce(x, t, &ty, e.span),
                    None => x,
                });
                if let Some(v) = self.initial_value(&ty, init_ir, attrs, name) {
                    self.interp.globals.values[prev as usize] = v;
                }
                return;
            }
        }
        // A second declaration of an event or hook is an alternate
        // prototype: its `&deprecated` is the prototype's, not the name's.
        let existed = self
            .globals
            .get(&qualify(&self.module, &name.text))
            .is_some();
        let Some(id) = self.declare_id(name, ty.clone(), id_kind, doc) else {
            return;
        };
        if matches!(id_kind, IdKind::Event | IdKind::Hook) {
            self.note_deprecations(id, ast_ty, attrs, name.span);
        }
        if !(existed && matches!(id_kind, IdKind::Event | IdKind::Hook)) {
            self.note_deprecated_id(id, attrs);
        }
        // `&add_func` and `&delete_func` imply `&redef`.
        let redefable = attrs
            .iter()
            .any(|a| matches!(a.name.as_str(), "redef" | "add_func" | "delete_func"));
        self.globals.info_mut(id).redefable = redefable;
        self.note_redef_funcs(id, &ty, attrs);
        if let Some(g) = self.interp.ext.get_mut::<crate::bif::ids::GlobalFlags>() {
            g.set_redefinable(id, redefable);
            // global_ids() lists them, each with its expression as Zeek
            // writes it back.
            let texts = attrs
                .iter()
                .map(|a| (format!("&{}", a.name), a.value.as_ref().map(attr_text)))
                .collect();
            g.set_attributes(id, texts);
        }
        let init_ir = match (init_ir, init_ty) {
            (Some(x), Some(t)) => {
                let at = init.map_or(name.span, |e| e.span);
                let text = |me: &Self| match init {
                    Some(e) => format!("{} = {}", name.text, me.operand_text(e)),
                    None => name.text.clone(),
                };
                Some(self.coerce_assign(x, &t, &ty, at, &text))
            }
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
                let full = self.globals.info(id).name.clone();
                let mut fv = FuncVal::new(full, fk, ty.clone(), name.span);
                // A script prototype under a built-in's name declares that
                // built-in: the script gives the documentation, parameter
                // names and defaults, the interpreter the body.
                if fk == FuncKind::Function {
                    fv.builtin = crate::bif::find(&fv.name).map(|b| b.func);
                }
                self.interp.globals.values[id as usize] = Value::Func(Rc::new(fv));
            }
            return;
        }
        if no_value {
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
        self.check_deprecated_id(id, name.span);
        let ty = self.global_type(id);
        let (kind, redefable, first) = {
            let info = self.globals.info(id);
            (info.kind, info.redefable, info.span)
        };
        if matches!(kind, IdKind::Var | IdKind::Const) && !redefable {
            let msg = format!(
                "cannot redefine a variable not marked with &redef ({})",
                name.text
            );
            match init {
                Some((_, e)) => self.error_two(first, e.span, msg),
                None => self.error(first, msg),
            }
            return;
        }
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
        if *op != InitOp::Set {
            if let Some(f) = self.redef_funcs.get(&id).and_then(|(a, d)| {
                if *op == InitOp::AddTo {
                    a.clone()
                } else {
                    d.clone()
                }
            }) {
                self.redef_through_func(id, &f, e, &ty);
                return;
            }
        }
        // A redef's `{ ... }` is the list inside the braces, which Zeek
        // places where its elements are.
        let list;
        let e = match &e.kind {
            ast::ExprKind::Brace(items) if !items.is_empty() => {
                let (a, b) = (&items[0].span, &items[items.len() - 1].span);
                list = ast::Expr {
                    span: Span::new(a.file, a.lo as usize, b.hi as usize),
                    ..e.clone()
                };
                &list
            }
            _ => e,
        };
        let (x, t) = self.expr_expect(e, Some(&ty));
        if t.is_error() || super::ctor::is_failed_ctor(&t) {
            // Reported already; the variable keeps its value.
            return;
        }
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

    /// Remembers `&add_func` and `&delete_func`, once checked: each must
    /// be a function yielding the variable's type.
    fn note_redef_funcs(&mut self, id: u32, ty: &TypeRef, attrs: &[ast::Attr]) {
        let mut funcs: (Option<ast::Expr>, Option<ast::Expr>) = (None, None);
        for a in attrs {
            let is_add = match a.name.as_str() {
                "add_func" => true,
                "delete_func" => false,
                _ => continue,
            };
            let Some(v) = &a.value else { continue };
            let what = if is_add { "&add_func" } else { "&delete_func" };
            let saved = self.scope.take();
            let before = self.errors;
            let (_, ft) = self.expr(v);
            self.scope = saved;
            if self.errors != before || ft.is_error() {
                continue;
            }
            let Some(f) = ft.as_func() else {
                self.error(
                    v.span,
                    format!("{what} must be a function ({})", super::describe::expr(v)),
                );
                continue;
            };
            if !types::same_type(&f.ret, ty) {
                self.error(
                    v.span,
                    format!(
                        "{what} function must yield same type as variable ({})",
                        super::describe::expr(v)
                    ),
                );
                continue;
            }
            if is_add {
                funcs.0 = Some(v.clone());
            } else {
                funcs.1 = Some(v.clone());
            }
        }
        if funcs.0.is_some() || funcs.1.is_some() {
            self.redef_funcs.insert(id, funcs);
        }
    }

    /// `redef x += v` (or `-=`) with `&add_func` (`&delete_func`): the
    /// function gets the current value and `v`, and its result is the
    /// new value.
    fn redef_through_func(&mut self, id: u32, f: &ast::Expr, e: &ast::Expr, ty: &TypeRef) {
        let saved = self.scope.take();
        let (fx, _) = self.expr(f);
        let (x, t) = self.expr_expect(e, Some(ty));
        self.scope = saved;
        let x = self.coerce(x, &t, ty, e.span);
        let cur = self.interp.globals.values[id as usize].clone();
        let result = self.interp.eval(&fx).and_then(|fv| {
            let v = self.interp.eval(&x)?;
            match fv {
                Value::Func(func) => self.interp.call(&func, &[cur, v], e.span),
                _ => Err(self.interp.error_at(f.span, "value used but not set")),
            }
        });
        match result {
            Ok(v) => self.interp.globals.values[id as usize] = v,
            Err(err) => {
                self.interp.report_runtime(&err);
                self.errors += 1;
            }
        }
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
        // Records made while the scripts are read get the new fields one
        // by one below; any made since (a redef at the prompt) show this
        // value, computed once.
        if self.interp.globals.parse_time_records.is_none() {
            for d in &mut defs {
                if let Some(i) = d.default {
                    d.late_default = self.interp.eval_field_default(i).ok();
                }
            }
        }
        let mut existing = rt.fields.borrow_mut();
        let first_new = existing.len();
        let mut added = Vec::new();
        for (f, a) in defs.into_iter().zip(fields) {
            if existing.iter().any(|x| x.name == f.name) {
                continue;
            }
            added.push((existing.len(), a));
            existing.push(f);
        }
        drop(existing);
        let grew = !added.is_empty();
        for (i, a) in added {
            self.note_deprecated_fields(&rt, i, std::slice::from_ref(a));
        }
        if grew {
            self.interp.extend_parse_time_records(&rt, first_new);
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

    /// Attributes a global may not carry: `&default` except on tables
    /// (sets included), `&optional`. Reported at the end of the attribute
    /// list, as Zeek does; returns whether any was reported.
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

/// An attribute's expression as Zeek describes it: a constant as it
/// prints, anything else as written.
fn attr_text(e: &ast::Expr) -> String {
    use crate::runtime::value::Port;
    use crate::syntax::ast::{ExprKind, Literal};
    let v = match &e.kind {
        ExprKind::Literal(l) => match l {
            Literal::Bool(b) => Some(Value::Bool(*b)),
            Literal::Count(c) => Some(Value::Count(*c)),
            Literal::Double(d) => Some(Value::Double(*d)),
            Literal::String(s) => Some(Value::str(s)),
            Literal::Interval(d) => Some(Value::Interval(*d)),
            Literal::Port(n, p) => Some(Value::Port(Port { num: *n, proto: *p })),
            Literal::Addr(a) => Some(Value::addr(a.to_canonical())),
            _ => None,
        },
        _ => None,
    };
    match v {
        Some(v) => String::from_utf8_lossy(&crate::runtime::format::to_display(&v)).into_owned(),
        None => super::describe::expr(e),
    }
}
