//! Parser tests: operator precedence (checked through a fully parenthesised
//! rendering of the tree), every statement and declaration form, doc
//! comments, and the messages given for common mistakes.
//!
//! The renderings of literal sources are insta snapshots, one table of
//! `SOURCE => S-EXPRESSION` lines per test in tests/snapshots/; a change
//! fails with a diff of the table. After a deliberate change,
//! `INSTA_UPDATE=always cargo test --release --test parser` rewrites the
//! tables (or `cargo insta review` goes through them); review `git diff`.
//! Whole Zeek scripts (../shared/parse-corpus) are parsed by
//! tests/no_panic.rs.

use rzeek::diag::{Diagnostic, SourceMap};
use rzeek::syntax::ast::*;
use rzeek::syntax::conditionals::FirstBranch;
use rzeek::syntax::parser::parse;

// ---------------------------------------------------------------------------
// helpers

fn parse_src(src: &str) -> Result<Script, Vec<Diagnostic>> {
    parse(src, 0, "t.zeek", ".", &mut FirstBranch)
}

fn script(src: &str) -> Script {
    match parse_src(src) {
        Ok(s) => s,
        Err(d) => panic!("parse of {src:?} failed: {d:?}"),
    }
}

fn decls(src: &str) -> Vec<Decl> {
    script(src).decls
}

fn one_decl(src: &str) -> Decl {
    let mut d = decls(src);
    assert_eq!(d.len(), 1, "expected one declaration in {src:?}: {d:?}");
    d.pop().unwrap()
}

/// The statements of a function body holding `body`.
fn stmts(body: &str) -> Vec<Stmt> {
    let src = format!("function __f() {{\n{body}\n}}\n");
    match one_decl(&src).kind {
        DeclKind::Func(f) => f.body.stmts,
        k => panic!("not a function: {k:?}"),
    }
}

fn one_stmt(body: &str) -> StmtKind {
    let mut s = stmts(body);
    assert_eq!(s.len(), 1, "expected one statement in {body:?}: {s:?}");
    s.pop().unwrap().kind
}

/// Parses `src` as an expression statement and renders it.
fn sexp(src: &str) -> String {
    match one_stmt(&format!("{src};")) {
        StmtKind::Expr(e) => render(&e),
        k => panic!("{src:?} is not an expression statement: {k:?}"),
    }
}

/// Each source rendered as `sexp` does, one `SOURCE => S-EXPRESSION` line
/// each: the table an insta snapshot in tests/snapshots/ holds.
fn sexps(srcs: &[&str]) -> String {
    srcs.iter()
        .map(|s| format!("{s} => {}\n", sexp(s)))
        .collect()
}

/// Whether `src` as an expression statement is rejected.
fn rejected(src: &str) -> bool {
    parse_src(&format!("function __f() {{\n{src};\n}}\n")).is_err()
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

fn unop(op: UnOp) -> &'static str {
    match op {
        UnOp::Neg => "-",
        UnOp::Pos => "+",
        UnOp::Not => "!",
        UnOp::BitNot => "~",
        UnOp::PreInc => "++",
        UnOp::PreDec => "--",
    }
}

fn init_op(op: InitOp) -> &'static str {
    match op {
        InitOp::Set => "=",
        InitOp::AddTo => "+=",
        InitOp::RemoveFrom => "-=",
    }
}

fn render_literal(l: &Literal) -> String {
    match l {
        Literal::Bool(b) => (if *b { "T" } else { "F" }).to_string(),
        Literal::Count(n) => n.to_string(),
        Literal::Double(d) => format!("{d:?}"),
        Literal::String(s) => format!("\"{}\"", s.escape_ascii()),
        Literal::Port(n, p) => format!("{n}/{}", p.name()),
        Literal::Addr(a) => a.to_string(),
        Literal::Subnet(a, w) => format!("{a}/{w}"),
        Literal::Interval(secs) => format!("{secs:?}s"),
        Literal::Pattern(re, ci, dotall) => format!(
            "/{re}/{}{}",
            if *ci { "i" } else { "" },
            if *dotall { "s" } else { "" }
        ),
    }
}

fn render_type(t: &Type) -> String {
    let list = |ts: &[Type]| ts.iter().map(render_type).collect::<Vec<_>>().join(",");
    match &t.kind {
        TypeKind::Basic(b) => format!("{b:?}").to_lowercase(),
        TypeKind::Named(n) => n.text.clone(),
        TypeKind::Set(ts) => format!("set[{}]", list(ts)),
        TypeKind::Table(ks, v) => format!("table[{}] of {}", list(ks), render_type(v)),
        TypeKind::Vector(v) => format!("vector of {}", render_type(v)),
        TypeKind::List(v) => format!("list of {}", render_type(v)),
        TypeKind::Record(fs) => format!(
            "record{{{}}}",
            fs.iter()
                .map(|f| format!("{}:{};", f.name.text, render_type(&f.ty)))
                .collect::<String>()
        ),
        TypeKind::Enum(vs) => format!(
            "enum{{{}}}",
            vs.iter()
                .map(|v| v.name.text.as_str())
                .collect::<Vec<_>>()
                .join(",")
        ),
        TypeKind::Function(sig) => format!("function{}", render_sig(sig)),
        TypeKind::Event(ps) => format!("event({})", render_params(ps)),
        TypeKind::Hook(ps) => format!("hook({})", render_params(ps)),
        TypeKind::Opaque(n) => format!("opaque of {}", n.text),
        TypeKind::File(t) => format!("file of {}", render_type(t)),
    }
}

fn render_params(ps: &[Param]) -> String {
    ps.iter()
        .map(|p| format!("{}:{}", p.name.text, render_type(&p.ty)))
        .collect::<Vec<_>>()
        .join(",")
}

fn render_sig(sig: &FuncSig) -> String {
    match &sig.ret {
        Some(r) => format!("({}):{}", render_params(&sig.params), render_type(r)),
        None => format!("({})", render_params(&sig.params)),
    }
}

fn render_attr(a: &Attr) -> String {
    match &a.value {
        Some(v) => format!("&{}={}", a.name, render(v)),
        None => format!("&{}", a.name),
    }
}

