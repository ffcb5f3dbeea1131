"""The README's Python example runs as written (documentation that cannot rot silently)."""

from __future__ import annotations

import os
import re

from support import REPO


def test_readme_python_example_runs() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python (for analysts)", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        for code in blocks:
            exec(compile(code, "README.md", "exec"), {"print": lambda *a, **k: None})
    finally:
        os.chdir(cwd)
