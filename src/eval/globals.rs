//! Global state the compiler and the evaluator share: the values of
//! globals with their names, and the per-program tables that declarations
//! fill (record field defaults, options and their change handlers, event
//! groups, the source text of expressions that were rewritten).

use super::{groups, options, Interp};
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
    /// While the scripts are being read: the records made so far, which a
    /// later `redef record` extends one by one (each evaluating the new
    /// fields' defaults), as Zeek resizes its parse-time records.
    pub parse_time_records:
        Option<Vec<std::rc::Weak<std::cell::RefCell<crate::runtime::value::RecordVal>>>>,
}

/// Globals by name, for the layers that read the scripts' settings and
/// handlers after compiling (the trace engine, the driver).
impl Interp {
    /// The value of the global `name` (`Unset` if it has none yet).
    pub fn global_named(&self, name: &str) -> Option<&Value> {
        let (id, _, _) = self.globals.names.get(name)?;
        self.globals.values.get(*id as usize)
    }

    /// The type of the global `name`: for a type's name, the type.
    pub fn named_type(&self, name: &str) -> Option<TypeRef> {
        self.globals.names.get(name).map(|(_, ty, _)| ty.clone())
    }

    /// The record field `&default` number `i`, if it is a constant.
    pub fn field_default_const(&self, i: u32) -> Option<&Value> {
        match &self.globals.field_defaults.get(i as usize)?.kind {
            ir::ExprKind::Const(v) => Some(v),
            _ => None,
        }
    }

    /// Once the scripts are loaded: tables expire by the global
    /// `table_expire_interval`, if they declare it.
    pub fn bind_table_expire_interval(&mut self) {
        self.globals.expire_interval_id = self
            .globals
            .names
            .get("table_expire_interval")
            .map(|(id, _, _)| *id);
    }
}
