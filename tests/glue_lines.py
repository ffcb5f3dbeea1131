#!/usr/bin/env python3
"""Counts the hand-written binding glue, the measure of the front-door issue.

Counted: the Rust sources of bindings/c/src, bindings/python/src (+ its proc-macro crate),
bindings/uniffi/src and bindings/shared, the core's uniffi glue (core/src/ffi.rs: custom types
and typed input forms, compiled only with the core's `uniffi` feature), the hand-written Python package files
(bindings/python/python/wijknet/*.py and the .pyi stub) and any hand-written Kotlin of the package
(bindings/uniffi/kotlin/src/main, without the two files uniffi-bindgen writes). Not counted: generated files
(bindings/c/src/generated.rs, include/wijknet.h, the uniffi Kotlin/Swift output, and the Python
stub bindings/python/python/wijknet/_native.pyi, which bindings/python/generate-stubs.sh writes
from the compiled module and tests/run_all.sh checks is up to date), tests
(`#[cfg(test)]` modules and tests/ folders), build scripts, and a generated region inside a
hand-written file (the package's `__all__` list, which generate-stubs.sh writes between the lines
`# __all__: written by generate-stubs.sh` and `# end of __all__`).

Two figures per file: all lines (`wc -l`) and code lines (neither blank nor only a comment or a
doc comment, as tokei counts code). Usage: python3 tests/glue_lines.py
"""
import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
GENERATED = {
    "bindings/c/src/generated.rs",
    "bindings/python/python/wijknet/_native.pyi",
    "bindings/uniffi/kotlin/src/main/kotlin/nl/wijknet/wijknet_uniffi.kt",
    "bindings/uniffi/kotlin/src/main/kotlin/nl/wijknet/types/wijknet.kt",
}


def rust_lines(text: str) -> list[str]:
    """The lines of a Rust file without its `#[cfg(test)]` module (which runs to the end)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "#[cfg(test)]" and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("mod "):
            return lines[:i]
    return lines


def code(lines: list[str], comment: str) -> int:
    """Lines that are neither blank nor only a comment; for Python also not a docstring."""
    skip: set[int] = set()
    if comment == "#":
        # Docstrings (a string as a statement) found by the parser, whatever their quoting.
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                skip.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    n, generated = 0, False
    for i, line in enumerate(lines, start=1):
        s = line.strip()
        if s.startswith("# __all__: written by generate-stubs.sh") or s == "# end of __all__":
            generated = not s.startswith("# end")
        if generated or i in skip or not s or s.startswith(comment):
            continue
        n += 1
    return n


def main() -> None:
    groups = {
        "C": ["bindings/c/src"],
        "Python (Rust)": ["bindings/python/src", "bindings/python/macros/src"],
        "Python (package)": ["bindings/python/python/wijknet"],
        "uniffi": ["bindings/uniffi/src", "core/src/ffi.rs", "bindings/uniffi/kotlin/src/main"],
        "shared": ["bindings/shared"],
    }
    total_all = total_code = 0
    for name, dirs in groups.items():
        all_n = code_n = 0
        for d in dirs:
            base = ROOT / d
            for f in [base] if base.is_file() else sorted(base.rglob("*")):
                rel = f.relative_to(ROOT).as_posix()
                if not f.is_file() or rel in GENERATED or "/bin/" in rel:
                    continue
                if f.suffix == ".rs":
                    lines = rust_lines(f.read_text(encoding="utf-8"))
                    all_n += len(lines)
                    code_n += code(lines, "//")
                elif f.suffix == ".kt":
                    lines = [ln for ln in f.read_text(encoding="utf-8").splitlines()
                             if not ln.strip().startswith(("/*", "*"))]  # KDoc and block comments
                    all_n += len(lines)
                    code_n += code(lines, "//")
                elif f.suffix in (".py", ".pyi"):
                    lines = f.read_text(encoding="utf-8").splitlines()
                    all_n += len(lines)
                    code_n += code(lines, "#")
        print(f"{name:18} {all_n:6} lines {code_n:6} code")
        total_all += all_n
        total_code += code_n
    print(f"{'total':18} {total_all:6} lines {total_code:6} code")


if __name__ == "__main__":
    main()
