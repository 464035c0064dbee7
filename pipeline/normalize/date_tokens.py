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
            rf"(?P<month>{MONTH_PATTERN})",
            r"(?P<number>\d+)",
            rf"(?P<range_dash>{_words(RANGE_DASHES)})",
            rf"(?P<filler>{_words(DATE_FILLER_WORDS)})",
            r"(?P<space>\s+)",
            r"(?P<other>.)",
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


def tokenize(text: str) -> list[Token]:
    """Date tokens of `text` in order; spaces and fillers dropped, unknown runs as one BREAK.

    A filler right after a number is a unit, not a filler ("3 เดือน", "2 ปี"): it becomes a
    BREAK so that "3 เดือน ตุลาคม" is not read as 3 October.
    """
    tokens: list[Token] = []
    for match in _TOKEN.finditer(to_arabic_digits(clean_text(text))):
        group = match.lastgroup
        if group is None or group == "space":
            continue
        if group == "filler":
            if not tokens or tokens[-1].kind is not Kind.NUMBER:
                continue
            group = "other"
        kind = _KIND_OF_GROUP[group]
        if kind is Kind.BREAK and tokens and tokens[-1].kind is Kind.BREAK:
            tokens[-1] = Token(Kind.BREAK, tokens[-1].text + match.group())
        else:
            tokens.append(Token(kind, match.group(), _values(kind, match.group())))
    return tokens


def _values(kind: Kind, text: str) -> tuple[int, ...]:
    if kind is Kind.NUMBER:
        return (int(text),)
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
