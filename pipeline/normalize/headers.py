"""Budget words in a cell or a header: which column a header names, which category a heading
row names, how many of what a quantity cell counts.

These read one piece of text against the vocabulary and know nothing of tables, so both the
OCR reader (which checks a scanned table's arithmetic before the extractor sees it) and the
extractor use them; they live below both (the reader never imports the extractor).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz

from pipeline.normalize.numbers import parse_amount
from pipeline.normalize.text import clean_text, compact, to_arabic_digits
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    CATEGORY_HEADINGS,
    FUNDING_SOURCE_ROOTS,
    HEADING_DECORATION_RE,
    LIST_MARKER_RE,
    QUARTER_RE,
    UNIT_WORDS,
    Column,
    Rule,
    without_category_lead,
)

FUZZY_MIN_ROOT = 6  # shorter roots must appear exactly: "รวม" is in too many words
FUZZY_SCORE = 84.0
# A header shorter than a root fits it only if it holds at least this share of it: "ตอบแทน"
# is ค่าตอบแทน (6 of 9 letters), "ที่ได" is not ที่ดินและสิ่งก่อสร้าง (5 of 21).
FUZZY_MIN_SHARE = 0.6


@dataclass(frozen=True)
class HeaderMatch:
    role: Column
    key: str | None
    score: float
    word: str | None = None  # the vocabulary root that matched


@lru_cache(maxsize=4096)
def match_header(header: str, rules: tuple[Rule, ...]) -> HeaderMatch:
    """The first rule whose root is in the header (score 100), else the best fuzzy fit; a
    generic root found exactly gives way to a fuzzy fit of a specific root."""
    value = compact(header).lower()
    if not value:
        return HeaderMatch(Column.UNKNOWN, None, 0.0)
    exact = _exact_match(value, rules)
    if exact is not None and not exact[0].generic:
        return exact[1]
    fuzzy = _fuzzy_match(value, rules, specific_only=exact is not None)
    if exact is not None and (fuzzy.role is Column.UNKNOWN
                              or len(fuzzy.word or "") <= len(exact[1].word or "")):
        return exact[1]
    return fuzzy


def _exact_match(value: str, rules: tuple[Rule, ...]) -> tuple[Rule, HeaderMatch] | None:
    for r in rules:
        if r.exact:
            if value.strip("().:") in r.roots:
                return r, HeaderMatch(r.role, _rule_key(r, value), 100.0, value.strip("().:"))
            continue
        word = next((root for root in r.roots if root in value), None)
        if word is not None:
            return r, HeaderMatch(r.role, _rule_key(r, value), 100.0, word)
    return None


def _fuzzy_match(value: str, rules: tuple[Rule, ...], specific_only: bool) -> HeaderMatch:
    """The best partial-ratio fit of a long root. Against a generic exact match only roots
    the header (nearly) holds whole count: partial_ratio also scores the header inside a
    longer root ("งบประมาณ" in "แหล่งงบประมาณ")."""
    best = HeaderMatch(Column.UNKNOWN, None, 0.0)
    for r in rules:
        if r.exact or (specific_only and r.generic):
            continue
        for root in r.roots:
            if len(root) < FUZZY_MIN_ROOT or (specific_only and len(root) > len(value) + 1):
                continue
            if len(value) < FUZZY_MIN_SHARE * len(root):
                continue  # a scrap ("ที่ได", a misread "ที่ 1.") is no evidence of a long root
            score = fuzz.partial_ratio(root, value)
            if score >= FUZZY_SCORE and score > best.score:
                best = HeaderMatch(r.role, _rule_key(r, value), score, root)
    return best


def _rule_key(r: Rule, header: str) -> str | None:
    if r.role is Column.FUNDING:
        return r.key or funding_key(header)
    if r.role is Column.QUARTER:
        match = QUARTER_RE.search(to_arabic_digits(header))
        return f"q{match.group(1)}" if match else None
    return r.key


# Every built-in funding root, for one test before looking for which.
_FUNDING_ROOT_RE: Final = re.compile("|".join(re.escape(root) for root in FUNDING_SOURCE_ROOTS))


def funding_key(text: str, vocabulary: OfficeVocabulary = BUILT_IN) -> str | None:
    """The canonical funding source a header or cell names ("เงินอุดหนุนรายหัว")."""
    found = funding_match(text, vocabulary)
    return found[1] if found is not None else None


def funding_match(text: str, vocabulary: OfficeVocabulary = BUILT_IN
                  ) -> tuple[str, str] | None:
    """The funding-source root a text holds and its canonical key, the office's words first."""
    value = compact(text)
    if not vocabulary.funding_sources:
        if _FUNDING_ROOT_RE.search(value) is None:  # one search instead of one per root
            return None
        roots: Iterable[tuple[str, str]] = FUNDING_SOURCE_ROOTS.items()
    else:
        roots = vocabulary.funding_roots()
    return next(((root, key) for root, key in roots if root in value), None)


def strip_marker(text: str) -> str:
    """The text without its list marker ("2. ค่าใช้สอย" -> "ค่าใช้สอย")."""
    return clean_text(LIST_MARKER_RE.sub("", text, count=1))


def category_heading(label: str, vocabulary: OfficeVocabulary = BUILT_IN) -> Column | None:
    """The category a heading row names ("2. ค่าใช้สอย", "หมวดค่าวัสดุ"), if it is one."""
    squeezed = without_category_lead(compact(strip_marker(label)))
    own = next((role for word, role in vocabulary.category_names()
                if HEADING_DECORATION_RE.sub("", squeezed) == word), None)
    if own is not None:
        return own
    for role, pattern in CATEGORY_HEADINGS.items():
        if pattern.fullmatch(squeezed):
            return role
    return None


# "๑๐ รางวัล", "3 แพ็ก": a count followed by a unit word no list names (units are open-ended).
# The number has no trailing "." or ",": "1. อบรม" is a numbered item, not 1 of "อบรม".
QUANTITY_WITH_UNIT_RE = re.compile(
    r"^([0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]+)?|[0-9๐-๙]+(?:\.[0-9๐-๙]+)?)"
    r"\s*([^\s0-9๐-๙.,/()\-][^0-9๐-๙]{0,19})$")


def split_quantity(text: str) -> tuple[Decimal | None, str | None]:
    """ "20 คน" -> (20, "คน"); "๑๐ รางวัล" -> (10, "รางวัล"); "20" -> (20, None)."""
    value = compact(text)
    for word in UNIT_WORDS:
        if value.endswith(word) and len(value) > len(word):
            return parse_amount(value[: -len(word)]), word
    written = QUANTITY_WITH_UNIT_RE.match(clean_text(text))
    if written is not None:
        amount = parse_amount(written.group(1))
        if amount is not None:
            return amount, written.group(2).strip()
    return parse_amount(value), None
