//! Statements and expressions written the way Zeek describes them in its
//! messages: `switch (v) {case 1:{ print 1}}`, `return (x)`, constants
//! without quotes. Zeek quotes its own rendering of the tree rather than
//! the source text, so messages that name a statement need this form.

use crate::runtime::format;
use crate::syntax::ast::{self, BinOp, CaseLabel, ExprKind, Literal, StmtKind, UnOp};

/// The source text an expression came from, if known: with it, the
/// parentheses written around subexpressions are kept, as Zeek keeps them.
type Src<'a> = Option<&'a str>;

pub fn expr(e: &ast::Expr) -> String {
    let mut out = String::new();
    expr_into(&mut out, e, None);
    out
}

/// An expression as Zeek describes it, with the parentheses written in
/// `src` (the text of the expression's file) kept.
pub fn expr_in(e: &ast::Expr, src: &str) -> String {
    let mut out = String::new();
    expr_into(&mut out, e, Some(src));
    out
}

/// Whether the expression at `span` stands directly inside parentheses
/// of its own: not a call's, an index's or a statement's.
pub(crate) fn parenthesized(src: &str, span: crate::syntax::ast::Span) -> bool {
    let (lo, hi) = (span.lo as usize, span.hi as usize);
    let (Some(before), Some(after)) = (src.get(..lo), src.get(hi..)) else {
        return false;
    };
    let before = before.trim_end_matches([' ', '\t', '\r', '\n']);
    let after = after.trim_start_matches([' ', '\t', '\r', '\n']);
    let Some(head) = before.strip_suffix('(') else {
        return false;
    };
    if !after.starts_with(')') {
        return false;
    }
    let head = head.trim_end_matches([' ', '\t', '\r', '\n']);
    let word_start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .map_or(0, |i| i + 1);
    let word = &head[word_start..];
    match head.chars().last() {
        // A call's argument list, or a statement's parentheses.
        Some(c) if c.is_alphanumeric() || c == '_' => {
            matches!(
                word,
                "return" | "print" | "in" | "local" | "const" | "global"
            )
        }
        Some(')') | Some(']') => false,
        _ => true,
    }
}

thread_local! {
    /// Whether string constants are being written in quotes.
    static QUOTES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// An expression as Zeek describes it with quotes turned on (an `assert`
/// condition): string constants in double quotes.
pub fn expr_quoted(e: &ast::Expr) -> String {
    let was = QUOTES.with(|q| q.replace(true));
    let out = expr(e);
    QUOTES.with(|q| q.set(was));
    out
}

/// A `[...]` list.
pub fn bracket(items: &[ast::Expr]) -> String {
    let mut out = String::from("[");
    list(&mut out, items, None);
    out.push(']');
    out
}

/// A whole switch statement.
pub fn switch(e: &ast::Expr, cases: &[ast::Case]) -> String {
    let mut out = String::from("switch (");
    expr_into(&mut out, e, None);
    out.push_str(") {");
    for c in cases {
        case_into(&mut out, c, None);
    }
    out.push('}');
    out
}

/// A `when` statement; captures named in `unknown` show as `<error>`.
pub fn when(w: &ast::WhenStmt, unknown: &[&str]) -> String {
    let mut out = String::from("when ");
    if let Some(caps) = &w.captures {
        out.push('[');
        for (i, c) in caps.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if unknown.contains(&c.name.text.as_str()) {
                out.push_str("<error>");
            } else {
                out.push_str(&c.name.text);
            }
        }
        out.push(']');
    }
    out.push('(');
    if let Some(n) = &w.local {
        out.push_str("local ");
        out.push_str(&n.text);
        out.push_str(" = ");
    }
    expr_into(&mut out, &w.cond, None);
    out.push_str(") ");
    stmts(&mut out, &w.body.stmts, None);
    if let Some((t, b)) = &w.timeout {
        out.push_str(" timeout ");
        expr_into(&mut out, t, None);
        out.push(' ');
        stmts(&mut out, &b.stmts, None);
    }
    out
}

