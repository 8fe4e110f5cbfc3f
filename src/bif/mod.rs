//! Built-in functions, grouped by family. `all()` lists every one; the
//! interpreter declares each as a global function at start-up.

use crate::func::BifDef;

mod core;

/// Every built-in.
pub fn all() -> impl Iterator<Item = &'static BifDef> {
    core::BIFS.iter()
}
