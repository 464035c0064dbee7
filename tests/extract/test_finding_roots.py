"""One finding per root cause (pipeline/audit/roots.py): restatements link to their root."""

from __future__ import annotations

from decimal import Decimal

from pipeline.audit.roots import Region, link_findings, parse_block
from pipeline.records import FindingRow
from tests.helpers import DOCX, extracted


def _findings(stem: str) -> dict[tuple[str, str], FindingRow]:
    data = extracted(DOCX / f"{stem}.docx")
    return {(f.kind, f.actual_block or ""): f for f in data.findings}


def test_every_finding_has_an_id_in_order_and_roots_point_backwards() -> None:
    for stem in ("yasothon2-fy2563", "school-fy2566", "secondary-fy2567"):
        rows = extracted(DOCX / f"{stem}.docx").findings
        ids = [f.finding_id for f in rows]
        assert ids == [f"{rows[0].doc_id}-f{n:03d}" for n in range(1, len(rows) + 1)]
        for n, row in enumerate(rows):
            if row.root_finding_id is not None:
                root = ids.index(row.root_finding_id)
                assert root < n and rows[root].root_finding_id is None


def test_the_coffee_council_gap_has_one_root_and_one_restatement() -> None:
    """สภากาแฟ: the table total 49,000 against 58,800 stated and 58,800 in the summary is
    one gap (the table's cell), reported by two checks."""
    found = _findings("yasothon2-fy2563")
    stated = found[("stated_vs_table", "table 27 row 4 col 3")]
    summary = found[("summary_vs_project", "table 27 row 4 col 3")]
    assert stated.root_finding_id is None
    assert summary.root_finding_id == stated.finding_id
    assert (summary.expected, summary.actual) == (Decimal("58800"), Decimal("49000"))


def test_a_blank_budget_column_is_one_root_for_its_three_rows() -> None:
    """Project 006: the เงินงบประมาณ column holds "-" in both lines and the total row."""
    found = _findings("yasothon2-fy2563")
    rows = [found[("row_sum", f"table 20 row {r} col 6")] for r in (3, 4, 5)]
    assert rows[0].root_finding_id is None
    assert [r.root_finding_id for r in rows[1:]] == [rows[0].finding_id] * 2
    assert [r.expected for r in rows] == [Decimal(36000), Decimal(14000), Decimal(50000)]


def test_one_wrong_line_amount_breaks_its_row_and_its_column_once() -> None:
    """school 002: 2,600 in row 5 is 400 above both its row total and the column total."""
    found = _findings("school-fy2566")
    row = found[("row_sum", "table 8 row 5 col 3")]
    column = found[("line_sum", "table 8 row 6 col 4")]
    assert row.root_finding_id is None and column.root_finding_id == row.finding_id
    # school 003: the total row's 14,000 is both an addend of its row and a column total
    total_row = found[("row_sum", "table 13 row 4 col 3")]
    total_col = found[("line_sum", "table 13 row 4 col 4")]
    assert total_col.root_finding_id == total_row.finding_id


def test_separate_gaps_stay_separate_roots() -> None:
    found = _findings("yasothon2-fy2563")
    # the same formula error on two lines: two cells, two roots
    assert found[("formula", "table 33 row 3 col 3")].root_finding_id is None
    assert found[("formula", "table 33 row 4 col 3")].root_finding_id is None
    assert all(f.root_finding_id is None for (kind, _), f in found.items()
               if kind in ("missing_section", "formula"))


def _row(kind: str, expected: str, actual: str, expected_block: str,
         actual_block: str) -> FindingRow:
    return FindingRow(doc_id="d", project_id=None, kind=kind, message="",
                      expected=Decimal(expected), actual=Decimal(actual),
                      expected_block=expected_block, actual_block=actual_block)


def test_a_shared_cell_needing_different_corrections_is_not_one_root() -> None:
    rows = [_row("summary_vs_project", "100", "90", "table 1 row 2 col 3", "table 5 row 4 col 3"),
            _row("stated_vs_table", "95", "90", "paragraph 7", "table 5 row 4 col 3")]
    link_findings("d", rows)
    assert [r.root_finding_id for r in rows] == [None, None]


def test_a_summary_cell_restated_against_table_and_stated_amount() -> None:
    """The summary says 100 where the project states and itemises 90: one gap."""
    rows = [_row("summary_vs_project", "100", "90", "table 1 row 2 col 3", "table 5 row 4 col 3"),
            _row("summary_vs_project", "100", "90", "table 1 row 2 col 3", "paragraph 7")]
    link_findings("d", rows)
    assert [r.finding_id for r in rows] == ["d-f001", "d-f002"]
    assert [r.root_finding_id for r in rows] == [None, "d-f001"]


def test_blocks_parse_to_regions() -> None:
    assert parse_block("table 3 row 5 col 2") == Region(3, None, 5, 5, 2)
    assert parse_block("table 3 rows 2-4 col 6") == Region(3, None, 2, 4, 6)
    assert parse_block("table 3 row 5") == Region(3, None, 5, 5, None)
    assert parse_block("paragraph 12") == Region(None, 12)
    assert parse_block("table 3") is None and parse_block(None) is None
