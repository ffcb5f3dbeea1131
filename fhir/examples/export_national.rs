//! Writes the national registry (seed 42) as an mCSD Bundle to stdout.
fn main() {
    let doc = wijknet_fixtures::national_doc(wijknet_fixtures::DEFAULT_SEED);
    let r = wijknet::Registry::from_doc(&doc).expect("national registry");
    println!("{}", wijknet_fhir::to_bundle_json(&r, wijknet_fhir::BundleType::Collection));
}
