"""Amounts written in a budget section's text: which landed in a dataset, which did not.

A project with no budget table often writes its money in sentences ("ได้รับจัดสรร 6,500
บาท", "จัดซื้อวัสดุ เป็นเงิน 5,000 บาท"). The text reader (`budget_text`) takes the lines
it has evidence for as budget lines, and the stated budget is `projects.budget_stated`;
any other amount in baht was once dropped without a word. Each is counted here, so it
enters `documents.money_coverage` and an `unclassified_text` finding quotes it.

Only a project whose budget comes from its text (or that has none) is counted: where a
budget table exists, the text restates the table's money.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.extract.budget_model import BudgetTable
from pipeline.normalize.formulas import find_formulas, find_rate_formulas
from pipeline.normalize.numbers import find_amounts, to_baht
from pipeline.normalize.text import clean_text, to_arabic_digits
from pipeline.normalize.vocabulary.plan import BAHT_AFTER_RE, Column
from pipeline.provenance import Place

MAX_QUOTED_LINES = 4  # lines quoted in one unclassified_text message
# A number written like money: thousands set apart ("1,350") or satang ("675.00"), not a
# year or a count ("2567", "30").
MONEY_SHAPE_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+\.\d{2}")


@dataclass(frozen=True)
class TextAmount:
    """An amount in baht on a line of the budget section, and whether a dataset has it."""

    line: str
    amount: Decimal
    read: bool


def baht_amounts(line: str) -> list[Decimal]:
    """The amounts in baht a line writes, a cost formula's operands left out ("50 คน x 30
    บาท = 1,500 บาท" holds one amount of money, 1,500); a line with none that ends with a
    number written like money ("4 ค่าอาหารว่างค่าใช้สอย 1,350": a budget typed with tabs,
    its cells run together in a PDF) holds that one."""
    text = clean_text(line)
    spans = [(text.find(f.text), text.find(f.text) + len(f.text))
             for f in (*find_formulas(text), *find_rate_formulas(text)) if f.text in text]
    numbers = find_amounts(text)
    amounts = [to_baht(a.value) for a in numbers
               if BAHT_AFTER_RE.match(text, a.end)
               and not any(start <= a.start and a.end <= end for start, end in spans)]
    if not amounts and numbers and numbers[-1].end == len(text) \
            and MONEY_SHAPE_RE.fullmatch(to_arabic_digits(numbers[-1].text)):
        amounts.append(to_baht(numbers[-1].value))
    return amounts


def text_amounts(lines: Sequence[str], budget: BudgetTable | None,
                 stated: Decimal | None) -> list[TextAmount]:
    """Every amount in baht of the section's `lines`: read when its line is part of a
    budget line of `budget` (read from this text) or of the subtotal heading a group of
    them, when a budget line cut out of the line has it, or when it is the stated budget
    (its first appearance), else left."""
    used = list(budget.entries) if budget is not None else []
    pending = stated
    out: list[TextAmount] = []
    for raw in lines:
        line = clean_text(raw)
        if not line:
            continue
        in_budget = any(line in entry.item or line in (entry.group or "") for entry in used)
        # budget lines cut out of this line (a sentence's clauses): their amounts are read
        clauses = [entry.amounts.get(Column.TOTAL) for entry in used
                   if entry.item in line and entry.item != line]
        for amount in baht_amounts(line):
            read = in_budget or amount in clauses or amount == pending
            if amount in clauses:
                clauses.remove(amount)
            elif not in_budget and read:
                pending = None
            out.append(TextAmount(line, amount, read))
    return out


def unread_text_issue(name: str, amounts: Sequence[TextAmount], at: Place) -> Issue | None:
    """An `unclassified_text` finding quoting the amounts no dataset took, or None."""
    left = [a for a in amounts if not a.read]
    if not left:
        return None
    total = sum((a.amount for a in left), Decimal(0))
    quoted = "; ".join(f"'{a.line}'" for a in left[:MAX_QUOTED_LINES])
    return Issue(
        FindingKind.UNCLASSIFIED_TEXT,
        f"โครงการ '{name}': ข้อความหัวข้องบประมาณมีจำนวนเงิน {len(left)} จำนวน"
        f" (ผลรวม {baht(total)} บาท) ที่ไม่ได้อ่านเข้าชุดข้อมูลใด: {quoted}",
        actual=total, source_page=at.page, at=Place(page=at.page, block=at.block,
                                                     quote=left[0].line),
    )
