//! Fuzz target `match_options`: see `bodies::match_options`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::match_options(data));
