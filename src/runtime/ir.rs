//! The resolved, typed tree the evaluator runs. Names are gone: locals are
//! frame slots, globals are indices, record fields are positions. The
//! checker has inserted every coercion, so operators see operands of one
//! type and the evaluator dispatches on the values' tags alone.

use crate::runtime::func::BifFn;
use crate::runtime::types::{RecordType, TypeRef};
use crate::runtime::value::Value;
use crate::syntax::ast::Span;
use ahash::AHashMap;
use std::rc::Rc;

#[derive(Debug)]
pub struct FuncBody {
    pub name: String,
    /// Parameters occupy the first slots of the frame.
    pub num_params: u32,
    pub frame_size: u32,
    /// Frame slots that receive a closure's captured values.
    pub capture_slots: Vec<u32>,
    /// For a handler written with an alternate prototype: which argument
    /// of the declared event fills each parameter. Empty: in order.
    pub arg_map: Vec<u32>,
    pub body: Vec<Stmt>,
    pub span: Span,
    /// The event groups a handler belongs to (its `&group` and its
    /// module's); it runs only while none of them is disabled.
    pub groups: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// How `x in y` is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InKind {
    /// Key in a table or set (the key may be a tuple).
    Table,
    /// Substring.
    Substring,
    /// Pattern search in a string.
    Pattern,
    /// Address in a subnet.
    Subnet,
    /// Index in a vector (valid and not a hole).
    VectorIndex,
    /// String matched by any pattern indexing a `set[pattern]` or
    /// `table[pattern] of T`.
    PatternTable,
    /// Address inside any subnet indexing a `set[subnet]` or
    /// `table[subnet] of T`.
    SubnetTable,
}

/// An operator applied element by element to vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VecOp {
    Arith(Arith),
    Cmp(Cmp),
    /// String concatenation.
    Concat,
    And,
    Or,
}

