"""From the document model to the contract's rows: the plan extractor.

Flow: flatten blocks -> find summary tables and project sections -> per project read
the header, sections and tables (classified by header vocabulary, continued tables
joined) -> link projects to summary rows -> cross-check amounts. Nothing here knows
whether the document came from Word or PDF.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from itertools import pairwise

from pipeline.audit.cross_checks import ProjectAmounts, project_issues
from pipeline.audit.issues import FindingKind, Issue
from pipeline.errors import NotAPlanError
from pipeline.extract.budget_model import BudgetTable
from pipeline.extract.budget_prose import TextAmount, text_amounts, unread_text_issue
from pipeline.extract.budget_text import (
    category_split,
    closing_unmarked_lines,
    is_item_line,
    paragraph_budget,
    states_budget,
)
from pipeline.extract.choices import read_choice
from pipeline.extract.coverage import Coverage, measure_coverage
from pipeline.extract.header import HeaderFields, parse_header, split_responsible
from pipeline.extract.indicators import (
    Indicator,
    paragraph_indicators,
)
from pipeline.extract.linking import link_names
from pipeline.extract.lists import list_items
from pipeline.extract.meta import PlanMeta, read_meta
from pipeline.extract.schedule import (
    ActivityAmount,
    PlannedMonth,
)
from pipeline.extract.sections import (
    Item,
    ProjectPart,
    SectionPart,
    find_project_starts,
    flatten,
    split_project,
)
from pipeline.extract.summary import is_summary_table, parse_summary_table, strategy_of
from pipeline.extract.summary_model import SummaryLine, SummaryTable
from pipeline.extract.table_kinds import TableContext, read_project_tables
from pipeline.extract.tables import TableView, append_continuation, same_columns, view_table
from pipeline.model import Document
from pipeline.normalize.academic_year import fiscal_year_of_academic_year
from pipeline.normalize.dates import Period, parse_period
from pipeline.normalize.fiscal_year import fiscal_year_of
from pipeline.normalize.numbers import find_stated_budget, parse_int
from pipeline.normalize.text import clean_text
from pipeline.normalize.vocabulary import BUDGET_WORD
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    CONTINUED_RE,
    STRATEGY_RE,
    Column,
    HeaderField,
    Section,
)
from pipeline.provenance import Place, paragraph_block

STRATEGY_LOOKBACK = 8


@dataclass
class ProjectExtract:
    """Everything read from one project section, before ids are assigned."""

    part: ProjectPart
    strategy_no: int | None
    name: str
    header: dict[HeaderField, str | None]
    persons: list[str]
    unit: str | None
    period: Period | None
    budget_stated: Decimal | None
    budget: BudgetTable | None
    schedule: list[PlannedMonth]
    indicators: list[Indicator]
    objectives: list[str]
    rationale: str | None
    expected_results: list[str]
    issues: list[Issue] = field(default_factory=list)
    summary_index: int | None = None
    summary_score: float | None = None
    budget_stated_at: Place | None = None  # the line stating the budget
    activity_amounts: list[ActivityAmount] = field(default_factory=list)
    # The budget section's text split by category, where the budget table gives none.
    category_split: BudgetTable | None = None
    # the amounts of the budget section's text, where the budget is read from the text
    text_amounts: list[TextAmount] = field(default_factory=list)

    def category_total(self, role: Column) -> Decimal | None:
        """The project's amount of one category: its budget table's, else its text split's."""
        source = self.category_split or self.budget
        return source.category_total(role) if source is not None else None

    @property
    def place(self) -> Place:
        """Where the project's header starts."""
        return Place(page=self.part.page, block=self.part.block)


