#!/usr/bin/env bash
# Runs the C snippets of README.md ("C, C++, .NET and Java vendors") as written, so that the README
# fails the tests when it drifts: every ```sh block preceded by the line
#   <!-- examples/c/readme.sh runs every sh block marked like this one, in order, from the repository root -->
# is run, all of them in order in one bash (set -euo pipefail, each command echoed) from the
# repository root; every line of a ```cmake block preceded by
#   <!-- examples/c/readme.sh checks that examples/c/CMakeLists.txt has these lines -->
# must be a line of examples/c/CMakeLists.txt (which examples/c/build.sh and the snippets build).
#
# The snippets install into "$HOME/.local": HOME is target/readme-c/home here (CARGO_HOME and
# RUSTUP_HOME keep pointing at the real ones), so nothing outside target/ changes but the link
# target/release/libwijknet.so.0.1 the in-tree snippet makes. The CMake build runs the release
# build of tests/lib.sh (WIJKNET_CARGO_ARGS): after tests/run_all.sh's build it compiles nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source tests/lib.sh
out="$root/target/readme-c"
run_marker='<!-- examples/c/readme.sh runs every sh block marked like this one, in order, from the repository root -->'
cmake_marker='<!-- examples/c/readme.sh checks that examples/c/CMakeLists.txt has these lines -->'

# blocks MARKER LANG: the lines of every ```LANG block right after a MARKER line, blocks separated
# by a line "# ---- block N".
blocks() {
  awk -v marker="$1" -v fence="\`\`\`$2" '
    state == 0 && $0 == marker { state = 1; next }
    state == 1 { if ($0 == fence) { state = 2; n++; print "# ---- block " n; next } else if ($0 != "") { state = 0 } }
    state == 2 { if ($0 == "```") { state = 0 } else { print } }
  ' README.md
}

rm -rf "$out" target/cmake-wijknet target/vendor-cmake
mkdir -p "$out/home"
snippets="$out/snippets.sh"
{
  echo "set -euxo pipefail"
  blocks "$run_marker" sh
} >"$snippets"
nsh="$(grep -c '^# ---- block ' "$snippets" || true)"
[ "$nsh" -ge 1 ] || { echo "README.md has no sh block marked for examples/c/readme.sh" >&2; exit 1; }

blocks "$cmake_marker" cmake >"$out/cmake-lines.txt"
ncmake="$(grep -c '^# ---- block ' "$out/cmake-lines.txt" || true)"
[ "$ncmake" -ge 1 ] || { echo "README.md has no cmake block marked for examples/c/readme.sh" >&2; exit 1; }
checked=0
while IFS= read -r line; do
  case "$line" in "# ---- block "* | "") continue ;; esac
  if ! awk -v want="$line" '{ sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") } $0 == want { found = 1 } END { exit !found }' \
      examples/c/CMakeLists.txt; then
    echo "README.md's CMake line is not in examples/c/CMakeLists.txt: $line" >&2
    exit 1
  fi
  checked=$((checked + 1))
done <"$out/cmake-lines.txt"
echo "-- README.md: $ncmake cmake block(s), $checked line(s), all in examples/c/CMakeLists.txt"

echo "-- README.md: $nsh sh block(s), $(grep -vc '^#' "$snippets") command lines, run with HOME=target/readme-c/home"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export WIJKNET_CARGO_ARGS="${build_args[*]}"
if ! HOME="$out/home" bash "$snippets" >"$out/snippets.log" 2>&1; then
  cat "$out/snippets.log" >&2
  echo "README.md's C snippets failed (the log is above and in target/readme-c/snippets.log)" >&2
  exit 1
fi
# The commands as bash ran them (variables filled in, paths shown from the repository root), not
# their output (in the log).
grep '^+ ' "$out/snippets.log" | grep -v '^+ set ' | sed "s|$root/||g; s/^/   /"
runs="$(grep -c '^wijknet [0-9]' "$out/snippets.log" || true)"
echo "-- README.md's C snippets: all $nsh sh blocks ran; the vendor example ran $runs times (log: target/readme-c/snippets.log)"
