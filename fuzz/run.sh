#!/usr/bin/env bash
# Fuzzes one target for a bounded time, at the lowest CPU priority, and keeps going after a
# crash (fork mode) so that one run finds every kind of crash it can; crashes, timeouts and
# out-of-memory inputs land in fuzz/artifacts/<target>/.
#
#   fuzz/run.sh <target> [seconds=600] [extra libFuzzer flags...]
#
# Builds with `cargo fuzz build -O -a -s none`: optimised, with debug assertions (so integer
# overflow panics instead of wrapping), without AddressSanitizer (the core forbids unsafe code;
# a panic is what the bodies look for). The grown corpus is fuzz/corpus/<target>/ (not
# committed); the committed seeds in fuzz/seeds/<target>/ are read too.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:?usage: fuzz/run.sh <target> [seconds] [libFuzzer flags...]}"
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))
nice -n 19 cargo +nightly fuzz build -O -a -s none "$target"
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"
bin="${CARGO_TARGET_DIR:-target}/$triple/release/$target"
mkdir -p "corpus/$target" "artifacts/$target"
exec nice -n 19 "$bin" "corpus/$target" "seeds/$target" \
    -dict=json.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 "$@"
