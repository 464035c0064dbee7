"""Hostile input: random documents made of plan vocabulary never crash the extractor.

Whatever the mix of labels, amounts, dates and tables with odd spans, extraction either
returns rows or says the document is not a plan; it never raises anything else.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import NotAPlanError
from pipeline.extract.plan import extract_plan
from pipeline.extract.rows import plan_rows
from pipeline.model import Cell, Document, Paragraph, Table
from pipeline.process import document_row

WORDS = [
    "โครงการ", "ชื่อโครงการ", "แผนงาน", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "งบประมาณ",
    "ลักษณะโครงการ", "ยุทธศาสตร์ที่ 6", "1. หลักการและเหตุผล", "2. วัตถุประสงค์",
    "5. รายละเอียดการใช้งบประมาณ", "6. การประเมินผล", "ที่", "กิจกรรม", "ค่าตอบแทน",
    "ค่าใช้สอย", "ค่าวัสดุ", "รวม", "รวมทั้งสิ้น", "ลำดับความสำคัญ", "สพป.", "สพฐ.",
    "ต.ค.", "พ.ย.", "ไตรมาส ๓ - ๔", "ปี ๒๕๖2", "20,0๐๐", "-", "", "นางสาวเพ็ญประภา มีเพียร",
    "กลุ่มอำนวยการ", "(ต่อ)", "๑ ตุลาคม ๒๕๖2 ถึง ๓๐ กันยายน ๒๕๖3", "60 คน x 180 x 2 วัน",
    "-----------", "ตัวชี้วัดความสำเร็จ", "วิธีการประเมิน", "เครื่องมือ", "/", "✓", "x",
]
text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=3).map(" ".join)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 8))
    cells = []
    for r in range(n_rows):
        c = 0
        while c < n_cols:
            span = draw(st.integers(1, max(1, n_cols - c)))
            row_span = draw(st.sampled_from([1, 1, 1, 2]))
            lines = tuple(draw(st.lists(text, max_size=3)))
            fill = draw(st.sampled_from([None, None, "BFBFBF"]))
            cells.append(Cell(r, c, min(row_span, n_rows - r), span, lines, fill))
            c += span
    return Table(cells=cells, n_rows=n_rows, n_cols=n_cols)


blocks = st.lists(st.one_of(text.map(lambda t: Paragraph(text=t)), tables()), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks)
def test_random_plan_like_documents_never_crash(content: list[Paragraph | Table]) -> None:
    document = Document(source_path="random.docx", source_format="docx", blocks=content)
    try:
        plan = extract_plan(document)
    except NotAPlanError:
        return
    data = plan_rows(plan, document_row(Path("random.docx"), "0" * 64, "docx"))
    assert len(data.projects) == len(plan.projects)
