#!/usr/bin/env bash
# Builds the C API in release mode once, checks the committed header, compiles the C tests
# (test_capi, test_tls_destructor, test_personal_data) and the C++ header check with gcc/g++
# against include/wijknet.h, runs them against the shared library, the static library, and (but
# for the 10,000-input personal-data sweep) the shared library under valgrind. Needs: gcc, g++,
# libcjson-dev, valgrind, cbindgen (pinned: see generate-header.sh). Exit code 0 = all passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
build="$root/target/c-tests"
mkdir -p "$build"
lib="$root/target/release"

echo "-- committed header is what cbindgen generates"
bash bindings/c/generate-header.sh "$build/wijknet.h"
if ! diff -u include/wijknet.h "$build/wijknet.h"; then
  echo "include/wijknet.h is stale: run bash bindings/c/generate-header.sh and commit it" >&2
  exit 1
fi

echo "-- cargo build -p wijknet-c --release"
cargo build -p wijknet-c --release --quiet

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
echo "-- test_capi (shared library)"
"$build/test_capi_shared" tests/vectors
echo "-- test_capi (static library)"
"$build/test_capi_static" tests/vectors
echo "-- test_capi under valgrind (shared library)"
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
  "$build/test_capi_shared" tests/vectors
echo "-- test_personal_data (shared library): no planted BSN, date of birth or name in any error"
"$build/test_personal_data" tests/vectors examples/data/twente.json
echo "-- test_tls_destructor (shared library)"
"$build/test_tls_destructor_shared" tests/vectors
echo "-- test_tls_destructor (static library)"
"$build/test_tls_destructor_static" tests/vectors
echo "-- test_tls_destructor under valgrind (shared library)"
# The suppression covers only glibc's own node for a thread-local registered during thread exit,
# which that test provokes on purpose (see the file).
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
  --suppressions=bindings/c/tests/tls_destructor.supp "$build/test_tls_destructor_shared" tests/vectors
echo "-- test_shared_registry (shared library, static library, shared under valgrind)"
"$build/test_shared_registry_shared"
"$build/test_shared_registry_static"
valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
  "$build/test_shared_registry_shared"
