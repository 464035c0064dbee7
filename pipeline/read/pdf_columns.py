"""Two-column text without rulings: "label | value" rows of a borderless table.

Plans often set a project's header fields in a table without borders (ชื่อโครงการ | ...,
ลักษณะโครงการ | ...). The PDF has no rulings for it, so pdfplumber finds no table, and a
label that wraps in its narrow column lands on a line of its own ("ลักษณะ" ... / "โครงการ"),
where it reads as a new project title. The DOCX reader gives such a table, which the
extractor reads as one "label value" line per row; here the rows are rebuilt from the
geometry and given the same way:

* a line splits into a left and a right part at a gap wider than `COLUMN_GAP_EM` with no
  glyph in it (a run of spaces is drawn as space glyphs, so text set with spaces does not
  split; a tab or a cell boundary leaves an empty gap);
* a run of lines is a two-column block when at least `MIN_ROWS` of them split with their
  right parts starting at the same x; lines in between that only continue the right
  column (starting at that x) or wrap the left one (`pdf_paragraphs.is_wrapped`) belong to
  the row above, and a label alone on a line followed by its own wrapped rest next to the
  value (a value centred against a long label) opens a row;
* a two-part line always opens a new row: when label and value both wrap at once
  ("สนองกลยุทธ์" / "โรงเรียน") nothing in the geometry tells it from the next row
  ("ชื่อโครงการ" / "แผนงาน"), and a spare row costs less than two fields run together;
* each row becomes one paragraph: its left lines joined, a space, its right lines joined.

Anything else is left to `pdf_paragraphs.join_wrapped`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from pipeline.read.pdf_paragraphs import Column, TextBlock, is_wrapped, join_wrapped
from pipeline.read.pdf_text import Cluster, TextLine, line_text

# A glyph-free gap this wide (in font sizes) separates two columns.
COLUMN_GAP_EM: Final = 0.6
# Right parts starting within this many points of each other are one column.
COLUMN_TOLERANCE: Final = 3.0
MIN_ROWS: Final = 2
# Padding of a label cell on its right (both cells' padding), in font sizes.
CELL_PADDING_EM: Final = 0.6


@dataclass
class _Split:
    line: TextLine
    left: TextLine | None
    right: TextLine | None


@dataclass
class _Row:
    left: list[TextLine] = field(default_factory=list)
    right: list[TextLine] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)


def paragraphs(lines: Sequence[TextLine], column: Column) -> list[TextBlock]:
    """Running text lines as paragraphs, borderless two-column rows as one line each."""
    out: list[TextBlock] = []
    splits = [_split(line) for line in lines]
    i = 0
    while i < len(splits):
        rows, end = _two_column_run(splits, i, column)
        if rows:
            out.extend(_row_block(row, column) for row in rows)
            i = end
            continue
        j = i + 1
        while j < len(splits) and not _two_column_run(splits, j, column)[0]:
            j += 1
        out.extend(join_wrapped([s.line for s in splits[i:j]], column))
        i = j
    return out


def _split(line: TextLine) -> _Split:
    """The line cut at its widest empty gap, if that gap is wide enough."""
    visible = [c for c in line.clusters if not c.text.isspace()]
    best, at = 0.0, -1
    for k in range(1, len(visible)):
        gap = visible[k].x0 - visible[k - 1].x1
        if gap > best:
            best, at = gap, k
    if at < 0 or best < COLUMN_GAP_EM * line.size or line.turned:
        return _Split(line, None, None)
    cut = visible[at].x0
    left = [c for c in line.clusters if c.x0 < cut]
    right = [c for c in line.clusters if c.x0 >= cut]
    if any(c.text.isspace() and visible[at - 1].x1 <= c.x0 < cut for c in left):
        return _Split(line, None, None)  # the gap holds space glyphs: ordinary text
    return _Split(line, _part(left), _part(right))


def _part(clusters: Sequence[Cluster]) -> TextLine | None:
    text = line_text(clusters)
    return TextLine(text=text, clusters=tuple(clusters)) if text else None


def _two_column_run(
    splits: Sequence[_Split], start: int, column: Column
) -> tuple[list[_Row], int]:
    """The rows of a two-column block starting at `start`, and where it ends."""
    head = splits[start]
    if head.left is None or head.right is None:
        return [], start
    x2 = head.right.x0
    # the label cell ends its padding short of the value column
    labels = Column(column.left, x2 - CELL_PADDING_EM * head.line.size)
    rows: list[_Row] = []
    i = start
    while i < len(splits):
        s = splits[i]
        row = rows[-1] if rows else None
        two_parts = s.left is not None and s.right is not None and abs(
            s.right.x0 - x2) <= COLUMN_TOLERANCE
        if two_parts and s.left is not None and s.right is not None:
            # a label that began alone on the line above goes on here, next to its value
            if row is not None and not row.right and is_wrapped(row.left[-1], s.left, labels):
                row.left.append(s.left)
                row.right.append(s.right)
                row.lines.append(s.line)
            else:
                rows.append(_Row([s.left], [s.right], [s.line]))
        elif row is not None and s.left is None and abs(s.line.x0 - x2) <= COLUMN_TOLERANCE:
            row.right.append(s.line)
            row.lines.append(s.line)
        elif row is not None and s.left is None and s.line.x1 < x2 and row.left and is_wrapped(
            row.left[-1], s.line, labels
        ):
            row.left.append(s.line)
            row.lines.append(s.line)
        elif _label_opener(splits, i) is not None and s.line.x1 < x2:
            rows.append(_Row([s.line], [], [s.line]))  # a label whose value is centred lower
        else:
            break
        i += 1
    if sum(1 for r in rows if r.right) < MIN_ROWS:
        return [], start
    return rows, i


def _label_opener(splits: Sequence[_Split], i: int) -> float | None:
    """If line `i` is the first line of a label whose row goes on in two parts on the
    next line (the value is centred against a long label), the value column's x."""
    if i + 1 >= len(splits) or splits[i].left is not None:
        return None
    following = splits[i + 1]
    if following.left is None or following.right is None:
        return None
    x2 = following.right.x0
    line = splits[i].line
    labels = Column(line.x0, x2 - CELL_PADDING_EM * line.size)
    if line.x1 >= x2 or not is_wrapped(line, following.left, labels):
        return None
    return x2


def _row_block(row: _Row, column: Column) -> TextBlock:
    x2 = row.right[0].x0 if row.right else column.right
    left = " ".join(b.text for b in join_wrapped(row.left, Column(column.left, x2)))
    right = " ".join(b.text for b in join_wrapped(row.right, Column(x2, column.right)))
    return TextBlock(f"{left} {right}".strip(), row.lines[0], row.lines[-1], joinable=False)
