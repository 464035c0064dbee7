"""A summary column whose source abbreviation a scan misread by one letter ("สพธ์." for
สพฐ.) keeps its role when the table's other columns leave only one source it can be
(issue 13: the OBEC money column of the yasothon2 scans was lost)."""

from __future__ import annotations

from pipeline.extract.summary import slipped_source_words, summary_columns
from pipeline.extract.tables import view_table
from pipeline.model import Cell, Table
from pipeline.normalize.vocabulary.plan import Column

# as the yasothon2 scans read their summary's header (a group "งบประมาณ" over each source)
HEADERS = ["ที่", "โครงการ", "งบประมาณ สพ ป.", "งบประมาณ สพธ์.", "งบประมาณ หน่วยงานอื่น",
           "ผู้รับผิดชอบ"]
ROLES = [Column.PRIORITY, Column.PROJECT, Column.BUDGET_ESA, Column.AMOUNT,
         Column.BUDGET_OTHER, Column.RESPONSIBLE]


def grid(rows: list[list[str]]) -> Table:
    cells = [Cell(row=r, col=c, lines=(text,)) for r, row in enumerate(rows)
             for c, text in enumerate(row)]
    return Table(cells=cells, n_rows=len(rows), n_cols=len(rows[0]))


def test_a_slipped_abbreviation_takes_the_one_source_role_left() -> None:
    # สพธ is one letter from สพฐ (OBEC) and from สพป/สพม (ESA); the สพป. column has ESA
    assert slipped_source_words(HEADERS, ROLES) == {3: "สพฐ"}


def test_a_slip_near_two_free_sources_names_none() -> None:
    roles = [Column.PRIORITY, Column.PROJECT, Column.UNKNOWN, Column.UNKNOWN]
    assert slipped_source_words(["ที่", "โครงการ", "สพธ์.", "รวม"], roles) == {}


def test_words_two_letters_off_or_of_another_length_are_not_slips() -> None:
    roles = [Column.BUDGET_ESA, Column.UNKNOWN, Column.UNKNOWN, Column.UNKNOWN]
    assert slipped_source_words(["สพป.", "สขธ.", "สพฐฐ", "งบ"], roles) == {}


def test_the_summary_reads_the_slipped_column_as_obec_money() -> None:
    view = view_table(grid([HEADERS,
                            ["1", "นิเทศติดตาม", "200,000", "-", "-", "กลุ่มนิเทศ"],
                            ["2", "ประชาสัมพันธ์", "20,000", "5,000", "-", "กลุ่มอำนวยการ"]]),
                      0)
    specs = summary_columns(view)
    # as a "สพฐ." header would be: the OBEC's money, with the header as printed
    assert [(s.role, s.key) for s in specs][2:4] == [(Column.FUNDING, "budget_esa"),
                                                    (Column.FUNDING, "budget_obec")]
    assert specs[3].header == "งบประมาณ สพธ์."
    assert specs[3].evidence[-1] == (
        "header 'งบประมาณ สพธ์.' is one letter from 'สพฐ' (OCR slip)")


def test_a_word_with_one_letter_lost_takes_the_one_source_role_left() -> None:
    # "สพฐ." read "สพ": a letter short of สพฐ, สพป and สพม; the สพป. column has ESA
    headers = ["ที่", "โครงการ", "สพป.", "สพ", "อื่น ๆ"]
    roles = [Column.PRIORITY, Column.PROJECT, Column.BUDGET_ESA, Column.UNKNOWN,
             Column.BUDGET_OTHER]
    assert slipped_source_words(headers, roles) == {3: "สพฐ"}


def test_a_lost_letter_near_two_free_sources_or_a_lone_letter_names_none() -> None:
    roles = [Column.PRIORITY, Column.PROJECT, Column.UNKNOWN, Column.UNKNOWN]
    assert slipped_source_words(["ที่", "โครงการ", "สพ", "รวม"], roles) == {}
    obec_taken = [Column.BUDGET_OBEC, Column.UNKNOWN, Column.UNKNOWN, Column.UNKNOWN]
    # one letter short of สพป, but two letters short or a lone letter is no slip
    assert slipped_source_words(["สพฐ.", "ส", "พ", "ส.ป"], obec_taken) == {3: "สพป"}
