"""The review page as one self-contained HTML file.

PDF: every page image with, on top, each table's outline, its cells coloured by role, and
each finding's pin at the box of its evidence. DOCX: page images when LibreOffice made
some, and every table drawn as an HTML grid (a .docx records no positions) with its cells
coloured and the findings pinned in the cell of their evidence. A table with no box on any
page is drawn as a grid too, and a finding with no cell to pin it to is pinned in a list
of its own: every table is outlined once and every finding pinned once, which is what the
tests count (`data-table`, `finding-pin`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape

from pipeline.model import Bbox
from pipeline.review.images import PageImage
from pipeline.review.layout import (
    HEADER,
    UNMAPPED,
    UNUSED,
    CellMark,
    FindingMark,
    TableMark,
    role_colour,
)

PIN_STEP_REM = 1.6  # how far apart pins on the same spot are drawn
STYLE = """
body { font-family: "TH Sarabun New", "Laksaman", "Noto Sans Thai", sans-serif; margin: 0;
       display: grid; grid-template-columns: 22rem 1fr; }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: .5rem;
      border-right: 1px solid #999; font-size: 14px; background: #fafafa; }
nav li { margin-bottom: .3rem; }
main { padding: 1rem; }
.page { position: relative; margin: 0 0 1.5rem; box-shadow: 0 0 4px #888; }
.page img { display: block; width: 100%; }
.page-label { font-size: 12px; color: #555; }
.box { position: absolute; box-sizing: border-box; }
.table-outline.box { border: 2px solid #0050c8; pointer-events: none; }
.cell.box { opacity: .45; border: 1px solid rgba(0,0,0,.15); }
.cell.unmapped { outline: 2px dashed #d00000; opacity: .7; }
.cell.unused { background: repeating-linear-gradient(45deg, transparent 0 4px,
               rgba(120,120,120,.35) 4px 6px) !important; }
.finding-pin { position: absolute; transform: translate(-50%, -50%); background: #d00000;
               color: white; border-radius: 50%; min-width: 1.4rem; height: 1.4rem;
               text-align: center; font: bold 12px/1.4rem sans-serif; text-decoration: none;
               z-index: 2; }
.finding-pin.sev-medium { background: #e07000; } .finding-pin.sev-low { background: #777; }
td .finding-pin, #unplaced .finding-pin { position: relative; transform: none;
               display: inline-block; margin-left: .2rem; }
table.grid { border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: 14px;
             outline: 3px solid #0050c8; }
table.grid td { border: 1px solid #888; padding: 2px 4px; vertical-align: top;
                white-space: pre-wrap; }
.legend span { display: inline-block; padding: 0 .4rem; margin: 0 .2rem .2rem 0;
               border: 1px solid #aaa; font-size: 12px; }
:target { box-shadow: 0 0 0 4px #ffd400; }
"""


def review_html(title: str, pages: Sequence[PageImage], tables: Sequence[TableMark],
                findings: Sequence[FindingMark], *, positioned: bool) -> str:
    """The whole page; `positioned` when tables and findings carry PDF boxes."""
    on_pages = _drawn_on_pages(tables, pages) if positioned else set()
    pinned_on_pages = {f.number for f in findings if positioned and _pin_page(f, pages)}
    grid_tables = [t for t in tables if t.number not in on_pages]
    grid_pins = _grid_pins(grid_tables, findings, pinned_on_pages)
    unplaced = [f for f in findings
                if f.number not in pinned_on_pages and f.number not in grid_pins]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="th"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        _nav(title, tables, findings),
        "<main>",
        _legend(tables),
    ]
    pinned = [f for f in findings if f.number in pinned_on_pages]
    page_parts = [_page(page, tables if positioned else [], pinned) for page in pages]
    if positioned:
        parts.extend(page_parts)
    if grid_tables:
        parts.append("<h2>ตาราง (tables)</h2>")
        parts.extend(_grid(t, [f for f in findings if grid_pins.get(f.number) == t.number])
                     for t in grid_tables)
    if page_parts and not positioned:  # pages as LibreOffice lays them out, for context
        parts.append("<details><summary>หน้าเอกสาร (page images, LibreOffice layout)</summary>")
        parts.extend(page_parts)
        parts.append("</details>")
    if unplaced:
        parts.append('<h2>ข้อสังเกตที่ไม่มีตำแหน่งในตาราง (findings without a cell)</h2>'
                     '<ul id="unplaced">')
        parts.extend(f"<li>{_pin(f)} {escape(f.finding.message)}</li>" for f in unplaced)
        parts.append("</ul>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _nav(title: str, tables: Sequence[TableMark], findings: Sequence[FindingMark]) -> str:
    items = []
    for f in findings:
        where = f.finding.actual_block or f.finding.expected_block or f.finding.source_block
        page = f" p.{f.page}" if f.page is not None else ""
        items.append(
            f'<li><a class="finding-link sev-{escape(f.finding.severity)}"'
            f' href="#finding-{f.number}">{f.number}. [{escape(f.finding.severity)}]'
            f" {escape(f.finding.kind)}</a> <small>{escape(where or '')}{page}</small><br>"
            f"{escape(f.finding.message)}</li>")
    return (f"<nav><h1>{escape(title)}</h1>"
            f'<p><span id="n-tables">{len(tables)}</span> tables,'
            f' <span id="n-findings">{len(findings)}</span> findings</p>'
            f'<ol id="finding-list">{"".join(items)}</ol></nav>')


def _legend(tables: Sequence[TableMark]) -> str:
    roles = sorted({c.role for t in tables for c in t.cells})
    spans = [f'<span class="cell {_role_class(r)}" style="background:{role_colour(r)}">'
             f"{escape(r)}</span>" for r in roles]
    return f'<div class="legend">roles: {"".join(spans)}</div>'


def _drawn_on_pages(tables: Iterable[TableMark], pages: Sequence[PageImage]) -> set[int]:
    numbers = {p.number for p in pages}
    return {t.number for t in tables if any(n in numbers for n in t.boxes_by_page())}


def _pin_page(f: FindingMark, pages: Sequence[PageImage]) -> bool:
    return f.bbox is not None and f.page is not None and any(p.number == f.page for p in pages)


def _grid_pins(tables: Sequence[TableMark], findings: Sequence[FindingMark],
               taken: set[int]) -> dict[int, int]:
    """Finding number -> the grid table it is pinned in (when its cell is in one)."""
    numbers = {t.number for t in tables}
    return {f.number: f.table for f in findings
            if f.number not in taken and f.table is not None and f.table in numbers}


def _page(page: PageImage, tables: Sequence[TableMark], pins: Sequence[FindingMark]) -> str:
    boxes: list[str] = []
    for table in tables:
        outline = table.boxes_by_page().get(page.number)
        if outline is None:
            continue
        boxes.extend(_cell_box(page, cell) for cell in table.cells
                     if cell.page == page.number and cell.bbox is not None)
        boxes.append(f'<div class="table-outline box" data-table="{table.number}"'
                     f' data-kind="{table.kind}" title="table {table.number} ({table.kind})"'
                     f' style="{_position(page, outline)}"></div>')
    stacked: dict[tuple[float, float], int] = defaultdict(int)
    for f in pins:
        if f.page == page.number and f.bbox is not None:
            _, top, x1, _ = f.bbox
            # findings on the same amount side by side, not hidden under each other
            shift = stacked[(round(x1), round(top))] * PIN_STEP_REM
            stacked[(round(x1), round(top))] += 1
            boxes.append(_pin(f, f"left:calc({100 * x1 / page.width:.3f}% + {shift}rem);"
                                 f"top:{100 * top / page.height:.3f}%"))
    return (f'<div class="page-label">หน้า {page.number}</div>'
            f'<div class="page" id="page-{page.number}">'
            f'<img alt="page {page.number}" src="{page.data_uri}">{"".join(boxes)}</div>')


def _cell_box(page: PageImage, cell: CellMark) -> str:
    assert cell.bbox is not None
    return (f'<div class="cell box {_role_class(cell.role)}" data-role="{escape(cell.role)}"'
            f' title="{escape(cell.role)}: {escape(cell.text[:80])}"'
            f' style="{_position(page, cell.bbox)};background:{role_colour(cell.role)}"></div>')


def _position(page: PageImage, box: Bbox) -> str:
    x0, top, x1, bottom = box
    return (f"left:{100 * x0 / page.width:.3f}%;top:{100 * top / page.height:.3f}%;"
            f"width:{100 * (x1 - x0) / page.width:.3f}%;"
            f"height:{100 * (bottom - top) / page.height:.3f}%")


def _grid(table: TableMark, pins: Sequence[FindingMark]) -> str:
    by_cell: dict[tuple[int, int], list[FindingMark]] = defaultdict(list)
    origins = {(c.row, c.col): c for c in table.cells}
    for f in pins:
        by_cell[_pin_cell(table, f, origins)].append(f)
    rows = []
    for r in range(table.n_rows):
        cells = sorted((c for c in table.cells if c.row == r), key=lambda c: c.col)
        tds = []
        for cell in cells:
            pins_here = "".join(_pin(f) for f in by_cell.get((cell.row, cell.col), []))
            tds.append(f'<td class="cell {_role_class(cell.role)}" data-role="{escape(cell.role)}"'
                       f' rowspan="{cell.row_span}" colspan="{cell.col_span}"'
                       f' style="background:{role_colour(cell.role)}">'
                       f"{escape(cell.text)}{pins_here}</td>")
        rows.append(f"<tr>{''.join(tds)}</tr>")
    return (f'<h3>table {table.number} ({table.kind})</h3>'
            f'<table class="grid table-grid" data-table="{table.number}"'
            f' data-kind="{table.kind}">{"".join(rows)}</table>')


def _pin_cell(table: TableMark, f: FindingMark,
              origins: dict[tuple[int, int], CellMark]) -> tuple[int, int]:
    """The origin cell covering the finding's row and column (the row's first cell when
    the finding names a whole row; the table's first cell when it names neither)."""
    row = f.row if f.row is not None else 0
    for cell in table.cells:
        col_ok = f.col is None or cell.col <= f.col < cell.col + cell.col_span
        if cell.row <= row < cell.row + cell.row_span and col_ok:
            return cell.row, cell.col
    first = min(origins) if origins else (0, 0)
    return first


def _pin(f: FindingMark, style: str = "") -> str:
    return (f'<a class="finding-pin sev-{escape(f.finding.severity)}" id="finding-{f.number}"'
            f' href="#finding-{f.number}" title="{escape(f.finding.message)}"'
            f' style="{style}">{f.number}</a>')


def _role_class(role: str) -> str:
    if role in (UNMAPPED, UNUSED, HEADER):
        return role
    return "role"
