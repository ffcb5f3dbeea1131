//! Fuzz target `fhir_consent`: see `fhir_bodies::consent`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;
#[path = "../fhir_bodies.rs"]
mod fhir_bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fhir_bodies::consent(data));