/// A `case` of a switch, as Zeek shows it in switch errors.
pub fn case(c: &ast::Case) -> String {
    let mut out = String::new();
    case_into(&mut out, c, None);
    out
}

/// A constructor as Zeek describes it: `table(k1, k2 = v, ...)`, the
/// brackets of each key dropped.
pub fn ctor(kind: &str, xs: &[ast::Expr], src: Option<&str>) -> String {
    let mut out = String::new();
    ctor_into(&mut out, kind, xs, src);
    out
}

fn ctor_into(out: &mut String, kind: &str, xs: &[ast::Expr], src: Src) {
    out.push_str(kind);
    out.push('(');
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match &x.kind {
            ExprKind::Assign(_, k, v) => {
                match &k.kind {
                    ExprKind::Bracket(ks) => list(out, ks, src),
                    _ => expr_into(out, k, src),
                }
                out.push_str(" = ");
                expr_into(out, v, src);
            }
            _ => expr_into(out, x, src),
        }
    }
    out.push(')');
}

fn list(out: &mut String, xs: &[ast::Expr], src: Src) {
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr_into(out, x, src);
    }
}

fn stmts(out: &mut String, body: &[ast::Stmt], src: Src) {
    if body.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push_str("{ ");
    for s in body {
        stmt_into(out, s, src);
    }
    out.push('}');
}

fn case_into(out: &mut String, c: &ast::Case, src: Src) {
    match &c.label {
        CaseLabel::Default => out.push_str("default:"),
        CaseLabel::Values(vs) => {
            out.push_str("case ");
            list(out, vs, src);
            out.push(':');
        }
        CaseLabel::Types(ts) => {
            out.push_str("case ");
            for (i, (t, n)) in ts.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str("type ");
                out.push_str(&type_text(t));
                if let Some(n) = n {
                    out.push_str(" as ");
                    out.push_str(&n.text);
                }
            }
            out.push(':');
        }
    }
    stmts(out, &c.body, src);
}

fn stmt_into(out: &mut String, s: &ast::Stmt, src: Src) {
    match &s.kind {
        StmtKind::Print(xs) => {
            out.push_str("print ");
            list(out, xs, src);
        }
        StmtKind::Event(n, xs) => {
            out.push_str("event ");
            out.push_str(&n.text);
            out.push('(');
            list(out, xs, src);
            out.push(')');
        }
        StmtKind::Expr(e) => expr_into(out, e, src),
        StmtKind::If(c, a, b) => {
            out.push_str("if (");
            expr_into(out, c, src);
            out.push_str(") ");
            stmt_into(out, a, src);
            if let Some(b) = b {
                out.push_str(" else ");
                stmt_into(out, b, src);
            }
        }
        StmtKind::For(_, e, body) => {
            out.push_str("for (");
            expr_into(out, e, src);
            out.push_str(") ");
            stmt_into(out, body, src);
        }
        StmtKind::While(c, body) => {
            out.push_str("while (");
            expr_into(out, c, src);
            out.push_str(") ");
            stmt_into(out, body, src);
        }
        StmtKind::Switch(e, cases) => out.push_str(&switch(e, cases)),
        StmtKind::Break => out.push_str("break"),
        StmtKind::Next => out.push_str("next"),
        StmtKind::Fallthrough => out.push_str("fallthrough"),
        StmtKind::Return(e) => {
            out.push_str("return");
            if let Some(e) = e {
                out.push_str(" (");
                expr_into(out, e, src);
                out.push(')');
            }
        }
        StmtKind::Add(e) => {
            out.push_str("add ");
            expr_into(out, e, src);
        }
        StmtKind::Delete(e) => {
            out.push_str("delete ");
            expr_into(out, e, src);
        }
        StmtKind::Local { name, .. } => {
            out.push_str("local ");
            out.push_str(&name.text);
        }
        StmtKind::When(w) => out.push_str(&when(w, &[])),
        StmtKind::Assert(c, _) => {
            out.push_str("assert ");
            expr_into(out, c, src);
        }
        StmtKind::Block(b) => stmts(out, &b.stmts, src),
        StmtKind::Empty => {}
    }
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::And => "&&",
        BinOp::Or => "||",
        BinOp::BitAnd => "&",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::Shl => "<<",
        BinOp::Shr => ">>",
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::In => "in",
        BinOp::NotIn => "!in",
    }
}

