"""Physical pages of a .docx, from the page breaks Word recorded when it last laid it out.

A .docx has no pages, but Word writes `w:lastRenderedPageBreak` wherever a page ended the
last time it rendered the document, and authors write hard breaks (`w:br w:type="page"`,
`w:pageBreakBefore`, a section starting on a new page). Counting both, in reading order,
gives each paragraph and table row the page it was printed on. Word also writes a rendered
break at the top of the page a hard break opened, so a rendered break with no text since
the last hard break is that same break, not another page. A row whose cells each start
with a rendered break moves to the next page once, so a row advances as far as its
furthest cell. Files that record no rendered break at all (written by LibreOffice or
python-docx) leave every page None: their hard breaks alone would number pages too low.

Printed page numbers follow the sections' `w:pgNumType w:start` (numbering restarts there).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.model import PageInfo

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
RENDERED_BREAK = f"{{{W}}}lastRenderedPageBreak"
BREAK = f"{{{W}}}br"
TEXT = f"{{{W}}}t"
SECTION = f"{{{W}}}sectPr"
# Subtrees whose content is not in the paragraph's own flow: text boxes (read as their own
# paragraphs) and the legacy copy of drawings.
SKIPPED = frozenset({f"{{{W}}}txbxContent", f"{{{MC}}}Fallback"})


@dataclass(frozen=True)
class PageState:
    page: int
    hard_pending: bool  # a hard break was counted and no text has followed it yet


@dataclass
class PageCounter:
    """The current physical page while the body is walked in reading order."""

    enabled: bool
    state: PageState = PageState(1, False)
    # the first physical page of every section after the first
    section_starts: list[int] = field(default_factory=list)
    # each section's w:pgNumType start, in document order
    numbering_starts: list[int | None] = field(default_factory=list)

    @classmethod
    def for_body(cls, body: Any) -> PageCounter:
        sections = [s for s in body.iter(SECTION) if s.getparent().tag in (
            f"{{{W}}}pPr", f"{{{W}}}body")]
        return cls(enabled=next(body.iter(RENDERED_BREAK), None) is not None,
                   numbering_starts=[_numbering_start(s) for s in sections])

    @property
    def page(self) -> int | None:
        return self.state.page if self.enabled else None

    def hard_break(self) -> None:
        self.state = PageState(self.state.page + 1, True)

    def rendered_break(self) -> None:
        if self.state.hard_pending:
            self.state = PageState(self.state.page, False)
        else:
            self.state = PageState(self.state.page + 1, False)

    def text(self) -> None:
        if self.state.hard_pending:
            self.state = PageState(self.state.page, False)

    def paragraph(self, p: Any) -> list[int | None]:
        """Count the paragraph's breaks; return the page where each of its pieces between
        hard page breaks starts (at its first text)."""
        if not self.enabled and next(p.iter(BREAK), None) is None:
            return [None]  # no pages to count, and no hard break to split the paragraph at
        pages: list[int | None] = []
        first: int | None = None
        for el in _flow(p):
            if el.tag == RENDERED_BREAK:
                self.rendered_break()
            elif el.tag == BREAK and el.get(f"{{{W}}}type") == "page":
                pages.append(first if first is not None else self.page)
                first = None
                self.hard_break()
            elif el.tag == TEXT and el.text and el.text.strip():
                self.text()
                first = self.page if first is None else first
        pages.append(first if first is not None else self.page)
        return pages

    def end_section(self, new_page: bool) -> None:
        if new_page:
            self.hard_break()
        self.section_starts.append(self.state.page)

    def page_infos(self) -> list[PageInfo]:
        """Every counted page with its printed number (None when pages are unknown)."""
        if not self.enabled:
            return []
        starts = {1: self.numbering_starts[0] if self.numbering_starts else None}
        for k, first in enumerate(self.section_starts, start=1):
            if k < len(self.numbering_starts) and self.numbering_starts[k] is not None:
                starts[first] = self.numbering_starts[k]
        infos: list[PageInfo] = []
        printed = 0
        for number in range(1, self.state.page + 1):
            start = starts.get(number)
            printed = start if start is not None else printed + 1
            infos.append(PageInfo(number=number, printed_number=str(printed)))
        return infos


def _flow(element: Any) -> Iterator[Any]:
    """The page-relevant descendants of a paragraph in document order (text, breaks),
    outside text boxes and drawing fallbacks."""
    if next(element.iter(*SKIPPED), None) is None:  # the common case: lxml's own walk
        yield from element.iter(RENDERED_BREAK, BREAK, TEXT)
        return
    yield from _descendants(element)


def _descendants(element: Any) -> Iterator[Any]:
    for child in element.iterchildren():
        if child.tag in SKIPPED:
            continue
        yield child
        yield from _descendants(child)


def _numbering_start(sect: Any) -> int | None:
    numbering = sect.find(f"{{{W}}}pgNumType")
    value = numbering.get(f"{{{W}}}start") if numbering is not None else None
    return int(value) if value is not None and value.isdigit() else None
