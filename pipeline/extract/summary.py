"""Strategy summary tables: priority, project, budget by source, responsible unit.

The table's own total row (รวมงบประมาณ) is not a project: it is checked against the
sum of the rows above it (finding kind summary_total).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Final, cast

from rapidfuzz.distance import Levenshtein

from pipeline.audit.summary_checks import (
    check_summary_total,
    row_total_issue,
    unmapped_summary_columns,
)
from pipeline.extract.roles import (
    ColumnSpec,
    column_content,
    funding_key,
    funding_match,
)
from pipeline.extract.summary_model import (
    BUDGET_SOURCES,
    Strategy,
    SummaryLine,
    SummaryTable,
    contract_source,
    is_summary_money,
)
from pipeline.extract.tables import BodyRow, TableView, classify
from pipeline.normalize.glyphs import is_thai_mark
from pipeline.normalize.numbers import parse_amount, parse_int, sum_amounts
from pipeline.normalize.text import clean_text, compact
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    ACTIVITY_NAME_HEADER_RE,
    BREAKDOWN_WORDS,
    CONTINUED_RE,
    FUNDING_CONTRACT_COLUMN,
    PERIOD_HEADER_WORD,
    PROJECT_WORD,
    SOURCE_NAME_ROOTS,
    STRATEGY_CELL_RE,
    STRATEGY_RE,
    SUMMARY_COLUMN_PATTERNS,
    SUMMARY_SOURCE_ABBREVIATIONS,
    TOTAL_LABEL_RE,
    TOTAL_WORD,
    Column,
)
from pipeline.provenance import Place

MONEY_CONTENT = ("money", "number", "count")


def summary_columns(view: TableView) -> list[ColumnSpec]:
    """Each column's meaning in a summary table, with its evidence.

    Header words give the role (ผู้รับผิดชอบ, โครงการ, สพฐ. ...); a money column whose
    header names a funding source ("เงินอุดหนุนรายหัว", "เรียนฟรี 15 ปี") is a FUNDING
    column with that source's canonical key; a text column headed "แหล่งงบประมาณ" (or
    whose cells name sources) names each row's source; a column of amounts no word
    explains keeps the role MONEY (kept in summary_amounts, flagged unmapped_column).
    """
    cached = view.specs.get("summary")
    if cached is not None:
        return cast(list[ColumnSpec], cached)
    roles = view.columns(summary_patterns(view.vocabulary))
    slipped = slipped_source_words(view.headers, roles)
    specs = [_summary_column(view, c, header, roles[c]) if c not in slipped
             else _slipped_column(view, c, slipped[c])
             for c, header in enumerate(view.headers)]
    _settle_plain_amount(specs)
    view.specs["summary"] = specs
    return specs


Patterns = tuple[tuple[re.Pattern[str], Column], ...]
# A header word this many edits from a source abbreviation names that source (a scan's
# one-letter slip), when no other abbreviation is as near and its role is not taken.
MAX_ABBREVIATION_EDITS: Final = 1
# A word with a letter lost names a source only when this many of its letters are left.
MIN_LETTERS_KEPT: Final = 2


def slipped_source_words(headers: Sequence[str], roles: Sequence[Column]) -> dict[int, str]:
    """The source abbreviation meant by each unexplained or plain amount column whose
    header holds a word one letter from it (`SUMMARY_SOURCE_ABBREVIATIONS`): OCR reads
    "สพฐ." as "สพธ์." or "สพ", which no pattern finds, and the OBEC money column is lost. The
    abbreviations are one letter from each other too, so a word near several names a
    source only when the table's other columns have taken the roles of all but one of
    them (a table has one column per source)."""
    taken = set(roles)
    out: dict[int, str] = {}
    for c, header in enumerate(headers):
        if roles[c] not in (Column.UNKNOWN, Column.AMOUNT):  # "งบประมาณ สพธ์.": generic
            continue
        near = {root: role for word in header.split()
                for root, role in SUMMARY_SOURCE_ABBREVIATIONS.items()
                if _within_one_slip(_letters(word), root) and role not in taken}
        if len(set(near.values())) == 1:
            out[c] = min(near)  # สพป and สพม both name the ESA
            taken |= set(near.values())
    return out


def _slipped_column(view: TableView, c: int, root: str) -> ColumnSpec:
    """A column read as the abbreviation its header slipped from, with its own header."""
    spec = _summary_column(view, c, root, classify(root, summary_patterns(view.vocabulary)))
    spec.header = view.headers[c]
    spec.evidence.append(f"header '{view.headers[c]}' is one letter from '{root}' (OCR slip)")
    return spec


def _letters(word: str) -> str:
    """A header word without its marks and punctuation ("สพธ์." -> "สพธ")."""
    return "".join(ch for ch in word if ch.isalpha() and not is_thai_mark(ch))


def _within_one_slip(word: str, root: str) -> bool:
    """`word` is `root` with one letter misread ("สพธ" for สพฐ) or lost ("สพ" for สพฐ: at
    least two letters kept, so a lone letter names no source)."""
    fits = len(word) == len(root) or len(word) == len(root) - 1 >= MIN_LETTERS_KEPT
    return fits and Levenshtein.distance(word, root) <= MAX_ABBREVIATION_EDITS


def summary_patterns(vocabulary: OfficeVocabulary = BUILT_IN) -> Patterns:
    """The summary header patterns, an office's own words first."""
    if not vocabulary.summary_columns:
        return tuple(SUMMARY_COLUMN_PATTERNS)
    return _office_patterns(vocabulary)


