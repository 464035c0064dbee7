"""Numbers and baht amounts written with Thai, Arabic or mixed digits.

Plans are typed with Thai digits, Arabic digits and both in one number ("20,0๐๐", "๔9,๐๐๐"),
often with ".-" for "no satang" and with PDF spaces inside digit groups ("20, 000"). The
contract stores money as baht with two decimals, a lone dash as 0 and an empty cell as null.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache
from typing import Final

from pipeline.normalize.text import CACHE_MAX_LENGTH, CACHE_SIZE, clean_text, to_arabic_digits
from pipeline.normalize.vocabulary import (
    AMOUNT_LEAD_WORDS,
    BAHT_SIGN,
    BAHT_WORDS,
    BE_YEAR_MAX,
    BE_YEAR_MIN,
    BUDGET_WORD,
    COUNT_UNITS,
    DASHES_MEANING_ZERO,
    MILLION_WORD,
    NO_SATANG_MARKS,
    YEAR_LEAD_WORDS,
)

CENTS: Final = Decimal("0.01")
MILLION: Final = Decimal(1_000_000)
# Digits kept exactly when rounding to satang: far above decimal(18, 2), so a too-large
# amount reaches the loader intact (and is reported there) instead of raising here.
EXACT_DIGITS: Final = 60
_EXACT: Final = Context(prec=EXACT_DIGITS + 3)
# How far back from a number we look for the word that introduces it ("จำนวน   120,000").
LEAD_WORD_WINDOW: Final = 16


def _alternation(words: tuple[str, ...]) -> str:
    """Regex alternation of literal words, longest first so "จำนวนทั้งสิ้น" beats "จำนวน"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A number as written: digit groups of three after a comma (a PDF may put one space after
# the comma), or plain digits; an optional decimal part. Digits are Arabic by then.
_NUMBER: Final = r"\d{1,3}(?:, ?\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
# Not inside another number ("1.2.3", "1,5"): no digit or comma before it, nor one dot
# (a run of dots is a leader: "ค่าวัสดุ..........5,000 บาท").
_NUMBER_IN_TEXT: Final = re.compile(rf"(?<![\d,])(?<![^.]\.)(?<!^\.)(?:{_NUMBER})")
_BAHT: Final = _alternation(BAHT_WORDS)
_NO_SATANG: Final = _alternation(NO_SATANG_MARKS)
_DASHES_ONLY: Final = re.compile(f"[{re.escape(''.join(DASHES_MEANING_ZERO))}]+")
# A whole cell holding one amount: "฿ 1,234.50", "50,000.-บาท", "20, 000", "1.5 ล้านบาท".
_AMOUNT_CELL: Final = re.compile(
    rf"(?:{re.escape(BAHT_SIGN)})?\s*"
    r"(?P<number>\d{1,3}(?:\s*,\s*\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"\s*+(?:{_NO_SATANG})?\s*+(?P<million>{MILLION_WORD})?\s*+(?:{_BAHT})?\s*+(?:{_NO_SATANG})?"
    r"\.?"
)
# Baht written out in words after the figures, "(ห้าหมื่นบาทถ้วน)": no digits inside.
_TRAILING_WORDS_IN_PARENS: Final = re.compile(r"(?<!\s)\s*+\([^()\d]*\)\s*+$")
_INTEGER_CELL: Final = re.compile(r"\(?(\d{1,18})[.)]?")  # no item number has 19 digits
# After a number: optional "no satang" mark, optional ล้าน, then บาท.
_BAHT_AFTER: Final = re.compile(
    rf"\s*+(?:{_NO_SATANG})?\s*+(?P<million>{MILLION_WORD})?\s*+(?:{_BAHT})"
)
_COUNT_UNIT_AFTER: Final = re.compile(rf"\s*(?:{_alternation(COUNT_UNITS)})")
_LEAD_WORD_BEFORE: Final = re.compile(rf"(?:{_alternation(AMOUNT_LEAD_WORDS)})\s*+:?\s*+$")
_YEAR_WORD_BEFORE: Final = re.compile(rf"(?:{_alternation(YEAR_LEAD_WORDS)})\s*$")
# The numbering of the sentence itself: "5.1 ", "๖. ", "5.  " (always has a dot).
_SECTION_NUMBER: Final = re.compile(r"\s*(?:\d+\.)+\d*(?![\d,])")


@dataclass(frozen=True)
class AmountMatch:
    """A number found in free text; `start`/`end` index the string that was searched and
    `text` is the number as written there (Thai digits kept)."""

    value: Decimal
    start: int
    end: int
    text: str


def _to_decimal(number: str) -> Decimal:
    """A matched number ("20, 000", "1,234.50") as an exact Decimal."""
    return Decimal(re.sub(r"[\s,]", "", number))


def to_baht(value: Decimal) -> Decimal:
    """Money with the contract's two decimals (satang), rounded half up like a cashier.

    An absurd value (a typo of 30 digits, an overflowing product) is returned as it is:
    quantizing it would raise, and the loader turns it into null plus a finding."""
    if not value.is_finite() or value.adjusted() > EXACT_DIGITS:
        return value
    return value.quantize(CENTS, rounding=ROUND_HALF_UP, context=_EXACT)


def parse_amount(s: str | None) -> Decimal | None:
    """A money cell as baht: None for an empty cell, 0 for a dash, None unless the cell holds
    exactly one amount (counts like "ค่าอาหาร 30 คน" and ranges like "2 - 3" are not money).

    Memoised like `clean_text` (each stage reads the same cells: ~9,000 calls on ~1,500
    texts per plan); the Decimal it returns is immutable."""
    if not s:
        return None
    if len(s) > CACHE_MAX_LENGTH:
        return _parse_amount(s)
    return _parse_amount_cached(s)


# A line set out like cells (tab-set in a DOCX, aligned in a PDF) is a row of money from
# this many cells that are amounts alone; a label with one ("งบประมาณ   18,500 บาท") is a
# project header's field. One number for both readers, so both formats give one table.
MIN_AMOUNT_CELLS: Final = 2


def is_figures_amount(s: str) -> bool:
    """Whether `s` is an amount written in figures alone (a dash meaning zero is not):
    what a cell set out by tabs or by alignment must hold to count as a money cell."""
    return parse_amount(s) is not None and any(ch.isdigit() for ch in s)


def _parse_amount(s: str) -> Decimal | None:
    text = to_arabic_digits(clean_text(s))
    if not text:
        return None
    if _DASHES_ONLY.fullmatch(text) or _dash_with_baht(text):
        return Decimal(0).quantize(CENTS)
    text = _TRAILING_WORDS_IN_PARENS.sub("", text)
    match = _AMOUNT_CELL.fullmatch(text)
    if match is None:
        return None
    value = _to_decimal(match["number"])
    if match["million"]:
        value *= MILLION
    return to_baht(value)


_parse_amount_cached: Final = lru_cache(maxsize=CACHE_SIZE)(_parse_amount)


def _dash_with_baht(text: str) -> bool:
    """ "-    บาท": a nil amount written in a sentence-like cell."""
    head, _, tail = text.partition(" ")
    return bool(_DASHES_ONLY.fullmatch(head)) and tail.strip() in BAHT_WORDS


def find_amounts(s: str) -> list[AmountMatch]:
    """Every number in free text, in order, with where it was found."""
    arabic = to_arabic_digits(s)
    return [
        AmountMatch(_to_decimal(m.group()), m.start(), m.end(), s[m.start() : m.end()])
        for m in _NUMBER_IN_TEXT.finditer(arabic)
    ]


def parse_int(s: str | None) -> int | None:
    """An item number or priority ("๑", "12", "๑๒.", "3)"); None for anything else."""
    match = _INTEGER_CELL.fullmatch(to_arabic_digits(clean_text(s)))
    return int(match[1]) if match else None


def find_stated_budget(s: str) -> Decimal | None:
    """The amount a budget sentence states ("๕.๑ งบประมาณ ๒๕๖3 จำนวนทั้งสิ้น 20,0๐๐ บาท").

    The sentence also holds its own section number and often the fiscal year, so candidates
    are ranked: a number followed by บาท first, then one introduced by จำนวน (or right after
    งบประมาณ); the section number, years after งบประมาณ/ปี/พ.ศ. and counts of people or days
    never count. Earliest wins among equals.
    """
    text = to_arabic_digits(clean_text(s))
    money_from = _end_of_section_number(text)
    best: tuple[int, Decimal] | None = None
    for amount in find_amounts(text):
        if amount.start < money_from:
            continue
        rank = _stated_amount_rank(text, amount)
        if rank > 0 and (best is None or rank > best[0]):
            value = amount.value * MILLION if _says_million(text, amount.end) else amount.value
            best = (rank, value)
    return to_baht(best[1]) if best else None


def _end_of_section_number(text: str) -> int:
    """Where the sentence's own numbering ends (0 if it has none); a leading number that is
    followed by บาท ("1.5 ล้านบาท") is an amount, not numbering."""
    section = _SECTION_NUMBER.match(text)
    if section is None or _BAHT_AFTER.match(text, section.end()):
        return 0
    return section.end()


def _stated_amount_rank(text: str, amount: AmountMatch) -> int:
    """How surely `amount` is the stated budget: 0 never, 1 introduced, 2 baht, 3 both.

    What follows the number is matched in place (`pattern.match(text, pos)`): a slice
    `text[end:]` per number copies the rest of the sentence each time, quadratic on a long
    run of numbers ("1x1x1x...")."""
    before = text[max(0, amount.start - LEAD_WORD_WINDOW) : amount.start]
    followed_by_baht = _BAHT_AFTER.match(text, amount.end) is not None
    if not followed_by_baht and (
        _COUNT_UNIT_AFTER.match(text, amount.end) or _is_year(amount, before)
    ):
        return 0
    introduced = bool(_LEAD_WORD_BEFORE.search(before) or before.rstrip().endswith(BUDGET_WORD))
    return 2 * followed_by_baht + introduced


def _is_year(amount: AmountMatch, before: str) -> bool:
    """A plain four-digit BE year right after a year word ("งบประมาณ 2563", "พ.ศ.2563")."""
    return (
        re.fullmatch(r"\d{4}", to_arabic_digits(amount.text)) is not None
        and BE_YEAR_MIN <= amount.value <= BE_YEAR_MAX
        and _YEAR_WORD_BEFORE.search(before) is not None
    )


def _says_million(text: str, end: int) -> bool:
    match = _BAHT_AFTER.match(text, end)
    return bool(match and match["million"])


def sum_amounts(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the amounts present; None when every cell was empty (empty is not zero)."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None
