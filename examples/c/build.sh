#!/usr/bin/env bash
# Builds and runs the vendor example the way a vendor would: a wijknet.pc from the template, then
# CMake finds the library through pkg-config; runs it on the demo region (examples/data). Uses the release library that
# bindings/c/tests/run.sh built (builds it if missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$root/target/examples-c"
mkdir -p "$build/pkgconfig"
[ -f "$root/target/release/libwijknet.so" ] || (cd "$root" && cargo build -p wijknet-c --release --quiet)
id="$(cd "$root" && cargo pkgid -p wijknet-c)"
sed -e "s|@PREFIX@|$root|" -e "s|@LIBDIR@|$root/target/release|" -e "s|@INCLUDEDIR@|$root/include|" \
    -e "s|@VERSION@|${id##*[@#]}|" "$root/examples/c/wijknet.pc.in" >"$build/pkgconfig/wijknet.pc"
export PKG_CONFIG_PATH="$build/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
echo "-- pkg-config: $(pkg-config --modversion wijknet) from $build/pkgconfig/wijknet.pc ($(pkg-config --libs wijknet))"
echo "-- cmake: configure and build examples/c (vendor)"
cmake -S "$root/examples/c" -B "$build/cmake" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build/cmake" >/dev/null
echo "-- vendor on examples/data/twente.json"
"$build/cmake/vendor" "$root/examples/data/twente.json"
