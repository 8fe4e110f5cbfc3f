//! What a script's page shows, taken from its syntax tree: the summary,
//! the modules, the imports and each public declaration with its type,
//! attributes, initial value, source lines and documentation.

pub use super::text::DocText;
use super::xref::{Ctx, Inline, Inlines, Known};
use crate::compile::scope;
use crate::syntax::ast::{self, Decl, DeclKind, GlobalKind, InitOp, TypeKind};

/// The summary sections, in the order Zeekygen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    RuntimeOptions,
    RedefOptions,
    Constants,
    StateVars,
    Types,
    Redefinitions,
    Events,
    Hooks,
    Functions,
}

impl Page {
    /// The sections that have items, in page order, each with its items.
    pub fn sections(&self) -> Vec<(Section, Vec<&Item>)> {
        Section::ALL
            .into_iter()
            .map(|s| {
                (
                    s,
                    self.items
                        .iter()
                        .filter(|i| i.section == s)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, items)| !items.is_empty())
            .collect()
    }
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::RuntimeOptions,
        Section::RedefOptions,
        Section::Constants,
        Section::StateVars,
        Section::Types,
        Section::Redefinitions,
        Section::Events,
        Section::Hooks,
        Section::Functions,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::RuntimeOptions => "Runtime Options",
            Section::RedefOptions => "Redefinable Options",
            Section::Constants => "Constants",
            Section::StateVars => "State Variables",
            Section::Types => "Types",
            Section::Redefinitions => "Redefinitions",
            Section::Events => "Events",
            Section::Hooks => "Hooks",
            Section::Functions => "Functions",
        }
    }
}

/// A record field or an enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    /// Empty for enum values.
    pub ty: Inlines,
    pub attrs: Inlines,
    pub doc: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub section: Section,
    /// Fully qualified.
    pub name: String,
    /// Declares (or redefines) a type rather than an identifier.
    pub is_type: bool,
    /// The type as the summary table shows it.
    pub short: Inlines,
    /// The type as the detailed interface shows it.
    pub ty: Option<Inlines>,
    pub attrs: Inlines,
    /// The initializer as written (for a redefinition, with its operator).
    pub default: Option<String>,
    pub doc: DocText,
    /// First and last source line.
    pub lines: (usize, usize),
    pub members: Vec<Member>,
    /// Redefinitions in other scripts: the page and `op value`.
    pub redefs: Vec<(String, String)>,
    /// Members are enum values (else record fields).
    pub enum_members: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The script's path below its search root, e.g. `base/init-bare.zeek`.
    pub path: String,
    pub namespaces: Vec<String>,
    pub summary: Vec<String>,
    /// Display paths of the scripts it loads.
    pub imports: Vec<String>,
    pub items: Vec<Item>,
}

/// Line numbers of byte offsets in one file.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(src: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }
    pub fn line(&self, offset: u32) -> usize {
        match self.0.binary_search(&(offset as usize)) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
    pub fn range(&self, span: ast::Span) -> (usize, usize) {
        let lo = self.line(span.lo);
        (lo, self.line(span.hi.saturating_sub(1)).max(lo))
    }
}

/// Calls `f` with each declaration, its module and whether it is public
/// (in GLOBAL or exported), following `module` statements and `export`
/// blocks.
fn walk<'a>(decls: &'a [Decl], mut f: impl FnMut(&'a Decl, &str, bool)) {
    let mut module = "GLOBAL".to_string();
    for d in decls {
        match &d.kind {
            DeclKind::Module(n) => module = n.text.clone(),
            DeclKind::Export(inner) => {
                for i in inner {
                    f(i, &module, true);
                }
            }
            _ => f(d, &module, module == "GLOBAL"),
        }
    }
}

fn var_type(
    ctx: &Ctx,
    ty: &Option<ast::Type>,
    init: &Option<(InitOp, ast::Expr)>,
) -> Option<Inlines> {
    match (ty, init) {
        (Some(t), _) => Some(ctx.ty(t)),
        (None, Some((_, e))) => ctx.infer(e),
        _ => None,
    }
}

