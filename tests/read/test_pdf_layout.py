"""Page furniture (pipeline/read/pdf_layout.py): running footers and page numbers leave the
body even where a scan misread one page's number.

A school plan's scan turned 2 degrees read the footer page number "- 4 -" as "เก" and
"- 8 -" as "0.": with a line below them that was no furniture, the running footer of
those pages stayed body, the body's bottom moved down to the page foot, and no table cut
by a page break was joined (tests/read/ocr/test_ocr_datasets.py has the whole scan).
"""

from __future__ import annotations

from pipeline.read.pdf_layout import PageContent, find_furniture
from pipeline.read.pdf_text import Cluster, TextLine

FOOTER = "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2566 โรงเรียนบ้านดอนแก้ว"


def line(text: str, top: float, x0: float = 80.0) -> TextLine:
    cluster = Cluster(text, x0, x0 + 6.0 * len(text), top, top + 14.0, 14.0, top + 11.0)
    return TextLine(text=text, clusters=(cluster,))


def page(number: int, foot_number: str, body: str = "เนื้อความของหน้า") -> PageContent:
    return PageContent(number=number, width=595.0, height=842.0, lines=[
        line(body, 400.0), line(FOOTER, 735.0), line(foot_number, 796.0, x0=290.0)])


def test_a_misread_page_number_where_the_others_print_theirs_is_furniture() -> None:
    pages = [page(1, "- 1 -"), page(2, "- 2 -"), page(3, "เก"), page(4, "- 4 -"),
             page(5, "0.")]
    find_furniture(pages)
    assert [[x.text for x in p.lines] for p in pages] == [["เนื้อความของหน้า"]] * 5
    assert [[x.text for x in p.furniture] for p in pages][2] == [FOOTER, "เก"]
    assert [p.printed_number for p in pages] == ["1", "2", None, "4", None]


def test_a_long_line_at_the_page_number_height_stays_body() -> None:
    """Only a line as short as a page number can be one misread."""
    pages = [page(1, "- 1 -"), page(2, "- 2 -"), page(3, "หมายเหตุ: ดูรายละเอียดในภาคผนวก")]
    find_furniture(pages)
    assert [x.text for x in pages[2].lines] == [
        "เนื้อความของหน้า", FOOTER, "หมายเหตุ: ดูรายละเอียดในภาคผนวก"]
    assert [x.text for x in pages[0].furniture] == [FOOTER, "- 1 -"]
