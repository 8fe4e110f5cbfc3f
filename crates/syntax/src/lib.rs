//! The front of rzeek's pipeline: source text in, syntax tree with spans
//! out, and the one diagnostic type every later stage reports with.
//!
//! This crate knows nothing of values, types or running scripts: the
//! interpreter (the `rzeek` crate) depends on it, never the reverse. The
//! grammar lives in the workspace's top-level `grammar/` folder and is
//! compiled into the parser by this crate's build script.

pub mod ast;
pub mod conditionals;
pub mod diag;
pub mod docs;
pub mod lexer;
pub mod parser;
pub mod token;
