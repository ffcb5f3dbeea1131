//! The FHIR front door: every name in `wijknet_fhir::api::OPERATIONS` exists in the C header,
//! the Python stubs and the generated Kotlin, and the README's FHIR concept table is the one the
//! operations write (`WIJKNET_BLESS=1 cargo test -p wijknet-fhir --test front_door` rewrites it).
//! The calls themselves agree with the modules they compose, on the repository's real data.

use std::path::PathBuf;

use wijknet::Registry;
use wijknet::consent::{AuditRecord, ConsentRequest, ConsentStore};
use wijknet::referral::ReferralBook;
use wijknet_fhir::api::{self, BundleType, Directory, OPERATIONS, concept_table};

#[path = "../../core/tests/support/offered.rs"]
mod offered;

fn repo(path: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)).expect(path)
}

#[test]
fn every_named_operation_exists_in_its_language() {
    let missing = offered::missing(OPERATIONS);
    assert!(missing.is_empty(), "named in wijknet_fhir::api::OPERATIONS but not offered:\n{}", missing.join("\n"));
}

#[test]
fn the_readme_table_is_written_from_the_operations() {
    offered::readme_table("<!-- FHIR front-door table: written by fhir/tests/front_door.rs -->\n", &concept_table());
}

#[test]
fn concepts_are_named_once_and_apart_from_the_core() {
    let mut seen: std::collections::BTreeSet<&str> = wijknet::api::OPERATIONS.iter().map(|o| o.concept).collect();
    for o in OPERATIONS {
        assert!(seen.insert(o.concept), "concept `{}` is listed twice", o.concept);
    }
}

#[test]
fn bundle_types_have_codes_and_numbers() {
    for t in BundleType::ALL {
        assert_eq!(BundleType::from_code(t.code()), Some(t));
        assert_eq!(BundleType::from_index(t.index()), Some(t));
    }
    assert_eq!(BundleType::from_code("history"), None);
    assert_eq!(BundleType::from_index(3), None);
}

#[test]
fn registry_round_trips_through_the_front_door() {
    let region = Registry::from_json(&repo("examples/data/twente.json")).unwrap();
    for t in BundleType::ALL {
        let back = api::registry_from_fhir(api::registry_to_fhir(&region, t).as_bytes()).unwrap();
        assert_eq!(back.to_json(), region.to_json(), "{t:?}");
    }
    let org1 = repo("fhir/tests/data/nl-gf-admin-directory-org1.json");
    let from_directory = Directory::from_json(&org1).unwrap().registry().to_json();
    assert_eq!(api::registry_from_fhir(&org1).unwrap().to_json(), from_directory);
    // Out of scope: the core's typed error, every problem at a FHIRPath-like path.
    let e = api::registry_from_fhir(&repo("fhir/tests/data/ihe-mcsd-examples.json")).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.problems().iter().all(|p| p.path.starts_with("Bundle")), "{e}");
}

#[test]
fn consent_and_audit_through_the_front_door() {
    let case: serde_json::Value =
        serde_json::from_slice(&repo("tests/vectors/consent/01_social_worker_informs_gp.json")).unwrap();
    let store = ConsentStore::from_json(case["store"].to_string().as_bytes()).unwrap();
    let fhir = api::consent_store_to_fhir(&store);
    let back = api::consent_store_from_fhir(fhir.as_bytes(), &store).unwrap();
    assert_eq!(back.to_document(), store.to_document());
    let request = ConsentRequest::from_json(case["request"].to_string().as_bytes()).unwrap();
    let at = "2026-03-01T10:00:00Z".parse().unwrap();
    let record = store.audit_record(&request, &store.decide(&request, at).unwrap());
    let stored = serde_json::to_string(&record).unwrap();
    assert_eq!(AuditRecord::from_json(stored.as_bytes()).unwrap(), record, "a stored record reads back");
    let event: serde_json::Value = serde_json::from_str(&api::audit_event_json(&record, None).unwrap()).unwrap();
    assert_eq!(event["resourceType"], "AuditEvent");
    let e = api::audit_event_json(&record, Some("123456789")).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("invalid", "bsn"));
    assert!(!e.to_string().contains("123456789"), "{e}");
}

#[test]
fn referral_events_round_trip_through_the_front_door() {
    let events = wijknet_fixtures::national_referral_events(7, 50);
    let history = api::referral_events_to_fhir(&events).unwrap();
    let back = api::referral_events_from_fhir(history.as_bytes()).unwrap();
    assert_eq!(ReferralBook::replay(&back).unwrap().summaries(), ReferralBook::replay(&events).unwrap().summaries());
}
