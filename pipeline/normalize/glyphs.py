"""Repair Thai text taken out of PDFs: glyph substitutes, split sara am, misplaced marks.

Measured (pipeline.read on LibreOffice 7.4 PDFs of 400 distinct lines of the sample plan,
set in each installed Thai font: Laksaman, the TLWG clone of TH SarabunPSK that fontconfig
substitutes for it, Garuda, Loma, Kinnari, Norasi, Waree, Umpush, and Sarabun from
`fontpkg-sarabun`):

* LibreOffice writes every reused glyph (sara am drawn as nikhahit + sara aa, lowered sara
  u/uu, shifted tone marks) inside an ``ActualText`` span. Read with the spans and with
  marks kept on their base (`pdf_device`, `pdf_text`), all 8 fonts give every line exactly
  as typed: no artefact left to repair. Read with plain pdfplumber `extract_text` (spans
  lost, chars sorted by x), the same PDFs give 165-287 differences per font:
    - "ำา" for sara am ("ลำาดับ", "ประจำาปี", "จำานวน": the nikhahit glyph's ToUnicode says
      ำ and the sara aa glyph says า) -- repaired here;
    - wrong marks taken from a glyph's first use ("ผ้้รับผิดชอบ", "อม้ล" for "อมูล"): not
      repairable from the text, hence the ActualText-aware reader;
    - "(cid:3)" for sara aa glyphs with no ToUnicode entry at all;
    - marks moved after the next letter ("กลู่ม", "ท่ ี") by the sort on x.
* Word's "Save as PDF" with TH SarabunPSK/TH Sarabun New (the usual producer of government
  plans; neither Word nor those fonts can be installed here, so the forms are those of
  published plans) gives
    - private-use code points U+F700-U+F71A for the positional variants of marks (the
      "Windows Thai" PUA set). The mapping below is read from the glyph names of Laksaman's
      cmap (``uni0E48.low`` at U+F70A, ``uni0E34.left`` at U+F701, ...), which implements
      that same convention (a test checks it against the installed font);
    - sara am split into a space and sara aa ("ค าน า" for "คำนำ", "จ านวน", "น้ า"): the
      nikhahit half has no ToUnicode entry and its gap reads as a space;
    - nikhahit and sara aa as two code points ("ทํางาน"), with the tone between ("น้ํา");
    - spaces before marks ("ผู ้") and tone marks before the vowel they sit on ("ที่" as
      ท + ่ + ี), from producers that emit glyphs in drawing order.

`repair_thai_glyphs` undoes all of these and is the identity on clean text. The PDF reader
applies it to every line; `normalize.text.repair_thai_glyphs` (the cleaner every extracted
text column goes through) has an older subset of it and could call this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

# Private-use glyph variants (Windows Thai / TH SarabunPSK convention), as named in the cmap
# of the TLWG fonts: U+F700 uni0E10.descless ... U+F71A uni0E3A.low.
THAI_PUA_GLYPHS: Final[dict[int, str]] = {
    0xF700: "\u0e10",  # tho than without descender
    0xF701: "\u0e34",  # sara i, left
    0xF702: "\u0e35",  # sara ii, left
    0xF703: "\u0e36",  # sara ue, left
    0xF704: "\u0e37",  # sara uee, left
    0xF705: "\u0e48",  # mai ek, low left
    0xF706: "\u0e49",  # mai tho, low left
    0xF707: "\u0e4a",  # mai tri, low left
    0xF708: "\u0e4b",  # mai chattawa, low left
    0xF709: "\u0e4c",  # thanthakhat, low left
    0xF70A: "\u0e48",  # mai ek, low
    0xF70B: "\u0e49",  # mai tho, low
    0xF70C: "\u0e4a",  # mai tri, low
    0xF70D: "\u0e4b",  # mai chattawa, low
    0xF70E: "\u0e4c",  # thanthakhat, low
    0xF70F: "\u0e0d",  # yo ying without descender
    0xF710: "\u0e31",  # mai han-akat, left
    0xF711: "\u0e4d",  # nikhahit, left
    0xF712: "\u0e47",  # mai taikhu, left
    0xF713: "\u0e48",  # mai ek, left
    0xF714: "\u0e49",  # mai tho, left
    0xF715: "\u0e4a",  # mai tri, left
    0xF716: "\u0e4b",  # mai chattawa, left
    0xF717: "\u0e4c",  # thanthakhat, left
    0xF718: "\u0e38",  # sara u, low
    0xF719: "\u0e39",  # sara uu, low
    0xF71A: "\u0e3a",  # phinthu, low
}
_PUA_TABLE: Final = str.maketrans(THAI_PUA_GLYPHS)

CONSONANT: Final = "\u0e01-\u0e2e"
NIKHAHIT: Final = "\u0e4d"
SARA_AA: Final = "\u0e32"
SARA_AM: Final = "\u0e33"
TONES: Final = "\u0e48-\u0e4b"
# Marks drawn above or below a base: mai han-akat, sara i..phinthu, mai taikhu..yamakkan.
MARKS: Final = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
PUA_MARKS: Final = "\uf701-\uf70e\uf710-\uf71a"

# Canonical order of a base's marks: vowel (above/below) first, then tone or thanthakhat,
# then nikhahit (which joins a following sara aa into sara am).
_MARK_RANK: Final[dict[str, int]] = {
    **dict.fromkeys("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47", 0),
    **dict.fromkeys("\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e", 1),
    NIKHAHIT: 2,
}

_SPACE_BEFORE_MARK: Final = re.compile(f"(?<=[\u0e01-\u0e4e])[ \u00a0]+(?=[{MARKS}])")
_MARK_RUN: Final = re.compile(f"[{MARKS}]{{2,}}")
_SPLIT_SARA_AM: Final = re.compile(f"{NIKHAHIT}([{TONES}]?) ?{SARA_AA}")
_DOUBLED_SARA_AA: Final = re.compile(f"{SARA_AM}{SARA_AA}")
# "ค า" / "น้ า": a consonant (and tone) then a space then sara aa, which never starts a word.
_SPACED_SARA_AM: Final = re.compile(f"([{CONSONANT}][{TONES}]?) {SARA_AA}")


def is_thai_mark(char: str) -> bool:
    """A Thai mark drawn over or under its base (PUA variants included)."""
    return (
        char == "\u0e31"
        or "\u0e34" <= char <= "\u0e3a"
        or "\u0e47" <= char <= "\u0e4e"
        or ("\uf701" <= char <= "\uf71a" and char != "\uf70f")
    )


# Two OCR readings of one text, Thai marks left out, are at least this alike (rapidfuzz's
# ratio, 0-100, as the name matching uses; measured 0.91 to 0.96 on 150-dpi scans' repeated
# headers with difflib's, a data row under its header below 0.3).
SAME_READING_RATIO: Final = 80.0


def read_alike(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two sequences of texts (a table row's cells, a header's labels) are one text
    read twice by OCR: joined, Thai marks left out (OCR loses and adds them most), at least
    `SAME_READING_RATIO` alike ("ธ.ค. 66" / "ญิ.ค. 66", "ค่าวัสดุ" / "ค่าวัสดุ จ")."""
    from rapidfuzz import fuzz  # scans only: text PDFs never load it here

    def text(parts: Sequence[str]) -> str:
        return "|".join("".join(ch for ch in part if not is_thai_mark(ch)) for part in parts)

    return fuzz.ratio(text(a), text(b)) >= SAME_READING_RATIO


