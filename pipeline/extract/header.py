"""Project header fields: name, แผนงาน, ยุทธศาสตร์, ผู้รับผิดชอบ, ลักษณะโครงการ, ระยะเวลา.

Headers come as "label value" on one line, as a label on its own line with the value on
the following lines, as a two-column table, or glued ("...เขต 2แผนงาน"). All of them are
turned into lines and read by one label scanner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.normalize.glyphs import upper_marks_optional
from pipeline.normalize.text import CACHE_MAX_LENGTH, CACHE_SIZE, clean_text, compact
from pipeline.normalize.vocabulary import PERSON_TITLES
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    GLUABLE_LABELS,
    HEADER_LABELS,
    HEADING_NUMBER_RE,
    NOT_A_PERSON_RE,
    PERSON_CUT_RE,
    PROJECT_NUMBER_RE,
    PROJECT_TYPE_VALUES,
    STRATEGY_NUMBER_RE,
    UNIT_AT_END_RE,
    UNIT_PREFIXES,
    HeaderField,
)

LABEL_SEPARATOR_RE = re.compile(r"^\s*[:：.\-]?\s*")
_TITLE_ALTERNATION = "|".join(re.escape(t) for t in PERSON_TITLES)
PERSON_START_RE = re.compile(rf"(?:{_TITLE_ALTERNATION})")
# A value of ลักษณะโครงการ, also with its upper marks lost (a scan's "โครงการต่อเนือง").
PROJECT_TYPE_VALUE_RE = re.compile(
    "|".join(upper_marks_optional(re.escape(v)) for v in PROJECT_TYPE_VALUES))


@dataclass
class HeaderFields:
    values: dict[HeaderField, list[str]] = field(default_factory=dict)

    def text(self, name: HeaderField) -> str | None:
        lines = self.values.get(name)
        if not lines:
            return None
        return clean_text(" ".join(lines)) or None

    def lines(self, name: HeaderField) -> list[str]:
        return [clean_text(v) for v in self.values.get(name, []) if clean_text(v)]


Labels = Sequence[tuple[str, HeaderField]]


def header_labels(vocabulary: OfficeVocabulary = BUILT_IN) -> Labels:
    """The header labels, an office's own ones among them, longest first."""
    if not vocabulary.header_fields:
        return HEADER_LABELS
    return _office_labels(vocabulary)


@lru_cache(maxsize=16)
def _office_labels(vocabulary: OfficeVocabulary) -> Labels:
    labels = [*vocabulary.header_labels(), *HEADER_LABELS]
    return tuple(sorted(dict.fromkeys(labels), key=lambda entry: -len(entry[0])))


# Labels by their first character, per label list (kept alive here, so ids stay theirs).
_BY_FIRST_CHARACTER: dict[int, tuple[Labels, dict[str, Labels]]] = {}
MAX_LABEL_INDEXES = 64


def _labels_by_first_character(labels: Labels) -> dict[str, Labels] | None:
    """`labels` grouped by first character, each group in the list's order (None when a
    label is empty: it starts every line). Built once per list: every line of a plan is
    matched against ~80 labels, and only those with its first character can match."""
    entry = _BY_FIRST_CHARACTER.get(id(labels))
    if entry is not None and entry[0] is labels:
        return entry[1]
    if any(not label for label, _ in labels):
        return None
    groups: dict[str, list[tuple[str, HeaderField]]] = {}
    for label, name in labels:
        groups.setdefault(label[0], []).append((label, name))
    if len(_BY_FIRST_CHARACTER) >= MAX_LABEL_INDEXES:
        _BY_FIRST_CHARACTER.clear()
    index: dict[str, Labels] = {first: tuple(group) for first, group in groups.items()}
    _BY_FIRST_CHARACTER[id(labels)] = (labels, index)
    return index


def match_label(line: str, labels: Labels = HEADER_LABELS) -> tuple[HeaderField, str] | None:
    """The header label a line starts with, and the rest of the line after it.

    Memoised for the built-in labels (the project finder asks again for each line within
    a window below every title); the answer is an immutable tuple."""
    if labels is HEADER_LABELS and len(line) <= CACHE_MAX_LENGTH:
        return _match_built_in_label(line)
    return _match_label(line, labels)


@lru_cache(maxsize=CACHE_SIZE)
def _match_built_in_label(line: str) -> tuple[HeaderField, str] | None:
    return _match_label(line, HEADER_LABELS)


