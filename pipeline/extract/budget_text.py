"""Budgets written as a list instead of a table ("5.1 ค่าหนังสือ ... เป็นเงิน 10,000 บาท").

Many school plans itemise the budget in the budget section's paragraphs. Each item that
ends with an amount in baht becomes a budget line; "ค่าตอบแทน"/"ค่าใช้สอย"/"ค่าวัสดุ"
headings give the category, and a "รวม..." line is the total, checked like a table's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from pipeline.audit.budget_checks import (
    check_category_headings,
    check_category_split,
    check_formulas,
    check_totals,
)
from pipeline.extract.budget import assign_row_categories, category_heading
from pipeline.extract.budget_model import CATEGORIES, BudgetEntry, BudgetTable
from pipeline.extract.lists import has_marker, non_empty_lines
from pipeline.extract.sections import section_heading
from pipeline.normalize.formulas import find_formula
from pipeline.normalize.numbers import AmountMatch, find_amounts, is_figures_amount
from pipeline.normalize.text import clean_text, compact
from pipeline.normalize.vocabulary import BAHT
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    BAHT_AFTER_RE,
    LIST_MARKER_RE,
    STATED_BUDGET_WORDS,
    SUBTOTAL_LEAD_WORDS,
    TOTAL_ROW_RE,
    Column,
    Section,
)


def line_amount(text: str) -> Decimal | None:
    """The amount an item line ends with: its last "N บาท" outside any written formula."""
    found = _line_amount_match(clean_text(text))
    return found.value if found is not None else None


def _line_amount_match(cleaned: str) -> AmountMatch | None:
    formula = find_formula(cleaned)
    formula_end = cleaned.find(formula.text) + len(formula.text) if formula else -1
    for match in reversed(find_amounts(cleaned)):
        if not BAHT_AFTER_RE.match(cleaned, match.end):
            continue
        return match if match.start >= formula_end else None
    return None


def paragraph_budget(lines: Sequence[str], page: int | None,
                     vocabulary: OfficeVocabulary = BUILT_IN,
                     stated: Decimal | None = None) -> BudgetTable | None:
    """Budget lines from list items of the budget section, or None if it lists none;
    `stated` is the project's stated budget (it confirms items written as plain lines)."""
    table = BudgetTable(roles=[Column.ITEM, Column.TOTAL])
    closing = set(closing_unmarked_lines(lines))
    entries, listed = _budget_entries(lines, stated)
    for entry_text in entries:
        if _is_budget_heading(entry_text):
            continue  # "5. งบประมาณ จำนวน 12,500 บาท แยกเป็น": the stated amount, not a line
        amount = closing_amount(entry_text) if entry_text in closing else line_amount(entry_text)
        # lines kept because their amounts add up are all items: "ค่าวัสดุ 5,000 บาท" among
        # them is the materials line, not a heading over the next ones
        heading = category_heading(_without_amount(entry_text), vocabulary) if listed else None
        if heading is not None:
            entry = BudgetEntry(item=entry_text, amounts={Column.TOTAL: amount}, page=page)
            entry.heads_category = heading
        elif amount is None:
            continue  # an item without an amount: nothing to load or check
        else:
            is_total = _is_total_line(entry_text)
            entry = BudgetEntry(item=entry_text, amounts={Column.TOTAL: amount}, page=page,
                                is_total=is_total)
            formula = None if is_total else find_formula(entry_text)
            if formula is not None:
                entry.formula_text, entry.formula_value = formula.text, formula.value
        table.entries.append(entry)
    _fold_subtotal_groups(table)
    assign_row_categories(table, vocabulary)
    if not table.lines:
        return None
    table.issues.extend(check_category_headings(table))
    table.issues.extend(check_totals(table))
    table.issues.extend(check_formulas(table))
    return table


def _fold_subtotal_groups(table: BudgetTable) -> None:
    """An item whose amount is the sum of the items under it marked another way ("1.
    กิจกรรมอบรม 6,000 บาท" over "- ค่าวิทยากร 3,000 บาท", "- ค่าอาหาร 3,000 บาท") is their
    group, not a line of its own: counted once, its text is their `group`."""
    entries = table.entries
    k = 0
    while k < len(entries):
        head = entries[k]
        kind = marker_kind(head.item)
        members: list[BudgetEntry] = []
        for entry in entries[k + 1:]:
            if entry.is_total or entry.heads_category is not None \
                    or marker_kind(entry.item) in (kind, None):
                break
            members.append(entry)
        amount = head.amounts.get(Column.TOTAL)
        if kind is None or head.is_total or head.heads_category is not None or not members \
                or amount is None \
                or sum(m.amounts.get(Column.TOTAL) or Decimal(0) for m in members) != amount:
            k += 1
            continue
        for member in members:
            member.group = head.item
        del entries[k]
        k += len(members)


def marker_kind(line: str) -> str | None:
    """The shape of a line's list marker ("1." and "๒." alike, "-", "1.1"), or None."""
    found = LIST_MARKER_RE.match(clean_text(line))
    if found is None:
        return None
    return "".join("9" if ch.isdigit() else ch for ch in found.group().strip())


