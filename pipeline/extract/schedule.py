"""Schedules: Gantt tables (month columns) and activity tables with a period column.

A Gantt month is planned when its cell holds a mark ("/", "--", "✓") or is shaded; a
quarter column ("ไตรมาสที่ 1") plans its three months.
Month columns sit under year group headers ("ปี ๒๕๖2" over ต.ค.–ธ.ค.). Without them the
columns are a run in time, left to right, that moves to the next year where a month comes
back round ("พ.ค. ... ธ.ค. ม.ค. ... เม.ย." of an academic year, "ต.ค. ... ก.ย." of a fiscal
year, "ม.ค. ... ธ.ค." of a calendar year); the run is placed in the years that overlap most
with the plan's fiscal year (or, in a plan by academic year, with its academic year: พ.ค. N
... เม.ย. N+1), else with the project's own period. Columns that nothing places are an
`undated_schedule` finding.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, replace
from decimal import Decimal

from pipeline.extract.lists import (
    PackedEntries,
    listed_entries,
    marker_kind,
    split_packed,
    values_by_line,
)
from pipeline.extract.roles import column_content
from pipeline.extract.tables import BodyRow, CellText, TableView
from pipeline.normalize import (
    Period,
    be_to_ce,
    fiscal_year_bounds,
    month_in_fiscal_year,
    parse_period,
    parse_periods,
)
from pipeline.normalize.academic_year import academic_year_bounds, month_in_academic_year
from pipeline.normalize.numbers import parse_amount, sum_amounts
from pipeline.normalize.text import clean_text, compact
from pipeline.normalize.vocabulary.plan import (
    ACTIVITY_COLUMN_PATTERNS,
    PDCA_PHASE_RE,
    PHASE_HEADER_RE,
    TOTAL_LABEL_RE,
    Column,
)
from pipeline.provenance import Place

SHADED = "shaded"


@dataclass(frozen=True)
class PlannedMonth:
    activity: str
    month: dt.date
    source: str  # gantt | period
    mark: str
    page: int | None
    group: str | None = None
    place: Place | None = None  # the month's (or the period's) cell


@dataclass(frozen=True)
class ActivityAmount:
    """An amount printed in an activity (Gantt) table beside the activity it funds."""

    activity: str
    header: str
    amount: Decimal
    place: Place


def activity_amounts(view: TableView) -> list[ActivityAmount]:
    """The money cells of an activity table that no budget table reading takes (a Gantt
    chart with a งบประมาณ column): kept in budget_amounts, row_kind "activity"."""
    roles = activity_roles(view)
    if Column.ITEM not in roles:
        return []
    item_col, _ = activity_columns(view)
    columns = [c for c, role in enumerate(roles) if c not in view.month_columns and (
        role is Column.AMOUNT or column_content(view, c).kind == "money")]
    out = []
    for row in view.rows:
        for c in columns:
            cell = row.cells[c]
            amount = sum_amounts(parse_amount(v) for v in values_by_line(cell.lines))
            if amount is None:
                continue
            row.used.add(c)
            out.append(ActivityAmount(row.cells[item_col].text, view.headers[c], amount,
                                      cell.place if cell.row is not None else row.place))
    return out


def activity_roles(view: TableView) -> list[Column]:
    return view.columns(ACTIVITY_COLUMN_PATTERNS)


def activity_columns(view: TableView) -> tuple[int, int | None]:
    """The column naming each row's activity, and the one naming its PDCA step, if any.

    A PDCA table has two columns of names: the step ("ขั้นตอน": "ขั้นวางแผน (P)", often
    merged down) and the activities of that step ("กิจกรรม"). The step column is told by
    its header or by cells that name PDCA steps; the activity is the other name column.
    """
    roles = activity_roles(view)
    names = [c for c, role in enumerate(roles) if role is Column.ITEM]
    steps = [c for c, role in enumerate(roles) if role in (Column.ITEM, Column.UNKNOWN)
             and _names_steps(view, c)]
    step = next((c for c in steps if any(n != c for n in names)), None)
    return next(c for c in names if c != step), step


def _names_steps(view: TableView, col: int) -> bool:
    if PHASE_HEADER_RE.match(compact(view.headers[col])):
        return True
    texts = [row.cells[col].text for row in view.rows if row.cells[col].text]
    steps = sum(bool(PDCA_PHASE_RE.search(text)) for text in texts)
    return bool(texts) and steps * 2 >= len(texts)


def _step_of(row: BodyRow, step_col: int | None, current: str | None) -> str | None:
    """The PDCA step a row belongs to: its step cell, else the step above (merged down)."""
    if step_col is None:
        return current
    return row.cells[step_col].text or current


def is_gantt_table(view: TableView) -> bool:
    return bool(view.month_columns) and Column.ITEM in activity_roles(view)


def is_period_table(view: TableView) -> bool:
    roles = activity_roles(view)
    return not view.month_columns and Column.PERIOD in roles and Column.ITEM in roles


def month_dates(view: TableView, fiscal_year: int | None, anchor: Period | None = None, *,
                academic_year: int | None = None) -> dict[int, list[dt.date]]:
    """The months (1st day) each schedule column stands for: one, or three for a quarter.

    `anchor` is the project's period: with the plan's fiscal year or academic year (first),
    it places a run of month columns that carry no year."""
    run = _run_dates(view, _plan_span(fiscal_year, academic_year), anchor)
    dates: dict[int, list[dt.date]] = {}
    for col, header in view.month_columns.items():
        year = _header_year(header.year_be)
        if header.month is not None and year is not None:
            dates[col] = [dt.date(year, header.month, 1)]
        elif col in run:
            dates[col] = [run[col]]
        elif header.month is not None and fiscal_year is not None:
            dates[col] = [month_in_fiscal_year(header.month, fiscal_year)]
        elif header.month is not None and academic_year is not None:
            dates[col] = [month_in_academic_year(header.month, academic_year)]
        else:
            period = parse_period(header.text, fiscal_year, academic_year=academic_year)
            if period is not None:
                dates[col] = period.months()
    return dates


def _header_year(year_be: int | None) -> int | None:
    """A month header's year (CE); None when what was read there is no year (a scan's
    "1563" for ๒๕๖3): the column is then placed as one without a year."""
    if year_be is None:
        return None
    try:
        return be_to_ce(year_be)
    except ValueError:
        return None


def _plan_span(fiscal_year: int | None, academic_year: int | None) -> Period | None:
    """The plan's own year: its fiscal year, else the academic year it is written for."""
    if fiscal_year is not None:
        return Period(*fiscal_year_bounds(fiscal_year))
    if academic_year is not None:
        return Period(*academic_year_bounds(academic_year))
    return None


