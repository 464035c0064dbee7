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
from typing import Final

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit

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

# Thai fonts in PDFs (Windows "Thai" private-use glyphs) draw shifted or tailless variants of
# marks and letters under private-use code points; text extraction returns those code points
# instead of the letters, so "ที่" can come out with U+F70A instead of U+0E48.
THAI_PRIVATE_USE_GLYPHS: Final[dict[str, str]] = {
    "\uf700": "\u0e10",  # tho than without its tail
    "\uf701": "\u0e34",  # sara i, shifted left
    "\uf702": "\u0e35",  # sara ii, shifted left
    "\uf703": "\u0e36",  # sara ue, shifted left
    "\uf704": "\u0e37",  # sara uee, shifted left
    "\uf705": "\u0e48",  # mai ek, low
    "\uf706": "\u0e49",  # mai tho, low
    "\uf707": "\u0e4a",  # mai tri, low
    "\uf708": "\u0e4b",  # mai chattawa, low
    "\uf709": "\u0e4c",  # thanthakhat, low
    "\uf70a": "\u0e48",  # mai ek, low and left
    "\uf70b": "\u0e49",  # mai tho, low and left
    "\uf70c": "\u0e4a",  # mai tri, low and left
    "\uf70d": "\u0e4b",  # mai chattawa, low and left
    "\uf70e": "\u0e4c",  # thanthakhat, low and left
    "\uf70f": "\u0e0d",  # yo ying without its tail
    "\uf710": "\u0e31",  # mai han-akat, shifted left
    "\uf711": "\u0e4d",  # nikhahit, shifted left
    "\uf712": "\u0e47",  # mai taikhu, shifted left
    "\uf713": "\u0e48",  # mai ek, shifted left
    "\uf714": "\u0e49",  # mai tho, shifted left
    "\uf715": "\u0e4a",  # mai tri, shifted left
    "\uf716": "\u0e4b",  # mai chattawa, shifted left
    "\uf717": "\u0e4c",  # thanthakhat, shifted left
    "\uf718": "\u0e38",  # sara u, lowered
    "\uf719": "\u0e39",  # sara uu, lowered
    "\uf71a": "\u0e3a",  # phinthu, lowered
}
_GLYPH_TABLE: Final = str.maketrans(THAI_PRIVATE_USE_GLYPHS | dict.fromkeys(ZERO_WIDTH_CHARS))

# PDFs often store sara am (ำ) as nikhahit + sara aa, with the tone mark between them
# ("น ํ ้ า"); NFC does not recompose it because sara am only has a compatibility mapping.
_SPLIT_SARA_AM: Final = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
# str.isspace() covers NBSP, narrow NBSP, figure space, ideographic space and line breaks.
_WHITESPACE_RUN: Final = re.compile(r"\s+")


def repair_thai_glyphs(s: str) -> str:
    """Undo PDF glyph substitutes and split sara am, and drop zero-width characters."""
    return _SPLIT_SARA_AM.sub("\\1\u0e33", s.translate(_GLYPH_TABLE))


def clean_text(s: str | None) -> str:
    """The contract's text form: NFC, glyphs repaired, whitespace collapsed, digits as written."""
    if not s:
        return ""
    # NFC after the repair: it also puts the repaired marks in canonical order.
    text = unicodedata.normalize("NFC", repair_thai_glyphs(s))
    return _WHITESPACE_RUN.sub(" ", text).strip()


def compact(s: str) -> str:
    """Text with no spaces at all, for labels that Word or PDF break anywhere.

    Thai has no spaces between words, so a label split across lines ("ค่าตอบ\\nแทน") only
    matches its dictionary form once every space is gone.
    """
    return clean_text(s).replace(" ", "")


def to_arabic_digits(s: str) -> str:
    """Thai digits ๐-๙ as 0-9; every other character kept, so positions do not move."""
    return str(thai_digit_to_arabic_digit(s))


def to_thai_digits(s: str) -> str:
    """Arabic digits 0-9 as ๐-๙; every other character kept, so positions do not move."""
    return str(arabic_digit_to_thai_digit(s))


def clean_lines(lines: Iterable[str | None]) -> list[str]:
    """Each line cleaned, blank lines dropped (cells keep their blank lines for alignment;
    callers that only want the words use this)."""
    return [line for line in (clean_text(raw) for raw in lines) if line]