def has_categories(budget: BudgetTable) -> bool:
    """Whether any line of the budget says which category its money is."""
    return any(budget.category_total(role) is not None for role in CATEGORIES)


def category_split(table: BudgetTable, written: BudgetTable | None) -> BudgetTable | None:
    """The budget section's split by category, kept where the budget table gives none.

    A school often lists its activities with one amount column and writes the split in
    the section's text ("งบประมาณ 12,500 บาท แยกเป็น - ค่าวัสดุ 7,500 บาท - ค่าใช้สอย
    5,000 บาท"). The table stays the project's budget lines; the text gives the category
    totals, and a split that does not add up to the table's total is a finding.
    """
    if written is None or has_categories(table) or not has_categories(written):
        return None
    written.issues.extend(check_category_split(written, table))
    return written


def _is_budget_heading(text: str) -> bool:
    heading = section_heading(text)
    return heading is not None and heading[0] == Section.BUDGET


def _is_total_line(text: str) -> bool:
    return bool(TOTAL_ROW_RE.match(compact(text)))


def _budget_entries(lines: Sequence[str], stated: Decimal | None) -> tuple[list[str], bool]:
    """The section's list items and total lines (prose and the stated amount under the
    heading left out); where it marks no item, its unmarked lines whose amounts close on a
    total line under them (`closing_unmarked_lines`), else its item lines that the stated
    budget does not contradict (`stated_item_lines`), else a sentence's clauses
    (`stated_clauses`). The flag says they are a marked list (which may hold headings)."""
    entries = _entries(lines)
    marked = [k for k, e in enumerate(entries) if has_marker(e) and not _is_budget_heading(e)]
    if marked:
        return [e for k, e in enumerate(entries)
                if has_marker(e) or _is_total_line(e) or (k > marked[0] and is_item_line(e))], True
    return (closing_unmarked_lines(lines) or stated_item_lines(lines, stated)
            or stated_clauses(lines, stated)), False


def states_budget(line: str) -> bool:
    """Whether a line of the budget section speaks of the budget as a whole.

    An item line ("- ค่าวิทยากร 3 ชม. x 600 บาท = 1,800 บาท") holds amounts too; the
    stated budget is the one a line introduces with a budget word.
    """
    squeezed = compact(line)
    return any(word in squeezed for word in STATED_BUDGET_WORDS)


def item_amount_lines(lines: Sequence[str]) -> list[tuple[str, Decimal]]:
    """Unmarked lines that name something and end with its amount in baht ("จัดซื้อวัสดุ
    เป็นเงิน 5,000 บาท"): the shape of a budget item written as a sentence. The heading, a
    line stating the budget as a whole, a total line and a bare amount ("200,000 บาท",
    the end of a stated budget wrapped onto the next line) are not items."""
    out: list[tuple[str, Decimal]] = []
    for line in non_empty_lines(lines):
        if has_marker(line) or not is_item_line(line):
            continue
        amount = line_amount(line)
        if amount is not None:
            out.append((line, amount))
    return out


def is_item_line(line: str) -> bool:
    """Names something and ends with its own amount in baht (list marker or not), and is
    not the heading, a line stating the budget as a whole or a total line."""
    return not (_is_budget_heading(line) or _is_total_line(line) or states_budget(line)) \
        and line_amount(line) is not None and _names_something(line)


def stated_item_lines(lines: Sequence[str], stated: Decimal | None) -> list[str]:
    """Item lines (`item_amount_lines`) with no list marker and no total line under them:
    budget lines where the project's stated budget is their sum, or where it states none
    (nothing contradicts the shape). Where their sum is not the stated budget they may be
    prose (last year's spending, a price quoted): left out, and counted and reported by
    `budget_prose`, never silently dropped."""
    items = item_amount_lines(lines)
    if not items or (stated is not None and sum(a for _, a in items) != stated):
        return []
    return [text for text, _ in items]


def stated_clauses(lines: Sequence[str], stated: Decimal | None) -> list[str]:
    """The items of a sentence that states the budget and then spends it ("ได้รับจัดสรร
    งบประมาณ 6,500 บาท ใช้จัดซื้อวัสดุ 5,000 บาท และค่าอาหารว่าง 1,500 บาท"): the clauses
    after the stated amount, each naming something and ending with its amount in baht,
    kept where they add up to the stated budget exactly (the only evidence a sentence
    gives that its amounts are items)."""
    if stated is None:
        return []
    for line in non_empty_lines(lines):
        if not states_budget(line):
            continue
        clauses = amount_clauses(line)
        items = clauses[1:]
        if len(items) < 1 or line_amount(clauses[0]) != stated \
                or not all(_names_something(c) for c in items):
            continue
        if sum(line_amount(c) or Decimal(0) for c in items) == stated:
            return items
    return []


_BRACKET_RE = re.compile(r"\s*\([^()]*\)")


