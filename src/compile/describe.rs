//! Statements and expressions written the way Zeek describes them in its
//! messages: `switch (v) {case 1:{ print 1}}`, `return (x)`, constants
//! without quotes. Zeek quotes its own rendering of the tree rather than
//! the source text, so messages that name a statement need this form.

use crate::runtime::format;
use crate::syntax::ast::{self, BinOp, CaseLabel, ExprKind, Literal, StmtKind, UnOp};

pub fn expr(e: &ast::Expr) -> String {
    let mut out = String::new();
    expr_into(&mut out, e);
    out
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
    list(&mut out, items);
    out.push(']');
    out
}

/// A whole switch statement.
pub fn switch(e: &ast::Expr, cases: &[ast::Case]) -> String {
    let mut out = String::from("switch (");
    expr_into(&mut out, e);
    out.push_str(") {");
    for c in cases {
        case_into(&mut out, c);
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
    expr_into(&mut out, &w.cond);
    out.push_str(") ");
    stmts(&mut out, &w.body.stmts);
    if let Some((t, b)) = &w.timeout {
        out.push_str(" timeout ");
        expr_into(&mut out, t);
        out.push(' ');
        stmts(&mut out, &b.stmts);
    }
    out
}

/// A `case` of a switch, as Zeek shows it in switch errors.
pub fn case(c: &ast::Case) -> String {
    let mut out = String::new();
    case_into(&mut out, c);
    out
}

fn list(out: &mut String, xs: &[ast::Expr]) {
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr_into(out, x);
    }
}

fn stmts(out: &mut String, body: &[ast::Stmt]) {
    if body.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push_str("{ ");
    for s in body {
        stmt_into(out, s);
    }
    out.push('}');
}

