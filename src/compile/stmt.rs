//! Statements.

use super::describe;
use super::scope::{GlobalInfo, IdKind};
use super::Compiler;
use crate::runtime::ir::{self, ForKind, StmtKind as S};
use crate::runtime::types::{self, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, CaseLabel, ForVars, FuncKind, Span, StmtKind};
use crate::syntax::token::Tok;
use ahash::AHashMap;
use std::rc::Rc;

fn st(kind: S, span: Span) -> ir::Stmt {
    ir::Stmt { kind, span }
}

impl Compiler {
    pub fn block(&mut self, stmts: &[ast::Stmt]) -> Vec<ir::Stmt> {
        stmts.iter().filter_map(|s| self.stmt(s)).collect()
    }

    /// A `{ }` block inside a function: locals declared in it may not be
    /// used after it.
    fn scoped_block(&mut self, stmts: &[ast::Stmt]) -> Vec<ir::Stmt> {
        if let Some(s) = &mut self.scope {
            s.enter_block();
        }
        let out = self.block(stmts);
        if let Some(s) = &mut self.scope {
            s.leave_block();
        }
        out
    }

    /// A statement at file level: its locals become globals.
    pub fn top_stmt(&mut self, s: &ast::Stmt) -> Option<ir::Stmt> {
        self.stmt(s)
    }

    /// Declares a variable: a frame slot inside a function, a global at
    /// file level.
    fn declare_local(&mut self, name: &ast::Name, ty: TypeRef, is_const: bool) -> ir::LValue {
        if let Some(scope) = &mut self.scope {
            return ir::LValue::Local(scope.declare(&name.text, ty, is_const, name.span));
        }
        let full = super::scope::qualify(&self.module, &name.text);
        if let Some(id) = self.globals.get(&full) {
            return ir::LValue::Global(id);
        }
        let id = self.add_global(GlobalInfo {
            name: full,
            ty,
            kind: if is_const { IdKind::Const } else { IdKind::Var },
            span: name.span,
            doc: Vec::new(),
            redefable: false,
            exported: false,
        });
        self.interp.globals.values.push(Value::Unset);
        ir::LValue::Global(id)
    }

    fn assign_stmt(lv: ir::LValue, init: ir::Expr, span: Span) -> ir::Stmt {
        match lv {
            ir::LValue::Local(slot) => st(S::Local(slot, Some(init)), span),
            lv => st(
                S::Expr(ir::Expr {
                    kind: ir::ExprKind::Assign(Box::new(lv), Box::new(init)),
                    span,
                }),
                span,
            ),
        }
    }

