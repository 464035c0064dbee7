"""Split the text of a period cell into date tokens.

Thai writes dates without reliable spaces ("1 พ.ย. -30 ก.ย.63", "ไตรมาส\\n\\n๓ - ๔"), so
the period parser does not split on spaces: it scans for the vocabulary's words and
numbers. Words it does not know become a BREAK, which keeps "2 ครั้ง มีนาคม" from being
read as 2 March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Final

from pipeline.normalize.months import MONTH_PATTERN, month_number
from pipeline.normalize.text import clean_text, to_arabic_digits
from pipeline.normalize.vocabulary import (
    DATE_FILLER_WORDS,
    FISCAL_YEAR_WORDS,
    QUARTER_WORDS,
    RANGE_DASHES,
    RANGE_WORDS,
    WHOLE_FISCAL_YEAR_PHRASES,
)


class Kind(Enum):
    MONTH = "month"
    NUMBER = "number"
    NUMERIC_DATE = "numeric_date"  # 1/10/2562
    RANGE = "range"  # ถึง, -, –
    QUARTER = "quarter"  # ไตรมาส
    FISCAL_YEAR = "fiscal_year"  # ปีงบประมาณ
    WHOLE_FISCAL_YEAR = "whole_fiscal_year"  # ตลอดปีงบประมาณ
    BREAK = "break"  # any text that is not part of a date


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    # MONTH: (month,); NUMBER: (value,); NUMERIC_DATE: (day, month, year as written).
    values: tuple[int, ...] = ()

    @property
    def value(self) -> int:
        return self.values[0]


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Characters outside \\w and \\s that start a token: the range dashes.
_NON_WORD_STARTS: Final = re.escape("".join(RANGE_DASHES))

# Order matters where words overlap: "ตลอดปีงบประมาณ" before "ปีงบประมาณ" before the
# filler "ปี"; "ถึงวันที่" before the filler "วันที่"; "ไตรมาสที่" before the filler "ที่".
_TOKEN: Final = re.compile(
    "|".join(
        (
            rf"(?P<whole_fiscal_year>{_words(WHOLE_FISCAL_YEAR_PHRASES)})",
            rf"(?P<fiscal_year>{_words(FISCAL_YEAR_WORDS)})",
            rf"(?P<quarter>{_words(QUARTER_WORDS)})",
            rf"(?P<range_word>{_words(RANGE_WORDS)})",
            r"(?P<numeric_date>(?<!\d)\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?!\d))",
            # Digits, dashes and spaces start no month name: tried before the long month
            # alternation, they cost one test each.
            r"(?P<number>\d+)",
            rf"(?P<range_dash>{_words(RANGE_DASHES)})",
            r"(?P<space>\s+)",
            rf"(?P<month>{MONTH_PATTERN})",
            rf"(?P<filler>{_words(DATE_FILLER_WORDS)})",
            # A run of characters that start no token (punctuation, NUL, marks): one match.
            rf"(?P<other>[^\w\s{_NON_WORD_STARTS}]+|.)",
        )
    ),
    re.DOTALL,
)

_KIND_OF_GROUP: Final = {
    "whole_fiscal_year": Kind.WHOLE_FISCAL_YEAR,
    "fiscal_year": Kind.FISCAL_YEAR,
    "quarter": Kind.QUARTER,
    "range_word": Kind.RANGE,
    "range_dash": Kind.RANGE,
    "numeric_date": Kind.NUMERIC_DATE,
    "month": Kind.MONTH,
    "number": Kind.NUMBER,
    "other": Kind.BREAK,
}


# A number with more digits than this is no day, month, quarter or year: its value is
# NUMBER_TOO_LONG (int() of thousands of digits is slow, and refused past 4,300).
MAX_NUMBER_DIGITS: Final = 18
NUMBER_TOO_LONG: Final = 10**MAX_NUMBER_DIGITS


def tokenize(text: str) -> list[Token]:
    """Date tokens of `text` in order; spaces and fillers dropped, unknown runs as one BREAK.

    A filler right after a number is a unit, not a filler ("3 เดือน", "2 ปี"): it becomes a
    BREAK so that "3 เดือน ตุลาคม" is not read as 3 October.

    Linear in the text: the pattern is one alternation of literal words and single
    character classes (no nested quantifier), tried once per position, and a BREAK's
    pieces are gathered in a list and joined once (adding them one by one was quadratic).
    """
    tokens: list[Token] = []
    pending: list[str] = []  # pieces of the BREAK being gathered
    for match in _TOKEN.finditer(to_arabic_digits(clean_text(text))):
        group = match.lastgroup
        if group is None or group == "space":
            continue
        if group == "filler":
            if pending or not tokens or tokens[-1].kind is not Kind.NUMBER:
                continue
            group = "other"
        kind = _KIND_OF_GROUP[group]
        if kind is Kind.BREAK:
            pending.append(match.group())
            continue
        if pending:
            tokens.append(Token(Kind.BREAK, "".join(pending)))
            pending = []
        tokens.append(Token(kind, match.group(), _values(kind, match.group())))
    if pending:
        tokens.append(Token(Kind.BREAK, "".join(pending)))
    return tokens


def _values(kind: Kind, text: str) -> tuple[int, ...]:
    if kind is Kind.NUMBER:
        return (int(text) if len(text) <= MAX_NUMBER_DIGITS else NUMBER_TOO_LONG,)
    if kind is Kind.NUMERIC_DATE:
        return tuple(int(part) for part in text.split("/"))
    if kind is Kind.MONTH:
        number = month_number(text)
        if number is None:  # the pattern and the lookup come from the same vocabulary
            raise AssertionError(f"month pattern matched an unknown month: {text!r}")
        return (number,)
    return ()


def split_at_breaks(tokens: list[Token]) -> list[list[Token]]:
    """Runs of date tokens between pieces of unrelated text."""
    runs: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is Kind.BREAK:
            runs.append([])
        else:
            runs[-1].append(token)
    return [run for run in runs if run]


def split_at_ranges(tokens: list[Token]) -> list[list[Token]]:
    """The sides of a range ("1 ต.ค. 62 ถึง 30 ก.ย. 63" -> two sides)."""
    sides: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is Kind.RANGE:
            sides.append([])
        else:
            sides[-1].append(token)
    return sides
