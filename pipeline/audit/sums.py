"""Which lines a total row closes, for every table that has subtotals and grand totals.

Plans close a group of lines with "รวม", then add a grand total ("รวมทั้งสิ้น") over all
groups, or repeat a total right after another. A total is checked against the lines
since the previous total and, when it may be a grand total, against all lines so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

Row = TypeVar("Row")


@dataclass(frozen=True)
class ClosedLines(Generic[Row]):
    total: Row
    candidates: list[list[Row]]  # the line groups the total may stand for, preferred first
    grand: bool

    def expected(self, sums: Sequence[Decimal | None]) -> Decimal | None:
        """The sum to report when none matched: all lines for a grand total."""
        return sums[-1] if self.grand else sums[0]


def closed_lines(
    rows: Sequence[Row], is_total: Callable[[Row], bool], is_grand: Callable[[Row], bool]
) -> Iterator[ClosedLines[Row]]:
    segment: list[Row] = []
    all_lines: list[Row] = []
    seen_total = False
    for row in rows:
        if not is_total(row):
            segment.append(row)
            all_lines.append(row)
            continue
        grand = is_grand(row)
        candidates = [segment] if segment else []
        if seen_total and (grand or not segment):
            candidates.append(all_lines)
        yield ClosedLines(row, candidates or [all_lines], grand)
        segment = []
        seen_total = True


def same_amount(a: Decimal | None, b: Decimal | None) -> bool:
    """Equal amounts; an empty total over empty or all-zero lines is not a mismatch."""
    if a is None or b is None:
        return (a or Decimal(0)) == (b or Decimal(0))
    return a == b
