//! The syntax tree, as the parser builds it. Every node carries its span.

use super::token::Proto;
use std::net::IpAddr;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: u32,
    pub lo: u32,
    pub hi: u32,
}

impl Span {
    pub fn new(file: u32, lo: usize, hi: usize) -> Span {
        Span {
            file,
            lo: lo as u32,
            hi: hi as u32,
        }
    }
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }
}

/// A name as written, possibly scoped (`Conn::RemovalHook`, `::x`).
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// Documentation gathered from `##` / `##<` comments.
pub type Doc = Vec<String>;

#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    /// `##!` lines.
    pub doc: Doc,
    pub decls: Vec<Decl>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    pub kind: DeclKind,
    pub span: Span,
    pub doc: Doc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalKind {
    Global,
    Const,
    Option,
    Redef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitOp {
    Set,
    AddTo,
    RemoveFrom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuncKind {
    Function,
    Event,
    Hook,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DeclKind {
    Module(Name),
    Export(Vec<Decl>),
    /// `global`, `const`, `option`, and `redef x = ...`.
    Var {
        kind: GlobalKind,
        name: Name,
        ty: Option<Type>,
        init: Option<(InitOp, Expr)>,
        attrs: Vec<Attr>,
    },
    Type {
        name: Name,
        ty: Type,
        attrs: Vec<Attr>,
    },
    RedefRecord {
        name: Name,
        fields: Vec<Field>,
        attrs: Vec<Attr>,
    },
    RedefEnum {
        name: Name,
        values: Vec<EnumValue>,
    },
    Func(Box<FuncDecl>),
    /// `@load`, `@load-sigs`, `@load-plugin`, `@unload`, `@prefixes`,
    /// `@deprecated`, with the argument as written.
    Directive {
        kind: String,
        arg: String,
    },
    /// A statement at file level, run at start-up as Zeek does.
    Stmt(Stmt),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FuncDecl {
    pub kind: FuncKind,
    pub name: Name,
    pub sig: FuncSig,
    pub attrs: Vec<Attr>,
    pub body: Block,
    /// `redef function f(...)` / `redef event` forms.
    pub is_redef: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FuncSig {
    pub params: Vec<Param>,
    pub ret: Option<Box<Type>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: Name,
    pub ty: Type,
    pub attrs: Vec<Attr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub name: String,
    pub value: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    pub ty: Type,
    pub attrs: Vec<Attr>,
    pub doc: Doc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    pub name: Name,
    pub value: Option<Expr>,
    pub attrs: Vec<Attr>,
    pub doc: Doc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Type {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basic {
    Addr,
    Any,
    Bool,
    Count,
    Double,
    Int,
    Interval,
    Pattern,
    Port,
    String,
    Subnet,
    Time,
    Timer,
    File,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Basic(Basic),
    Named(Name),
    Set(Vec<Type>),
    Table(Vec<Type>, Box<Type>),
    Vector(Box<Type>),
    List(Box<Type>),
    Record(Vec<Field>),
    Enum(Vec<EnumValue>),
    Function(FuncSig),
    Event(Vec<Param>),
    Hook(Vec<Param>),
    Opaque(Name),
    File(Box<Type>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ForVars {
    /// `for ( k in s )`
    One(Name),
    /// `for ( [a, b] in t )`
    Index(Vec<Name>),
    /// `for ( k, v in t )`
    KeyValue(Name, Name),
    /// `for ( [a, b], v in t )`
    IndexValue(Vec<Name>, Name),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CaseLabel {
    /// `case 1, 2:`
    Values(Vec<Expr>),
    /// `case type count, type string as s:`
    Types(Vec<(Type, Option<Name>)>),
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub label: CaseLabel,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Print(Vec<Expr>),
    Event(Name, Vec<Expr>),
    Expr(Expr),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    For(ForVars, Expr, Box<Stmt>),
    While(Expr, Box<Stmt>),
    Switch(Expr, Vec<Case>),
    Break,
    Next,
    Fallthrough,
    Return(Option<Expr>),
    Add(Expr),
    Delete(Expr),
    Local {
        is_const: bool,
        name: Name,
        ty: Option<Type>,
        init: Option<Expr>,
        attrs: Vec<Attr>,
    },
    When(Box<WhenStmt>),
    Assert(Expr, Option<Expr>),
    Block(Block),
    Empty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WhenStmt {
    pub is_return: bool,
    pub captures: Option<Vec<Capture>>,
    /// `when ( local x = expr )`
    pub local: Option<Name>,
    pub cond: Expr,
    pub body: Block,
    pub timeout: Option<(Expr, Block)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    pub name: Name,
    pub deep_copy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    Count(u64),
    Double(f64),
    String(Vec<u8>),
    Port(u32, Proto),
    Addr(IpAddr),
    Subnet(IpAddr, u8),
    Interval(f64),
    /// The regular expression, `/i` (case-insensitive), `/s` (`.` also
    /// matches a newline).
    Pattern(String, bool, bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    BitNot,
    PreInc,
    PreDec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lambda {
    pub kind: FuncKind,
    pub captures: Option<Vec<Capture>>,
    pub sig: FuncSig,
    pub body: Block,
    /// `$f(x: count) = { ... }` without a return type: as in Zeek, the
    /// first `return` with a value gives the function its return type.
    pub infer_ret: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Literal(Literal),
    Name(Name),
    Field(Box<Expr>, Name),
    HasField(Box<Expr>, Name),
    Index(Box<Expr>, Vec<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Expr>, Vec<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Assign(InitOp, Box<Expr>, Box<Expr>),
    PostIncr(Box<Expr>),
    PostDecr(Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `|x|`
    Size(Box<Expr>),
    As(Box<Expr>, Type),
    /// `x ?as T`: whether `x as T` would succeed.
    CanCast(Box<Expr>, Type),
    /// A type written where a value goes, as in `f(addr)`.
    TypeValue(Type),
    Is(Box<Expr>, Type),
    Copy(Box<Expr>),
    /// `[a, b]` or `[$x=1]`: a list whose meaning the type checker settles.
    Bracket(Vec<Expr>),
    /// `{ a, b }` initializer lists.
    Brace(Vec<Expr>),
    /// `$name = value` inside constructors and calls.
    FieldAssign(Name, Box<Expr>),
    Record(Vec<Expr>),
    Set(Vec<Expr>),
    Table(Vec<Expr>),
    Vector(Vec<Expr>),
    /// A constructor or initializer followed by attributes,
    /// as in `table() &default=0`.
    WithAttrs(Box<Expr>, Vec<Attr>),
    Lambda(Box<Lambda>),
    /// `hook h(args)` as an expression.
    HookCall(Box<Expr>),
    /// `add s[k]` / `delete t[k]` where a value is expected (a statement
    /// of either is parsed as the statement).
    AddTo(Box<Expr>),
    DeleteFrom(Box<Expr>),
    Schedule(Box<Expr>, Name, Vec<Expr>),
}

/// Separates the attributes that trail an initializer (`= table() &redef`)
/// from the expression: in a declaration they belong to the declaration.
pub fn split_attrs(init: Expr) -> (Expr, Vec<Attr>) {
    match init.kind {
        ExprKind::WithAttrs(inner, attrs) => (*inner, attrs),
        kind => (
            Expr {
                kind,
                span: init.span,
            },
            Vec::new(),
        ),
    }
}

/// Whether an attribute takes a value (`&default=...`) or not (`&log`),
/// by Zeek's grammar; `None` for a name Zeek has no attribute for.
/// `&deprecated` may have a message or not.
pub fn attr_takes_value(name: &str) -> Option<bool> {
    match name {
        "default" | "default_insert" | "add_func" | "delete_func" | "on_change"
        | "publish_on_change" | "broker_store" | "backend" | "expire_func" | "create_expire"
        | "read_expire" | "write_expire" | "priority" | "group" | "type_column" | "deprecated" => {
            Some(true)
        }
        "optional"
        | "redef"
        | "is_assigned"
        | "is_used"
        | "broker_allow_complex_type"
        | "raw_output"
        | "log"
        | "error_handler"
        | "ordered"
        | "no_ZAM_opt"
        | "no_CPP_opt" => Some(false),
        _ => None,
    }
}
