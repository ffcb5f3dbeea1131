#!/usr/bin/env python3
"""Groups the crash, timeout and out-of-memory artifacts of fuzz runs by kind: runs every file of
fuzz/artifacts/<target>/ through the target binary (built by run.sh), reads the panic location and
message, and prints one line per kind with the smallest file and the count.

    fuzz/triage.py [target...]      (default: every folder under fuzz/artifacts)

Kinds: the panic location plus the message with every `quoted`/"quoted" part, number and
JSON path replaced, so that the same bug with other values counts once."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_DIR = os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "target"))
TRIPLE = subprocess.run(["rustc", "+nightly", "-vV"], capture_output=True, text=True).stdout
TRIPLE = re.search(r"host: (\S+)", TRIPLE).group(1)


def panic_of(binary, path):
    try:
        p = subprocess.run([binary, path, "-runs=1"], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, RUST_BACKTRACE="0"), errors="replace")
        err = p.stderr
    except subprocess.TimeoutExpired:
        return ("(timeout)", "runs longer than 60 s")
    m = re.search(r"panicked at ([^\n]*):\n(.*)", err)
    if m:
        return (m.group(1), m.group(2))
    if "out-of-memory" in err or "malloc" in err:
        return ("(oom)", "out of memory")
    if "timeout" in os.path.basename(path):
        return ("(timeout)", "slow input (no crash when run alone within 60 s)")
    return ("(no panic)", err.strip().splitlines()[-1] if err.strip() else "")


def kind(location, message):
    m = re.sub(r"`[^`]*`", "`…`", message)
    m = re.sub(r'"(?:[^"\\]|\\.)*"', '"…"', m)
    m = re.sub(r"\d+", "N", m)
    return location + " | " + m[:110]


def main():
    targets = sys.argv[1:] or sorted(os.listdir(os.path.join(HERE, "artifacts")))
    for target in targets:
        folder = os.path.join(HERE, "artifacts", target)
        binary = os.path.join(TARGET_DIR, TRIPLE, "release", target)
        groups = {}
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if name.startswith("minimized") or not os.path.isfile(path):
                continue
            location, message = panic_of(binary, path)
            k = kind(location, message)
            size = os.path.getsize(path)
            g = groups.setdefault(k, {"count": 0, "file": path, "size": size, "message": message})
            g["count"] += 1
            if size < g["size"]:
                g.update(file=path, size=size, message=message)
        print(f"== {target}: {sum(g['count'] for g in groups.values())} artifacts, {len(groups)} kinds")
        for k, g in sorted(groups.items()):
            print(f"  [{g['count']:3}] {k}")
            print(f"        smallest: {os.path.relpath(g['file'], HERE)} ({g['size']} B): {g['message'][:300]}")


main()
