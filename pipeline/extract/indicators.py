"""Evaluation tables (ตัวชี้วัด / วิธีการ / เครื่องมือ) and evaluation lists without a table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.extract.lists import list_items, marker_entries, non_empty_lines, strip_marker
from pipeline.extract.tables import TableView
from pipeline.normalize.text import clean_text
from pipeline.normalize.vocabulary.plan import EVALUATION_COLUMN_PATTERNS, Column
from pipeline.provenance import Place


@dataclass(frozen=True)
class Indicator:
    indicator: str
    method: str | None
    tool: str | None
    page: int | None
    place: Place | None = None  # the indicator's cell, or the section's heading
    target: str | None = None  # ค่าเป้าหมาย: the level the indicator must reach ("ร้อยละ 80")


def is_evaluation_table(view: TableView) -> bool:
    roles = view.columns(EVALUATION_COLUMN_PATTERNS)
    return Column.INDICATOR in roles and (Column.METHOD in roles or Column.TOOL in roles)


def table_indicators(view: TableView) -> list[Indicator]:
    """One indicator per row, or per entry where the row lists them in step.

    A row whose three cells each list the same number of entries (1., 2., 3.) holds that
    many indicators; otherwise the row is one indicator with its full texts.
    """
    roles = view.columns(EVALUATION_COLUMN_PATTERNS)
    col = {role: roles.index(role)
           for role in (Column.INDICATOR, Column.METHOD, Column.TOOL, Column.TARGET)
           if role in roles}
    out: list[Indicator] = []
    for row in view.rows:
        cells = {role: row.cells[c] for role, c in col.items()}
        indicator_lines = cells[Column.INDICATOR].lines
        if not clean_text("\n".join(indicator_lines)):
            continue
        columns = {role: _entries(cell.lines) for role, cell in cells.items()}
        filled = [len(v) for v in columns.values() if v]
        if len(filled) >= 2 and len(set(filled)) == 1 and filled[0] > 1:
            n = len(columns[Column.INDICATOR])
            for i in range(n):
                out.append(Indicator(
                    indicator=strip_marker(columns[Column.INDICATOR][i]),
                    method=_nth(columns.get(Column.METHOD), i),
                    tool=_nth(columns.get(Column.TOOL), i),
                    page=row.page,
                    place=cells[Column.INDICATOR].place,
                    target=_nth(columns.get(Column.TARGET), i),
                ))
            continue
        out.append(Indicator(
            indicator=clean_text("\n".join(indicator_lines)),
            method=_joined(cells[Column.METHOD].lines) if Column.METHOD in cells else None,
            tool=_joined(cells[Column.TOOL].lines) if Column.TOOL in cells else None,
            page=row.page,
            place=cells[Column.INDICATOR].place,
            target=_joined(cells[Column.TARGET].lines) if Column.TARGET in cells else None,
        ))
    return out


def _entries(lines: Sequence[str]) -> list[str]:
    entries = marker_entries(lines)
    plain = non_empty_lines(lines)
    return entries if len(entries) > 1 else plain


def _nth(values: list[str] | None, i: int) -> str | None:
    if not values or i >= len(values):
        return None
    return strip_marker(values[i]) or None


def _joined(lines: Sequence[str]) -> str | None:
    return clean_text("\n".join(lines)) or None


def paragraph_indicators(lines: Sequence[str], page: int | None,
                         place: Place | None = None) -> list[Indicator]:
    """An evaluation section written as a list: each item is an indicator."""
    return [Indicator(indicator=item, method=None, tool=None, page=page, place=place)
            for item in list_items(lines)]
