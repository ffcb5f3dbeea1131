//! Runs every committed input of the FHIR fuzz targets through its body on stable Rust: the
//! files of `fuzz/regressions/fhir_*/` (crashes found by fuzzing) and `fuzz/seeds/fhir_*/`. The
//! bodies are those the cargo-fuzz targets call (`fuzz/fhir_bodies.rs`), so a crash found by
//! fuzzing keeps failing here until it is fixed. The core's own targets run in
//! `core/tests/fuzz_regressions.rs`, with the same replay (`fuzz/replay.rs`).

#[path = "../../fuzz/bodies.rs"]
mod bodies;
#[path = "../../fuzz/fhir_bodies.rs"]
mod fhir_bodies;
#[path = "../../fuzz/replay.rs"]
mod replay;

fn fuzz() -> std::path::PathBuf {
    replay::fuzz_dir(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_fhir_target_is_built_and_has_seeds() {
    replay::check_targets(&fuzz(), fhir_bodies::TARGETS);
}

#[test]
fn fhir_seeds_and_regressions_pass() {
    let (seeds, mut failures) = replay::run(&fuzz(), "seeds", fhir_bodies::TARGETS);
    let (regressions, more) = replay::run(&fuzz(), "regressions", fhir_bodies::TARGETS);
    failures.extend(more);
    assert!(seeds > 0, "no FHIR seed inputs found");
    assert!(failures.is_empty(), "{} of {} inputs fail:\n{}", failures.len(), seeds + regressions, failures.join("\n"));
}
