//! Fuzz target `fhir_directory`: see `fhir_bodies::directory`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;
#[path = "../fhir_bodies.rs"]
mod fhir_bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fhir_bodies::directory(data));
