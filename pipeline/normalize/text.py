"""Text cleaning shared by every extracted text column and every label match.

Plans come out of Word and PDF with invisible characters, non-breaking spaces, hard line
breaks inside cells and PDF glyph substitutes for Thai marks. The data contract wants text
columns in NFC with whitespace collapsed and digits kept exactly as written, so the same
words compare equal whichever reader produced them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit

from pipeline.normalize import glyphs

# Characters with no width that Word and PDF producers leave inside words; removing them is
# what makes "ค่าตอบ\u200bแทน" and "ค่าตอบแทน" the same label.
ZERO_WIDTH_CHARS: Final = (
    "\u200b"  # zero width space (Thai word-break hint)
    "\u200c"  # zero width non-joiner
    "\u200d"  # zero width joiner
    "\u2060"  # word joiner
    "\ufeff"  # byte order mark / zero width no-break space
    "\u00ad"  # soft hyphen
)

_ZERO_WIDTH_TABLE: Final = str.maketrans(dict.fromkeys(ZERO_WIDTH_CHARS))
_ZERO_WIDTH_RE: Final = re.compile(f"[{ZERO_WIDTH_CHARS}]")
# str.isspace() covers NBSP, narrow NBSP, figure space, ideographic space and line breaks.
_WHITESPACE_RUN: Final = re.compile(r"\s+")

# `clean_text` is a pure str -> str function called on the same few strings over and over
# (a DOCX plan: ~30,000 calls on ~1,600 distinct cell and paragraph texts, each stage
# cleaning the cells it reads), so it and `compact` are memoised, each in a bounded LRU
# cache that a worker keeps from one document to the next. Strings longer than
# CACHE_MAX_LENGTH (whole paragraphs, rarely cleaned twice) bypass the caches, so each holds
# at most CACHE_SIZE entries of at most CACHE_MAX_LENGTH characters: ~64 MB of Thai keys
# and results if every entry had the longest length, 1-2 MB for real plans (cells average
# ~60 characters).
CACHE_SIZE: Final = 16384
CACHE_MAX_LENGTH: Final = 1024


def repair_thai_glyphs(s: str) -> str:
    """Undo PDF glyph artefacts (see `glyphs`) and drop zero-width characters."""
    if _ZERO_WIDTH_RE.search(s) is not None:  # most texts hold none: a search is cheaper
        s = s.translate(_ZERO_WIDTH_TABLE)
    return glyphs.repair_thai_glyphs(s)


def clean_text(s: str | None) -> str:
    """The contract's text form: NFC, glyphs repaired, whitespace collapsed, digits as written."""
    if not s:
        return ""
    if len(s) > CACHE_MAX_LENGTH:
        return _clean(s)
    return _clean_cached(s)


def _clean(s: str) -> str:
    # Whitespace first, so a line break before a mark is repaired like a space; NFC after
    # the repair: it also puts the repaired marks in canonical order.
    text = unicodedata.normalize("NFC", repair_thai_glyphs(_WHITESPACE_RUN.sub(" ", s)))
    return _WHITESPACE_RUN.sub(" ", text).strip()


_clean_cached: Final = lru_cache(maxsize=CACHE_SIZE)(_clean)


# Spellings that typists produce and that look the same on paper: sara ae typed as two
# sara e ("ค่าตอบเเทน"). Matching text (`compact`) uses the standard letter; the contract's
# text columns (`clean_text`) keep what was typed.
TYPED_VARIANTS: Final = (("\u0e40\u0e40", "\u0e41"),)  # เเ -> แ


def compact(s: str) -> str:
    """Text with no spaces at all, for labels that Word or PDF break anywhere.

    Thai has no spaces between words, so a label split across lines ("ค่าตอบ\\nแทน") only
    matches its dictionary form once every space is gone; typed variants of a letter
    (TYPED_VARIANTS) are read as the letter, so "ค่าตอบเเทน" is "ค่าตอบแทน".
    """
    if not s:
        return ""
    if len(s) > CACHE_MAX_LENGTH:
        return _compacted(_clean(s))
    return _compact_cached(s)


@lru_cache(maxsize=CACHE_SIZE)
def _compact_cached(s: str) -> str:
    return _compacted(_clean_cached(s))


def _compacted(cleaned: str) -> str:
    text = cleaned.replace(" ", "")
    for variant, letter in TYPED_VARIANTS:
        text = text.replace(variant, letter)
    return text


_THAI_DIGIT_RE: Final = re.compile("[๐-๙]")


def to_arabic_digits(s: str) -> str:
    """Thai digits ๐-๙ as 0-9; every other character kept, so positions do not move.

    Most texts hold no Thai digit: a regex search finds that several times faster than
    the translation (a dict lookup per character) would leave the text unchanged."""
    if _THAI_DIGIT_RE.search(s) is None:
        return s
    return str(thai_digit_to_arabic_digit(s))


def to_thai_digits(s: str) -> str:
    """Arabic digits 0-9 as ๐-๙; every other character kept, so positions do not move."""
    return str(arabic_digit_to_thai_digit(s))


def clean_lines(lines: Iterable[str | None]) -> list[str]:
    """Each line cleaned, blank lines dropped (cells keep their blank lines for alignment;
    callers that only want the words use this)."""
    return [line for line in (clean_text(raw) for raw in lines) if line]
