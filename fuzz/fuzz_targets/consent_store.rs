//! Fuzz target `consent_store`: see `bodies::consent_store`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::consent_store(data));