def _run_dates(view: TableView, plan_span: Period | None, anchor: Period | None
               ) -> dict[int, dt.date]:
    """Month columns without years (when no column has one), placed as a run in time:
    the start year whose run overlaps most with the plan's year, then with `anchor`."""
    headers = sorted(view.month_columns.items())
    if any(h.year_be is not None for _, h in headers):
        return {}
    months = [(col, h.month) for col, h in headers if h.month is not None]
    spans = [span for span in (plan_span, anchor) if span is not None]
    if not months or not spans:
        return {}
    offsets = _year_offsets([month for _, month in months])
    first = spans[0].start.year

    def placed(start_year: int) -> list[dt.date]:
        return [dt.date(start_year + k, month, 1)
                for k, (_, month) in zip(offsets, months, strict=True)]

    scores = {year: tuple(_overlap(placed(year), span) for span in spans)
              for year in range(first - 2, first + 2)}
    best = max(scores, key=lambda year: scores[year])
    if not any(scores[best]):
        return {}  # no placement meets the plan's year or the project's period: not guessed
    return {col: day for (col, _), day in zip(months, placed(best), strict=True)}


def _year_offsets(months: list[int]) -> list[int]:
    """Years after the first column's: one more each time a month comes before the last
    (a month repeated in two columns, halves of it, stays in its year)."""
    offsets, year = [0], 0
    for before, month in itertools.pairwise(months):
        year += month < before
        offsets.append(year)
    return offsets


def _overlap(days: list[dt.date], span: Period) -> int:
    return sum(span.start.replace(day=1) <= day <= span.end for day in days)


def undated_columns(view: TableView, fiscal_year: int | None, anchor: Period | None = None,
                    *, academic_year: int | None = None) -> list[str]:
    """Headers of the marked month columns no year places (neither plan nor project has
    one): their marks cannot be in `schedule`."""
    dates = month_dates(view, fiscal_year, anchor, academic_year=academic_year)
    return [h.text for col, h in sorted(view.month_columns.items())
            if col not in dates and any(_is_marked(row.cells[col]) for row in view.rows)]


def _is_marked(cell: CellText) -> bool:
    return bool(cell.text) or cell.fill is not None


