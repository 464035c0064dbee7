"""Column roles by evidence: header words (fuzzy), what the cells hold, and arithmetic.

Every body writes its tables its own way: "ค่าตอบแทน" may be typed "ตอบแทน" or
"ค่าตอบเเทน" (two sara e), a money column may be headed by a word no list knows, a
category may be written in a cell of each row instead of in the header. So a column's
role is decided from three kinds of evidence, kept with the choice:

1. its header, matched on Thai word roots over compact text (exact, else rapidfuzz's
   partial ratio for long roots),
2. its content (money, counts, unit words, marks, category or funding-source names),
3. arithmetic: quantity x unit price = amount, categories add up to the row total.

No role is ever taken from a column's position. A column holding money that no evidence
explains keeps the role MONEY: its cells still land in `budget_amounts` and an
`unmapped_column` finding names it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Final

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.extract.tables import TableView

# Moved below the readers (normalize.headers); re-exported for the extractor's modules.
from pipeline.normalize.headers import HeaderMatch as HeaderMatch
from pipeline.normalize.headers import funding_key as funding_key
from pipeline.normalize.headers import funding_match as funding_match
from pipeline.normalize.headers import match_header as match_header
from pipeline.normalize.headers import split_quantity as split_quantity
from pipeline.normalize.numbers import parse_amount
from pipeline.normalize.text import compact, to_arabic_digits
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    BUDGET_RULES,
    CATEGORY_NAME_KEYS,
    MARK_TEXTS,
    UNIT_WORDS,
    Column,
    Rule,
    without_category_lead,
)

MOSTLY = 0.6  # share of a column's filled cells that decides its content type
MONEY_SHAPED_RE = re.compile(r"[0-9],[0-9]{3}|\.[0-9]{2}$")


class Dimension(StrEnum):
    """What a money column splits the money by (budget_amounts.dimension)."""

    CATEGORY = "category"
    FUNDING_SOURCE = "funding_source"
    QUARTER = "quarter"
    TOTAL = "total"
    OTHER = "other"


CATEGORY_ROLES = (Column.COMPENSATION, Column.OPERATING, Column.MATERIALS, Column.UTILITIES,
                  Column.EQUIPMENT, Column.CONSTRUCTION, Column.OTHER_EXPENSE)
FUNDING_ROLES = (Column.OFF_BUDGET, Column.FUNDING, Column.BUDGET_ESA, Column.BUDGET_OBEC,
                 Column.BUDGET_OTHER)
MONEY_ROLES = (*CATEGORY_ROLES, *FUNDING_ROLES, Column.QUARTER, Column.TOTAL, Column.AMOUNT,
               Column.MONEY)


def budget_rules(vocabulary: OfficeVocabulary = BUILT_IN) -> tuple[Rule, ...]:
    """The budget header rules, an office's own words first (they win over built-in ones)."""
    if vocabulary.is_empty:
        return BUDGET_RULES
    return _office_rules(vocabulary)


@lru_cache(maxsize=16)
def _office_rules(vocabulary: OfficeVocabulary) -> tuple[Rule, ...]:
    own = [Rule(role, words) for role, words in vocabulary.categories]
    own += [Rule(role, words) for role, words in vocabulary.budget_columns]
    own += [Rule(Column.FUNDING, words, key) for key, words in vocabulary.funding_sources]
    return (*own, *BUDGET_RULES)



def _column_match(view: TableView, col: int, rules: tuple[Rule, ...]) -> HeaderMatch:
    """The bottom header cell decides (a sub-column "ค่าวัสดุ" under a group "งบประมาณ"),
    unless it says nothing specific ("(บาท)"): then the whole header does."""
    whole = match_header(view.headers[col], rules)
    parts = view.header_parts[col] if col < len(view.header_parts) else []
    if len(parts) < 2:
        return whole
    bottom = match_header(parts[-1], rules)
    if bottom.role in (Column.UNKNOWN, Column.AMOUNT):
        return whole
    return bottom



# Every built-in category word, for one test before looking for which.
_CATEGORY_WORDS: Final = tuple(CATEGORY_NAME_KEYS)



def category_key(text: str, vocabulary: OfficeVocabulary = BUILT_IN) -> Column | None:
    """The expense category a cell names ("ค่าวัสดุ", "หมวดค่าใช้สอย")."""
    value = without_category_lead(compact(text))
    own = next((role for word, role in vocabulary.category_names() if value.startswith(word)),
               None) if vocabulary.categories else None
    if own or not value.startswith(_CATEGORY_WORDS):  # one test instead of one per word
        return own
    return next((role for word, role in CATEGORY_NAME_KEYS.items() if value.startswith(word)),
                None)


