"""Diff test setup: offline pythainlp, and the fixture plans extracted once per session."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import shutil
from pathlib import Path

import pytest

from pipeline.batch import BatchOptions, run_batch
from tests.helpers import fixture_docx

YEAR_PAIR = ("yasothon2-fy2563", "yasothon2-fy2564")


def extract(names: tuple[str, ...], out: Path) -> Path:
    """Run the real extractor on fixture plans, as `python -m pipeline extract` would."""
    src = out.parent / f"{out.name}-src"
    src.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(fixture_docx(name), src / f"{name}.docx")
    run_batch([src], out, BatchOptions(workers=1))
    return out


@pytest.fixture(scope="session")
def both_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder holding the FY2563 and FY2564 plans of สพป.ยโสธร เขต 2."""
    return extract(YEAR_PAIR, tmp_path_factory.mktemp("extract") / "both")


@pytest.fixture(scope="session")
def fy2563(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return extract(YEAR_PAIR[:1], tmp_path_factory.mktemp("extract") / "fy2563")
