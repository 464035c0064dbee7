"""Every fixture plan against its golden rows (tests/golden/<fixture>.json).

A parser change that alters any extracted value fails here; if the change is intended,
regenerate with `make golden` and review the JSON diff.
"""

from __future__ import annotations

import os
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
