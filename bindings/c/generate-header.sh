#!/usr/bin/env bash
# Generates the C header from bindings/c with the pinned cbindgen, filling the version macros in
# from the workspace version. Usage: generate-header.sh [OUTPUT]  (default include/wijknet.h).
# CI runs it into a temporary file and fails when the committed header differs.
set -euo pipefail
CBINDGEN_VERSION=0.29.2
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/include/wijknet.h}"

have="$(cbindgen --version 2>/dev/null || true)"
if [ "$have" != "cbindgen $CBINDGEN_VERSION" ]; then
  echo "need cbindgen $CBINDGEN_VERSION (have: ${have:-none}):" >&2
  echo "  cargo install cbindgen --locked --version $CBINDGEN_VERSION" >&2
  exit 1
fi

id="$(cd "$root" && cargo pkgid -p wijknet-c)"
version="${id##*[@#]}"
IFS=. read -r major minor patch <<<"${version%%[-+]*}"

config="$(mktemp)"
trap 'rm -f "$config"' EXIT
sed -e "s/@WIJKNET_VERSION@/$version/" -e "s/@WIJKNET_VERSION_MAJOR@/$major/" \
    -e "s/@WIJKNET_VERSION_MINOR@/$minor/" -e "s/@WIJKNET_VERSION_PATCH@/$patch/" \
    "$root/bindings/c/cbindgen.toml" >"$config"
(cd "$root/bindings/c" && cbindgen --quiet --config "$config" --crate wijknet-c --output "$out")
