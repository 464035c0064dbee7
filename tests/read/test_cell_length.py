"""`cell_chars` caps a table cell's whole text, not each of its lines (issue 10 item 6).

The extractors parse a cell's lines joined (periods, amounts), so a cell of many short
lines costs the normalizers as much as one long line: both are refused before parsing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import LimitExceededError
from pipeline.limits import Limits
from pipeline.model import Cell, Document, Paragraph, Table
from pipeline.read import check_text_lengths


def _document_with_cell(lines: tuple[str, ...]) -> Document:
    table = Table([Cell(0, 0, lines=("กิจกรรม",)), Cell(0, 1, lines=lines)], 1, 2)
    return Document(source_path="plan.docx", source_format="docx",
                    blocks=[Paragraph("แผนปฏิบัติการ"), table])


def test_a_cell_of_many_short_lines_is_refused_by_its_whole_length() -> None:
    document = _document_with_cell(("1",) * 300)  # 300 lines of one character: 599 in all
    check_text_lengths(document, Path("plan.docx"), Limits(cell_chars=599))
    with pytest.raises(LimitExceededError, match=r"plan\.docx: refused: a text of 599"
                                                 " characters exceeds the limit"
                                                 " cell_chars = 598"):
        check_text_lengths(document, Path("plan.docx"), Limits(cell_chars=598))


def test_a_nested_table_cell_is_measured_too() -> None:
    inner = Table([Cell(0, 0, lines=("1",) * 50)], 1, 1)  # 99 characters
    outer = Table([Cell(0, 0, lines=("ก",), tables=(inner,))], 1, 1)
    document = Document(source_path="plan.docx", source_format="docx", blocks=[outer])
    check_text_lengths(document, Path("plan.docx"), Limits(cell_chars=99))
    with pytest.raises(LimitExceededError, match="a text of 99 characters"):
        check_text_lengths(document, Path("plan.docx"), Limits(cell_chars=98))
