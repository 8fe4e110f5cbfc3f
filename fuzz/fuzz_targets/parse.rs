//! Fuzz target `parse`: bytes -> lexer + parser.
//! See rzeek::fuzzing::parse for what the bytes mean.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rzeek::fuzzing::parse(data);
});
