"""The structure tree of a tagged PDF: what the author's paragraphs and table cells were.

Word's "Save as PDF" writes a tagged PDF by default (for accessibility), and LibreOffice does
with "UseTaggedPDF". Its structure tree says, for every piece of page content, which
paragraph (``P``, ``H1``..``H6``, list items ``LI`` = ``Lbl`` + ``LBody``) or table cell
(``Table`` / ``TR`` / ``TH`` / ``TD`` with ``RowSpan`` / ``ColSpan``) it belongs to, in
reading order; the content points into it by marked-content ids (MCIDs, see `pdf_device`).
That is exactly what a PDF's geometry cannot tell: where a paragraph ends inside a cell,
which rows of a table continue on the next page.

`read_structure` walks the tree from its root (custom types through the ``RoleMap``),
keeping for each element its kind, the attributes the reader needs and its children in
order: elements, and content items as (page number, MCID). It is written here rather than
taken from pdfplumber's `PDFStructTree`, whose document-wide tree loses the page of content
items when an element runs over a page break (a paragraph or a table row cut by it). A tree
that is damaged is read as far as it goes; `None` means the PDF is not tagged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral

from pipeline.read.pdf_objects import ObjectTable

ContentKey = tuple[int, int]  # (page number, 1-based; MCID)

# Deeper trees are malformed (real ones are a dozen levels deep); the rest is ignored.
MAX_DEPTH: Final = 100
# RoleMap chains longer than this are cycles.
MAX_ROLE_STEPS: Final = 10
# Attributes read, only on table cells (resolving every element's attributes is costly).
CELL_KINDS: Final = frozenset({"TD", "TH"})
CELL_ATTRIBUTES: Final = ("RowSpan", "ColSpan")


@dataclass
class Element:
    """One structure element: its standard kind, cell spans, children in reading order."""

    kind: str
    page: int | None = None
    attributes: dict[str, int] = field(default_factory=dict)
    children: list[Element | ContentKey] = field(default_factory=list)

    def elements(self) -> Iterator[Element]:
        return (c for c in self.children if isinstance(c, Element))

    def content(self) -> Iterator[ContentKey]:
        """Every content item below this element, in reading order (depth first, with a
        stack of the children still to read: a nested generator per level cost a call per
        item and level, and the reader asks for the content of every run and cell)."""
        stack = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, Element):
                    stack.append(iter(child.children))
                    break
                yield child
            else:
                stack.pop()

    def walk(self) -> Iterator[Element]:
        """This element and every element below it, depth first."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed([c for c in element.children if isinstance(c, Element)]))

    def span(self, name: str) -> int:
        return max(1, self.attributes.get(name, 1))


def read_structure(document: PDFDocument, page_numbers: Mapping[int, int],
                   data: bytes | None = None) -> Element | None:
    """The structure tree of `document` (None when untagged); `page_numbers` maps each page
    object's id to its page number. Given the file's bytes (`data`), its plain objects are
    read from them by `pdf_objects.ObjectTable` (the same values, several times faster
    than pdfminer's parser), the rest by pdfminer."""
    catalog = document.catalog
    objects = ObjectTable(document, data) if data is not None else None
    resolve = _Resolver(objects)
    root = resolve(catalog.get("StructTreeRoot"))
    if not isinstance(root, dict) or "K" not in root:
        return None
    reader = _TreeReader(page_numbers, resolve(root.get("RoleMap")), resolve)
    tree = Element(kind="StructTreeRoot")
    reader.add_kids(tree, root.get("K"), None, 0)
    return tree if tree.children else None


class _Resolver:
    """References followed, through `objects` when given, else by pdfminer; a dangling or
    damaged reference reads as nothing."""

    def __init__(self, objects: ObjectTable | None) -> None:
        self._objects = objects

    def __call__(self, value: Any) -> Any:
        try:
            if self._objects is not None:
                return self._objects.resolve(value)
            return resolve1(value)
        except Exception:  # a dangling or damaged reference reads as nothing
            return None


def _name(value: Any) -> str | None:
    if isinstance(value, PSLiteral):
        name = value.name
        return name.decode("latin-1") if isinstance(name, bytes) else str(name)
    return None


class _TreeReader:
    def __init__(self, page_numbers: Mapping[int, int], role_map: Any,
                 resolve: _Resolver) -> None:
        self.page_numbers = page_numbers
        self.resolve = resolve
        self.role_map = role_map if isinstance(role_map, dict) else {}
        self.seen: set[int] = set()

    def add_kids(self, parent: Element, kids: Any, page: int | None, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(kids, PDFObjRef):
            if kids.objid in self.seen:
                return
            resolved = self.resolve(kids)
            if isinstance(resolved, dict) and "S" in resolved:
                self.seen.add(kids.objid)
            kids = resolved
        if isinstance(kids, list):
            for kid in kids:
                self.add_kids(parent, kid, page, depth)
        elif isinstance(kids, int) and not isinstance(kids, bool):
            if page is not None:
                parent.children.append((page, kids))
        elif isinstance(kids, dict):
            self._add_dict(parent, kids, page, depth)

    def _add_dict(self, parent: Element, obj: dict[str, Any], page: int | None,
                  depth: int) -> None:
        if "MCID" in obj:  # a marked-content reference, possibly on another page
            mcid = self.resolve(obj["MCID"])
            own_page = self._page(obj.get("Pg"), page)
            if "Stm" not in obj and isinstance(mcid, int) and own_page is not None:
                parent.children.append((own_page, mcid))
            return
        if "Obj" in obj or "S" not in obj:
            return  # an object reference (annotation, image): no text of its own
        kind = self._kind(obj.get("S"))
        element = Element(kind=kind, page=self._page(obj.get("Pg"), page))
        if kind in CELL_KINDS:
            element.attributes = _cell_attributes(obj.get("A"), self.resolve)
        parent.children.append(element)
        if "K" in obj:
            self.add_kids(element, obj["K"], element.page, depth + 1)

    def _page(self, ref: Any, default: int | None) -> int | None:
        if isinstance(ref, PDFObjRef):
            return self.page_numbers.get(ref.objid, default)
        return default

    def _kind(self, value: Any) -> str:
        kind = _name(self.resolve(value)) or ""
        for _ in range(MAX_ROLE_STEPS):
            mapped = _name(self.resolve(self.role_map.get(kind)))
            if mapped is None or mapped == kind:
                break
            kind = mapped
        return kind


def _cell_attributes(value: Any, resolve: _Resolver) -> dict[str, int]:
    """RowSpan and ColSpan from the element's attribute objects (one, or an array of them
    with optional revision numbers)."""
    value = resolve(value)
    objects = value if isinstance(value, list) else [value]
    found: dict[str, int] = {}
    for item in objects:
        attributes = resolve(item)
        if not isinstance(attributes, dict):
            continue
        for name in CELL_ATTRIBUTES:
            number = resolve(attributes.get(name))
            if isinstance(number, int) and not isinstance(number, bool) and number > 0:
                found[name] = number
    return found
