//! Fuzz target `registry`: see `bodies::registry`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::registry(data));
