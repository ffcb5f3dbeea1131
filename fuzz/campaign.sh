#!/usr/bin/env bash
# The closing-note campaign: every target (or those named) for a fixed number of executions
# (default 10^7) or at most `seconds` each (default 600), one after the other, at the lowest CPU priority, without fork mode so that the
# first crash stops the target and is kept in fuzz/artifacts/<target>/. Inputs are capped at
# `max_len` bytes (default 4096) so the executions per second stay high; the seeds and the grown
# corpus are read as they are. Prints one line per target: executions, seconds, outcome.
#
#   fuzz/campaign.sh [runs=10000000] [max_len=4096] [seconds=600] [target...]
set -uo pipefail
cd "$(dirname "$0")"
runs="${1:-10000000}"
max_len="${2:-4096}"
seconds="${3:-600}"
shift $(( $# >= 3 ? 3 : $# ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(ls fuzz_targets | sed 's/\.rs$//')
fi
nice -n 19 cargo +nightly fuzz build -O -a -s none >/dev/null
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"
dir="${CARGO_TARGET_DIR:-target}/$triple/release"
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    start=$(date +%s)
    nice -n 19 "$dir/$t" "corpus/$t" "seeds/$t" -dict=json.dict -runs="$runs" -max_len="$max_len" \
        -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" -print_final_stats=1 \
        >"logs/$t.log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
    echo "$t: ${execs:-?} executions in ${secs}s, exit $rc$( [ $rc -ne 0 ] && echo ' (see fuzz/logs/'"$t"'.log and fuzz/artifacts/'"$t"'/)')"
done
