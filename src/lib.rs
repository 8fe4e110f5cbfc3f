//! rzeek: an interpreter for the Zeek script language.

pub mod diag;
pub mod syntax;
pub mod driver;
