#!/usr/bin/env bash
# Builds the C API in release mode once, checks the committed header, compiles the C tests with
# gcc against include/wijknet.h (the C API tests by capability, each with common.c:
# test_codes_errors, test_registry, test_matching, test_agreements, test_consent, test_referral,
# test_fhir, test_what_if and test_shared_registry; and test_tls_destructor, test_personal_data) and the C++ header check
# with g++, runs them against the shared library, the static library, and (but for the
# 10,000-input personal-data sweep) the shared library under valgrind, and ends with the number
# of checks each program passed and their total. Needs: gcc, g++, libcjson-dev, valgrind,
# cbindgen (pinned: see generate-header.sh). Exit code 0 = all passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
source tests/lib.sh
build="$root/target/c-tests"
mkdir -p "$build"
lib="$root/target/release"
tests="bindings/c/tests"
capi_tests=(test_codes_errors test_registry test_matching test_agreements test_consent test_referral test_fhir test_what_if)

echo "-- committed header is what cbindgen generates"
bash bindings/c/generate-header.sh "$build/wijknet.h"
if ! diff -u include/wijknet.h "$build/wijknet.h"; then
  echo "include/wijknet.h is stale: run bash bindings/c/generate-header.sh and commit it" >&2
  exit 1
fi

echo "-- release build of the workspace (the one CI build: tests/lib.sh; nothing to do when fresh)"
build_release
# libwijknet.so carries a SONAME (build.rs): a program linked against it asks the loader for that
# name, so target/release gets a link by that name, as an installed copy has (README, "Without
# installing").
soname="$(readelf -d "$lib/libwijknet.so" | sed -n 's/.*Library soname: \[\(.*\)\]$/\1/p')"
if [ -z "$soname" ]; then
  echo "target/release/libwijknet.so has no SONAME (bindings/c/build.rs)" >&2
  exit 1
fi
ln -sf libwijknet.so "$lib/$soname"
echo "-- SONAME $soname: target/release/$soname -> libwijknet.so"

cflags=(-std=c11 -Wall -Wextra -Werror -pedantic -O1 -g -I include)
shared=(-L "$lib" -Wl,-rpath,"$lib" -lwijknet)
static=("$lib/libwijknet.a")
echo "-- gcc: ${capi_tests[*]} (shared and static)"
for t in "${capi_tests[@]}"; do
  gcc "${cflags[@]}" "$tests/common.c" "$tests/$t.c" -o "$build/${t}_shared" "${shared[@]}" -lcjson -lpthread
  gcc "${cflags[@]}" "$tests/common.c" "$tests/$t.c" -o "$build/${t}_static" "${static[@]}" -lcjson -lpthread -ldl -lm
done
echo "-- gcc: test_tls_destructor (shared and static)"
gcc "${cflags[@]}" "$tests/test_tls_destructor.c" -o "$build/test_tls_destructor_shared" "${shared[@]}" -lpthread
gcc "${cflags[@]}" "$tests/test_tls_destructor.c" -o "$build/test_tls_destructor_static" "${static[@]}" \
  -lpthread -ldl -lm
echo "-- gcc: test_shared_registry (shared and static)"
gcc "${cflags[@]}" "$tests/common.c" "$tests/test_shared_registry.c" -o "$build/test_shared_registry_shared" \
  "${shared[@]}" -lcjson -lpthread
gcc "${cflags[@]}" "$tests/common.c" "$tests/test_shared_registry.c" -o "$build/test_shared_registry_static" \
  "${static[@]}" -lcjson -lpthread -ldl -lm
echo "-- gcc: test_personal_data (shared)"
gcc "${cflags[@]}" "$tests/test_personal_data.c" -o "$build/test_personal_data" "${shared[@]}" -lcjson
echo "-- g++: the header as C++"
g++ -std=c++17 -Wall -Wextra -Werror -pedantic -I include "$tests/header_cpp.cpp" -o "$build/header_cpp" \
  "${shared[@]}"
"$build/header_cpp"

version="$(cargo pkgid -p wijknet-c)"
export WIJKNET_CARGO_VERSION="${version##*[@#]}"
# wijknet_test_panic's panic messages are expected on stderr; keep each to one line.
export RUST_BACKTRACE=0
valgrind=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1)

# run NAME HOW COMMAND...: runs a test program and shows its output; its last line is
# "N passed, M failed". The count of the shared-library run is kept for the summary; the
# static-library and valgrind runs must pass the same number of checks.
declare -A counts=()
run() {
  local name=$1 how=$2 out n
  shift 2
  echo "-- $name ($how)"
  if ! out="$("$@")"; then
    printf '%s\n' "$out"
    echo "$name ($how) failed" >&2
    exit 1
  fi
  printf '%s\n' "$out"
  n="$(printf '%s\n' "$out" | sed -n 's/^\([0-9][0-9]*\) passed, 0 failed$/\1/p' | tail -n 1)"
  if [ -z "$n" ]; then
    echo "$name ($how) printed no \"N passed, 0 failed\" line" >&2
    exit 1
  fi
  if [ -z "${counts[$name]:-}" ]; then
    counts[$name]=$n
  elif [ "${counts[$name]}" != "$n" ]; then
    echo "$name ($how) passed $n checks, the first run ${counts[$name]}" >&2
    exit 1
  fi
}

for t in "${capi_tests[@]}"; do
  run "$t" "shared library" "$build/${t}_shared" tests/vectors
  run "$t" "static library" "$build/${t}_static" tests/vectors
  run "$t" "shared library under valgrind" "${valgrind[@]}" "$build/${t}_shared" tests/vectors
done
echo "-- test_personal_data (shared library): no planted BSN, date of birth or name in any error"
"$build/test_personal_data" tests/vectors examples/data/twente.json
run test_tls_destructor "shared library" "$build/test_tls_destructor_shared" tests/vectors
run test_tls_destructor "static library" "$build/test_tls_destructor_static" tests/vectors
# The suppression covers only glibc's own node for a thread-local registered during thread exit,
# which that test provokes on purpose (see the file).
run test_tls_destructor "shared library under valgrind" "${valgrind[@]}" \
  --suppressions="$tests/tls_destructor.supp" "$build/test_tls_destructor_shared" tests/vectors
run test_shared_registry "shared library" "$build/test_shared_registry_shared"
run test_shared_registry "static library" "$build/test_shared_registry_static"
run test_shared_registry "shared library under valgrind" "${valgrind[@]}" "$build/test_shared_registry_shared"

echo "-- checks passed per program (each also passed them against the static library and under valgrind)"
capi_total=0
for t in "${capi_tests[@]}"; do
  printf '   %-22s %6d\n' "$t" "${counts[$t]}"
  capi_total=$((capi_total + ${counts[$t]}))
done
printf '   %-22s %6d\n' "C API tests, total" "$capi_total"
total=$capi_total
for t in test_tls_destructor test_shared_registry; do
  printf '   %-22s %6d\n' "$t" "${counts[$t]}"
  total=$((total + ${counts[$t]}))
done
printf '   %-22s %6d\n' "all C tests, total" "$total"