    pub fn stmt(&mut self, s: &ast::Stmt) -> Option<ir::Stmt> {
        let span = s.span;
        Some(match &s.kind {
            StmtKind::Print(args) => {
                let xs = args.iter().map(|a| self.expr(a).0).collect();
                st(S::Print(xs), span)
            }
            StmtKind::Event(name, args) => {
                if self.local_names_event(name) {
                    return None;
                }
                // Zeek names the whole invocation when the name is not an
                // event, declared or not.
                let not_event = |c: &mut Self| {
                    let mut text = format!("{}(", name.text);
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            text.push_str(", ");
                        }
                        text.push_str(&super::describe::expr(a));
                    }
                    text.push(')');
                    c.error(span, format!("not an event ({text})"));
                };
                let Some(id) = self.lookup_global(&name.text) else {
                    not_event(self);
                    return None;
                };
                let ty = self.global_type(id);
                if !matches!(ty.as_func(), Some(f) if f.kind == FuncKind::Event) {
                    not_event(self);
                    return None;
                }
                let xs = self.args(&ty, args, span);
                st(
                    S::Event(
                        ir::Expr {
                            kind: ir::ExprKind::Global(id),
                            span: name.span,
                        },
                        xs,
                    ),
                    span,
                )
            }
            StmtKind::Expr(e) => {
                let (x, _) = self.expr(e);
                // `hook 2 + 2;`: once the hook is refused, what is left is
                // a value nobody uses.
                if let ast::ExprKind::HookCall(h) = &e.kind {
                    if !matches!(h.kind, ast::ExprKind::Call(..)) {
                        let text = super::describe::expr(h);
                        self.warning(e.span, format!("expression value ignored ({text})"));
                    }
                }
                st(S::Expr(x), span)
            }
            StmtKind::If(c, t, e) => {
                let cx = self.bool_expr(c);
                let tb = self.stmt_list(t);
                let eb = e.as_ref().map(|e| self.stmt_list(e)).unwrap_or_default();
                st(S::If(cx, tb, eb), span)
            }
            StmtKind::While(c, b) => {
                let cx = self.bool_expr(c);
                self.enter_loop(1);
                let bb = self.stmt_list(b);
                self.enter_loop(-1);
                st(S::While(cx, bb), span)
            }
            StmtKind::For(vars, iter, body) => return self.for_stmt(vars, iter, body, span),
            StmtKind::Switch(e, cases) => return self.switch(e, cases, span),
            StmtKind::Break => st(S::Break, span),
            StmtKind::Next => st(S::Next, span),
            StmtKind::Fallthrough => st(S::Fallthrough, span),
            StmtKind::Return(e) => {
                let ret = self
                    .scope
                    .as_ref()
                    .map(|s| s.ret.clone())
                    .unwrap_or_else(types::void);
                let in_hook = self
                    .scope
                    .as_ref()
                    .is_some_and(|s| s.kind == FuncKind::Hook);
                let x = match e {
                    Some(e) if in_hook => {
                        self.warning(
                            span,
                            format!(
                                "Remove in v9.1: Returning values from a hook is deprecated. Consider using 'break' to inhibit lower-priority hooks, otherwise use an empty return if necessary. (return ({}))",
                                describe::expr(e)
                            ),
                        );
                        let (x, t) = self.expr(e);
                        let numeric = matches!(&*t, Type::Count | Type::Int | Type::Double);
                        if numeric {
                            self.error_also(
                                e.span,
                                crate::diag::Also::Before("bool".into()),
                                format!(
                                    "arithmetic mixed with non-arithmetic (bool and {})",
                                    describe::expr(e)
                                ),
                            );
                            Some(x)
                        } else {
                            Some(self.coerce(x, &t, &ret, e.span))
                        }
                    }
                    Some(e)
                        if matches!(&*ret, Type::Void)
                            && self.scope.as_ref().is_some_and(|s| s.infer_ret) =>
                    {
                        let (x, t) = self.expr(e);
                        if let Some(s) = self.scope.as_mut() {
                            s.ret = t;
                            s.infer_ret = false;
                        }
                        Some(x)
                    }
                    Some(e) => {
                        let (x, t) = self.expr_expect(e, Some(&ret));
                        if matches!(&*ret, Type::Void) {
                            self.error(e.span, "return value in function with no return type");
                            Some(x)
                        } else {
                            Some(self.coerce(x, &t, &ret, e.span))
                        }
                    }
                    None => None,
                };
                st(S::Return(x), span)
            }
            StmtKind::Add(e) => {
                let ast::ExprKind::Index(t, idx) = &e.kind else {
                    self.error(span, "add requires a set element");
                    return None;
                };
                let (tx, tt) = self.expr(t);
                let Some(tab) = tt.as_table() else {
                    if !tt.is_error() {
                        self.error(span, format!("add requires a set ({})", self.text(span)));
                    }
                    return None;
                };
                let index = tab.index.clone();
                let key = self.key_expr(&index, idx, e.span);
                st(S::Add(tx, key), span)
            }
            StmtKind::Delete(e) => match &e.kind {
                ast::ExprKind::Index(t, idx) => {
                    let (tx, tt) = self.expr(t);
                    let Some(tab) = tt.as_table() else {
                        if !tt.is_error() {
                            self.error(
                                span,
                                format!("delete requires a table or set ({})", self.text(span)),
                            );
                        }
                        return None;
                    };
                    let index = tab.index.clone();
                    let key = self.key_expr(&index, idx, e.span);
                    st(S::Delete(tx, key), span)
                }
                ast::ExprKind::Field(r, f) => {
                    let (rx, rt) = self.expr(r);
                    let rec = rt.as_record()?;
                    let Some(i) = rec.field_index(&f.text) else {
                        self.error(
                            e.span,
                            format!("no such field in record ({})", self.text(e.span)),
                        );
                        return None;
                    };
                    st(S::DeleteField(rx, i as u32), span)
                }
                _ => {
                    let (x, t) = self.expr(e);
                    if !matches!(&*t, Type::Table(_) | Type::Vector(_) | Type::Error) {
                        self.error(
                            span,
                            format!("illegal delete statement ({})", self.text(span)),
                        );
                    }
                    st(S::Clear(x), span)
                }
            },
            StmtKind::Local {
                is_const,
                name,
                ty,
                init,
                attrs,
            } => {
                self.check_attrs(attrs);
                let captured = self.scope.as_ref().and_then(|s| {
                    s.captured_names
                        .iter()
                        .find(|(n, _)| *n == name.text)
                        .map(|(_, at)| *at)
                });
                if let Some(at) = captured {
                    self.error_also(
                        at,
                        crate::diag::Also::Span(name.span),
                        format!("already defined ({})", name.text),
                    );
                    return None;
                }
                let declared = ty.as_ref().map(|t| self.resolve_type(t));
                let init_x = init.as_ref().map(|e| match declared {
                    None => self.untyped_init(e),
                    Some(_) => self.expr_expect(e, declared.as_ref()),
                });
                let ty = match (&declared, &init_x) {
                    (Some(d), _) => d.clone(),
                    (None, Some((_, t))) if t.is_unspecified() => {
                        self.untyped_empty_ctor(init.as_ref())
                    }
                    (None, Some((_, t))) => t.clone(),
                    (None, None) => {
                        self.error(name.span, "no type given");
                        types::error()
                    }
                };
                let init_x = match (init_x, init) {
                    (Some((_, t)), Some(e)) if matches!(*t, Type::Void) => {
                        let text = format!("{} = {}", name.text, self.text(e.span));
                        self.error(span, format!("can't assign void value ({text})"));
                        None
                    }
                    (Some((x, t)), Some(e)) => {
                        let text = |me: &Self| format!("{} = {}", name.text, me.operand_text(e));
                        Some(self.coerce_assign(x, &t, &ty, e.span, &text))
                    }
                    _ => self.empty_aggregate(&ty, span),
                };
                let init_x = match init_x {
                    Some(mut x) => {
                        if let Some(a) = self.table_attrs(&ty, attrs) {
                            if let ir::ExprKind::Table(_, _, ta) = &mut x.kind {
                                *ta = a;
                            }
                        }
                        Some(x)
                    }
                    None => None,
                };
                let lv = self.declare_local(name, ty, *is_const);
                match (lv, init_x) {
                    (lv, Some(x)) => Self::assign_stmt(lv, x, span),
                    (ir::LValue::Local(slot), None) => st(S::Local(slot, None), span),
                    _ => return None,
                }
            }
            StmtKind::When(w) => {
                self.check_when_captures(w, span);
                let cond = match &w.local {
                    Some(n) => {
                        let (x, t) = self.expr(&w.cond);
                        let lv = self.declare_local(n, t, false);
                        ir::Expr {
                            kind: ir::ExprKind::Assign(Box::new(lv), Box::new(x)),
                            span: w.cond.span,
                        }
                    }
                    None => self.bool_expr(&w.cond),
                };
                let body = self.block(&w.body.stmts);
                let timeout = match &w.timeout {
                    Some((t, b)) => {
                        let (tx, _) = self.expr(t);
                        Some((tx, self.block(&b.stmts)))
                    }
                    None => None,
                };
                st(
                    S::When(Rc::new(ir::WhenInfo {
                        cond,
                        body,
                        timeout,
                        is_return: w.is_return,
                        binds: w.local.is_some(),
                        deps: self.when_deps(&w.cond),
                    })),
                    span,
                )
            }
            StmtKind::Assert(c, m) => {
                let cx = self.bool_expr(c);
                let mx = m.as_ref().map(|m| self.expr(m).0);
                st(S::Assert(cx, mx, self.text(c.span)), span)
            }
            StmtKind::Block(b) => st(S::Block(self.scoped_block(&b.stmts)), span),
            StmtKind::Empty => return None,
        })
    }

    /// A `when` runs later, on copies of the locals it names in its
    /// capture list; Zeek requires that list to name exactly the outer
    /// locals the statement uses.
    fn check_when_captures(&mut self, w: &ast::WhenStmt, span: Span) {
        let Some(scope) = &self.scope else { return };
        let caps: Vec<&ast::Name> = w.captures.iter().flatten().map(|c| &c.name).collect();
        let unknown: Vec<&str> = caps
            .iter()
            .filter(|n| scope.lookup(&n.text).is_none())
            .map(|n| n.text.as_str())
            .collect();
        // The names the statement reads: identifiers in its text that are
        // not field names and not declared inside it.
        let mut parts: Vec<Span> = vec![w.cond.span, w.body.span];
        if let Some((t, b)) = &w.timeout {
            parts.push(t.span);
            parts.push(b.span);
        }
        let mut used: Vec<String> = Vec::new();
        let mut inner: Vec<String> = w.local.iter().map(|n| n.text.clone()).collect();
        for p in parts {
            let text = self.source_slice(p);
            let lexed = crate::syntax::lexer::lex(&text, "", "");
            let mut prev: Option<&Tok> = None;
            for (_, t, _) in &lexed.tokens {
                if let Tok::Id(n) = t {
                    match prev {
                        Some(Tok::Local | Tok::Const) => inner.push(n.to_string()),
                        Some(Tok::Dollar | Tok::HasField) => {}
                        _ => {
                            if !used.iter().any(|u| u == n) {
                                used.push(n.to_string());
                            }
                        }
                    }
                }
                prev = Some(t);
            }
        }
        let outer: Vec<String> = used
            .into_iter()
            .filter(|n| !inner.contains(n) && scope.lookup(n).is_some())
            .collect();
        for n in &unknown {
            if let Some(c) = caps.iter().find(|c| c.text == *n) {
                self.error(c.span, format!("no such local identifier: {n}"));
            }
        }
        let desc = super::describe::when(w, &unknown);
        // With a timeout, Zeek places the statement from the body's closing
        // brace to the end.
        let at = match &w.timeout {
            Some(_) => Span::new(
                span.file,
                w.body.span.hi.saturating_sub(1) as usize,
                span.hi as usize,
            ),
            None => span,
        };
        for n in &outer {
            if !caps.iter().any(|c| &c.text == n) {
                let msg =
                    format!("{n} is used inside \"when\" statement but not captured ({desc})");
                self.error(at, msg);
            }
        }
        for c in &caps {
            if !unknown.contains(&c.text.as_str()) && !outer.contains(&c.text) {
                let msg = format!(
                    "{} is captured but not used inside \"when\" statement ({desc})",
                    c.text
                );
                self.error(at, msg);
            }
        }
    }

    /// The globals a `when` condition names (not as fields): writes to
    /// them wake the waiting statement.
    fn when_deps(&mut self, cond: &ast::Expr) -> Vec<u32> {
        let text = self.source_slice(cond.span);
        let lexed = crate::syntax::lexer::lex(&text, "", "");
        let mut deps = Vec::new();
        let mut prev: Option<&Tok> = None;
        for (_, t, _) in &lexed.tokens {
            if let Tok::Id(n) = t {
                let field = matches!(prev, Some(Tok::Dollar | Tok::HasField | Tok::Local));
                let local = self.scope.as_ref().is_some_and(|s| s.lookup(n).is_some());
                if !field && !local {
                    if let Some(id) = self.lookup_global(n) {
                        if !deps.contains(&id) {
                            deps.push(id);
                        }
                    }
                }
            }
            prev = Some(t);
        }
        deps
    }

    fn stmt_list(&mut self, s: &ast::Stmt) -> Vec<ir::Stmt> {
        match &s.kind {
            StmtKind::Block(b) => self.scoped_block(&b.stmts),
            _ => self.stmt(s).into_iter().collect(),
        }
    }

    fn enter_loop(&mut self, d: i32) {
        if let Some(s) = &mut self.scope {
            s.in_loop = (s.in_loop as i32 + d).max(0) as u32;
        }
    }

    /// A loop variable: a new local, or an existing local of the same
    /// type. Zeek refuses constants and globals here.
    fn loop_var(&mut self, name: &ast::Name, ty: TypeRef, iter: &ast::Expr) -> Option<u32> {
        let known = self
            .scope
            .as_ref()
            .and_then(|s| s.lookup(&name.text))
            .map(|l| l.ty.clone());
        if let Some(known) = known {
            self.mixed_enums(&known, &ty, name.span);
        }
        let local = self.scope.as_ref().and_then(|s| s.lookup(&name.text));
        let refused = match local {
            Some(l) if l.is_const => Some((l.span, "constant")),
            Some(_) => None,
            None => self
                .lookup_global(&name.text)
                .filter(|&id| {
                    matches!(
                        self.globals.info(id).kind,
                        IdKind::Var | IdKind::Const | IdKind::Option
                    )
                })
                .map(|id| (self.globals.info(id).span, "global variable")),
        };
        if let Some((at, what)) = refused {
            self.error(at, format!("{what} used in 'for' loop ({})", name.text));
            self.error_also(
                iter.span,
                crate::diag::Also::After("error".into()),
                format!(
                    "type clash in iteration ({} and error)",
                    self.text(iter.span)
                ),
            );
            return None;
        }
        match self.declare_local(name, ty, false) {
            ir::LValue::Local(s) => Some(s),
            _ => None,
        }
    }

    fn for_stmt(
        &mut self,
        vars: &ForVars,
        iter: &ast::Expr,
        body: &ast::Stmt,
        span: Span,
    ) -> Option<ir::Stmt> {
        if self.scope.is_none() {
            // File-level loops run in a frame of their own.
            return self.in_temp_scope(|c| c.for_stmt(vars, iter, body, span));
        }
        let (ix, it) = self.expr(iter);
        let kind = match (&*it, vars) {
            (Type::Table(tt), _) => {
                let (names, value): (Vec<&ast::Name>, Option<&ast::Name>) = match vars {
                    ForVars::One(n) => (vec![n], None),
                    ForVars::Index(ns) => (ns.iter().collect(), None),
                    ForVars::KeyValue(k, v) => (vec![k], Some(v)),
                    ForVars::IndexValue(ks, v) => (ks.iter().collect(), Some(v)),
                };
                if names.len() != tt.index.len() {
                    self.error(
                        span,
                        format!("wrong index size for iteration ({})", self.text(iter.span)),
                    );
                    return None;
                }
                let index = tt.index.clone();
                let yield_ = tt.yield_.clone();
                let mut keys = Vec::new();
                for (n, t) in names.iter().zip(index) {
                    keys.push(self.loop_var(n, t, iter)?);
                }
                let value = match (value, yield_) {
                    (Some(v), Some(y)) => Some(self.loop_var(v, y, iter)?),
                    (Some(v), None) => {
                        self.error(v.span, "key-value iteration over a set");
                        return None;
                    }
                    _ => None,
                };
                ForKind::Table { keys, value }
            }
            (Type::Vector(_), ForVars::One(_) | ForVars::Index(_)) if vars_one(vars).is_some() => {
                let n = vars_one(vars)?;
                ForKind::Vector {
                    index: self.loop_var(n, types::count(), iter)?,
                    value: None,
                }
            }
            (Type::Vector(_), ForVars::One(n)) => ForKind::Vector {
                index: self.loop_var(n, types::count(), iter)?,
                value: None,
            },
            (Type::Vector(elem2), ForVars::IndexValue(ks, v)) if ks.len() == 1 => {
                let elem = elem2.clone();
                ForKind::Vector {
                    index: self.loop_var(&ks[0], types::count(), iter)?,
                    value: Some(self.loop_var(v, elem, iter)?),
                }
            }
            (Type::Vector(elem2), ForVars::KeyValue(k, v)) => {
                let elem = elem2.clone();
                ForKind::Vector {
                    index: self.loop_var(k, types::count(), iter)?,
                    value: Some(self.loop_var(v, elem, iter)?),
                }
            }
            (Type::String, ForVars::One(n)) => ForKind::String {
                var: self.loop_var(n, types::string(), iter)?,
            },
            (Type::Error, _) => return None,
            _ => {
                self.error(
                    span,
                    format!("cannot iterate over this type ({})", self.text(iter.span)),
                );
                return None;
            }
        };
        let _ = &kind;
        self.enter_loop(1);
        let b = self.stmt_list(body);
        self.enter_loop(-1);
        Some(st(S::For(kind, ix, b), span))
    }

    /// Compiles a file-level statement that needs frame slots inside a
    /// block of its own, run as a function body.
    fn in_temp_scope(&mut self, f: impl FnOnce(&mut Self) -> Option<ir::Stmt>) -> Option<ir::Stmt> {
        self.scope = Some(super::scope::FuncScope::new(
            FuncKind::Function,
            types::void(),
        ));
        let inner = f(self);
        let scope = self.scope.take()?;
        let inner = inner?;
        let span = inner.span;
        let body = Rc::new(ir::FuncBody {
            groups: Vec::new(),
            name: "<file-level statement>".into(),
            num_params: 0,
            frame_size: scope.next_slot,
            capture_slots: Vec::new(),
            arg_map: Vec::new(),
            body: vec![inner],
            span,
        });
        let fty = Rc::new(Type::Func(types::FuncType {
            kind: FuncKind::Function,
            params: Vec::new(),
            ret: types::void(),
            varargs: false,
        }));
        let call = ir::Expr {
            kind: ir::ExprKind::Call(
                Box::new(ir::Expr {
                    kind: ir::ExprKind::Lambda(body, fty, Vec::new()),
                    span,
                }),
                Vec::new(),
            ),
            span,
        };
        Some(st(S::Expr(call), span))
    }

    fn switch(&mut self, e: &ast::Expr, cases: &[ast::Case], span: Span) -> Option<ir::Stmt> {
        if self.scope.is_none() {
            return self.in_temp_scope(|c| c.switch(e, cases, span));
        }
        let (vx, vt) = self.expr(e);
        self.check_switch_form(e, cases, &vt);
        let mut by_value = AHashMap::new();
        let mut by_type = Vec::new();
        let mut default = None;
        let mut out = Vec::new();
        if let Some(s) = &mut self.scope {
            s.in_switch += 1;
        }
        for (i, c) in cases.iter().enumerate() {
            let mut bind = None;
            match &c.label {
                CaseLabel::Default => default = Some(i),
                CaseLabel::Values(vals) => {
                    for v in vals {
                        let (x, t) = self.expr(v);
                        let x = self.coerce(x, &t, &vt, v.span);
                        match self.interp.eval(&x) {
                            Ok(val) => {
                                if by_value.insert(val, i).is_some() {
                                    self.error(
                                        v.span,
                                        format!("duplicate case label ({})", self.text(v.span)),
                                    );
                                }
                            }
                            Err(_) => self.error(v.span, "case label expression isn't constant"),
                        }
                    }
                }
                CaseLabel::Types(ts) => {
                    for (t, n) in ts {
                        let ty = self.resolve_type(t);
                        if by_type
                            .iter()
                            .any(|(u, _): &(TypeRef, usize)| types::same_type(u, &ty))
                        {
                            self.error(
                                c.span,
                                format!("duplicate case label ({})", describe::case(c)),
                            );
                        }
                        by_type.push((ty.clone(), i));
                        if let Some(n) = n {
                            if let ir::LValue::Local(slot) =
                                self.declare_local(n, ty.clone(), false)
                            {
                                bind = Some((slot, ty));
                            }
                        }
                    }
                }
            }
            let body = self.block(&c.body);
            out.push(ir::SwitchCase { body, bind });
        }
        if let Some(s) = &mut self.scope {
            s.in_switch -= 1;
        }
        Some(st(
            S::Switch {
                value: vx,
                by_value,
                by_type,
                default,
                cases: out,
            },
            span,
        ))
    }
}

