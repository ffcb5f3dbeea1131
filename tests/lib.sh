# Sourced by tests/run_all.sh, .ci/run and the binding scripts: the one release build they share,
# and stage headers with elapsed time for the CI log. Not a script of its own.

# ---- The one release build ----------------------------------------------------------------------
# Every cargo build of the test scripts is this one command, and `cargo test` and `cargo clippy`
# take the same packages, profile and features (release_args). With any other package selection
# or feature set cargo resolves other features for the core's dependencies (serde, syn, num-traits,
# ...), gives them and the core another hash, and compiles the core again (CI used to compile the
# release core four times: cargo test, the C library, maturin, uniffi-bindgen).
#   --workspace --release   as the tests run (release: the property tests run many cases)
#   --features wijknet-uniffi/cli   the uniffi-bindgen binary that generate.sh runs
#   --exclude wijknet-bench   the side-by-side benchmark (bench/) compiles SQLite's C source
#     (rusqlite, bundled); no stage runs it: `cargo run --release -p wijknet-bench`
release_args=(--workspace --release --features wijknet-uniffi/cli --exclude wijknet-bench)

# Builds, in target/release: the libraries (libwijknet.so/.a for C, libwijknet_uniffi.so for the
# JVM), the binaries (demo, uniffi-bindgen) and every test binary that
# `cargo test "${release_args[@]}" --lib --bins --tests` runs (test_args), so that it compiles
# nothing; the doc tests are compiled when they run (`cargo test --doc`).
#   --lib: a library is copied to target/release only when asked for by name (cargo then warns
#     that the core's and the C binding's rlib are both target/release/libwijknet.rlib: the C
#     library is called wijknet for vendors; nothing reads that rlib, the .so/.a are distinct)
#   no benches, no examples: no stage runs them, and clippy --all-targets checks that they compile
#     (plain `cargo test` builds the examples too: 40 s of CI for eight profilers and demos)
#   --exclude wijknet-python: the Python module is built by maturin, with pyo3's view of the
#     interpreter; bindings/python/Cargo.toml (and its macros crate, for syn) asks for the
#     features that keep the core's dependencies the same in both builds, so maturin reuses the core.
# build_args is that command's arguments; bindings/c/CMakeLists.txt (examples/c/build.sh) runs
# `cargo build "${build_args[@]}"` too, through WIJKNET_CARGO_ARGS, so that its build is this one.
# Prints cargo's progress (one line per crate compiled). Extra arguments go to cargo.
test_args=("${release_args[@]}" --lib --bins --tests)
build_args=("${test_args[@]}" --exclude wijknet-python)
build_release() {
    echo "cargo build ${build_args[*]} $*"
    cargo build "${build_args[@]}" "$@"
}

# ---- Stages ---------------------------------------------------------------------------------------
# `stage NAME` ends the running stage (printing its seconds) and starts NAME; `stage_summary` ends
# the last one and prints the seconds of every stage. A failing script names the stage it was in.
_stage_name=""
_stage_start=$SECONDS
_stage_times=()
stage() {
    stage_end
    trap _stage_on_exit EXIT
    _stage_name="$1"
    _stage_start=$SECONDS
    echo
    echo "==== $1"
}
stage_end() {
    if [[ -n "$_stage_name" ]]; then
        local took=$((SECONDS - _stage_start))
        echo "---- $_stage_name: ${took}s"
        _stage_times+=("$(printf '%6ds  %s' "$took" "$_stage_name")")
        _stage_name=""
    fi
}
stage_summary() {
    stage_end
    echo
    echo "==== ${1:-time per stage}"
    printf '%s\n' "${_stage_times[@]}"
    printf '%6ds  total\n' "$SECONDS"
}
_stage_on_exit() {
    local status=$?
    if [[ $status -ne 0 && -n "$_stage_name" ]]; then
        echo "FAILED in stage \"$_stage_name\" after $((SECONDS - _stage_start))s (exit status $status)" >&2
    fi
}