# -- content ---------------------------------------------------------------------------


@dataclass
class Content:
    """What a column's filled body cells hold."""

    filled: int = 0
    amounts: int = 0
    money_shaped: int = 0
    small_ints: int = 0
    unit_words: int = 0
    marks: int = 0
    category_names: int = 0
    source_names: int = 0

    def share(self, count: int) -> float:
        return count / self.filled if self.filled else 0.0

    @property
    def kind(self) -> str:
        if not self.filled:
            return "empty"
        if self.share(self.category_names) >= MOSTLY:
            return "category_name"
        if self.share(self.source_names) >= MOSTLY:
            return "source_name"
        if self.share(self.amounts) >= MOSTLY:
            if self.money_shaped:
                return "money"
            return "count" if self.small_ints == self.amounts else "number"
        if self.share(self.unit_words) >= MOSTLY:
            return "unit"
        if self.share(self.marks) >= MOSTLY:
            return "mark"
        return "text"


def column_content(view: TableView, col: int) -> Content:
    content = Content()
    for row in view.rows:
        text = row.cells[col].text if col < len(row.cells) else ""
        value = compact(text)
        if not value:
            continue
        content.filled += 1
        amount = parse_amount(text)
        if amount is not None:
            content.amounts += 1
            if MONEY_SHAPED_RE.search(to_arabic_digits(value)) or amount >= 1000:
                content.money_shaped += 1
            if amount == amount.to_integral_value() and 0 <= amount < 1000:
                content.small_ints += 1
        elif value in UNIT_WORDS:
            content.unit_words += 1
        elif value in MARK_TEXTS:
            content.marks += 1
        if len(value) <= 20 and category_key(value, view.vocabulary) is not None:
            content.category_names += 1
        if len(value) <= 30 and funding_key(value, view.vocabulary) is not None:
            content.source_names += 1
    return content


# -- the columns of one table ------------------------------------------------------------


@dataclass
class ColumnSpec:
    """One grid column's meaning, with the evidence that chose it."""

    index: int
    header: str
    role: Column
    key: str | None = None
    score: float = 0.0
    content: str = "empty"
    evidence: list[str] = field(default_factory=list)
    word: str | None = None  # the vocabulary root the header matched

    @property
    def is_money(self) -> bool:
        return self.role in MONEY_ROLES

    @property
    def dimension(self) -> Dimension | None:
        if self.role in CATEGORY_ROLES:
            return Dimension.CATEGORY
        if self.role in FUNDING_ROLES:
            return Dimension.FUNDING_SOURCE
        if self.role is Column.QUARTER:
            return Dimension.QUARTER
        if self.role in (Column.TOTAL, Column.AMOUNT):
            return Dimension.TOTAL
        if self.role is Column.MONEY:
            return Dimension.OTHER
        return None

    @property
    def canonical_key(self) -> str | None:
        if self.role in CATEGORY_ROLES:
            return self.role.value
        if self.role is Column.TOTAL:
            return "total"
        if self.role is Column.AMOUNT:
            return "subtotal"
        if self.role in (Column.BUDGET_ESA, Column.BUDGET_OBEC, Column.BUDGET_OTHER):
            return self.key or self.role.value
        return self.key


def unmapped_column_issue(spec: ColumnSpec, total: Decimal | None, page: int | None,
                          dataset: str, where: str = "") -> Issue:
    """A money column no evidence explains (kind unmapped_column): its cells are kept in
    `dataset` with dimension "other", and the auditor is told its header and sum."""
    return Issue(
        FindingKind.UNMAPPED_COLUMN,
        f"{where}คอลัมน์ '{spec.header or f'ที่ {spec.index + 1}'}' มีจำนวนเงินแต่ไม่ทราบความหมาย"
        f" (ผลรวม {baht(total)} บาท): เก็บไว้ใน {dataset} มิติ other",
        actual=total,
        source_page=page,
    )


