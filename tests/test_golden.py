"""Every fixture plan against its golden rows (tests/golden/<fixture>.json).

A parser change that alters any extracted value fails here; if the change is intended,
regenerate with `make golden` and review the JSON diff. While goldens are being regenerated
(UPDATE_GOLDEN=1) `test_goldens_are_not_being_regenerated` fails, so a regeneration run can
never pass CI; `make golden` deselects it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden_io import GOLDEN, golden_text
from tests.helpers import DOCX, extracted

FIXTURES = sorted(DOCX.glob("*.docx"))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_matches_golden(path: Path) -> None:
    text = golden_text(extracted(path))
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        pytest.skip(f"regenerated {golden}")
    assert golden.exists(), f"no golden file for {path.name}: run `make golden`"
    assert text == golden.read_text(encoding="utf-8")


def test_every_golden_file_has_a_fixture() -> None:
    stale = {p.stem for p in GOLDEN.glob("*.json")} - {p.stem for p in FIXTURES}
    assert not stale, f"golden files without a fixture: {sorted(stale)}"


def test_goldens_are_not_being_regenerated() -> None:
    """A run that rewrites the goldens compares nothing: it must not count as a pass."""
    assert os.environ.get("UPDATE_GOLDEN") != "1", (
        "goldens regenerated: review `git diff tests/golden`, then run again without"
        " UPDATE_GOLDEN")


GUARD = "tests/test_golden.py::test_goldens_are_not_being_regenerated"


def test_guard_fails_a_regeneration_run() -> None:
    """The guard really fails under UPDATE_GOLDEN=1 (run alone in a fresh pytest)."""
    env = {**os.environ, "UPDATE_GOLDEN": "1"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", GUARD],
                         capture_output=True, text=True, env=env, cwd=Path(__file__).parent.parent,
                         check=False)
    assert run.returncode == 1, run.stdout
    assert "goldens regenerated: review `git diff tests/golden`" in run.stdout


def test_make_golden_deselects_only_the_guard() -> None:
    makefile = (Path(__file__).parent.parent / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ngolden:", 1)[1].split("\n\n", 1)[0]
    assert "UPDATE_GOLDEN=1" in recipe
    assert f"--deselect {GUARD}" in recipe
    assert "git diff --stat -- tests/golden" in recipe
