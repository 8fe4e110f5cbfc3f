//! Types, attributes and names in Zeek's cross-reference form: a run of
//! inline pieces that each output format renders its own way (reST roles,
//! Markdown code spans, HTML links).

use crate::compile::scope;
use crate::syntax::ast::{self, Attr, Basic, Expr, ExprKind, Literal, TypeKind};
use std::collections::{HashMap, HashSet};

/// One piece of inline text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    /// A type name: a basic type or a declared one, fully qualified.
    Type(String),
    /// A declared identifier, fully qualified.
    Id(String),
    /// An enum constant, fully qualified.
    Enum(String),
    /// An attribute such as `&redef`.
    Attr(String),
    /// Source text shown literally.
    Code(String),
}

pub type Inlines = Vec<Inline>;

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

/// What the documented scripts declare, for qualifying the names they use
/// and inferring the types of initialized globals.
#[derive(Default)]
pub struct Known {
    /// Every declared identifier and type, fully qualified.
    pub names: HashSet<String>,
    /// Declared globals' types, for `redef x = ...` and `global y = x`.
    pub var_types: HashMap<String, Inlines>,
    /// Enum constants and the enum type each belongs to.
    pub enum_consts: HashMap<String, String>,
    /// The outermost type word of each declared type (`hook` for a
    /// `type H: hook(...)`), so a global of that type finds its section.
    pub type_words: HashMap<String, String>,
    /// `redef NAME op value` statements by the name they redefine: the
    /// page they are on and the operator with the value as written.
    pub redefs: HashMap<String, Vec<(String, String)>>,
    /// What each declared function returns.
    pub returns: HashMap<String, Inlines>,
    /// The page (script display path) that declares each name.
    pub homes: HashMap<String, String>,
}

impl Known {
    /// The full name a use of `name` in `module` refers to: the module's
    /// own declaration if there is one, else the global one, as Zeek's
    /// lookup does.
    pub fn qualify(&self, module: &str, name: &str) -> String {
        let cands = scope::candidates(module, name);
        cands
            .iter()
            .find(|c| self.names.contains(*c))
            .or(cands.last())
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }
}

/// Renders types and expressions of one file in one module.
pub struct Ctx<'a> {
    pub known: &'a Known,
    pub module: &'a str,
    pub src: &'a str,
}

fn basic_name(b: Basic) -> &'static str {
    match b {
        Basic::Addr => "addr",
        Basic::Any => "any",
        Basic::Bool => "bool",
        Basic::Count => "count",
        Basic::Double => "double",
        Basic::Int => "int",
        Basic::Interval => "interval",
        Basic::Pattern => "pattern",
        Basic::Port => "port",
        Basic::String => "string",
        Basic::Subnet => "subnet",
        Basic::Time => "time",
        Basic::Timer => "timer",
        Basic::File => "file",
    }
}

