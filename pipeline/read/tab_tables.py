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
* a money row alone (its neighbours split into other numbers of cells: tabs used only to
  space text) is a one-row table of its non-empty cells.

Only the structure is read (no header word is looked up): what the columns mean is the
extractor's business, and money no reading takes is an `unclassified_table` finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Final

from pipeline.model import Block, Cell, Paragraph, Table
from pipeline.normalize.numbers import is_figures_amount

MIN_AMOUNT_CELLS: Final = 2
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
    return [part.strip() for part in text.strip().split(TAB)]


def is_money_row(cells: Sequence[str]) -> bool:
    return sum(is_figures_amount(c) for c in cells) >= MIN_AMOUNT_CELLS


def _run_blocks(run: Sequence[Paragraph]) -> list[Block]:
    """The run's paragraphs, groups of the same number of cells holding money rows made
    tables, lone money rows one-row tables."""
    out: list[Block] = []
    for _, group in itertools.groupby(run, key=lambda p: len(tab_cells(p.text))):
        lines = list(group)
        rows = [tab_cells(p.text) for p in lines]
        money = [k for k, cells in enumerate(rows) if is_money_row(cells)]
        if not money:
            out.extend(lines)
            continue
        first, last = money[0], money[-1]
        if len(lines) == 1:  # alone: tabs may only space it out, empty cells say nothing
            rows[0] = [c for c in rows[0] if c]
        out.append(_table(rows[: last + 1], lines[: last + 1], n_header=first))
        out.extend(lines[last + 1:])
    return out


def _table(rows: Sequence[list[str]], lines: Sequence[Paragraph], n_header: int) -> Table:
    n_cols = max(len(r) for r in rows)
    cells = [Cell(row=r, col=c, lines=(row[c] if c < len(row) else "",), header=r < n_header)
             for r, row in enumerate(rows) for c in range(n_cols)]
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols,
                 row_pages=[p.page for p in lines])