_PUA_GLYPH: Final = re.compile("[\uf700-\uf71a]")


# Runs of marks longer than this (never in real text: a base takes at most three) are
# sorted without the memo, so a hostile run of 100,000 marks is not kept as a cache key.
MEMO_MAX_MARKS: Final = 8


def _sort_marks(match: re.Match[str]) -> str:
    marks = match.group(0)
    if len(marks) > MEMO_MAX_MARKS:
        return _marks_in_order.__wrapped__(marks)
    return _marks_in_order(marks)


@lru_cache(maxsize=1024)
def _marks_in_order(marks: str) -> str:
    """A run of marks in canonical order (memoised: Thai text repeats a few dozen runs,
    such as sara ii + mai ek, in nearly every word)."""
    return "".join(sorted(marks, key=lambda m: _MARK_RANK.get(m, 1)))


def repair_thai_glyphs(text: str) -> str:
    """Undo PDF glyph artefacts in Thai text (see the module docstring); clean text unchanged."""
    if not text:
        return text
    if _PUA_GLYPH.search(text) is not None:  # translating costs a dict lookup per character
        text = text.translate(_PUA_TABLE)
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _MARK_RUN.sub(_sort_marks, text)
    text = _SPLIT_SARA_AM.sub(f"\\1{SARA_AM}", text)
    text = _DOUBLED_SARA_AA.sub(SARA_AM, text)
    return _SPACED_SARA_AM.sub(f"\\1{SARA_AM}", text)


# Marks drawn above the vowel line that scans lose most (OCR reads "ทั้งสิ้น" as
# "ทั้งสิน", "ผลสัมฤทธิ์" as "ผลสัมฤทธิ"): the tone marks and the thanthakhat.
UPPER_MARKS: Final = "\u0e48-\u0e4c"
_LITERAL_UPPER_MARK: Final = re.compile(f"([{UPPER_MARKS}])(?![?*+{{])")


def upper_marks_optional(pattern: str) -> str:
    """A regex of Thai words that also matches them with their tone marks or thanthakhat
    lost: each such mark made optional ("ทั้งสิ้น" -> "ทั้?งสิ้?น").

    Why: a label the vocabulary recognises (a total row's "รวมทั้งสิ้น") must still be
    recognised in scanned text, where OCR drops these marks about a fifth of the time;
    the words differ from their neighbours in their consonants, not in their marks.
    For patterns of literal words: a mark inside a character class would be changed too.
    """
    return _LITERAL_UPPER_MARK.sub(r"\1?", pattern)
