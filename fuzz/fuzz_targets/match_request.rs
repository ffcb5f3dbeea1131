//! Fuzz target `match_request`: see `bodies::match_request_json`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::match_request_json(data));
