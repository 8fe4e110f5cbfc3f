//! Global state the compiler and the evaluator share: the values of
//! globals with their names, and the per-program tables that declarations
//! fill (record field defaults, options and their change handlers, event
//! groups, the source text of expressions that were rewritten).

use super::{groups, options};
use crate::runtime::ir;
use crate::runtime::types::TypeRef;
use crate::runtime::value::Value;
use crate::syntax::ast::Span;

#[derive(Default)]
pub struct GlobalState {
    /// Global values by index.
    pub values: Vec<Value>,
    /// Global names with their index, type and whether they name a type.
    pub names: ahash::AHashMap<String, (u32, TypeRef, bool)>,
    /// `&default` expressions of record fields, by index.
    pub field_defaults: Vec<ir::Expr>,
    /// The global ids declared with `option`.
    pub option_ids: ahash::AHashSet<u32>,
    /// Change handlers per option id, in the order they run.
    pub(crate) option_handlers: ahash::AHashMap<u32, Vec<options::OptionHandler>>,
    /// Event groups by kind and name, and which are disabled.
    pub(crate) groups: groups::EventGroups,
    /// The global `table_expire_interval`, once the scripts declare it.
    pub expire_interval_id: Option<u32>,
    /// How Zeek describes expressions whose text is not their source, such
    /// as the arithmetic inside `x -= 1` (`x - 1`), by span.
    pub text_overrides: ahash::AHashMap<(u32, u32, u32), String>,
    /// Where each string constant of the program was written, by the
    /// address of its shared text: Zeek's values made while parsing keep
    /// their location, which built-in errors name. The constant is kept
    /// here too, so its address is never reused.
    pub const_origins: ahash::AHashMap<usize, (Value, Span)>,
}
