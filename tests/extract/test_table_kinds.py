"""The registry of project table kinds (issue 9 item 8): a kind is a classifier and a
reader; the project reader only walks the registry, so a new kind is one module."""

from __future__ import annotations

from decimal import Decimal

from pipeline.extract.table_kinds import (
    PROJECT_TABLE_KINDS,
    TableContext,
    TableKind,
    TableReading,
    read_project_tables,
)
from pipeline.extract.tables import TableView, view_table
from pipeline.model import Cell, Table
from pipeline.normalize.vocabulary.plan import Column

CONTEXT = TableContext(fiscal_year=2566, period=None)


def grid(rows: list[list[str]]) -> Table:
    cells = [Cell(row=r, col=c, lines=(text,)) for r, row in enumerate(rows)
             for c, text in enumerate(row)]
    return Table(cells=cells, n_rows=len(rows), n_cols=len(rows[0]))


BUDGET = [["ที่", "รายการ", "ค่าตอบแทน", "ค่าวัสดุ", "รวม"],
          ["1", "วิทยากร", "3,600", "", "3,600"],
          ["2", "กระดาษ", "", "1,200", "1,200"]]
EVALUATION = [["ตัวชี้วัดความสำเร็จ", "วิธีการวัดและประเมินผล", "เครื่องมือที่ใช้"],
              ["ร้อยละ 80 ของนักเรียนผ่านเกณฑ์", "ทดสอบ", "แบบทดสอบ"]]


def test_registry_reads_budget_and_evaluation_tables_by_kind() -> None:
    budget, evaluation = view_table(grid(BUDGET), 0), view_table(grid(EVALUATION), 1)
    reading = read_project_tables([budget, evaluation], CONTEXT)
    assert budget.kinds == ["budget"] and evaluation.kinds == ["evaluation"]
    [table] = reading.budgets
    assert [(e.item, e.amounts.get(Column.COMPENSATION), e.amounts.get(Column.MATERIALS))
            for e in table.lines] == [("วิทยากร", Decimal("3600"), None),
                                      ("กระดาษ", None, Decimal("1200"))]
    assert [i.indicator for i in reading.indicators] == ["ร้อยละ 80 ของนักเรียนผ่านเกณฑ์"]
    assert reading.schedule == [] and reading.issues == []


def test_a_new_kind_is_one_entry_and_exclusive_kinds_claim_a_table() -> None:
    """A kind added without touching the project reader is read; the first exclusive kind
    that fits claims the table, a non-exclusive one is read alongside."""
    def has_four_columns(view: TableView) -> bool:
        return view.table.n_cols == 4

    seen: list[str] = []

    def note(name: str) -> TableKind:
        def read(view: TableView, context: TableContext) -> TableReading:
            seen.append(f"{name}:{view.table_no}")
            return TableReading()
        return TableKind(name, has_four_columns, read)

    four = view_table(grid([["a", "b", "c", "d"], ["1", "2", "3", "4"]]), 7)
    three = view_table(grid([["a", "b", "c"], ["1", "2", "3"]]), 8)
    kinds = (TableKind("always", lambda view: True, note("always").read, exclusive=False),
             note("first"), note("second"))
    read_project_tables([four, three], CONTEXT, kinds)
    assert seen == ["always:7", "first:7", "always:8"]
    assert four.kinds == ["always", "first"] and three.kinds == ["always"]


def test_registry_names_are_the_kinds_explain_shows() -> None:
    assert [k.name for k in PROJECT_TABLE_KINDS] == ["budget", "gantt", "period", "evaluation"]
    assert [k.exclusive for k in PROJECT_TABLE_KINDS] == [False, True, True, True]