fn render_captures(c: &Option<Vec<Capture>>) -> String {
    match c {
        None => String::new(),
        Some(cs) => format!(
            "[{}]",
            cs.iter()
                .map(|c| if c.deep_copy {
                    format!("copy {}", c.name.text)
                } else {
                    c.name.text.clone()
                })
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// `(head a b ...)`
fn node(head: &str, parts: impl IntoIterator<Item = String>) -> String {
    let mut s = format!("({head}");
    for p in parts {
        s.push(' ');
        s.push_str(&p);
    }
    s.push(')');
    s
}

fn all(es: &[Expr]) -> Vec<String> {
    es.iter().map(render).collect()
}

/// A fully parenthesised S-expression for an expression.
fn render(e: &Expr) -> String {
    let b = |e: &Expr| render(e);
    match &e.kind {
        ExprKind::Literal(l) => render_literal(l),
        ExprKind::Name(n) => n.text.clone(),
        ExprKind::Field(x, n) => node("$", [b(x), n.text.clone()]),
        ExprKind::HasField(x, n) => node("?$", [b(x), n.text.clone()]),
        ExprKind::Index(x, i) => node("[]", std::iter::once(b(x)).chain(all(i))),
        ExprKind::Slice(x, lo, hi) => node(
            "[:]",
            [
                b(x),
                lo.as_ref().map_or("_".into(), |e| b(e)),
                hi.as_ref().map_or("_".into(), |e| b(e)),
            ],
        ),
        ExprKind::Call(f, a) => node("call", std::iter::once(b(f)).chain(all(a))),
        ExprKind::Unary(op, x) => node(unop(*op), [b(x)]),
        ExprKind::Binary(op, x, y) => node(binop(*op), [b(x), b(y)]),
        ExprKind::Assign(op, x, y) => node(init_op(*op), [b(x), b(y)]),
        ExprKind::PostIncr(x) => node("post++", [b(x)]),
        ExprKind::PostDecr(x) => node("post--", [b(x)]),
        ExprKind::Cond(c, t, f) => node("?:", [b(c), b(t), b(f)]),
        ExprKind::Size(x) => node("size", [b(x)]),
        ExprKind::As(x, t) => node("as", [b(x), render_type(t)]),
        ExprKind::CanCast(x, t) => node("?as", [b(x), render_type(t)]),
        ExprKind::Is(x, t) => node("is", [b(x), render_type(t)]),
        ExprKind::TypeValue(t) => node("type", [render_type(t)]),
        ExprKind::Copy(x) => node("copy", [b(x)]),
        ExprKind::Bracket(xs) => node("bracket", all(xs)),
        ExprKind::Brace(xs) => node("brace", all(xs)),
        ExprKind::FieldAssign(n, v) => node("$=", [n.text.clone(), b(v)]),
        ExprKind::Record(xs) => node("record", all(xs)),
        ExprKind::Set(xs) => node("set", all(xs)),
        ExprKind::Table(xs) => node("table", all(xs)),
        ExprKind::Vector(xs) => node("vector", all(xs)),
        ExprKind::WithAttrs(x, attrs) => node(
            "attrs",
            std::iter::once(b(x)).chain(attrs.iter().map(render_attr)),
        ),
        ExprKind::Lambda(l) => node(
            &format!("{:?}", l.kind).to_lowercase(),
            [
                format!("{}{}", render_captures(&l.captures), render_sig(&l.sig)),
                format!("{{{}}}", l.body.stmts.len()),
            ],
        ),
        ExprKind::HookCall(x) => node("hook", [b(x)]),
        ExprKind::AddTo(x) => node("add", [b(x)]),
        ExprKind::DeleteFrom(x) => node("delete", [b(x)]),
        ExprKind::Schedule(t, n, a) => node("schedule", [b(t), node(&n.text, all(a))]),
    }
}

// ---------------------------------------------------------------------------
// precedence

/// Checks both orders of two adjacent levels: `a LO b HI c` and `a HI b LO c`.
#[track_caller]
fn check_pair(lo: &str, hi: &str) {
    assert_eq!(
        sexp(&format!("a {lo} b {hi} c")),
        format!("({lo} a ({hi} b c))"),
        "a {lo} b {hi} c"
    );
    assert_eq!(
        sexp(&format!("a {hi} b {lo} c")),
        format!("({lo} ({hi} a b) c)"),
        "a {hi} b {lo} c"
    );
}

#[test]
fn precedence_binary_levels() {
    // Levels from `||` up to `* / %`, lowest first; every operator of a
    // level against every operator of the next.
    let levels: &[&[&str]] = &[
        &["||"],
        &["&&"],
        &["==", "!=", "<", "<=", ">", ">="],
        &["in", "!in"],
        &["|"],
        &["^"],
        &["&"],
        &["<<", ">>"],
        &["+", "-"],
        &["*", "/", "%"],
    ];
    for w in levels.windows(2) {
        for lo in w[0] {
            for hi in w[1] {
                check_pair(lo, hi);
            }
        }
    }
}

#[test]
fn precedence_left_associative_levels() {
    for op in [
        "||", "&&", "in", "!in", "|", "^", "&", "<<", ">>", "+", "-", "*", "/", "%",
    ] {
        assert_eq!(
            sexp(&format!("a {op} b {op} c")),
            format!("({op} ({op} a b) c)"),
            "{op} is left-associative"
        );
    }
    let table = sexps(&[
        // Mixed operators of one level associate left too.
        "a - b + c",
        "a / b * c % d",
        "a << b >> c",
        "a in b !in c",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn comparisons_do_not_associate() {
    for (x, y) in [
        ("==", "=="),
        ("<", "<"),
        ("<", ">"),
        ("==", "!="),
        (">=", "<="),
    ] {
        assert!(
            rejected(&format!("a {x} b {y} c")),
            "a {x} b {y} c must be rejected"
        );
    }
    let table = sexps(&[
        // Parenthesised, they are fine.
        "(a < b) == c",
        "a == (b < c)",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn precedence_assignment() {
    let table = sexps(&[
        // right-associative
        "a = b = c",
        "a += b = c",
        "a -= b += c",
        // below `?:`
        "a = b ? c : d",
        "a += b ? c : d",
        "a ? b : c = d",
        // below everything else
        "a = b || c",
        "a$x = b + c * d",
        "t[1] -= 2",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn precedence_conditional() {
    let table = sexps(&[
        // `?:` above assignment, below `||`
        "a || b ? c : d",
        "a ? b : c || d",
        "a ? b || c : d",
        // right-associative
        "a ? b : c ? d : e",
        "a ? b ? c : d : e",
        "x = a == b ? 1 : 2",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn precedence_unary() {
    // unary above `* / %`
    for op in ["-", "+", "!", "~"] {
        assert_eq!(sexp(&format!("{op}a * b")), format!("(* ({op} a) b)"));
        assert_eq!(sexp(&format!("a * {op}b")), format!("(* a ({op} b))"));
        assert_eq!(sexp(&format!("{op}a % b")), format!("(% ({op} a) b)"));
    }
    let table = sexps(&[
        "++a * b", "--a / b", "- - a", "!!a", "!a && b", "!a in b", "-a + -b", "a - -b", "~a & ~b",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn precedence_postfix() {
    let table = sexps(&[
        // postfix above unary
        "-a$b",
        "!a?$b",
        "-a[1]",
        "!f(1)",
        "-a++",
        "~a--",
        "-a as int",
        "!a is string",
        "!a ?as count",
        "++a$b",
        // postfix operators chain left to right
        "a$b$c",
        "a$b?$c",
        "a[1][2]",
        "a[1, 2]",
        "f(1)(2)",
        "f(x)$y[3]",
        "a$b(1, $c=2)",
        "a$b++",
        "a[1]--",
        "a$b as count",
        "x as count + 1",
        "x is string && y",
        "x ?as addr || y",
        "x as vector of string",
        "x as set[count]",
        "x as Conn::Info",
        // postfix binds tighter than every binary operator
        "a$b * c$d",
        "a$b in c",
        "a ?$ b && c",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn parentheses_override_precedence() {
    let table = sexps(&[
        "(a + b) * c",
        "a * (b + c)",
        "-(a + b)",
        "(a || b) && c",
        "(f)(1)",
        "(a$b)$c",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn size_slices_and_indexing() {
    let table = sexps(&[
        "|a|",
        "|a| + 1",
        "|a - b|",
        "|a$b| * 2",
        "x = |s| > 0",
        "|f(x)[1]|",
        "x[1:2]",
        "x[:2]",
        "x[1:]",
        "x[:]",
        "x[a+1:|x|-1]",
        "s[1:3][0]",
        "t[1, \"a\"]",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn constructors() {
    let table = sexps(&[
        "x = [$a=1, $b=\"s\"]",
        "x = [1, 2]",
        "x = []",
        "x = set(1, 2, 3)",
        "x = set()",
        "x = table([1] = \"a\", [2] = \"b\")",
        "x = table()",
        "x = vector()",
        "x = vector(1, 2)",
        "x = record($a=1)",
        "x = copy(y)",
        "copy(y)$a",
        "x = R($a=1, $b=2)",
    ]);
    insta::assert_snapshot!(table);
    // initializer lists with attributes in a local
    match one_stmt("local t: table[count] of string = table() &default=\"x\";") {
        StmtKind::Local {
            init: Some(init),
            attrs,
            ..
        } => {
            assert_eq!(render(&init), "(table)");
            assert_eq!(
                attrs.iter().map(render_attr).collect::<Vec<_>>(),
                ["&default=\"x\""]
            );
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("local s: set[count] = { 1, 2 };") {
        StmtKind::Local {
            init: Some(init), ..
        } => assert_eq!(render(&init), "(brace 1 2)"),
        k => panic!("{k:?}"),
    }
}

#[test]
fn lambdas() {
    let table = sexps(&[
        "f = function[x](a: count): count { return a; }",
        "f = function(a: count, b: string) { print a; print b; }",
        "f = function[copy x, y]() { }",
        // A lambda called at once.
        "function(a: count) { }(1)",
    ]);
    insta::assert_snapshot!(table);
    match one_stmt("local f = function[x](a: count): count { return a + x; };") {
        StmtKind::Local { init: Some(e), .. } => match e.kind {
            ExprKind::Lambda(l) => {
                assert_eq!(l.kind, FuncKind::Function);
                assert_eq!(l.sig.params.len(), 1);
                assert!(matches!(l.body.stmts[0].kind, StmtKind::Return(Some(_))));
            }
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
}

#[test]
fn hook_and_schedule_expressions() {
    let table = sexps(&[
        "hook h(1)",
        "hook h()",
        "x = hook Foo::h(1, \"a\")",
        "schedule 1 sec { e(1) }",
        "schedule 2 mins { e() }",
        "schedule x + 1 sec { e(a, b) }",
        "t = schedule interval_val { Foo::e($a=1) }",
    ]);
    insta::assert_snapshot!(table);
}

#[test]
fn patterns_versus_division() {
    let table = sexps(&[
        "a / b",
        "a / b / c",
        "(a) / 2",
        "f(x) / 2",
        "a[1] / 2.0",
        "x = /a/",
        "x = /a b/i",
        "x = /a\\/b/",
        "x = /a/ | /b/",
        "x = /a/ & /b/",
        "f(/x/, 1 / 2)",
        "/foo/ in s",
        "s == /bar/",
        "x = [/a/, /b/]",
    ]);
    insta::assert_snapshot!(table);
}

// PARSER BUG (for the owner of src/syntax): the lexer decides between a
// pattern and a division from the previous token (`ends_operand`), while
// Zeek decides in the parser (`'/' { begin_RE(); } TOK_PATTERN_TEXT ...`).
// After the `)` of an `if`/`for`/`while` head a `/` is taken as division, so
// a statement that starts with a pattern is a syntax error:
//     function f() { if ( x ) /foo/ in s; }  =>  syntax error, at or near "/"
#[test]
#[ignore = "known bug: a pattern right after the ) of an if head lexes as division"]
fn pattern_after_statement_head() {
    match one_stmt("if ( x ) /foo/ in s;") {
        StmtKind::If(_, t, None) => match t.kind {
            StmtKind::Expr(e) => assert_eq!(render(&e), "(in /foo/ s)"),
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
}

// PARSER BUG (for the owner of src/syntax): `++` and `--` are missing from
// `ends_operand` in lexer.rs, so a `/` after a postfix increment starts a
// pattern:  function f() { x = a++ / 2; }  =>  "pattern not terminated
// before end of line". (Zeek has no postfix ++/--; this grammar adds them.)
#[test]
fn division_after_postfix_increment() {
    let table = sexps(&["x = a++ / 2", "x = a-- / 2"]);
    insta::assert_snapshot!(table);
}

#[test]
fn literals() {
    let table = sexps(&[
        "x = 80/tcp",
        "x = 10.0.0.0/8",
        "x = 1.2.3.4",
        "x = [::1]",
        "x = 0x10 + 1.5",
        "x = T && F",
        "x = \"a\\tb\"",
        "x = 3 days",
        "x = count",
    ]);
    insta::assert_snapshot!(table);
}

// ---------------------------------------------------------------------------
// statements

fn kind_name(k: &StmtKind) -> &'static str {
    match k {
        StmtKind::Print(_) => "print",
        StmtKind::Event(..) => "event",
        StmtKind::Expr(_) => "expr",
        StmtKind::If(..) => "if",
        StmtKind::For(..) => "for",
        StmtKind::While(..) => "while",
        StmtKind::Switch(..) => "switch",
        StmtKind::Break => "break",
        StmtKind::Next => "next",
        StmtKind::Fallthrough => "fallthrough",
        StmtKind::Return(_) => "return",
        StmtKind::Add(_) => "add",
        StmtKind::Delete(_) => "delete",
        StmtKind::Local { .. } => "local",
        StmtKind::When(_) => "when",
        StmtKind::Assert(..) => "assert",
        StmtKind::Block(_) => "block",
        StmtKind::Empty => "empty",
    }
}

#[test]
fn statement_kinds() {
    let cases = [
        ("print 1;", "print"),
        ("print 1, \"a\", x;", "print"),
        ("event e(1, 2);", "event"),
        ("event e();", "event"),
        ("x = 1;", "expr"),
        ("f(1);", "expr"),
        ("++x;", "expr"),
        ("if ( x ) print 1;", "if"),
        ("if ( x ) print 1; else print 2;", "if"),
        ("for ( k in s ) print k;", "for"),
        ("while ( x < 3 ) ++x;", "while"),
        ("switch ( x ) { case 1: break; }", "switch"),
        ("switch x { default: break; }", "switch"),
        ("break;", "break"),
        ("next;", "next"),
        ("fallthrough;", "fallthrough"),
        ("return;", "return"),
        ("return 1;", "return"),
        ("add s[1];", "add"),
        ("delete t[1];", "delete"),
        ("delete r$f;", "delete"),
        ("local x: count;", "local"),
        ("local x = 1;", "local"),
        ("const x = 1;", "local"),
        ("when ( x ) { print 1; }", "when"),
        ("return when ( x ) { return 1; }", "when"),
        ("assert x;", "assert"),
        ("assert x, \"msg\";", "assert"),
        ("{ print 1; print 2; }", "block"),
        ("{ }", "block"),
        (";", "empty"),
    ];
    for (src, want) in cases {
        assert_eq!(kind_name(&one_stmt(src)), want, "{src}");
    }
}

#[test]
fn print_and_event_statements() {
    match one_stmt("print a, b + 1, \"c\";") {
        StmtKind::Print(es) => assert_eq!(all(&es), ["a", "(+ b 1)", "\"c\""]),
        k => panic!("{k:?}"),
    }
    match one_stmt("event Foo::e(1, $a=2);") {
        StmtKind::Event(n, args) => {
            assert_eq!(n.text, "Foo::e");
            assert_eq!(all(&args), ["1", "($= a 2)"]);
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn if_else_and_dangling_else() {
    match one_stmt("if ( a ) print 1; else print 2;") {
        StmtKind::If(c, t, Some(e)) => {
            assert_eq!(render(&c), "a");
            assert!(matches!(t.kind, StmtKind::Print(_)));
            assert!(matches!(e.kind, StmtKind::Print(_)));
        }
        k => panic!("{k:?}"),
    }
    // The else binds to the nearest if.
    match one_stmt("if ( a ) if ( b ) print 1; else print 2;") {
        StmtKind::If(c, t, None) => {
            assert_eq!(render(&c), "a");
            match t.kind {
                StmtKind::If(c2, _, Some(e)) => {
                    assert_eq!(render(&c2), "b");
                    assert!(matches!(e.kind, StmtKind::Print(_)));
                }
                k => panic!("inner: {k:?}"),
            }
        }
        k => panic!("{k:?}"),
    }
    // ... also through loops.
    match one_stmt("if ( a ) for ( k in s ) if ( b ) print 1; else print 2;") {
        StmtKind::If(_, t, None) => match t.kind {
            StmtKind::For(_, _, body) => assert!(matches!(body.kind, StmtKind::If(_, _, Some(_)))),
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
    match one_stmt("if ( a ) while ( b ) if ( c ) x; else y;") {
        StmtKind::If(_, t, None) => match t.kind {
            StmtKind::While(_, body) => assert!(matches!(body.kind, StmtKind::If(_, _, Some(_)))),
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
    // An else-if chain.
    match one_stmt("if ( a ) x; else if ( b ) y; else z;") {
        StmtKind::If(_, _, Some(e)) => match e.kind {
            StmtKind::If(c, _, Some(z)) => {
                assert_eq!(render(&c), "b");
                assert!(matches!(z.kind, StmtKind::Expr(_)));
            }
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
    // With braces the else can go to the outer if.
    match one_stmt("if ( a ) { if ( b ) x; } else y;") {
        StmtKind::If(_, t, Some(_)) => match t.kind {
            StmtKind::Block(b) => assert!(matches!(b.stmts[0].kind, StmtKind::If(_, _, None))),
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
}

fn names(ns: &[Name]) -> Vec<&str> {
    ns.iter().map(|n| n.text.as_str()).collect()
}

#[test]
fn for_loops() {
    match one_stmt("for ( k in s ) print k;") {
        StmtKind::For(ForVars::One(k), e, body) => {
            assert_eq!(k.text, "k");
            assert_eq!(render(&e), "s");
            assert!(matches!(body.kind, StmtKind::Print(_)));
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("for ( [a, b] in t ) { }") {
        StmtKind::For(ForVars::Index(v), e, _) => {
            assert_eq!(names(&v), ["a", "b"]);
            assert_eq!(render(&e), "t");
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("for ( k, v in t ) { }") {
        StmtKind::For(ForVars::KeyValue(k, v), _, _) => {
            assert_eq!((k.text.as_str(), v.text.as_str()), ("k", "v"));
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("for ( [a, b], v in t$x ) { print v; }") {
        StmtKind::For(ForVars::IndexValue(ks, v), e, _) => {
            assert_eq!(names(&ks), ["a", "b"]);
            assert_eq!(v.text, "v");
            assert_eq!(render(&e), "($ t x)");
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("for ( [a], v in t ) { }") {
        StmtKind::For(ForVars::IndexValue(ks, _), _, _) => assert_eq!(names(&ks), ["a"]),
        k => panic!("{k:?}"),
    }
    match one_stmt("for ( i in |v| ) next;") {
        StmtKind::For(ForVars::One(_), e, body) => {
            assert_eq!(render(&e), "(size v)");
            assert!(matches!(body.kind, StmtKind::Next));
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn while_loops() {
    match one_stmt("while ( i < 10 ) { ++i; if ( i == 5 ) break; }") {
        StmtKind::While(c, body) => {
            assert_eq!(render(&c), "(< i 10)");
            match body.kind {
                StmtKind::Block(b) => {
                    assert_eq!(b.stmts.len(), 2);
                    assert!(matches!(b.stmts[1].kind, StmtKind::If(..)));
                }
                k => panic!("{k:?}"),
            }
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn switch_statements() {
    let src = "switch ( x ) {
        case 1, 2:
            print 1;
            fallthrough;
        case 3:
            break;
        case Foo::BAR:
        default:
            print 3;
            break;
    }";
    match one_stmt(src) {
        StmtKind::Switch(e, cases) => {
            assert_eq!(render(&e), "x");
            assert_eq!(cases.len(), 4);
            match &cases[0].label {
                CaseLabel::Values(vs) => assert_eq!(all(vs), ["1", "2"]),
                l => panic!("{l:?}"),
            }
            let kinds: Vec<_> = cases[0].body.iter().map(|s| kind_name(&s.kind)).collect();
            assert_eq!(kinds, ["print", "fallthrough"]);
            assert!(matches!(&cases[1].label, CaseLabel::Values(v) if v.len() == 1));
            assert!(matches!(cases[1].body[0].kind, StmtKind::Break));
            assert!(cases[2].body.is_empty());
            assert_eq!(cases[3].label, CaseLabel::Default);
            assert_eq!(cases[3].body.len(), 2);
        }
        k => panic!("{k:?}"),
    }
    let src = "switch v {
        case type count as c:
            print c;
            break;
        case type string, type addr as a:
            break;
        case type set[count]:
            break;
        default:
            break;
    }";
    match one_stmt(src) {
        StmtKind::Switch(e, cases) => {
            assert_eq!(render(&e), "v");
            assert_eq!(cases.len(), 4);
            match &cases[0].label {
                CaseLabel::Types(ts) => {
                    assert_eq!(ts.len(), 1);
                    assert_eq!(render_type(&ts[0].0), "count");
                    assert_eq!(ts[0].1.as_ref().map(|n| n.text.as_str()), Some("c"));
                }
                l => panic!("{l:?}"),
            }
            match &cases[1].label {
                CaseLabel::Types(ts) => {
                    let got: Vec<_> = ts
                        .iter()
                        .map(|(t, n)| (render_type(t), n.as_ref().map(|n| n.text.clone())))
                        .collect();
                    assert_eq!(
                        got,
                        [
                            ("string".to_string(), None),
                            ("addr".to_string(), Some("a".to_string()))
                        ]
                    );
                }
                l => panic!("{l:?}"),
            }
            match &cases[2].label {
                CaseLabel::Types(ts) => assert_eq!(render_type(&ts[0].0), "set[count]"),
                l => panic!("{l:?}"),
            }
            assert_eq!(cases[3].label, CaseLabel::Default);
        }
        k => panic!("{k:?}"),
    }
    // An empty switch.
    assert!(matches!(one_stmt("switch ( x ) { }"), StmtKind::Switch(_, c) if c.is_empty()));
}

#[test]
fn return_add_delete() {
    assert_eq!(one_stmt("return;"), StmtKind::Return(None));
    match one_stmt("return a + 1;") {
        StmtKind::Return(Some(e)) => assert_eq!(render(&e), "(+ a 1)"),
        k => panic!("{k:?}"),
    }
    match one_stmt("add s[1, 2];") {
        StmtKind::Add(e) => assert_eq!(render(&e), "([] s 1 2)"),
        k => panic!("{k:?}"),
    }
    match one_stmt("delete t[\"a\"];") {
        StmtKind::Delete(e) => assert_eq!(render(&e), "([] t \"a\")"),
        k => panic!("{k:?}"),
    }
    match one_stmt("delete r$f;") {
        StmtKind::Delete(e) => assert_eq!(render(&e), "($ r f)"),
        k => panic!("{k:?}"),
    }
}

#[test]
fn locals_and_const_locals() {
    match one_stmt("local x: count;") {
        StmtKind::Local {
            is_const: false,
            name,
            ty: Some(t),
            init: None,
            attrs,
        } => {
            assert_eq!(name.text, "x");
            assert_eq!(render_type(&t), "count");
            assert!(attrs.is_empty());
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("local x = 1 + 2;") {
        StmtKind::Local {
            is_const: false,
            ty: None,
            init: Some(e),
            ..
        } => {
            assert_eq!(render(&e), "(+ 1 2)")
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("local t: table[string] of count &default=0;") {
        StmtKind::Local {
            ty: Some(t),
            init: None,
            attrs,
            ..
        } => {
            assert_eq!(render_type(&t), "table[string] of count");
            assert_eq!(
                attrs.iter().map(render_attr).collect::<Vec<_>>(),
                ["&default=0"]
            );
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("local v: vector of string = vector(\"a\");") {
        StmtKind::Local {
            ty: Some(t),
            init: Some(e),
            ..
        } => {
            assert_eq!(render_type(&t), "vector of string");
            assert_eq!(render(&e), "(vector \"a\")");
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("const c: count = 5;") {
        StmtKind::Local {
            is_const: true,
            name,
            ty: Some(_),
            init: Some(e),
            ..
        } => {
            assert_eq!(name.text, "c");
            assert_eq!(render(&e), "5");
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("const c = \"x\";") {
        StmtKind::Local {
            is_const: true,
            ty: None,
            ..
        } => {}
        k => panic!("{k:?}"),
    }
}

#[test]
fn when_statements() {
    match one_stmt("when ( x > 1 ) { print 1; } timeout 1 sec { print 2; }") {
        StmtKind::When(w) => {
            assert!(!w.is_return);
            assert_eq!(render(&w.cond), "(> x 1)");
            assert_eq!(w.body.stmts.len(), 1);
            let (t, b) = w.timeout.as_ref().expect("timeout");
            assert_eq!(render(t), "1.0s");
            assert_eq!(b.stmts.len(), 1);
            assert!(w.captures.is_none());
            assert!(w.local.is_none());
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("when [a, copy b] ( local r = lookup(a) ) { print r; }") {
        StmtKind::When(w) => {
            assert_eq!(render_captures(&w.captures), "[a,copy b]");
            assert_eq!(w.local.as_ref().map(|n| n.text.as_str()), Some("r"));
            assert_eq!(render(&w.cond), "(call lookup a)");
            assert!(w.timeout.is_none());
        }
        k => panic!("{k:?}"),
    }
    match one_stmt("return when ( f(x) ) { return 1; } timeout 5 secs { return 0; }") {
        StmtKind::When(w) => {
            assert!(w.is_return);
            assert!(w.timeout.is_some());
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn assert_statements() {
    match one_stmt("assert x == 1;") {
        StmtKind::Assert(c, None) => assert_eq!(render(&c), "(== x 1)"),
        k => panic!("{k:?}"),
    }
    match one_stmt("assert x == 1, fmt(\"x is %s\", x);") {
        StmtKind::Assert(c, Some(m)) => {
            assert_eq!(render(&c), "(== x 1)");
            assert_eq!(render(&m), "(call fmt \"x is %s\" x)");
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn blocks_and_empty_statements() {
    match one_stmt("{ local a = 1; { print a; } ; }") {
        StmtKind::Block(b) => {
            let kinds: Vec<_> = b.stmts.iter().map(|s| kind_name(&s.kind)).collect();
            assert_eq!(kinds, ["local", "block", "empty"]);
        }
        k => panic!("{k:?}"),
    }
    let s = stmts(";;;");
    assert_eq!(s.len(), 3);
    assert!(s.iter().all(|s| s.kind == StmtKind::Empty));
    assert!(stmts("").is_empty());
}

#[test]
fn top_level_statements() {
    let ds = decls("print 1;\nx = 2;\nif ( T ) print 3;\nfor ( i in s ) print i;\nwhile ( F ) { }\nlocal y = 1;\n");
    let kinds: Vec<_> = ds
        .iter()
        .map(|d| match &d.kind {
            DeclKind::Stmt(s) => kind_name(&s.kind),
            k => panic!("not a statement: {k:?}"),
        })
        .collect();
    assert_eq!(kinds, ["print", "expr", "if", "for", "while", "local"]);
    // `const` at file level is a global, `event e(...)` starts a handler
    // unless it is followed by a semicolon.
    assert!(matches!(
        one_decl("const x = 1;").kind,
        DeclKind::Var {
            kind: GlobalKind::Const,
            ..
        }
    ));
    for src in ["event e(1);", "event e();", "event e(x, y);"] {
        match one_decl(src).kind {
            DeclKind::Stmt(Stmt {
                kind: StmtKind::Event(n, _),
                ..
            }) => assert_eq!(n.text, "e"),
            k => panic!("{src}: {k:?}"),
        }
    }
    match one_decl("hook h(1);").kind {
        DeclKind::Stmt(Stmt {
            kind: StmtKind::Expr(e),
            ..
        }) => assert_eq!(render(&e), "(hook (call h 1))"),
        k => panic!("{k:?}"),
    }
    // A top-level statement's span covers it.
    let src = "global a: count;\nprint a;\n";
    let d = &decls(src)[1];
    assert_eq!(&src[d.span.lo as usize..d.span.hi as usize], "print a;");
}

#[test]
fn spans() {
    let src = "function __f() {\n  x = a + b * c;\n}\n";
    let body = match one_decl(src).kind {
        DeclKind::Func(f) => f.body,
        k => panic!("{k:?}"),
    };
    let text = |s: Span| &src[s.lo as usize..s.hi as usize];
    assert_eq!(text(body.stmts[0].span), "x = a + b * c;");
    match &body.stmts[0].kind {
        StmtKind::Expr(e) => {
            assert_eq!(text(e.span), "x = a + b * c");
            match &e.kind {
                ExprKind::Assign(_, l, r) => {
                    assert_eq!(text(l.span), "x");
                    assert_eq!(text(r.span), "a + b * c");
                    match &r.kind {
                        ExprKind::Binary(_, _, m) => assert_eq!(text(m.span), "b * c"),
                        k => panic!("{k:?}"),
                    }
                }
                k => panic!("{k:?}"),
            }
        }
        k => panic!("{k:?}"),
    }
}

// ---------------------------------------------------------------------------
// declarations

fn attr_names(attrs: &[Attr]) -> Vec<&str> {
    attrs.iter().map(|a| a.name.as_str()).collect()
}

#[test]
fn module_and_export() {
    let ds = decls(
        "module Foo;\nexport {\n  global x: count;\n  const y = 1 &redef;\n  type Tp: count;\n}\n",
    );
    assert_eq!(ds.len(), 2);
    assert!(matches!(&ds[0].kind, DeclKind::Module(n) if n.text == "Foo"));
    match &ds[1].kind {
        DeclKind::Export(inner) => {
            assert_eq!(inner.len(), 3);
            assert!(
                matches!(&inner[0].kind, DeclKind::Var { kind: GlobalKind::Global, name, .. } if name.text == "x")
            );
            assert!(matches!(
                &inner[1].kind,
                DeclKind::Var {
                    kind: GlobalKind::Const,
                    ..
                }
            ));
            assert!(matches!(&inner[2].kind, DeclKind::Type { .. }));
        }
        k => panic!("{k:?}"),
    }
    assert!(matches!(one_decl("export { }").kind, DeclKind::Export(v) if v.is_empty()));
}

#[test]
fn globals_consts_options() {
    match one_decl("global x: count = 1 &redef;").kind {
        DeclKind::Var {
            kind,
            name,
            ty,
            init,
            attrs,
        } => {
            assert_eq!(kind, GlobalKind::Global);
            assert_eq!(name.text, "x");
            assert_eq!(render_type(&ty.unwrap()), "count");
            let (op, e) = init.unwrap();
            assert_eq!((op, render(&e)), (InitOp::Set, "1".to_string()));
            assert_eq!(attr_names(&attrs), ["redef"]);
        }
        k => panic!("{k:?}"),
    }
    // Attributes after a constructor belong to the declaration.
    match one_decl("global t: table[count] of string = table() &redef;").kind {
        DeclKind::Var {
            ty, init, attrs, ..
        } => {
            assert_eq!(render_type(&ty.unwrap()), "table[count] of string");
            assert_eq!(render(&init.unwrap().1), "(table)");
            assert_eq!(attr_names(&attrs), ["redef"]);
        }
        k => panic!("{k:?}"),
    }
    match one_decl(
        "global t: table[addr] of count = table() &default=0 &create_expire=1 hr &redef;",
    )
    .kind
    {
        DeclKind::Var { init, attrs, .. } => {
            assert_eq!(render(&init.unwrap().1), "(table)");
            assert_eq!(
                attrs.iter().map(render_attr).collect::<Vec<_>>(),
                ["&default=0", "&create_expire=3600.0s", "&redef"]
            );
        }
        k => panic!("{k:?}"),
    }
    match one_decl("global s: set[string] = { \"a\", \"b\" } &redef;").kind {
        DeclKind::Var { init, attrs, .. } => {
            assert_eq!(render(&init.unwrap().1), "(brace \"a\" \"b\")");
            assert_eq!(attr_names(&attrs), ["redef"]);
        }
        k => panic!("{k:?}"),
    }
    match one_decl("global x: count &redef &log;").kind {
        DeclKind::Var {
            ty: Some(_),
            init: None,
            attrs,
            ..
        } => assert_eq!(attr_names(&attrs), ["redef", "log"]),
        k => panic!("{k:?}"),
    }
    match one_decl("const c = 10 sec &redef;").kind {
        DeclKind::Var {
            kind: GlobalKind::Const,
            ty: None,
            init: Some((_, e)),
            attrs,
            ..
        } => {
            assert_eq!(render(&e), "10.0s");
            assert_eq!(attr_names(&attrs), ["redef"]);
        }
        k => panic!("{k:?}"),
    }
    match one_decl("option o: bool = T;").kind {
        DeclKind::Var {
            kind: GlobalKind::Option,
            ty: Some(_),
            init: Some((_, e)),
            attrs,
            ..
        } => {
            assert_eq!(render(&e), "T");
            assert!(attrs.is_empty());
        }
        k => panic!("{k:?}"),
    }
    match one_decl("global f: function(a: count): string;").kind {
        DeclKind::Var { ty: Some(t), .. } => {
            assert_eq!(render_type(&t), "function(a:count):string")
        }
        k => panic!("{k:?}"),
    }
    match one_decl("global e: event(c: connection);").kind {
        DeclKind::Var { ty: Some(t), .. } => assert_eq!(render_type(&t), "event(c:connection)"),
        k => panic!("{k:?}"),
    }
    match one_decl("global h: opaque of md5;").kind {
        DeclKind::Var { ty: Some(t), .. } => assert_eq!(render_type(&t), "opaque of md5"),
        k => panic!("{k:?}"),
    }
}

#[test]
fn type_declarations() {
    let src = "type R: record {\n  a: count;\n  b: string &optional &log;\n  c: set[addr] &default=set();\n};";
    match one_decl(src).kind {
        DeclKind::Type { name, ty, attrs } => {
            assert_eq!(name.text, "R");
            assert!(attrs.is_empty());
            match ty.kind {
                TypeKind::Record(fs) => {
                    assert_eq!(
                        fs.iter().map(|f| f.name.text.as_str()).collect::<Vec<_>>(),
                        ["a", "b", "c"]
                    );
                    assert_eq!(render_type(&fs[2].ty), "set[addr]");
                    assert_eq!(attr_names(&fs[1].attrs), ["optional", "log"]);
                    assert_eq!(render_attr(&fs[2].attrs[0]), "&default=(set)");
                }
                k => panic!("{k:?}"),
            }
        }
        k => panic!("{k:?}"),
    }
    match one_decl("type E: enum { A, B = 2, C, };").kind {
        DeclKind::Type { ty, .. } => match ty.kind {
            TypeKind::Enum(vs) => {
                assert_eq!(
                    vs.iter().map(|v| v.name.text.as_str()).collect::<Vec<_>>(),
                    ["A", "B", "C"]
                );
                assert_eq!(vs[1].value.as_ref().map(render).as_deref(), Some("2"));
            }
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
    match one_decl("type Tab: table[count, string] of vector of addr;").kind {
        DeclKind::Type { ty, .. } => {
            assert_eq!(render_type(&ty), "table[count,string] of vector of addr")
        }
        k => panic!("{k:?}"),
    }
    match one_decl("type R: record { } &redef;").kind {
        DeclKind::Type { attrs, .. } => assert_eq!(attr_names(&attrs), ["redef"]),
        k => panic!("{k:?}"),
    }
}

#[test]
fn redefs() {
    match one_decl("redef record R += { c: count &optional; d: string &log &optional; };").kind {
        DeclKind::RedefRecord {
            name,
            fields,
            attrs,
        } => {
            assert_eq!(name.text, "R");
            assert_eq!(fields.len(), 2);
            assert_eq!(attr_names(&fields[1].attrs), ["log", "optional"]);
            assert!(attrs.is_empty());
        }
        k => panic!("{k:?}"),
    }
    match one_decl("redef enum Notice::Type += { A, B };").kind {
        DeclKind::RedefEnum { name, values } => {
            assert_eq!(name.text, "Notice::Type");
            assert_eq!(values.len(), 2);
        }
        k => panic!("{k:?}"),
    }
    match one_decl("redef x += { [1] = \"a\", [2] = \"b\" };").kind {
        DeclKind::Var {
            kind: GlobalKind::Redef,
            name,
            init: Some((op, e)),
            ..
        } => {
            assert_eq!(name.text, "x");
            assert_eq!(op, InitOp::AddTo);
            assert_eq!(
                render(&e),
                "(brace (= (bracket 1) \"a\") (= (bracket 2) \"b\"))"
            );
        }
        k => panic!("{k:?}"),
    }
    match one_decl("redef x -= { 22/tcp };").kind {
        DeclKind::Var {
            kind: GlobalKind::Redef,
            init: Some((InitOp::RemoveFrom, e)),
            ..
        } => {
            assert_eq!(render(&e), "(brace 22/tcp)")
        }
        k => panic!("{k:?}"),
    }
    match one_decl("redef Foo::enabled = F;").kind {
        DeclKind::Var {
            kind: GlobalKind::Redef,
            init: Some((InitOp::Set, e)),
            ..
        } => assert_eq!(render(&e), "F"),
        k => panic!("{k:?}"),
    }
    match one_decl("redef x &log;").kind {
        DeclKind::Var {
            kind: GlobalKind::Redef,
            init: None,
            attrs,
            ..
        } => assert_eq!(attr_names(&attrs), ["log"]),
        k => panic!("{k:?}"),
    }
}

#[test]
fn functions_events_hooks() {
    match one_decl("function f(a: count, b: string &optional): count { return a; }").kind {
        DeclKind::Func(f) => {
            assert_eq!(f.kind, FuncKind::Function);
            assert_eq!(f.name.text, "f");
            assert_eq!(render_sig(&f.sig), "(a:count,b:string):count");
            assert_eq!(attr_names(&f.sig.params[1].attrs), ["optional"]);
            assert_eq!(f.body.stmts.len(), 1);
            assert!(!f.is_redef);
        }
        k => panic!("{k:?}"),
    }
    match one_decl("event zeek_init() &priority=5 { print 1; }").kind {
        DeclKind::Func(f) => {
            assert_eq!(f.kind, FuncKind::Event);
            assert_eq!(
                f.attrs.iter().map(render_attr).collect::<Vec<_>>(),
                ["&priority=5"]
            );
        }
        k => panic!("{k:?}"),
    }
    match one_decl("event connection_state_remove(c: connection) &priority=-5 { }").kind {
        DeclKind::Func(f) => {
            assert_eq!(
                f.attrs.iter().map(render_attr).collect::<Vec<_>>(),
                ["&priority=(- 5)"]
            );
            assert_eq!(render_sig(&f.sig), "(c:connection)");
        }
        k => panic!("{k:?}"),
    }
    match one_decl("hook Notice::policy(n: Notice::Info) &priority=10 { break; }").kind {
        DeclKind::Func(f) => {
            assert_eq!(f.kind, FuncKind::Hook);
            assert_eq!(f.name.text, "Notice::policy");
            assert_eq!(attr_names(&f.attrs), ["priority"]);
            assert!(matches!(f.body.stmts[0].kind, StmtKind::Break));
        }
        k => panic!("{k:?}"),
    }
    match one_decl("global f: function(a: count): count;\n").kind {
        DeclKind::Var { .. } => {}
        k => panic!("{k:?}"),
    }
    match one_decl("redef event e(a: count) { }").kind {
        DeclKind::Func(f) => assert!(f.is_redef),
        k => panic!("{k:?}"),
    }
}

#[test]
fn directives() {
    let ds = decls("@load base/frameworks/notice\n@load-sigs ./sigs\n");
    let got: Vec<_> = ds
        .iter()
        .map(|d| match &d.kind {
            DeclKind::Directive { kind, arg } => (kind.as_str(), arg.as_str()),
            k => panic!("{k:?}"),
        })
        .collect();
    assert_eq!(
        got,
        [
            ("@load", "base/frameworks/notice"),
            ("@load-sigs", "./sigs")
        ]
    );
    // Conditionals: FirstBranch takes the first branch.
    let ds = decls("@if ( T )\nglobal a: count;\n@else\nglobal b: count;\n@endif\n");
    assert_eq!(ds.len(), 1);
    assert!(matches!(&ds[0].kind, DeclKind::Var { name, .. } if name.text == "a"));
}

#[test]
fn doc_comments() {
    let src = "\
##! Script doc.
##! Second line.

@load base/misc

## Doc for x.
## More for x.
global x: count &redef; ##< After x.

## Doc for R.
type R: record {
    ## Doc for a.
    a: count;   ##< After a.
    b: string &optional; ##< After b.
    ## Doc for c.
    c: addr;
};

## Doc for E.
type E: enum {
    ## Doc for A.
    A,
    B, ##< After B.
};

export {
    ## Doc for y.
    const y = 1 &redef;
}

redef record R += {
    ## Doc for d.
    d: count &optional;
};

## Doc for f.
function f() { }

print 1;
";
    let s = script(src);
    assert_eq!(s.doc, ["Script doc.", "Second line."]);
    // Leave out the `@load` and the `print` around the documented ones (see
    // the tests after this one for the first and last declaration).
    let ds = &s.decls[1..s.decls.len() - 1];
    assert_eq!(ds[0].doc, ["Doc for x.", "More for x.", "After x."]);
    assert_eq!(ds[1].doc, ["Doc for R."]);
    match &ds[1].kind {
        DeclKind::Type { ty, .. } => match &ty.kind {
            TypeKind::Record(fs) => {
                assert_eq!(fs[0].doc, ["Doc for a.", "After a."]);
                assert_eq!(fs[1].doc, ["After b."]);
                assert_eq!(fs[2].doc, ["Doc for c."]);
            }
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
    assert_eq!(ds[2].doc, ["Doc for E."]);
    match &ds[2].kind {
        DeclKind::Type { ty, .. } => match &ty.kind {
            TypeKind::Enum(vs) => {
                assert_eq!(vs[0].doc, ["Doc for A."]);
                assert_eq!(vs[1].doc, ["After B."]);
            }
            k => panic!("{k:?}"),
        },
        k => panic!("{k:?}"),
    }
    match &ds[3].kind {
        DeclKind::Export(inner) => assert_eq!(inner[0].doc, ["Doc for y."]),
        k => panic!("{k:?}"),
    }
    match &ds[4].kind {
        DeclKind::RedefRecord { fields, .. } => assert_eq!(fields[0].doc, ["Doc for d."]),
        k => panic!("{k:?}"),
    }
    assert_eq!(ds[5].doc, ["Doc for f."]);
}

#[test]
fn doc_comments_between_declarations() {
    let ds = decls("global a = 1;\n## Before b.\nglobal b = 2; ##< After b.\nglobal c = 3;\n");
    assert!(ds[0].doc.is_empty());
    assert_eq!(ds[1].doc, ["Before b.", "After b."]);
    assert!(ds[2].doc.is_empty());
}

// PARSER BUG (for the owner of src/syntax): since `parse` goes through
// `parse_tokens`, docs are attached within [first token start, last token
// end) instead of [0, end of file), so a `##` comment before the first
// declaration of a file and a `##<` comment after the last one are dropped:
//     "## Before.\nglobal x: count;\n"   => x.doc == []
//     "global x: count; ##< After.\n"     => x.doc == []
// Passing 0 and src.len() from `parse` (and the neighbouring runs' bounds
// when parsing a run of declarations) would fix it.
#[test]
fn doc_comment_before_first_declaration() {
    let ds = decls("## Before x.\nglobal x: count;\nglobal y: count;\n");
    assert_eq!(ds[0].doc, ["Before x."]);
    let ds = decls("##! Script.\n\n## Before x.\n## More.\nglobal x: count;\n");
    assert_eq!(ds[0].doc, ["Before x.", "More."]);
}

#[test]
fn trailing_doc_comment_on_last_declaration() {
    // A `##<` after the last declaration of a file still documents it.
    let ds = decls("global w = 0;\nglobal x: count; ##< After x.\n");
    assert_eq!(ds[1].doc, ["After x."]);
    let ds = decls("global w = 0;\nglobal y = 1; ##< After y.\n# a plain comment\n");
    assert_eq!(ds[1].doc, ["After y."]);
}

// ---------------------------------------------------------------------------
// messages for common mistakes

/// Parses `src` expecting failure; returns the first message and the
/// location of its span as Zeek prints it.
#[track_caller]
fn error_of(src: &str) -> (String, String) {
    let (msg, loc, _) = error_at(src);
    (msg, loc)
}

/// Like `error_of`, also giving the line the span starts on.
#[track_caller]
fn error_at(src: &str) -> (String, String, usize) {
    let mut map = SourceMap::default();
    let file = map.add("t.zeek".to_string(), src.to_string());
    let diags = match parse(src, file, "t.zeek", ".", &mut FirstBranch) {
        Ok(s) => panic!("{src:?} parsed: {s:?}"),
        Err(d) => d,
    };
    assert!(!diags.is_empty(), "an error must carry a diagnostic");
    let d = &diags[0];
    let span = d.span.expect("the diagnostic has a span");
    let line = map.get(span.file).expect("file").line_of(span.lo as usize);
    (
        d.message.clone(),
        map.location(span).expect("location"),
        line,
    )
}

/// For an error at the end of the input: the message, and the location if
/// the diagnostic has a span. Zeek gives none ("error: syntax error, at end
/// of file t.zeek"); a span, if there is one, must be on the last line.
#[track_caller]
fn eof_error(src: &str) -> (String, Option<String>) {
    let mut map = SourceMap::default();
    let file = map.add("t.zeek".to_string(), src.to_string());
    let diags = match parse(src, file, "t.zeek", ".", &mut FirstBranch) {
        Ok(s) => panic!("{src:?} parsed: {s:?}"),
        Err(d) => d,
    };
    assert!(!diags.is_empty(), "an error must carry a diagnostic");
    let d = &diags[0];
    (d.message.clone(), d.span.and_then(|s| map.location(s)))
}

#[test]
fn missing_semicolon() {
    let (msg, loc) = error_of("event zeek_init()\n\t{\n\tlocal x = 1\n\tprint x;\n\t}\n");
    assert_eq!(msg, "syntax error, at or near \"print\"");
    assert_eq!(loc, "t.zeek, line 4");
    let (msg, loc) = error_of("global x: count\nglobal y: count;\n");
    assert_eq!(msg, "syntax error, at or near \"global\"");
    assert_eq!(loc, "t.zeek, line 2");
}

#[test]
fn unbalanced_braces() {
    // a missing closing brace runs into the end of the file
    let (msg, loc) = eof_error("event zeek_init()\n\t{\n\tprint 1;\n");
    assert_eq!(msg, "syntax error, at end of file t.zeek");
    assert!(
        loc.is_none() || loc.as_deref() == Some("t.zeek, line 3"),
        "{loc:?}"
    );
    // one too many
    let (msg, loc) = error_of("event zeek_init()\n\t{\n\tprint 1;\n\t}\n}\n");
    assert_eq!(msg, "syntax error, at or near \"}\"");
    assert_eq!(loc, "t.zeek, line 5");
    // a missing parenthesis
    let (msg, loc) = error_of("event zeek_init()\n\t{\n\tif ( x print 1;\n\t}\n");
    assert_eq!(msg, "syntax error, at or near \"print\"");
    assert_eq!(loc, "t.zeek, line 3");
}

#[test]
fn unterminated_string() {
    let (msg, loc) = error_of("event zeek_init()\n\t{\n\tprint \"abc;\n\t}\n");
    assert!(msg.starts_with("unterminated string"), "{msg}");
    assert_eq!(loc, "t.zeek, line 3");
}

#[test]
fn unterminated_pattern() {
    let (msg, _, line) = error_at("global a = 1;\nglobal p = /abc;\nglobal b = 2;\n");
    assert!(
        msg.starts_with("pattern not terminated") || msg.starts_with("unterminated pattern"),
        "{msg}"
    );
    assert_eq!(line, 2);
}

// PARSER BUG (for the owner of src/syntax): the span of an unterminated
// pattern runs from the `/` to the end of the file (lexer.rs pushes
// `(span.start, src.len(), UnterminatedPattern)`), so the location reads
// "t.zeek, lines 2-3" where Zeek reports the single line "t.zeek, line 2".
#[test]
#[ignore = "known bug: unterminated-pattern span runs to end of file"]
fn unterminated_pattern_single_line_location() {
    // Zeek names the one line the pattern starts on.
    let (_, loc) = error_of("global a = 1;\nglobal p = /abc;\nglobal b = 2;\n");
    assert_eq!(loc, "t.zeek, line 2");
}

#[test]
fn else_without_if() {
    let (msg, loc) = error_of("global a: count;\n@else\nglobal b: count;\n@endif\n");
    assert!(msg.contains("@else without @if"), "{msg}");
    assert_eq!(loc, "t.zeek, line 2");
    let (msg, loc) = error_of("global a: count;\n\n@endif\n");
    assert!(msg.contains("@endif without @if"), "{msg}");
    assert_eq!(loc, "t.zeek, line 3");
}

#[test]
fn missing_endif() {
    let (msg, loc) = error_of("global a: count;\n@if ( T )\nglobal b: count;\n");
    assert!(msg.contains("missing @endif"), "{msg}");
    assert_eq!(loc, "t.zeek, line 2");
}

#[test]
fn other_mistakes() {
    // an unknown character
    let (msg, loc) = error_of("global a: count;\nglobal b = 1 ` 2;\n");
    assert!(!msg.is_empty());
    assert_eq!(loc, "t.zeek, line 2");
    // an operator with no right operand
    let (msg, loc) = error_of("global a = 1 +;\n");
    assert_eq!(msg, "syntax error, at or near \";\"");
    assert_eq!(loc, "t.zeek, line 1");
    // a keyword used as a name
    let (msg, _) = error_of("global event: count;\n");
    assert_eq!(msg, "syntax error, at or near \"event\"");
    // nothing after `=`
    let (msg, loc) = eof_error("global a =");
    assert_eq!(msg, "syntax error, at end of file t.zeek");
    assert!(
        loc.is_none() || loc.as_deref() == Some("t.zeek, line 1"),
        "{loc:?}"
    );
}
