"""DOCX pages counted from the breaks Word recorded (`pipeline.read.docx_pages`)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.model import Paragraph, Table
from pipeline.read.docx_reader import read_docx


def _rendered_break_before_text(paragraph: docx.text.paragraph.Paragraph) -> None:
    """Word's mark of a page that ended (soft break) just before this paragraph's text."""
    run = paragraph.runs[0]._r
    run.insert(run.index(run.find(qn("w:t"))), OxmlElement("w:lastRenderedPageBreak"))


def _restart_numbering(section_pr: object, start: int) -> None:
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), str(start))
    section_pr.append(numbering)  # type: ignore[attr-defined]


def _plan_with_breaks(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("หน้าหนึ่ง")
    _rendered_break_before_text(document.add_paragraph("หน้าสอง (ตัดหน้าอัตโนมัติ)"))
    hard = document.add_paragraph("ก่อนขึ้นหน้าใหม่")
    hard.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    # Word marks the top of the page a hard break opened too: the same page, not another
    _rendered_break_before_text(document.add_paragraph("หน้าสาม"))
    table = document.add_table(rows=3, cols=2)
    for r, texts in enumerate((("ก", "ข"), ("ค", "ง"), ("จ", "ฉ"))):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    # the third row moved to the next page: Word marks it in every cell of the row
    for c in range(2):
        _rendered_break_before_text(table.cell(2, c).paragraphs[0])
    document.add_section()  # a new section starts on a new page (5) and restarts at 1
    _restart_numbering(document.sections[-1]._sectPr, 1)
    document.add_paragraph("ภาคผนวก")
    document.save(str(path))


def test_pages_come_from_rendered_and_hard_breaks(tmp_path: Path) -> None:
    path = tmp_path / "breaks.docx"
    _plan_with_breaks(path)
    doc = read_docx(path)
    pages = {b.text: b.page for b in doc.blocks if isinstance(b, Paragraph) and b.text}
    assert pages == {"หน้าหนึ่ง": 1, "หน้าสอง (ตัดหน้าอัตโนมัติ)": 2, "ก่อนขึ้นหน้าใหม่": 2,
                     "หน้าสาม": 3, "ภาคผนวก": 5}
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.row_pages == [3, 3, 4]
    assert [(p.number, p.printed_number) for p in doc.pages] == [
        (1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "1")]


def test_a_file_without_rendered_breaks_has_no_pages(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("หนึ่ง").add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    document.add_paragraph("สอง")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    doc = read_docx(path)
    assert {b.page for b in doc.blocks} == {None}
    assert doc.pages == []


def test_breaks_inside_text_boxes_are_not_the_paragraphs_own() -> None:
    """`_flow` walks with lxml's iter() unless a text box or drawing fallback is inside the
    paragraph; both ways yield the breaks and texts of the paragraph's own flow, in order."""
    from lxml import etree

    from pipeline.read.docx_pages import _descendants, _flow

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    plain = etree.fromstring(
        f'<w:p xmlns:w="{w}"><w:r><w:t>ก</w:t><w:lastRenderedPageBreak/><w:t>ข</w:t>'
        '<w:br w:type="page"/><w:tab/></w:r><w:r><w:t>ค</w:t></w:r></w:p>')
    boxed = etree.fromstring(
        f'<w:p xmlns:w="{w}" xmlns:mc="{mc}"><w:r><w:t>ก</w:t><w:drawing><w:txbxContent>'
        '<w:p><w:r><w:lastRenderedPageBreak/><w:t>กล่อง</w:t></w:r></w:p></w:txbxContent>'
        '</w:drawing><mc:Fallback><w:t>สำรอง</w:t></mc:Fallback><w:br w:type="page"/>'
        '<w:t>ข</w:t></w:r></w:p>')
    relevant = {f"{{{w}}}{tag}" for tag in ("t", "br", "lastRenderedPageBreak")}

    def reference(p: etree._Element) -> list[tuple[str, str | None]]:
        return [(el.tag, el.text) for el in _descendants(p) if el.tag in relevant]

    for p in (plain, boxed):
        assert [(el.tag, el.text) for el in _flow(p) if el.tag in relevant] == reference(p)
    assert [el.text for el in _flow(boxed) if el.tag == f"{{{w}}}t"] == ["ก", "ข"]