#[derive(Debug, Clone)]
pub enum Coercion {
    ToInt,
    /// To count, failing on a negative value.
    ToCount,
    ToDouble,
    /// Builds a record of the target type from a record of another type
    /// with compatible fields.
    Record(Rc<RecordType>),
    /// A value of type `any` checked against a concrete type at run time.
    FromAny(TypeRef),
    /// Gives an empty constructor (`table()`, `set()`, `vector()`) its
    /// declared type.
    Retype(TypeRef),
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum ExprKind {
    Const(Value),
    Local(u32),
    Global(u32),
    Field(Box<Expr>, u32),
    HasField(Box<Expr>, u32),
    /// Table lookup (applies `&default`).
    TableIndex(Box<Expr>, Box<Expr>),
    /// `t[s]` with `t` a `table[pattern] of T` and `s` a string: the values
    /// of every pattern matching `s`, as a vector of the given type.
    PatternTableIndex(Box<Expr>, Box<Expr>, TypeRef),
    /// `t[a]` with `t` indexed by one subnet and `a` an address: the
    /// value of the longest subnet holding `a`.
    SubnetTableIndex(Box<Expr>, Box<Expr>),
    VectorIndex(Box<Expr>, Box<Expr>),
    /// `v[bools]` or `v[indices]`: a new vector.
    VectorSelect(Box<Expr>, Box<Expr>),
    StringIndex(Box<Expr>, Box<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// A multi-part index: evaluates to `Value::Tuple`.
    Tuple(Vec<Expr>),
    /// A call of a function value.
    Call(Box<Expr>, Vec<Expr>),
    /// A call of a built-in known at compile time.
    CallBif(BifFn, String, Vec<Expr>),
    /// `hook h(args)`: true unless a handler broke out.
    HookCall(Box<Expr>, Vec<Expr>),
    /// Unary minus (a count becomes an int); of a vector, of each element.
    Neg(Box<Expr>),
    /// Unary plus (a count becomes an int); of a vector, of each element.
    Pos(Box<Expr>),
    BitNot(Box<Expr>),
    /// Logical not of a bool, or whether an integer is zero.
    Not(Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// `addr / width`: the subnet of that prefix.
    Mask(Box<Expr>, Box<Expr>),
    /// An operator on two vectors element by element (or on a vector and a
    /// scalar it is applied to each element with), making a vector of the
    /// given type.
    VecBinary(VecOp, Box<Expr>, Box<Expr>, TypeRef),
    Cmp(Cmp, Box<Expr>, Box<Expr>),
    /// String concatenation.
    Concat(Box<Expr>, Box<Expr>),
    /// Pattern `&` and `|`.
    PatternOp(bool, Box<Expr>, Box<Expr>),
    /// `p += q` on a pattern: the new value of `p`.
    PatternAddTo(Box<Expr>, Box<Expr>),
    /// Set union (`|`), intersection (`&`), difference (`-`).
    SetOp(Arith, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    In(InKind, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `c ? a : b` over vectors: element i from `a` where `c[i]` holds,
    /// else from `b`.
    VectorCond(Box<Expr>, Box<Expr>, Box<Expr>),
    Assign(Box<LValue>, Box<Expr>),
    /// `++x` / `--x` (and postfix forms, which Zeek treats alike).
    IncDec(Box<LValue>, i64),
    /// `v += x` on a vector appends; on a set adds; `-=` removes.
    AppendTo(Box<LValue>, Box<Expr>),
    /// `v += w` with `v` a vector of any and `w` a vector: appends each
    /// element of `w`.
    /// The type is the target's element type when the elements must be
    /// checked as they arrive (a vector of any appended to a typed one).
    ExtendVector(Box<LValue>, Box<Expr>, Option<TypeRef>),
    AddToSet(Box<Expr>, Box<Expr>),
    RemoveFromSet(Box<Expr>, Box<Expr>),
    Size(Box<Expr>),
    Record(Rc<RecordType>, Vec<(u32, Expr)>),
    Table(TypeRef, Vec<(Expr, Option<Expr>)>, TableAttrs),
    Vector(TypeRef, Vec<Expr>),
    Lambda(Rc<FuncBody>, TypeRef, Vec<Expr>),
    Coerce(Box<Expr>, Coercion),
    /// `x as T`: the value converted, or a runtime error.
    Cast(Box<Expr>, TypeRef),
    /// `x ?as T`: whether `x as T` would succeed.
    CanCast(Box<Expr>, TypeRef),
    /// `x is T`: whether the value has type `T` itself.
    Is(Box<Expr>, TypeRef),
    Copy(Box<Expr>),
    Schedule(Box<Expr>, Box<Expr>, Vec<Expr>),
}

/// Attributes given to a table or set when it is created.
#[derive(Debug, Default)]
pub struct TableAttrs {
    pub default: Option<Box<Expr>>,
    /// `&default` given as a function.
    pub default_is_func: bool,
    /// `&default_insert` rather than `&default`.
    pub default_insert: bool,
    pub expire: Option<(crate::runtime::table::ExpireKind, std::rc::Rc<Expr>)>,
    pub expire_func: Option<std::rc::Rc<Expr>>,
    pub on_change: Option<Box<Expr>>,
    /// `&ordered`: iterate in insertion order.
    pub ordered: bool,
}

#[derive(Debug)]
pub enum LValue {
    Local(u32),
    Global(u32),
    Field(Expr, u32),
    TableIndex(Expr, Expr),
    VectorIndex(Expr, Expr),
    /// `v[a:b] = w`
    VectorSlice(Expr, Option<Expr>, Option<Expr>),
}

#[derive(Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug)]
pub enum ForKind {
    /// Over a table or set: key slots (one per index part) and an
    /// optional value slot.
    Table { keys: Vec<u32>, value: Option<u32> },
    /// Over a vector: index slot and optional value slot.
    Vector { index: u32, value: Option<u32> },
    /// Over the characters of a string.
    String { var: u32 },
}

#[derive(Debug)]
pub struct SwitchCase {
    pub body: Vec<Stmt>,
    /// For type cases: the slot that receives the cast value.
    pub bind: Option<(u32, TypeRef)>,
}

#[derive(Debug)]
pub enum StmtKind {
    Expr(Expr),
    Print(Vec<Expr>),
    /// Queue an event: the event value and its arguments.
    Event(Expr, Vec<Expr>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    For(ForKind, Expr, Vec<Stmt>),
    While(Expr, Vec<Stmt>),
    Switch {
        value: Expr,
        /// Case index by constant value.
        by_value: AHashMap<Value, usize>,
        /// For type switches: (type, case index) in order.
        by_type: Vec<(TypeRef, usize)>,
        default: Option<usize>,
        cases: Vec<SwitchCase>,
    },
    Break,
    Next,
    Fallthrough,
    Return(Option<Expr>),
    Add(Expr, Expr),
    Delete(Expr, Expr),
    DeleteField(Expr, u32),
    /// `delete t` / `delete v` with no index: clears the container.
    Clear(Expr),
    /// Initialises a local (or resets it to unset when there is no
    /// initialiser, as re-entering a loop body must).
    Local(u32, Option<Expr>),
    Block(Vec<Stmt>),
    Assert(Expr, Option<Expr>, String),
    /// `when`: the condition, body and timeout, run by the trigger
    /// machinery.
    When(Rc<WhenInfo>),
}

#[derive(Debug)]
pub struct WhenInfo {
    pub cond: Expr,
    pub body: Vec<Stmt>,
    pub timeout: Option<(Expr, Vec<Stmt>)>,
    pub is_return: bool,
    /// `when ( local x = e )`: the condition holds once `e` has a value.
    pub binds: bool,
    /// The globals the condition reads: a change to one of them has a
    /// waiting `when` look at its condition again.
    pub deps: Vec<u32>,
}
