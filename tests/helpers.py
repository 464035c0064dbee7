"""Helpers shared by tests: fixture paths and a per-session cache of extractions."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.process import process_file
from pipeline.records import PlanData

FIXTURES = Path(__file__).parent / "fixtures"
DOCX = FIXTURES / "docx"
RAW_DOCS = Path(__file__).parent.parent / "raw_docs"

_CACHE: dict[Path, PlanData] = {}


def fixture_docx(name: str) -> Path:
    path = DOCX / f"{name}.docx"
    if not path.exists():
        pytest.skip(f"fixture {path} not built (run: make fixtures)")
    return path


def extracted(path: Path) -> PlanData:
    """Extract a fixture once per test session (extraction is deterministic)."""
    if path not in _CACHE:
        _CACHE[path] = process_file(path)
    return _CACHE[path]
