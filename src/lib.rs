//! rzeek: an interpreter for the Zeek script language.

pub use rzeek_net as packet;
pub use rzeek_syntax as syntax;
pub use rzeek_syntax::diag;

pub mod bif;
pub mod compile;
pub mod doc;
pub mod driver;
pub mod eval;
pub mod format;
pub mod func;
pub mod fuzzing;
pub mod ir;
pub mod logging;
pub mod opaque;
pub mod pcap_run;
pub mod posindex;
pub mod repl;
pub mod session;
pub mod table;
pub mod types;
pub mod value;
pub mod zdict;
pub mod zhash;