@lru_cache(maxsize=16)
def _office_patterns(vocabulary: OfficeVocabulary) -> Patterns:
    own = tuple((re.compile(re.escape(word)), role)
                for role, words in vocabulary.summary_columns for word in words)
    return (*own, *SUMMARY_COLUMN_PATTERNS)


def _names_projects(header: str, vocabulary: OfficeVocabulary, *,
                    inside_project: bool = False) -> bool:
    """The header says the column lists projects (โครงการ, or an office's own word); before
    the project sections, a school's summary may list them as กิจกรรม ("ชื่อกิจกรรม"),
    which inside a project heads its activities."""
    value = compact(header)
    if not inside_project and ACTIVITY_NAME_HEADER_RE.match(value):
        return True
    return PROJECT_WORD in value or any(
        word in value for role, words in vocabulary.summary_columns if role is Column.PROJECT
        for word in words)


def _summary_column(view: TableView, c: int, header: str, role: Column) -> ColumnSpec:
    content = column_content(view, c).kind
    spec = ColumnSpec(c, header, role, content=content)
    if role is not Column.UNKNOWN:
        spec.evidence.append(f"header '{header}' ~ {role.value}")
    squeezed = compact(header)
    found = funding_match(header, view.vocabulary)
    key = found[1] if found is not None else None
    if (any(root in squeezed for root in SOURCE_NAME_ROOTS) and content not in MONEY_CONTENT) \
            or (content == "source_name" and role in (Column.UNKNOWN, Column.AMOUNT)):
        spec.role, spec.key = Column.SOURCE_NAME, None
        spec.evidence.append("the column names each row's funding source")
    elif key is not None and role in (*BUDGET_SOURCES, Column.AMOUNT, Column.UNKNOWN) \
            and content in (*MONEY_CONTENT, "empty"):
        spec.role, spec.key = Column.FUNDING, key
        spec.word = found[0] if found is not None else None
        spec.evidence.append(f"header names the funding source {key}")
    elif role is Column.UNKNOWN and content in ("money", "number"):
        spec.role = Column.MONEY
        spec.evidence.append(f"cells hold {content}; no header word explains the column")
    return spec


def _settle_plain_amount(specs: list[ColumnSpec]) -> None:
    """A plain "งบประมาณ" column beside source columns is the row's total; alone, it is the
    office's own budget (or, beside a source-name column, the named source's)."""
    sources = [s for s in specs if s.role in BUDGET_SOURCES or s.role is Column.FUNDING]
    amounts = [s for s in specs if s.role is Column.AMOUNT]
    if sources or not amounts:
        return
    spec = amounts[0]
    if any(s.role is Column.SOURCE_NAME for s in specs):
        spec.evidence.append("the amount of the source each row names")
        return
    spec.role = Column.BUDGET_ESA
    spec.evidence.append("the only budget column: the office's own budget")


