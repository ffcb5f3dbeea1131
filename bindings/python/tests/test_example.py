"""examples/python/where_placement_gets_stuck.py runs against the installed wheel: it prints
where placement gets stuck and saves its plot, or says the plot was skipped without matplotlib."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from support import REPO

EXAMPLE = REPO / "examples" / "python" / "where_placement_gets_stuck.py"


def test_example_runs(tmp_path: Path) -> None:
    out = tmp_path / "stuck.png"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), "--referrals", "2000", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for heading in ["slowest care types", "why teams decline", "teams contacted per referral", "never placed"]:
        assert heading in text
    assert "replayed 2000 referrals" in text
    assert (tmp_path / "referral-year.json").is_file()
    if importlib.util.find_spec("matplotlib") is not None:
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (tmp_path / "stuck.svg").read_bytes().lstrip().startswith(b"<?xml")
        assert (tmp_path / "stuck-map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (tmp_path / "stuck-map.svg").is_file()
    else:
        assert "plot skipped" in text and not out.exists()


def test_what_if_example_runs(tmp_path: Path) -> None:
    example = REPO / "examples" / "python" / "what_if_shared_night_team.py"
    out = tmp_path / "what_if.png"
    proc = subprocess.run(
        [sys.executable, str(example), "--referrals", "3000", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "a year of 3000 referrals in the demo region" in text
    assert "referrals with no eligible team:" in text and "per part of the day" in text
    if importlib.util.find_spec("matplotlib") is not None:
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and (tmp_path / "what_if.svg").is_file()
    else:
        assert "picture skipped" in text
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix not in (".png", ".svg")) == []


def test_example_without_optional_packages(tmp_path: Path) -> None:
    # A None entry in sys.modules makes `import matplotlib` (and pandas) raise ImportError.
    out = tmp_path / "stuck.png"
    code = (
        "import runpy, sys; sys.modules['matplotlib'] = None; sys.modules['pandas'] = None; "
        f"sys.argv = ['example', '--referrals', '500', '--out', {str(out)!r}]; "
        f"runpy.run_path({str(EXAMPLE)!r}, run_name='__main__')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "plot skipped" in proc.stdout and "(pandas not installed)" in proc.stdout
    assert not out.exists()


def test_example_writes_nothing_into_the_working_directory(tmp_path: Path) -> None:
    # Without --out the year file and the plot go into a new temporary directory it names.
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), "--referrals", "300"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert list(tmp_path.iterdir()) == []
    year = Path(proc.stdout.split("referrals of a fictional year into ", 1)[1].split("\n", 1)[0])
    assert year.is_file() and year.parent != tmp_path
    for f in year.parent.iterdir():
        f.unlink()
    year.parent.rmdir()
