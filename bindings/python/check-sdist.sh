#!/usr/bin/env bash
# The source distribution a user without a wheel for their platform gets from PyPI: built with
# maturin, its metadata checked (readme, licence, URLs, classifiers), then built into a wheel by
# pip exactly as pip would from an index (PEP 517, maturin as the build backend), installed into a
# fresh venv and imported. Run by tests/run_all.sh before the other Python stages, with
# MATURIN_STRIP=false (maturin reads it; the symbols locate the stubs' description): the wheel it
# leaves in target/sdist/wheel is the one they test, so CI compiles the module once.
#
#   bash bindings/python/check-sdist.sh
#
# The wheel is built as pip builds it (release) in the repository's one target directory, ./target,
# after the workspace build compiled the core and its dependencies there. Cargo fingerprints a
# workspace member by its path relative to the workspace root, and the sdist keeps the repository's
# layout (core/, fhir/, bindings/python/, ...), so cargo finds the crates compiled before and checks
# their source files again, now in the unpacked sdist: a file the sdist lacks makes the crate dirty
# and its compile fails (E0583, file not found for module), and a manifest maturin rewrote
# differently (features, dependencies) gives the crate another hash and a real compile. So only
# pyo3 and this module are compiled here (CI used to rebuild every dependency from the sdist: five
# minutes). The script prints what cargo compiled. PYTHON: default python3, which must have
# maturin (pip install maturin), as for run-tests.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py="${PYTHON:-python3}"
out="$repo/target/sdist"
rm -rf "$out"
mkdir -p "$out"
if command -v maturin >/dev/null; then maturin_cmd=(maturin); else maturin_cmd=("$py" -m maturin); fi

echo "-- maturin sdist"
"${maturin_cmd[@]}" sdist -m "$here/Cargo.toml" --out "$out" 2>&1 | grep -v "^warning\|^  |\|^  =" || true
sdist="$(ls "$out"/wijknet-*.tar.gz)"
echo "sdist: $(basename "$sdist") ($(du -k "$sdist" | cut -f1) KiB, $(tar tzf "$sdist" | wc -l) files)"

echo "-- PKG-INFO: the fields an index shows"
info="$(tar xzf "$sdist" -O --wildcards '*/PKG-INFO')"
missing=0
for field in "Name: wijknet" "Version: $(cd "$repo" && cargo pkgid -p wijknet-python | sed 's/.*[@#]//')" \
             "Summary: " "Requires-Python: >=3.9" "License-Expression: MIT OR Apache-2.0" \
             "License-File: LICENSE-MIT" "License-File: LICENSE-APACHE" "Project-URL: Repository" \
             "Project-URL: Changelog" "Classifier: Programming Language :: Rust" \
             "Description-Content-Type: text/markdown" "Provides-Extra: frames"; do
    if grep -q "^$field" <<<"$info"; then echo "  ok   $field"; else echo "  MISSING $field" >&2; missing=1; fi
done
grep -q "^# wijknet (Python)" <<<"$info" || { echo "  MISSING the README as description" >&2; missing=1; }
files="$(tar tzf "$sdist")"
for file in LICENSE-MIT LICENSE-APACHE README.md Cargo.lock; do
    grep -q "^wijknet-[^/]*/$file$" <<<"$files" || { echo "  MISSING $file in the sdist" >&2; missing=1; }
done
echo "PKG-INFO: $(grep -c '^Classifier' <<<"$info") classifiers, $(grep -c '^Project-URL' <<<"$info") URLs"
[[ $missing -eq 0 ]]

echo "-- pip wheel from the sdist (PEP 517 through maturin, release, in ./target)"
start=$SECONDS
log="$out/pip-wheel.log"
if ! CARGO_TARGET_DIR="$repo/target" "$py" -m pip wheel -v --disable-pip-version-check --no-deps \
        --no-build-isolation -w "$out/wheel" "$sdist" >"$log" 2>&1; then
    grep -E "error|warning: |Compiling" "$log" >&2 || tail -n 40 "$log" >&2
    echo "pip could not build a wheel from the sdist (whole log: $log)" >&2
    exit 1
fi
compiled="$(grep -oE "Compiling [^ ]+ v[^ ]+" "$log" | sed 's/Compiling //' || true)"
echo "built $(basename "$out"/wheel/wijknet-*.whl) in $((SECONDS - start))s; cargo compiled" \
     "$(grep -c . <<<"$compiled" || true) crate(s) from the sdist${compiled:+: $(tr '\n' ' ' <<<"$compiled")}" \
     "(the rest fresh in ./target: the same files, at the same paths in the workspace)"

echo "-- fresh venv: install that wheel and call it"
"$py" -m venv "$out/venv"
"$out/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$out"/wheel/wijknet-*.whl
(cd "$out" && "$out/venv/bin/python" - "$repo/tests/vectors/registries/region.json" <<'PY'
import sys
import wijknet
registry = wijknet.Registry.from_json(sys.argv[1])
result = registry.match({"location": "7511AA", "care_types": ["nursing"]}, now="2026-11-22T10:00:00Z")
print(f"wijknet {wijknet.__version__} from the sdist: {len(registry.teams())} teams, "
      f"{len(result.candidates)} candidates, {len(result.excluded)} excluded")
PY
)