def summary_roles(view: TableView) -> list[Column]:
    """Roles of a summary table's columns (see `summary_columns`)."""
    return [s.role for s in summary_columns(view)]


def is_summary_table(view: TableView, *, inside_project: bool = False) -> bool:
    """A table listing projects (not activities) with budgets and a priority or a unit.

    A ระยะเวลา column is a summary's only before the project sections start: inside a
    project, a table of กิจกรรม/ระยะเวลา/งบประมาณ/ผู้รับผิดชอบ is the project's activities.
    """
    specs = summary_columns(view)
    roles = [s.role for s in specs]
    if view.month_columns or Column.PROJECT not in roles:
        return False
    if not any(_names_projects(h, view.vocabulary, inside_project=inside_project)
               for h in view.headers):
        return False
    joined = compact(" ".join(view.headers))
    if any(x in joined for x in BREAKDOWN_WORDS):
        return False
    if inside_project and PERIOD_HEADER_WORD in joined:
        return False
    has_budget = any(contract_source(s) is not None or s.role is Column.AMOUNT for s in specs)
    return has_budget and (Column.PRIORITY in roles or Column.RESPONSIBLE in roles)


def strategy_of(previous_lines: Sequence[str]) -> Strategy:
    """The "ยุทธศาสตร์ที่ N ชื่อ" heading nearest above a summary table."""
    lines = [clean_text(line) for line in previous_lines if clean_text(line)]
    for i in range(len(lines) - 1, -1, -1):
        match = STRATEGY_RE.search(lines[i])
        if not match:
            continue
        number = parse_int(match.group(1))
        name = clean_text(CONTINUED_RE.sub("", match.group(2)))
        if not name and i + 1 < len(lines) and not STRATEGY_RE.search(lines[i + 1]):
            name = clean_text(CONTINUED_RE.sub("", lines[i + 1]))
        return number, name or None
    return None, None


def parse_summary_table(view: TableView, strategy: Strategy) -> SummaryTable:
    """Project rows, total rows, and strategy rows that head groups inside one table."""
    specs = summary_columns(view)
    col: dict[Column, int] = {}
    for spec in specs:
        col.setdefault(spec.role, spec.index)
    table = SummaryTable(strategy_no=strategy[0], strategy_name=strategy[1], specs=specs,
                         vocabulary=view.vocabulary)
    money = [s for s in specs if is_summary_money(s)]
    current = strategy
    read_columns = {s.index for s in specs if s.role is not Column.UNKNOWN}
    for row in view.rows:
        texts = row.texts()
        name = texts[col[Column.PROJECT]]
        priority_text = texts[col[Column.PRIORITY]] if Column.PRIORITY in col else ""
        by_column = {s.index: parse_amount(texts[s.index]) for s in money}
        group = _strategy_row(row.first_text(), by_column)
        if group is not None:
            current = group
            continue
        current = (_strategy_column_cell(texts, col.get(Column.STRATEGY))
                   or _strategy_cell(texts, read_columns) or current)
        source_text = texts[col[Column.SOURCE_NAME]] if Column.SOURCE_NAME in col else None
        role_columns = _role_columns(specs, source_text, table.by_named_source,
                                     view.vocabulary)
        budgets = {role: by_column[cols[0]] if len(cols) == 1  # as printed, not re-added
                   else sum_amounts(by_column[c] for c in cols)
                   for role, cols in role_columns.items()}
        column_cells = {s.index: row.cells[s.index] for s in money}
        is_total = _is_total_row(name, priority_text) or (
            not name and not priority_text and _is_total_row(row.first_text(), ""))
        if is_total and not name:
            name = row.first_text()  # "รวม" written in another column (a strategy column)
        if Column.AMOUNT in col and not table.by_named_source:
            stated = parse_amount(texts[col[Column.AMOUNT]])
            table.issues.extend(row_total_issue(
                name or priority_text, budgets, stated, row.page,
                [column_cells[c] for cols in role_columns.values() for c in cols],
                column_cells[col[Column.AMOUNT]]))
        if not name and not is_total:
            continue  # amounts of a row without a name stay unused: coverage reports them
        _mark_money_used(row, by_column)
        unit = texts[col[Column.RESPONSIBLE]] if Column.RESPONSIBLE in col else ""
        table.rows.append(SummaryLine(
            priority=None if is_total else parse_int(priority_text),
            project_name=name or priority_text,
            budgets=budgets,
            unit=unit or None,
            page=row.page,
            strategy=current,
            is_total=is_total,
            place=_name_place(row, col),
            cells={r: column_cells[cols[0]] for r, cols in role_columns.items() if cols},
            by_column=by_column,
            column_cells=column_cells,
            role_columns=role_columns,
            source_text=source_text or None,
        ))
    table.issues.extend(check_summary_total(table))
    table.issues.extend(unmapped_summary_columns(table))
    return table


