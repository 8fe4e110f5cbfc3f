//! Zeek's types as the type checker and the runtime see them.
//!
//! Types are shared (`TypeRef`); records and enums are nominal and can grow
//! through `redef`, so their members sit behind `RefCell`s.

use crate::runtime::value::Value;
use crate::syntax::ast::FuncKind;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

pub type TypeRef = Rc<Type>;

#[derive(Debug)]
pub enum Type {
    /// The type of a statement-like call with no result, and of errors
    /// already reported (so they do not cascade).
    Void,
    Error,
    Bool,
    Count,
    Int,
    Double,
    Time,
    Interval,
    String,
    Pattern,
    Addr,
    Subnet,
    Port,
    Any,
    Timer,
    File,
    Enum(Rc<EnumType>),
    Record(Rc<RecordType>),
    /// `set[...]` has no yield type; `table[...] of T` has one.
    Table(TableType),
    Vector(TypeRef),
    Func(FuncType),
    Opaque(String),
    /// The types of a multi-part index or an expression list.
    List(Vec<TypeRef>),
    /// The type of a type used as a value.
    TypeOf(TypeRef),
}

#[derive(Debug)]
pub struct TableType {
    pub index: Vec<TypeRef>,
    pub yield_: Option<TypeRef>,
}

#[derive(Debug)]
pub struct FuncType {
    pub kind: FuncKind,
    pub params: Vec<ParamDef>,
    pub ret: TypeRef,
    /// Built-ins like `fmt` take any number of trailing arguments.
    pub varargs: bool,
}

#[derive(Debug, Clone)]
pub struct ParamDef {
    pub name: String,
    pub ty: TypeRef,
    /// The `&default` value of an optional parameter.
    pub default: Option<crate::runtime::value::Value>,
}

#[derive(Debug)]
pub struct EnumType {
    pub name: RefCell<String>,
    pub consts: RefCell<Vec<Rc<EnumConst>>>,
}

/// One enumerator; values hold a pointer to it.
#[derive(Debug)]
pub struct EnumConst {
    pub name: String,
    pub value: i64,
    /// The type's name, kept here so printing needs no lookup.
    pub type_name: String,
    /// The enum type itself, weakly: the type holds its constants, and a
    /// strong pointer back would make a cycle that is never freed. The
    /// program's declarations keep the type alive while values exist.
    /// Empty for constants made without a type (built-ins' stand-ins).
    pub ty: std::rc::Weak<EnumType>,
}

impl EnumConst {
    /// The enum type, while it exists.
    pub fn enum_type(&self) -> Option<Rc<EnumType>> {
        self.ty.upgrade()
    }

    /// Whether this is a constant of `et` (by identity, as types compare).
    pub fn is_of(&self, et: &Rc<EnumType>) -> bool {
        std::ptr::eq(self.ty.as_ptr(), Rc::as_ptr(et))
    }
}

#[derive(Debug)]
pub struct RecordType {
    pub name: RefCell<Option<String>>,
    pub fields: RefCell<Vec<FieldDef>>,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: String,
    pub ty: TypeRef,
    pub optional: bool,
    pub log: bool,
    /// Index of the `&default` expression in the interpreter's table of
    /// field defaults.
    pub default: Option<u32>,
    /// For a field added by `redef record` with a `&default`: its value,
    /// which records made before the redef show for it.
    pub late_default: Option<crate::runtime::value::Value>,
    /// The default is the empty container or record Zeek gives a field of
    /// such a type without `&default` (not an attribute: record_fields()
    /// does not show it).
    pub implicit_default: bool,
}

impl RecordType {
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.borrow().iter().position(|f| f.name == name)
    }
    pub fn num_fields(&self) -> usize {
        self.fields.borrow().len()
    }
}

impl EnumType {
    pub fn lookup(&self, value: i64) -> Option<Rc<EnumConst>> {
        self.consts
            .borrow()
            .iter()
            .find(|c| c.value == value)
            .cloned()
    }
}

thread_local! {
    static BASIC: BasicTypes = BasicTypes::new();
}

struct BasicTypes {
    void: TypeRef,
    error: TypeRef,
    bool_: TypeRef,
    count: TypeRef,
    int: TypeRef,
    double: TypeRef,
    time: TypeRef,
    interval: TypeRef,
    string: TypeRef,
    pattern: TypeRef,
    addr: TypeRef,
    subnet: TypeRef,
    port: TypeRef,
    any: TypeRef,
}

