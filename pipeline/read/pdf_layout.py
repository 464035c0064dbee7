"""Page furniture of a PDF: running headers and footers, and the printed page numbers.

Plans print the plan title and the page number in every page's footer ("แผนปฏิบัติการ
ประจำปีงบประมาณ พ.ศ. ๒๕๖3" / "หน้า ๑๙๖"). In a PDF these are ordinary text lines that
would land in the middle of tables and sections, so they are found by repetition: a line
near the top or bottom edge whose text, digits masked, recurs at the same height on many
pages. A line that is only a page number ("หน้า ๑๙๖", "- 12 -", "๗") is furniture on its own.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from pipeline.normalize.vocabulary import PAGE_WORDS
from pipeline.normalize.vocabulary.plan import CONTINUED_MARK
from pipeline.read.pdf_paragraphs import Column, join_wrapped
from pipeline.read.pdf_tables import PageTable
from pipeline.read.pdf_text import Cluster, TextLine

# Furniture lives in the top or bottom share of the page height.
MARGIN_ZONE: Final = 0.15
# At most this many lines at each edge of a page are candidates.
MAX_EDGE_LINES: Final = 3
# A repeated line is furniture when it is on at least this share of the text pages...
MIN_PAGE_SHARE: Final = 0.4
# ... and at least on this many pages, at the same height within POSITION_TOLERANCE points.
MIN_PAGES: Final = 2
POSITION_TOLERANCE: Final = 4.0
# A line as long as "หน้า - 123 -" at most (spaces left out) may be a misread page number.
MAX_PAGE_NUMBER_CHARS: Final = 10

DIGITS_RE: Final = re.compile(r"[0-9๐-๙]+")
SPACES_RE: Final = re.compile(r"\s+")
_PAGE_WORD: Final = "(?:" + "|".join(PAGE_WORDS) + ")"
PAGE_NUMBER_ONLY_RE: Final = re.compile(
    rf"^\s*+{_PAGE_WORD}?\s*+[-–—]?\s*+([0-9๐-๙]{{1,4}})\s*+[-–—]?\s*+$", re.IGNORECASE
)
PRINTED_NUMBER_RE: Final = re.compile(
    rf"{_PAGE_WORD}\s*+[-–—]?\s*+([0-9๐-๙]{{1,4}})", re.IGNORECASE
)


@dataclass
class PageContent:
    """What a PDF page holds once parsed: text lines outside tables, tables, images."""

    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    has_chars: bool = False
    has_images: bool = False
    unreadable: bool = False
    furniture: list[TextLine] = field(default_factory=list)
    printed_number: str | None = None
    # all of the page's clusters, kept only when the PDF is read by its structure tree
    clusters: list[Cluster] = field(default_factory=list)


def _key(line: TextLine) -> str:
    return SPACES_RE.sub(" ", DIGITS_RE.sub("#", line.text)).strip()


def _edge_lines(page: PageContent) -> list[tuple[str, TextLine]]:
    """Candidate lines: the outermost lines above all tables or below all tables."""
    top_limit = page.height * MARGIN_ZONE
    bottom_limit = page.height * (1 - MARGIN_ZONE)
    tables_top = min((t.top for t in page.tables), default=page.height)
    tables_bottom = max((t.bottom for t in page.tables), default=0.0)
    lines = sorted(page.lines, key=lambda line: line.top)
    head = [line for line in lines[:MAX_EDGE_LINES]
            if line.bottom <= top_limit and line.bottom <= tables_top]
    foot = [line for line in lines[-MAX_EDGE_LINES:]
            if line.top >= bottom_limit and line.top >= tables_bottom]
    return [("head", line) for line in head] + [("foot", line) for line in foot]


def find_furniture(pages: Sequence[PageContent]) -> None:
    """Move running headers/footers from `lines` to `furniture`; set `printed_number`."""
    text_pages = [p for p in pages if p.lines or p.tables]
    occurrences: dict[tuple[str, str], list[tuple[PageContent, TextLine]]] = defaultdict(list)
    for page in text_pages:
        for zone, line in _edge_lines(page):
            occurrences[(zone, _key(line))].append((page, line))
    needed = max(MIN_PAGES, round(MIN_PAGE_SHARE * len(text_pages)))
    chosen: dict[int, list[TextLine]] = defaultdict(list)
    number_tops: dict[str, list[float]] = defaultdict(list)
    for (zone, key), found in occurrences.items():
        if CONTINUED_MARK in key:
            continue
        if PAGE_NUMBER_ONLY_RE.match(key.replace("#", "1")):
            for page, line in found:
                chosen[page.number].append(line)
                number_tops[zone].append(line.top)
            continue
        middle = statistics.median(line.top for _, line in found)
        aligned = [(p, line) for p, line in found if abs(line.top - middle) <= POSITION_TOLERANCE]
        if len(aligned) >= needed:
            for page, line in aligned:
                chosen[page.number].append(line)
    _misread_page_numbers(occurrences, number_tops, needed, chosen)
    for page in pages:
        furniture = _at_the_edges(page, chosen.get(page.number, []))
        if not furniture:
            continue
        ids = {id(line) for line in furniture}
        page.furniture = sorted(furniture, key=lambda line: line.top)
        page.lines = [line for line in page.lines if id(line) not in ids]
        page.printed_number = printed_number([line.text for line in page.furniture])


def _misread_page_numbers(
        occurrences: dict[tuple[str, str], list[tuple[PageContent, TextLine]]],
        number_tops: dict[str, list[float]], needed: int,
        chosen: dict[int, list[TextLine]]) -> None:
    """A short edge line where the other pages print their page number is that page's
    number misread (a scan's "- 4 -" read "เก" or "0."): furniture too, or the running
    footer above it, having body below it, would stay body and move the body's bottom
    down to the page foot (and no table cut by that page break would be joined).

    Only where enough pages print their number at one height (as many as a repeated
    line needs), and only lines no longer than a page number is.
    """
    for zone, tops in number_tops.items():
        if len(tops) < needed:
            continue
        middle = statistics.median(tops)
        for (edge, key), found in occurrences.items():
            if edge != zone or len(key.replace(" ", "")) > MAX_PAGE_NUMBER_CHARS:
                continue
            for page, line in found:
                if abs(line.top - middle) <= POSITION_TOLERANCE \
                        and all(line is not other for other in chosen[page.number]):
                    chosen[page.number].append(line)


def _at_the_edges(page: PageContent, repeated: Sequence[TextLine]) -> list[TextLine]:
    """The repeated lines that are really at the page's edge: nothing but furniture above
    a header, nothing but furniture below a footer.

    Project pages laid out alike repeat body lines too ("สนองยุทธศาสตร์โรงเรียน ข้อ 1" as the
    second line of every project page, under a name that differs): a line with body
    content above and below it is body, however often it recurs.
    """
    if not repeated:
        return []
    ids = {id(line) for line in repeated}
    items: list[tuple[float, int | None]] = [(line.top, id(line)) for line in page.lines]
    items += [(table.bbox[1], None) for table in page.tables]
    items.sort(key=lambda item: item[0])
    kept: set[int] = set()
    for ordered in (items, items[::-1]):
        for _, line_id in ordered:
            if line_id is None or line_id not in ids:
                break
            kept.add(line_id)
    return [line for line in repeated if id(line) in kept]


def printed_number(texts: Sequence[str]) -> str | None:
    """The page number printed in the furniture, digits as written ("๑๙๖", "12")."""
    for text in texts:
        match = PRINTED_NUMBER_RE.search(text) or PAGE_NUMBER_ONLY_RE.match(text)
        if match:
            return match.group(1)
    return None


def furniture_texts(page: PageContent, column: Column) -> tuple[str, ...]:
    """The page's furniture as the author wrote it: a footer too long for one line
    ("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2566 โรงเรียนบ้านดอนแก้ว" / "วิทยา") is one
    text, its lines joined as wrapped body lines are (a Word footer is one paragraph)."""
    if not page.furniture:
        return ()
    left = min([column.left, *(line.x0 for line in page.furniture)])
    right = max([column.right, *(line.x1 for line in page.furniture)])
    return tuple(block.text for block in join_wrapped(page.furniture, Column(left, right)))


def document_furniture(pages: Sequence[PageContent], columns: dict[int, Column]
                       ) -> list[str]:
    """Unique furniture texts in page order, bare page numbers left out (PageInfo has them)."""
    texts: list[str] = []
    for page in pages:
        for line in furniture_texts(page, columns[page.number]):
            if PAGE_NUMBER_ONLY_RE.match(line):
                continue
            text = PRINTED_NUMBER_RE.sub("", line).strip()
            if text and text not in texts:
                texts.append(text)
    return texts


def artifact_furniture(page: PageContent, artifacts: Sequence[TextLine]) -> None:
    """Furniture of a tagged PDF's page: the text it marks as artifacts (not the author's
    content) at its top or bottom edge, i.e. running headers and footers."""
    top_limit = page.height * MARGIN_ZONE
    bottom_limit = page.height * (1 - MARGIN_ZONE)
    edges = [line for line in artifacts if line.bottom <= top_limit or line.top >= bottom_limit]
    page.furniture = sorted(edges, key=lambda line: line.top)
    page.printed_number = printed_number([line.text for line in page.furniture])
