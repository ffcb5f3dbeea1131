#!/usr/bin/env bash
# Runs every test of wijknet: formatting, lints, the Rust core (unit, property, conformance
# vectors), the C API, the Python module and the Kotlin binding. Exit code 0 means all passed.
# Each stage prints what it runs and what it counted, then its seconds; a table at the end shows
# where the time went. The core is compiled once, in release, for every stage (tests/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/lib.sh
# Every stage reads the one target directory, ./target: the C tests and the CMake example link
# target/release, maturin writes target/wheels, Maven loads target/release through JNA.
unset CARGO_TARGET_DIR
# maturin keeps the Python module's symbols in every build of this run (the sdist's wheel, the
# README's): one compile of the module serves them all (see the Python stages).
export MATURIN_STRIP=false
mkdir -p target
started="target/.run_all-started"
touch "$started"

stage "cargo fmt --check"
cargo fmt --all -- --check
echo "formatting: no differences"

stage "cargo build (release: libraries, binaries, every test binary)"
build_release

stage "cargo test (release: the property tests run many cases)"
echo "cargo test ${test_args[*]}; cargo test ${release_args[*]} --doc"
test_log=target/cargo-test.log
cargo test "${test_args[@]}" 2>&1 | tee "$test_log"
cargo test "${release_args[@]}" --doc 2>&1 | tee -a "$test_log"
# Sum cargo's "test result:" lines: one per test binary and per doc-test suite.
awk '/^test result: /{suites++; for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^(passed|failed|ignored);$/) n[$(i+1)] += $i } }
     END { printf "cargo test: %d passed, %d failed, %d ignored in %d test binaries and doc-test suites\n",
                   n["passed;"], n["failed;"], n["ignored;"], suites }' "$test_log"

# In the background while the C, Python and Kotlin stages mostly keep one core busy (their own
# builds are done: the release build above), in target/debug, which has a lock of its own (no
# stage waits for it), one after the other:
# - the README's `cargo run -p wijknet-demo` and `cargo run -p wijknet-cli`, debug builds (what a
#   newcomer types, checked in the last stage), each alone as those commands will (the same
#   features, so the README's commands find them built);
# - cargo clippy over every target with -D warnings, with the packages and features of the
#   release build (release_args without --release: the debug builds above made its proc-macros;
#   nothing in the code depends on debug_assertions). It ran first, alone, and took four minutes
#   of the critical path; its verdict is read in the stage before the README's.
background_log=target/background.log
clippy_args=()
for arg in "${release_args[@]}"; do [[ $arg == --release ]] || clippy_args+=("$arg"); done
echo "in the background: cargo build -p wijknet-demo; cargo build -p wijknet-cli; cargo clippy ${clippy_args[*]} --all-targets -- -D warnings"
(
    cargo build -p wijknet-demo && cargo build -p wijknet-cli && echo "== debug builds done" &&
        cargo clippy "${clippy_args[@]}" --all-targets -- -D warnings && echo "== clippy: no warnings"
) >"$background_log" 2>&1 &
background=$!

# ---- C API (bindings/c): committed header up to date, C tests against the shared and the static
# library, the header as C++, the same C tests under valgrind; the install (CMake around this
# run's cargo build) with the vendor example built against the installed copy; the .NET and Java
# examples against the release library (each skips, saying so, without Mono or a JDK 22+).
stage "C API: header, C and C++ tests, valgrind"
bash bindings/c/tests/run.sh
stage "C API: install (cmake --install), vendor example against it (CMake package, pkg-config)"
bash examples/c/build.sh
stage "C API: .NET P/Invoke example (Mono: mcs + mono)"
bash examples/dotnet/run.sh
stage "C API: Java FFM example (JDK 22+)"
bash examples/java/run.sh

# --- Python module (bindings/python) -------------------------------------------------------------
# The module is compiled once: the sdist is built, and pip builds the wheel from it as from an
# index (PEP 517, maturin as the backend, release, in ./target). That wheel is the one every later
# stage installs into a fresh venv as a user would: stubtest (stubs vs runtime), the pytest suite
# (exit 5, "no tests ran", is a failure), the stub check and Python 3.9. Every maturin build of
# this run keeps the symbols (MATURIN_STRIP=false, exported at the top; pyproject strips the
# shipped wheel, which removes symbol names only, no code): the stub check reads the module's
# description through them, and the README's `maturin build` finds the module compiled. CI
# compiled the module three times before (a wheel from the tree, an unstripped one for the
# stubs, one from the sdist).
stage "Python module: the sdist, and the wheel pip builds from it (the one compile of the module)"
bash bindings/python/check-sdist.sh
rm -rf target/wheels
mkdir -p target/wheels
cp target/sdist/wheel/wijknet-*-abi3-*.whl target/wheels/
# pandas, polars and matplotlib make the data-frame tests and the example's plot run (the 3.9 run
# goes without them: there the tests skip and the example skips its plot, as documented).
stage "Python module: that wheel: stubtest, pytest"
WIJKNET_PY_SKIP_BUILD=1 WIJKNET_PY_EXTRAS="${WIJKNET_PY_EXTRAS-pandas polars matplotlib tqdm duckdb}" \
    bash bindings/python/run-tests.sh
