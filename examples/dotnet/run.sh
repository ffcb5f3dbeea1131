#!/usr/bin/env bash
# Compiles the .NET P/Invoke example (examples/dotnet/Program.cs) with Mono's C# compiler (mcs,
# C# 7.2: Debian's mono-mcs; CI has no .NET SDK), runs it with mono against the release library
# (DllImport("wijknet"): target/release/libwijknet.so through LD_LIBRARY_PATH) on the demo
# region, and requires the output of the C vendor example (examples/c/vendor.c, compiled here
# against libwijknet.a), line for line. Without mcs and mono it says so and skips (exit 0).
# Needs target/release (the release build of tests/lib.sh) and gcc.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
out="$root/target/examples-dotnet"
if ! command -v mcs >/dev/null 2>&1 || ! command -v mono >/dev/null 2>&1; then
  echo "SKIPPED: .NET P/Invoke example: no mcs and mono (apt-get install mono-mcs mono-runtime)"
  exit 0
fi

rm -rf "$out"
mkdir -p "$out"
echo "-- mcs -unsafe -langversion:7.2 -warnaserror examples/dotnet/Program.cs ($(mcs --version))"
mcs -unsafe -langversion:7.2 -warnaserror -out:"$out/Wijknet.Example.exe" examples/dotnet/Program.cs
echo "-- C reference: examples/c/vendor.c against target/release/libwijknet.a"
gcc -std=c11 -Wall -Wextra -Werror -pedantic -O1 -I include examples/c/vendor.c -o "$out/vendor-c" \
  target/release/libwijknet.a -lpthread -ldl -lm
"$out/vendor-c" examples/data/twente.json >"$out/expected.out"
gcc -std=c11 -Wall -Wextra -Werror -pedantic -I include examples/c/layout.c -o "$out/layout-c"
"$out/layout-c" | sort -u >"$out/layout-c.txt"
echo "-- struct layouts: .NET struct sizes, field offsets and field sizes against examples/c/layout.c"
mono "$out/Wijknet.Example.exe" --layout | sort -u >"$out/layout.txt"
if ! diff -u "$out/layout-c.txt" "$out/layout.txt"; then
  echo "the .NET example's structs do not have the header's layout" >&2
  exit 1
fi
echo "   $(grep -c ' size ' "$out/layout.txt") structs, $(grep -vc ' size ' "$out/layout.txt") fields at the offsets and sizes of the C compiler"
echo "-- LD_LIBRARY_PATH=target/release mono Wijknet.Example.exe examples/data/twente.json"
LD_LIBRARY_PATH="$root/target/release${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  mono "$out/Wijknet.Example.exe" examples/data/twente.json >"$out/dotnet.out"
cat "$out/dotnet.out"
if ! diff -u "$out/expected.out" "$out/dotnet.out"; then
  echo "the .NET example printed something else than examples/c/vendor.c" >&2
  exit 1
fi
echo "-- .NET P/Invoke example: the same $(wc -l <"$out/dotnet.out") lines as the C vendor example"