def gantt_months(view: TableView, fiscal_year: int | None, anchor: Period | None = None,
                 *, academic_year: int | None = None) -> list[PlannedMonth]:
    item_col, step_col = activity_columns(view)
    dates = month_dates(view, fiscal_year, anchor, academic_year=academic_year)
    planned: list[PlannedMonth] = []
    step: str | None = None
    for row in view.rows:
        step = _step_of(row, step_col, step)
        activity_cell = row.cells[item_col]
        if activity_cell.is_empty or TOTAL_LABEL_RE.match(compact(activity_cell.text)):
            continue
        marks = {col: row.cells[col] for col in dates}
        k = max((len(values_by_line(c.lines)) for c in marks.values()), default=0)
        if step_col is None and not any(_is_marked(c) for c in marks.values()) \
                and PDCA_PHASE_RE.search(activity_cell.text):
            step = activity_cell.text  # "ขั้นวางแผน (P)": a row heading the steps below
            continue
        packed = split_packed(activity_cell.lines, k) if k > 1 else None
        if packed is None:
            for activity, group in _activities(activity_cell, _listed(activity_cell, step), step):
                planned.extend(_row_marks(activity, marks, dates, row, group))
            continue
        for i, activity in enumerate(packed.entries):
            line_marks = {col: _line_of(cell, i) for col, cell in marks.items()}
            planned.extend(_row_marks(activity, line_marks, dates, row, packed.group or step))
    return planned


def _listed(cell: CellText, step: str | None) -> PackedEntries | None:
    """The activities a cell lists under one period: numbered items ("1. ประชุม 2. จัดทำ"),
    or any list under a PDCA step; a bulleted list outside one is one activity's details
    ("การทำสัญญาจ้าง · แต่งตั้งคณะทำงาน · ...")."""
    listed = listed_entries(cell.lines)
    if listed is None or step is not None:
        return listed
    numbered = (marker_kind(listed.entries[0]) or "").startswith(("number", "paren"))
    return listed if numbered else None


def _activities(cell: CellText, listed: PackedEntries | None, step: str | None
                ) -> list[tuple[str, str | None]]:
    """Each activity a row's cell names, with its group: the items it lists under one
    period (a PDCA step's "1. ประชุม 2. จัดทำ"), else the cell as one activity."""
    if listed is None:
        return [(cell.text, step)]
    return [(entry, step or listed.group) for entry in listed.entries]


def _line_of(cell: CellText, i: int) -> CellText:
    lines = values_by_line(cell.lines)
    return replace(cell, lines=(lines[i],) if i < len(lines) else ())


def _row_marks(
    activity: str,
    marks: dict[int, CellText],
    dates: dict[int, list[dt.date]],
    row: BodyRow,
    group: str | None,
) -> list[PlannedMonth]:
    out: list[PlannedMonth] = []
    for col, cell in sorted(marks.items()):
        mark = cell.text or (SHADED if _is_marked(cell) else "")
        if mark:
            out.extend(PlannedMonth(clean_text(activity), month, "gantt", mark, row.page, group,
                                    cell.place if cell.row is not None else row.place)
                       for month in dates[col])
    return out


def period_months(view: TableView, fiscal_year: int | None, *,
                  academic_year: int | None = None) -> list[PlannedMonth]:
    roles = activity_roles(view)
    item_col, step_col = activity_columns(view)
    period_col = roles.index(Column.PERIOD)
    planned: list[PlannedMonth] = []
    step: str | None = None
    for row in view.rows:
        step = _step_of(row, step_col, step)
        activity_cell, period_cell = row.cells[item_col], row.cells[period_col]
        if step_col is None and period_cell.is_empty \
                and PDCA_PHASE_RE.search(activity_cell.text):
            step = activity_cell.text  # "ขั้นวางแผน (P)": a row heading the steps below
            continue
        if activity_cell.is_empty or period_cell.is_empty:
            continue
        periods = parse_periods("\n".join(period_cell.lines), fiscal_year,
                                academic_year=academic_year)
        if not periods:
            continue
        packed = split_packed(activity_cell.lines, len(periods)) if len(periods) > 1 else None
        activities: list[tuple[str, str | None]]
        if packed is not None:
            activities = [(a, packed.group or step) for a in packed.entries]
        elif len(periods) == 1:
            activities = _activities(activity_cell, _listed(activity_cell, step), step)
        else:
            activities = [(activity_cell.text, step)] * len(periods)
        if len(activities) != len(periods):  # several activities share the one period
            periods = periods * len(activities)
        period_lines = values_by_line(period_cell.lines)
        marks = period_lines if len(period_lines) == len(periods) else \
            [clean_text(period_cell.text)] * len(periods)
        seen: set[tuple[str, dt.date]] = set()
        for (activity, group), period, mark in zip(activities, periods, marks, strict=True):
            for month in period.months():
                key = (activity, month)
                if key in seen:
                    continue
                seen.add(key)
                planned.append(PlannedMonth(clean_text(activity), month, "period", mark,
                                            row.page, group, period_cell.place))
    return planned