impl BasicTypes {
    fn new() -> Self {
        BasicTypes {
            void: Rc::new(Type::Void),
            error: Rc::new(Type::Error),
            bool_: Rc::new(Type::Bool),
            count: Rc::new(Type::Count),
            int: Rc::new(Type::Int),
            double: Rc::new(Type::Double),
            time: Rc::new(Type::Time),
            interval: Rc::new(Type::Interval),
            string: Rc::new(Type::String),
            pattern: Rc::new(Type::Pattern),
            addr: Rc::new(Type::Addr),
            subnet: Rc::new(Type::Subnet),
            port: Rc::new(Type::Port),
            any: Rc::new(Type::Any),
        }
    }
}

macro_rules! basic_ctor {
    ($($fn:ident => $field:ident),*) => {
        $(pub fn $fn() -> TypeRef { BASIC.with(|b| b.$field.clone()) })*
    };
}

basic_ctor!(void => void, error => error, bool_ => bool_, count => count, int => int,
    double => double, time => time, interval => interval, string => string,
    pattern => pattern, addr => addr, subnet => subnet, port => port, any => any);

pub fn set_of(index: Vec<TypeRef>) -> TypeRef {
    Rc::new(Type::Table(TableType {
        index,
        yield_: None,
    }))
}

pub fn table_of(index: Vec<TypeRef>, y: TypeRef) -> TypeRef {
    Rc::new(Type::Table(TableType {
        index,
        yield_: Some(y),
    }))
}

pub fn vector_of(t: TypeRef) -> TypeRef {
    Rc::new(Type::Vector(t))
}

/// Whether `t` is the error type or an anonymous record (a `[$a=...]`
/// constructor) with a field of it.
pub fn holds_error(t: &Type) -> bool {
    match t {
        Type::Error => true,
        Type::Record(r) if r.name.borrow().is_none() => {
            r.fields.borrow().iter().any(|f| holds_error(&f.ty))
        }
        _ => false,
    }
}

impl Type {
    /// Zeek's name for the type's kind (its `type_name()` of a type tag),
    /// as its messages give it: "table" for sets and tables alike.
    pub fn tag_name(&self) -> &'static str {
        match self {
            Self::Bool => "bool",
            Self::Count => "count",
            Self::Int => "int",
            Self::Double => "double",
            Self::Time => "time",
            Self::Interval => "interval",
            Self::String => "string",
            Self::Pattern => "pattern",
            Self::Addr => "addr",
            Self::Subnet => "subnet",
            Self::Port => "port",
            Self::Any => "any",
            Self::Enum(_) => "enum",
            Self::Record(_) => "record",
            Self::Table(_) => "table",
            Self::Vector(_) => "vector",
            Self::Func(_) => "func",
            Self::File => "file",
            Self::Opaque(_) => "opaque",
            Self::List(_) => "list",
            Self::TypeOf(_) => "type",
            Self::Timer => "timer",
            Self::Void => "void",
            Self::Error => "error",
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Type::Error)
    }
    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Count | Type::Int | Type::Double)
    }
    /// The type of an empty `set()`, `table()` or `vector()` that had no
    /// type to take from its context.
    pub fn is_unspecified(&self) -> bool {
        match self {
            Type::Table(t) => t.index.is_empty(),
            Type::Vector(e) => matches!(**e, Type::Void),
            _ => false,
        }
    }
    pub fn is_set(&self) -> bool {
        matches!(self, Type::Table(t) if t.yield_.is_none())
    }
    pub fn is_table(&self) -> bool {
        matches!(self, Type::Table(t) if t.yield_.is_some())
    }
    pub fn as_record(&self) -> Option<&Rc<RecordType>> {
        match self {
            Type::Record(r) => Some(r),
            _ => None,
        }
    }
    pub fn as_table(&self) -> Option<&TableType> {
        match self {
            Type::Table(t) => Some(t),
            _ => None,
        }
    }
    pub fn as_func(&self) -> Option<&FuncType> {
        match self {
            Type::Func(f) => Some(f),
            _ => None,
        }
    }
    pub fn yield_type(&self) -> Option<&TypeRef> {
        match self {
            Type::Vector(t) => Some(t),
            Type::Table(t) => t.yield_.as_ref(),
            _ => None,
        }
    }
    /// The name of a named record or enum.
    pub fn name(&self) -> Option<String> {
        match self {
            Type::Record(r) => r.name.borrow().clone(),
            Type::Enum(e) => Some(e.name.borrow().clone()),
            _ => None,
        }
    }
}

