#!/usr/bin/env bash
# Runs every test of wijknet: formatting, lints, the Rust core (unit, property, conformance
# vectors). Later layers (C, Python, Kotlin) add their suites here. Exit code 0 means all passed.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test (release: the property tests run many cases)"
cargo test --workspace --release

# ---- C API (bindings/c): committed header up to date, C tests against the shared and the static
# library, the header as C++, the same C tests under valgrind, the CMake vendor example.
echo "== C API"
bash bindings/c/tests/run.sh
bash examples/c/build.sh

# --- Kotlin/Swift (uniffi) binding -------------------------------------------------------------
# Release build of wijknet-uniffi (with the bindgen CLI), fail if the committed Kotlin/Swift
# sources differ from what the Rust API generates, then the Kotlin tests on the JVM (JUnit 5 via
# Maven; the tests load target/release/libwijknet_uniffi.so through JNA).
echo "== uniffi: bindings up to date"
bash bindings/uniffi/generate.sh --check
echo "== uniffi: Kotlin tests on the JVM (mvn test)"
(cd bindings/uniffi/kotlin && mvn -q -B test)
