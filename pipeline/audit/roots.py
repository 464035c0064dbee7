"""One finding per root cause: restatements of the same gap are linked to it, not dropped.

The checks are independent, so one wrong cell is often reported by several of them: a
budget table total of 49,000 where the project states 58,800 and the summary says 58,800
is a `stated_vs_table` and a `summary_vs_project` finding about the same cell; one line
amount typed 400 too high breaks its row (`row_sum`) and its column (`line_sum`). Every
finding stays a row (nothing is deleted), with

- `finding_id`: `<doc_id>-f<seq:03d>`, seq in the findings' order (stable across runs);
- `root_finding_id`: None for a root cause; for a restatement, the id of its root.

Two findings restate one root cause when either rule holds:

1. **One cell explains both.** Correcting a single cell by the same amount closes both
   gaps: the cell is one of the compared amounts of each (the printed amount, or an
   addend of a computed sum), and the correction each needs is the same. Changing the
   printed (`actual`) amount by d closes a gap when d = expected - actual; changing an
   addend of the expected sum by d closes it when d = actual - expected.
2. **A column left blank.** Findings of one kind whose printed amounts are dashes or
   empty cells in the same column of the same table: one omission, however many rows.

Findings linked by either rule, directly or through another finding, form one group;
its first finding (in the findings' order) is the root.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Final

from pipeline.records import FindingRow

_TABLE_BLOCK: Final = re.compile(
    r"^table (?P<table>\d+)(?: rows? (?P<r0>\d+)(?:-(?P<r1>\d+))?)?(?: col (?P<col>\d+))?$")
_PARAGRAPH_BLOCK: Final = re.compile(r"^paragraph (?P<n>\d+)$")


def finding_id(doc_id: str, seq: int) -> str:
    """The id of a document's seq-th finding (1-based)."""
    return f"{doc_id}-f{seq:03d}"


@dataclass(frozen=True)
class Region:
    """The cells a block names: one paragraph, or table rows r0..r1 of one column (any
    column when `col` is None, except `skip_col`: a row's categories exclude its total)."""

    table: int | None
    paragraph: int | None
    r0: int = 0
    r1: int = 0
    col: int | None = None
    skip_col: int | None = None

    @property
    def is_cell(self) -> bool:
        return self.table is not None and self.r0 == self.r1 and self.col is not None

    def overlaps(self, other: Region) -> bool:
        if self.paragraph is not None or other.paragraph is not None:
            return self.paragraph is not None and self.paragraph == other.paragraph
        if self.table != other.table or self.r1 < other.r0 or other.r1 < self.r0:
            return False
        if self.col is not None and other.col is not None:
            return self.col == other.col
        if self.col is None and other.col is None:
            return True
        col, whole = (self.col, other) if self.col is not None else (other.col, self)
        return col != whole.skip_col


def parse_block(block: str | None) -> Region | None:
    """The region of a `source_block` string (provenance's formats), None if unknown."""
    if not block:
        return None
    paragraph = _PARAGRAPH_BLOCK.match(block)
    if paragraph:
        return Region(table=None, paragraph=int(paragraph["n"]))
    match = _TABLE_BLOCK.match(block)
    if not match or match["r0"] is None:
        return None
    r0 = int(match["r0"])
    return Region(table=int(match["table"]), paragraph=None, r0=r0,
                  r1=int(match["r1"] or r0), col=int(match["col"]) if match["col"] else None)


def link_findings(doc_id: str, findings: Sequence[FindingRow]) -> None:
    """Number the document's findings and link each restatement to its root (in place)."""
    for seq, row in enumerate(findings, start=1):
        row.finding_id = finding_id(doc_id, seq)
        row.root_finding_id = None
    parent = list(range(len(findings)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _restating_pairs(findings):
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)  # the earlier finding stays the root
    for i, row in enumerate(findings):
        r = root(i)
        if r != i:
            row.root_finding_id = findings[r].finding_id


def _restating_pairs(findings: Sequence[FindingRow]) -> Iterator[tuple[int, int]]:
    corrections = [list(_corrections(f)) for f in findings]
    blanks = [_blank_column(f) for f in findings]
    for i, j in combinations(range(len(findings)), 2):
        if findings[i].doc_id != findings[j].doc_id:
            continue
        if blanks[i] is not None and blanks[i] == blanks[j]:
            yield i, j
            continue
        if any(d == e and r.overlaps(s) for r, d in corrections[i] for s, e in corrections[j]):
            yield i, j


def _corrections(finding: FindingRow) -> Iterator[tuple[Region, Decimal]]:
    """Each compared place with the change to one of its cells that closes the gap."""
    if finding.expected is None or finding.actual is None:
        return
    gap = finding.expected - finding.actual
    if gap == 0:
        return
    actual = parse_block(finding.actual_block)
    expected = parse_block(finding.expected_block)
    if actual is not None:
        yield actual, gap
    if expected is not None:
        if expected.col is None and actual is not None and actual.is_cell \
                and actual.table == expected.table and expected.r0 <= actual.r0 <= expected.r1:
            expected = Region(expected.table, None, expected.r0, expected.r1,
                              skip_col=actual.col)
        yield expected, -gap


def _blank_column(finding: FindingRow) -> tuple[str, int, int] | None:
    """(kind, table, column) of a finding whose printed amount is a dash or empty cell."""
    if finding.actual not in (None, Decimal(0)):
        return None
    if finding.expected is None or finding.expected == 0:
        return None
    region = parse_block(finding.actual_block)
    if region is None or not region.is_cell or region.table is None or region.col is None:
        return None
    return finding.kind, region.table, region.col
