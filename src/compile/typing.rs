//! Types as written, resolved: named types looked up, records and enums
//! built, container attributes gathered.

use super::describe;
use super::scope::{qualify, GlobalInfo, IdKind};
use super::Compiler;
use crate::runtime::ir;
use crate::runtime::table::ExpireKind;
use crate::runtime::types::{self, EnumConst, EnumType, FieldDef, RecordType, Type, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::{self, Basic, FuncKind, Span, TypeKind};
use std::cell::RefCell;
use std::rc::Rc;

impl Compiler {
    pub fn resolve_type(&mut self, t: &ast::Type) -> TypeRef {
        self.resolve_type_named(t, None)
    }

    /// Resolves a type; a record or enum written in a `type` declaration
    /// gets that declaration's name.
    pub fn resolve_type_named(&mut self, t: &ast::Type, name: Option<&str>) -> TypeRef {
        match &t.kind {
            TypeKind::Basic(b) => match b {
                Basic::Addr => types::addr(),
                Basic::Any => types::any(),
                Basic::Bool => types::bool_(),
                Basic::Count => types::count(),
                Basic::Double => types::double(),
                Basic::Int => types::int(),
                Basic::Interval => types::interval(),
                Basic::Pattern => types::pattern(),
                Basic::Port => types::port(),
                Basic::String => types::string(),
                Basic::Subnet => types::subnet(),
                Basic::Time => types::time(),
                Basic::Timer => Rc::new(Type::Timer),
                Basic::File => Rc::new(Type::File),
            },
            TypeKind::Named(n) => match self.lookup_global(&n.text) {
                Some(id) if self.globals.info(id).kind == IdKind::Type => {
                    self.check_deprecated_id(id, n.span);
                    self.global_type(id)
                }
                Some(_) => {
                    self.error(n.span, format!("not a type ({})", n.text));
                    types::error()
                }
                None => {
                    self.error(n.span, format!("identifier not defined: {}", n.text));
                    types::error()
                }
            },
            TypeKind::Set(idx) => {
                let idx = idx.iter().map(|t| self.resolve_type(t)).collect();
                let ty = types::set_of(idx);
                self.check_index_types(&ty, t.span);
                ty
            }
            TypeKind::Table(idx, y) => {
                let idx = idx.iter().map(|t| self.resolve_type(t)).collect();
                let y = self.resolve_type(y);
                let ty = types::table_of(idx, y);
                self.check_index_types(&ty, t.span);
                ty
            }
            TypeKind::Vector(e) | TypeKind::List(e) => {
                let e = self.resolve_type(e);
                types::vector_of(e)
            }
            TypeKind::Record(fields) => {
                // Created empty first so fields may refer to the type itself.
                let rt = Rc::new(RecordType {
                    name: RefCell::new(name.map(str::to_string)),
                    fields: RefCell::new(Vec::new()),
                });
                let ty = Rc::new(Type::Record(rt.clone()));
                if let Some(n) = name {
                    // Zeek places a record type from `record` to the end of
                    // its last field.
                    let body = match fields.last() {
                        Some(f) => {
                            let end = f.attrs.last().map_or(f.ty.span.hi, |a| a.span.hi);
                            Span::new(t.span.file, t.span.lo as usize, end as usize)
                        }
                        None => t.span,
                    };
                    self.pre_declare_type(n, ty.clone(), body);
                }
                let end = Span::new(
                    t.span.file,
                    t.span.hi.saturating_sub(1) as usize,
                    t.span.hi as usize,
                );
                for (i, f) in fields.iter().enumerate() {
                    if fields[..i].iter().any(|g| g.name.text == f.name.text) {
                        self.error(
                            end,
                            format!(
                                "duplicate field '{}' found in record definition",
                                f.name.text
                            ),
                        );
                    }
                }
                let defs = self.field_defs(fields);
                *rt.fields.borrow_mut() = defs;
                self.note_deprecated_fields(&rt, 0, fields);
                ty
            }
            TypeKind::Enum(values) => {
                let et = Rc::new(EnumType {
                    name: RefCell::new(name.unwrap_or("enum").to_string()),
                    consts: RefCell::new(Vec::new()),
                });
                let ty = Rc::new(Type::Enum(et.clone()));
                if let Some(n) = name {
                    self.pre_declare_type(n, ty.clone(), t.span);
                }
                self.add_enum_values(&et, values);
                ty
            }
            TypeKind::Function(sig) => self.func_type(FuncKind::Function, sig),
            TypeKind::Event(params) => {
                let sig = ast::FuncSig {
                    params: params.clone(),
                    ret: None,
                    span: t.span,
                };
                self.func_type(FuncKind::Event, &sig)
            }
            TypeKind::Hook(params) => {
                let sig = ast::FuncSig {
                    params: params.clone(),
                    ret: None,
                    span: t.span,
                };
                self.func_type(FuncKind::Hook, &sig)
            }
            TypeKind::Opaque(n) => Rc::new(Type::Opaque(n.text.clone())),
            TypeKind::File(_) => Rc::new(Type::File),
        }
    }

    /// Zeek cannot hash a key that holds an `any` (directly or inside a
    /// record, vector or table), so such index types are refused.
    fn check_index_types(&mut self, ty: &TypeRef, span: Span) {
        let Some(tt) = ty.as_table() else { return };
        for it in &tt.index {
            if !contains_any(it, &mut Vec::new()) {
                continue;
            }
            let record_name = it.as_record().and_then(|r| r.name.borrow().clone());
            let also = match record_name.and_then(|n| self.globals.get(&n)) {
                Some(id) => crate::diag::Also::Span(self.globals.info(id).span),
                None => crate::diag::Also::After(it.to_string()),
            };
            self.error_also(
                span,
                also,
                format!("index type containing 'any' is not supported ({ty} and {it})"),
            );
        }
    }

    /// Makes a record or enum type visible by name while its body is
    /// resolved, so it can refer to itself.
    fn pre_declare_type(&mut self, full: &str, ty: TypeRef, span: ast::Span) {
        if self.globals.get(full).is_some() {
            return;
        }
        self.add_global(GlobalInfo {
            name: full.to_string(),
            ty: ty.clone(),
            kind: IdKind::Type,
            span,
            doc: Vec::new(),
            redefable: false,
            exported: self.in_export,
        });
        self.interp.globals.values.push(Value::Type(ty));
    }

    pub fn field_defs(&mut self, fields: &[ast::Field]) -> Vec<FieldDef> {
        let mut out = Vec::with_capacity(fields.len());
        for f in fields {
            let ty = self.resolve_type(&f.ty);
            let mut def = FieldDef {
                name: f.name.text.clone(),
                ty: ty.clone(),
                optional: false,
                log: false,
                default: None,
                late_default: None,
                implicit_default: false,
            };
            if !f.attrs.is_empty() {
                // Zeek places a field's attributes on the whole field.
                let end = f.attrs.last().map_or(f.ty.span.hi, |a| a.span.hi);
                let at = ast::Span::new(f.name.span.file, f.name.span.lo as usize, end as usize);
                let place = super::attrs::AttrPlace {
                    in_record: true,
                    ..Default::default()
                };
                self.check_attr_list(&f.attrs, &ty, place, at);
            }
            let mut ordered = false;
            for a in &f.attrs {
                match a.name.as_str() {
                    "optional" => def.optional = true,
                    "log" => def.log = true,
                    "ordered" => ordered = true,
                    "default" => {
                        if let Some(v) = &a.value {
                            let saved = self.scope.take();
                            // A non-empty constructor has a type of its own,
                            // which must then fit the field.
                            let own_type = matches!(&v.kind,
                                ast::ExprKind::Set(xs) | ast::ExprKind::Table(xs)
                                | ast::ExprKind::Vector(xs) if !xs.is_empty());
                            let (x, xt) = if own_type {
                                self.expr(v)
                            } else {
                                self.expr_expect(v, Some(&ty))
                            };
                            self.scope = saved;
                            let x = match self.try_coerce(x, &xt, &ty) {
                                Ok(x) => x,
                                Err(x) => {
                                    let msg = format!(
                                        "&default value has inconsistent type (&default={})",
                                        describe::expr(v)
                                    );
                                    self.error(a.span, msg);
                                    x
                                }
                            };
                            def.default = Some(self.interp.globals.field_defaults.len() as u32);
                            self.interp.globals.field_defaults.push(x);
                        }
                    }
                    _ => {}
                }
            }
            // Aggregates without a default start empty, as Zeek makes them;
            // so does a field of record type (with its own defaults).
            if def.default.is_none()
                && !def.optional
                && matches!(&*ty, Type::Table(_) | Type::Vector(_) | Type::Record(_))
            {
                if let Some(mut x) = self.empty_aggregate(&ty, f.name.span) {
                    if let ir::ExprKind::Table(_, _, attrs) = &mut x.kind {
                        attrs.ordered = ordered;
                    }
                    def.default = Some(self.interp.globals.field_defaults.len() as u32);
                    def.implicit_default = true;
                    self.interp.globals.field_defaults.push(x);
                }
            }
            out.push(def);
        }
        out
    }

    /// Adds enumerators, declaring each as a constant in the current module.
    pub fn add_enum_values(&mut self, et: &Rc<EnumType>, values: &[ast::EnumValue]) {
        let enum_ty = Rc::new(Type::Enum(et.clone()));
        for v in values {
            let next = et
                .consts
                .borrow()
                .iter()
                .map(|c| c.value + 1)
                .max()
                .unwrap_or(0);
            let value = match &v.value {
                Some(e) => match &e.kind {
                    ast::ExprKind::Literal(ast::Literal::Count(n)) if *n > i64::MAX as u64 => {
                        self.error(e.span, "enumerator value cannot be negative");
                        continue;
                    }
                    ast::ExprKind::Literal(ast::Literal::Count(n)) => *n as i64,
                    _ => {
                        self.error(e.span, "enumerator is not a count constant");
                        continue;
                    }
                },
                None => next,
            };
            let full = qualify(&self.module, &v.name.text);
            if let Some(id) = self.globals.get(&full) {
                let prev = self.globals.info(id).span;
                self.error_also(
                    v.name.span,
                    crate::diag::Also::Span(prev),
                    format!(
                        "conflicting definition of enum value '{}' in type '{}'",
                        full,
                        et.name.borrow()
                    ),
                );
                continue;
            }
            let c = Rc::new(EnumConst {
                name: full.clone(),
                value,
                type_name: et.name.borrow().clone(),
                ty: Rc::downgrade(et),
            });
            et.consts.borrow_mut().push(c.clone());
            let id = self.add_global(GlobalInfo {
                name: full,
                ty: enum_ty.clone(),
                kind: IdKind::EnumConst,
                span: v.name.span,
                doc: v.doc.clone(),
                redefable: false,
                exported: self.in_export,
            });
            self.interp.globals.values.push(Value::Enum(c));
            self.note_deprecated_id(id, &v.attrs);
        }
    }

    /// An `&expire_func` must be a function taking the table and its
    /// index (or the table and one `any`) and yielding an interval.
    fn check_expire_func(&mut self, table: &TypeRef, ft: &TypeRef, v: &ast::Expr, at: Span) {
        let text = format!("&expire_func={}", super::describe::expr(v));
        let Some(f) = ft.as_func().filter(|f| f.kind == FuncKind::Function) else {
            if !ft.is_error() {
                self.error(
                    at,
                    format!("&expire_func attribute is not a function ({text})"),
                );
            }
            return;
        };
        if !matches!(*f.ret, Type::Interval) {
            self.error(
                at,
                format!("&expire_func must yield a value of type interval ({text})"),
            );
            return;
        }
        let Some(tt) = table.as_table() else { return };
        if f.params.len() == 2 && matches!(*f.params[1].ty, Type::Any) {
            return;
        }
        let expected: Vec<&TypeRef> = std::iter::once(table).chain(tt.index.iter()).collect();
        // Zeek warns at the function's declaration, naming its type.
        let decl = match &v.kind {
            ast::ExprKind::Name(n) => self
                .lookup_global(&n.text)
                .map(|id| self.globals.info(id).span),
            _ => None,
        }
        .unwrap_or(v.span);
        let ok = if f.params.len() != expected.len() {
            let msg = format!(
                "Wrong number of arguments for function. Expected {}, got {}. ({ft})",
                expected.len(),
                f.params.len()
            );
            self.warning(decl, msg);
            false
        } else {
            let mut ok = true;
            for (i, (p, e)) in f.params.iter().zip(&expected).enumerate() {
                if !types::same_type(&p.ty, e) {
                    let msg = format!(
                        "Type mismatch in function argument #{}. Expected {}, got {}. ({ft})",
                        i + 1,
                        e,
                        p.ty
                    );
                    self.warning(decl, msg);
                    ok = false;
                }
            }
            ok
        };
        if !ok {
            self.error(at, format!("&expire_func argument type clash ({text})"));
        }
    }

    /// Zeek's complaint about an empty constructor converted to `ty`:
    /// `MSG (TYPE and table()ATTRS)`, at the type's declaration and the
    /// constructor.
    fn coerced_ctor_error(&mut self, ty: &TypeRef, attrs: &[ast::Attr], at: ast::Span, msg: &str) {
        let mut shown: Vec<String> = attrs.iter().map(super::attrs::attr_text).collect();
        let has = |n: &str| attrs.iter().any(|a| a.name == n);
        if has("default") && !has("optional") {
            shown.push("&optional".to_string());
        }
        // A table type declared with `type X: table[...] of ...` goes by
        // its name, at its declaration.
        let name = types::alias_name(ty).or_else(|| ty.name());
        let shown_ty = name.clone().unwrap_or_else(|| ty.to_string());
        let text = format!("{msg} ({shown_ty} and table(){})", shown.join(", "));
        let decl = name
            .and_then(|n| self.globals.get(&n))
            .map(|id| self.globals.info(id).span);
        match decl {
            Some(decl) => self.error_two(decl, at, text),
            None => self.error(at, text),
        }
    }

    /// Container attributes of a declaration, compiled.
    pub fn table_attrs(&mut self, ty: &TypeRef, attrs: &[ast::Attr]) -> Option<ir::TableAttrs> {
        self.table_attrs_of(ty, attrs, None)
    }

    /// Container attributes; `untyped_ctor` is the span of an empty
    /// `table()` constructor that takes `ty` from where it is used. Zeek
    /// checks such a constructor's `&default` while converting it to `ty`
    /// and names both in a complaint: the type, then the constructor with
    /// its attributes (`&optional` among them, which Zeek adds to every
    /// `&default` that is not a global's).
    pub fn table_attrs_of(
        &mut self,
        ty: &TypeRef,
        attrs: &[ast::Attr],
        untyped_ctor: Option<ast::Span>,
    ) -> Option<ir::TableAttrs> {
        let tt = ty.as_table()?;
        let mut out = ir::TableAttrs::default();
        let mut any = false;
        for a in attrs {
            if a.name == "ordered" {
                out.ordered = true;
                any = true;
            }
            let Some(v) = &a.value else { continue };
            match a.name.as_str() {
                "default" | "default_insert" => {
                    out.default_insert = a.name == "default_insert";
                    let (x, xt) = self.expr_expect(v, tt.yield_.as_ref());
                    out.default_is_func = matches!(&*xt, Type::Func(f) if
                        !matches!(tt.yield_.as_deref(), Some(Type::Func(_))) && f.kind == FuncKind::Function);
                    let x = match (&tt.yield_, out.default_is_func) {
                        // As Zeek's check_default_attr: the value must
                        // promote to the yield type; its own complaint
                        // comes first, then the attribute's.
                        (Some(y), false) if !xt.is_error() && !types::same_type(&xt, y) => {
                            match self.check_promote_as(x, &xt, v, y, None, false) {
                                Some(x) => x,
                                None => {
                                    let aname = &a.name;
                                    let msg = format!("&{aname} value has inconsistent type");
                                    match untyped_ctor {
                                        Some(at) => self.coerced_ctor_error(ty, attrs, at, &msg),
                                        None => {
                                            let text = super::attrs::attr_text(a);
                                            self.error(a.span, format!("{msg} ({text})"));
                                        }
                                    }
                                    super::expr::mk(ir::ExprKind::Const(Value::Unset), v.span)
                                }
                            }
                        }
                        (Some(y), true) => {
                            if let Some(f) = xt.as_func() {
                                let args_fit = f.params.len() == tt.index.len()
                                    && f.params
                                        .iter()
                                        .zip(&tt.index)
                                        .all(|(p, i)| types::same_type(&p.ty, i));
                                if !args_fit || !types::same_type(&f.ret, y) {
                                    let text = super::attrs::attr_text(a);
                                    let aname = &a.name;
                                    self.error(
                                        a.span,
                                        format!("&{aname} function type clash ({text})"),
                                    );
                                }
                            }
                            x
                        }
                        _ => x,
                    };
                    out.default = Some(Box::new(x));
                    any = true;
                }
                "create_expire" | "read_expire" | "write_expire" => {
                    let kind = match a.name.as_str() {
                        "create_expire" => ExpireKind::Create,
                        "read_expire" => ExpireKind::Read,
                        _ => ExpireKind::Write,
                    };
                    let (x, _) = self.expr(v);
                    out.expire = Some((kind, Rc::new(x)));
                    any = true;
                }
                "expire_func" => {
                    let (x, xt) = self.expr(v);
                    self.check_expire_func(ty, &xt, v, a.span);
                    out.expire_func = Some(Rc::new(x));
                    any = true;
                }
                "on_change" => {
                    let (x, xt) = self.expr(v);
                    if let Some(msg) = on_change_problem(ty, &xt) {
                        let text = super::attrs::attr_text(a);
                        self.error(a.span, format!("{msg} ({text})"));
                    }
                    out.on_change = Some(Box::new(x));
                    any = true;
                }
                _ => {}
            }
        }
        any.then_some(out)
    }
}

/// What Zeek finds wrong with an `&on_change` function for a table:
/// it takes the table, a `TableChange`, the index and (for a table) the
/// value, and returns nothing.
fn on_change_problem(table: &TypeRef, ft: &TypeRef) -> Option<&'static str> {
    let tt = table.as_table()?;
    if ft.is_error() {
        return None;
    }
    let Some(f) = ft.as_func().filter(|f| f.kind == FuncKind::Function) else {
        return Some("&on_change attribute is not a function");
    };
    if !matches!(*f.ret, Type::Void) {
        return Some("&on_change must not return a value");
    }
    if f.params.len() == 1 && matches!(*f.params[0].ty, Type::Any) && f.params[0].name == "va_args"
    {
        return None;
    }
    let is_set = tt.yield_.is_none();
    let want = if is_set { 2 } else { 3 } + tt.index.len();
    if f.params.len() != want {
        return Some("&on_change function has incorrect number of arguments");
    }
    if !types::same_type(&f.params[0].ty, table) {
        return Some("&on_change: first argument must be of same type as table");
    }
    if !matches!(*f.params[1].ty, Type::Enum(_)) {
        return Some("&on_change: second argument must be a TableChange enum");
    }
    for (i, t) in tt.index.iter().enumerate() {
        if !types::same_type(&f.params[2 + i].ty, t) {
            return Some("&on_change: index types do not match table");
        }
    }
    if let Some(y) = &tt.yield_ {
        if !types::same_type(&f.params[2 + tt.index.len()].ty, y) {
            return Some("&on_change: value type does not match table");
        }
    }
    None
}

/// Whether a value of type `t` may hold an `any`; `seen` guards against
/// records that contain themselves.
fn contains_any(t: &TypeRef, seen: &mut Vec<*const RecordType>) -> bool {
    match &**t {
        Type::Any => true,
        Type::Vector(e) => contains_any(e, seen),
        Type::Table(tt) => {
            tt.index.iter().any(|i| contains_any(i, seen))
                || tt.yield_.as_ref().is_some_and(|y| contains_any(y, seen))
        }
        Type::Record(rt) => {
            let key = Rc::as_ptr(rt);
            if seen.contains(&key) {
                return false;
            }
            seen.push(key);
            let fields = rt.fields.borrow();
            fields.iter().any(|f| contains_any(&f.ty, seen))
        }
        _ => false,
    }
}
