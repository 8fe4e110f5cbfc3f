//! Checks on attribute lists that hold wherever attributes are written.

use super::Compiler;
use crate::syntax::ast;

impl Compiler {
    /// Zeek rejects an attribute given twice when either copy carries a
    /// value, since it cannot tell which one is meant; repeating a bare
    /// attribute (`&redef &redef`) is harmless.
    pub fn check_attrs(&mut self, attrs: &[ast::Attr]) {
        for (i, a) in attrs.iter().enumerate() {
            let dup = attrs[..i]
                .iter()
                .any(|b| b.name == a.name && (a.value.is_some() || b.value.is_some()));
            if dup {
                self.error(
                    a.span,
                    format!("Duplicate &{} attribute is ambiguous", a.name),
                );
            }
        }
    }
}
