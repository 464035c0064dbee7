"""An office's own header words from a TOML file (`--vocabulary FILE`, issue 9 item 5):
checked on load, used by the role mapping, in worker processes too."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.normalize.vocabulary.office import (
    OfficeVocabulary,
    VocabularyError,
    load_vocabulary,
)
from pipeline.normalize.vocabulary.plan import Column, HeaderField
from pipeline.process import process_file
from tests.fixtures.small_plans import DEFAULT_HEADER, plan

D = Decimal
BUDGET = [
    ["ที่", "รายการ", "ค่าวัสดุ", "เบี้ยประชุมกรรมการ", "รวม"],
    ["1", "ประชุมคณะกรรมการ", "1,000", "2,400", "3,400"],
    ["", "รวมทั้งสิ้น", "1,000", "2,400", "3,400"],
]
SUMMARY = [
    ["ที่", "โครงการ", "งบกองทุนพัฒนา", "ผู้รับผิดชอบ"],
    ["1", "ส่งเสริมการอ่าน", "5,000", "กลุ่มบริหารวิชาการ"],
    ["", "รวม", "5,000", ""],
]
SMALL_BUDGET = [["ที่", "รายการ", "ค่าวัสดุ", "รวม"], ["1", "หนังสือ", "5,000", "5,000"],
                ["", "รวม", "5,000", "5,000"]]
WORDS = """\
[budget.categories]
compensation = ["เบี้ยประชุม"]
[summary.funding_sources]
donation = ["กองทุน พัฒนา"]
[header.fields]
responsible = ["ผู้ประสานงานโครงการ"]
"""


def _words(tmp_path: Path, text: str = WORDS) -> Path:
    path = tmp_path / "office.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_is_read_into_compact_words_by_role(tmp_path: Path) -> None:
    path = _words(tmp_path)
    assert load_vocabulary(path) == OfficeVocabulary(
        categories=((Column.COMPENSATION, ("เบี้ยประชุม",)),),
        funding_sources=(("donation", ("กองทุนพัฒนา",)),),
        header_fields=((HeaderField.RESPONSIBLE, ("ผู้ประสานงานโครงการ",)),),
        source=str(path))


@pytest.mark.parametrize(("text", "message"), [
    ("[budget.category]\nx = ['a']\n",
     "unknown section [budget.category] (known: budget.categories, budget.columns)"),
    ("[money]\nx = ['a']\n", "unknown section [money] (known: budget, summary, header)"),
    ("[budget.categories]\nfood = ['ค่าอาหาร']\n",
     "unknown key 'food' in [budget.categories] (known: compensation, operating, materials,"
     " utilities, equipment, construction, other_expense)"),
    ("[budget.categories]\ncompensation = 'ค่าเบี้ยประชุม'\n",
     "[budget.categories] compensation must be a list of words (e.g. compensation = [\"...\"])"),
    ("[header.fields]\nresponsible = [1]\n",
     "[header.fields] responsible must be a list of words (e.g. responsible = [\"...\"])"),
    ("[header.fields]\nresponsible = ['  ']\n",
     "[header.fields] responsible holds an empty or repeated word"),
    ("budget = 1\n", "[budget] must be a table of sub-sections"),
    ("[budget]\ncategories = 1\n", "[budget.categories] must be a table of key = [words]"),
    ("[budget.categories\n", "not valid TOML (Expected ']' at the end of a table declaration"
     " (at line 1, column 19))"),
])
def test_bad_file_names_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = _words(tmp_path, text)
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(path)
    assert str(raised.value) == f"{path}: {message}"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match=r"no such vocabulary file$"):
        load_vocabulary(tmp_path / "none.toml")


def test_unknown_budget_word_is_unmapped_without_the_file_and_a_category_with_it(
        tmp_path: Path) -> None:
    path = plan(tmp_path / "plan.docx", budget=BUDGET)
    without = process_file(path)
    assert [(f.kind, f.actual) for f in without.findings if f.kind == "unmapped_column"] == [
        ("unmapped_column", D("2400.00"))]
    assert [(a.header, a.dimension, a.key, a.amount) for a in without.budget_amounts
            if a.row_kind == "line"] == [
        ("ค่าวัสดุ", "category", "materials", D("1000.00")),
        ("เบี้ยประชุมกรรมการ", "other", None, D("2400.00")),
        ("รวม", "total", "total", D("3400.00"))]
    with_words = process_file(path, vocabulary=load_vocabulary(_words(tmp_path)))
    assert [(r.item, r.compensation, r.materials, r.total) for r in with_words.budget_lines] == [
        ("ประชุมคณะกรรมการ", D("2400.00"), D("1000.00"), D("3400.00"))]
    assert with_words.projects[0].budget_compensation == D("2400.00")
    assert [(a.header, a.dimension, a.key, a.amount) for a in with_words.budget_amounts
            if a.row_kind == "line"] == [
        ("ค่าวัสดุ", "category", "materials", D("1000.00")),
        ("เบี้ยประชุมกรรมการ", "category", "compensation", D("2400.00")),
        ("รวม", "total", "total", D("3400.00"))]
    assert not [f for f in with_words.findings if f.kind in ("unmapped_column", "row_sum")]


def test_funding_source_and_header_label_words(tmp_path: Path) -> None:
    header = [DEFAULT_HEADER[0], DEFAULT_HEADER[1], "ผู้ประสานงานโครงการ นางสาวสมใจ ใจดี",
              DEFAULT_HEADER[3]]
    path = plan(tmp_path / "plan.docx", summary=SUMMARY, header=header, budget=SMALL_BUDGET)
    without = process_file(path)
    assert (without.summary, without.projects[0].responsible_persons) == ([], [])
    assert [f.kind for f in without.findings if f.kind == "unclassified_table"] == [
        "unclassified_table"]
    data = process_file(path, vocabulary=load_vocabulary(_words(tmp_path)))
    assert [(s.project_name, s.budget_esa, s.budget_obec, s.budget_other)
            for s in data.summary] == [("ส่งเสริมการอ่าน", None, None, D("5000.00"))]
    assert [(a.dimension, a.key, a.amount) for a in data.summary_amounts
            if a.row_kind == "line"] == [("funding_source", "donation", D("5000.00"))]
    assert data.projects[0].responsible_persons == ["นางสาวสมใจ ใจดี"]
    assert (data.document.status, data.document.money_coverage) == ("ok", 1.0)


def _budget_lines(out: Path) -> list[tuple[str, Decimal | None]]:
    lines = pd.read_parquet(out / "budget_lines")
    return sorted((str(r.item), r.compensation) for r in lines.itertuples())


def test_extract_cli_sends_the_words_to_worker_processes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    plan(folder / "a.docx", budget=BUDGET)
    shutil.copy(plan(tmp_path / "b.docx", budget=[*BUDGET[:2], ["2", "ค่าเบี้ยประชุมอนุกรรมการ",
                                                              "-", "600", "600"], BUDGET[2]]),
                folder / "b.docx")
    out = tmp_path / "out"
    words = _words(tmp_path)
    assert main(["extract", str(folder), "--out", str(out), "--workers", "2", "--quiet",
                 "--vocabulary", str(words)]) == 0
    assert _budget_lines(out) == [("ค่าเบี้ยประชุมอนุกรรมการ", D("600.00")),
                                  ("ประชุมคณะกรรมการ", D("2400.00")),
                                  ("ประชุมคณะกรรมการ", D("2400.00"))]
    # other words are another run: nothing is skipped as unchanged
    assert main(["extract", str(folder), "--out", str(out), "--workers", "2", "--quiet"]) == 0
    assert "(2 converted, 0 unchanged;" in capsys.readouterr().out
    assert _budget_lines(out) == [("ค่าเบี้ยประชุมอนุกรรมการ", None),
                                  ("ประชุมคณะกรรมการ", None), ("ประชุมคณะกรรมการ", None)]


def test_extract_cli_bad_vocabulary_exits_2_naming_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = _words(tmp_path, "[summary.funding_sources]\nlottery = ['สลาก']\n")
    out = tmp_path / "out"
    assert main(["extract", str(plan(tmp_path / "p.docx")), "--out", str(out),
                 "--vocabulary", str(words)]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: {words}: unknown key 'lottery' in [summary.funding_sources] (known: ")
    assert not out.exists()


ROW_WORDS = """\
[budget.categories]
compensation = ["ค่าเบี้ยประชุม"]
[budget.columns]
unit_price = ["ราคาต่อชิ้น"]
"""


def _lines(path: Path, vocabulary: OfficeVocabulary | None = None) -> list[tuple[object, ...]]:
    data = process_file(path, vocabulary=vocabulary) if vocabulary else process_file(path)
    return [(r.item, r.unit_price, r.category, r.compensation, r.total)
            for r in data.budget_lines]


def test_budget_column_word(tmp_path: Path) -> None:
    path = plan(tmp_path / "plan.docx", budget=[
        ["ที่", "รายการ", "จำนวน", "หน่วย", "ราคาต่อชิ้น", "จำนวนเงิน"],
        ["1", "หนังสือนิทาน", "20", "เล่ม", "150", "3,000"],
        ["2", "กระดาษ A4", "10", "รีม", "120", "1,200"],
        ["", "รวม", "", "", "", "4,200"]])
    words = load_vocabulary(_words(tmp_path, ROW_WORDS))
    assert _lines(path) == [("หนังสือนิทาน", None, None, None, D("3000.00")),
                            ("กระดาษ A4", None, None, None, D("1200.00"))]
    assert _lines(path, words) == [("หนังสือนิทาน", D("150.00"), None, None, D("3000.00")),
                                   ("กระดาษ A4", D("120.00"), None, None, D("1200.00"))]


def test_category_words_name_heading_rows_and_items(tmp_path: Path) -> None:
    words = load_vocabulary(_words(tmp_path, ROW_WORDS))
    headings = plan(tmp_path / "headings.docx", budget=[
        ["ที่", "รายการ", "จำนวนเงิน"], ["1", "ค่าเบี้ยประชุม", ""],
        ["", "ประชุมคณะกรรมการสถานศึกษา", "2,400"], ["2", "ค่าวัสดุ", ""],
        ["", "กระดาษ", "1,000"], ["", "รวมทั้งสิ้น", "3,400"]])
    assert _lines(headings) == [("ค่าเบี้ยประชุม", None, None, None, None),
                                ("ประชุมคณะกรรมการสถานศึกษา", None, None, None, D("2400.00")),
                                ("กระดาษ", None, "materials", None, D("1000.00"))]
    assert _lines(headings, words) == [
        ("ประชุมคณะกรรมการสถานศึกษา", None, "compensation", D("2400.00"), D("2400.00")),
        ("กระดาษ", None, "materials", None, D("1000.00"))]
    items = plan(tmp_path / "items.docx", budget=[
        ["ที่", "รายการ", "จำนวนเงิน"], ["1", "ค่าเบี้ยประชุมคณะกรรมการ", "2,400"],
        ["2", "ค่าวัสดุสำนักงาน", "1,000"], ["", "รวมทั้งสิ้น", "3,400"]])
    assert _lines(items, words) == [
        ("ค่าเบี้ยประชุมคณะกรรมการ", None, "compensation", D("2400.00"), D("2400.00")),
        ("ค่าวัสดุสำนักงาน", None, "materials", None, D("1000.00"))]
    assert _lines(items)[0] == ("ค่าเบี้ยประชุมคณะกรรมการ", None, None, None, D("2400.00"))


def test_summary_column_words_make_the_table_a_summary(tmp_path: Path) -> None:
    path = plan(tmp_path / "plan.docx", budget=SMALL_BUDGET, summary=[
        ["ลำดับ", "ชื่องาน", "งบประมาณ", "ฝ่ายที่ดูแล"],
        ["1", "ส่งเสริมการอ่าน", "5,000", "ฝ่ายวิชาการ"],
        ["", "รวม", "5,000", ""]])
    without = process_file(path)
    assert without.summary == []
    assert [(f.kind, f.actual) for f in without.findings if f.kind == "unclassified_table"] == [
        ("unclassified_table", D("10000.00"))]
    words = _words(tmp_path, '[summary.columns]\nproject = ["ชื่องาน"]\n'
                             'responsible = ["ฝ่ายที่ดูแล"]\n')
    data = process_file(path, vocabulary=load_vocabulary(words))
    assert [(s.priority, s.project_name, s.budget_esa, s.unit) for s in data.summary] == [
        (1, "ส่งเสริมการอ่าน", D("5000.00"), "ฝ่ายวิชาการ")]
    assert (data.projects[0].priority, data.document.status) == (1, "ok")


def test_dask_workers_get_the_words(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from pipeline.batch import BatchOptions, run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    plan(folder / "a.docx", budget=BUDGET)
    out = tmp_path / "out"
    options = BatchOptions(workers=1, executor="dask",
                           vocabulary=load_vocabulary(_words(tmp_path)))
    assert run_batch([folder], out, options).converted == 1
    assert _budget_lines(out) == [("ประชุมคณะกรรมการ", D("2400.00"))]
