//! Runs every committed fuzz input through the body of its fuzz target, on stable Rust: the files
//! of `fuzz/regressions/<target>/` (crashes found by fuzzing, minimised) and of
//! `fuzz/seeds/<target>/` (the small seed corpus). The bodies are the same functions the
//! cargo-fuzz targets call (`fuzz/bodies.rs`), so a crash found by fuzzing keeps failing here
//! until the core is fixed. See `fuzz/README.md`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

#[path = "../../fuzz/bodies.rs"]
mod bodies;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted by name (none when the folder does not exist).
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = fuzz_dir().join(kind).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    files
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_owned(),
        (_, Some(s)) => s.clone(),
        _ => "(not a text panic)".to_owned(),
    }
}

fn run(kind: &str) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (target, body) in bodies::TARGETS {
        for file in inputs(kind, target) {
            let data = std::fs::read(&file).expect("readable input");
            ran += 1;
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| body(&data))) {
                let name = file.strip_prefix(fuzz_dir()).unwrap_or(&file).display().to_string();
                let text: String = panic_text(payload.as_ref()).chars().take(400).collect();
                failures.push(format!("{name}: {text}"));
            }
        }
    }
    (ran, failures)
}

/// Every target is listed in `fuzz/Cargo.toml` and has a seed folder.
#[test]
fn every_target_has_seeds() {
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).expect("fuzz/Cargo.toml");
    for (target, _) in bodies::TARGETS {
        assert!(manifest.contains(&format!("name = \"{target}\"")), "`{target}` is not a target of fuzz/Cargo.toml");
        assert!(!inputs("seeds", target).is_empty(), "no seeds for `{target}`");
    }
}

#[test]
fn seeds_pass() {
    let (ran, failures) = run("seeds");
    assert!(ran > 0, "no seed inputs found under fuzz/seeds");
    assert!(failures.is_empty(), "{} of {ran} seeds fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn regressions_pass() {
    let (ran, failures) = run("regressions");
    assert!(failures.is_empty(), "{} of {ran} fuzz regressions fail:\n{}", failures.len(), failures.join("\n"));
}