def _role_columns(specs: Sequence[ColumnSpec], source_text: str | None,
                  by_named_source: bool, vocabulary: OfficeVocabulary = BUILT_IN
                  ) -> dict[Column, list[int]]:
    """Which money columns add up to each of the contract's budget columns, for one row:
    several funding columns of one kind add to one; the amount of a row that names its
    source goes to that source (to budget_esa when the row names none)."""
    out: dict[Column, list[int]] = {}
    for spec in specs:
        role = contract_source(spec)
        if role is None and by_named_source and spec.role is Column.AMOUNT:
            role = named_source(source_text, vocabulary)
        if role is not None:
            out.setdefault(role, []).append(spec.index)
    return out


def named_source(text: str | None, vocabulary: OfficeVocabulary = BUILT_IN) -> Column:
    """The contract budget column of a source named in a cell; an unknown name is another
    body's money, an empty cell the office's own."""
    if not text or not compact(text):
        return Column.BUDGET_ESA
    key = funding_key(text, vocabulary)
    return FUNDING_CONTRACT_COLUMN.get(key, Column.BUDGET_OTHER) if key else Column.BUDGET_OTHER


def _mark_money_used(row: BodyRow, by_column: dict[int, Decimal | None]) -> None:
    row.used.update(c for c, v in by_column.items() if v is not None)


def _strategy_row(text: str, budgets: dict[int, Decimal | None]) -> Strategy | None:
    """A row naming a strategy ("ยุทธศาสตร์ที่ 2 ...") with no amounts heads a group."""
    match = STRATEGY_RE.match(clean_text(text))
    if match is None or any(v for v in budgets.values()):
        return None
    return parse_int(match.group(1)), clean_text(match.group(2)) or None


def _strategy_column_cell(texts: Sequence[str], col: int | None) -> Strategy | None:
    """The strategy a row names in the table's strategy column ("กลยุทธ์ที่ 1 พัฒนา...",
    "1", "๒. พัฒนาครู"); an empty cell (merged down from the row above) names none."""
    if col is None:
        return None
    text = clean_text(texts[col])
    match = STRATEGY_CELL_RE.match(text)
    if match is None:
        return None
    return parse_int(match.group(1)), clean_text(match.group(2)) or None


def _strategy_cell(texts: Sequence[str], role_columns: set[int]) -> Strategy | None:
    """The strategy a project row names in a column of its own ("ยุทธศาสตร์ที่ 1 ...",
    often one cell merged down over the strategy's projects)."""
    for c, text in enumerate(texts):
        if c in role_columns or not text:
            continue
        match = STRATEGY_RE.match(clean_text(text))
        if match is not None:
            return parse_int(match.group(1)), clean_text(match.group(2)) or None
    return None


def _is_total_row(name: str, priority_text: str) -> bool:
    """"รวมงบประมาณ", "รวมยุทธศาสตร์ที่ 1", "รวมทั้งสิ้น": a total, not a project."""
    if parse_int(priority_text) is not None:
        return False
    for text in (name, priority_text):
        squeezed = compact(text)
        if TOTAL_LABEL_RE.match(squeezed) or (squeezed.startswith(TOTAL_WORD)
                                              and len(squeezed) < 40):
            return True
    return False


def _name_place(row: BodyRow, col: dict[Column, int]) -> Place:
    cell = row.cells[col[Column.PROJECT]]
    return cell.place if cell.row is not None and not cell.is_empty else row.place