# The committed stub must be what the module's own description gives (pyo3's experimental-inspect,
# read by the pinned pyo3-introspection): the stub is generated, never written by hand.
stage "Python module: _native.pyi up to date (generate-stubs.sh --check, on that wheel)"
bash bindings/python/generate-stubs.sh --check "$(ls target/wheels/wijknet-*-abi3-*.whl | head -n1)"
# The same wheel on the oldest supported Python, when this machine has it (abi3 floor is 3.9):
# python3.9 on PATH, or a pyenv-installed 3.9 that the global pyenv shim does not expose.
py39=""
for candidate in python3.9 "$(pyenv root 2>/dev/null)"/versions/3.9*/bin/python3.9; do
    if "$candidate" -c 'import venv' >/dev/null 2>&1; then py39="$candidate"; break; fi
done
if [[ -n "$py39" ]]; then
    stage "Python module on Python 3.9 (same wheel, no optional packages)"
    PYTHON="$py39" WIJKNET_PY_SKIP_BUILD=1 WIJKNET_PY_EXTRAS="" bash bindings/python/run-tests.sh
else
    echo "no Python 3.9 on this machine: the wheel was tested on $(python3 --version 2>&1) only"
fi

# --- Kotlin/Swift (uniffi) binding -------------------------------------------------------------
# The committed Kotlin/Swift sources must be what uniffi-bindgen generates from the release
# library, then the Kotlin tests on the JVM (JUnit 5 via Maven; the tests load
# target/release/libwijknet_uniffi.so through JNA). -ntp: no download progress lines.
stage "uniffi: bindings up to date"
bash bindings/uniffi/generate.sh --check
stage "uniffi: Kotlin tests on the JVM and the jar (mvn package)"
# The Kotlin compiler rewrites the classes of every source but never deletes the classes of a
# source that moved or went (a generated type that changed package would stay twice); it compiles
# every source each run anyway, so start from no classes.
rm -rf bindings/uniffi/kotlin/target/classes bindings/uniffi/kotlin/target/test-classes
(cd bindings/uniffi/kotlin && mvn -B -ntp package)
stage "uniffi: the jar alone (JNA finds the library inside it)"
kotlin_version="$(cargo pkgid -p wijknet-uniffi)"; kotlin_version="${kotlin_version##*[@#]}"
repo="$PWD"; kotlin_dir="$repo/bindings/uniffi/kotlin"
jar="$kotlin_dir/target/wijknet-kotlin-$kotlin_version.jar"
echo "$(basename "$jar"): $(du -k "$jar" | cut -f1) KiB; native libraries inside:"
unzip -l "$jar" | awk '/\.so$/ {print "  " $4 " (" $1 " bytes)"}'
(cd "$kotlin_dir" && mvn -B -ntp -q dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/runtime-classpath.txt)
echo "class path: the jar + $(tr ':' '\n' <"$kotlin_dir/target/runtime-classpath.txt" | xargs -n1 basename | tr '\n' ' ')"
javac -d "$kotlin_dir/target/smoke" -cp "$jar:$(cat "$kotlin_dir/target/runtime-classpath.txt")" \
    "$kotlin_dir/smoke/JarSmoke.java"
# From a directory without the library, no library path: only the jar can provide it.
(cd /tmp && env -u LD_LIBRARY_PATH java -cp "$kotlin_dir/target/smoke:$jar:$(cat "$kotlin_dir/target/runtime-classpath.txt")" \
    JarSmoke "$kotlin_version" "$repo/examples/data/twente.json")

# ---- The core was compiled at most once --------------------------------------------------------
# A stage that builds with other packages, features or profile gives the core another hash (a new
# libwijknet-<hash>.rlib) and compiles it again: see tests/lib.sh.
stage "one compile of the core"
mapfile -t cores < <(find target/release/deps -maxdepth 1 -name 'libwijknet-*.rlib' -newer "$started")
echo "core library (crate wijknet) compiled in this run: ${#cores[@]} time(s)"
if [[ ${#cores[@]} -gt 1 ]]; then
    printf '  %s\n' "${cores[@]}" >&2
    echo "a stage compiled the core with other dependency features or another profile: compare" >&2
    echo "its cargo command with build_release in tests/lib.sh (cargo tree -e features -i <dependency>)" >&2
    exit 1
fi
# ---- The README as a newcomer reads it ----------------------------------------------------------
# After the compile check: its blocks are what a user types (`cargo run -p wijknet-demo` is a
# debug build), not the one shared build. The C install block's `cmake --build` runs cargo with
# WIJKNET_CARGO_ARGS when set (bindings/c/CMakeLists.txt): here the release build above, so that
# it compiles nothing instead of the core again (`cargo build --release -p wijknet-c` resolves
# other features); the commands themselves run as written.
stage "cargo clippy (all targets, -D warnings; ran in the background since cargo test)"
if wait "$background"; then
    echo "in the background: $(grep -c '^ *Compiling ' "$background_log") crates compiled, $(grep -c '^ *Checking ' "$background_log") checked"
    grep -E '^== ' "$background_log"
else
    cat "$background_log" >&2
    echo "the background debug builds or cargo clippy failed (log above)" >&2
    exit 1
fi
stage "README: every sh and python block, as written"
WIJKNET_CARGO_ARGS="${build_args[*]}" python3 tests/readme_snippets.py
stage_summary "tests/run_all.sh: time per stage"
