#!/usr/bin/env bash
# Compiles the Java FFM example (examples/java/WijknetExample.java, java.lang.foreign: JDK 22+)
# with the first JDK >= 22 it finds (JAVA_HOME, then java on PATH, then /usr/lib/jvm/*), runs it
# against the release library target/release/libwijknet.so on the demo region, and requires the
# output of the C vendor example (examples/c/vendor.c, compiled here against libwijknet.a), line
# for line. Without a JDK >= 22 it says so and skips (exit 0). Needs target/release (the release
# build of tests/lib.sh) and gcc.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="$root/target/examples-java"

# jdk_version DIR: the feature version of the JDK whose java and javac are in DIR/bin, or nothing.
jdk_version() {
  [ -x "$1/bin/javac" ] && [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
candidates=()
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
if command -v java >/dev/null 2>&1; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
for d in /usr/lib/jvm/*/; do candidates+=("${d%/}"); done
jdk=""
for d in "${candidates[@]}"; do
  v="$(jdk_version "$d")"
  if [ -n "$v" ] && [ "$v" -ge 22 ]; then jdk="$d"; break; fi
done
if [ -z "$jdk" ]; then
  echo "SKIPPED: Java FFM example: no JDK >= 22 (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)"
  exit 0
fi

rm -rf "$out"
mkdir -p "$out/classes"
echo "-- $jdk/bin/javac --release 22 examples/java/WijknetExample.java ($("$jdk/bin/javac" -version 2>&1))"
"$jdk/bin/javac" --release 22 -Xlint:all,-restricted -Werror -d "$out/classes" examples/java/WijknetExample.java
echo "-- C reference: examples/c/vendor.c against target/release/libwijknet.a"
gcc -std=c11 -Wall -Wextra -Werror -pedantic -O1 -I include examples/c/vendor.c -o "$out/vendor-c" \
  target/release/libwijknet.a -lpthread -ldl -lm
"$out/vendor-c" examples/data/twente.json >"$out/expected.out"
gcc -std=c11 -Wall -Wextra -Werror -pedantic -I include examples/c/layout.c -o "$out/layout-c"
"$out/layout-c" | sort -u >"$out/layout-c.txt"
echo "-- struct layouts: Java struct sizes, field offsets and field sizes against examples/c/layout.c"
"$jdk/bin/java" --enable-native-access=ALL-UNNAMED -Dwijknet.library="$root/target/release/libwijknet.so" -cp "$out/classes" WijknetExample --layout | sort -u >"$out/layout.txt"
if ! diff -u "$out/layout-c.txt" "$out/layout.txt"; then
  echo "the Java example's structs do not have the header's layout" >&2
  exit 1
fi
echo "   $(grep -c ' size ' "$out/layout.txt") structs, $(grep -vc ' size ' "$out/layout.txt") fields at the offsets and sizes of the C compiler"
echo "-- java --enable-native-access=ALL-UNNAMED -Dwijknet.library=target/release/libwijknet.so WijknetExample examples/data/twente.json"
"$jdk/bin/java" --enable-native-access=ALL-UNNAMED -Dwijknet.library="$root/target/release/libwijknet.so" \
  -cp "$out/classes" WijknetExample examples/data/twente.json >"$out/java.out"
cat "$out/java.out"
if ! diff -u "$out/expected.out" "$out/java.out"; then
  echo "the Java FFM example printed something else than examples/c/vendor.c" >&2
  exit 1
fi
echo "-- Java FFM example: the same $(wc -l <"$out/java.out") lines as the C vendor example"