@dataclass
class PlanExtract:
    meta: PlanMeta
    summaries: list[SummaryTable]
    projects: list[ProjectExtract]
    issues: list[Issue] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)
    # every table as the extractor saw it, in document order (for `pipeline explain`)
    views: list[TableView] = field(default_factory=list)

    @cached_property
    def all_summary_lines(self) -> list[SummaryLine]:
        """Every project row of every summary table, in document order (read once: the
        summaries are complete before projects are linked to them)."""
        return [line for table in self.summaries for line in table.lines]

    @property
    def all_issues(self) -> list[Issue]:
        """The findings of every project, summary table and of the plan itself."""
        return [*(i for p in self.projects for i in p.issues),
                *(i for t in self.summaries for i in t.issues), *self.issues]

    def summary_line(self, project: ProjectExtract) -> SummaryLine | None:
        if project.summary_index is None:
            return None
        return self.all_summary_lines[project.summary_index]


def extract_plan(document: Document, vocabulary: OfficeVocabulary = BUILT_IN) -> PlanExtract:
    """The plan a document holds; `vocabulary` adds an office's own header words."""
    items = flatten(document)
    starts = find_project_starts(items)
    # the cover is what comes before the first project, never a project's own text
    cover = [i.text for i in items[: min(starts, default=len(items))] if not i.is_table]
    meta = read_meta([i.text for i in items if not i.is_table], document.furniture, cover)
    views = {i: view_table(it.table, it.number, vocabulary) for i, it in enumerate(items)
             if it.table is not None}
    for i in starts:
        if i in views:
            views[i].kinds.append("project_header")
    summaries, summary_items = _summary_tables(items, starts, views)
    if not starts and not summaries:
        raise NotAPlanError(
            f"{document.source_path}: no project section (โครงการ) and no summary table found;"
            " this does not look like an action plan"
        )
    bounds = _project_bounds(items, starts, summary_items)
    projects = [
        _project(items, start, end, meta.fiscal_year, _strategy_at(summaries, start), views,
                 vocabulary, academic_year=None if meta.fiscal_year else meta.academic_year)
        for start, end in bounds
    ]
    if meta.fiscal_year is None:
        meta = _fiscal_year_unstated(meta, projects)
    plan = PlanExtract(meta=meta, summaries=summaries, projects=projects)
    _link(plan)
    for project in plan.projects:
        project.issues.extend(project_issues(_amounts(project, plan)))
    plan.issues.extend(_unmatched_summary_issues(plan))
    plan.issues.extend(_missing_part_issues(plan))
    plan.coverage = measure_coverage(views.values())
    for project in plan.projects:
        plan.coverage.count_text(project.text_amounts)
    plan.views = list(views.values())
    plan.issues.extend(plan.coverage.issues)
    return plan


def _amounts(project: ProjectExtract, plan: PlanExtract) -> ProjectAmounts:
    """What the cross checks compare for one project (audit reads facts, not extracts)."""
    line = plan.summary_line(project)
    return ProjectAmounts(
        name=project.name, page=project.part.page, place=project.place,
        stated=project.budget_stated, stated_at=project.budget_stated_at,
        has_budget_table=project.budget is not None,
        table_total=project.budget.table_total() if project.budget else None,
        table_total_at=project.budget.table_total_place() if project.budget else None,
        in_summary=project.summary_index is not None,
        summary=line.total_budget() if line is not None else None,
        summary_at=line.budget_place() if line is not None else None,
        plan_has_summaries=bool(plan.summaries),
    )


def _fiscal_year_unstated(meta: PlanMeta, projects: Sequence[ProjectExtract]) -> PlanMeta:
    """A plan that never names its fiscal year. One written for an academic year
    ("ประจำปีการศึกษา 2566") is in the fiscal year that holds most of it, whatever its
    projects' periods (one that ends in September would otherwise pull it a year back);
    any other plan is in the fiscal year most of its project periods end in."""
    if meta.academic_year is not None:
        return replace(meta, fiscal_year=fiscal_year_of_academic_year(meta.academic_year))
    years = Counter(fiscal_year_of(p.period.end) for p in projects if p.period is not None)
    if not years:
        return meta
    return replace(meta, fiscal_year=years.most_common(1)[0][0])


# -- summary tables -------------------------------------------------------------------


