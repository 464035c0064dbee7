"""What the review page draws: every table with the kind and cell roles the extractor gave
it, and every finding with the place of its evidence.

Roles are read from the extractor's own classifiers (`is_budget_table`, `budget_roles`, ...)
so the page shows what extraction did, not a second opinion; a table none of them claims is
"unused". A classifier that fails or a role this module does not know is shown, not fatal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pipeline.extract.budget import budget_roles, is_budget_table
from pipeline.extract.indicators import is_evaluation_table
from pipeline.extract.schedule import activity_roles, is_gantt_table, is_period_table
from pipeline.extract.summary import is_summary_table, summary_roles
from pipeline.extract.tables import TableView, view_table
from pipeline.model import Bbox, Document, Table
from pipeline.normalize.vocabulary.plan import EVALUATION_COLUMN_PATTERNS, Column
from pipeline.records import FindingRow, PlanData

HEADER = "header"
UNMAPPED = "unmapped"  # a body cell with text in a column no role was given to
UNUSED = "unused"  # a cell of a table the extractor did not read
BLOCK_RE = re.compile(r"table (\d+)(?: rows? (\d+)(?:-\d+)?)?(?: col (\d+))?")

Classifier = tuple[str, Callable[[TableView], bool], Callable[[TableView], list[Column]]]
CLASSIFIERS: tuple[Classifier, ...] = (
    ("summary", is_summary_table, summary_roles),
    ("budget", is_budget_table, budget_roles),
    ("schedule", is_gantt_table, activity_roles),
    ("schedule", is_period_table, activity_roles),
    ("indicators", is_evaluation_table, lambda v: v.columns(EVALUATION_COLUMN_PATTERNS)),
)


@dataclass
class CellMark:
    """One origin cell: grid place, text, role, and its box where the source has one."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    role: str
    page: int | None
    bbox: Bbox | None


@dataclass
class TableMark:
    number: int  # 1-based, as in `source_block`
    kind: str  # summary | budget | schedule | indicators | unused
    n_rows: int
    n_cols: int
    cells: list[CellMark] = field(default_factory=list)

    def boxes_by_page(self) -> dict[int, Bbox]:
        """The table's outline on each page it is drawn on (PDF)."""
        out: dict[int, Bbox] = {}
        for cell in self.cells:
            if cell.page is None or cell.bbox is None:
                continue
            old = out.get(cell.page, cell.bbox)
            out[cell.page] = (min(old[0], cell.bbox[0]), min(old[1], cell.bbox[1]),
                              max(old[2], cell.bbox[2]), max(old[3], cell.bbox[3]))
        return out


@dataclass
class FindingMark:
    number: int  # 1-based position in the document's findings
    finding: FindingRow
    page: int | None
    bbox: Bbox | None
    table: int | None  # the table, row and column (0-based) its evidence is in
    row: int | None
    col: int | None


def table_marks(document: Document) -> list[TableMark]:
    tables = [b for b in document.blocks if isinstance(b, Table)]
    return [_table_mark(table, n) for n, table in enumerate(tables, start=1)]


def _table_mark(table: Table, number: int) -> TableMark:
    view = view_table(table, number)
    kind, roles = _kind_and_roles(view)
    mark = TableMark(number=number, kind=kind, n_rows=table.n_rows, n_cols=table.n_cols)
    for cell in table.cells:
        if kind == UNUSED:
            role = UNUSED
        elif cell.row < view.n_header_rows:
            role = HEADER
        else:
            role = _cell_role(roles, cell.col, cell.col_span, bool(cell.text.strip()))
        mark.cells.append(CellMark(cell.row, cell.col, cell.row_span, cell.col_span,
                                   cell.text, role, table.page_of_row(cell.row), cell.bbox))
    return mark


def _kind_and_roles(view: TableView) -> tuple[str, list[str]]:
    for kind, claims, roles in CLASSIFIERS:
        try:
            if claims(view):
                return kind, [str(getattr(r, "value", r)) for r in roles(view)]
        except Exception:  # a classifier that cannot read this table does not claim it
            continue
    return UNUSED, []


def _cell_role(roles: list[str], col: int, span: int, has_text: bool) -> str:
    covered = [roles[c] for c in range(col, col + span) if c < len(roles)]
    known = [r for r in covered if r != Column.UNKNOWN.value]
    if known:
        return known[0]
    return UNMAPPED if has_text else Column.UNKNOWN.value


def finding_marks(data: PlanData) -> list[FindingMark]:
    return [_finding_mark(n, f) for n, f in enumerate(data.findings, start=1)]


def _finding_mark(number: int, finding: FindingRow) -> FindingMark:
    """Pinned at the printed amount (actual), else at the expected one, else its place."""
    for page, block, bbox in _evidence(finding):
        if block is None and bbox is None:
            continue
        table, row, col = parse_block(block)
        box = (bbox[0], bbox[1], bbox[2], bbox[3]) if bbox and len(bbox) == 4 else None
        return FindingMark(number, finding, page, box, table, row, col)
    return FindingMark(number, finding, finding.source_page, None, None, None, None)


def _evidence(f: FindingRow) -> Iterator[tuple[int | None, str | None, list[float] | None]]:
    yield f.actual_page, f.actual_block, f.actual_bbox
    yield f.expected_page, f.expected_block, f.expected_bbox
    yield f.source_page, f.source_block, f.bbox


def parse_block(block: str | None) -> tuple[int | None, int | None, int | None]:
    """(table, row, col) of a "table T row R col C" block, 0-based row and column."""
    match = BLOCK_RE.match(block or "")
    if match is None:
        return None, None, None
    table, row, col = match.groups()
    return (int(table), int(row) - 1 if row else None, int(col) - 1 if col else None)


def role_colour(role: str) -> str:
    """A stable light colour per role name, so roles added later get one too."""
    fixed = {HEADER: "#d9d9d9", UNMAPPED: "#ffffff", UNUSED: "#ffffff",
             Column.UNKNOWN.value: "#ffffff"}
    if role in fixed:
        return fixed[role]
    hue = sum(ord(ch) * (i + 1) for i, ch in enumerate(role)) % 360
    return f"hsl({hue} 70% 82%)"
