"""Month names in every spelling the vocabulary knows: lookup of a token and search in text.

A month column header or a period cell may say "ต.ค.", "ต.ค", "ตค", "ต. ค.", "ตุลาคม",
"ตุลา", "ตุลาคาม" or "Oct". The lookup ignores dots, spaces and case; the search pattern
is stricter about what surrounds an abbreviation, because two Thai letters such as "มค"
or "สค" also occur inside ordinary words ("ประชุมคณะ", "สคริปต์") and "ก.ค." starts
"ก.ค.ศ." (the teachers' council).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from pipeline.normalize.text import clean_text
from pipeline.normalize.vocabulary import (
    ENGLISH_MONTH_ABBREVIATIONS,
    ENGLISH_MONTH_NAMES,
    THAI_MONTH_ABBREVIATIONS,
    THAI_MONTH_MISSPELLINGS,
    THAI_MONTH_NAMES,
    THAI_MONTH_SHORT_NAMES,
)

# Thai letters, vowels and marks (not digits): what may not touch a bare abbreviation.
_THAI_LETTER: Final = "\u0e01-\u0e4e"
_THAI_CONSONANT: Final = "\u0e01-\u0e2e"


def _month_key(token: str) -> str:
    """The form all spellings of one month share once dots, spaces and case are ignored."""
    return clean_text(token).lower().replace(".", "").replace(" ", "")


def _spellings() -> Iterator[tuple[str, int]]:
    """Every known spelling with its month number."""
    for number, name in enumerate(THAI_MONTH_NAMES, start=1):
        yield name, number
    for number, name in enumerate(THAI_MONTH_SHORT_NAMES, start=1):
        yield name, number
    for number, name in enumerate(THAI_MONTH_ABBREVIATIONS, start=1):
        yield name, number
    for number, names in THAI_MONTH_MISSPELLINGS.items():
        for name in names:
            yield name, number
    for number, name in enumerate(ENGLISH_MONTH_NAMES, start=1):
        yield name, number
    for number, names in ENGLISH_MONTH_ABBREVIATIONS.items():
        for name in names:
            yield name, number


MONTH_BY_KEY: Final[dict[str, int]] = {_month_key(name): number for name, number in _spellings()}


MIN_CUT_NAME: Final = 4
"""A month name cut short (a narrow rotated header: "พฤษภาค") still names one month."""


def month_number(token: str) -> int | None:
    """The month (1-12) a header or token names, in any known spelling; None otherwise."""
    key = _month_key(token)
    found = MONTH_BY_KEY.get(key)
    if found is not None or len(key) < MIN_CUT_NAME or any(ch.isdigit() for ch in key):
        return found
    candidates = {n for n, name in enumerate(THAI_MONTH_NAMES, start=1) if name.startswith(key)}
    return candidates.pop() if len(candidates) == 1 else None


def _abbreviation_pattern(abbreviation: str) -> str:
    """ "มี.ค." -> a pattern for "มี.ค.", "มี.ค", "มีค", "มี. ค." with safe surroundings.

    With its closing dot the abbreviation ends clearly, unless another abbreviated letter
    follows ("ก.ค.ศ."). Without it, no Thai letter may touch either side.
    """
    letters = [part for part in abbreviation.split(".") if part]
    body = r"(?:\.\s?)?".join(re.escape(part) for part in letters)
    dotted = rf"{body}\.(?![{_THAI_CONSONANT}]\.)"
    bare = rf"(?<![{_THAI_LETTER}.]){body}(?![{_THAI_LETTER}.])"
    return f"{dotted}|{bare}"


def _month_alternatives() -> list[tuple[int, str]]:
    """(length, pattern) for every spelling; longest first wins in the alternation."""
    alternatives: list[tuple[int, str]] = []
    for name in (*THAI_MONTH_NAMES, *(n for ns in THAI_MONTH_MISSPELLINGS.values() for n in ns)):
        alternatives.append((len(name), re.escape(name)))
    for name in THAI_MONTH_SHORT_NAMES:
        # "ตุลา" but not "ตุลาการ" (judge), "กันยา" but not "กันยายน" spelled oddly.
        alternatives.append((len(name), rf"{re.escape(name)}(?![{_THAI_LETTER}])"))
    for name in THAI_MONTH_ABBREVIATIONS:
        alternatives.append((len(name), _abbreviation_pattern(name)))
    english_abbreviations = (n for ns in ENGLISH_MONTH_ABBREVIATIONS.values() for n in ns)
    for name in (*ENGLISH_MONTH_NAMES, *english_abbreviations):
        alternatives.append((len(name), rf"(?i:\b{re.escape(name)}\b\.?)"))
    return sorted(alternatives, key=lambda alt: alt[0], reverse=True)


# Regex source matching one month name in running text (use inside a larger pattern).
MONTH_PATTERN: Final = "|".join(f"(?:{pattern})" for _, pattern in _month_alternatives())