def amount_clauses(line: str) -> list[str]:
    """The line cut after each amount in baht outside a cost formula ("... 6,500 บาท" /
    "ใช้จัดซื้อวัสดุ 5,000 บาท" / ...), a bracket right after the amount ("(ห้าพันบาทถ้วน)")
    kept with it; text after the last amount stays with it."""
    text = clean_text(line)
    formulas = [(text.find(f.text), text.find(f.text) + len(f.text))
                for f in (find_formula(text),) if f is not None and f.text in text]
    cuts = []
    for match in find_amounts(text):
        baht = BAHT_AFTER_RE.match(text, match.end)
        if baht is not None and not any(a <= match.start < b for a, b in formulas):
            bracket = _BRACKET_RE.match(text, baht.end())
            cuts.append(bracket.end() if bracket else baht.end())
    clauses, start = [], 0
    for cut in cuts[:-1]:
        clauses.append(text[start:cut].strip())
        start = cut
    clauses.append(text[start:].strip())
    return [c for c in clauses if c]


def _names_something(line: str) -> bool:
    """Whether a name comes before the line's amount ("จัดซื้อวัสดุ เป็นเงิน 5,000 บาท"), not
    only a lead word ("จำนวน 8,000 บาท (เงินอุดหนุนรายหัว)": the stated budget wrapped
    onto its own line, whatever follows it)."""
    cleaned = clean_text(line)
    found = _closing_match(cleaned)
    if found is None:
        return False
    name = cleaned[: found.start].rstrip()
    while lead := next((w for w in SUBTOTAL_LEAD_WORDS if name.endswith(w)), None):
        name = name[: -len(lead)].rstrip()
    return any(ch.isalpha() for ch in name)


def closing_unmarked_lines(lines: Sequence[str]) -> list[str]:
    """Budget items written one a line with no list marker ("ค่าตอบแทนวิทยากร   4,000 บาท",
    spaced with tabs), with the total line under them: kept only where the arithmetic says
    they are items, their amounts adding up to the total exactly (prose with an amount in
    it, "ได้รับจัดสรร 5,500 บาท", adds up to nothing). Lines without an amount between them
    are left out and break no run. The exact sum is evidence enough for amounts written
    without บาท at the end of each line (`closing_amount`), as a budget typed with tabs
    reads from a PDF whose cells ran together ("4 ค่าอาหารว่างค่าใช้สอย675")."""
    out: list[str] = []
    items: list[tuple[str, Decimal]] = []
    for line in non_empty_lines(lines):
        if _is_budget_heading(line):
            continue
        amount = closing_amount(line)
        if _is_total_line(line):
            if items and amount is not None and sum(a for _, a in items) == amount:
                out += [*(item for item, _ in items), line]
            items = []
        elif amount is not None and _names_something(line):  # not "จำนวน 20,625 บาท"
            items.append((line, amount))
    return out


def closing_amount(line: str) -> Decimal | None:
    """The line's amount in baht (`line_amount`), else the figures it ends with."""
    found = _closing_match(clean_text(line))
    return found.value if found is not None else None


def _closing_match(cleaned: str) -> AmountMatch | None:
    found = _line_amount_match(cleaned)
    if found is not None:
        return found
    numbers = find_amounts(cleaned)
    if numbers and numbers[-1].end == len(cleaned) and is_figures_amount(numbers[-1].text):
        return numbers[-1]
    return None


def _entries(lines: Sequence[str]) -> list[str]:
    """List items (a marker starts one, other lines continue it); a total line stands alone,
    and so does an unmarked item line under an item that has its amount already ("-
    ค่าวัสดุ 5,000 บาท" / "ค่าอาหารว่าง 1,500 บาท": two items, not one ending in 1,500;
    "- ค่าอาหาร 50 คน x 25 บาท" / "= 1,250 บาท" is one item wrapped)."""
    entries: list[str] = []
    for line in non_empty_lines(lines):
        if has_marker(line) or _is_total_line(line) or not entries \
                or _is_total_line(entries[-1]) \
                or (is_item_line(line) and line_amount(entries[-1]) is not None):
            entries.append(line)
        else:
            entries[-1] = f"{entries[-1]} {line}"
    return entries


_DIGITS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
_AMOUNT_CHARS = _DIGITS | {",", "."}


def _without_amount(text: str) -> str:
    """ "2. ค่าใช้สอย 27,800 บาท" -> "2. ค่าใช้สอย": a heading may carry its subtotal.

    Walked back from the end of the line: a regex search for "a number, then บาท, at the
    end" retries from every digit of a long run of numbers ("1.1.1. ...") and scans to
    the run's end each time, quadratic in the line.
    """
    line = clean_text(text)
    end = len(line.removesuffix(BAHT).rstrip())
    start = end
    while start > 0 and line[start - 1] in _AMOUNT_CHARS:
        start -= 1
    first_digit = next((i for i in range(start, end) if line[i] in _DIGITS), None)
    if first_digit is None:
        return line
    cut = len(line[:first_digit].rstrip())
    lead = next((w for w in SUBTOTAL_LEAD_WORDS if line[:cut].endswith(w)), "")
    return line[: cut - len(lead)]
