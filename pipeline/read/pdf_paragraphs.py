"""Visual lines back into the paragraphs the author typed.

A PDF only has visual lines; the DOCX of the same plan has paragraphs, and the extractor
joins the lines of a field or cell with a space. Thai is written without spaces between
words, so a paragraph wrapped inside a run of Thai ("...เพื่อ" / "ให้การศึกษา...") would
come back with a space inside a phrase and the PDF's rows would differ from the DOCX's.
So wrapped lines are joined here, by asking what the line breaker did:

* a line continues the previous one when its first word would *not* have fit in the room
  left on the previous line (the breaker pushed it down). The room is the gap at the right
  end, or both gaps for a centred line. The first word of a Thai run is the longest
  dictionary word it starts with (pythainlp's word list, close to the ICU dictionary that
  LibreOffice and Word break with);
* the room is on the left for right-aligned lines (amounts) and on both sides for centred
  ones;
* never across a list marker ("1.", "-", "๑)"), a change of font size or weight (a bold
  label above its value), a gap larger than a normal line pitch, or between a digit and a
  digit (amounts listed line by line; a number too wide for its cell breaks at a comma);
* joined without a space when the break fell inside Thai text, with one when the previous
  line ends with a space glyph (LibreOffice keeps it when it fits) or between non-Thai words.

Known limit: when a Thai line broke at a space that did not fit on the line, LibreOffice
draws no space glyph and the join has no space ("ยโสธร" + "เขต 2" -> "ยโสธรเขต 2"); two
paragraphs set exactly like one wrapped paragraph are joined. A tagged PDF has both (the
space glyph, the paragraph elements): `pdf_tagged` reads it by its structure tree and only
asks `separator` and `typed_break` how the lines of one known paragraph join.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from pipeline.normalize.vocabulary import PERSON_TITLES
from pipeline.normalize.vocabulary.plan import HEADER_LABELS, HeaderField
from pipeline.normalize.words import word_set
from pipeline.read.pdf_text import SPACE_GAP_EM, Cluster, TextLine

# Consecutive lines of one paragraph are at most this many font sizes apart (baselines);
# LibreOffice's single spacing of Thai fonts is about 1.7.
MAX_WRAP_PITCH_EM: Final = 2.1
# Room at the line end smaller than this (in font sizes) always means a wrap.
ALWAYS_WRAPPED_GAP_EM: Final = 0.6
# Lines whose font sizes differ by more than this (points) are different paragraphs.
SIZE_TOLERANCE: Final = 0.6
# Width of a word space, in font sizes (about 0.32 in Thai fonts).
SPACE_EM: Final = 0.32
# Tolerance (points) when asking whether a word fits the room left, or a line is centred.
FIT_TOLERANCE: Final = 1.0
CENTRE_TOLERANCE: Final = 3.0
CENTRE_TOLERANCE_EM: Final = 0.5

# Bullets (including the Symbol-font private-use bullets Word exports), "1." "1.1" "1)"
# "(1)", and Thai letter items "ก." "ข)" followed by a space (not abbreviations: "พ.ศ.").
LIST_MARKER_RE: Final = re.compile(
    "^\\s*(?:[-–—](?=\\s*[^\\s\\-–—])|[•·*●○◦■□▪❖➢►✓✔\uf0a7\uf0b7\uf0d8\uf0fc]"
    "|\\(?[0-9๐-๙]{1,3}(?:[.)]|\\.[0-9๐-๙]{1,3})"
    "|\\(?[ก-ฮ][.)]\\s)"
)
THAI_RE: Final = re.compile("[\u0e01-\u0e4f]")
DIGIT_RE: Final = re.compile("[0-9๐-๙]")
# searched: it starts only where a run of digits starts (from inside a long run it would
# scan the rest again from each position)
NUMBER_TAIL_RE: Final = re.compile("(?<![0-9๐-๙,.])[0-9๐-๙,.]+$")
NUMBER_HEAD_RE: Final = re.compile("^[0-9๐-๙,.]+")
THAI_DIGIT_RE: Final = re.compile("[๐-๙]")
# A number that can stand alone: no leading zero ("0,000" is the rest of "40,000").
WHOLE_NUMBER_RE: Final = re.compile(
    "^(?:[1-9๑-๙][0-9๐-๙]{0,2}(?:,[0-9๐-๙]{3})+|[1-9๑-๙][0-9๐-๙]*|[0๐])(?:\\.[0-9๐-๙]+)?$"
)
# The start of a number: whole groups, then possibly a partial group or decimals.
NUMBER_PREFIX_RE: Final = re.compile(
    "^(?:[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*(?:,[0-9๐-๙]{0,2})?|[0-9๐-๙]+)(?:\\.[0-9๐-๙]*)?$"
)
CLOSING: Final = frozenset(".,:;)]}/")
OPENING_GLUE: Final = frozenset("([{\"“‘")
OPENING: Final = frozenset("([{/")
DASHES: Final = frozenset("-–—")
# Punctuation that glues the next word on for the line breaker (UAX #14: no break after
# an opening bracket or quote, nor between "." "," "/" and a following letter).
DASH_VALUE_RE: Final = re.compile("^[-–—]+$")
JOINERS: Final = frozenset("/.,([{\"“‘")
# "ลักษณะโครงการ : โครงการต่อเนื่อง": a header field written as label, colon, value.
FIELD_LINE_RE: Final = re.compile(r"^[^\s:：][^:：]{0,40}?\s[:：]\s")
# What follows a field label that opens a line (`opens_field`).
FIELD_LABEL_END: Final = frozenset(" \t:：")
# The fields whose one-word labels open the next field under another one (`next_field_word`).
SINGLE_WORD_FIELDS: Final = frozenset(set(HeaderField) - {HeaderField.NAME, HeaderField.BUDGET})
RULE_LINE_RE: Final = re.compile(r"^[\s\-–—_=.*~·]{5,}$")
# Personal titles start a new name: lists of responsible persons put one per line.
TITLE_RE: Final = re.compile(
    "^(?:" + "|".join(re.escape(t) for t in PERSON_TITLES) + ")(?=[ก-ฮ])"
)


@dataclass(frozen=True)
class TextBlock:
    """A paragraph rebuilt from one or more visual lines; `first`/`last` keep the geometry."""

    text: str
    first: TextLine
    last: TextLine
    # False for a row of a borderless two-column block: never joined across a page break
    joinable: bool = True

    @property
    def top(self) -> float:
        return self.first.top

    @property
    def bottom(self) -> float:
        return self.last.bottom


@dataclass(frozen=True)
class Column:
    """The horizontal extent lines are set in: a cell's inside, or the page's text area."""

    left: float
    right: float


def join_wrapped(lines: Sequence[TextLine], column: Column) -> list[TextBlock]:
    """`lines` (top to bottom, set in `column`) as paragraphs."""
    out: list[TextBlock] = []
    for line in lines:
        if out and is_wrapped(out[-1].last, line, column, before=out[-1].text):
            out[-1] = join(out[-1], TextBlock(line.text, line, line), column)
        else:
            out.append(TextBlock(line.text, line, line))
    return out


def join(block: TextBlock, rest: TextBlock, column: Column | None = None) -> TextBlock:
    glue = separator(block.last, rest.first, column)
    return TextBlock(block.text + glue + rest.text, block.first, rest.last)


def is_wrapped(previous: TextLine, line: TextLine, column: Column, *,
               same_page: bool = True, before: str | None = None) -> bool:
    """Whether `line` continues `previous` (the line breaker pushed its first word down).

    `before` is the paragraph's text so far (default: `previous` alone). Across a page
    break (`same_page=False`) the line pitch cannot be checked.
    """
    if previous.turned or line.turned:
        return False  # turned text (a Gantt month header) keeps its lines
    size = max(previous.size, line.size)
    if same_page:
        pitch = line.baseline - previous.baseline
        if pitch <= 0 or pitch > MAX_WRAP_PITCH_EM * size:
            return False
    if abs(previous.size - line.size) > SIZE_TOLERANCE or LIST_MARKER_RE.match(line.text):
        return False
    text_before = before if before is not None else previous.text
    if TITLE_RE.match(line.text) or FIELD_LINE_RE.match(line.text) \
            or field_follows(text_before, line.text):
        return False
    if bool(RULE_LINE_RE.match(previous.text)) != bool(RULE_LINE_RE.match(line.text)):
        return False  # a "------" separator line is not part of the text around it
    if line.text[0] in CLOSING:
        return True  # nothing breaks before closing punctuation
    if _is_bold(previous.clusters[-1]) != _is_bold(line.clusters[0]):
        return False
    room = _room(previous, line, column)
    width = column.right - column.left
    if _forced_break(previous, line, column) and room <= ALWAYS_WRAPPED_GAP_EM * size:
        return True  # a line filled by one word too wide for the column, broken by force
    numbers = _number_break(text_before, line.text)
    if numbers is False and (_glued_number(previous.text) or (
            text_before != previous.text and _one_number(text_before, line.text))) \
            and previous.x1 - previous.x0 + first_chunk_width(line) > width:
        # a cell too narrow for anything ("ต.ค. 6" / "6"), or a year glued to its month
        # ("ต.ค.6" / "6") that did not fit: still breaking
        numbers = True
    if numbers is not None:
        return numbers
    if DASH_VALUE_RE.match(text_before) and line.text[0] in DASHES:
        # "-" marks a nil value: "-" / "-" are two values unless "--" did not fit the cell
        return previous.x1 - previous.x0 + first_chunk_width(line) > width + FIT_TOLERANCE
    if room <= ALWAYS_WRAPPED_GAP_EM * size:
        return True
    word = first_word_width(line)
    if word > width:
        return True  # wider than the column: it was broken wherever it had to be
    # the word would also have needed the space before it, if the break was at a space;
    # when in doubt, a wrap (a lost paragraph break costs less than a space in a word)
    return word + SPACE_EM * size > room - FIT_TOLERANCE


def opens_field(text: str) -> bool:
    """Whether a line starts with a project form's field label made of several words
    ("สนองยุทธศาสตร์", "ลักษณะโครงการ", "ระยะเวลาดำเนินการ"), then a space, a colon or
    nothing: the next field, never the rest of the one above ("ชื่อโครงการ ..." /
    "สนองยุทธศาสตร์ ยุทธศาสตร์ที่ 1"). A text PDF usually tells them apart by the bold
    label, but a scan has no font and a plain form no bold. A label that is one dictionary
    word ("งบประมาณ", "ยุทธศาสตร์") can begin a wrapped line of prose ("ตลอดปี" /
    "งบประมาณ 2567") and is left to the geometry."""
    return any(text.startswith(label) and (len(text) == len(label) or text[len(label)]
                                           in FIELD_LABEL_END)
               for label in _compound_labels())


def field_follows(before: str, line: str) -> bool:
    """Whether `line`, opening with a field label (`opens_field`), is the next field of a
    project form rather than prose wrapped so that a label's words begin a line ("...ยึดตาม"
    / "มาตรฐานการศึกษา ของสถานศึกษา"). Prose holds such words anywhere; a label only
    opens a field on evidence: a colon right after it, or a paragraph above that is itself
    a field (it opens with a label: the fields of a form follow one another).

    A label that is one dictionary word opens the next field only under another field's
    paragraph (`next_field_word`)."""
    if not opens_field(line):
        return next_field_word(before, line)
    label = next(label for label in _compound_labels() if line.startswith(label))
    return line[len(label):].lstrip().startswith((":", "：")) or is_field(before)


def next_field_word(before: str, line: str) -> bool:
    """Whether `line` opens with a label of one dictionary word (`SINGLE_WORD_FIELDS`:
    "แผนงาน", "ระยะเวลา") and a space, a colon or nothing, under a paragraph that is a
    field of another kind: the form's next field whose colon a scan lost ("ชื่อโครงการ
    ... ที่พึงประสงค์" / "แผนงาน งานกิจการนักเรียน"). Neither the name nor the budget:
    "โครงการ" and "งบประมาณ" begin a wrapped value as often ("ตลอดปี" / "งบประมาณ 2567")."""
    above = field_of(before)
    return above is not None and any(
        field is not above and line.startswith(label)
        and (len(line) == len(label) or line[len(label)] in FIELD_LABEL_END)
        for label, field in HEADER_LABELS
        if field in SINGLE_WORD_FIELDS and label not in _compound_labels())


def field_of(text: str) -> HeaderField | None:
    """The field of the label a paragraph opens with (`is_field`), None when it opens with
    none."""
    text = LIST_MARKER_RE.sub("", text, count=1).lstrip()
    for label, field in HEADER_LABELS:  # longest first
        if text.startswith(label) and (len(text) == len(label)
                                       or text[len(label)] in FIELD_LABEL_END):
            return field
    return HeaderField.OTHER if FIELD_LINE_RE.match(text) else None


def is_field(text: str) -> bool:
    """Whether a paragraph opens with a header field's label (one word or several, list
    marker aside) followed by its value, a space, a colon or nothing."""
    text = LIST_MARKER_RE.sub("", text, count=1).lstrip()
    return bool(FIELD_LINE_RE.match(text)) or any(
        text.startswith(label) and (len(text) == len(label) or text[len(label)]
                                    in FIELD_LABEL_END)
        for label, _field in HEADER_LABELS)


@functools.cache
def _compound_labels() -> tuple[str, ...]:
    words, _ = word_set()
    return tuple(label for label, _field in HEADER_LABELS if label not in words)


def typed_break(previous: TextLine, line: TextLine, right: float) -> bool:
    """Within one paragraph known to be one (a tagged PDF's): `previous` ended with room for
    everything `line` starts with up to its first space, so the author broke the line there
    (Shift+Enter), the line breaker did not. `right` is the right end of the paragraph's
    longest line on the page: the column reaches at least that far. Both estimates err on
    the side of a wrap: the line breaker may cut a run of Thai inside, never a space-free run
    wider than the room it was pushed down from."""
    if previous.turned or line.turned:
        return False
    size = max(previous.size, line.size)
    return right - previous.end > _leading_unit_width(line) + SPACE_EM * size + FIT_TOLERANCE


def _leading_unit_width(line: TextLine) -> float:
    """Width of the line's first space-free run, continued across spaces after an opening
    bracket or quote (UAX #14 allows no break after them: "( 18 คน" is one unit)."""
    start: Cluster | None = None
    end: Cluster | None = None
    for cluster in line.clusters:
        spaced = cluster.text.isspace() or (
            end is not None and cluster.x0 - end.x1 > SPACE_GAP_EM * cluster.size)
        if spaced and end is not None and end.text[-1] not in OPENING_GLUE:
            break
        if cluster.text.isspace():
            continue
        start = start or cluster
        end = cluster
    return end.x1 - start.x0 if start is not None and end is not None else 0.0


def _number_break(before: str, line: str) -> bool | None:
    """Lines ending and starting with digits: one number broken (True) or two (False).

    Amounts are listed one per line in plan tables, and a number wider than its cell is
    broken anywhere ("๑" / "๐,๐๐" / "๐", "52," / "8๐๐"). A piece that is not a whole
    number alone continues or is continued, if the two can be one number; two whole
    numbers are one only when a leading group is followed by the grouped rest in the other
    script ("1" / "๐,๐๐๐": plans mix Thai and Arabic digits inside a number). Known
    limit: "90" / "0" (900 centred in a cell too narrow for it) reads as two numbers.
    """
    head = NUMBER_TAIL_RE.search(before)
    tail = NUMBER_HEAD_RE.match(line)
    if not head or not tail:
        return None
    a, b = head.group(), tail.group()
    if not DIGIT_RE.search(a) or not DIGIT_RE.search(b):
        return None
    if not NUMBER_PREFIX_RE.match(a + b):
        return False
    if not WHOLE_NUMBER_RE.match(a) or not WHOLE_NUMBER_RE.match(b):
        return True
    # "1" / "๐,๐๐๐": a leading group, then the grouped rest in the other script
    script_changes = bool(THAI_DIGIT_RE.match(a[-1])) != bool(THAI_DIGIT_RE.match(b[0]))
    return script_changes and "," in b and "," not in a


def _one_number(before: str, line: str) -> bool:
    """The digits ending `before` and starting `line` can be one number ("6" / "6", not
    "39,๖๐๐" / "52,": two amounts listed line by line)."""
    head = NUMBER_TAIL_RE.search(before)
    tail = NUMBER_HEAD_RE.match(line)
    return bool(head and tail and NUMBER_PREFIX_RE.match(head.group() + tail.group()))


def _glued_number(text: str) -> bool:
    """The digits ending `text` are glued to the word before them ("ต.ค.6"), so they are not
    an amount listed alone on its line (which "39,๖๐๐" / "52," are)."""
    words = text.split()
    word = words[-1] if words else ""
    return bool(DIGIT_RE.match(word[-1:])) and any(ch.isalpha() for ch in word)


def _room(previous: TextLine, line: TextLine, column: Column) -> float:
    """The room the line breaker had left on `previous`, whatever the alignment.

    Trailing spaces count as used: a run of spaces or a tab can push the next word down.
    """
    room = column.right - previous.end
    left_gap = previous.x0 - column.left
    # the column is estimated from the text itself, so allow for its error
    centred_within = max(CENTRE_TOLERANCE, CENTRE_TOLERANCE_EM * previous.size)
    if left_gap > CENTRE_TOLERANCE and abs(left_gap - room) <= centred_within:
        return room + left_gap  # centred: both margins were free
    right_aligned = room <= CENTRE_TOLERANCE and column.right - line.x1 <= CENTRE_TOLERANCE
    if right_aligned and left_gap > CENTRE_TOLERANCE and line.x0 - column.left > CENTRE_TOLERANCE:
        return left_gap  # right-aligned (amounts): the room is on the left
    return room


def _is_bold(cluster: Cluster) -> bool:
    return "bold" in cluster.font.lower()


def first_word_width(line: TextLine) -> float:
    """Width of the line's first unbreakable word (a Thai run is cut at its first word)."""
    chunk = _first_chunk(line)
    return _unbreakable_width(chunk) if chunk else 0.0


def first_chunk_width(line: TextLine) -> float:
    """Width of the line's first space-free run of glyphs."""
    chunk = _first_chunk(line)
    return chunk[-1].x1 - chunk[0].x0 if chunk else 0.0


def _first_chunk(line: TextLine) -> list[Cluster]:
    chunk: list[Cluster] = []
    for cluster in line.clusters:
        if cluster.text.isspace():
            if chunk:
                break
            continue
        if chunk and cluster.x0 - chunk[-1].x1 > SPACE_GAP_EM * cluster.size:
            break
        chunk.append(cluster)
    return chunk


def _unbreakable_width(chunk: Sequence[Cluster]) -> float:
    """Width of the chunk's first unit: a dictionary word, with any digits, Latin letters
    or punctuation glued to it; a joiner ("/", ".", an opening bracket) glues on the next
    word too ("งาน/โครงการ", "ผอ.สพป.")."""
    i = 0
    while i < len(chunk):
        last = ""
        if THAI_RE.match(chunk[i].text):
            rest = "".join(c.text for c in chunk[i:])
            length = len(first_thai_word(rest))
            count = 0
            while i < len(chunk) and count < length:
                count += len(chunk[i].text)
                last = chunk[i].text[-1]
                i += 1
        while i < len(chunk) and not THAI_RE.match(chunk[i].text):
            last = chunk[i].text[-1]
            i += 1
        if last not in JOINERS:
            break
    return chunk[max(i, 1) - 1].x1 - chunk[0].x0


@functools.lru_cache(maxsize=8192)
def first_thai_word(text: str) -> str:
    """The longest dictionary word `text` starts with (all of it when none)."""
    words, longest = word_set()
    for end in range(min(len(text), longest), 0, -1):
        if text[:end] in words:
            return text[:end]
    return text


def _in_number(text: str) -> bool:
    """The text ends inside a number: with a digit, or a digit then "," or "."."""
    return bool(DIGIT_RE.match(text[-1])) or (
        len(text) > 1 and text[-1] in ",." and bool(DIGIT_RE.match(text[-2]))
    )


def separator(previous: TextLine, line: TextLine, column: Column | None = None) -> str:
    """What the line break stood for: a space, or nothing inside Thai text.

    With the `column`, a break inside a word too wide for it ("โปรแกรม/Applic" /
    "ation") is recognised and joined without a space.
    """
    if previous.trailing_space or line.leading_space:
        return " "
    end, start = previous.text[-1], line.text[0]
    if THAI_RE.match(end) and THAI_RE.match(start):
        return ""
    if _in_number(previous.text) and DIGIT_RE.match(start):
        return ""  # a number too wide for its cell, broken inside
    if start in CLOSING or end in OPENING:
        return ""
    if end in DASHES and (len(previous.text) == 1 or not previous.text[-2].isspace()):
        return ""  # "๒๕๖๒-" / "กันยายน": a range or a bullet broken after its dash
    if end == "." and THAI_RE.match(start):
        return ""  # "มิ.ย." broken in a narrow cell: abbreviations chain without spaces
    if column is not None and _forced_break(previous, line, column):
        return ""  # one word wider than the column, broken where it had to be
    return " "


def _forced_break(previous: TextLine, line: TextLine, column: Column) -> bool:
    """`previous` is one left-aligned word that, with the start of `line`, is wider than
    the column: the breaker cut it wherever it had to ("โปรแกรม/Applic" / "ation").
    Only for non-Thai letters (a Thai run breaks between its words, and is joined without
    a space anyway), and not for digits: "1" / "2" in a number column are two numbers."""
    if " " in previous.text or previous.x0 - column.left > FIT_TOLERANCE:
        return False
    end, start = previous.text[-1], line.text[0]
    if THAI_RE.match(end) or THAI_RE.match(start) or start.isspace():
        return False
    if DIGIT_RE.match(end) and DIGIT_RE.match(start):
        return False
    return previous.x1 - previous.x0 + first_chunk_width(line) > column.right - column.left