def _match_label(line: str, labels: Labels) -> tuple[HeaderField, str] | None:
    stripped = HEADING_NUMBER_RE.sub("", clean_text(line), count=1)  # "3. ลักษณะโครงการ"
    squeezed = compact(stripped)
    index = _labels_by_first_character(labels)
    candidates = labels if index is None else index.get(squeezed[:1], ())
    for label, name in candidates:
        if not squeezed.startswith(label):
            continue
        rest = _after_compact_prefix(stripped, len(label))
        if name == HeaderField.NAME and _looks_like_type_value(squeezed):
            return None
        if name == HeaderField.BUDGET and rest and not re.match(r"^\s*[:：]", rest) \
                and not re.search(r"[0-9๐-๙]", rest):
            return None
        if name == HeaderField.NAME:
            rest = PROJECT_NUMBER_RE.sub("", rest, count=1)
        if name == HeaderField.STRATEGY_REF and STRATEGY_NUMBER_RE.match(rest):
            return name, stripped  # "ยุทธศาสตร์ที่ 2 ...": the value itself, not a label
        return name, LABEL_SEPARATOR_RE.sub("", rest, count=1)
    return None


def _looks_like_type_value(squeezed: str) -> bool:
    """"โครงการต่อเนื่อง"/"โครงการใหม่" is the value of ลักษณะโครงการ, not a title; so is
    "โครงการต่อเนือง", the value OCR read with its tone mark lost (which otherwise read as
    the label โครงการ and glued "ต่อเนือง" to the project's name)."""
    return PROJECT_TYPE_VALUE_RE.match(squeezed) is not None


def _after_compact_prefix(text: str, n_chars: int) -> str:
    """The part of `text` after its first `n_chars` non-space characters."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == n_chars:
            return text[i:]
        if not ch.isspace():
            seen += 1
    return ""


def split_glued_label(line: str) -> tuple[str, str] | None:
    """'...เขต 2แผนงาน' -> ('...เขต 2', 'แผนงาน'): a label run into the previous value."""
    stripped = clean_text(line)
    for label in GLUABLE_LABELS:
        if compact(stripped).endswith(label) and compact(stripped) != label:
            cut = len(stripped) - _suffix_length(stripped, label)
            return stripped[:cut].rstrip(), stripped[cut:]
    return None


def _suffix_length(text: str, label: str) -> int:
    count, i = 0, len(text)
    while count < len(label) and i > 0:
        i -= 1
        if not text[i].isspace():
            count += 1
    return len(text) - i


def parse_header(lines: Sequence[str], vocabulary: OfficeVocabulary = BUILT_IN
                 ) -> HeaderFields:
    """Assign every line to the label above it (labels may share a line with their value)."""
    labels = header_labels(vocabulary)
    fields = HeaderFields()
    current: HeaderField | None = None
    for raw in lines:
        line = clean_text(raw)
        if not line:
            continue
        found = match_label(line, labels)
        if found is None:
            glued = split_glued_label(line)
            if glued is not None and current is not None:
                fields.values.setdefault(current, []).append(glued[0])
                found = match_label(glued[1], labels)
        if found is not None:
            current, rest = found
            fields.values.setdefault(current, [])
            if rest:
                fields.values[current].append(rest)
            continue
        if current is not None:
            fields.values[current].append(line)
    return fields


def split_persons(text: str) -> list[str]:
    """One name per person, titles kept; "และคณะ", "เจ้าหน้าที่ในกลุ่ม..." are not persons."""
    persons: list[str] = []
    starts = [m.start() for m in PERSON_START_RE.finditer(text)]
    starts = [s for i, s in enumerate(starts) if i == 0 or s > starts[i - 1]]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        person = _person_name(text[start:end])
        if person and person not in persons:
            persons.append(person)
    return persons


def _person_name(segment: str) -> str:
    title = next(t for t in PERSON_TITLES if segment.startswith(t))
    rest = segment[len(title):]
    cut = PERSON_CUT_RE.search(rest)
    name = rest[: cut.start()] if cut else rest
    words = clean_text(name).split(" ")[:2]
    name = " ".join(w for w in words if w and not NOT_A_PERSON_RE.fullmatch(w))
    return clean_text(f"{title}{name}") if name else ""


def split_responsible(lines: Sequence[str]) -> tuple[list[str], str | None]:
    """Persons and the responsible unit (a line naming a กลุ่ม/หน่วย/งาน) of the field."""
    persons: list[str] = []
    unit: str | None = None
    for line in lines:
        text = clean_text(line)
        if not text:
            continue
        if text.startswith(UNIT_PREFIXES) and not PERSON_START_RE.match(text):
            unit = unit or text
            continue
        persons.extend(p for p in split_persons(text) if p not in persons)
        if unit is None:
            unit = _unit_in_text(text)
    return persons, unit


def _unit_in_text(text: str) -> str | None:
    """A unit written after the names on the same line ("นาย ก ข กลุ่มอำนวยการ")."""
    match = UNIT_AT_END_RE.search(text)
    if match and not PERSON_START_RE.search(match.group(1)):
        return clean_text(match.group(1))
    return None
