//! Fuzz target `consent_request`: see `bodies::consent_request`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::consent_request(data));
