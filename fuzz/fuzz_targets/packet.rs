//! Fuzz target `packet`: bytes -> pcap reader, packet decoder and connection tracker under a fixed script.
//! See rzeek::fuzzing::packet for what the bytes mean.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rzeek::fuzzing::packet(data);
});
