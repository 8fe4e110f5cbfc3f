//! A live session, as the REPL drives it: each input is checked against
//! everything declared so far; declarations persist, statements run at
//! once, a lone expression shows its value and type, and an input that
//! fails is undone.

use super::Compiler;
use crate::diag::{Diagnostic, Style};
use crate::eval::snapshot::Snapshot;
use crate::runtime::types::Type;
use crate::runtime::value::Value;
use crate::syntax::ast::{self, ExprKind};
use crate::syntax::lexer;
use crate::syntax::parser;
use crate::syntax::token::Tok;

/// What became of one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing to do (blanks and comments).
    Empty,
    /// Declarations made and statements run.
    Done,
    /// An expression's value as `print` shows it, and its type.
    Value { value: String, ty: String },
    /// Rejected by the parser or the checker; nothing ran.
    CompileError,
    /// A statement failed while running; its effects were undone.
    RuntimeError,
}

/// What an input may be undone to.
struct Txn {
    snap: Snapshot,
    infos: usize,
    errors: u32,
    module: String,
    loaded: ahash::AHashSet<String>,
}

impl Compiler {
    /// A session as `rzeek` starts one without scripts: `base/init-bare`
    /// loaded and `zeek_init` raised.
    pub fn new_session(style: Style) -> Compiler {
        let mut c = Compiler::new(style);
        c.interactive = true;
        c.load_named("base/init-bare", None);
        if c.run_init_stmts() {
            c.raise_event("zeek_init");
            c.interp.drain_events();
        }
        c.interp.flush();
        c
    }

    /// Queues an event without arguments by name, if it is declared.
    pub fn raise_event(&mut self, name: &str) {
        if let Some(id) = self.globals.get(name) {
            if let Value::Func(f) = self.interp.globals.values[id as usize].clone() {
                self.interp.queue_event(f, Vec::new());
            }
        }
    }

    /// Evaluates one whole input named `name` (shown in messages). Output
    /// goes where `print` writes; the value of an expression is written
    /// there too, followed by its type on the next line.
    pub fn eval_input(&mut self, name: &str, text: &str) -> Outcome {
        self.fatal = false;
        let file = self
            .interp
            .output
            .sources
            .add(name.to_string(), text.to_string());
        let src = self.interp.output.sources.files[file as usize].text.clone();
        let lexed = lexer::lex(&src, name, ".");
        if !lexed.errors.is_empty() {
            let diags = lexed
                .errors
                .iter()
                .map(|(s, e, err)| {
                    Diagnostic::error(ast::Span::new(file, *s, *e), parser::lex_message_of(err))
                })
                .collect();
            let before = self.errors;
            self.report(diags);
            self.errors = before;
            return Outcome::CompileError;
        }
        if lexed.tokens.is_empty() {
            return Outcome::Empty;
        }
        let mut statement = false;
        if let Ok(e) = parser::parse_expr_tokens(lexed.tokens.clone(), &src, file) {
            // `add s[1]` parses as an expression but is meant as the
            // statement, whose `;` may be left out at the prompt.
            statement = matches!(e.kind, ExprKind::AddTo(_) | ExprKind::DeleteFrom(_));
            if !statement {
                return self.eval_expr_input(&e);
            }
        }
        let txn = self.begin();
        // A leading empty statement lets `##` comments before the first
        // declaration of the input attach to it.
        let mut tokens = lexed.tokens;
        tokens.insert(0, (0, Tok::Semi, 0));
        if statement {
            let end = src.len();
            tokens.push((end, Tok::Semi, end));
        }
        self.process_tokens(tokens, &lexed.docs, &src, file, name);
        self.finish(txn)
    }

    /// `:load`: loads a script as `@load` would, and runs its statements.
    pub fn load_in_session(&mut self, script: &str) -> Outcome {
        let txn = self.begin();
        self.load_named(script, None);
        self.finish(txn)
    }