impl Ctx<'_> {
    /// The source text of a span, or "" if the span is out of range.
    pub fn source(&self, span: ast::Span) -> &str {
        self.src
            .get(span.lo as usize..span.hi as usize)
            .unwrap_or("")
            .trim()
    }

    /// The full type, as Zeekygen shows it after `:Type:`.
    pub fn ty(&self, t: &ast::Type) -> Inlines {
        let mut out = Vec::new();
        self.push_ty(t, &mut out);
        out
    }

    /// Only the outermost type word (or the name of a named type), as the
    /// summary tables show it.
    pub fn short_ty(&self, t: &ast::Type) -> Inlines {
        let word = match &t.kind {
            TypeKind::Basic(b) => basic_name(*b).to_string(),
            TypeKind::Named(n) => self.known.qualify(self.module, &n.text),
            TypeKind::Set(_) => "set".into(),
            TypeKind::Table(..) => "table".into(),
            TypeKind::Vector(_) => "vector".into(),
            TypeKind::List(_) => "list".into(),
            TypeKind::Record(_) => "record".into(),
            TypeKind::Enum(_) => "enum".into(),
            TypeKind::Function(_) => "function".into(),
            TypeKind::Event(_) => "event".into(),
            TypeKind::Hook(_) => "hook".into(),
            TypeKind::Opaque(_) => "opaque".into(),
            TypeKind::File(_) => "file".into(),
        };
        vec![Inline::Type(word)]
    }

    fn push_list(&self, ts: &[ast::Type], out: &mut Inlines) {
        out.push(text(" ["));
        for (i, t) in ts.iter().enumerate() {
            if i > 0 {
                out.push(text(", "));
            }
            self.push_ty(t, out);
        }
        out.push(text("]"));
    }

    fn push_params(&self, params: &[ast::Param], out: &mut Inlines) {
        out.push(text(" ("));
        for (i, p) in params.iter().enumerate() {
            if i > 0 {
                out.push(text(", "));
            }
            out.push(Inline::Text(format!("{}: ", p.name.text)));
            self.push_ty(&p.ty, out);
            for a in &p.attrs {
                out.push(text(" "));
                out.extend(self.attr(a));
            }
        }
        out.push(text(")"));
    }

    fn push_ty(&self, t: &ast::Type, out: &mut Inlines) {
        match &t.kind {
            TypeKind::Basic(b) => out.push(Inline::Type(basic_name(*b).into())),
            TypeKind::Named(n) => out.push(Inline::Type(self.known.qualify(self.module, &n.text))),
            TypeKind::Set(ts) => {
                out.push(Inline::Type("set".into()));
                self.push_list(ts, out);
            }
            TypeKind::Table(ts, yield_ty) => {
                out.push(Inline::Type("table".into()));
                self.push_list(ts, out);
                out.push(text(" of "));
                self.push_ty(yield_ty, out);
            }
            TypeKind::Vector(e) | TypeKind::List(e) | TypeKind::File(e) => {
                out.extend(self.short_ty(t));
                out.push(text(" of "));
                self.push_ty(e, out);
            }
            TypeKind::Record(fields) => {
                out.push(Inline::Type("record".into()));
                out.push(text(" {"));
                for f in fields {
                    out.push(Inline::Text(format!(" {}: ", f.name.text)));
                    self.push_ty(&f.ty, out);
                    for a in &f.attrs {
                        out.push(text(" "));
                        out.extend(self.attr(a));
                    }
                    out.push(text(";"));
                }
                out.push(text(" }"));
            }
            TypeKind::Enum(values) => {
                out.push(Inline::Type("enum".into()));
                let names: Vec<&str> = values.iter().map(|v| v.name.text.as_str()).collect();
                out.push(Inline::Text(format!(" {{ {} }}", names.join(", "))));
            }
            TypeKind::Function(sig) => {
                out.push(Inline::Type("function".into()));
                self.push_params(&sig.params, out);
                out.push(text(" : "));
                match &sig.ret {
                    Some(r) => self.push_ty(r, out),
                    None => out.push(Inline::Type("void".into())),
                }
            }
            TypeKind::Event(params) => {
                out.push(Inline::Type("event".into()));
                self.push_params(params, out);
            }
            TypeKind::Hook(params) => {
                out.push(Inline::Type("hook".into()));
                self.push_params(params, out);
                out.push(text(" : "));
                out.push(Inline::Type("bool".into()));
            }
            TypeKind::Opaque(n) => {
                out.push(Inline::Type("opaque".into()));
                out.push(Inline::Text(format!(" of {}", n.text)));
            }
        }
    }

    /// `&redef`, or `&default = 5` with the value as written.
    pub fn attr(&self, a: &Attr) -> Inlines {
        // The parser keeps the name without its `&`.
        let name = if a.name.starts_with('&') {
            a.name.clone()
        } else {
            format!("&{}", a.name)
        };
        let mut out = vec![Inline::Attr(name)];
        if let Some(v) = &a.value {
            out.push(text(" = "));
            out.push(Inline::Code(self.source(v.span).to_string()));
        }
        out
    }

    /// The attributes joined by spaces.
    pub fn attrs(&self, attrs: &[Attr]) -> Inlines {
        let mut out = Vec::new();
        for (i, a) in attrs.iter().enumerate() {
            if i > 0 {
                out.push(text(" "));
            }
            out.extend(self.attr(a));
        }
        out
    }

    /// The type of an initializer, for a declaration that leaves it to be
    /// inferred; None when it takes more than the syntax to tell.
    pub fn infer(&self, e: &Expr) -> Option<Inlines> {
        let word = |w: &str| Some(vec![Inline::Type(w.to_string())]);
        match &e.kind {
            ExprKind::Literal(l) => word(match l {
                Literal::Bool(_) => "bool",
                Literal::Count(_) => "count",
                Literal::Double(_) => "double",
                Literal::String(_) => "string",
                Literal::Port(..) => "port",
                Literal::Addr(_) => "addr",
                Literal::Subnet(..) => "subnet",
                Literal::Interval(_) => "interval",
                Literal::Pattern(..) => "pattern",
            }),
            ExprKind::Name(n) => {
                let full = self.known.qualify(self.module, &n.text);
                if let Some(t) = self.known.var_types.get(&full) {
                    return Some(t.clone());
                }
                let en = self.known.enum_consts.get(&full)?;
                Some(vec![Inline::Type(en.clone())])
            }
            ExprKind::Unary(ast::UnOp::Neg, inner) => match self.infer(inner) {
                Some(t) if t == [Inline::Type("count".into())] => word("int"),
                t => t,
            },
            ExprKind::Unary(ast::UnOp::Not, _) => word("bool"),
            ExprKind::Unary(_, inner) | ExprKind::Copy(inner) | ExprKind::WithAttrs(inner, _) => {
                self.infer(inner)
            }
            ExprKind::Binary(op, l, _) => {
                use ast::BinOp::*;
                match op {
                    Eq | Ne | Lt | Le | Gt | Ge | In | NotIn | And | Or => word("bool"),
                    _ => self.infer(l),
                }
            }
            ExprKind::Cond(_, a, _) => self.infer(a),
            // A record constructor `R($a=1)` or a call of a declared
            // function.
            ExprKind::Call(f, _) => {
                let ExprKind::Name(n) = &f.kind else {
                    return None;
                };
                let full = self.known.qualify(self.module, &n.text);
                if self.known.type_words.contains_key(&full) {
                    return Some(vec![Inline::Type(full)]);
                }
                self.known.returns.get(&full).cloned()
            }
            ExprKind::Size(_) => word("count"),
            ExprKind::As(_, t) => Some(self.ty(t)),
            ExprKind::Is(..) | ExprKind::CanCast(..) | ExprKind::HasField(..) => word("bool"),
            ExprKind::Set(_) | ExprKind::Brace(_) => word("set"),
            ExprKind::Table(_) => word("table"),
            ExprKind::Vector(_) => word("vector"),
            ExprKind::Record(_) => word("record"),
            ExprKind::Bracket(items)
                if !items.is_empty()
                    && items
                        .iter()
                        .all(|i| matches!(i.kind, ExprKind::FieldAssign(..))) =>
            {
                word("record")
            }
            ExprKind::Lambda(l) => {
                let ty = ast::Type {
                    kind: match l.kind {
                        ast::FuncKind::Function => TypeKind::Function(l.sig.clone()),
                        ast::FuncKind::Event => TypeKind::Event(l.sig.params.clone()),
                        ast::FuncKind::Hook => TypeKind::Hook(l.sig.params.clone()),
                    },
                    span: e.span,
                };
                Some(self.ty(&ty))
            }
            _ => None,
        }
    }
}

