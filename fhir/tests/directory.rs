//! The directory in and out: round trips of the demo region and the national registry, problems
//! at FHIR paths, history, merge.

use wijknet::Registry;
use wijknet_fhir::{BundleType, Directory, to_bundle_json};

fn twente() -> Registry {
    Registry::from_json(include_bytes!("../../examples/data/twente.json")).expect("demo region")
}

#[test]
fn demo_region_round_trips() {
    let r = twente();
    for ty in [BundleType::Collection, BundleType::Transaction] {
        let json = to_bundle_json(&r, ty);
        let d = Directory::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(d.registry().to_doc(), r.to_doc());
    }
}

#[test]
fn national_registry_round_trips() {
    let doc = wijknet_fixtures::national_doc(wijknet_fixtures::DEFAULT_SEED);
    let r = Registry::from_doc(&doc).expect("national registry");
    let json = to_bundle_json(&r, BundleType::Collection);
    let t = std::time::Instant::now();
    let d = Directory::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("national: {} bytes of FHIR, imported in {:?}", json.len(), t.elapsed());
    assert_eq!(d.registry().to_doc(), r.to_doc());
}
