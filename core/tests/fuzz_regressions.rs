//! Runs every committed fuzz input through the body of its fuzz target, on stable Rust: the files
//! of `fuzz/regressions/<target>/` (crashes found by fuzzing, minimised) and of
//! `fuzz/seeds/<target>/` (the small seed corpus). The bodies are the same functions the
//! cargo-fuzz targets call (`fuzz/bodies.rs`), so a crash found by fuzzing keeps failing here
//! until the core is fixed. See `fuzz/README.md`.

#[path = "../../fuzz/bodies.rs"]
mod bodies;
#[path = "../../fuzz/replay.rs"]
mod replay;

fn fuzz() -> std::path::PathBuf {
    replay::fuzz_dir(env!("CARGO_MANIFEST_DIR"))
}

/// Every target is listed in `fuzz/Cargo.toml` and has a seed folder.
#[test]
fn every_target_has_seeds() {
    replay::check_targets(&fuzz(), bodies::TARGETS);
}

#[test]
fn seeds_pass() {
    let (ran, failures) = replay::run(&fuzz(), "seeds", bodies::TARGETS);
    assert!(ran > 0, "no seed inputs found under fuzz/seeds");
    assert!(failures.is_empty(), "{} of {ran} seeds fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn regressions_pass() {
    let (ran, failures) = replay::run(&fuzz(), "regressions", bodies::TARGETS);
    assert!(failures.is_empty(), "{} of {ran} fuzz regressions fail:\n{}", failures.len(), failures.join("\n"));
}