def _summary_tables(
    items: Sequence[Item], starts: Sequence[int], views: dict[int, TableView]
) -> tuple[list[SummaryTable], set[int]]:
    """The summary tables (continued ones joined) and the items they occupy."""
    placed: list[tuple[int, TableView]] = []
    occupied: set[int] = set()
    first_start = min(starts, default=len(items))
    for i, view in views.items():
        if i in starts or not is_summary_table(view, inside_project=i > first_start):
            continue
        occupied.add(i)
        view.kinds.append("summary")
        if placed and _continues(items, placed[-1][0], i) and same_columns(placed[-1][1], view):
            append_continuation(placed[-1][1], view)
            continue
        placed.append((i, view))
    tables = []
    for i, view in placed:
        previous = [it.text for it in items[max(0, i - STRATEGY_LOOKBACK): i] if not it.is_table]
        table = parse_summary_table(view, strategy_of(previous))
        table.index = i
        tables.append(table)
    return tables, occupied


def _continues(items: Sequence[Item], a: int, b: int) -> bool:
    """Only blank lines, page breaks or "(ต่อ)" titles lie between two tables."""
    between = items[a + 1 : b]
    return all(
        it.page_break
        or not clean_text(it.text)
        or CONTINUED_RE.search(it.text)
        or STRATEGY_RE.search(clean_text(it.text))
        for it in between
        if not it.is_table
    ) and not any(it.is_table for it in between)


def _strategy_at(summaries: Sequence[SummaryTable], index: int) -> SummaryTable | None:
    before = [s for s in summaries if s.index < index]
    return before[-1] if before else None


def _project_bounds(
    items: Sequence[Item], starts: Sequence[int], summary_at: set[int]
) -> list[tuple[int, int]]:
    """Each project runs to the next project, or to the next summary table."""
    bounds = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(items)
        end = min([s for s in summary_at if start < s < end] + [end])
        bounds.append((start, end))
    return bounds


# -- one project ----------------------------------------------------------------------


def _project(
    items: Sequence[Item],
    start: int,
    end: int,
    fiscal_year: int | None,
    strategy: SummaryTable | None,
    table_views: dict[int, TableView],
    vocabulary: OfficeVocabulary = BUILT_IN,
    *,
    academic_year: int | None = None,
) -> ProjectExtract:
    """One project; its periods and year-less months are in `fiscal_year`, else (a plan
    by academic year) in `academic_year`."""
    part = split_project(items, start, end)
    if part.header_table is not None and part.header_table in table_views:
        table_views[part.header_table].kinds.append("project_header")
    fields = parse_header([i.text for i in part.header_items], vocabulary)
    persons, unit = split_responsible(fields.lines(HeaderField.RESPONSIBLE))
    period_text = fields.text(HeaderField.PERIOD)
    period = (parse_period(period_text, fiscal_year, academic_year=academic_year)
              if period_text else None)
    views = _project_tables(part, table_views)
    stated = _stated_budget(part, fields.text(HeaderField.BUDGET))
    tables = read_project_tables(views, TableContext(fiscal_year, period, academic_year))
    budget = BudgetTable.combined(tables.budgets) if tables.budgets else None
    written = paragraph_budget(
        [line for section in _sections(part, Section.BUDGET) for line in section.lines()],
        part.page, vocabulary, stated.value if stated else None)
    split = category_split(budget, written) if budget is not None else None
    money_in_text = [] if budget is not None else _budget_text_amounts(part, written, stated)
    if budget is None:
        budget = written
    indicators = tables.indicators
    if not indicators:
        for section in _sections(part, Section.EVALUATION):
            indicators.extend(paragraph_indicators(section.lines(), part.page,
                                                   Place(page=part.page, block=section.block)))
    header = {f: fields.text(f) for f in HeaderField}
    header[HeaderField.PROJECT_TYPE], type_issues = _project_type(part, fields)
    return ProjectExtract(
        part=part,
        strategy_no=(strategy.strategy_no if strategy and len(strategy.strategies) == 1
                     else _strategy_number(fields)),
        name=fields.text(HeaderField.NAME) or "",
        header=header,
        persons=persons,
        unit=unit or fields.text(HeaderField.UNIT),
        period=period,
        budget_stated=stated.value if stated else None,
        budget_stated_at=stated.place if stated else None,
        budget=budget,
        schedule=tables.schedule,
        indicators=indicators,
        objectives=_list_section(part, Section.OBJECTIVES),
        rationale=_text_section(part, Section.RATIONALE),
        expected_results=_list_section(part, Section.EXPECTED),
        issues=[*(budget.issues if budget else []), *(split.issues if split else []),
                *tables.issues, *type_issues, *_unread_text_issues(part, fields, money_in_text)],
        activity_amounts=tables.activity_amounts,
        category_split=split,
        text_amounts=money_in_text,
    )


