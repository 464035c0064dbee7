"""Thai text as tesseract prints it, repaired to what the page says.

* Sara am: the model often reads "ำ" as nikhahit + sara aa ("ํ" + "า"), which looks the
  same and compares different.
* Marks read apart: a tone mark or vowel above/below read as its own "word" is glued to
  the glyph before it (as the text path glues marks to their base).
* Gantt marks: a check mark alone reads as a quote or slash; it becomes "✓", unless it
  stands between two words a space or less apart ("O-NET / NT", "ครู / นักเรียน"): a
  slash of running text (`among_words`).
* Confused consonants: "ผ" read as "ถ" ("รับถิดชอบ"), put back under the same rule as
  the tone marks; a lone "%" is the "x" of a quantity formula.
* Lost upper marks: the model drops a mark over an upper vowel about a fifth of the
  time ("ที่" -> "ที", "มั่นคง" -> "มันคง", "ผลสัมฤทธิ์" -> "ผลสัมฤทธิ", "ดื่ม" -> "ดิม"); one
  is put back where exactly one of ่ ้ ์ (on the vowel or its look-alike) makes the words
  around it far more likely by pythainlp's dictionary and word counts.
* Month abbreviations with debris: a stray mark on a letter or read for a dot ("พ.ุย. 66",
  "กุพ.67") put back to the one abbreviation with those letters (`restore_month`).
* Ruling debris: the edge of a table ruling at a cell's side reads as "|", "[", "]", "}"
  or "{" at the start or end of a token; plans never print those.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import Final

from pipeline.normalize.glyphs import is_thai_mark
from pipeline.normalize.vocabulary.plan import (
    CATEGORY_PREFIXES,
    HEADER_LABELS,
    HEADER_WORDS,
    SECTION_KEYWORDS,
    STATED_BUDGET_WORDS,
    STRATEGY_WORDS,
)

Piece = tuple[str, int, int]  # text, left, right (pixels)

NIKHAHIT_AA_RE: Final = re.compile("\u0e4d\u0e32")
SARA_AM: Final = "\u0e33"
DEBRIS_RE: Final = re.compile(r"[|{}\[\]¦]+")


def repair_ocr_text(text: str) -> str:
    """One token's text, repaired (empty when it was only debris)."""
    text = NIKHAHIT_AA_RE.sub(SARA_AM, text)
    return DEBRIS_RE.sub("", text).strip()


# A line's first token read "4," before Thai words: an item number whose dot OCR took for
# a comma (a comma after a lone number opens no Thai line). As "4." the cell reads as the
# text PDF does (its "4.1", "4.2" lines are the item's own details, not separate items).
ITEM_NUMBER_COMMA_RE: Final = re.compile("^([0-9๐-๙]{1,3}),$")
THAI_LETTER_RE: Final = re.compile("^[\u0e01-\u0e2e\u0e40-\u0e44]")


def item_number_dot(pieces: Sequence[Piece], next_text: str | None) -> list[Piece]:
    """A line's first token's pieces, "4," made "4." when a Thai word follows it."""
    if len(pieces) != 1 or next_text is None or not THAI_LETTER_RE.match(next_text):
        return list(pieces)
    text, left, right = pieces[0]
    match = ITEM_NUMBER_COMMA_RE.match(text)
    return [(f"{match.group(1)}.", left, right)] if match else list(pieces)


MARK_ONLY_RE: Final = re.compile("^[“”\"'‘’/\\✓✔√]+$")
CHECK_MARK: Final = "✓"
# A lone "%" between spaces is the "x" of a quantity formula (a percent sign follows its
# number without a space).
MISREAD_TIMES: Final = "%"
TIMES: Final = "x"