/// A literal initializer as Zeek describes the value (`1.0 min` for
/// `60 sec`, strings quoted), as Zeekygen shows defaults; None for other
/// expressions, which are shown as written.
pub fn literal_value(e: &Expr) -> Option<String> {
    use crate::runtime::format;
    let ExprKind::Literal(l) = &e.kind else {
        if let ExprKind::Unary(ast::UnOp::Neg, inner) = &e.kind {
            return match &inner.kind {
                ExprKind::Literal(Literal::Count(n)) => Some(format!("-{n}")),
                ExprKind::Literal(Literal::Double(d)) => Some(format::double(-d)),
                ExprKind::Literal(Literal::Interval(d)) => Some(format::interval(-d)),
                _ => None,
            };
        }
        return None;
    };
    Some(match l {
        Literal::Bool(b) => if *b { "T" } else { "F" }.to_string(),
        Literal::Count(n) => n.to_string(),
        Literal::Double(d) => format::double(*d),
        Literal::String(s) => {
            let body = String::from_utf8_lossy(&format::escape_bytes(s)).replace('"', "\\\"");
            format!("\"{body}\"")
        }
        Literal::Port(n, p) => format!("{n}/{}", p.name()),
        Literal::Addr(a) => format::addr(a),
        Literal::Subnet(a, w) => format::subnet(a, *w),
        Literal::Interval(d) => format::interval(*d),
        Literal::Pattern(src, ci, dotall) => format::pattern_text(src, *ci, *dotall),
    })
}

