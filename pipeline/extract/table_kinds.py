"""The kinds of table a project holds, each a classifier and a reader, in one registry.

A project's tables are read by what they are, not by where they stand: a budget table, a
Gantt chart of months, an activity plan with a period column, an evaluation table. Each
kind is one `TableKind`: `classify(view)` says whether a table is of the kind (from its
header roles and cell content), `read(view, context)` turns it into a `TableReading`
(budget lines, planned months, activity amounts, indicators, findings). The project reader
(`plan._project`) only walks `PROJECT_TABLE_KINDS`.

Adding a kind is one module with its two functions and one line here. Kinds are tried in
order. An `exclusive` kind claims the table: the first exclusive kind that fits is the
only one of them read (a Gantt chart with an amount column is not also a period table).
A non-exclusive kind (budget) is read wherever it fits, alongside an exclusive one.

The plan-level kinds are not here, since they decide where the projects are rather than
what a project holds: the strategy summary (`summary.is_summary_table`, read in
`plan._summary_tables`) and the project header table (`sections.find_project_starts`).
Every kind a table was read as is noted in `TableView.kinds` (`pipeline explain`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.audit.issues import FindingKind, Issue
from pipeline.extract.budget import is_budget_table, parse_budget_table
from pipeline.extract.budget_model import BudgetTable
from pipeline.extract.indicators import Indicator, is_evaluation_table, table_indicators
from pipeline.extract.schedule import (
    ActivityAmount,
    PlannedMonth,
    activity_amounts,
    gantt_months,
    is_gantt_table,
    is_period_table,
    period_months,
    undated_columns,
)
from pipeline.extract.tables import TableView
from pipeline.normalize.dates import Period
from pipeline.normalize.vocabulary import THAI_MONTH_ABBREVIATIONS
from pipeline.provenance import Place, table_block


@dataclass(frozen=True)
class TableContext:
    """What a project tells its tables: the years its months fall in, its period."""

    fiscal_year: int | None
    period: Period | None
    academic_year: int | None = None


@dataclass
class TableReading:
    """What one table gave its project."""

    budgets: list[BudgetTable] = field(default_factory=list)
    schedule: list[PlannedMonth] = field(default_factory=list)
    activity_amounts: list[ActivityAmount] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def add(self, other: TableReading) -> None:
        self.budgets.extend(other.budgets)
        self.schedule.extend(other.schedule)
        self.activity_amounts.extend(other.activity_amounts)
        self.indicators.extend(other.indicators)
        self.issues.extend(other.issues)


@dataclass(frozen=True)
class TableKind:
    """One kind of project table: its name (as `pipeline explain` shows it), how it is
    recognised and how it is read."""

    name: str
    classify: Callable[[TableView], bool]
    read: Callable[[TableView, TableContext], TableReading]
    exclusive: bool = True


def read_budget(view: TableView, context: TableContext) -> TableReading:
    return TableReading(budgets=[parse_budget_table(view)])


def read_gantt(view: TableView, context: TableContext) -> TableReading:
    """The months each activity is marked in, its amounts, and the months no year places."""
    months = gantt_months(view, context.fiscal_year, context.period,
                          academic_year=context.academic_year)
    return TableReading(schedule=months, activity_amounts=activity_amounts(view),
                        issues=undated_issue(view, context) + month_header_issues(view))


def read_period(view: TableView, context: TableContext) -> TableReading:
    return TableReading(schedule=period_months(view, context.fiscal_year,
                                               academic_year=context.academic_year))


def read_evaluation(view: TableView, context: TableContext) -> TableReading:
    return TableReading(indicators=table_indicators(view))


def month_header_issues(view: TableView) -> list[Issue]:
    """Every month header of a scan read as its run's month instead of what OCR read
    (`tables.months_in_sequence`): the marks under it moved, so the reader must see it."""
    page = view.table.page
    return [Issue(FindingKind.OCR_UNCERTAIN,
                  f"page {page}: a Gantt month header read '{header.text}' (month"
                  f" {header.read_month}) between the months of the columns beside it; taken"
                  f" as {THAI_MONTH_ABBREVIATIONS[header.month - 1]} (month {header.month}),"
                  " the month its place in the run of months says",
                  source_page=page, at=Place(page=page, block=table_block(view.table_no)))
            for header in view.month_columns.values()
            if header.read_month is not None and header.month is not None]


def undated_issue(view: TableView, context: TableContext) -> list[Issue]:
    """A Gantt chart whose month columns no year places: the plan names no fiscal year, the
    project no period, the columns no year. Its marks are not in `schedule`; say so."""
    columns = undated_columns(view, context.fiscal_year, context.period,
                              academic_year=context.academic_year)
    if not columns:
        return []
    return [Issue(FindingKind.UNDATED_SCHEDULE,
                  f"ตาราง Gantt: เดือน {', '.join(columns)} ไม่ระบุปี และแผน/โครงการไม่ระบุ"
                  " ปีงบประมาณหรือระยะเวลา จึงไม่ได้บันทึกลง schedule",
                  source_page=view.table.page,
                  at=Place(page=view.table.page, block=table_block(view.table_no)))]


PROJECT_TABLE_KINDS: tuple[TableKind, ...] = (
    TableKind("budget", is_budget_table, read_budget, exclusive=False),
    TableKind("gantt", is_gantt_table, read_gantt),
    TableKind("period", is_period_table, read_period),
    TableKind("evaluation", is_evaluation_table, read_evaluation),
)


def read_project_tables(views: Sequence[TableView], context: TableContext,
                        kinds: Sequence[TableKind] = PROJECT_TABLE_KINDS) -> TableReading:
    """Every table of a project read as each kind it is (see the module docstring), the
    readings in table order; each kind read is noted in the table's `kinds`."""
    reading = TableReading()
    for view in views:
        claimed = False
        for kind in kinds:
            if (kind.exclusive and claimed) or not kind.classify(view):
                continue
            view.kinds.append(kind.name)
            reading.add(kind.read(view, context))
            claimed = claimed or kind.exclusive
    return reading
