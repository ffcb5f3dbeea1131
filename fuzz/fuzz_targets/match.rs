//! Fuzz target `match`: see `bodies::match`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::r#match(data));