fn literal(out: &mut String, l: &Literal) {
    match l {
        Literal::Bool(b) => out.push(if *b { 'T' } else { 'F' }),
        Literal::Count(n) => out.push_str(&n.to_string()),
        Literal::Double(d) => out.push_str(&format::double(*d)),
        Literal::String(s) => {
            let quoted = QUOTES.with(|q| q.get());
            if quoted {
                out.push('"');
            }
            out.push_str(&String::from_utf8_lossy(&format::escape_bytes(s)));
            if quoted {
                out.push('"');
            }
        }
        Literal::Port(n, p) => out.push_str(&format!("{n}/{}", p.name())),
        Literal::Addr(a) => out.push_str(&format::addr(a)),
        Literal::Subnet(a, w) => out.push_str(&format::subnet(a, *w)),
        Literal::Interval(secs) => out.push_str(&format::interval(*secs)),
        Literal::Pattern(p, ci, dotall) => out.push_str(&format::pattern_text(p, *ci, *dotall)),
    }
}

fn expr_into(out: &mut String, e: &ast::Expr, src: Src) {
    let paren = src.is_some_and(|t| parenthesized(t, e.span));
    if paren {
        out.push('(');
    }
    expr_kind_into(out, e, src);
    if paren {
        out.push(')');
    }
}

fn expr_kind_into(out: &mut String, e: &ast::Expr, src: Src) {
    match &e.kind {
        ExprKind::Literal(l) => literal(out, l),
        ExprKind::Name(n) => out.push_str(&n.text),
        ExprKind::Field(r, f) => {
            expr_into(out, r, src);
            out.push('$');
            out.push_str(&f.text);
        }
        ExprKind::HasField(r, f) => {
            expr_into(out, r, src);
            out.push_str("?$");
            out.push_str(&f.text);
        }
        ExprKind::Index(x, idx) => {
            expr_into(out, x, src);
            out.push('[');
            list(out, idx, src);
            out.push(']');
        }
        ExprKind::Call(f, args) => {
            expr_into(out, f, src);
            out.push('(');
            list(out, args, src);
            out.push(')');
        }
        ExprKind::Unary(op, x) => {
            out.push_str(match op {
                UnOp::Neg => "-",
                UnOp::Pos => "+",
                UnOp::Not => "!",
                UnOp::BitNot => "~",
                UnOp::PreInc => "++",
                UnOp::PreDec => "--",
            });
            expr_into(out, x, src);
        }
        // Zeek keeps `a > b` as `b < a` (and `>=` as `<=`), and shows it so.
        ExprKind::Binary(op @ (BinOp::Gt | BinOp::Ge), a, b) => {
            expr_into(out, b, src);
            out.push_str(if *op == BinOp::Gt { " < " } else { " <= " });
            expr_into(out, a, src);
        }
        ExprKind::Binary(op, a, b) => {
            expr_into(out, a, src);
            out.push(' ');
            out.push_str(binop(*op));
            out.push(' ');
            expr_into(out, b, src);
        }
        ExprKind::Assign(_, a, b) => {
            expr_into(out, a, src);
            out.push_str(" = ");
            expr_into(out, b, src);
        }
        ExprKind::Cond(c, a, b) => {
            expr_into(out, c, src);
            out.push_str(" ? ");
            expr_into(out, a, src);
            out.push_str(" : ");
            expr_into(out, b, src);
        }
        // Zeek names the operator rather than writing the bars.
        ExprKind::Size(x) => {
            out.push_str("sizeof ");
            expr_into(out, x, src);
        }
        // Without `$` names, brackets hold a plain list, which Zeek
        // writes without them.
        ExprKind::Bracket(xs)
            if !xs
                .iter()
                .any(|x| matches!(x.kind, ExprKind::FieldAssign(..))) =>
        {
            list(out, xs, src);
        }
        ExprKind::Bracket(xs) | ExprKind::Record(xs) => {
            out.push('[');
            list(out, xs, src);
            out.push(']');
        }
        ExprKind::FieldAssign(n, x) => {
            out.push('$');
            out.push_str(&n.text);
            out.push('=');
            expr_into(out, x, src);
        }
        ExprKind::Set(xs) => {
            out.push_str("set(");
            list(out, xs, src);
            out.push(')');
        }
        ExprKind::Table(xs) => ctor_into(out, "table", xs, src),
        ExprKind::Vector(xs) => {
            out.push_str("vector(");
            list(out, xs, src);
            out.push(')');
        }
        ExprKind::Copy(x) => {
            out.push_str("copy(");
            expr_into(out, x, src);
            out.push(')');
        }
        ExprKind::WithAttrs(x, _) => expr_into(out, x, src),
        ExprKind::HookCall(x) => {
            out.push_str("hook ");
            expr_into(out, x, src);
        }
        ExprKind::AddTo(x) => {
            out.push_str("add ");
            expr_into(out, x, src);
        }
        ExprKind::DeleteFrom(x) => {
            out.push_str("delete ");
            expr_into(out, x, src);
        }
        // Forms rare in messages: the source spelling is close enough.
        _ => out.push_str(&other_text(e, src)),
    }
}

