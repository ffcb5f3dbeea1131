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