def repair_pieces(pieces: Sequence[Piece], repaired: list[tuple[str, str]] | None = None,
                  among_words: bool = False) -> list[Piece]:
    """A token's pieces: marks glued to their base, each repaired, debris dropped; a word
    of the vocabulary put back is added to `repaired` (see `restore_vocabulary`). A mark
    alone is a Gantt check mark unless the token stands `among_words`."""
    glued: list[Piece] = []
    for text, left, right in pieces:
        if glued and text and (is_thai_mark(text[0]) or (text[0] == "\u0e32"
                               and glued[-1][0].endswith("\u0e4d"))):
            prev_text, prev_left, prev_right = glued[-1]
            glued[-1] = (prev_text + text, prev_left, max(prev_right, right))
        else:
            glued.append((text, left, right))
    if len(glued) == 1 and MARK_ONLY_RE.match(glued[0][0]) and not among_words:
        return [(CHECK_MARK, glued[0][1], glued[0][2])]
    if len(glued) == 1 and glued[0][0] == MISREAD_TIMES:
        return [(TIMES, glued[0][1], glued[0][2])]  # "80 คน % 1 มื้อ": the "x" of a formula
    glued = _times_between_unit_and_number(glued)
    glued = [(fix_confusables(text), left, right) for text, left, right in glued]
    out = [(repair_ocr_text(text), left, right) for text, left, right in glued]
    return restore_vocabulary(restore_tone_marks([piece for piece in out if piece[0]]),
                              repaired)


LETTER_RE: Final = re.compile("[A-Za-z\u0e01-\u0e2e]")


def among_words(lines: Sequence[Sequence[Piece]], max_gap: float) -> frozenset[tuple[int, int]]:
    """The places (line, index) among `lines` of tokens (text, left, right) of the tokens
    that are a mark alone set between two words: a slash of running text ("O-NET / NT /
    RT", "ครู / นักเรียน"). A neighbour on the same line is at most `max_gap` pixels away;
    a mark ending its line is followed by the word opening the next (a wrapped cell:
    "(O-NET /" over "NT / RT)"), and one opening its line follows the word ending the line
    before. A Gantt mark stands alone in its cell or among marks and amounts, never a word
    on each side."""
    flat = [(n, i, *token) for n, line in enumerate(lines) for i, token in enumerate(line)]
    def word_near(k: int, gap: float) -> bool:
        return (0 <= k < len(flat) and LETTER_RE.search(flat[k][2]) is not None
                and gap <= max_gap)
    out: set[tuple[int, int]] = set()
    for k, (n, i, text, left, right) in enumerate(flat):
        if not MARK_ONLY_RE.match(text) or k == 0 or k + 1 == len(flat):
            continue
        before, after = flat[k - 1], flat[k + 1]
        gap_before = left - before[4] if before[0] == n else 0
        gap_after = after[3] - right if after[0] == n else 0
        if word_near(k - 1, gap_before) and word_near(k + 1, gap_after):
            out.add((n, i))
    return frozenset(out)


def _times_between_unit_and_number(pieces: list[Piece]) -> list[Piece]:
    """A "%" piece between a Thai word and a number ("37คน%๓0บาท") made the "x" of a cost
    formula typed without spaces: a per cent sign follows its number, never a unit."""
    out = list(pieces)
    for index in range(1, len(pieces) - 1):
        before, after = pieces[index - 1][0], pieces[index + 1][0]
        if pieces[index][0] == MISREAD_TIMES and THAI_RUN_RE.search(before[-1:]) \
                and after[:1].isdigit():
            out[index] = (TIMES, pieces[index][1], pieces[index][2])
    return out


# -- lost tone marks --------------------------------------------------------------------

UPPER_VOWELS: Final = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37")  # ั ิ ี ึ ื
# ่ ้ ์: the marks the model drops over a vowel ("ที่" -> "ที", "ทธิ์" -> "ทธิ")
LOST_MARKS: Final = ("\u0e48", "\u0e49", "\u0e4c")
VOWEL_LOOKALIKES: Final = {"\u0e34": "\u0e37", "\u0e37": "\u0e34"}  # ิ ื
ALL_TONE_MARKS: Final = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
THAI_RUN_RE: Final = re.compile("[\u0e01-\u0e4e]+")
# A mark is put back when the text with it is this many times more likely (unigram model
# over pythainlp's TNC word counts, dictionary words only): "ที่" is 67 times "ที", and
# "ทั้งสิ้น" one word where "ทั้งสิน" is two.
MIN_LIKELIHOOD_RATIO: Final = 5.0
UNKNOWN_CHAR_LOG_P: Final = -20.0
WINDOW: Final = 12
CONFUSABLE: Final = {"ถ": "ผ"}  # one way: the other way turns "วางแผน" into "วางแถน"