def _budget_text_amounts(part: ProjectPart, written: BudgetTable | None,
                         stated: Stated | None) -> list[TextAmount]:
    """The amounts of the budget section's text, read or left (a heading's text after the
    section's name, "5. งบประมาณ จำนวน 7,000 บาท", is the section's first line)."""
    lines = [text for s in _sections(part, Section.BUDGET) for text in s.lines()]
    return text_amounts(lines, written, stated.value if stated else None)


def _unread_text_issues(part: ProjectPart, fields: HeaderFields,
                        amounts: Sequence[TextAmount]) -> list[Issue]:
    sections = _sections(part, Section.BUDGET)
    at = Place(page=part.page, block=sections[0].block if sections else part.block)
    issue = unread_text_issue(fields.text(HeaderField.NAME) or "", amounts, at)
    return [issue] if issue is not None else []


def _project_type(part: ProjectPart, fields: HeaderFields) -> tuple[str | None, list[Issue]]:
    """ลักษณะโครงการ: the ticked option of a row of boxes, else the text as written; boxes
    with none ticked state no type (a `no_option_checked` finding, not every option)."""
    choice = read_choice(fields.text(HeaderField.PROJECT_TYPE))
    if choice.value is not None or not choice.is_boxed:
        return choice.value, []
    options = ", ".join(o.text for o in choice.options)
    return None, [Issue(FindingKind.NO_OPTION_CHECKED,
                        f"ลักษณะโครงการ: ไม่ได้เลือกช่องใด ({options})",
                        source_page=part.page, at=Place(page=part.page, block=part.block,
                                                        quote=choice.written))]


def _strategy_number(fields: HeaderFields) -> int | None:
    ref = fields.text(HeaderField.STRATEGY_REF) or ""
    for token in ref.replace("(", " ").replace(")", " ").split():
        number = parse_int(token)
        if number is not None and 0 < number < 30:
            return number
    return None


def _project_tables(part: ProjectPart, table_views: dict[int, TableView]) -> list[TableView]:
    """The project's tables in order, a continued table joined to the one it continues."""
    views: list[TableView] = []
    body = part.body_items
    last_index = -1
    for i, item in enumerate(body):
        if item.table is None:
            continue
        view = table_views[part.body_start + i]
        if views and _continues(body, last_index, i) and same_columns(views[-1], view):
            append_continuation(views[-1], view)
        else:
            views.append(view)
        last_index = i
    return views


def _sections(part: ProjectPart, kind: Section) -> list[SectionPart]:
    return [s for s in part.sections if s.kind == kind]


def _list_section(part: ProjectPart, kind: Section) -> list[str]:
    items: list[str] = []
    for section in part.sections:
        if section.kind == kind:
            items.extend(list_items(section.lines()))
    return items


def _text_section(part: ProjectPart, kind: Section) -> str | None:
    lines = [line for s in part.sections if s.kind == kind for line in s.lines()]
    return clean_text(" ".join(lines)) or None


@dataclass(frozen=True)
class Stated:
    value: Decimal
    place: Place


