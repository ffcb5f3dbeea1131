#!/usr/bin/env bash
# Builds the wijknet-uniffi library (release) and regenerates the Kotlin and Swift sources from it:
#   kotlin/src/main/kotlin/nl/wijknet/wijknet_uniffi.kt
#   swift/Sources/Wijknet/Wijknet.swift
#   swift/Sources/WijknetFFI/include/{WijknetFFI.h,module.modulemap}
#
# Usage: bindings/uniffi/generate.sh           write the generated files into the tree
#        bindings/uniffi/generate.sh --check   fail (exit 1) if the committed files differ from
#                                               what the current Rust API generates (CI)
#
# The uniffi-bindgen binary is built from the same uniffi version as the library, and the
# sources are generated unformatted (--no-format) so the output does not depend on whether
# ktlint or swift-format happens to be installed. Both come from the release build of the whole
# workspace that every test script shares (tests/lib.sh): nothing to compile when it is fresh,
# and no second compile of the core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source tests/lib.sh

check=false
[[ "${1:-}" == "--check" ]] && check=true

build_release
case "$(uname -s)" in
  Darwin) lib=target/release/libwijknet_uniffi.dylib ;;
  *) lib=target/release/libwijknet_uniffi.so ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "uniffi-bindgen generate --library $lib: Kotlin and Swift"
target/release/uniffi-bindgen generate --library "$lib" --language kotlin --no-format --out-dir "$tmp/gen-kotlin" >/dev/null
target/release/uniffi-bindgen generate --library "$lib" --language swift --no-format --out-dir "$tmp/gen-swift" >/dev/null

out="$tmp/tree"
mkdir -p "$out/kotlin/src/main/kotlin/nl/wijknet" "$out/swift/Sources/Wijknet" "$out/swift/Sources/WijknetFFI/include"
cp "$tmp/gen-kotlin/nl/wijknet/wijknet_uniffi.kt" "$out/kotlin/src/main/kotlin/nl/wijknet/"
cp "$tmp/gen-swift/Wijknet.swift" "$out/swift/Sources/Wijknet/"
cp "$tmp/gen-swift/WijknetFFI.h" "$out/swift/Sources/WijknetFFI/include/"
cp "$tmp/gen-swift/WijknetFFI.modulemap" "$out/swift/Sources/WijknetFFI/include/module.modulemap"

generated=(
  kotlin/src/main/kotlin/nl/wijknet/wijknet_uniffi.kt
  swift/Sources/Wijknet/Wijknet.swift
  swift/Sources/WijknetFFI/include/WijknetFFI.h
  swift/Sources/WijknetFFI/include/module.modulemap
)
if $check; then
  stale=0
  for f in "${generated[@]}"; do
    if ! diff -q "$out/$f" "$here/$f" >/dev/null 2>&1; then
      echo "out of date: bindings/uniffi/$f" >&2
      diff -u "$here/$f" "$out/$f" 2>/dev/null | head -40 >&2 || true
      stale=1
    fi
  done
  if [[ $stale -ne 0 ]]; then
    echo "the committed Kotlin/Swift bindings differ from the Rust API: run bindings/uniffi/generate.sh and commit" >&2
    exit 1
  fi
  echo "Kotlin and Swift bindings are up to date: the ${#generated[@]} generated files equal the committed ones"
  printf '  bindings/uniffi/%s\n' "${generated[@]}"
else
  for f in "${generated[@]}"; do
    mkdir -p "$(dirname "$here/$f")"
    cp "$out/$f" "$here/$f"
  done
  echo "generated: ${generated[*]}"
fi
