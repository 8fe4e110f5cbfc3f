//! Lexing and parsing: source text in, syntax tree out.

pub mod ast;
pub mod conditionals;
pub mod docs;
pub mod lexer;
pub mod parser;
pub mod token;
