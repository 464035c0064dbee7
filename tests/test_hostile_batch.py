"""A batch meeting every hostile kind at once (issue 10 "done when"): each hostile file is
one error row naming it, the good plans of the same batch come out exactly as when run
alone, and no worker's peak memory reaches 1 GB; a runaway document that passes every
other limit meets the worker's memory ceiling and becomes an error row.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import BatchOptions, DocResult, run_batch
from pipeline.limits import GB, Limits
from tests.fixtures.hostile import build
from tests.helpers import fixture_docx

ROW_TABLES = ("summary", "projects", "budget_lines", "schedule", "indicators", "findings",
              "errors", "budget_amounts", "summary_amounts")
RUN_DEPENDENT = ["extracted_at"]
PEAK_MB = 1024


def hostile_corpus(folder: Path) -> list[Path]:
    """Every kind, at full size (default limits)."""
    return [
        build.zip_bomb_docx(folder), build.billion_laughs_docx(folder),
        build.nested_tables_docx(folder), build.long_table_docx(folder),
        build.truncated_docx(folder), build.pdf_named_docx(folder),
        build.empty_file(folder, "docx"),  # one: identical files share a doc_id (item 5)
        build.encrypted_docx(folder), build.word97_doc(folder, encrypted=True),
        build.encrypted_pdf(folder), build.flate_bomb_pdf(folder), build.glyph_bomb_pdf(folder),
        build.many_pages_pdf(folder), build.long_cell_docx(folder),
    ]


def good_plans(folder: Path) -> list[Path]:
    return [build.copy_into(folder, fixture_docx(name))
            for name in ("school-fy2566", "secondary-fy2567")]


def rows(out: Path, doc_ids: set[str]) -> dict[str, pd.DataFrame]:
    frames = {}
    for table in ROW_TABLES:
        frame = pd.read_parquet(out / table).drop(columns=RUN_DEPENDENT, errors="ignore")
        frame = frame[frame.doc_id.isin(doc_ids)].astype({"fiscal_year": int})  # partition
        frames[table] = frame.sort_values(list(frame.columns[:3])).reset_index(drop=True)
    return frames


def run(inputs: Path, out: Path, options: BatchOptions) -> list[DocResult]:
    results: list[DocResult] = []
    run_batch([inputs], out, options,
              progress=lambda result, _: results.append(result) if result else None)
    return results


def test_every_hostile_kind_in_one_batch_costs_only_itself(tmp_path: Path) -> None:
    mixed, alone = tmp_path / "mixed", tmp_path / "alone"
    hostile = hostile_corpus(mixed)
    good = good_plans(mixed)
    good_plans(alone)
    results = run(mixed, tmp_path / "out-mixed", BatchOptions(workers=2))
    expected = run(alone, tmp_path / "out-alone", BatchOptions(workers=1))

    by_path = {r.source_path: r for r in results}
    assert set(by_path) == {str(p) for p in hostile + good}
    for path in hostile:
        result = by_path[str(path)]
        assert result.status == "failed", path
        assert len(result.error_messages) == 1 and result.error_messages[0].startswith(
            f"{path}: "), result.error_messages
    assert all(by_path[str(p)].status != "failed" for p in good)
    good_ids = {by_path[str(p)].doc_id for p in good}
    assert good_ids == {r.doc_id for r in expected}
    left, right = rows(tmp_path / "out-mixed", good_ids), rows(tmp_path / "out-alone", good_ids)
    assert len(left["projects"]) > 0
    for table in ROW_TABLES:
        pd.testing.assert_frame_equal(left[table], right[table], obj=table)
    peaks = {r.source_path: r.peak_rss_mb for r in results}
    assert all(peak is not None and peak < PEAK_MB for peak in peaks.values()), peaks


def test_a_runaway_document_meets_the_worker_memory_ceiling(tmp_path: Path) -> None:
    """With the stream limit raised out of the way, a 3 GiB flate stream fills the worker
    until RLIMIT_AS (set by the pool's initializer) refuses memory: one error row, and the
    plan next to it is read on."""
    inputs = tmp_path / "in"
    bomb = build.flate_bomb_pdf(inputs, inflated_mib=3072)
    shutil.copy(fixture_docx("school-fy2566"), inputs)
    limits = Limits(worker_memory_bytes=1536 << 20, pdf_stream_bytes=8 * GB)
    results = {r.source_path: r for r in run(inputs, tmp_path / "out",
                                              BatchOptions(workers=2, limits=limits))}
    assert results[str(inputs / "school-fy2566.docx")].status == "ok"
    assert results[str(bomb)].error_messages == [
        f"{bomb}: refused: read ran out of memory under the limit worker_memory_bytes ="
        " 1,536 MiB; if the file is genuine, raise it with --limit worker_memory_bytes=VALUE"]
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert list(errors[errors.source_path == str(bomb)].error_type) == ["LimitExceededError"]


@pytest.mark.parametrize("setting", ["table_rows=10", "page_glyphs=1k"])
def test_raised_limits_key_the_manifest_version(setting: str) -> None:
    """A document refused by a limit is read again once the limit changes."""
    options = BatchOptions(limits=Limits().with_settings([setting]))
    assert options.version.startswith(BatchOptions().version + "+limits.")
    assert BatchOptions(limits=Limits()).version == BatchOptions().version
