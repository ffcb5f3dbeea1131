//! Fuzz target `capacity_update`: see `bodies::capacity_update`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::capacity_update(data));
