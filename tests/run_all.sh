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
