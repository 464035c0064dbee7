"""`pipeline explain DOC`: each table's kind, header rows, column roles with their evidence
and money coverage, as the extraction kept them (issue 9 item 5)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import docx
import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.explain import ColumnExplanation, explain_document, render_text
from pipeline.normalize.vocabulary.office import vocabulary_from_mapping
from tests.fixtures.small_plans import plan
from tests.helpers import fixture_docx

D = Decimal
UNKNOWN_COLUMN_BUDGET = [
    ["ที่", "รายการ", "ค่าวัสดุ", "เบี้ยประชุมกรรมการ", "รวม"],
    ["1", "ประชุมคณะกรรมการ", "1,000", "2,400", "3,400"],
    ["", "รวมทั้งสิ้น", "1,000", "2,400", "3,400"],
]


def _roles(columns: list[ColumnExplanation]) -> list[tuple[object, ...]]:
    return [(c.col, c.header, c.role, c.key, c.dimension, c.score, c.word, c.content,
             c.money_cells, c.money_used, c.lines_sum) for c in columns]


def test_fixture_budget_table_kind_roles_evidence_and_coverage() -> None:
    explained = explain_document(fixture_docx("school-fy2566"))
    assert (explained.organization, explained.fiscal_year) == ("โรงเรียนบ้านดอนแก้ววิทยา", 2566)
    # 98 table cells, and the stated budget of project 5 (no table: "งบประมาณ 8,000 บาท")
    assert (explained.money_cells, explained.money_used, explained.money_coverage) == (99, 99, 1.0)
    assert (explained.text_amounts, explained.text_used) == (1, 1)
    assert ("money coverage 1.00 (99 of 99 money cells in a dataset; of them 1 amounts in"
            " budget sections' text, 1 in a dataset)\n") in render_text(explained)
    assert [(t.table_no, t.kind) for t in explained.tables[:5]] == [
        (1, "summary"), (2, "project_header"), (3, "gantt"), (4, "budget"), (5, "evaluation")]
    assert (explained.tables[12].kind, explained.tables[12].continues) == ("continuation", 12)
    budget = explained.tables[3]
    assert (budget.source_block, budget.header_rows, budget.coverage) == ("table 4", 1, 1.0)
    assert budget.header_found_by == ["repeated-header flag (w:tblHeader)",
                                      "made only of header words",
                                      "labels above the first row holding amounts"]
    assert _roles(budget.columns) == [
        (1, "ที่", "item_no", None, None, 100.0, "ที่", "count", 0, 0, None),
        (2, "รายการ", "item", None, None, 100.0, "รายการ", "text", 0, 0, None),
        (3, "จำนวนเงิน (บาท)", "total", "total", "total", 100.0, "จำนวนเงิน", "money", 4, 4,
         D("25000.00")),
        (4, "ค่าวัสดุ", "materials", "materials", "category", 100.0, "วัสดุ", "money", 4, 4,
         D("13000.00")),
        (5, "ค่าใช้สอย", "operating", "operating", "category", 100.0, "ใช้สอย", "money", 4, 4,
         D("12000.00")),
        (6, "ค่าตอบแทน", "compensation", "compensation", "category", 100.0, "ตอบแทน", "count",
         0, 0, D("0.00")),
    ]
    assert budget.columns[2].evidence == ["header 'จำนวนเงิน (บาท)' ~ amount (100)",
                                          "the amount column of a table without a total column"]
    assert budget.arithmetic == ["row sums (parts = the row's total): 4 of 4 close",
                                 "column sums vs 1 total row(s): all close",
                                 "written formulas = amount: 1 of 1 close"]
    assert budget.findings == []


def test_fixture_summary_table_funding_columns() -> None:
    summary = explain_document(fixture_docx("school-fy2566")).tables[0]
    assert [(c.role, c.key, c.lines_sum) for c in summary.columns] == [
        ("priority", None, None), ("project", None, None), ("responsible", None, None),
        ("funding", "budget_obec", D("93500.00")), ("funding", "budget_esa", D("10000.00")),
        ("funding", "budget_other", D("3000.00")), ("amount", "subtotal", D("106500.00"))]
    assert (summary.money_cells, summary.coverage) == (24, 1.0)
    assert summary.arithmetic == ["column sums vs 1 total row(s): all close",
                                  "sources add up to the row's budget column: all close"]


def test_unknown_money_column_is_shown_with_its_sum(tmp_path: Path) -> None:
    explained = explain_document(plan(tmp_path / "plan.docx", budget=UNKNOWN_COLUMN_BUDGET))
    (budget,) = [t for t in explained.tables if t.kind == "budget"]
    unknown = budget.columns[3]
    assert (unknown.header, unknown.role, unknown.key, unknown.dimension, unknown.score,
            unknown.content, unknown.money_cells, unknown.money_used, unknown.lines_sum) == (
        "เบี้ยประชุมกรรมการ", "money", None, "other", None, "money", 2, 2, D("2400.00"))
    assert unknown.evidence == ["cells hold money; no header word explains the column"]
    assert [f["kind"] for f in budget.findings] == ["unmapped_column", "row_sum", "row_sum"]
    assert budget.findings[0]["actual"] == D("2400.00")
    assert budget.arithmetic == ["row sums (parts = the row's total): 0 of 2 close",
                                 "column sums vs 1 total row(s): all close"]
    text = render_text(explained)
    assert ("  col 4 'เบี้ยประชุมกรรมการ' -> money"
            " [cells: money; money cells 2/2; sum 2,400]\n") in text
    assert "      - cells hold money; no header word explains the column\n" in text


def test_vocabulary_word_is_the_evidence(tmp_path: Path) -> None:
    vocabulary = vocabulary_from_mapping(
        {"budget": {"categories": {"compensation": ["เบี้ยประชุม"]}}}, "office.toml")
    explained = explain_document(plan(tmp_path / "plan.docx", budget=UNKNOWN_COLUMN_BUDGET),
                                 vocabulary)
    (budget,) = [t for t in explained.tables if t.kind == "budget"]
    column = budget.columns[3]
    assert (column.role, column.key, column.score, column.word, column.lines_sum) == (
        "compensation", "compensation", 100.0, "เบี้ยประชุม", D("2400.00"))
    assert budget.findings == []
    assert budget.arithmetic[0] == "row sums (parts = the row's total): 2 of 2 close"
    assert explained.vocabulary == "office.toml"
    assert "vocabulary: office.toml\n" in render_text(explained)


def test_cli_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = plan(tmp_path / "plan.docx", budget=UNKNOWN_COLUMN_BUDGET)
    assert main(["explain", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (budget,) = [t for t in data["tables"] if t["kind"] == "budget"]
    assert budget["columns"][3]["role"] == "money"
    assert budget["columns"][3]["lines_sum"] == "2400.00"
    assert (budget["money_cells"], budget["coverage"]) == (6, 1.0)
    assert data["money_coverage"] == 1.0
    words = tmp_path / "office.toml"
    words.write_text('[budget.categories]\ncompensation = ["เบี้ยประชุม"]\n', encoding="utf-8")
    assert main(["explain", str(path), "--vocabulary", str(words)]) == 0
    out = capsys.readouterr().out
    assert ("  col 4 'เบี้ยประชุมกรรมการ' -> compensation [header score 100 on 'เบี้ยประชุม';"
            " cells: money; money cells 2/2; sum 2,400]\n") in out


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.docx"
    assert main(["explain", str(missing)]) == 2
    assert capsys.readouterr().err == f"error: {missing}: no such file\n"
    assert main(["explain", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path}: is a folder; explain takes one document\n")
    note = tmp_path / "note.docx"
    document = docx.Document()
    document.add_paragraph("บันทึกข้อความ เรื่อง ขออนุญาตไปราชการ")
    document.save(str(note))
    assert main(["explain", str(note)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {note}: ") and err.count("\n") == 1
    memo = tmp_path / "memo.docx"
    memo.write_bytes(b"not a zip")
    assert main(["explain", str(memo)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(memo) in err
    bad = tmp_path / "bad.toml"
    bad.write_text("[budget.categories]\ncompensation = 'x'\n", encoding="utf-8")
    assert main(["explain", str(plan(tmp_path / "p.docx")), "--vocabulary", str(bad)]) == 2
    assert capsys.readouterr().err == (
        f"error: {bad}: [budget.categories] compensation must be a list of words"
        ' (e.g. compensation = ["..."])\n')


def test_the_readme_vocabulary_maps_an_unknown_budget_column(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """What the README's TOML block says it does, on a plan heading a column with its word
    (the README's commands themselves run in tests/test_readme.py)."""
    from pipeline.normalize.vocabulary.office import load_vocabulary
    from pipeline.normalize.vocabulary.plan import Column, HeaderField
    from tests.test_readme import readme_blocks

    ((_, toml),) = readme_blocks("toml")
    monkeypatch.chdir(tmp_path)
    Path("office_words.toml").write_text(toml, encoding="utf-8")
    vocabulary = load_vocabulary(Path("office_words.toml"))
    assert (vocabulary.categories, vocabulary.budget_columns, vocabulary.funding_sources,
            vocabulary.header_fields) == (
        ((Column.COMPENSATION, ("เบี้ยประชุม",)),), ((Column.UNIT_PRICE, ("ราคาต่อชิ้น",)),),
        (("donation", ("กองทุนพัฒนาโรงเรียน",)),),
        ((HeaderField.RESPONSIBLE, ("ผู้ประสานงานโครงการ",)),))
    assert vocabulary.summary_columns == ((Column.PROJECT, ("ชื่องาน",)),)
    Path("raw_docs").mkdir()
    plan(Path("raw_docs/plan.docx"), budget=UNKNOWN_COLUMN_BUDGET)
    assert main(["extract", "raw_docs", "--out", "plain", "--quiet", "--workers", "1"]) == 0
    assert list(pd.read_parquet("plain/budget_lines").compensation) == [None]
    assert main(["extract", "raw_docs", "--out", "extracted", "--vocabulary",
                 "office_words.toml", "--quiet", "--workers", "1"]) == 0
    lines = pd.read_parquet("extracted/budget_lines")
    assert list(lines.compensation) == [D("2400.00")]
    capsys.readouterr()


def test_pdf_fixture_tables_carry_their_pages() -> None:
    pdf = Path(__file__).parent / "fixtures" / "pdf" / "school-fy2566.pdf"
    if not pdf.exists():
        pytest.skip(f"fixture {pdf} not built (run: make fixtures)")
    explained = explain_document(pdf)
    assert (explained.n_pages, explained.money_coverage) == (17, 1.0)
    summary, budget = explained.tables[0], explained.tables[3]
    assert (summary.source_page, summary.kind, summary.coverage) == (2, "summary", 1.0)
    assert (budget.kind, budget.coverage) == ("budget", 1.0)
    assert [(c.role, c.key, c.score) for c in budget.columns[2:]] == [
        ("total", "total", 100.0), ("materials", "materials", 100.0),
        ("operating", "operating", 100.0), ("compensation", "compensation", 100.0)]


def test_continued_table_is_read_with_the_columns_of_the_one_it_continues() -> None:
    explained = explain_document(fixture_docx("school-fy2566"))
    first, continued = explained.tables[11], explained.tables[12]
    assert (continued.kind, continued.continues, continued.money_cells) == (
        "continuation", 12, 0)
    assert [c.role for c in continued.columns] == [c.role for c in first.columns] == [
        "item_no", "item", "total", "materials", "operating", "compensation"]
    assert first.arithmetic == ["row sums (parts = the row's total): 5 of 6 close",
                                "column sums vs 1 total row(s): 1 do not close (findings)",
                                "written formulas = amount: 2 of 3 close"]
    assert [f["kind"] for f in first.findings] == ["row_sum", "line_sum", "formula"]
    assert "  money: counted with table 12\n" in render_text(explained)


def test_quantity_times_unit_price_closure(tmp_path: Path) -> None:
    explained = explain_document(plan(tmp_path / "plan.docx", budget=[
        ["ที่", "รายการ", "จำนวน", "หน่วย", "ราคาต่อหน่วย", "จำนวนเงิน"],
        ["1", "หนังสือนิทาน", "20", "เล่ม", "150", "3,000"],
        ["2", "กระดาษ A4", "10", "รีม", "120", "1,500"],
        ["", "รวม", "", "", "", "4,500"]]))
    (budget,) = [t for t in explained.tables if t.kind == "budget"]
    assert [(c.role, c.content) for c in budget.columns] == [
        ("item_no", "count"), ("item", "text"), ("quantity", "count"), ("unit_word", "unit"),
        ("unit_price", "count"), ("total", "money")]
    assert budget.columns[2].evidence == ["header 'จำนวน' ~ quantity (100)",
                                          "quantity x unit price = amount on 1 rows"]
    assert "quantity x unit price = amount: 1 of 2 close" in budget.arithmetic