thread_local! {
    /// Names given to copies of unnamed types by `type X: T;`, by the
    /// copy's address. The copy is held weakly and entries whose copy is
    /// gone are dropped: each run (of the fuzz targets, of the tests)
    /// declares its own, and a dead entry would both grow the map and
    /// name whatever type is later allocated at its address.
    /// With each name, the name of the type it was copied from, if that
    /// was an alias too (`type B: A;`).
    #[allow(clippy::type_complexity)]
    static ALIASES: RefCell<std::collections::HashMap<usize, (std::rc::Weak<Type>, String, Option<String>)>> =
        RefCell::new(std::collections::HashMap::new());
}

/// A copy of `t` that goes by `name` when printed as a type value, as
/// Zeek names the type a `type X: T;` declaration makes. Records and
/// enums carry their own name and come back as they are.
pub fn named_alias(t: &TypeRef, name: &str) -> TypeRef {
    use Type::*;
    let copy = match &**t {
        Bool => Bool,
        Count => Count,
        Int => Int,
        Double => Double,
        Time => Time,
        Interval => Interval,
        String => String,
        Pattern => Pattern,
        Addr => Addr,
        Subnet => Subnet,
        Port => Port,
        Any => Any,
        Table(tt) => Table(TableType {
            index: tt.index.clone(),
            yield_: tt.yield_.clone(),
        }),
        Vector(y) => Vector(y.clone()),
        _ => return t.clone(),
    };
    let copy = Rc::new(copy);
    let from = alias_name(t);
    ALIASES.with(|a| {
        let mut a = a.borrow_mut();
        a.retain(|_, (w, _, _)| w.strong_count() > 0);
        if a.is_empty() {
            // A new run: start from a fresh map, so that its size depends
            // on this run's names only (not on where the last run's
            // removals left the old one's free slots).
            *a = std::collections::HashMap::new();
        }
        a.insert(
            Rc::as_ptr(&copy) as usize,
            (Rc::downgrade(&copy), name.to_string(), from),
        )
    });
    copy
}

/// The name a `type X: T;` declaration gave this type, if it is one.
pub fn alias_name(t: &TypeRef) -> Option<std::string::String> {
    ALIASES.with(|a| {
        let a = a.borrow();
        let (w, name, _) = a.get(&(Rc::as_ptr(t) as usize))?;
        // A live entry's address cannot have been reused.
        (w.strong_count() > 0).then(|| name.clone())
    })
}

/// For a type `type B: A;` made, the alias `A` it was copied from.
pub fn alias_origin(t: &TypeRef) -> Option<std::string::String> {
    ALIASES.with(|a| {
        let a = a.borrow();
        let (w, _, from) = a.get(&(Rc::as_ptr(t) as usize))?;
        if w.strong_count() > 0 {
            from.clone()
        } else {
            None
        }
    })
}