@functools.cache
def _word_log_p() -> dict[str, float]:
    from pythainlp.corpus import thai_words, tnc

    words = set(thai_words())
    counts = {word: count for word, count in tnc.word_freqs() if word in words}
    total = float(sum(counts.values()))
    log_p = {word: math.log((counts.get(word, 0) + 0.5) / total) for word in words}
    return log_p


@functools.cache
def _score(text: str) -> float:
    """Log-likelihood of `text` segmented into dictionary words (newmm)."""
    from pythainlp.tokenize import word_tokenize

    log_p = _word_log_p()
    return sum(log_p.get(token, UNKNOWN_CHAR_LOG_P * len(token))
               for token in word_tokenize(text, engine="newmm", keep_whitespace=False))


def dictionary_score(text: str) -> float:
    """How likely `text` is as Thai: the log-likelihood of its dictionary segmentation,
    letters outside dictionary words scored as unknown (higher is likelier)."""
    return _score(text)


def lost_upper_marks(text: str) -> list[tuple[int, str]]:
    """Where an upper mark the OCR dropped goes back: (index of the upper vowel under it,
    the vowel and its mark), only where exactly one choice makes the words around it much
    more likely.

    The choices are the vowel with each of `LOST_MARKS`, and its look-alike with each
    (`VOWEL_LOOKALIKES`: "ดื่ม" reads "ดิม" when the mark goes with the vowel's second
    stroke); a look-alike alone is never chosen (the vowel as read may be right).
    """
    edits: list[tuple[int, str]] = []
    threshold = math.log(MIN_LIKELIHOOD_RATIO)
    for run in THAI_RUN_RE.finditer(text):
        word = run.group()
        for i, char in enumerate(word):
            if char not in UPPER_VOWELS or (i + 1 < len(word) and word[i + 1] in ALL_TONE_MARKS):
                continue
            start, end = max(0, i - WINDOW), min(len(word), i + 1 + WINDOW)
            window = word[start:end]
            at = i - start
            base = _score(window)
            options = [vowel + mark for vowel in (char, *VOWEL_LOOKALIKES.get(char, ""))
                       for mark in LOST_MARKS]
            gains = sorted((_score(window[:at] + option + window[at + 1:]) - base, option)
                           for option in options)
            (second, _), (best, option) = gains[-2:]
            if best >= threshold and best - second >= threshold:
                edits.append((run.start() + i, option))
    return edits


def fix_confusables(text: str) -> str:
    """Consonants the model confuses (`CONFUSABLE`) swapped where the swap makes the words
    around them far more likely ("ผู้รับถิดชอบ" -> "ผู้รับผิดชอบ")."""
    chars = list(text)
    threshold = math.log(MIN_LIKELIHOOD_RATIO)
    for run in THAI_RUN_RE.finditer(text):
        for i in range(run.start(), run.end()):
            other = CONFUSABLE.get(chars[i])
            if other is None:
                continue
            start, end = max(run.start(), i - WINDOW), min(run.end(), i + 1 + WINDOW)
            window = "".join(chars[start:end])
            swapped = window[:i - start] + other + window[i - start + 1:]
            if _score(swapped) - _score(window) >= threshold:
                chars[i] = other
    return "".join(chars)


def restore_tone_marks(pieces: Sequence[Piece]) -> list[Piece]:
    """A token's pieces with lost upper marks put back into the piece of their vowel."""
    text = "".join(p[0] for p in pieces)
    edits = dict(lost_upper_marks(text))
    if not edits:
        return list(pieces)
    out: list[Piece] = []
    position = 0
    for piece_text, left, right in pieces:
        chars: list[str] = []
        for char in piece_text:
            chars.append(edits.get(position, char))
            position += 1
        out.append(("".join(chars), left, right))
    return out


# -- the pipeline's own words ----------------------------------------------------------

# Vocabulary words shorter than this (characters) are not restored: too many words are
# one edit from a short word.
MIN_VOCABULARY_WORD: Final = 6
# Vocabulary words this long (characters) may have two slips, one of them a mark's.
TWO_SLIP_WORD: Final = 10
# A vocabulary word is looked for where the token has its first or last few characters.
ANCHOR_CHARS: Final = 3


