//! Event groups: handlers of events and hooks belong to the group their
//! `&group` attribute names and to the group of the module they are
//! written in; `disable_event_group` / `disable_module_events` switch a
//! group's handlers off until it is enabled again.

use super::Interp;
use crate::runtime::ir::FuncBody;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupKind {
    Attribute,
    Module,
}

#[derive(Default)]
pub struct EventGroups {
    ids: ahash::AHashMap<(GroupKind, String), u32>,
    disabled: Vec<bool>,
    /// Whether any group is disabled: the common case skips the lookups.
    any_disabled: bool,
}

impl Interp {
    /// The id of a group, made on first mention.
    pub fn event_group(&mut self, kind: GroupKind, name: &str) -> u32 {
        let g = &mut self.globals.groups;
        if let Some(&id) = g.ids.get(&(kind, name.to_string())) {
            return id;
        }
        let id = g.disabled.len() as u32;
        g.ids.insert((kind, name.to_string()), id);
        g.disabled.push(false);
        id
    }

    /// The bodies of an event's or hook's handlers whose groups are all
    /// enabled, taken out so the handlers may change while they run.
    pub(crate) fn enabled_bodies(
        &self,
        f: &crate::runtime::func::FuncVal,
    ) -> Vec<std::rc::Rc<FuncBody>> {
        f.handlers
            .borrow()
            .iter()
            .filter(|h| self.handler_enabled(&h.body))
            .map(|h| h.body.clone())
            .collect()
    }

    pub(crate) fn handler_enabled(&self, body: &FuncBody) -> bool {
        !self.globals.groups.any_disabled
            || !body.groups.iter().any(|&g| {
                self.globals
                    .groups
                    .disabled
                    .get(g as usize)
                    .copied()
                    .unwrap_or(false)
            })
    }

    /// Switches a group on or off; false if no handler names it.
    pub(crate) fn set_group_enabled(&mut self, kind: GroupKind, name: &str, on: bool) -> bool {
        let Some(&id) = self.globals.groups.ids.get(&(kind, name.to_string())) else {
            return false;
        };
        if let Some(d) = self.globals.groups.disabled.get_mut(id as usize) {
            *d = !on;
        }
        self.globals.groups.any_disabled = self.globals.groups.disabled.iter().any(|&d| d);
        true
    }

    pub(crate) fn has_group(&self, kind: GroupKind, name: &str) -> bool {
        self.globals
            .groups
            .ids
            .contains_key(&(kind, name.to_string()))
    }
}
