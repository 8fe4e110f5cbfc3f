//! rzeek: an interpreter for the Zeek script language.

pub use rzeek_net as packet;
pub use rzeek_syntax as syntax;
pub use rzeek_syntax::diag;

pub mod bif;
pub mod compile;
pub mod doc;
pub mod driver;
pub mod engine;
pub mod eval;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod logging;
pub mod repl;
pub mod runtime;