@functools.cache
def _vocabulary() -> tuple[str, ...]:
    """The words the extraction looks for (section headings, budget categories, project
    header labels, table header words, strategy labels, grand totals), longest first."""
    words = {*(word for word, _ in SECTION_KEYWORDS), *CATEGORY_PREFIXES.values(),
             *(label for label, _ in HEADER_LABELS),
             *HEADER_WORDS, *STATED_BUDGET_WORDS, *STRATEGY_WORDS, "รวมทั้งสิ้น"}
    return tuple(sorted((w for w in words if len(w) >= MIN_VOCABULARY_WORD
                         and THAI_RUN_RE.fullmatch(w)), key=len, reverse=True))


def vocabulary_slip(text: str) -> tuple[int, int, str] | None:
    """Where `text` holds one of the pipeline's own words with an OCR slip (a letter
    misread, a mark lost or added: "วัตผุประสงค์", "กอยุทธ์", "ตัวชีวัด"; see
    `_one_slip`): (start, end,
    the word), when exactly one word fits there, what was read there is no dictionary
    word, and putting the word back makes the words around it no less likely. None
    otherwise.

    Why: a section heading or a budget category misread is not a wrong letter in prose
    but a section or a category lost ("2. วัตผุประสงค์" heads no objectives).
    """
    found: set[tuple[int, int, str]] = set()
    for word in _vocabulary():
        if word in text:
            continue
        starts = {i for i in _find_all(text, word[:ANCHOR_CHARS])}
        ends = {i + ANCHOR_CHARS for i in _find_all(text, word[-ANCHOR_CHARS:])}
        spans = {(a, a + n) for a in starts for n in (len(word) - 1, len(word), len(word) + 1)}
        spans |= {(b - n, b) for b in ends for n in (len(word) - 1, len(word), len(word) + 1)}
        for a, b in spans:
            if 0 <= a < b <= len(text) and _one_slip(text[a:b], word):
                found.add((a, b, word))
    words = {word for _, _, word in found}
    words = {w for w in words if not any(w != other and w in other for other in words)}
    if len(words) != 1:
        return None  # a word inside a longer one ("ชี้วัด", "ตัวชี้วัด") is the longer one
    found = {f for f in found if f[2] in words}
    a, b, word = min(found, key=lambda f: (_distance(text[f[0]:f[1]], f[2]),
                                           f[1] - f[0] - len(f[2])))
    start, end = max(0, a - WINDOW), min(len(text), b + WINDOW)
    before = text[start:end]
    after = text[start:a] + word + text[b:end]
    if text[a:b] in _word_log_p():
        return None  # a word in its own right ("โครงงาน" is not a slip of "โครงการ")
    if _score(after) - _score(before) < 0:
        return None
    return a, b, word


def _one_slip(read: str, word: str) -> bool:
    """Whether `read` is `word` with one OCR slip: a letter read as another, or a mark
    lost, added or read as another; a word of `TWO_SLIP_WORD` characters or more may also
    have a mark slip beside a letter slip ("ชื่อโครงการ" read "ซื้อโครงการ": ช as ซ, its
    mai ek as mai tho). A letter lost or added is no slip: a token's last letters may be
    on the next line of a narrow cell ("ไตรมา" / "สที่ 1"), where no word is cut short."""
    from rapidfuzz.distance import Levenshtein

    ops = [(str(tag), int(src), int(dest))
           for tag, src, dest in Levenshtein.editops(read, word).as_list()]
    marks = [op for op in ops if _mark_slip(op, read, word)]
    letters = [op for op in ops if op not in marks]
    if any(tag != "replace" for tag, _, _ in letters) or len(letters) > 1:
        return False
    if len(word) >= TWO_SLIP_WORD:
        return 1 <= len(ops) <= 2 and len(marks) <= 1
    return len(ops) == 1


def _distance(read: str, word: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(read, word))


def _mark_slip(op: tuple[str, int, int], read: str, word: str) -> bool:
    """Whether an edit of `read` into `word` adds, drops or changes a mark only."""
    tag, src, dest = op
    if tag == "insert":
        return is_thai_mark(word[dest])
    if tag == "delete":
        return is_thai_mark(read[src])
    return is_thai_mark(read[src]) and is_thai_mark(word[dest])


# A token is put back to a vocabulary word whose marks it lost when it keeps at least this
# many letters: fewer fit too many words.
MIN_BARE_LETTERS: Final = 4


