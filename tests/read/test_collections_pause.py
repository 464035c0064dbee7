"""`collections_pause.fewer_collections`: the collector's thresholds raised while a
document is read, and put back after, also when the reading fails."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.errors import ReadError
from pipeline.read import pdf_reader
from pipeline.read.collections_pause import THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def default_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_thresholds_are_raised_inside_and_restored_after() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (THRESHOLD, 10, 10)
        with fewer_collections():  # nested: the outer one restores
            assert gc.get_threshold() == (THRESHOLD, 10, 10)
        assert gc.get_threshold() == (THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_is_kept() -> None:
    gc.set_threshold(80_000, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (80_000, 5, 5)
    assert gc.get_threshold() == (80_000, 5, 5)


def test_read_pdf_reads_with_fewer_collections_and_restores_them(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    seen: list[tuple[int, int, int]] = []

    def failing_read(*args: object) -> None:
        seen.append(gc.get_threshold())
        raise ReadError(f"{tmp_path}: damaged PDF")

    monkeypatch.setattr(pdf_reader, "_read_pdf", failing_read)
    with pytest.raises(ReadError):
        pdf_reader.read_pdf(tmp_path / "plan.pdf")
    assert seen == [(THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
