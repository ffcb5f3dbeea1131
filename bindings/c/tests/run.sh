#!/usr/bin/env bash
# Checks the committed header, builds the release libraries (with the rest of the workspace: the
# one CI build of tests/lib.sh, so the core is not compiled again), compiles the C tests
# (test_capi, test_tls_destructor, test_shared_registry, test_personal_data) and the C++ header
# check with gcc/g++
# against include/wijknet.h, runs them against the shared library, the static library, and (but
# for the 10,000-input personal-data sweep) the shared library under valgrind. Needs: gcc, g++,
# libcjson-dev, valgrind, cbindgen (pinned: see generate-header.sh). Exit code 0 = all passed.
# Prints each step, each test program's counts, and the totals at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
source tests/lib.sh
build="$root/target/c-tests"
mkdir -p "$build"
lib="$root/target/release"

# run LABEL COMMAND...: prints LABEL, runs COMMAND and adds the "N passed, M failed" line it
# prints (test_capi, test_tls_destructor, test_shared_registry) to the totals.
runs=0
valgrind_runs=0
checks=0
run() {
  local label="$1" out n
  shift
  echo "-- $label"
  out="$(mktemp)"
  "$@" | tee "$out"
  n="$(sed -n 's/^\([0-9][0-9]*\) passed, 0 failed$/\1/p' "$out" | tail -n1)"
  rm -f "$out"
  runs=$((runs + 1))
  checks=$((checks + ${n:-0}))
  if [[ "$1" == valgrind ]]; then valgrind_runs=$((valgrind_runs + 1)); fi
}

echo "-- committed header is what cbindgen generates"
bash bindings/c/generate-header.sh "$build/wijknet.h"
if ! diff -u include/wijknet.h "$build/wijknet.h"; then
  echo "include/wijknet.h is stale: run bash bindings/c/generate-header.sh and commit it" >&2
  exit 1
fi

echo "-- release build of the workspace (the one CI build: tests/lib.sh; nothing to do when fresh)"
build_release

cflags=(-std=c11 -Wall -Wextra -Werror -pedantic -O1 -g -I include)
echo "-- gcc: test_capi (shared and static)"
gcc "${cflags[@]}" bindings/c/tests/test_capi.c -o "$build/test_capi_shared" \
  -L "$lib" -Wl,-rpath,"$lib" -lwijknet -lcjson -lpthread
gcc "${cflags[@]}" bindings/c/tests/test_capi.c -o "$build/test_capi_static" \
  "$lib/libwijknet.a" -lcjson -lpthread -ldl -lm
echo "-- gcc: test_tls_destructor (shared and static)"
gcc "${cflags[@]}" bindings/c/tests/test_tls_destructor.c -o "$build/test_tls_destructor_shared" \
  -L "$lib" -Wl,-rpath,"$lib" -lwijknet -lpthread
gcc "${cflags[@]}" bindings/c/tests/test_tls_destructor.c -o "$build/test_tls_destructor_static" \
  "$lib/libwijknet.a" -lpthread -ldl -lm
echo "-- gcc: test_shared_registry (shared and static)"
gcc "${cflags[@]}" bindings/c/tests/test_shared_registry.c -o "$build/test_shared_registry_shared" \
  -L "$lib" -Wl,-rpath,"$lib" -lwijknet -lpthread
gcc "${cflags[@]}" bindings/c/tests/test_shared_registry.c -o "$build/test_shared_registry_static" \
  "$lib/libwijknet.a" -lpthread -ldl -lm
echo "-- gcc: test_personal_data (shared)"
gcc "${cflags[@]}" bindings/c/tests/test_personal_data.c -o "$build/test_personal_data" \
  -L "$lib" -Wl,-rpath,"$lib" -lwijknet -lcjson
echo "-- g++: the header as C++"
g++ -std=c++17 -Wall -Wextra -Werror -pedantic -I include bindings/c/tests/header_cpp.cpp \
  -o "$build/header_cpp" -L "$lib" -Wl,-rpath,"$lib" -lwijknet
"$build/header_cpp"

version="$(cargo pkgid -p wijknet-c)"
export WIJKNET_CARGO_VERSION="${version##*[@#]}"
# wijknet_test_panic's panic messages are expected on stderr; keep each to one line.
export RUST_BACKTRACE=0
vg=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1)
run "test_capi (shared library)" "$build/test_capi_shared" tests/vectors
run "test_capi (static library)" "$build/test_capi_static" tests/vectors
run "test_capi under valgrind (shared library)" "${vg[@]}" "$build/test_capi_shared" tests/vectors
run "test_personal_data (shared library): no planted BSN, date of birth or name in any error" \
  "$build/test_personal_data" tests/vectors examples/data/twente.json
run "test_tls_destructor (shared library)" "$build/test_tls_destructor_shared" tests/vectors
run "test_tls_destructor (static library)" "$build/test_tls_destructor_static" tests/vectors
# The suppression covers only glibc's own node for a thread-local registered during thread exit,
# which that test provokes on purpose (see the file).
run "test_tls_destructor under valgrind (shared library)" \
  "${vg[@]}" --suppressions=bindings/c/tests/tls_destructor.supp "$build/test_tls_destructor_shared" tests/vectors
run "test_shared_registry (shared library)" "$build/test_shared_registry_shared"
run "test_shared_registry (static library)" "$build/test_shared_registry_static"
run "test_shared_registry under valgrind (shared library)" "${vg[@]}" "$build/test_shared_registry_shared"
echo "C API: $runs test runs ($valgrind_runs under valgrind), $checks checks passed, 0 failed; the C++ header check passed"