@functools.cache
def _vocabulary_by_bare_form() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for word in _vocabulary():
        out.setdefault(_bare(word), []).append(word)
    return out


def _bare(text: str) -> str:
    return "".join(c for c in text if not is_thai_mark(c))


def vocabulary_marks_lost(token: str) -> str | None:
    """The vocabulary word `token` is with several of its marks lost and its letters all
    there ("คาวสด": "ค่าวัสดุ" in a narrow bold header cell), when exactly one word fits and
    `token` is no dictionary word; None otherwise.

    Why apart from `vocabulary_slip`: tesseract loses the marks of a whole short word at
    once (a header cell's stacked marks read as a line of their own), more than one slip,
    and a budget header without its category word loses the column's amounts.
    """
    bare = _bare(token)
    words = _vocabulary_by_bare_form().get(bare, [])
    if len(bare) < MIN_BARE_LETTERS or len(words) != 1 or token in words:
        return None
    [word] = words
    if not _marks_dropped_from(word, token) or token in _word_log_p():
        return None
    return word


def _marks_dropped_from(word: str, token: str) -> bool:
    """Whether `token` is `word` with some of its marks left out and nothing else."""
    return _letter_positions(word, token) is not None


def _letter_positions(word: str, token: str) -> list[int] | None:
    """Where each character of `token` sits in `word` when `token` is `word` with some of
    its marks left out and nothing else; None when it is not."""
    positions: list[int] = []
    i = 0
    for char in token:
        while i < len(word) and word[i] != char and is_thai_mark(word[i]):
            i += 1  # a mark of the word the token lost
        if i == len(word) or word[i] != char:
            return None
        positions.append(i)
        i += 1
    return positions if all(is_thai_mark(c) for c in word[i:]) else None


def restore_wrapped_word(parts: Sequence[str]) -> list[str] | None:
    """`parts`, the tokens of one word wrapped over the lines of a narrow cell ("คา" /
    "วสด"), put back to the vocabulary word they are with marks lost
    (`vocabulary_marks_lost`), each part its share of the word ("ค่า" / "วัสดุ", a lost mark
    going with the letter before it); None when they are not.

    Why: a header word wrapped in its cell is read line by line, so no token holds the
    whole word for `restore_vocabulary` to see.
    """
    read = "".join(parts)
    word = vocabulary_marks_lost(read)
    if word is None or len(parts) < 2 or not all(parts):
        return None
    positions = _letter_positions(word, read)
    assert positions is not None  # vocabulary_marks_lost checked it
    starts, offset = [0], 0
    for part in parts[:-1]:
        offset += len(part)
        starts.append(positions[offset])
    return [word[a:b] for a, b in zip(starts, [*starts[1:], len(word)], strict=True)]


def _find_all(text: str, part: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(part)})", text)]


def restore_vocabulary(pieces: Sequence[Piece], repaired: list[tuple[str, str]] | None = None
                       ) -> list[Piece]:
    """A token's pieces with a slip in one of the pipeline's words put back
    (`vocabulary_slip`); the pieces the word spans become one. The token as read and as
    put back is added to `repaired`: the caller reports it (nothing changed silently)."""
    read = "".join(p[0] for p in pieces)
    whole = vocabulary_marks_lost(read)
    if whole is not None and pieces:
        if repaired is not None:
            repaired.append((read, whole))
        return [(whole, pieces[0][1], pieces[-1][2])]
    slip = vocabulary_slip(read)
    if slip is None:
        return list(pieces)
    a, b, word = slip
    spans: list[tuple[int, int]] = []  # each piece's characters in the token's text
    for text, _, _ in pieces:
        start = spans[-1][1] if spans else 0
        spans.append((start, start + len(text)))
    hit = [i for i, (start, end) in enumerate(spans) if end > a and start < max(b, a + 1)]
    first, last = hit[0], hit[-1]
    text = "".join(p[0] for p in pieces[first:last + 1])
    offset = spans[first][0]
    joined = text[:a - offset] + word + text[b - offset:]
    if repaired is not None:
        repaired.append((text, joined))
    return [*pieces[:first], (joined, pieces[first][1], pieces[last][2]), *pieces[last + 1:]]


# -- units after a number -----------------------------------------------------------------

_UPPER_MARK_RE: Final = re.compile("[\u0e48-\u0e4c]")


