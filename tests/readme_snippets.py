#!/usr/bin/env python3
"""Runs the README's code blocks as written, from the repository root, in README order.

A newcomer copies them from the README into a shell or Python, so the test does the same:

- a ```sh block runs with `bash -euo pipefail`;
- a ```python block runs with the Python of the virtual environment that the README's install
  block creates (target/venv), as its text says;
- a block whose info string says `not-run` (```sh not-run) is listed with the reason the README
  gives beside it and not run: the test command itself, the benchmarks (minutes, and SQLite) and
  the Android/iOS builds (no NDK or Mac here);
- ```kotlin and ```swift blocks are not run here: the Kotlin example is QuickstartTest in the
  Kotlin tests, and there is no Swift toolchain; the lines of the ```cmake block are lines of
  examples/c/CMakeLists.txt, which examples/c/build.sh checks and builds.

Every block must leave the working tree as it found it: a new or changed file outside the
ignored build output (target/) fails the run. Prints one line per block and the counts.

    python3 tests/readme_snippets.py [--list]
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
VENV_PYTHON = REPO / "target" / "venv" / "bin" / "python"
FENCE = re.compile(r"^```(\S*)(.*)$")


def blocks(text: str) -> list[tuple[int, str, str, str]]:
    """(line, language, the words after it, code) of every fenced block."""
    found, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m and m.group(1):
            start, lang, words = i + 1, m.group(1), m.group(2).strip()
            i += 1
            body = []
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise SystemExit(f"README.md:{start}: the ```{lang} block is never closed")
            found.append((start, lang, words, "\n".join(body) + "\n"))
        i += 1
    return found


def tree_state() -> set[str]:
    """Files git sees as changed or new (ignored build output excluded)."""
    out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    return set(out.splitlines())


def main() -> int:
    listing = "--list" in sys.argv[1:]
    found = blocks(README.read_text(encoding="utf-8"))
    counts = {"sh": 0, "python": 0, "not-run": 0, "other": 0}
    failures = 0
    before = tree_state()
    for line, lang, words, code in found:
        where = f"README.md:{line}"
        first = code.strip().splitlines()[0] if code.strip() else ""
        if "not-run" in words.split():
            counts["not-run"] += 1
            print(f"{where}: ```{lang} not run (marked not-run): {first}")
            continue
        if lang not in ("sh", "python"):
            counts["other"] += 1
            why = {"kotlin": "the Kotlin tests run it (QuickstartTest)",
                   "swift": "no Swift toolchain here",
                   "cmake": "examples/c/build.sh checks that its lines are examples/c/CMakeLists.txt's, "
                            "and builds that"}.get(lang, "not a language the test runs")
            print(f"{where}: ```{lang} not run: {why}")
            continue
        counts[lang] += 1
        if listing:
            print(f"{where}: ```{lang} would run: {first}")
            continue
        if lang == "sh":
            cmd = ["bash", "-euo", "pipefail", "-c", code]
        else:
            if not VENV_PYTHON.exists():
                print(f"{where}: ```python needs {VENV_PYTHON.relative_to(REPO)}, which the README's "
                      "install block creates: it did not run or failed", file=sys.stderr)
                failures += 1
                continue
            cmd = [str(VENV_PYTHON), "-c", code]
        print(f"{where}: ```{lang} running: {first}", flush=True)
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        took = time.monotonic() - started
        if proc.returncode != 0:
            failures += 1
            print(f"{where}: FAILED (exit {proc.returncode}) after {took:.1f}s\n--- stdout\n{proc.stdout[-4000:]}"
                  f"\n--- stderr\n{proc.stderr[-4000:]}", file=sys.stderr)
            continue
        after = tree_state()
        if after != before:
            failures += 1
            print(f"{where}: FAILED: the block changed the working tree: {sorted(after - before)}",
                  file=sys.stderr)
            before = after
            continue
        print(f"{where}: ok in {took:.1f}s ({len(proc.stdout.splitlines())} lines of output)")
    print(f"README snippets: {counts['sh']} sh and {counts['python']} python blocks "
          f"{'found' if listing else 'run'}, {failures} failed; {counts['not-run']} marked not-run, "
          f"{counts['other']} in other languages")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
