#!/usr/bin/env bash
# Builds the wijknet-uniffi library (release) and regenerates the Kotlin and Swift sources from it.
# The library holds two uniffi components: the core's records and enums (crate `wijknet`, its
# `uniffi` feature, configured in core/uniffi.toml) and this crate's objects and error:
#   kotlin/src/main/kotlin/nl/wijknet/types/wijknet.kt    the core's types, package nl.wijknet.types
#   kotlin/src/main/kotlin/nl/wijknet/wijknet_uniffi.kt   objects, error, functions, package nl.wijknet
#   swift/Sources/Wijknet/{WijknetTypes.swift,Wijknet.swift}   both in the Swift module Wijknet
#   swift/Sources/WijknetFFI/include/{WijknetCoreFFI.h,WijknetFFI.h,module.modulemap}
#     (one C module, WijknetFFI, with both headers)
# The Kotlin is post-processed by patch_kotlin.py (the cost of a call through JNA; it says why).
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
# bindgen.toml names the core's crate root (two libraries of the workspace are called `wijknet`).
gen() { # language, out dir, [crate]
  target/release/uniffi-bindgen generate --config "$here/bindgen.toml" --library "$lib" --language "$1" \
    --no-format --out-dir "$2" ${3:+--crate "$3"} >/dev/null
}
echo "uniffi-bindgen generate --library $lib: Kotlin and Swift"
gen kotlin "$tmp/gen-kotlin"
# The JVM's cost of a call: reuse call statuses per thread and give buffers passed by value memory
# from a shared block, instead of a JNA Memory each (patch_kotlin.py says why and what). Part of
# the generated output, so `--check` compares the patched files.
python3 "$here/patch_kotlin.py" "$tmp/gen-kotlin/nl/wijknet/wijknet_uniffi.kt" "$tmp/gen-kotlin/nl/wijknet/types/wijknet.kt"
# Swift names a component's file after its module, and both components are the module Wijknet:
# one crate at a time.
gen swift "$tmp/gen-swift-core" wijknet
gen swift "$tmp/gen-swift" wijknet_uniffi

out="$tmp/tree"
mkdir -p "$out/kotlin/src/main/kotlin/nl/wijknet/types" "$out/swift/Sources/Wijknet" "$out/swift/Sources/WijknetFFI/include"
cp "$tmp/gen-kotlin/nl/wijknet/wijknet_uniffi.kt" "$out/kotlin/src/main/kotlin/nl/wijknet/"
cp "$tmp/gen-kotlin/nl/wijknet/types/wijknet.kt" "$out/kotlin/src/main/kotlin/nl/wijknet/types/"
cp "$tmp/gen-swift/Wijknet.swift" "$out/swift/Sources/Wijknet/"
cp "$tmp/gen-swift-core/Wijknet.swift" "$out/swift/Sources/Wijknet/WijknetTypes.swift"
cp "$tmp/gen-swift/WijknetFFI.h" "$tmp/gen-swift-core/WijknetCoreFFI.h" "$out/swift/Sources/WijknetFFI/include/"
# One module map for the one C module: the binding's, with the core's header added.
sed 's|^\( *\)header "WijknetFFI.h"|\1header "WijknetCoreFFI.h"\n\1header "WijknetFFI.h"|' \
  "$tmp/gen-swift/WijknetFFI.modulemap" >"$out/swift/Sources/WijknetFFI/include/module.modulemap"
grep -q 'header "WijknetCoreFFI.h"' "$out/swift/Sources/WijknetFFI/include/module.modulemap" \
  || { echo "the generated module map has no header line to extend" >&2; exit 1; }

# Documentation comments become KDoc and Swift doc comments: they must read without Rust (no
# intra-doc links such as [`Registry::update_capacity`], no `::` paths).
if grep -nE '^\s*(\*|///).*(\]\(|\[`[A-Za-z_:]+`\]|[A-Za-z_]::[A-Za-z_])' \
  "$out/kotlin/src/main/kotlin/nl/wijknet/wijknet_uniffi.kt" "$out/kotlin/src/main/kotlin/nl/wijknet/types/wijknet.kt" >"$tmp/rust-in-docs"; then
  echo "documentation of the Kotlin API mentions Rust (write doc comments on crossing items in plain words):" >&2
  cat "$tmp/rust-in-docs" >&2
  exit 1
fi

generated=(
  kotlin/src/main/kotlin/nl/wijknet/wijknet_uniffi.kt
  kotlin/src/main/kotlin/nl/wijknet/types/wijknet.kt
  swift/Sources/Wijknet/Wijknet.swift
  swift/Sources/Wijknet/WijknetTypes.swift
  swift/Sources/WijknetFFI/include/WijknetFFI.h
  swift/Sources/WijknetFFI/include/WijknetCoreFFI.h
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