    /// The type of an expression, checked but not evaluated.
    pub fn type_of_input(&mut self, name: &str, text: &str) -> Option<String> {
        let file = self
            .interp
            .output
            .sources
            .add(name.to_string(), text.to_string());
        let src = self.interp.output.sources.files[file as usize].text.clone();
        let lexed = lexer::lex(&src, name, ".");
        let before = self.errors;
        if let Some((s, e, err)) = lexed.errors.first() {
            self.error(ast::Span::new(file, *s, *e), parser::lex_message_of(err));
            self.errors = before;
            return None;
        }
        let e = match parser::parse_expr_tokens(lexed.tokens, &src, file) {
            Ok(e) => e,
            Err(d) => {
                self.report(d);
                self.errors = before;
                return None;
            }
        };
        let saved = self.scope.take();
        let (_, t) = self.expr(&e);
        self.scope = saved;
        let failed = self.errors > before;
        self.errors = before;
        (!failed).then(|| t.to_string())
    }

    fn eval_expr_input(&mut self, e: &ast::Expr) -> Outcome {
        let txn = self.begin();
        let saved = self.scope.take();
        let (x, t) = self.expr(e);
        self.scope = saved;
        if self.errors > txn.errors {
            self.rollback(txn);
            return Outcome::CompileError;
        }
        match self.interp.eval(&x) {
            Ok(v) => {
                let outcome = if matches!(*t, Type::Void) || matches!(e.kind, ExprKind::Assign(..))
                {
                    Outcome::Done
                } else {
                    let value = String::from_utf8_lossy(&crate::runtime::format::print_line(&[v]))
                        .into_owned();
                    let ty = t.to_string();
                    self.interp.write_out(format!("{value}\n{ty}\n").as_bytes());
                    Outcome::Value { value, ty }
                };
                self.interp.drain_events();
                self.interp.flush();
                outcome
            }
            Err(err) => {
                self.interp.report_runtime(&err);
                self.rollback(txn);
                Outcome::RuntimeError
            }
        }
    }

    fn begin(&mut self) -> Txn {
        self.init_stmts.clear();
        Txn {
            snap: Snapshot::take(&self.interp),
            infos: self.globals.infos.len(),
            errors: self.errors,
            module: self.module.clone(),
            loaded: self.load.loaded.clone(),
        }
    }

    /// Runs the statements the input left, then the events it raised.
    fn finish(&mut self, txn: Txn) -> Outcome {
        if self.errors > txn.errors {
            self.rollback(txn);
            return Outcome::CompileError;
        }
        let stmts = std::mem::take(&mut self.init_stmts);
        for s in &stmts {
            if let Err(e) = self.interp.exec(s) {
                self.interp.report_runtime(&e);
                self.rollback(txn);
                return Outcome::RuntimeError;
            }
            if self.interp.output.exit_code.is_some() {
                break;
            }
        }
        self.interp.drain_events();
        self.interp.flush();
        Outcome::Done
    }

    /// Undoes a failed input: values, container contents, handlers and
    /// queued events as they were; names it declared are withdrawn.
    fn rollback(&mut self, txn: Txn) {
        self.interp.flush();
        txn.snap.restore(&mut self.interp);
        for id in txn.infos..self.globals.infos.len() {
            let name = self.globals.infos[id].name.clone();
            if self.globals.get(&name) == Some(id as u32) {
                self.globals.forget(&name);
            }
            if self
                .interp
                .globals
                .names
                .get(&name)
                .is_some_and(|n| n.0 == id as u32)
            {
                self.interp.globals.names.remove(&name);
            }
            if let Some(slot) = self.interp.globals.values.get_mut(id) {
                *slot = Value::Unset;
            }
        }
        self.init_stmts.clear();
        self.module = txn.module;
        self.errors = txn.errors;
        // A script that failed to load can be loaded again once fixed.
        self.load.loaded = txn.loaded;
    }

