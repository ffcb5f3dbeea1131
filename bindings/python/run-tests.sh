#!/usr/bin/env bash
# Builds the wheel once and tests it as a user would: installed into a FRESH virtual environment.
#
#   bash bindings/python/run-tests.sh
#
# Needs `maturin` (pip install maturin) and network access to PyPI for the venv's test tools.
# Environment: PYTHON (default python3), WIJKNET_PY_EXTRAS="pandas polars matplotlib tqdm duckdb" to also
# install the optional packages the table tests and the example use (their tests skip otherwise),
# WIJKNET_PY_SKIP_BUILD=1 to reuse target/wheels.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py="${PYTHON:-python3}"
wheels="$repo/target/wheels"

if [[ "${WIJKNET_PY_SKIP_BUILD:-0}" != 1 ]]; then
    if command -v maturin >/dev/null; then maturin_cmd=(maturin); else maturin_cmd=("$py" -m maturin); fi
    rm -f "$wheels"/wijknet-*.whl
    # Release profile in the workspace's target directory: the core and its dependencies come from
    # the release build of the other stages (tests/lib.sh); cargo lists what it compiles (pyo3 and
    # this module).
    echo "-- maturin build --release: one abi3 wheel (CPython >= 3.9), built with $("$py" --version 2>&1)"
    "${maturin_cmd[@]}" build --release -m "$here/Cargo.toml" --out "$wheels" -i "$py"
fi
wheel="$(ls "$wheels"/wijknet-*-abi3-*.whl | head -n1)"
echo "wheel: $wheel ($(du -h "$wheel" | cut -f1))"

venv="$repo/target/py-test-venv"
rm -rf "$venv"
echo "-- fresh venv ($("$py" --version 2>&1)): pip install the wheel, pytest, mypy ${WIJKNET_PY_EXTRAS:-}"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" pytest mypy ${WIJKNET_PY_EXTRAS:-}

# Run from outside the source tree so that only the installed package can be imported.
cd "$here/tests"
echo "-- stubtest (the .pyi stubs against the installed module)"
"$venv/bin/python" -m mypy.stubtest wijknet --allowlist "$here/stubtest-allowlist.txt"
echo "-- pytest"
set +e
WIJKNET_REPO="$repo" "$venv/bin/python" -m pytest -q -p no:cacheprovider "$here/tests"
status=$?
set -e
if [[ $status -eq 5 ]]; then
    echo "pytest ran no test: that is a failure" >&2
    exit 1
fi
exit $status