/// Records what one script declares in `known`.
pub fn collect_known(script: &ast::Script, src: &str, page: &str, known: &mut Known) {
    walk(&script.decls, |d, module, public| {
        let q = |n: &str| scope::qualify(module, n);
        let home = |known: &mut Known, name: &str| {
            known.names.insert(name.to_string());
            if public {
                known.homes.insert(name.to_string(), page.to_string());
            }
        };
        match &d.kind {
            DeclKind::Var {
                kind,
                name,
                ty,
                init,
                ..
            } if *kind != GlobalKind::Redef => {
                let full = q(&name.text);
                home(known, &full);
                let ctx = Ctx { known, module, src };
                if let Some(TypeKind::Function(sig)) = ty.as_ref().map(|t| &t.kind) {
                    if let Some(r) = &sig.ret {
                        let r = ctx.ty(r);
                        known.returns.insert(full.clone(), r);
                    }
                }
                let ctx = Ctx { known, module, src };
                if let Some(t) = var_type(&ctx, ty, init) {
                    known.var_types.insert(full, t);
                }
            }
            DeclKind::Var {
                kind: GlobalKind::Redef,
                name,
                init: Some((op, e)),
                ..
            } => {
                let full = known.qualify(module, &name.text);
                let op = match op {
                    InitOp::Set => "=",
                    InitOp::AddTo => "+=",
                    InitOp::RemoveFrom => "-=",
                };
                let value = match &e.kind {
                    ast::ExprKind::WithAttrs(inner, _) => inner.span,
                    _ => e.span,
                };
                let text = Ctx { known, module, src }.source(value).to_string();
                let entry = (page.to_string(), format!("{op} {text}"));
                // Known is built in two passes over the same scripts.
                let list = known.redefs.entry(full).or_default();
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
            DeclKind::Type { name, ty, .. } => {
                let full = q(&name.text);
                home(known, &full);
                let word = crate::doc::xref::plain(&Ctx { known, module, src }.short_ty(ty));
                let word = known.type_words.get(&word).cloned().unwrap_or(word);
                known.type_words.insert(full.clone(), word);
                if let TypeKind::Enum(values) = &ty.kind {
                    for v in values {
                        known.names.insert(q(&v.name.text));
                        known.enum_consts.insert(q(&v.name.text), full.clone());
                    }
                }
            }
            DeclKind::RedefEnum { name, values } => {
                let full = known.qualify(module, &name.text);
                for v in values {
                    known.names.insert(q(&v.name.text));
                    known.enum_consts.insert(q(&v.name.text), full.clone());
                }
            }
            DeclKind::Func(f) if !f.is_redef => {
                // A body defines the function its name finds, else a new
                // one in the current module.
                let found = known.qualify(module, &f.name.text);
                let full = if known.names.contains(&found) {
                    found
                } else {
                    q(&f.name.text)
                };
                if let Some(r) = &f.sig.ret {
                    let r = Ctx { known, module, src }.ty(r);
                    known.returns.entry(full.clone()).or_insert(r);
                }
                if !known.names.contains(&full) {
                    home(known, &full);
                }
            }
            _ => {}
        }
    });
}

fn members(ctx: &Ctx, fields: &[ast::Field]) -> Vec<Member> {
    fields
        .iter()
        .map(|f| Member {
            name: f.name.text.clone(),
            ty: ctx.ty(&f.ty),
            attrs: ctx.attrs(&f.attrs),
            doc: f.doc.clone(),
        })
        .collect()
}

fn enum_members(module: &str, values: &[ast::EnumValue]) -> Vec<Member> {
    values
        .iter()
        .map(|v| Member {
            name: scope::qualify(module, &v.name.text),
            ty: Vec::new(),
            attrs: Vec::new(),
            doc: v.doc.clone(),
        })
        .collect()
}

/// The section of a global by its type, when that is a function, event
/// or hook type (written out or named).
fn func_section(known: &Known, t: &Inlines) -> Option<Section> {
    let Some(Inline::Type(w)) = t.first() else {
        return None;
    };
    match known.type_words.get(w).unwrap_or(w).as_str() {
        "function" => Some(Section::Functions),
        "event" => Some(Section::Events),
        "hook" => Some(Section::Hooks),
        _ => None,
    }
}

fn param_names(ty: Option<&ast::Type>) -> Vec<String> {
    let params = match ty.map(|t| &t.kind) {
        Some(TypeKind::Function(sig)) => &sig.params,
        Some(TypeKind::Event(p) | TypeKind::Hook(p)) => p,
        _ => return Vec::new(),
    };
    params.iter().map(|p| p.name.text.clone()).collect()
}

/// Builds the page of one parsed script.
pub fn page(
    script: &ast::Script,
    src: &str,
    path: &str,
    imports: Vec<String>,
    known: &Known,
) -> Page {
    let lines = Lines::new(src);
    let mut page = Page {
        path: path.to_string(),
        summary: script.doc.clone(),
        imports,
        ..Page::default()
    };
    for d in &script.decls {
        if let DeclKind::Module(n) = &d.kind {
            if !page.namespaces.contains(&n.text) {
                page.namespaces.push(n.text.clone());
            }
        }
    }
    let mut items: Vec<Item> = Vec::new();
    walk(&script.decls, |d, module, public| {
        let ctx = Ctx { known, module, src };
        if let Some(item) = item(&ctx, d, public, (path, &lines), &mut items) {
            items.push(item);
        }
    });
    items.sort_by(|a, b| (a.section, &a.name).cmp(&(b.section, &b.name)));
    for it in items
        .iter_mut()
        .filter(|i| !i.is_type && i.section != Section::Redefinitions)
    {
        if let Some(rs) = known.redefs.get(&it.name) {
            it.redefs = rs.iter().filter(|(p, _)| p != path).cloned().collect();
        }
    }
    page.items = items;
    page
}

/// The item a declaration adds to the page, if any. A function body
/// whose declaration is already on the page fills in that item's lines
/// (and its text, if the declaration had none) instead.
fn item(
    ctx: &Ctx,
    d: &Decl,
    public: bool,
    (path, lines): (&str, &Lines),
    items: &mut [Item],
) -> Option<Item> {
    let base = |section, name: String, is_type| Item {
        section,
        name,
        is_type,
        short: Vec::new(),
        ty: None,
        attrs: Vec::new(),
        default: None,
        doc: DocText::default(),
        lines: lines.range(d.span),
        members: Vec::new(),
        enum_members: false,
        redefs: Vec::new(),
    };
    match &d.kind {
        DeclKind::Var {
            kind,
            name,
            ty,
            init,
            attrs,
        } => {
            let redef = *kind == GlobalKind::Redef;
            if !public && !redef {
                return None;
            }
            let full = if redef {
                ctx.known.qualify(ctx.module, &name.text)
            } else {
                scope::qualify(ctx.module, &name.text)
            };
            let full_ty = if redef {
                ctx.known.var_types.get(&full).cloned()
            } else {
                var_type(ctx, ty, init)
            };
            // Attributes after the initializer belong to the declaration.
            let (init, attrs) = match init {
                Some((op, e)) => match &e.kind {
                    ast::ExprKind::WithAttrs(inner, more) => (
                        Some((*op, inner.as_ref())),
                        attrs.iter().chain(more).cloned().collect::<Vec<_>>(),
                    ),
                    _ => (Some((*op, e)), attrs.clone()),
                },
                None => (None, attrs.clone()),
            };
            let attrs = &attrs;
            let has_redef = attrs
                .iter()
                .any(|a| a.name.trim_start_matches('&') == "redef");
            let section = match kind {
                GlobalKind::Redef => Section::Redefinitions,
                GlobalKind::Option => Section::RuntimeOptions,
                GlobalKind::Const if has_redef => Section::RedefOptions,
                GlobalKind::Const => Section::Constants,
                GlobalKind::Global => full_ty
                    .as_ref()
                    .and_then(|t| func_section(ctx.known, t))
                    .unwrap_or(Section::StateVars),
            };
            let mut it = base(section, full, false);
            it.short = full_ty
                .as_ref()
                .and_then(|t| t.first().cloned())
                .into_iter()
                .collect();
            it.attrs = ctx.attrs(attrs);
            if !it.attrs.is_empty() && !it.short.is_empty() {
                it.short.push(Inline::Text(" ".into()));
                it.short.extend(it.attrs.clone());
            }
            it.ty = full_ty;
            it.default = init.map(|(op, e)| {
                // The initializer's span may take in the attributes after
                // it; they are shown on their own.
                let mut span = e.span;
                for a in attrs.iter().filter(|a| a.span.lo > span.lo) {
                    span.hi = span.hi.min(a.span.lo);
                }
                let v =
                    super::xref::literal_value(e).unwrap_or_else(|| ctx.source(span).to_string());
                match (redef, op) {
                    (true, InitOp::AddTo) => format!("+= {v}"),
                    (true, InitOp::RemoveFrom) => format!("-= {v}"),
                    (true, InitOp::Set) => format!("= {v}"),
                    _ => v,
                }
            });
            it.doc = DocText::parse(&d.doc, &param_names(ty.as_ref()));
            // An event declared again with other parameters (the older
            // form handlers may still use) is one identifier: its entry
            // gets the other declaration's text.
            if let Some(first) = items
                .iter_mut()
                .find(|i| i.name == it.name && !i.is_type && i.section == it.section)
            {
                first.doc.merge(it.doc);
                return None;
            }
            Some(it)
        }
        DeclKind::Type { name, ty, attrs } if public => {
            let mut it = base(Section::Types, scope::qualify(ctx.module, &name.text), true);
            it.short = ctx.short_ty(ty);
            it.attrs = ctx.attrs(attrs);
            it.ty = Some(match &ty.kind {
                TypeKind::Record(fields) => {
                    it.members = members(ctx, fields);
                    it.short.clone()
                }
                TypeKind::Enum(values) => {
                    it.members = enum_members(ctx.module, values);
                    it.enum_members = true;
                    it.short.clone()
                }
                _ => ctx.ty(ty),
            });
            it.doc = DocText::parse(&d.doc, &param_names(Some(ty)));
            Some(it)
        }
        DeclKind::RedefRecord {
            name,
            fields,
            attrs,
        } => {
            let full = ctx.known.qualify(ctx.module, &name.text);
            let mut it = base(Section::Redefinitions, full, true);
            it.short = vec![Inline::Type("record".into())];
            it.ty = Some(it.short.clone());
            it.attrs = ctx.attrs(attrs);
            it.members = members(ctx, fields);
            it.doc = DocText::parse(&d.doc, &[]);
            Some(it)
        }
        DeclKind::RedefEnum { name, values } => {
            let full = ctx.known.qualify(ctx.module, &name.text);
            let mut it = base(Section::Redefinitions, full, true);
            it.short = vec![Inline::Type("enum".into())];
            it.ty = Some(it.short.clone());
            it.members = enum_members(ctx.module, values);
            it.enum_members = true;
            it.doc = DocText::parse(&d.doc, &[]);
            Some(it)
        }
        DeclKind::Func(f) if !f.is_redef && f.kind == ast::FuncKind::Function => {
            let full = ctx.known.qualify(ctx.module, &f.name.text);
            let params: Vec<String> = f.sig.params.iter().map(|p| p.name.text.clone()).collect();
            if let Some(decl) = items.iter_mut().find(|i| i.name == full && !i.is_type) {
                decl.lines = lines.range(d.span);
                if decl.doc.is_empty() {
                    decl.doc = DocText::parse(&d.doc, &params);
                }
                return None;
            }
            // Declared in another script: this is only its body.
            if !public || ctx.known.homes.get(&full).is_some_and(|h| h != path) {
                return None;
            }
            let ty = ast::Type {
                kind: TypeKind::Function(f.sig.clone()),
                span: f.sig.span,
            };
            let mut it = base(Section::Functions, full, false);
            it.short = vec![Inline::Type("function".into())];
            it.ty = Some(ctx.ty(&ty));
            it.attrs = ctx.attrs(&f.attrs);
            it.doc = DocText::parse(&d.doc, &params);
            Some(it)
        }
        _ => None,
    }
}