fn case_into(out: &mut String, c: &ast::Case) {
    match &c.label {
        CaseLabel::Default => out.push_str("default:"),
        CaseLabel::Values(vs) => {
            out.push_str("case ");
            list(out, vs);
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
    stmts(out, &c.body);
}

fn stmt_into(out: &mut String, s: &ast::Stmt) {
    match &s.kind {
        StmtKind::Print(xs) => {
            out.push_str("print ");
            list(out, xs);
        }
        StmtKind::Event(n, xs) => {
            out.push_str("event ");
            out.push_str(&n.text);
            out.push('(');
            list(out, xs);
            out.push(')');
        }
        StmtKind::Expr(e) => expr_into(out, e),
        StmtKind::If(c, a, b) => {
            out.push_str("if (");
            expr_into(out, c);
            out.push_str(") ");
            stmt_into(out, a);
            if let Some(b) = b {
                out.push_str(" else ");
                stmt_into(out, b);
            }
        }
        StmtKind::For(_, e, body) => {
            out.push_str("for (");
            expr_into(out, e);
            out.push_str(") ");
            stmt_into(out, body);
        }
        StmtKind::While(c, body) => {
            out.push_str("while (");
            expr_into(out, c);
            out.push_str(") ");
            stmt_into(out, body);
        }
        StmtKind::Switch(e, cases) => out.push_str(&switch(e, cases)),
        StmtKind::Break => out.push_str("break"),
        StmtKind::Next => out.push_str("next"),
        StmtKind::Fallthrough => out.push_str("fallthrough"),
        StmtKind::Return(e) => {
            out.push_str("return");
            if let Some(e) = e {
                out.push_str(" (");
                expr_into(out, e);
                out.push(')');
            }
        }
        StmtKind::Add(e) => {
            out.push_str("add ");
            expr_into(out, e);
        }
        StmtKind::Delete(e) => {
            out.push_str("delete ");
            expr_into(out, e);
        }
        StmtKind::Local { name, .. } => {
            out.push_str("local ");
            out.push_str(&name.text);
        }
        StmtKind::When(w) => out.push_str(&when(w, &[])),
        StmtKind::Assert(c, _) => {
            out.push_str("assert ");
            expr_into(out, c);
        }
        StmtKind::Block(b) => stmts(out, &b.stmts),
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
        Literal::Pattern(p, ci) => out.push_str(&format::pattern_text(p, *ci)),
    }
}

fn expr_into(out: &mut String, e: &ast::Expr) {
    match &e.kind {
        ExprKind::Literal(l) => literal(out, l),
        ExprKind::Name(n) => out.push_str(&n.text),
        ExprKind::Field(r, f) => {
            expr_into(out, r);
            out.push('$');
            out.push_str(&f.text);
        }
        ExprKind::HasField(r, f) => {
            expr_into(out, r);
            out.push_str("?$");
            out.push_str(&f.text);
        }
        ExprKind::Index(x, idx) => {
            expr_into(out, x);
            out.push('[');
            list(out, idx);
            out.push(']');
        }
        ExprKind::Call(f, args) => {
            expr_into(out, f);
            out.push('(');
            list(out, args);
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
            expr_into(out, x);
        }
        // Zeek keeps `a > b` as `b < a` (and `>=` as `<=`), and shows it so.
        ExprKind::Binary(op @ (BinOp::Gt | BinOp::Ge), a, b) => {
            expr_into(out, b);
            out.push_str(if *op == BinOp::Gt { " < " } else { " <= " });
            expr_into(out, a);
        }
        ExprKind::Binary(op, a, b) => {
            expr_into(out, a);
            out.push(' ');
            out.push_str(binop(*op));
            out.push(' ');
            expr_into(out, b);
        }
        ExprKind::Assign(_, a, b) => {
            expr_into(out, a);
            out.push_str(" = ");
            expr_into(out, b);
        }
        ExprKind::Cond(c, a, b) => {
            expr_into(out, c);
            out.push_str(" ? ");
            expr_into(out, a);
            out.push_str(" : ");
            expr_into(out, b);
        }
        ExprKind::Size(x) => {
            out.push('|');
            expr_into(out, x);
            out.push('|');
        }
        ExprKind::Bracket(xs) | ExprKind::Record(xs) => {
            out.push('[');
            list(out, xs);
            out.push(']');
        }
        ExprKind::FieldAssign(n, x) => {
            out.push('$');
            out.push_str(&n.text);
            out.push('=');
            expr_into(out, x);
        }
        ExprKind::Set(xs) => {
            out.push_str("set(");
            list(out, xs);
            out.push(')');
        }
        ExprKind::Table(xs) => {
            out.push_str("table(");
            list(out, xs);
            out.push(')');
        }
        ExprKind::Vector(xs) => {
            out.push_str("vector(");
            list(out, xs);
            out.push(')');
        }
        ExprKind::Copy(x) => {
            out.push_str("copy(");
            expr_into(out, x);
            out.push(')');
        }
        ExprKind::WithAttrs(x, _) => expr_into(out, x),
        ExprKind::HookCall(x) => {
            out.push_str("hook ");
            expr_into(out, x);
        }
        ExprKind::AddTo(x) => {
            out.push_str("add ");
            expr_into(out, x);
        }
        ExprKind::DeleteFrom(x) => {
            out.push_str("delete ");
            expr_into(out, x);
        }
        // Forms rare in messages: the source spelling is close enough.
        _ => out.push_str(&other_text(e)),
    }
}

fn other_text(e: &ast::Expr) -> String {
    match &e.kind {
        ExprKind::PostIncr(x) => format!("{}++", expr(x)),
        ExprKind::PostDecr(x) => format!("{}--", expr(x)),
        ExprKind::As(x, t) => format!("{} as {}", expr(x), type_text(t)),
        ExprKind::Is(x, t) => format!("{} is {}", expr(x), type_text(t)),
        ExprKind::Brace(xs) => {
            let mut out = String::from("{");
            list(&mut out, xs);
            out.push('}');
            out
        }
        // Zeek's ScheduleExpr in a message: `schedule WHEN {EV(ARGS)}`.
        ExprKind::Schedule(when, ev, args) => {
            let mut out = format!("schedule {} {{{}(", expr(when), ev.text);
            list(&mut out, args);
            out.push_str(")}");
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