impl Compiler {
    /// Zeek's rules on the shape of a switch: cases are all values or all
    /// types, each ends in break/fallthrough/return, type cases only name
    /// types the value can be cast to, and a case that binds the cast
    /// value cannot fall through.
    fn check_switch_form(&mut self, e: &ast::Expr, cases: &[ast::Case], vt: &TypeRef) {
        let has_values = cases
            .iter()
            .any(|c| matches!(c.label, CaseLabel::Values(_)));
        let has_types = cases.iter().any(|c| matches!(c.label, CaseLabel::Types(_)));
        if has_values && has_types {
            self.error(
                e.span,
                format!(
                    "cannot mix cases with expressions and types ({})",
                    describe::switch(e, cases)
                ),
            );
        }
        for c in cases {
            if !ends_flow(&c.body) {
                self.error(
                    c.span,
                    format!(
                        "case block must end in break/fallthrough/return statement ({})",
                        describe::case(c)
                    ),
                );
            }
            let CaseLabel::Types(ts) = &c.label else {
                continue;
            };
            for (t, _) in ts {
                let ty = self.resolve_type(t);
                if !matches!(&**vt, Type::Any | Type::Error)
                    && !ty.is_error()
                    && !types::same_type(vt, &ty)
                {
                    self.error(
                        c.span,
                        format!(
                            "cannot cast switch expression to case type ({})",
                            describe::case(c)
                        ),
                    );
                }
            }
            if ts.iter().any(|(_, n)| n.is_some()) {
                let mut found = Vec::new();
                fallthroughs(&c.body, &mut found);
                for at in found {
                    self.error(at, "invalid 'fallthrough' in type-casting 'case' block");
                }
            }
        }
    }
}