@functools.cache
def _units_by_bare_form() -> dict[str, list[str]]:
    from pipeline.normalize.vocabulary import COUNT_UNITS

    out: dict[str, list[str]] = {}
    for unit in dict.fromkeys(COUNT_UNITS):
        out.setdefault(_UPPER_MARK_RE.sub("", unit), []).append(unit)
    return out


def restore_unit(pieces: Sequence[Piece]) -> list[Piece]:
    """A token right after a number, put back to the count unit it is with its upper marks
    lost ("80 คน x 1 มือ x 125 บาท": "มื้อ"), when exactly one unit fits.

    Why here and not by the dictionary: "มือ" (hand) is a word as common as "มื้อ" (meal);
    only its place, a count after a number, says which. A token that is a unit as read
    stays as read.
    """
    text = "".join(p[0] for p in pieces)
    units = _units_by_bare_form().get(_UPPER_MARK_RE.sub("", text), [])
    if not pieces or text in units or len(units) != 1:
        return list(pieces)
    return [(units[0], pieces[0][1], pieces[-1][2])]


# -- month abbreviations ------------------------------------------------------------------

_BELOW_OR_UPPER_MARK_RE: Final = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# A lone upper mark reads as a quote ("มี.ค." stacked in a narrow cell: 'ม".ค.').
_QUOTES: Final = "\"'“”‘’"
# Letters, quotes and dots holding at least one dot (the lookahead: one scan, where a
# dot matched between two runs of the same class would try every split of a run of dots).
_ABBREVIATION_RE: Final = re.compile(
    f"^(?=[\u0e01-\u0e4e{_QUOTES}]*+\\.)([\u0e01-\u0e4e.{_QUOTES}]*+)([0-9๐-๙]*+)$")


def _skeleton(text: str) -> tuple[str, tuple[bool, ...]]:
    """An abbreviation's letters without dots and marks, and which letters carry a mark
    above (the vowel of "มี.ค." and "มิ.ย.", or what the model read in its place)."""
    letters: list[str] = []
    upper: list[bool] = []
    for char in text:
        if char == ".":
            continue
        if _BELOW_OR_UPPER_MARK_RE.match(char) or char in _QUOTES:
            if letters and char not in "\u0e38\u0e39\u0e3a":  # ุ ู ฺ sit below
                upper[-1] = True
            continue
        letters.append(char)
        upper.append(False)
    return "".join(letters), tuple(upper)


@functools.cache
def _months_by_skeleton() -> dict[str, list[tuple[str, tuple[bool, ...]]]]:
    from pipeline.normalize.vocabulary import THAI_MONTH_ABBREVIATIONS

    out: dict[str, list[tuple[str, tuple[bool, ...]]]] = {}
    for abbreviation in THAI_MONTH_ABBREVIATIONS:
        letters, upper = _skeleton(abbreviation)
        out.setdefault(letters, []).append((abbreviation, upper))
    return out


def restore_month(pieces: Sequence[Piece]) -> list[Piece]:
    """A token that is a month abbreviation with OCR debris in it, put back: a stray mark
    on a letter ("พ.ุย. 66"), a mark read where a dot is ("กุพ.67"), a wrong mark or a
    quote over the vowel's place ('ม".ค.67'), with the year glued on kept.

    The token must have a dot and exactly the letters of an abbreviation; where two share
    their letters ("ม.ค.", "มี.ค.") a mark above the first letter or none says which.
    A token already spelled right stays as read.
    """
    text = "".join(p[0] for p in pieces)
    match = _ABBREVIATION_RE.match(text)
    if not pieces or match is None:
        return list(pieces)
    head, year = match.groups()
    letters, upper = _skeleton(head)
    candidates = _months_by_skeleton().get(letters, [])
    if len(candidates) > 1:
        candidates = [c for c in candidates if c[1] == upper]
    if len(candidates) != 1 or head in (candidates[0][0], candidates[0][0].rstrip(".")):
        return list(pieces)
    month = candidates[0][0]
    cut = len(pieces) - len(year)  # one piece a digit, as tesseract gives them
    if cut < 1 or "".join(p[0] for p in pieces[cut:]) != year:
        return [(month + year, pieces[0][1], pieces[-1][2])]
    return [(month, pieces[0][1], pieces[cut - 1][2]), *pieces[cut:]]
