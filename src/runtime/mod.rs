//! The runtime: what a running script is made of. Values and their
//! types, tables, functions, opaque values, the lowered program (`ir`)
//! that function values carry, and printing values the way Zeek does.
//!
//! These modules form one knot (a value holds functions, a function holds
//! its lowered body, the body holds constant values and types), and they
//! depend on nothing above them: not the compiler, the evaluator or the
//! built-ins.

pub mod extensions;
pub mod fmt;
pub mod format;
pub mod func;
pub mod ir;
pub mod opaque;
pub mod pattern;
pub mod seed;
pub mod table;
pub mod types;
pub mod uid;
pub mod value;
