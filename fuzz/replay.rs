//! Replays committed fuzz inputs through their bodies on stable Rust, for the tests
//! `core/tests/fuzz_regressions.rs` (the core's targets) and `fhir/tests/fuzz_regressions.rs`
//! (the FHIR targets): the files of `fuzz/<kind>/<target>/`, `kind` being `regressions` (crashes
//! found by fuzzing) or `seeds`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// A fuzz target: its name (its folder) and its body.
pub type Target<'a> = (&'a str, fn(&[u8]));

/// The `fuzz/` folder, from a test crate's manifest folder one level below the repository root.
pub fn fuzz_dir(manifest_dir: &str) -> PathBuf {
    Path::new(manifest_dir).join("../fuzz")
}

/// The files of `fuzz/<kind>/<target>/`, sorted by name (none when the folder does not exist).
pub fn inputs(fuzz: &Path, kind: &str, target: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join(target)) else { return Vec::new() };
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

/// Runs every input of `kind` through its target's body: how many ran, and one line per panic.
pub fn run(fuzz: &Path, kind: &str, targets: &[Target<'_>]) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (target, body) in targets {
        for file in inputs(fuzz, kind, target) {
            let data = std::fs::read(&file).expect("readable input");
            ran += 1;
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| body(&data))) {
                let name = file.strip_prefix(fuzz).unwrap_or(&file).display().to_string();
                let text: String = panic_text(payload.as_ref()).chars().take(400).collect();
                failures.push(format!("{name}: {text}"));
            }
        }
    }
    (ran, failures)
}

/// Panics unless every target is a binary of `fuzz/Cargo.toml` and has a seed.
pub fn check_targets(fuzz: &Path, targets: &[Target<'_>]) {
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).expect("fuzz/Cargo.toml");
    for (target, _) in targets {
        assert!(manifest.contains(&format!("name = \"{target}\"")), "`{target}` is not a target of fuzz/Cargo.toml");
        assert!(!inputs(fuzz, "seeds", target).is_empty(), "no seeds for `{target}`");
    }
}
