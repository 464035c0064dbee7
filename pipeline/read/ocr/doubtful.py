"""Words of OCR'd text whose marks tesseract may have misread, found by the dictionary.

Tesseract loses or misreads a tone mark over an upper vowel about a fifth of the time
("ซื้อ" read "ซือ" or "ซื่อ"). `repair.lost_upper_marks` puts a mark back only where the
word counts make one choice far likelier; where two marks both make words ("ซื่อ",
honest, and "ซื้อ", buy) it leaves the text as read, and then the text is either no word
("ค่าจัดซือ") or the wrong one ("ค่าจัดซื่อ" for "ค่าจัดซื้อ"). A value printed once (a
budget item) has no second reading to compare with, so such a word is found here and
reported: a mark slot (an upper vowel and its mark, or a tone mark on a consonant) whose
reading leaves its letters no dictionary word, or a shorter word than another mark makes
("จัด" + "ซื่อ" against "จัดซื้อ"), is a doubt. The text changes only where the reading is
no word and exactly one other mark makes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from pipeline.normalize.words import thai_words_of, word_set

UPPER_VOWELS: Final = "\u0e31\u0e34\u0e35\u0e36\u0e37"  # ั ิ ี ึ ื
TONE_MARKS: Final = "\u0e48\u0e49\u0e4c"  # ่ ้ ์: the marks tesseract loses or swaps
VOWEL_LOOKALIKES: Final = {"\u0e34": "\u0e37", "\u0e37": "\u0e34"}  # ิ ื
CONSONANT_RE: Final = re.compile("[\u0e01-\u0e2e]")
THAI_RUN_RE: Final = re.compile("[\u0e01-\u0e4e]+")
SPACING_VOWEL_RE: Final = re.compile("[\u0e30\u0e32\u0e33\u0e40-\u0e45]")  # ะ า ำ เ แ โ ใ ไ


@dataclass(frozen=True)
class MarkDoubt:
    """A word read with a mark that may be wrong: the word as read (the letters the
    dictionary segmentation puts around the mark) and whether it is a dictionary word,
    the words other marks make there (longest first), and the one the text was put to,
    if any."""

    read: str
    is_word: bool
    fits: tuple[str, ...]
    put: str | None = None


def mark_doubts(text: str) -> tuple[str, list[MarkDoubt]]:
    """`text` with each doubtful mark put right where exactly one other mark makes a word
    of letters that are none as read, and every doubt found (`MarkDoubt`)."""
    doubts: list[MarkDoubt] = []
    out: list[str] = []
    end = 0
    for run in THAI_RUN_RE.finditer(text):
        fixed, found = _run_doubts(run.group())
        out.append(text[end:run.start()] + fixed)
        doubts.extend(found)
        end = run.end()
    return "".join(out) + text[end:], doubts


def _run_doubts(run: str) -> tuple[str, list[MarkDoubt]]:
    doubts: list[MarkDoubt] = []
    for start, stop in mark_slots(run):
        base = max(0, start - 1)  # the consonant the slot sits on
        read, _, read_is_word = _covering_word(run, base)
        cuts = _boundaries(run)
        unknown = _unknown_letters(run)
        fits: dict[str, str] = {}  # the word made -> the slot's text making it
        for option in _options(run[start:stop]):
            variant = run[:start] + option + run[stop:]
            word, at, is_word = _covering_word(variant, base)
            shift = len(option) - (stop - start)
            ends = (at, at + len(word) - shift)  # in the run as read
            if is_word and (not read_is_word or _letters(word) > _letters(read)) \
                    and all(end in cuts for end in ends) \
                    and _unknown_letters(variant) <= unknown:
                fits.setdefault(word, option)
        if not fits:
            continue
        ordered = tuple(sorted(fits, key=lambda w: (-len(w), w)))
        if not read_is_word and len(fits) == 1:
            run = run[:start] + fits[ordered[0]] + run[stop:]
            doubts.append(MarkDoubt(read, False, ordered, ordered[0]))
            return _after_fix(run, doubts)
        doubts.append(MarkDoubt(read, read_is_word, ordered))
    return run, doubts


def _after_fix(run: str, doubts: list[MarkDoubt]) -> tuple[str, list[MarkDoubt]]:
    """The run read again after one mark was put right (the slots after it shift)."""
    fixed, more = _run_doubts(run)
    return fixed, [*doubts, *(d for d in more if d not in doubts)]


def mark_slots(run: str) -> list[tuple[int, int]]:
    """The (start, end) of each mark slot of a Thai run: an upper vowel with the tone mark
    on it if any, or a tone mark on a consonant."""
    slots: list[tuple[int, int]] = []
    i = 0
    while i < len(run):
        char = run[i]
        if char in UPPER_VOWELS:
            stop = i + 2 if i + 1 < len(run) and run[i + 1] in TONE_MARKS else i + 1
            slots.append((i, stop))
            i = stop
            continue
        if char in TONE_MARKS and i and CONSONANT_RE.match(run[i - 1]):
            slots.append((i, i + 1))
        i += 1
    return slots


def _options(slot: str) -> list[str]:
    """What else the slot may have been: its vowel (or look-alike) with another mark or
    none; a tone mark on a consonant another mark or none."""
    if slot[0] in UPPER_VOWELS:
        vowels = (slot[0], *VOWEL_LOOKALIKES.get(slot[0], ""))
        options = [v + m for v in vowels for m in ("", *TONE_MARKS)]
    else:
        options = ["", *TONE_MARKS]
    return [o for o in options if o != slot]


def _letters(word: str) -> int:
    """How many letters a word has, its marks aside: a word made by another mark is longer
    only if it takes in more letters ("จัดซื้อ" against "ซื่อ"; "ติ้ว" is no longer than "ติว")."""
    return len(CONSONANT_RE.findall(word)) + len(SPACING_VOWEL_RE.findall(word))


def _unknown_letters(run: str) -> int:
    """How many letters of `run` its dictionary segmentation leaves outside words: a mark
    that makes one word by breaking another ("พื้นที" as "พื้" + "นที") is no fit."""
    words = word_set()[0]
    return sum(_letters(token) for token in thai_words_of(run) if token not in words)


def _covering_word(run: str, at: int) -> tuple[str, int, bool]:
    """The segment of `run`'s dictionary segmentation holding character `at`, where it
    starts, and whether it is a dictionary word."""
    position = 0
    for token in thai_words_of(run):
        if position <= at < position + len(token):
            return token, position, token in word_set()[0]
        position += len(token)
    return "", at, False


def _boundaries(run: str) -> frozenset[int]:
    """Where `run`'s dictionary segmentation puts a word boundary (its ends included): a
    word another mark makes must take in whole words as read ("จัด" + "ซื่อ" into
    "จัดซื้อ"), not letters of a neighbour ("งาน" + "ที" read as "งา" + "นที")."""
    cuts = {0}
    for token in thai_words_of(run):
        cuts.add(max(cuts) + len(token))
    return frozenset(cuts)
