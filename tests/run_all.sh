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

# --- Python module (bindings/python) -------------------------------------------------------------
# One release build of the abi3 wheel with maturin, installed into a fresh venv as a user would,
# then stubtest (stubs vs runtime) and the pytest suite (exit 5, "no tests ran", is a failure).
# pandas, polars and matplotlib make the data-frame tests and the example's plot run (the 3.9 run
# goes without them: there the tests skip and the example skips its plot, as documented).
echo "== Python module: wheel, stubtest, pytest"
WIJKNET_PY_EXTRAS="${WIJKNET_PY_EXTRAS-pandas polars matplotlib}" bash bindings/python/run-tests.sh
# The same wheel on the oldest supported Python, when this machine has it (abi3 floor is 3.9):
# python3.9 on PATH, or a pyenv-installed 3.9 that the global pyenv shim does not expose.
py39=""
for candidate in python3.9 "$(pyenv root 2>/dev/null)"/versions/3.9*/bin/python3.9; do
    if "$candidate" -c 'import venv' >/dev/null 2>&1; then py39="$candidate"; break; fi
done
if [[ -n "$py39" ]]; then
    echo "== Python module on Python 3.9 (same wheel, no optional packages)"
    PYTHON="$py39" WIJKNET_PY_SKIP_BUILD=1 WIJKNET_PY_EXTRAS="" bash bindings/python/run-tests.sh
fi

# --- Kotlin/Swift (uniffi) binding -------------------------------------------------------------
# Release build of wijknet-uniffi (with the bindgen CLI), fail if the committed Kotlin/Swift
# sources differ from what the Rust API generates, then the Kotlin tests on the JVM (JUnit 5 via
# Maven; the tests load target/release/libwijknet_uniffi.so through JNA).
echo "== uniffi: bindings up to date"
bash bindings/uniffi/generate.sh --check
echo "== uniffi: Kotlin tests on the JVM (mvn test)"
(cd bindings/uniffi/kotlin && mvn -q -B test)
