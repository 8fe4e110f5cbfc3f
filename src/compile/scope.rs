//! Names: the global table (with Zeek's module rules) and the scopes of
//! the function being compiled.

use crate::runtime::ir;
use crate::runtime::types::TypeRef;
use crate::syntax::ast::{FuncKind, Span};
use ahash::AHashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Var,
    Const,
    Option,
    Type,
    Func,
    Event,
    Hook,
    EnumConst,
}

#[derive(Debug, Clone)]
pub struct GlobalInfo {
    /// Full name (`Conn::RemovalHook`, or `x` in the global module).
    pub name: String,
    pub ty: TypeRef,
    pub kind: IdKind,
    pub span: Span,
    pub doc: Vec<String>,
    /// Declared with `&redef`.
    pub redefable: bool,
    /// Whether it was exported from its module.
    pub exported: bool,
}

#[derive(Default)]
pub struct Globals {
    by_name: AHashMap<String, u32>,
    pub infos: Vec<GlobalInfo>,
}

impl Globals {
    pub fn get(&self, full: &str) -> Option<u32> {
        self.by_name.get(full).copied()
    }
    pub fn info(&self, id: u32) -> &GlobalInfo {
        &self.infos[id as usize]
    }
    pub fn info_mut(&mut self, id: u32) -> &mut GlobalInfo {
        &mut self.infos[id as usize]
    }
    pub fn add(&mut self, info: GlobalInfo) -> u32 {
        let id = self.infos.len() as u32;
        self.by_name.insert(info.name.clone(), id);
        self.infos.push(info);
        id
    }
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.by_name.keys()
    }
    pub fn forget(&mut self, name: &str) {
        self.by_name.remove(name);
    }
}

/// The full name a declaration of `name` gets inside `module`.
pub fn qualify(module: &str, name: &str) -> String {
    if let Some(rest) = name.strip_prefix("GLOBAL::") {
        return rest.to_string();
    }
    if let Some(rest) = name.strip_prefix("::") {
        return rest.to_string();
    }
    if name.contains("::") || module == "GLOBAL" {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

/// The full names to try, in order, for a use of `name` in `module`.
pub fn candidates(module: &str, name: &str) -> Vec<String> {
    if let Some(rest) = name.strip_prefix("GLOBAL::") {
        return vec![rest.to_string()];
    }
    if let Some(rest) = name.strip_prefix("::") {
        return vec![rest.to_string()];
    }
    if name.contains("::") {
        return vec![name.to_string()];
    }
    if module == "GLOBAL" {
        vec![name.to_string()]
    } else {
        vec![format!("{module}::{name}"), name.to_string()]
    }
}

#[derive(Debug, Clone)]
pub struct Local {
    pub name: String,
    pub slot: u32,
    pub ty: TypeRef,
    pub is_const: bool,
    /// Where it was declared.
    pub span: crate::syntax::ast::Span,
    /// The `{ }` block it was declared in (0: the function's own).
    pub block: u32,
    /// `&is_used`: the usage analysis never calls an assignment unused.
    pub is_used: bool,
    /// `&is_assigned`: the usage analysis never calls a read undefined.
    pub is_assigned: bool,
}

/// The function being compiled.
pub struct FuncScope {
    pub locals: Vec<Local>,
    pub next_slot: u32,
    pub ret: TypeRef,
    pub kind: FuncKind,
    /// Captured outer locals: the slot here and the expression that reads
    /// the value in the enclosing scope when the closure is made.
    pub captures: Vec<(u32, ir::Expr)>,
    /// Locals of the enclosing function visible for capture.
    pub outer: Vec<Local>,
    pub in_loop: u32,
    pub in_switch: u32,
    /// Names a lambda's capture list names, with where the captured
    /// local was declared: a lambda may not declare them again.
    pub captured_names: Vec<(String, crate::syntax::ast::Span)>,
    /// The blocks open where compilation is, innermost last.
    pub open_blocks: Vec<u32>,
    next_block: u32,
    /// The return type is still to be taken from the first `return`
    /// with a value (a `$f(...) = { ... }` field function).
    pub infer_ret: bool,
}

impl FuncScope {
    pub fn new(kind: FuncKind, ret: TypeRef) -> Self {
        FuncScope {
            locals: Vec::new(),
            next_slot: 0,
            ret,
            kind,
            captures: Vec::new(),
            outer: Vec::new(),
            in_loop: 0,
            in_switch: 0,
            captured_names: Vec::new(),
            open_blocks: vec![0],
            next_block: 1,
            infer_ret: false,
        }
    }

    pub fn enter_block(&mut self) {
        self.open_blocks.push(self.next_block);
        self.next_block += 1;
    }

    pub fn leave_block(&mut self) {
        self.open_blocks.pop();
    }

    fn current_block(&self) -> u32 {
        self.open_blocks.last().copied().unwrap_or(0)
    }

    /// A local whose block has closed: Zeek refuses to use it there.
    pub fn out_of_scope(&self, l: &Local) -> bool {
        !self.open_blocks.contains(&l.block)
    }

    pub fn lookup(&self, name: &str) -> Option<&Local> {
        self.locals.iter().rev().find(|l| l.name == name)
    }

    /// A slot no name refers to (for `_` in a loop).
    pub fn scratch(&mut self) -> u32 {
        let slot = self.next_slot;
        self.next_slot += 1;
        slot
    }

    /// Declares a loop variable: unlike a `local`, Zeek never counts it
    /// as belonging to the block it appears in, so it stays usable after
    /// that block closes.
    pub fn declare_loop_var(
        &mut self,
        name: &str,
        ty: TypeRef,
        span: crate::syntax::ast::Span,
    ) -> u32 {
        let slot = self.declare(name, ty, false, span);
        if let Some(l) = self.locals.iter_mut().rev().find(|l| l.slot == slot) {
            l.block = 0;
        }
        slot
    }

    /// Declares a local; a redeclaration with the same type reuses the
    /// slot (Zeek locals are function-scoped).
    pub fn declare(
        &mut self,
        name: &str,
        ty: TypeRef,
        is_const: bool,
        span: crate::syntax::ast::Span,
    ) -> u32 {
        let block = self.current_block();
        if let Some(l) = self.locals.iter_mut().rev().find(|l| l.name == name) {
            if crate::runtime::types::same_type(&l.ty, &ty) {
                l.block = block;
                return l.slot;
            }
        }
        let slot = self.next_slot;
        self.next_slot += 1;
        self.locals.push(Local {
            name: name.to_string(),
            slot,
            ty,
            is_const,
            span,
            block,
            is_used: false,
            is_assigned: false,
        });
        slot
    }

    /// What the usage analysis needs to know of each frame slot.
    pub fn slot_infos(&self) -> Vec<Option<super::usage::SlotInfo>> {
        use crate::runtime::types::Type;
        let mut out = vec![None; self.next_slot as usize];
        for l in &self.locals {
            if let Some(x) = out.get_mut(l.slot as usize) {
                *x = Some(super::usage::SlotInfo {
                    name: l.name.clone(),
                    aggregate: matches!(&*l.ty, Type::Table(_) | Type::Vector(_) | Type::Record(_)),
                    is_used: l.is_used,
                    is_assigned: l.is_assigned,
                });
            }
        }
        out
    }
}
