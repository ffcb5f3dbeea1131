//! Fuzz target `consent_differential`: see `bodies::consent_differential`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::consent_differential(data));
