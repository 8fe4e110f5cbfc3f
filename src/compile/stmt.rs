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
                self.check_deprecated_id(id, name.span);
                let ty = self.global_type(id);
                if !self.is_event_target(id, name, args, span) {
                    return None;
                }
                let xs = self.event_args(id, name, &ty, args, span);
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
                let before = self.errors;
                let (x, t) = self.expr(e);
                if self.errors == before
                    && !t.is_error()
                    && !matches!(e.kind, ast::ExprKind::Call(..) | ast::ExprKind::HookCall(_))
                    && is_pure(e)
                {
                    let text = describe::expr(e);
                    self.warning(span, format!("expression value ignored ({text})"));
                }
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
                let cx = self.test_expr(c, "conditional in test must be boolean");
                let tb = self.stmt_list(t);
                let eb = e.as_ref().map(|e| self.stmt_list(e)).unwrap_or_default();
                st(S::If(cx, tb, eb), span)
            }
            StmtKind::While(c, b) => {
                let cx = self.test_expr(c, "while conditional must be boolean");
                self.enter_loop(1);
                let bb = self.stmt_list(b);
                self.enter_loop(-1);
                st(S::While(cx, bb), span)
            }
            StmtKind::For(vars, iter, body) => return self.for_stmt(vars, iter, body, span),
            StmtKind::Switch(e, cases) => return self.switch(e, cases, span),
            StmtKind::Break => {
                let ok = self.in_loop()
                    || self
                        .scope
                        .as_ref()
                        .is_some_and(|s| s.in_switch > 0 || s.kind == FuncKind::Hook);
                if !ok {
                    let name = self.func_name.clone();
                    self.misplaced_flow.push((
                        name,
                        span,
                        "break statement used outside of for, while or switch statement and not within a hook. (break )",
                    ));
                }
                st(S::Break, span)
            }
            StmtKind::Next => {
                if !self.in_loop() {
                    let name = self.func_name.clone();
                    self.misplaced_flow.push((
                        name,
                        span,
                        "next statement used outside of for or while statement. (next )",
                    ));
                }
                st(S::Next, span)
            }
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
                            self.error(
                                span,
                                format!(
                                    "return statement cannot have an expression (return ({}))",
                                    describe::expr(e)
                                ),
                            );
                            Some(x)
                        } else {
                            Some(self.coerce(x, &t, &ret, e.span))
                        }
                    }
                    // Zeek lets a `when` body (a lambda of its own) and a
                    // hook return without a value.
                    None => {
                        if !matches!(&*ret, Type::Void | Type::Error)
                            && !in_hook
                            && self.when_depth == 0
                        {
                            self.error(span, "return statement needs expression (return )");
                        }
                        None
                    }
                };
                st(S::Return(x), span)
            }
            StmtKind::Add(e) => {
                // Zeek allows `add` only of an element of a set.
                let illegal = |c: &mut Self| {
                    let text = format!("add {}", describe::expr(e));
                    c.error(span, format!("illegal add expression ({text})"));
                };
                let ast::ExprKind::Index(t, idx) = &e.kind else {
                    let (_, t) = self.expr(e);
                    if !t.is_error() {
                        illegal(self);
                    }
                    return None;
                };
                let (tx, tt) = self.expr(t);
                let Some(tab) = tt.as_table().filter(|t| t.yield_.is_none()) else {
                    if !tt.is_error() {
                        illegal(self);
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
                            self.illegal_delete(e, span);
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
                    // Only a field that may be missing can be deleted; a
                    // field with `&default` gets its default back.
                    let (optional, has_default) = {
                        let fields = rec.fields.borrow();
                        (fields[i].optional, fields[i].default.is_some())
                    };
                    if !optional && !has_default {
                        self.illegal_delete(e, span);
                        return None;
                    }
                    st(S::DeleteField(rx, i as u32), span)
                }
                // Only a container named directly can be emptied.
                ast::ExprKind::Name(_) => {
                    let (x, t) = self.expr(e);
                    if !matches!(&*t, Type::Table(_) | Type::Vector(_) | Type::Error) {
                        self.illegal_delete(e, span);
                        return None;
                    }
                    st(S::Clear(x), span)
                }
                _ => {
                    let (_, t) = self.expr(e);
                    if !t.is_error() {
                        self.illegal_delete(e, span);
                    }
                    return None;
                }
            },
            StmtKind::Local {
                is_const,
                name,
                ty,
                init,
                attrs,
            } => {
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
                // A function has one scope: a name declared again in it
                // is an error, located at the first declaration (and the
                // new initializer).
                let earlier = self
                    .scope
                    .as_ref()
                    .and_then(|s| s.lookup(&name.text))
                    .filter(|_| name.text != "_")
                    .map(|l| l.span);
                if let Some(at) = earlier {
                    let msg = format!("already defined ({})", name.text);
                    match init {
                        Some(e) => self.error_two(at, e.span, msg),
                        None => self.error(at, msg),
                    }
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
                // `local t: T = table() &default=x`: Zeek's grammar gives the
                // attributes to the empty constructor, checked as it takes
                // the declared type.
                let ctor_attrs = declared.is_some()
                    && !attrs.is_empty()
                    && matches!(init.as_ref().map(|e| &e.kind),
                        Some(ast::ExprKind::Table(items)) if items.is_empty());
                if !attrs.is_empty() && !ctor_attrs {
                    // Zeek places a local's attributes on the statement.
                    self.check_attr_list(attrs, &ty, Default::default(), span);
                }
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
                        let untyped = init.as_ref().filter(|_| ctor_attrs).map(|e| e.span);
                        if let Some(a) = self.table_attrs_of(&ty, attrs, untyped) {
                            if let ir::ExprKind::Table(_, _, ta) = &mut x.kind {
                                *ta = a;
                            }
                        }
                        Some(x)
                    }
                    None => None,
                };
                let lv = self.declare_local(name, ty, *is_const);
                if let (Some(_), ir::LValue::Local(slot)) = (&self.usage, &lv) {
                    let has = |n: &str| attrs.iter().any(|a| a.name == n);
                    let (is_used, is_assigned) = (has("is_used"), has("is_assigned"));
                    if let Some(l) = self
                        .scope
                        .as_mut()
                        .and_then(|s| s.locals.iter_mut().rev().find(|l| l.slot == *slot))
                    {
                        l.is_used |= is_used;
                        l.is_assigned |= is_assigned;
                    }
                    if let Some(e) = init {
                        self.usage_text(span, |c| format!("{} = {}", name.text, c.usage_value(e)));
                    }
                }
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
                    None => self.test_expr(&w.cond, "conditional in test must be boolean"),
                };
                self.when_depth += 1;
                let body = self.block(&w.body.stmts);
                self.when_depth -= 1;
                let timeout = match &w.timeout {
                    Some((t, b)) => {
                        let before = self.errors;
                        let (tx, tt) = self.expr(t);
                        if self.errors == before
                            && !matches!(&*tt, Type::Time | Type::Interval | Type::Error)
                        {
                            self.error(
                                t.span,
                                format!(
                                    "when timeout requires a time or time interval ({})",
                                    describe::expr(t)
                                ),
                            );
                        }
                        self.when_depth += 1;
                        let tb = self.block(&b.stmts);
                        self.when_depth -= 1;
                        Some((tx, tb))
                    }
                    None => None,
                };
                let info = Rc::new(ir::WhenInfo {
                    cond,
                    body,
                    timeout,
                    is_return: w.is_return,
                    binds: w.local.is_some(),
                    deps: self.when_deps(&w.cond),
                });
                if self.usage.is_some() {
                    // Zeek makes a closure of the statement: what it
                    // captures holds a value on entry.
                    let captured: Vec<u32> = super::usage::when_captures(&info)
                        .into_iter()
                        .chain(super::usage::when_local(&info))
                        .collect();
                    let body = super::usage::Body::When(&info);
                    self.analyze_usage(body, captured.clone(), captured);
                }
                st(S::When(info), span)
            }
            StmtKind::Assert(c, m) => {
                let cx = self.test_expr(c, "conditional must be boolean");
                let mx = m.as_ref().map(|m| {
                    let before = self.errors;
                    let (x, t) = self.expr(m);
                    if self.errors == before && !matches!(&*t, Type::String | Type::Error) {
                        self.error(
                            m.span,
                            format!("message must be string ({})", describe::expr(m)),
                        );
                    }
                    x
                });
                st(S::Assert(cx, mx, describe::expr_quoted(c)), span)
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
        if at != span {
            self.usage_place(span, at);
        }
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

    /// Whether the name an `event` statement or `schedule` raises is an
    /// event; if not, says so as Zeek does.
    pub(crate) fn is_event_target(
        &mut self,
        id: u32,
        name: &ast::Name,
        args: &[ast::Expr],
        span: Span,
    ) -> bool {
        let ty = self.global_type(id);
        let flavor = ty.as_func().map(|f| f.kind);
        if flavor == Some(FuncKind::Event) {
            return true;
        }
        let mut text = format!("{}(", name.text);
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str(&describe::expr(a));
        }
        text.push(')');
        let msg = if flavor.is_some() {
            "function invoked as an event"
        } else {
            "not an event"
        };
        self.error(span, format!("{msg} ({text})"));
        false
    }

    /// The test of an `if`, `while`, `when` or `assert`: Zeek wants a bool,
    /// and says so in the statement's own words.
    fn test_expr(&mut self, e: &ast::Expr, msg: &str) -> ir::Expr {
        let before = self.errors;
        let (x, t) = self.expr(e);
        if self.errors == before && !matches!(&*t, Type::Bool | Type::Error) {
            self.error(e.span, format!("{msg} ({})", describe::expr(e)));
        }
        x
    }

    fn illegal_delete(&mut self, e: &ast::Expr, span: Span) {
        let text = format!("delete {}", describe::expr(e));
        self.error(span, format!("illegal delete expression ({text})"));
    }

    fn stmt_list(&mut self, s: &ast::Stmt) -> Vec<ir::Stmt> {
        match &s.kind {
            StmtKind::Block(b) => self.scoped_block(&b.stmts),
            _ => self.stmt(s).into_iter().collect(),
        }
    }

    fn enter_loop(&mut self, d: i32) {
        match &mut self.scope {
            Some(s) => s.in_loop = (s.in_loop as i32 + d).max(0) as u32,
            None => self.top_loops = (self.top_loops as i32 + d).max(0) as u32,
        }
    }

    /// Whether `next` (or `break`) has a loop to act on here.
    fn in_loop(&self) -> bool {
        match &self.scope {
            Some(s) => s.in_loop > 0,
            None => self.top_loops > 0,
        }
    }

    /// A loop variable: a new local, or an existing local of the same
    /// type. Zeek refuses constants and globals here, and `_` takes any
    /// type without naming a variable.
    fn loop_var(&mut self, name: &ast::Name, ty: TypeRef, iter: &ast::Expr) -> Option<u32> {
        if name.text == "_" {
            return self.scope.as_mut().map(|s| s.scratch());
        }
        let known = self
            .scope
            .as_ref()
            .and_then(|s| s.lookup(&name.text))
            .map(|l| (l.ty.clone(), l.is_const, l.span, l.slot));
        // Zeek still takes two different enum types as the same, with a
        // warning.
        let mixed = match &known {
            Some((known, _, _, _)) => self.mixed_enums(known, &ty, name.span),
            None => false,
        };
        let refused = match &known {
            Some((_, true, at, _)) => Some((*at, "constant")),
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
                    describe::expr(iter)
                ),
            );
            return None;
        }
        if let Some((kt, _, _, slot)) = known {
            // A local declared before keeps its type, which must fit.
            if !mixed && !types::same_type(&kt, &ty) && !kt.is_error() {
                self.error_also(
                    iter.span,
                    crate::diag::Also::After(kt.to_string()),
                    format!(
                        "type clash in iteration ({} and {kt})",
                        describe::expr(iter)
                    ),
                );
                return None;
            }
            return Some(slot);
        }
        if let Some(scope) = &mut self.scope {
            return Some(scope.declare_loop_var(&name.text, ty, name.span));
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
        let (names, value): (Vec<&ast::Name>, Option<&ast::Name>) = match vars {
            ForVars::One(n) => (vec![n], None),
            ForVars::Index(ns) => (ns.iter().collect(), None),
            ForVars::KeyValue(k, v) => (vec![k], Some(v)),
            ForVars::IndexValue(ks, v) => (ks.iter().collect(), Some(v)),
        };
        let what = describe::expr(iter);
        let kind = match &*it {
            Type::Table(tt) => {
                let index = tt.index.clone();
                let yield_ = tt.yield_.clone();
                let mut keys = Vec::new();
                if names.len() == 1 && names[0].text == "_" {
                    // One `_` stands for the whole index.
                } else if names.len() != index.len() {
                    self.error(iter.span, format!("wrong index size ({what})"));
                    return None;
                } else {
                    for (n, t) in names.iter().zip(index) {
                        keys.push(self.loop_var(n, t, iter)?);
                    }
                }
                let value = match (value, yield_) {
                    (Some(v), Some(y)) => Some(self.loop_var(v, y, iter)?),
                    (Some(_), None) => {
                        self.error(
                            iter.span,
                            format!(
                                "key value for loops only support iteration over tables or vectors ({what})"
                            ),
                        );
                        return None;
                    }
                    _ => None,
                };
                ForKind::Table { keys, value }
            }
            Type::Vector(elem) => {
                let elem = elem.clone();
                if names.len() != 1 {
                    self.error(
                        iter.span,
                        format!(
                            "iterating over a vector requires only a single index type ({what})"
                        ),
                    );
                    return None;
                }
                let known = self
                    .scope
                    .as_ref()
                    .and_then(|s| s.lookup(&names[0].text))
                    .map(|l| l.ty.clone());
                if let Some(kt) = known.filter(|_| names[0].text != "_") {
                    if !matches!(&*kt, Type::Count | Type::Int | Type::Error) {
                        self.error(
                            iter.span,
                            format!("vector index in \"for\" loop must be integral ({what})"),
                        );
                        return None;
                    }
                }
                let index = match self.scope.as_ref().and_then(|s| s.lookup(&names[0].text)) {
                    Some(l) if names[0].text != "_" && !l.is_const => l.slot,
                    _ => self.loop_var(names[0], types::count(), iter)?,
                };
                let value = match value {
                    Some(v) => Some(self.loop_var(v, elem, iter)?),
                    None => None,
                };
                ForKind::Vector { index, value }
            }
            Type::String => {
                if names.len() != 1 {
                    self.error(
                        iter.span,
                        format!(
                            "iterating over a string requires only a single index type ({what})"
                        ),
                    );
                    return None;
                }
                let known = self
                    .scope
                    .as_ref()
                    .and_then(|s| s.lookup(&names[0].text))
                    .map(|l| l.ty.clone());
                if let Some(kt) = known.filter(|_| names[0].text != "_") {
                    if !matches!(&*kt, Type::String | Type::Error) {
                        self.error(
                            iter.span,
                            format!("string index in \"for\" loop must be string ({what})"),
                        );
                        return None;
                    }
                }
                let var = self.loop_var(names[0], types::string(), iter)?;
                if value.is_some() {
                    self.error(
                        iter.span,
                        format!(
                            "key value for loops only support iteration over tables or vectors ({what})"
                        ),
                    );
                    return None;
                }
                ForKind::String { var }
            }
            Type::Error => return None,
            _ => {
                self.error(
                    iter.span,
                    format!(
                        "target to iterate over must be a table, set, vector, or string ({what})"
                    ),
                );
                return None;
            }
        };
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
        self.check_case_bodies(cases);
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
                CaseLabel::Default => match default {
                    Some(first) => {
                        let first_case: &ast::Case = &cases[first];
                        let text = format!(
                            "multiple default labels ({} and {})",
                            describe::case(c),
                            describe::case(first_case)
                        );
                        self.error_two(c.span, first_case.span, text);
                    }
                    None => default = Some(i),
                },
                CaseLabel::Values(vals) => self.value_labels(e, &vt, vals, i, &mut by_value),
                CaseLabel::Types(ts) => {
                    for (t, n) in ts {
                        let ty = self.resolve_type(t);
                        // `as x` declares x as the case is read, whatever
                        // becomes of the label.
                        let slot = match n {
                            Some(n) => match self.declare_local(n, ty.clone(), false) {
                                ir::LValue::Local(slot) => Some(slot),
                                _ => None,
                            },
                            None => None,
                        };
                        if !matches!(&*vt, Type::Any | Type::Error)
                            && !ty.is_error()
                            && !types::same_type(&vt, &ty)
                        {
                            self.error(
                                c.span,
                                format!(
                                    "cannot cast switch expression to case type ({})",
                                    describe::case(c)
                                ),
                            );
                            continue;
                        }
                        if by_type
                            .iter()
                            .any(|(u, _): &(TypeRef, usize)| types::same_type(u, &ty))
                        {
                            self.error(
                                c.span,
                                format!("duplicate case label ({})", describe::case(c)),
                            );
                            continue;
                        }
                        by_type.push((ty.clone(), i));
                        if let Some(slot) = slot {
                            bind = Some((slot, ty));
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
    /// The values of one `case`: constants of exactly the switch's type,
    /// each given once in the whole switch.
    fn value_labels(
        &mut self,
        e: &ast::Expr,
        vt: &TypeRef,
        vals: &[ast::Expr],
        case: usize,
        by_value: &mut AHashMap<Value, usize>,
    ) {
        if !is_atomic(vt) {
            self.error(
                e.span,
                format!(
                    "switch expression must be of an atomic type when cases are expressions ({})",
                    describe::expr(e)
                ),
            );
        }
        let mut typed = Vec::with_capacity(vals.len());
        let mut clash = false;
        for v in vals {
            let before = self.errors;
            let (x, t) = self.expr(v);
            if self.errors != before || t.is_error() {
                return;
            }
            clash |= !types::same_type(&t, vt)
                && !matches!(&*t, Type::Any)
                && !matches!(&**vt, Type::Any);
            typed.push(x);
        }
        if clash {
            if vt.is_error() {
                return;
            }
            let first = vals[0].span;
            let last = vals[vals.len() - 1].span;
            let labels = Span::new(first.file, first.lo as usize, last.hi as usize);
            let mut text = String::new();
            for (k, v) in vals.iter().enumerate() {
                if k > 0 {
                    text.push_str(", ");
                }
                text.push_str(&describe::expr(v));
            }
            text.push_str(" and ");
            text.push_str(&describe::expr(e));
            self.error_two(
                labels,
                e.span,
                format!("case expression type differs from switch type ({text})"),
            );
            return;
        }
        for (v, x) in vals.iter().zip(typed) {
            if !self.is_constant_label(v) {
                self.error(
                    v.span,
                    format!(
                        "case label expression isn't constant ({})",
                        describe::expr(v)
                    ),
                );
                continue;
            }
            match self.interp.eval(&x) {
                Ok(val) => {
                    if by_value.insert(val, case).is_some() {
                        self.error(
                            v.span,
                            format!("duplicate case label ({})", describe::expr(v)),
                        );
                    }
                }
                Err(_) => self.error(
                    v.span,
                    format!(
                        "case label expression isn't constant ({})",
                        describe::expr(v)
                    ),
                ),
            }
        }
    }

    /// What Zeek takes as a constant case label: a literal, a literal
    /// with a sign, or the name of a constant.
    fn is_constant_label(&mut self, v: &ast::Expr) -> bool {
        use ast::ExprKind as E;
        match &v.kind {
            E::Literal(_) => true,
            E::Unary(ast::UnOp::Neg | ast::UnOp::Pos, x) => matches!(x.kind, E::Literal(_)),
            E::Name(n) => {
                if self
                    .scope
                    .as_ref()
                    .is_some_and(|s| s.lookup(&n.text).is_some())
                {
                    return false;
                }
                self.lookup_global(&n.text).is_some_and(|id| {
                    matches!(
                        self.globals.info(id).kind,
                        IdKind::Const | IdKind::EnumConst
                    )
                })
            }
            _ => false,
        }
    }

    /// Zeek's rules on each case as it is read: it ends in break,
    /// fallthrough or return, and a case that binds the cast value cannot
    /// fall through.
    fn check_case_bodies(&mut self, cases: &[ast::Case]) {
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
            if let CaseLabel::Types(ts) = &c.label {
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

/// Whether evaluating an expression has no effect besides its value, as
/// Zeek judges it (calls count as effects): a statement of such an
/// expression draws a warning.
fn is_pure(e: &ast::Expr) -> bool {
    use ast::ExprKind as E;
    match &e.kind {
        E::Literal(_) | E::Name(_) | E::TypeValue(_) => true,
        E::Field(x, _) | E::HasField(x, _) | E::Size(x) | E::Copy(x) => is_pure(x),
        E::As(x, _) | E::CanCast(x, _) | E::Is(x, _) => is_pure(x),
        E::Unary(op, x) => !matches!(op, ast::UnOp::PreInc | ast::UnOp::PreDec) && is_pure(x),
        E::Binary(_, a, b) => is_pure(a) && is_pure(b),
        E::Cond(a, b, c) => is_pure(a) && is_pure(b) && is_pure(c),
        E::Index(x, idx) => is_pure(x) && idx.iter().all(is_pure),
        E::Slice(x, a, b) => {
            is_pure(x) && a.as_deref().is_none_or(is_pure) && b.as_deref().is_none_or(is_pure)
        }
        E::Bracket(xs)
        | E::Brace(xs)
        | E::Record(xs)
        | E::Set(xs)
        | E::Table(xs)
        | E::Vector(xs) => xs.iter().all(is_pure),
        E::FieldAssign(_, x) => is_pure(x),
        E::WithAttrs(x, _) => is_pure(x),
        E::Lambda(_) => true,
        E::Call(..)
        | E::HookCall(_)
        | E::Assign(..)
        | E::PostIncr(_)
        | E::PostDecr(_)
        | E::AddTo(_)
        | E::DeleteFrom(_)
        | E::Schedule(..) => false,
    }
}

/// Whether a switch on values of this type can use value labels (Zeek's
/// atomic types: numbers, strings, addresses, subnets and what is stored
/// as a number).
fn is_atomic(t: &TypeRef) -> bool {
    matches!(
        &**t,
        Type::Bool
            | Type::Count
            | Type::Int
            | Type::Double
            | Type::Time
            | Type::Interval
            | Type::Port
            | Type::Enum(_)
            | Type::String
            | Type::Addr
            | Type::Subnet
            | Type::Error
    )
}