/// Whether a case body ends in break, fallthrough or return.
fn ends_flow(body: &[ast::Stmt]) -> bool {
    match body.last().map(|s| &s.kind) {
        Some(StmtKind::Break | StmtKind::Fallthrough | StmtKind::Return(_)) => true,
        Some(StmtKind::Block(b)) => ends_flow(&b.stmts),
        _ => false,
    }
}

/// Every `fallthrough` in a case body, not counting nested switches.
fn fallthroughs(body: &[ast::Stmt], found: &mut Vec<Span>) {
    for s in body {
        match &s.kind {
            StmtKind::Fallthrough => found.push(s.span),
            StmtKind::Block(b) => fallthroughs(&b.stmts, found),
            StmtKind::If(_, a, b) => {
                fallthroughs(std::slice::from_ref(a), found);
                if let Some(b) = b {
                    fallthroughs(std::slice::from_ref(b), found);
                }
            }
            StmtKind::For(_, _, b) | StmtKind::While(_, b) => {
                fallthroughs(std::slice::from_ref(b), found)
            }
            _ => {}
        }
    }
}

/// The single loop variable of `for ( i in v )` or `for ( [i] in v )`.
fn vars_one(v: &ForVars) -> Option<&ast::Name> {
    match v {
        ForVars::One(n) => Some(n),
        ForVars::Index(ns) if ns.len() == 1 => Some(&ns[0]),
        _ => None,
    }
}
