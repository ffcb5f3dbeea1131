//! The bodies of the FHIR fuzz targets (`fhir_directory`, `fhir_history`, `fhir_consent`,
//! `fhir_referral`): wijknet-fhir's readers fed bytes from another organisation. Like
//! `bodies.rs` they are run by the cargo-fuzz targets and, on stable Rust, by
//! `fhir/tests/fuzz_regressions.rs` over `fuzz/regressions/<target>/` and `fuzz/seeds/<target>/`.
//! A rejected input must give an error that `bodies::check_error` accepts (bounded, no personal
//! data repeated); an accepted one must survive what a host does next with it.

// Each fuzz target calls one body; the others are unused in that binary.
#![allow(dead_code)]

use wijknet::consent::ConsentStore;
use wijknet_fhir::consent::{store_from_fhir, store_to_bundle};
use wijknet_fhir::referral::{book_from_history, events_from_history, events_to_history};
use wijknet_fhir::{BundleType, Directory, to_bundle_json};

use crate::bodies::{Body, check_error, consent_fixture, region};

/// Every FHIR target: its name (the folder under `regressions/` and `seeds/`) and its body.
pub const TARGETS: &[(&str, Body)] =
    &[("fhir_directory", directory), ("fhir_history", history), ("fhir_consent", consent), ("fhir_referral", referral)];

/// A directory Bundle; a registry read from it exports to FHIR and reads back to the same
/// registry (the round trip the directory promises).
pub fn directory(data: &[u8]) {
    let d = match Directory::from_json(data) {
        Ok(d) => d,
        Err(e) => return check_error(data, &e),
    };
    let bundle = to_bundle_json(d.registry(), BundleType::Collection);
    let again = Directory::from_json(bundle.as_bytes()).unwrap_or_else(|e| panic!("an exported directory fails: {e}"));
    assert_eq!(again.registry().to_json(), d.registry().to_json(), "registry -> FHIR -> registry changed it");
}

/// A `_history` or transaction Bundle applied to the conformance region as a directory.
pub fn history(data: &[u8]) {
    // Built once: building the directory per input made this target ~50 times slower.
    static BASE: std::sync::OnceLock<Directory> = std::sync::OnceLock::new();
    let base = BASE.get_or_init(|| Directory::from_registry(region()));
    match base.apply_history(data) {
        Ok(d) => {
            let _ = d.registry().to_json();
        }
        Err(e) => check_error(data, &e),
    }
}

/// A Bundle of Consents read against the clients of the consent vectors; an accepted store loads
/// as a consent store and exports to FHIR again.
pub fn consent(data: &[u8]) {
    let (store, _) = consent_fixture();
    let doc = match store_from_fhir(data, &store.clients(), "fuzz-1") {
        Ok(doc) => doc,
        Err(e) => return check_error(data, &e),
    };
    let _ = store_to_bundle(&doc).to_string();
    if let Err(e) = ConsentStore::from_document(doc) {
        check_error(data, &e);
    }
}

/// A referral `_history` Bundle: events out, the same events back to a history, and a book.
pub fn referral(data: &[u8]) {
    match events_from_history(data) {
        Ok(events) => {
            if let Err(e) = events_to_history(&events) {
                check_error(data, &e);
            }
        }
        Err(e) => check_error(data, &e),
    }
    if let Err(e) = book_from_history(data) {
        check_error(data, &e);
    }
}