fn sub(e: &ast::Expr, src: Src) -> String {
    let mut out = String::new();
    expr_into(&mut out, e, src);
    out
}

fn other_text(e: &ast::Expr, src: Src) -> String {
    match &e.kind {
        ExprKind::PostIncr(x) => format!("{}++", sub(x, src)),
        ExprKind::PostDecr(x) => format!("{}--", sub(x, src)),
        ExprKind::As(x, t) => format!("{} as {}", sub(x, src), type_text(t)),
        ExprKind::CanCast(x, t) => format!("{} ?as {}", sub(x, src), type_text(t)),
        ExprKind::Is(x, t) => format!("{} is {}", sub(x, src), type_text(t)),
        // A `{ [k] = v, ... }` initializer is a table constructor.
        ExprKind::Brace(xs) if xs.iter().any(|x| matches!(x.kind, ExprKind::Assign(..))) => {
            ctor("table", xs, src)
        }
        // Otherwise it is (mostly) a set constructor.
        ExprKind::Brace(xs) => ctor("set", xs, src),
        // Zeek's ScheduleExpr in a message: `schedule WHEN {EV(ARGS)}`.
        ExprKind::Schedule(when, ev, args) => {
            let mut out = format!("schedule {} {{{}(", sub(when, src), ev.text);
            list(&mut out, args, src);
            out.push_str(")}");
            out
        }
        // Zeek describes a lambda by its type.
        ExprKind::Lambda(l) => {
            let kind = match l.kind {
                ast::FuncKind::Function => "function",
                ast::FuncKind::Hook => "hook",
                ast::FuncKind::Event => "event",
            };
            let params: Vec<String> = l
                .sig
                .params
                .iter()
                .map(|p| format!("{}:{}", p.name.text, type_text(&p.ty)))
                .collect();
            let mut out = format!("{kind}({})", params.join(", "));
            if let Some(r) = &l.sig.ret {
                out.push_str(" : ");
                out.push_str(&type_text(r));
            }
            out
        }
        _ => String::new(),
    }
}

/// A type as written; only simple spellings are needed in messages.
fn type_text(t: &ast::Type) -> String {
    use ast::TypeKind;
    match &t.kind {
        TypeKind::Basic(b) => format!("{b:?}").to_lowercase(),
        TypeKind::Named(n) => n.text.clone(),
        _ => "type".to_string(),
    }
}
