#!/usr/bin/env bash
# Installs the C library the way a vendor would (bindings/c/CMakeLists.txt: cmake, cmake --build,
# cmake --install) into a fresh prefix under target/, checks what was installed (files, SONAME,
# wijknet.pc), then builds the vendor example (examples/c) against that installed copy three ways:
# find_package(wijknet CONFIG) with the shared library, the same with the static library, and
# pkg-config; checks that the shared builds record the SONAME as NEEDED and the static one no
# libwijknet at all, runs each on the demo region (examples/data/twente.json) and requires the
# same output from all three.
#
# The cargo build that the CMake build step runs is tests/lib.sh's build_release (WIJKNET_CARGO_ARGS):
# after tests/run_all.sh's build it compiles nothing; on its own it builds the release workspace.
# Also checks that every line of README.md's ```cmake blocks is a line of examples/c/CMakeLists.txt
# (tests/readme_snippets.py runs the README's sh blocks; it does not read cmake blocks).
# Needs: cmake, pkg-config, gcc, readelf.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source tests/lib.sh
out="$root/target/examples-c"
prefix="$out/prefix"
rm -rf "$out"
mkdir -p "$out"
fail() { echo "examples/c/build.sh: $*" >&2; exit 1; }

# README.md's CMake lines are what examples/c/CMakeLists.txt does (ignoring indentation).
readme_cmake="$(awk '/^```cmake$/ { on = 1; next } /^```/ { on = 0 } on && NF' README.md)"
[ -n "$readme_cmake" ] || fail "README.md has no cmake block"
while IFS= read -r line; do
  awk -v want="$line" '{ sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") } $0 == want { found = 1 } END { exit !found }' \
    examples/c/CMakeLists.txt || fail "README.md's CMake line is not in examples/c/CMakeLists.txt: $line"
done <<<"$readme_cmake"
echo "-- README.md: its $(wc -l <<<"$readme_cmake") CMake lines are lines of examples/c/CMakeLists.txt"

export WIJKNET_CARGO_ARGS="${build_args[*]}"
echo "-- install: cmake -S bindings/c -B target/examples-c/wijknet; cmake --build (cargo build $WIJKNET_CARGO_ARGS)"
cmake -S bindings/c -B "$out/wijknet" >"$out/wijknet-configure.log"
if ! cmake --build "$out/wijknet" >"$out/wijknet-build.log" 2>&1; then
  cat "$out/wijknet-build.log" >&2
  fail "cmake --build target/examples-c/wijknet failed"
fi
grep -E '^ *(Compiling|Finished) ' "$out/wijknet-build.log" || true
echo "-- cmake --install target/examples-c/wijknet --prefix target/examples-c/prefix"
cmake --install "$out/wijknet" --prefix "$prefix" >"$out/wijknet-install.log"
(cd "$prefix" && find . \( -type f -o -type l \) | sort | while read -r f; do
  if [ -L "$f" ]; then echo "   $f -> $(readlink "$f")"; else echo "   $f"; fi
done)

soname_of() { readelf -d "$1" | sed -n 's/.*Library soname: \[\(.*\)\]$/\1/p'; }
needed_of() { readelf -d "$1" | sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]$/\1/p'; }

