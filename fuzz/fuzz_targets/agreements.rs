//! Fuzz target `agreements`: see `bodies::agreements`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::agreements(data));
