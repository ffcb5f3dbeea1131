"""The README's Python examples run as written (documentation that cannot rot silently)."""

from __future__ import annotations

import importlib.util
import os
import re

import pytest

from support import REPO

TEXT = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT.split("## Python (for analysts)", 1)[1], re.S)


def test_there_are_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_python_example_runs(index: int) -> None:
    code = BLOCKS[index]
    for optional in ("pandas", "polars", "matplotlib"):
        if f"import {optional}" in code and importlib.util.find_spec(optional) is None:
            pytest.skip(f"{optional} is not installed")
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        exec(compile(code, "README.md", "exec"), {"print": lambda *a, **k: None})
    finally:
        os.chdir(cwd)
