//! Every Python-facing entry point of the binding carries `#[catch_panics]`: a `#[pymethods]`
//! block or `#[pyfunction]` without it would let a panic reach Python as `PanicException`,
//! which `except Exception` does not catch. The `py_methods!` macro's own blocks carry it in
//! the macro (`#[wijknet_python_macros::catch_panics]`), which this test also checks.

use std::path::Path;

#[test]
fn every_pymethods_block_and_pyfunction_is_guarded() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
    let mut checked = 0;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            // `py_methods!` (lib.rs) writes the attribute into every block it makes.
            if line.starts_with("py_methods! {") {
                checked += 1;
            } else if *line == "#[pymethods]" || *line == "#[pyfunction]" {
                checked += 1;
                // Directly above: the attribute must run before pyo3's macro sees the item.
                if i == 0 || lines[i - 1] != "#[catch_panics]" {
                    missing.push(format!("{}:{}", path.file_name().unwrap().to_string_lossy(), i + 1));
                }
            }
        }
    }
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let in_macro = lib.split("macro_rules! py_methods").nth(1).expect("lib.rs defines py_methods!");
    let guard = in_macro.find("#[wijknet_python_macros::catch_panics]").expect("py_methods! guards its block");
    let methods = in_macro.find("#[pyo3::pymethods]").expect("py_methods! makes a #[pymethods] block");
    assert!(guard < methods, "py_methods! must put #[catch_panics] above #[pymethods]");
    assert!(checked >= 20, "found only {checked} entry points: did the sources move?");
    assert!(missing.is_empty(), "without #[catch_panics] directly above: {missing:?}");
}
