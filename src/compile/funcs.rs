//! Functions, events and hooks: declarations and bodies, handlers with
//! their priorities and groups, alternate prototypes, and deprecation
//! notices for what they use.

use super::scope::{FuncScope, IdKind};
use super::Compiler;
use crate::runtime::func::{FuncVal, Handler};
use crate::runtime::ir;
use crate::runtime::types::{self, FuncType, ParamDef, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, FuncDecl, FuncKind, Span};
use std::rc::Rc;

impl Compiler {
    /// Declares a function, event or hook and compiles its body.
    pub(crate) fn func_decl(&mut self, f: &FuncDecl, doc: &[String]) {
        let ft = self.func_type(f.kind, &f.sig);
        let kind = match f.kind {
            FuncKind::Function => IdKind::Func,
            FuncKind::Event => IdKind::Event,
            FuncKind::Hook => IdKind::Hook,
        };
        // A body for an existing declaration, or a new declaration. As in
        // Zeek, a function or hook defined inside a module is that module's
        // (a global of the same name does not take the body); an event
        // handler may be for a global event.
        let existing = if f.kind == FuncKind::Event {
            self.lookup_global(&f.name.text)
        } else {
            let full = super::scope::qualify(&self.module, &f.name.text);
            self.globals.get(&full)
        };
        // A `const f: function(...) &redef;` declared without a value gets
        // its body from a later definition, as a prototype does.
        let bodiless_const = |c: &Self, id: u32| {
            c.globals.info(id).kind == IdKind::Const
                && c.globals.info(id).ty.as_func().is_some()
                && c.interp.globals.values[id as usize].is_unset()
        };
        let id = match existing {
            Some(id)
                if matches!(
                    self.globals.info(id).kind,
                    IdKind::Func | IdKind::Event | IdKind::Hook | IdKind::Var
                ) || bodiless_const(self, id) =>
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
        // Zeek warns when a body is given for a deprecated event or hook
        // (not function), then marks what this declaration deprecates.
        if f.kind != FuncKind::Function {
            self.check_deprecated_id(id, f.name.span);
        }
        self.note_deprecated_id(id, &f.attrs);
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
        if f.is_redef && f.kind != FuncKind::Function {
            // `redef event`: this body replaces all those given before.
            fv.handlers.borrow_mut().clear();
        }
        fv.add_handler(Handler {
            priority,
            body: Rc::new(body),
        });
    }

    /// The event groups of a handler: the one its `&group` names and the
    /// module it is written in.
    pub(crate) fn handler_groups(&mut self, attrs: &[ast::Attr]) -> Vec<u32> {
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
    pub(crate) fn handler_defaults(
        &mut self,
        id: u32,
        f: &FuncDecl,
        decl: &FuncType,
        body: &TypeRef,
    ) {
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

    /// A second declaration of an event or hook with other parameters: an
    /// alternate prototype, whose parameters must all be the canonical
    /// one's (by name).
    pub(crate) fn alternate_prototype(
        &mut self,
        id: u32,
        name: &ast::Name,
        ty: &TypeRef,
    ) -> Option<u32> {
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
    pub(crate) fn check_handler(&mut self, id: u32, handler: &TypeRef, at: Span) -> bool {
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
    pub(crate) fn deprecated_use(
        &mut self,
        at: Span,
        decl: Span,
        what: &str,
        msg: &str,
        ty: &TypeRef,
    ) {
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
    pub(crate) fn note_deprecations(
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

    pub(crate) fn arg_map(&self, declared: &TypeRef, sig: &ast::FuncSig) -> Vec<u32> {
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

    pub(crate) fn same_signature(&self, a: &FuncType, b: Option<&FuncType>) -> bool {
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
        let saved_name = self.func_name.replace(name.to_string());
        let stmts = self.block(&body.stmts);
        if self.usage.is_some() {
            let params = (0..sig.params.len() as u32).collect();
            self.analyze_usage(super::usage::Body::Func(&stmts), params, Vec::new());
        }
        self.func_name = saved_name;
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
                if let Some(last) = p.attrs.last() {
                    let at = Span::new(
                        p.name.span.file,
                        p.name.span.lo as usize,
                        last.span.hi as usize,
                    );
                    let place = super::attrs::AttrPlace {
                        param: true,
                        ..Default::default()
                    };
                    self.check_attr_list(&p.attrs, &ty, place, at);
                }
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
}