    /// Whether a global's name still refers to it (a failed input's
    /// declarations are withdrawn but keep their slots).
    pub fn is_live_global(&self, id: u32) -> bool {
        self.globals.get(&self.globals.info(id).name) == Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Compiler {
        Compiler::new_session(Style::Zeek)
    }

    fn value(c: &mut Compiler, n: &mut u32, text: &str) -> (String, String) {
        *n += 1;
        match c.eval_input(&format!("<input {n}>"), text) {
            Outcome::Value { value, ty } => (value, ty),
            other => panic!("{text}: {other:?}"),
        }
    }

    fn run(c: &mut Compiler, n: &mut u32, text: &str) -> Outcome {
        *n += 1;
        c.eval_input(&format!("<input {n}>"), text)
    }

    #[test]
    fn expressions_show_value_and_type() {
        let (mut c, mut n) = (session(), 0);
        assert_eq!(
            value(&mut c, &mut n, "3 sec"),
            ("3.0 secs".into(), "interval".into())
        );
        assert_eq!(value(&mut c, &mut n, "1 + 2"), ("3".into(), "count".into()));
        assert_eq!(
            value(&mut c, &mut n, "\"a\" + \"b\""),
            ("ab".into(), "string".into())
        );
        assert_eq!(
            value(&mut c, &mut n, "10.0.0.1 in 10.0.0.0/8"),
            ("T".into(), "bool".into())
        );
        assert_eq!(run(&mut c, &mut n, "# nothing"), Outcome::Empty);
    }

    #[test]
    fn declarations_persist() {
        let (mut c, mut n) = (session(), 0);
        assert_eq!(run(&mut c, &mut n, "global x = 5;"), Outcome::Done);
        assert_eq!(
            run(
                &mut c,
                &mut n,
                "type R: record { a: count; b: string &optional; };"
            ),
            Outcome::Done
        );
        assert_eq!(
            run(
                &mut c,
                &mut n,
                "function twice(r: R): count\n\t{\n\treturn 2 * r$a;\n\t}"
            ),
            Outcome::Done
        );
        assert_eq!(run(&mut c, &mut n, "local r = R($a = x);"), Outcome::Done);
        assert_eq!(
            value(&mut c, &mut n, "twice(r)"),
            ("10".into(), "count".into())
        );
        assert_eq!(
            value(&mut c, &mut n, "r"),
            ("[a=5, b=<uninitialized>]".into(), "R".into())
        );
        assert_eq!(run(&mut c, &mut n, "x = x + 1;"), Outcome::Done);
        assert_eq!(value(&mut c, &mut n, "x"), ("6".into(), "count".into()));
        assert_eq!(
            c.type_of_input("<t>", "twice"),
            Some("function(r:R) : count".into())
        );
    }

    #[test]
    fn compile_errors_change_nothing() {
        let (mut c, mut n) = (session(), 0);
        run(&mut c, &mut n, "global x = 5;");
        assert_eq!(
            run(&mut c, &mut n, "x = 7; x = \"a\";"),
            Outcome::CompileError
        );
        assert_eq!(value(&mut c, &mut n, "x"), ("5".into(), "count".into()));
        assert_eq!(run(&mut c, &mut n, "nosuchname + 1"), Outcome::CompileError);
        // a failed declaration is withdrawn: the name can be declared anew
        assert_eq!(
            run(&mut c, &mut n, "global z: count = \"s\";"),
            Outcome::CompileError
        );
        assert_eq!(
            run(&mut c, &mut n, "global z: string = \"s\";"),
            Outcome::Done
        );
        assert_eq!(value(&mut c, &mut n, "z"), ("s".into(), "string".into()));
        // a handler whose body does not check is not added
        run(&mut c, &mut n, "global ev: event(n: count);");
        assert_eq!(
            run(&mut c, &mut n, "event ev(n: count) { print n + \"x\"; }"),
            Outcome::CompileError
        );
        assert_eq!(c.type_of_input("<t>", "ev"), Some("event(n:count)".into()));
        assert_eq!(c.errors, 0);
    }

    #[test]
    fn runtime_errors_undo_the_input() {
        let (mut c, mut n) = (session(), 0);
        run(
            &mut c,
            &mut n,
            "global t: table[count] of string = { [1] = \"one\" };",
        );
        run(&mut c, &mut n, "global v: vector of count = vector(1, 2);");
        run(&mut c, &mut n, "global k = 1;");
        assert_eq!(
            run(
                &mut c,
                &mut n,
                "t[2] = \"two\"; v += 3; k = 9; delete t[1]; print t[42];"
            ),
            Outcome::RuntimeError
        );
        assert_eq!(
            value(&mut c, &mut n, "t"),
            ("{\n[1] = one\n}".into(), "table[count] of string".into())
        );
        assert_eq!(value(&mut c, &mut n, "|v|"), ("2".into(), "count".into()));
        assert_eq!(value(&mut c, &mut n, "k"), ("1".into(), "count".into()));
        assert_eq!(run(&mut c, &mut n, "t[5]"), Outcome::RuntimeError);
        // and the session goes on
        assert_eq!(run(&mut c, &mut n, "t[2] = \"two\";"), Outcome::Done);
        assert_eq!(value(&mut c, &mut n, "|t|"), ("2".into(), "count".into()));
    }

    #[test]
    fn events_are_drained_and_zeek_init_not_rerun() {
        let (mut c, mut n) = (session(), 0);
        run(&mut c, &mut n, "global seen = 0;");
        run(&mut c, &mut n, "event zeek_init() { seen = 100; }");
        assert_eq!(value(&mut c, &mut n, "seen"), ("0".into(), "count".into()));
        run(&mut c, &mut n, "global ping: event(n: count);");
        run(&mut c, &mut n, "event ping(n: count) { seen += n; }");
        assert_eq!(run(&mut c, &mut n, "event ping(3);"), Outcome::Done);
        assert_eq!(run(&mut c, &mut n, "event ping(4);"), Outcome::Done);
        assert_eq!(value(&mut c, &mut n, "seen"), ("7".into(), "count".into()));
    }

    #[test]
    fn hooks_and_docs() {
        let (mut c, mut n) = (session(), 0);
        run(&mut c, &mut n, "global hits: vector of string;");
        run(&mut c, &mut n, "global h: hook(s: string);");
        run(&mut c, &mut n, "hook h(s: string) { hits += s + \"1\"; }");
        run(
            &mut c,
            &mut n,
            "hook h(s: string) &priority=5 { hits += s + \"2\"; }",
        );
        assert_eq!(
            value(&mut c, &mut n, "hook h(\"x\")"),
            ("T".into(), "bool".into())
        );
        assert_eq!(
            value(&mut c, &mut n, "hits"),
            ("[x2, x1]".into(), "vector of string".into())
        );
        run(&mut c, &mut n, "## The answer.\nglobal answer = 42;");
        let id = c.globals.get("answer").unwrap();
        assert_eq!(c.globals.info(id).doc, vec!["The answer.".to_string()]);
    }

    #[test]
    fn load_in_session_runs_the_script() {
        let (mut c, mut n) = (session(), 0);
        assert_eq!(
            c.load_in_session("base/protocols/conn/removal-hooks"),
            Outcome::Done
        );
        assert!(c
            .type_of_input("<t>", "Conn::register_removal_hook")
            .is_some());
        assert_eq!(c.load_in_session("no/such/script"), Outcome::CompileError);
        // a script that fails can be loaded again once fixed
        let path = std::env::temp_dir().join(format!("rzeek-session-{}.zeek", std::process::id()));
        std::fs::write(&path, "global fixed: count = \"no\";\n").unwrap();
        let p = path.to_str().unwrap();
        assert_eq!(c.load_in_session(p), Outcome::CompileError);
        std::fs::write(&path, "global fixed: count = 1;\n").unwrap();
        assert_eq!(c.load_in_session(p), Outcome::Done);
        let _ = std::fs::remove_file(&path);
        assert_eq!(
            run(&mut c, &mut n, "1"),
            Outcome::Value {
                value: "1".into(),
                ty: "count".into()
            }
        );
    }
}