def _stated_budget(part: ProjectPart, header_budget: str | None) -> Stated | None:
    """The amount the budget section states (or the header's งบประมาณ field).

    Each line is read alone first; only when no line states an amount by itself is a
    line read with the next one ("งบประมาณ จำนวนทั้งสิ้น" / "200,000 บาท"), so a heading's
    section number never pairs with the next line's words.
    """
    if header_budget:
        amount = find_stated_budget(f"{BUDGET_WORD} {header_budget}")
        if amount is not None:
            return Stated(amount, Place(page=part.page, block=part.block,
                                        quote=clean_text(header_budget)))
    lines = [(text, section) for section in part.sections if section.kind == Section.BUDGET
             for text in (section.heading, *section.lines()) if clean_text(text)]
    for line, section in lines:
        amount = find_stated_budget(line) if states_budget(line) else None
        if amount is not None:
            return Stated(amount, _section_place(part, section, line))
    items = set(closing_unmarked_lines([text for text, _ in lines]))  # not a stated amount
    for (line, section), (following, _) in pairwise(lines):
        if not states_budget(line) or clean_text(following) in items or is_item_line(following):
            continue
        amount = find_stated_budget(f"{line} {following}")
        if amount is not None:
            return Stated(amount, _section_place(part, section, f"{line} {following}"))
    return None


def _section_place(part: ProjectPart, section: SectionPart, text: str) -> Place:
    """A line of a section: its paragraph where known, else the section's heading."""
    number = next((i.number for i in section.items if i.text == text), None)
    block = paragraph_block(number) if number is not None else section.block
    page = next((i.page for i in section.items if i.text == text), None)
    return Place(page=page if page is not None else part.page, block=block,
                 quote=clean_text(text))


# -- linking and plan-level checks ----------------------------------------------------


def _link(plan: PlanExtract) -> None:
    """Match projects to summary rows within each strategy, then across the rest."""
    lines = plan.all_summary_lines
    taken: set[int] = set()
    groups: dict[int | None, list[int]] = {}
    for n, project in enumerate(plan.projects):
        groups.setdefault(project.strategy_no, []).append(n)
    for strategy_no, members in groups.items():
        candidates = [k for k, line in enumerate(lines)
                      if line.strategy[0] == strategy_no or strategy_no is None]
        _assign(plan, members, candidates, lines, taken)
    leftover = [n for n, p in enumerate(plan.projects) if p.summary_index is None]
    free = [k for k in range(len(lines)) if k not in taken]
    _assign(plan, leftover, free, lines, taken)
    for project in plan.projects:  # the summary row knows the strategy best
        line = plan.summary_line(project)
        if line is not None and line.strategy[0] is not None:
            project.strategy_no = line.strategy[0]


def _assign(
    plan: PlanExtract,
    members: Sequence[int],
    candidates: Sequence[int],
    lines: Sequence[SummaryLine],
    taken: set[int],
) -> None:
    candidates = [k for k in candidates if k not in taken]
    names = [plan.projects[n].name for n in members]
    summary_names = [lines[k].project_name for k in candidates]
    for i, (j, score) in link_names(names, summary_names).items():
        project = plan.projects[members[i]]
        project.summary_index, project.summary_score = candidates[j], score
        taken.add(candidates[j])


def _missing_part_issues(plan: PlanExtract) -> list[Issue]:
    """A plan without its summary table, or a summary without project sections."""
    if not plan.summaries:
        return [Issue(FindingKind.MISSING_SECTION,
                      "ไม่พบตารางสรุปโครงการ (ลำดับความสำคัญ/โครงการ/งบประมาณ/ผู้รับผิดชอบ)")]
    if not plan.projects:
        return [Issue(FindingKind.MISSING_SECTION,
                      "ไม่พบหัวข้อโครงการ: มีเพียงตารางสรุปโครงการ")]
    return []


def _unmatched_summary_issues(plan: PlanExtract) -> list[Issue]:
    linked = {p.summary_index for p in plan.projects}
    issues: list[Issue] = []
    if not plan.projects:
        return issues
    for k, line in enumerate(plan.all_summary_lines):
        if k in linked:
            continue
        issues.append(Issue(
            FindingKind.UNMATCHED_SUMMARY,
            f"โครงการในตารางสรุป '{line.project_name}' ไม่พบหัวข้อโครงการในเอกสาร",
            expected=line.total_budget(),
            source_page=line.page,
            expected_at=line.budget_place(),
        ))
    return issues
