//! Runs every committed input of the FHIR fuzz targets through its body on stable Rust: the
//! files of `fuzz/regressions/fhir_*/` (crashes found by fuzzing) and `fuzz/seeds/fhir_*/`. The
//! bodies are those the cargo-fuzz targets call (`fuzz/fhir_bodies.rs`), so a crash found by
//! fuzzing keeps failing here until it is fixed. The core's own targets run in
//! `core/tests/fuzz_regressions.rs`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

#[path = "../../fuzz/bodies.rs"]
mod bodies;
#[path = "../../fuzz/fhir_bodies.rs"]
mod fhir_bodies;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    files
}

fn run(kind: &str) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (target, body) in fhir_bodies::TARGETS {
        for file in inputs(kind, target) {
            let data = std::fs::read(&file).expect("readable input");
            ran += 1;
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| body(&data))) {
                let text = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                failures.push(format!("{}: {}", file.display(), text.chars().take(400).collect::<String>()));
            }
        }
    }
    (ran, failures)
}

#[test]
fn every_fhir_target_is_built_and_has_seeds() {
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).expect("fuzz/Cargo.toml");
    for (target, _) in fhir_bodies::TARGETS {
        assert!(manifest.contains(&format!("name = \"{target}\"")), "`{target}` is not a target of fuzz/Cargo.toml");
        assert!(!inputs("seeds", target).is_empty(), "no seeds for `{target}`");
    }
}

#[test]
fn fhir_seeds_and_regressions_pass() {
    let (seeds, mut failures) = run("seeds");
    let (regressions, more) = run("regressions");
    failures.extend(more);
    assert!(seeds > 0, "no FHIR seed inputs found");
    assert!(failures.is_empty(), "{} of {} inputs fail:\n{}", failures.len(), seeds + regressions, failures.join("\n"));
}
