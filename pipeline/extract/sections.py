"""Cut a document's block stream into plan parts: front matter, project sections, sections.

The stream is flattened to `Item`s: one per paragraph line, one per table. A project
section starts at a "โครงการ" title confirmed by header labels below it; inside it, the
header runs until a separator line or the first numbered section heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.extract.header import match_label
from pipeline.model import Document, PageBreak, Paragraph, Table
from pipeline.normalize.text import clean_text, compact, to_arabic_digits
from pipeline.normalize.vocabulary.plan import (
    CONTINUED_RE,
    HEADING_NUMBER_RE,
    SECTION_KEYWORDS,
    SEPARATOR_RE,
    SIGNATURE_RE,
    HeaderField,
    Section,
)
from pipeline.provenance import paragraph_block, table_block

# How far below a "โครงการ" title the other header labels must appear.
HEADER_CONFIRM_WINDOW = 40
CONFIRMING_FIELDS = {HeaderField.PLAN, HeaderField.RESPONSIBLE, HeaderField.PERIOD,
                     HeaderField.STRATEGY_REF, HeaderField.PROJECT_TYPE}
MAX_HEADING_LENGTH = 90
# Section keywords longest first: a keyword wins over a shorter one it starts with.
KEYWORDS_LONGEST_FIRST = sorted(SECTION_KEYWORDS, key=lambda k: -len(k[0]))


@dataclass
class Item:
    """A paragraph line or a table, with its page; `text` is empty for tables.

    `number` is the paragraph's or table's number in the document (1-based, counted
    apart), what `provenance` names blocks by."""

    text: str = ""
    page: int | None = None
    table: Table | None = None
    page_break: bool = False
    number: int | None = None

    @property
    def block(self) -> str | None:
        if self.number is None:
            return None
        return table_block(self.number) if self.is_table else paragraph_block(self.number)

    @property
    def is_table(self) -> bool:
        return self.table is not None


def flatten(document: Document) -> list[Item]:
    items: list[Item] = []
    paragraphs = tables = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            paragraphs += 1
            for line in block.full_text.split("\n"):
                items.append(Item(text=line.replace("\t", " "), page=block.page,
                                  number=paragraphs))
        elif isinstance(block, Table):
            tables += 1
            items.append(Item(table=block, page=block.page, number=tables))
        elif isinstance(block, PageBreak):
            items.append(Item(page=block.page, page_break=True))
    return items


@dataclass
class SectionPart:
    kind: Section
    heading: str
    items: list[Item] = field(default_factory=list)
    block: str | None = None  # where its heading is

    def lines(self) -> list[str]:
        return [i.text for i in self.items if not i.is_table and not i.page_break]

    def tables(self) -> list[Item]:
        return [i for i in self.items if i.is_table]


@dataclass
class ProjectPart:
    start: int
    header_items: list[Item]
    body_items: list[Item]
    body_start: int  # index of the first body item in the document's item stream
    sections: list[SectionPart] = field(default_factory=list)
    block: str | None = None  # where the project's header starts
    header_table: int | None = None  # item index of a header table under a title line

    @property
    def page(self) -> int | None:
        return next((i.page for i in self.header_items if i.page is not None), None)


def header_lines_of_table(table: Table) -> list[str]:
    """A header written as a two-column table becomes "label value" lines."""
    lines: list[str] = []
    for r in range(table.n_rows):
        texts = [clean_text(c.text) for c in table.origin_cells(r)]
        texts = [t for t in texts if t]
        if texts:
            lines.append(" ".join(texts))
    return lines


def is_header_table(table: Table) -> bool:
    """A small table whose first column holds project header labels."""
    if table.n_cols > 4:
        return False
    labels = set()
    for r in range(table.n_rows):
        first = next((c for c in table.origin_cells(r) if not c.is_empty), None)
        found = match_label(first.text) if first is not None else None
        if found is not None:
            labels.add(found[0])
    return HeaderField.NAME in labels and len(labels & CONFIRMING_FIELDS) >= 1


def _item_label(item: Item) -> HeaderField | None:
    if item.is_table or item.page_break:
        return None
    found = match_label(item.text)
    return found[0] if found else None


def find_project_starts(items: Sequence[Item]) -> list[int]:
    """Indexes of items that open a project section."""
    starts: list[int] = []
    for i, item in enumerate(items):
        if item.table is not None:
            if is_header_table(item.table):
                starts.append(_numbered_title_above(items, i, starts))
            continue
        if _item_label(item) != HeaderField.NAME:
            continue
        window = items[i + 1 : i + 1 + HEADER_CONFIRM_WINDOW]
        confirmed = set()
        for later in window:
            if later.is_table:
                break
            label = _item_label(later)
            if label == HeaderField.NAME:
                break
            if label in CONFIRMING_FIELDS:
                confirmed.add(label)
        if len(confirmed) >= 2:
            starts.append(_numbered_title_above(items, i, starts))
    return starts


def _numbered_title_above(items: Sequence[Item], i: int, starts: Sequence[int]) -> int:
    """Where a project starts whose name label sits under a bare title line ("โครงการที่ 2"
    above "ชื่อโครงการ ..."): at the title, so it does not close the project before."""
    j = i - 1
    while j >= 0 and not items[j].is_table and not items[j].page_break \
            and not clean_text(items[j].text):
        j -= 1
    if j < 0 or (starts and j <= starts[-1]) or items[j].is_table or items[j].page_break:
        return i
    found = match_label(items[j].text)
    return j if found is not None and found[0] == HeaderField.NAME and not found[1] else i


# "ที่ 1" after an unnumbered keyword: one of several (an activity of the budget section).
ORDINAL_RE = re.compile(r"\s*ที่\s*[0-9๐-๙]")


def section_heading(text: str) -> tuple[Section, str] | None:
    """The section a heading line opens ("๒. วัตถุประสงค์"), and the text after the keyword."""
    line = clean_text(text)
    if not line or CONTINUED_RE.search(line):
        return None
    numbered = HEADING_NUMBER_RE.match(line)
    body = line[numbered.end():] if numbered else line
    squeezed = compact(body)
    for keyword, kind in KEYWORDS_LONGEST_FIRST:
        if not squeezed.startswith(keyword):
            continue
        rest = _text_after_keyword(body, keyword)
        has_amount = bool(re.search(r"[0-9๐-๙]", rest))
        if not numbered and ((rest.strip(" :") and not has_amount) or ORDINAL_RE.match(rest)):
            return None  # "กิจกรรมที่ 1 อบรมครู 10,000 บาท": the first activity, not a section
        if len(line) > MAX_HEADING_LENGTH and not has_amount:
            return None
        return kind, rest.strip(" :：")
    return None


def _text_after_keyword(body: str, keyword: str) -> str:
    seen = 0
    for i, ch in enumerate(body):
        if seen == len(keyword):
            return body[i:]
        if not ch.isspace():
            seen += 1
    return ""


def split_project(items: Sequence[Item], start: int, end: int) -> ProjectPart:
    """Header items, then body items cut into sections at their headings."""
    first = items[start]
    header_table: int | None = None
    if first.table is not None:
        header = [Item(text=t, page=first.page) for t in header_lines_of_table(first.table)]
        body_start = start + 1
    else:
        body_start = start
        while body_start < end:
            item = items[body_start]
            if body_start > start and _ends_header(item):
                break
            body_start += 1
        header = list(items[start:body_start])
        below = items[body_start] if body_start < end else None
        if below is not None and below.table is not None and is_header_table(below.table):
            # a title line ("โครงการที่ 2") above the header written as a table
            header += [Item(text=t, page=below.page) for t in header_lines_of_table(below.table)]
            header_table = body_start
            body_start += 1
    body = list(items[body_start:end])
    part = ProjectPart(start=start, header_items=header, body_items=body, body_start=body_start,
                       block=first.block, header_table=header_table)
    part.sections = split_sections(body)
    return part


def _ends_header(item: Item) -> bool:
    """A table, a separator line or a section heading that is not itself a header field.

    "ระยะเวลาดำเนินการ" and "งบประมาณ" are both header labels and section keywords: in
    the header they are fields unless numbered like a section ("๕. งบประมาณ").
    """
    if item.is_table:
        return True
    if SEPARATOR_RE.match(item.text):
        return True
    if section_heading(item.text) is None:
        return False
    found = match_label(item.text)
    if found is None:
        return True
    if not HEADING_NUMBER_RE.match(item.text):
        return False
    # numbered fields ("3. ระยะเวลาดำเนินการ : ต.ค. 66 - ก.ย. 67") stay in the header; a
    # numbered label alone that is also a section keyword ("๕. งบประมาณ") opens the body
    field, rest = found
    return not rest and field in (HeaderField.PERIOD, HeaderField.BUDGET)


def _numbered_back(line: str, current_heading: str) -> bool:
    """Whether a numbered heading line counts back from the current section's number
    (sections of a project count up: "1." after "8. งบประมาณ" numbers the budget's items)."""
    number, current = HEADING_NUMBER_RE.match(clean_text(line)), HEADING_NUMBER_RE.match(
        clean_text(current_heading))
    if number is None or current is None:
        return False
    return int(to_arabic_digits(number[1])) < int(to_arabic_digits(current[1]))


def split_sections(body: Sequence[Item]) -> list[SectionPart]:
    sections: list[SectionPart] = []
    current = SectionPart(kind=Section.OTHER, heading="")
    for item in body:
        heading = None if item.is_table or item.page_break else section_heading(item.text)
        if heading is not None and _numbered_back(item.text, current.heading):
            heading = None  # "1. กิจกรรมอบรม 6,000 บาท" under "8. งบประมาณ": an item of it
        if heading is not None:
            sections.append(current)
            kind, rest = heading
            current = SectionPart(kind=kind, heading=clean_text(item.text), block=item.block)
            if rest:
                current.items.append(Item(text=rest, page=item.page, number=item.number))
            continue
        if SEPARATOR_RE.match(item.text) and not item.is_table:
            continue
        if (not item.is_table and not item.page_break and current.kind != Section.SIGNATURES
                and SIGNATURE_RE.match(item.text)):
            sections.append(current)
            current = SectionPart(kind=Section.SIGNATURES, heading="", block=item.block)
        current.items.append(item)
    sections.append(current)
    return [s for s in sections if s.items or s.heading]