/// The plain text of inline pieces, as written in a script.
pub fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(s)
            | Inline::Type(s)
            | Inline::Id(s)
            | Inline::Enum(s)
            | Inline::Attr(s)
            | Inline::Code(s) => s.as_str(),
        })
        .collect()
}

/// Reads the Sphinx roles Zeek's comments use (`:zeek:see:`X``,
/// `:zeek:type:`X`` and the like) and ``literal`` spans out of comment
/// text, so formats other than reST can show them as code and links.
pub fn roles(text: &str) -> Inlines {
    let mut out = Vec::new();
    let mut rest = text;
    let mut plain_run = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(":zeek:") {
            let role_end = after.find(":`");
            let role = role_end.map(|i| &after[..i]);
            if let (Some(role), Some(i)) = (role, role_end) {
                if role.chars().all(|c| c.is_ascii_lowercase()) {
                    let body = &after[i + 2..];
                    if let Some(close) = body.find('`') {
                        if !plain_run.is_empty() {
                            out.push(Inline::Text(std::mem::take(&mut plain_run)));
                        }
                        let name = body[..close].to_string();
                        out.push(match role {
                            "type" => Inline::Type(name),
                            "enum" => Inline::Enum(name),
                            "attr" => Inline::Attr(name),
                            _ => Inline::Id(name),
                        });
                        rest = &body[close + 1..];
                        continue;
                    }
                }
            }
        }
        if let Some(after) = rest.strip_prefix("``") {
            if let Some(close) = after.find("``") {
                if !plain_run.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain_run)));
                }
                out.push(Inline::Code(after[..close].to_string()));
                rest = &after[close + 2..];
                continue;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            plain_run.push(c);
        }
        rest = chars.as_str();
    }
    if !plain_run.is_empty() {
        out.push(Inline::Text(plain_run));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_become_inlines() {
        let got = roles("runs in :zeek:see:`connection_state_remove`, see ``x``. :zeek:");
        assert_eq!(
            got,
            vec![
                Inline::Text("runs in ".into()),
                Inline::Id("connection_state_remove".into()),
                Inline::Text(", see ".into()),
                Inline::Code("x".into()),
                Inline::Text(". :zeek:".into()),
            ]
        );
        assert_eq!(roles(""), Vec::<Inline>::new());
        assert_eq!(roles("é ``"), vec![Inline::Text("é ``".into())]);
    }

    #[test]
    fn qualifies_module_names_first() {
        let mut k = Known::default();
        k.names.insert("Conn::Info".into());
        k.names.insert("Info2".into());
        assert_eq!(k.qualify("Conn", "Info"), "Conn::Info");
        assert_eq!(k.qualify("Conn", "Info2"), "Info2");
        assert_eq!(k.qualify("Conn", "Other"), "Other");
        assert_eq!(k.qualify("GLOBAL", "x"), "x");
        assert_eq!(k.qualify("Conn", "::x"), "x");
    }
}