version="$(sed -n 's/^#define WIJKNET_VERSION "\(.*\)"$/\1/p' include/wijknet.h)"
IFS=. read -r major minor _ <<<"${version%%[-+]*}"
if [ "$major" = 0 ]; then expected_soname="libwijknet.so.0.$minor"; else expected_soname="libwijknet.so.$major"; fi
real="$prefix/lib/libwijknet.so.${version%%[-+]*}"
[ -f "$real" ] && [ ! -L "$real" ] || fail "no $real"
soname="$(soname_of "$real")"
echo "-- readelf -d lib/$(basename "$real"): SONAME $soname"
[ "$soname" = "$expected_soname" ] || fail "SONAME $soname, expected $expected_soname (bindings/c/build.rs)"
[ "$(readlink "$prefix/lib/$soname")" = "$(basename "$real")" ] || fail "lib/$soname is not a link to $(basename "$real")"
[ "$(readlink "$prefix/lib/libwijknet.so")" = "$soname" ] || fail "lib/libwijknet.so is not a link to $soname"
cmp -s "$real" target/release/libwijknet.so || fail "the installed library is not target/release/libwijknet.so"
cmp -s "$prefix/lib/libwijknet.a" target/release/libwijknet.a || fail "the installed libwijknet.a is not target/release's"
cmp -s "$prefix/include/wijknet.h" include/wijknet.h || fail "the installed header is not include/wijknet.h"
exported="$(nm -D --defined-only "$real" | awk '$2 == "T" { print $3 }')"
echo "-- exported functions: $(grep -c '^wijknet_' <<<"$exported") wijknet_*, $(grep -vc '^wijknet_' <<<"$exported" || true) others"
[ -z "$(grep -v '^wijknet_' <<<"$exported" || true)" ] || fail "the shared library exports more than wijknet_*"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
echo "-- pkg-config wijknet: $(pkg-config --modversion wijknet); --libs: $(pkg-config --libs wijknet); --static --libs: $(pkg-config --static --libs wijknet)"
[ "$(pkg-config --variable=prefix wijknet)" = "$prefix" ] || fail "wijknet.pc's prefix is $(pkg-config --variable=prefix wijknet), not $prefix"
[ "$(pkg-config --modversion wijknet)" = "$version" ] || fail "wijknet.pc's version is not $version"

# build NAME CMAKE-ARGS...: configures and builds examples/c in target/examples-c/NAME.
build() {
  local name=$1
  shift
  cmake -S examples/c -B "$out/$name" -DCMAKE_BUILD_TYPE=Release "$@" >"$out/$name-configure.log"
  grep -- '-- wijknet ' "$out/$name-configure.log" | sed "s|$root/||g; s/^/   /"
  cmake --build "$out/$name" >"$out/$name-build.log"
}
echo "-- vendor, find_package(wijknet CONFIG), shared: cmake -DCMAKE_PREFIX_PATH=target/examples-c/prefix"
build vendor-config -DCMAKE_PREFIX_PATH="$prefix"
echo "-- vendor, find_package(wijknet CONFIG), static: -Dwijknet_USE_STATIC_LIBS=ON"
build vendor-config-static -DCMAKE_PREFIX_PATH="$prefix" -Dwijknet_USE_STATIC_LIBS=ON
echo "-- vendor, pkg-config: -DWIJKNET_FIND=PKG_CONFIG, PKG_CONFIG_PATH=target/examples-c/prefix/lib/pkgconfig"
build vendor-pkg-config -DWIJKNET_FIND=PKG_CONFIG

for name in vendor-config vendor-pkg-config; do
  needed="$(needed_of "$out/$name/vendor" | grep wijknet || true)"
  echo "-- readelf -d $name/vendor: NEEDED $needed"
  [ "$needed" = "$soname" ] || fail "$name/vendor needs '$needed', not the SONAME $soname"
  resolved="$(ldd "$out/$name/vendor" | awk -v s="$soname" '$1 == s { print $3 }')"
  [ "$resolved" = "$prefix/lib/$soname" ] || fail "$name/vendor loads $soname from '$resolved', not from the prefix"
done
if needed_of "$out/vendor-config-static/vendor" | grep -q wijknet; then
  fail "vendor-config-static/vendor needs a shared libwijknet"
fi
echo "-- readelf -d vendor-config-static/vendor: no libwijknet NEEDED (linked statically)"

echo "-- vendor-config/vendor examples/data/twente.json"
"$out/vendor-config/vendor" examples/data/twente.json | tee "$out/vendor-config.out"
for name in vendor-config-static vendor-pkg-config; do
  "$out/$name/vendor" examples/data/twente.json >"$out/$name.out"
  diff -u "$out/vendor-config.out" "$out/$name.out" || fail "$name printed something else"
  echo "-- $name/vendor: the same $(wc -l <"$out/$name.out") lines"
done
