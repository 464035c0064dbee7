"""Thai-aware normalisation of names and item texts, so two years of a plan compare fairly.

Two plans a year apart write the same project differently: Thai or Arabic digits, a line
break inside the title, "สพป." in one year and the office's full name in the other, and the
year itself rolled over ("ประจำปีงบประมาณ พ.ศ.2563" becomes "... พ.ศ.2564"). A Thai reader
sees one project; these functions make the strings agree the same way. The result is a
comparison key only: reports always show the names as written.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from pipeline.normalize.text import clean_text, to_arabic_digits
from pipeline.normalize.units import unit_key
from pipeline.normalize.vocabulary import (
    NAME_ABBREVIATIONS,
    THAI_MONTH_ABBREVIATIONS,
    THAI_MONTH_NAMES,
)

# Expanded on both sides before comparing, so an abbreviation is never a rename. Longest
# first is not needed: no key is a prefix of another.
ABBREVIATIONS: Final[dict[str, str]] = NAME_ABBREVIATIONS
# Office abbreviations also written without their dot; safe to expand in the compacted key
# because these letter runs occur in no Thai word.
BARE_ABBREVIATIONS: Final[dict[str, str]] = {
    short.rstrip("."): full for short, full in ABBREVIATIONS.items() if short.startswith("สพ")
}
# Person titles: "น.ส." and "นางสาว" name the same person.
PERSON_TITLE_ABBREVIATIONS: Final[dict[str, str]] = {
    "น.ส.": "นางสาว",
    "นส.": "นางสาว",
    "ว่าที่ ร.ต.": "ว่าที่ร้อยตรี",
    "ว่าที่ร.ต.": "ว่าที่ร้อยตรี",
}
# A project title may or may not keep its leading word "โครงการ".
PROJECT_WORD: Final = "โครงการ"

# Words after which a two-digit number is a BE year ("ต.ค.62", "พ.ศ. 63", "ปี 62").
_MONTH_WORDS: Final = (*THAI_MONTH_NAMES, *THAI_MONTH_ABBREVIATIONS, "พ.ศ.", "ปี")
_TWO_DIGIT_YEAR_LEAD: Final = "|".join(
    re.escape(w) for w in sorted(_MONTH_WORDS, key=len, reverse=True)
)
_FOUR_DIGIT_BE_YEAR: Final = re.compile(r"(?<!\d)(2[45]\d\d)(?!\d)")
_TWO_DIGIT_BE_YEAR: Final = re.compile(rf"(?P<lead>{_TWO_DIGIT_YEAR_LEAD})\s*(?P<yy>\d\d)(?!\d)")
TWO_DIGIT_BE_CENTURY: Final = 2500
# Years this close to the plan's fiscal year are written relative to it (the previous
# year's results, the next year's plan); farther years (laws of 2542) stay as written.
# One private-use character per offset: it cannot occur in plan text and survives the
# removal of punctuation.
_YEAR_TOKENS: Final[dict[int, str]] = {-1: "\ue001", 0: "\ue002", 1: "\ue003"}

# Enumerators a list item starts with ("1.", "๑)", "-", "•", "(2)"), which shift when an
# item is inserted above and so must not make an item look new.
_LEADING_ENUMERATOR: Final = re.compile(r"^\s*(?:\(\d+\)|\d+(?:\.\d+)*[.)]|[-–•·*○●])\s*")
_YEAR_TOKEN_CHARS: Final = frozenset(_YEAR_TOKENS.values())


to_arabic = to_arabic_digits


def clean(text: object) -> str:
    """The contract's text form (`clean_text`) with Arabic digits: the comparison base.
    Anything that is not a string (None, a pandas NaN) is empty."""
    if not isinstance(text, str) or not text:
        return ""
    return to_arabic(clean_text(text))


def neutralize_years(text: str, fiscal_year: int | None) -> str:
    """BE years near `fiscal_year` as a token relative to it.

    "พ.ศ.2563" in the FY2563 plan and "พ.ศ.2564" in the FY2564 plan both become the same
    token, as do "2562" and "2563" in those plans (the year before). Two-digit years after a
    month or era word ("ต.ค.62") count too. `text` must already have Arabic digits.
    """
    if fiscal_year is None:
        return text

    def token(year: int) -> str | None:
        return _YEAR_TOKENS.get(year - fiscal_year)

    def four(m: re.Match[str]) -> str:
        return token(int(m.group(1))) or m.group(0)

    def two(m: re.Match[str]) -> str:
        replaced = token(TWO_DIGIT_BE_CENTURY + int(m.group("yy")))
        return m.group("lead") + replaced if replaced else m.group(0)

    return _TWO_DIGIT_BE_YEAR.sub(two, _FOUR_DIGIT_BE_YEAR.sub(four, text))


def _expand(text: str, table: dict[str, str]) -> str:
    for short, full in table.items():
        text = text.replace(short, full)
    return text


def _drop_punctuation(text: str) -> str:
    """Only letters, marks, digits and the year token: quotes, brackets, dots and dashes
    vary between years without changing what a name says."""
    return "".join(
        ch for ch in text
        if ch in _YEAR_TOKEN_CHARS or unicodedata.category(ch)[0] in ("L", "M", "N")
    )


def normalize_name(text: object, fiscal_year: int | None = None) -> str:
    """The comparison key of a project name, unit, plan or budget item.

    NFC, Thai digits -> Arabic, abbreviations (สพป. ...) expanded, years near the fiscal
    year neutralised, a leading "โครงการ" and list number dropped, then every space and
    punctuation mark removed and Latin letters case-folded. Empty for None.
    """
    value = clean(text)
    if not value:
        return ""
    value = _LEADING_ENUMERATOR.sub("", value)
    value = _expand(value, ABBREVIATIONS)
    value = neutralize_years(value, fiscal_year)
    value = _expand(_drop_punctuation(value).casefold(), BARE_ABBREVIATIONS)
    if value.startswith(PROJECT_WORD) and len(value) > len(PROJECT_WORD):
        value = value[len(PROJECT_WORD):]
    return value


def normalize_person(name: object) -> str:
    """A person's comparison key: titles written in full, no spaces or dots."""
    value = clean(name)
    if not value:
        return ""
    value = _expand(value, PERSON_TITLE_ABBREVIATIONS)
    return _drop_punctuation(value).casefold()


def unit_match_key(unit: object, key: object = None) -> str:
    """The key two plans' responsible units are compared on: the row's `unit_key`
    (contract 1.2), else the key of its `unit` text (an output written before 1.2), so a
    unit spelled another way ("กลุ่มนโยบาย และแผน") is the same unit. Empty for none."""
    if isinstance(key, str) and key:
        return key
    return (unit_key(unit) or "") if isinstance(unit, str) else ""
