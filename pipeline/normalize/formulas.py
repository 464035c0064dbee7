"""Cost formulas written inside budget items ("๒๒๐ คน x 30บาท x 6 ครั้ง").

Budget lines often show how their amount was computed; the audit recomputes the product
and reports a `formula` finding when it differs from the amount in the table. Sizes are
written the same way ("ขนาด 1.00x 1.12 เมตร") but are not costs, so products with a
length unit, or right after "ขนาด", are not formulas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import mul
from typing import Final

from pipeline.normalize.numbers import to_baht
from pipeline.normalize.text import clean_text, to_arabic_digits
from pipeline.normalize.vocabulary import (
    BATCH_UNIT,
    COUNT_UNITS,
    DIMENSION_CUE_WORDS,
    DIMENSION_UNITS,
    FORMULA_OPERATOR_SIGNS,
    FORMULA_OPERATOR_WORDS,
    MONEY_UNITS,
    RATE_WORD,
)

MIN_FACTORS: Final = 2
# How far before a product its size cue ("ขนาด ") is looked for: the cue and one space
# (the text is cleaned). Searching from the start of the text instead would scan it again
# for every product, quadratic in a long list of products.
CUE_WINDOW: Final = max(len(w) for w in DIMENSION_CUE_WORDS) + 1


@dataclass(frozen=True)
class Formula:
    """A product as written (`text`, cleaned), its factors and their product in baht."""

    text: str
    factors: tuple[Decimal, ...]
    value: Decimal


def _unit_pattern(units: tuple[str, ...]) -> str:
    """Units longest first ("กิโลเมตร" before "เมตร"); Latin units must end a word."""
    ordered = sorted(units, key=len, reverse=True)
    return "|".join(
        re.escape(u) + ("(?![A-Za-z])" if u[-1].isascii() and u[-1].isalpha() else "")
        for u in ordered
    )


# Not inside another number or a code like "A4" (paper size); "X4" is an operator and 4.
_NUMBER: Final = r"(?<![\d.,A-WYZa-wyz])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)"
_ANY_UNIT: Final = _unit_pattern((*COUNT_UNITS, *MONEY_UNITS, *DIMENSION_UNITS))
# A factor: a number and its unit, which may be a rate ("บาท/คน/วัน").
_FACTOR: Final = re.compile(
    rf"(?P<number>{_NUMBER})(?:\s*(?P<unit>{_ANY_UNIT})(?:\s*/\s*(?:{_ANY_UNIT}))*)?"
)
_OPERATOR: Final = re.compile(
    "\\s*(?:"
    + "|".join(re.escape(op) for op in (*FORMULA_OPERATOR_SIGNS, *FORMULA_OPERATOR_WORDS))
    + ")\\s*"
)
# Plans sometimes leave out the last operator: "๒๒๐ คน X ๑2๐ บาท  ๒ ครั้ง". Only a count
# (not baht) is taken that way, so a result written after the product is not multiplied in.
_JUXTAPOSED_FACTOR: Final = re.compile(
    rf"\s++(?P<number>{_NUMBER})\s*+(?P<unit>{_unit_pattern(COUNT_UNITS)})"
)
_DIMENSION_CUE_BEFORE: Final = re.compile(
    rf"(?:{'|'.join(re.escape(w) for w in DIMENSION_CUE_WORDS)})\s*$"
)
_NUMBER_START: Final = re.compile(_NUMBER)
# Costs written in words: "30 คน 3 วันๆละ 180 บาท" (counts, then "each at" a price).
# Found in two steps, the counts then the rate after them: one pattern for both would try
# every count inside a long run of counts ("1 คน 1 คน ...") again, scanning to the run's
# end each time (quadratic). The counts are possessive: no shorter run is followed by ละ.
_COUNT_TERM: Final = rf"(?:{_NUMBER})\s*(?:{_unit_pattern(COUNT_UNITS)})"
_COUNT_RUN: Final = re.compile(rf"{_COUNT_TERM}(?:\s*{_COUNT_TERM})*+")
_RATE_AFTER_COUNTS: Final = re.compile(
    rf"\s*+ๆ?\s*+{RATE_WORD}\s*+(?P<price>{_NUMBER})\s*+บาท"
    rf"(?:\s*/\s*(?:{_unit_pattern(COUNT_UNITS)}))*"
)


@dataclass(frozen=True)
class _Chain:
    """Factors joined by operators, found at [start, end) of the searched text."""

    start: int
    end: int
    factors: tuple[Decimal, ...]
    units: tuple[str | None, ...]


def _chain_at(arabic: str, start: int) -> _Chain | None:
    """The longest product starting at `start`, if it has at least two factors."""
    factor = _FACTOR.match(arabic, start)
    if factor is None:
        return None
    matches = [factor]
    while (op := _OPERATOR.match(arabic, matches[-1].end())) and (
        factor := _FACTOR.match(arabic, op.end())
    ):
        matches.append(factor)
    if len(matches) < MIN_FACTORS:
        return None
    if juxtaposed := _JUXTAPOSED_FACTOR.match(arabic, matches[-1].end()):
        matches.append(juxtaposed)
    return _Chain(
        start,
        matches[-1].end(),
        tuple(Decimal(m["number"].replace(",", "")) for m in matches),
        tuple(m["unit"] for m in matches),
    )


def _is_size(arabic: str, chain: _Chain) -> bool:
    """ "ขนาด 1.00x 1.12 เมตร": a product of lengths, not a cost."""
    return any(unit in DIMENSION_UNITS for unit in chain.units) or bool(
        _DIMENSION_CUE_BEFORE.search(arabic, max(0, chain.start - CUE_WINDOW), chain.start)
    )


def find_formulas(s: str) -> list[Formula]:
    """Every cost formula in `s`, in order."""
    text = clean_text(s)
    arabic = to_arabic_digits(text)  # same length as text, so positions carry over
    formulas: list[Formula] = []
    position = 0
    while number := _NUMBER_START.search(arabic, position):
        chain = _chain_at(arabic, number.start())
        if chain is None:
            position = number.end()
            continue
        if not _is_size(arabic, chain):
            formulas.append(
                Formula(
                    text[chain.start : chain.end],
                    chain.factors,
                    to_baht(reduce(mul, chain.factors, Decimal(1))),
                )
            )
        position = chain.end
    return formulas


def find_rate_formulas(s: str) -> list[Formula]:
    """Products written in words: "จำนวน 30 คน 3 วันๆละ 180 บาท/คน/วัน" -> 16,200.

    Only one "ละ" per product is read; "2 รุ่นๆ ละ 105 คน/รุ่น วันละ 180 บาท" restates
    its head count per batch and is left alone rather than guessed at.
    """
    text = clean_text(s)
    arabic = to_arabic_digits(text)
    formulas = []
    position = 0
    while counts := _COUNT_RUN.search(arabic, position):
        rate = _RATE_AFTER_COUNTS.match(arabic, counts.end())
        position = rate.end() if rate else counts.end()
        if rate is None:
            continue
        start, end = counts.start(), rate.end()
        tail = arabic[end: end + 20]
        if RATE_WORD in arabic[max(0, start - 12): start] or \
                re.match(rf"\s*/\s*{BATCH_UNIT}", tail):
            continue
        numbers = [Decimal(n.replace(",", "")) for n in re.findall(_NUMBER, counts.group())]
        factors = (*numbers, Decimal(rate["price"].replace(",", "")))
        formulas.append(Formula(text[start:end], factors,
                                to_baht(reduce(mul, factors, Decimal(1)))))
    return formulas


def find_formula(s: str) -> Formula | None:
    """The first cost formula in `s` ("จำนวน ๒๒๐ คน x 30บาท x 6 ครั้ง" -> 39,600), or None."""
    formulas = find_formulas(s) or find_rate_formulas(s)
    return formulas[0] if formulas else None
