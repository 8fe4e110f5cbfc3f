//! Fuzz target `eval`: bytes -> parse, type-check and run under a step budget and low recursion depth.
//! See rzeek::fuzzing::eval for what the bytes mean.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rzeek::fuzzing::eval(data);
});
