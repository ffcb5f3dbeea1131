//! Fuzz target `referral_events`: see `bodies::referral_events`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::referral_events(data));
