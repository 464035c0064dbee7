"""Tables typed with tabs instead of drawn, in a DOCX's paragraphs.

A budget is often set out as paragraphs whose cells are separated by tabs ("อบรมครู<tab>
4,000<tab>1,000<tab>5,000"), with tab stops lining them up on the page. As paragraphs its
amounts reached no dataset and nothing said so; the untagged PDF of the same document
already gives a table (`pdf_aligned` finds its columns by alignment). Here such a run of
paragraphs becomes a table too, so both formats give the same data:

* a paragraph's cells are its text split at tabs; a paragraph holding at least
  `MIN_AMOUNT_CELLS` cells that are amounts alone is a money row (a label with one amount,
  "งบประมาณ<tab>18,500 บาท", is a project header's field and stays a paragraph);
* consecutive tab-set paragraphs with as many cells as a money row among them form one
  table: the lines above its first money row are its header rows (marked `header`), the
  lines after its last money row stay paragraphs;
* a row whose long cell runs past a tab stop has fewer cells than its table ("ทัศนศึกษา
  แหล่งเรียนรู้นอกสถานที่<tab>6,000<tab><tab>6,000" among rows "อบรมครู<tab><tab>1,000<tab>
  <tab>1,000"): it joins the table next to it when the alignment says so, the stops it
  skipped put back after its long cell where the table's column is blank in every row (a
  stop no one types at) and the cells after them fall in columns the table fills, a word
  never in one holding amounts (`skipped_stops_filled`); where every row skipped the blank
  cell of the header above, the header joins them the same way;
* a money row alone (its neighbours split into other numbers of cells: tabs used only to
  space text) is a one-row table of its non-empty cells.

Only the structure is read (no header word is looked up): what the columns mean is the
extractor's business, and money no reading takes is an `unclassified_table` finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from pipeline.model import Block, Cell, Paragraph, Table
from pipeline.normalize.numbers import MIN_AMOUNT_CELLS, is_figures_amount, parse_amount

TAB: Final = "\t"


def tab_set_tables(blocks: Iterable[Block]) -> list[Block]:
    """`blocks` with every run of tab-set paragraphs that holds money rows made a table."""
    out: list[Block] = []
    run: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph) and TAB in block.text.strip():
            run.append(block)
            continue
        out.extend(_run_blocks(run))
        run = []
        out.append(block)
    out.extend(_run_blocks(run))
    return out


def tab_cells(text: str) -> list[str]:
    """The cells a paragraph's tabs set apart; a tab it starts with leaves its first cell
    empty ("<tab>ค่าเดินทาง<tab>500": no row number), trailing tabs make no cells."""
    return [part.strip() for part in text.rstrip().split(TAB)]


def is_money_row(cells: Sequence[str]) -> bool:
    return sum(is_figures_amount(c) for c in cells) >= MIN_AMOUNT_CELLS


@dataclass
class _Group:
    """Consecutive tab-set paragraphs of one number of cells (after skipped stops are put
    back), and which of them joined by alignment."""

    lines: list[Paragraph]
    rows: list[list[str]]
    joined: set[int] = field(default_factory=set)

    @property
    def n_cells(self) -> int:
        return len(self.rows[0])

    @property
    def money(self) -> list[int]:
        """Rows that make the group a table: money rows, and rows joined to it."""
        return [k for k, cells in enumerate(self.rows) if is_money_row(cells) or k in self.joined]

    def extend(self, other: _Group) -> None:
        """Add `other`'s paragraphs after this group's."""
        self.joined.update(len(self.rows) + k for k in other.joined)
        self.lines.extend(other.lines)
        self.rows.extend(other.rows)


def _run_blocks(run: Sequence[Paragraph]) -> list[Block]:
    """The run's paragraphs, groups of the same number of cells holding money rows made
    tables (rows that skipped a tab stop joined to them), lone money rows one-row tables."""
    out: list[Block] = []
    for group in _joined_groups(run):
        lines, rows = group.lines, group.rows
        money = group.money
        if not money:
            out.extend(lines)
            continue
        first, last = money[0], money[-1]
        if len(lines) == 1:  # alone: tabs may only space it out, empty cells say nothing
            rows[0] = [c for c in rows[0] if c]
        out.append(_table(rows[: last + 1], lines[: last + 1], n_header=first))
        out.extend(lines[last + 1:])
    return out


def _joined_groups(run: Sequence[Paragraph]) -> list[_Group]:
    """The run cut where the number of cells changes, then each table's neighbours whose
    rows all skipped stops of it joined to it (and the table's next part beyond them)."""
    groups = [_Group(lines, [tab_cells(p.text) for p in lines]) for lines in
              (list(g) for _, g in itertools.groupby(run, key=lambda p: len(tab_cells(p.text))))]
    k = 0
    while k < len(groups):
        grown = _join_neighbour(groups, k) if groups[k].money else None
        k = k + 1 if grown is None else grown  # a grown table: look at its new neighbours
    return groups


def _join_neighbour(groups: list[_Group], k: int) -> int | None:
    """Join table `groups[k]` and a neighbour of a different number of cells where the
    alignment says the shorter rows skipped stops of the longer ones: a group before or
    after with fewer cells, each of its rows holding an amount, or a header above with
    more cells (every row of the table then skipped its blank cell). The table's own rows
    on the far side of the neighbour join too. The grown table's index, or None."""
    table = groups[k]
    for n in (k - 1, k + 1):
        if not 0 <= n < len(groups):
            continue
        other = groups[n]
        if other.n_cells < table.n_cells:
            filled = [skipped_stops_filled(row, table.rows) for row in other.rows]
            parts = [_Group(list(other.lines), [], set(range(len(other.rows)))), table]
        elif n < k and not other.money:  # a header whose blank cells the rows skipped
            filled = [skipped_stops_filled(row, other.rows) for row in table.rows]
            parts = [other, _Group(list(table.lines), [], set(table.joined))]
        else:
            continue
        rows = [row for row in filled if row is not None]
        if len(rows) < len(filled):
            continue
        (parts[0] if other.n_cells < table.n_cells else parts[1]).rows = rows
        if n > k:
            parts.reverse()
        first, last = min(n, k), max(n, k)
        width = max(p.n_cells for p in parts)
        if first > 0 and groups[first - 1].n_cells == width and n < k:
            first -= 1
            parts.insert(0, groups[first])
        if last + 1 < len(groups) and groups[last + 1].n_cells == width:
            last += 1
            parts.append(groups[last])
        grown = _Group([], [])
        for part in parts:
            grown.extend(part)
        groups[first: last + 1] = [grown]
        return first
    return None


def skipped_stops_filled(row: Sequence[str], table: Sequence[Sequence[str]]) -> list[str] | None:
    """`row` with the tab stops its long cell ran past put back as empty cells, where the
    alignment with the longer rows of `table` says so: the cells put back fall in columns
    blank in every row of `table` (a stop no one types at: the one a long item runs past),
    and each cell after them in a column `table` fills, a word never in a column holding
    amounts. The row must hold an amount; None where it has not fewer cells or nothing
    aligns."""
    n_cells = len(table[0])
    skipped = n_cells - len(row)
    if skipped <= 0 or not any(is_figures_amount(c) for c in row):
        return None
    blank = {c for c in range(n_cells) if all(_fits_anywhere(r[c]) for r in table)}
    amounts = {c for r in table for c, cell in enumerate(r) if is_figures_amount(cell)}
    for long_cell in range(len(row)):
        put_back = range(long_cell + 1, long_cell + 1 + skipped)
        if is_figures_amount(row[long_cell]) or not blank.issuperset(put_back):
            continue  # a long cell is words; the stops it ran past are blank columns
        filled = [*row[: long_cell + 1], *[""] * skipped, *row[long_cell + 1:]]
        shifted = [(c, cell) for c, cell in enumerate(filled)
                   if c > put_back[-1] and not _fits_anywhere(cell)]
        if all(c not in blank and (is_figures_amount(cell) or c not in amounts)
               for c, cell in shifted):
            return filled
    return None


def _fits_anywhere(cell: str) -> bool:
    """An empty cell, or a dash standing for nothing ("-")."""
    return not cell or (parse_amount(cell) is not None and not is_figures_amount(cell))


def _table(rows: Sequence[list[str]], lines: Sequence[Paragraph], n_header: int) -> Table:
    n_cols = max(len(r) for r in rows)
    cells = [Cell(row=r, col=c, lines=(row[c] if c < len(row) else "",), header=r < n_header)
             for r, row in enumerate(rows) for c in range(n_cols)]
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols,
                 row_pages=[p.page for p in lines])