/// Whether two types are the same, as Zeek's `same_type` decides: named
/// records and enums by identity, everything else by structure, and
/// `any` matching every type.
pub fn same_type(a: &Type, b: &Type) -> bool {
    use Type::*;
    match (a, b) {
        (Error, _) | (_, Error) | (Any, _) | (_, Any) => true,
        (Enum(x), Enum(y)) => Rc::ptr_eq(x, y),
        (Record(x), Record(y)) => {
            if Rc::ptr_eq(x, y) {
                return true;
            }
            if x.name.borrow().is_some() || y.name.borrow().is_some() {
                return false;
            }
            let (fx, fy) = (x.fields.borrow(), y.fields.borrow());
            fx.len() == fy.len()
                && fx
                    .iter()
                    .zip(fy.iter())
                    .all(|(p, q)| p.name == q.name && same_type(&p.ty, &q.ty))
        }
        (Table(x), Table(y)) => {
            x.index.len() == y.index.len()
                && x.index.iter().zip(&y.index).all(|(p, q)| same_type(p, q))
                && match (&x.yield_, &y.yield_) {
                    (None, None) => true,
                    (Some(p), Some(q)) => same_type(p, q),
                    _ => false,
                }
        }
        (Vector(x), Vector(y)) => same_type(x, y),
        (Func(x), Func(y)) => {
            x.kind == y.kind
                && x.params.len() == y.params.len()
                && x.params
                    .iter()
                    .zip(&y.params)
                    .all(|(p, q)| same_type(&p.ty, &q.ty))
                && same_type(&x.ret, &y.ret)
        }
        (List(x), List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_type(p, q)),
        (Opaque(x), Opaque(y)) => x == y,
        (TypeOf(x), TypeOf(y)) => same_type(x, y),
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// Zeek's spelling of a type, as `type_name()` and error messages show it.
impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Void => write!(f, "void"),
            Type::Error => write!(f, "error"),
            Type::Bool => write!(f, "bool"),
            Type::Count => write!(f, "count"),
            Type::Int => write!(f, "int"),
            Type::Double => write!(f, "double"),
            Type::Time => write!(f, "time"),
            Type::Interval => write!(f, "interval"),
            Type::String => write!(f, "string"),
            Type::Pattern => write!(f, "pattern"),
            Type::Addr => write!(f, "addr"),
            Type::Subnet => write!(f, "subnet"),
            Type::Port => write!(f, "port"),
            Type::Any => write!(f, "any"),
            Type::Timer => write!(f, "timer"),
            Type::File => write!(f, "file of string"),
            Type::Enum(e) => write!(f, "{}", e.name.borrow()),
            Type::Record(r) => match &*r.name.borrow() {
                Some(n) => write!(f, "{n}"),
                None => {
                    write!(f, "record {{ ")?;
                    for fd in r.fields.borrow().iter() {
                        write!(f, "{}:{}; ", fd.name, fd.ty)?;
                    }
                    write!(f, "}}")
                }
            },
            // `set()` and `table()` written without a type to take.
            Type::Table(t) if t.index.is_empty() => match t.yield_ {
                None => write!(f, "set()"),
                Some(_) => write!(f, "table()"),
            },
            Type::Vector(t) if matches!(**t, Type::Void) => write!(f, "vector()"),
            Type::Table(t) => {
                let idx: Vec<String> = t.index.iter().map(|i| i.to_string()).collect();
                match &t.yield_ {
                    None => write!(f, "set[{}]", idx.join(",")),
                    Some(y) => write!(f, "table[{}] of {}", idx.join(","), y),
                }
            }
            Type::Vector(t) => write!(f, "vector of {t}"),
            Type::Func(ft) => {
                let kw = match ft.kind {
                    FuncKind::Function => "function",
                    FuncKind::Event => "event",
                    FuncKind::Hook => "hook",
                };
                let ps: Vec<String> = ft
                    .params
                    .iter()
                    .map(|p| format!("{}:{}", p.name, p.ty))
                    .collect();
                write!(f, "{}({})", kw, ps.join(", "))?;
                if ft.kind != FuncKind::Event && !matches!(*ft.ret, Type::Void) {
                    write!(f, " : {}", ft.ret)?;
                }
                Ok(())
            }
            Type::Opaque(n) => write!(f, "opaque of {n}"),
            Type::List(ts) => {
                let s: Vec<String> = ts.iter().map(|t| t.to_string()).collect();
                write!(f, "{}", s.join(","))
            }
            Type::TypeOf(t) => write!(f, "type {t}"),
        }
    }
}

/// The dynamic type of a value, as `type_name` shows it.
pub fn type_of(v: &Value) -> TypeRef {
    match v {
        Value::Unset => void(),
        Value::Bool(_) => bool_(),
        Value::Count(_) => count(),
        Value::Int(_) => int(),
        Value::Double(_) => double(),
        Value::Time(_) => time(),
        Value::Interval(_) => interval(),
        Value::Port(_) => port(),
        Value::String(_) => string(),
        Value::Addr(_) => addr(),
        Value::Subnet(_) => subnet(),
        Value::Pattern(_) => pattern(),
        Value::Enum(e) => match e.enum_type() {
            Some(t) => Rc::new(Type::Enum(t)),
            None => Rc::new(Type::Enum(Rc::new(EnumType {
                name: std::cell::RefCell::new(e.type_name.clone()),
                consts: std::cell::RefCell::new(Vec::new()),
            }))),
        },
        Value::Record(r) => Rc::new(Type::Record(r.borrow().ty.clone())),
        Value::Table(t) => t.borrow().ty.clone(),
        Value::Vector(x) => x.borrow().ty.clone(),
        Value::Func(f) => f.ty.clone(),
        Value::Type(t) => Rc::new(Type::TypeOf(t.clone())),
        Value::Tuple(items) => Rc::new(Type::List(items.iter().map(type_of).collect())),
        Value::Opaque(o) => match &*o.borrow() {
            crate::runtime::opaque::Opaque::File(_) => Rc::new(Type::File),
            other => Rc::new(Type::Opaque(other.type_name().to_string())),
        },
    }
}