def budget_columns(view: TableView) -> list[ColumnSpec]:
    """Column roles of a budget table from header, content and arithmetic."""
    specs = []
    for c, header in enumerate(view.headers):
        match = _column_match(view, c, budget_rules(view.vocabulary))
        content = column_content(view, c)
        spec = ColumnSpec(c, header, match.role, match.key, match.score, content.kind,
                          word=match.word)
        if match.role is not Column.UNKNOWN:
            spec.evidence.append(f"header '{header}' ~ {match.role.value} ({match.score:.0f})")
        _settle_by_content(spec, content, view.vocabulary)
        specs.append(spec)
    _settle_totals(specs)
    _settle_quantity(view, specs)
    return specs


def _settle_by_content(spec: ColumnSpec, content: Content,
                       vocabulary: OfficeVocabulary = BUILT_IN) -> None:
    """Content overrules or completes the header where the header cannot be right."""
    kind = content.kind
    if kind == "category_name" and spec.role not in (*CATEGORY_ROLES, Column.ITEM):
        spec.role, spec.key = Column.CATEGORY_NAME, None
        spec.evidence.append("cells name expense categories")
    elif kind == "source_name" and spec.role not in (Column.ITEM, *FUNDING_ROLES):
        spec.role, spec.key = Column.SOURCE_NAME, None
        spec.evidence.append("cells name funding sources")
    elif kind == "unit" and spec.role in (Column.UNKNOWN, Column.QUANTITY, Column.UNIT_WORD):
        spec.role = Column.UNIT_WORD
        spec.evidence.append("cells are unit words")
    elif kind in ("money", "number") and spec.role in (Column.UNKNOWN, Column.PERIOD,
                                                       Column.RESPONSIBLE):
        spec.role = Column.MONEY
        spec.evidence.append(f"cells hold {kind}; no header word explains the column")
    elif kind == "count" and spec.role is Column.UNKNOWN:
        spec.role = Column.QUANTITY
        spec.evidence.append("cells hold small whole numbers")
    if spec.role in (Column.CATEGORY_NAME, Column.SOURCE_NAME) and kind not in (
            "category_name", "source_name", "text", "empty"):
        # a header "หมวดค่าวัสดุ" over amounts is a category column, not a name column
        role = category_key(spec.header, vocabulary)
        spec.role = role if role is not None else Column.AMOUNT
        spec.evidence.append(f"cells hold {kind}, so the header names the amounts' category")
    spec.content = kind


def _settle_totals(specs: Sequence[ColumnSpec]) -> None:
    """Several "รวม" columns: the rightmost is the grand total, the others subtotals."""
    totals = [s for s in specs if s.role is Column.TOTAL]
    for spec in totals[:-1]:
        spec.role = Column.AMOUNT
        spec.evidence.append("a total column left of another total: a subtotal")
    has_money = any(s.role in CATEGORY_ROLES or s.role in FUNDING_ROLES
                    or s.role is Column.QUARTER for s in specs)
    unknown = [s for s in specs if s.role is Column.MONEY]
    if not totals and not has_money and len(unknown) == 1 and \
            not any(s.role is Column.AMOUNT for s in specs):
        spec = unknown[0]
        spec.role = Column.AMOUNT
        spec.evidence.append("the table's only money column: its amount")


def _settle_quantity(view: TableView, specs: Sequence[ColumnSpec]) -> None:
    """A "จำนวน" column is a quantity beside a unit price, else an amount; the product
    quantity x unit price = the row's amount confirms it."""
    price = next((s for s in specs if s.role is Column.UNIT_PRICE), None)
    for spec in specs:
        if spec.role is not Column.QUANTITY:
            continue
        others = [s for s in specs if s.is_money and s is not spec]
        if price is None and spec.content == "money" and not others:
            spec.role = Column.AMOUNT
            spec.evidence.append("no unit price and the cells hold money: an amount")
            continue
        if price is not None:
            closed = _products_close(view, spec.index, price.index,
                                     [s.index for s in others if s is not price])
            spec.evidence.append(f"quantity x unit price = amount on {closed} rows")


def _products_close(view: TableView, q_col: int, p_col: int, amount_cols: list[int]) -> int:
    closed = 0
    for row in view.rows:
        quantity = _number(row.cells[q_col].text)
        price = parse_amount(row.cells[p_col].text)
        if quantity is None or price is None:
            continue
        amounts = [parse_amount(row.cells[c].text) for c in amount_cols]
        if any(a is not None and a == quantity * price for a in amounts):
            closed += 1
    return closed


def _number(text: str) -> Decimal | None:
    """A quantity cell: "20", "20 คน", "๒๐ ชุด"."""
    return split_quantity(text)[0]
