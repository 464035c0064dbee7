"""The structure tree of a tagged PDF read through pdfium, page by page, as `pdf_structure`
reads it through pdfminer.

pdfminer parses every structure element's object in Python (a 100-page plan has ~7,000 of
them), the largest stage of a tagged PDF's reading once pdfium parses the pages. pdfium
reads the tree in C, but only per page (`FPDF_StructTree_GetForPage`): it finds the page's
elements from its marked content (the ``ParentTree``) and climbs their ``/P`` links to the
root, so each page's tree holds only the elements with content on that page. `PdfiumTree`
collects those per-page trees while the pages are parsed (the page is loaded then anyway)
and `PdfiumTree.finish` merges them into the one document tree `read_structure` gives: an
element is known by its path from the root (the index of each kid in its parent's ``/K``),
the same on every page, so an element cut by a page break gets its content items from
both pages, in its ``/K`` order.

What pdfium does not give is read from pdfminer's objects, only where it is needed:

* **Kids on no page** (an empty paragraph or cell, a cell holding only empty paragraphs,
  an object reference): pdfium never builds them, and pdfium cannot say what a kid it did
  not build is. Those kids of the ``/K`` arrays are read by `pdf_structure.TreeReader`
  (on the sample plan ~1,000 of ~7,000 elements). If one of them reaches content, pdfium
  missed content that pdfminer reads (a tree deeper than pdfium's 32 levels, a ``/P`` that
  does not point back at its parent, content missing from the ``ParentTree``, a kid listed
  under two parents, an MCID without a ``/Pg`` of its own element): the whole tree is read
  by pdfminer instead (`TreeFallback`).
* **Pages.** pdfium does not say which page an element's ``/Pg`` names; the reader needs
  it only for an element without text (an empty paragraph or row), so `Element.page` is
  found from pdfminer's objects on first use.
* **The RoleMap.** pdfium maps a custom kind one step; pdfminer's objects give the whole
  map, which continues the chain. A map with a chain longer than `MAX_ROLE_STEPS` (a
  cycle, where the steps taken decide the kind) is read by pdfminer.

The whole tree is also read by pdfminer when a page was not parsed by pdfium
(`PdfiumTree.incomplete`), an element's kind is not ASCII (pdfium and pdfminer decode
names differently), or pdfium lists one element twice in a page's tree. Known
differences left, on input no producer writes: a marked-content reference into a form
XObject (``/Stm``) counts as the page's content here (pdfium gives no way to tell; pdfminer
leaves it out), an ``/MCR`` without an ``/MCID`` is MCID 0, and a span written as a real
number (``/RowSpan 2.0``) counts as the whole number it is.
"""

from __future__ import annotations

import ctypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import pypdfium2.raw as raw
from pdfminer.pdfdocument import PDFDocument

from pipeline.read.pdf_pdfium_glyph import address
from pipeline.read.pdf_structure import (
    CELL_ATTRIBUTES,
    CELL_KINDS,
    MAX_DEPTH,
    MAX_ROLE_STEPS,
    ContentKey,
    Element,
    TreeReader,
    resolve,
    structure_root,
)

_TYPE_BUFFER: Final = 256


class TreeFallback(Exception):
    """pdfium's view of the tree cannot be shown to be pdfminer's: read it by pdfminer."""


@dataclass
class _Node:
    """One element as pdfium gives it: its kind, cell spans, number of ``/K`` kids and the
    kids found so far on the pages read, by their index in ``/K``."""

    kind: str
    n_kids: int
    attributes: dict[str, int] = field(default_factory=dict)
    kids: dict[int, _Node | ContentKey] = field(default_factory=dict)


class PdfiumTree:
    """The per-page structure trees of one document, merged as its pages are parsed."""

    def __init__(self, document: PDFDocument, page_numbers: Mapping[int, int]) -> None:
        self._document = document
        self._page_numbers = page_numbers
        self.roots: dict[int, _Node | ContentKey] = {}
        self._n_roots: int | None = None
        # a page whose tree was not read (parsed by pdfminer): the tree is pdfminer's
        self.incomplete = False
        self._failed: str | None = None
        self._buffer = ctypes.create_string_buffer(_TYPE_BUFFER)
        self._value = ctypes.c_float()
        root = structure_root(document)
        self._reader = TreeReader(page_numbers, resolve(root.get("RoleMap")) if root else None)

    def add_page(self, page: Any, number: int) -> None:
        """Page `number`'s tree (`page`: pdfium's loaded page handle)."""
        if self._failed is not None:
            return
        tree = raw.FPDF_StructTree_GetForPage(page)
        if not tree:
            return
        try:
            listed: set[int] = set()
            n_roots = raw.FPDF_StructTree_CountChildren(tree)
            if self._n_roots not in (None, n_roots):
                raise TreeFallback("pages count different kids of the root")
            self._n_roots = n_roots
            for index in range(n_roots):
                child = raw.FPDF_StructTree_GetChildAtIndex(tree, index)
                if child:
                    self.roots[index] = self._merge(child, self.roots.get(index), number, 0,
                                                    listed)
        except TreeFallback as exc:
            self._failed = str(exc)
        finally:
            raw.FPDF_StructTree_Close(tree)

    def _merge(self, element: Any, node: _Node | ContentKey | None, number: int,
               depth: int, listed: set[int]) -> _Node:
        """`element`'s kids on page `number` added to its `node` (made on its first page)."""
        key = address(element)
        if key in listed:
            raise TreeFallback("an element listed twice")
        listed.add(key)
        if depth > MAX_DEPTH:
            raise TreeFallback("a tree deeper than the reader reads")
        if node is None:
            node = self._node(element)
        elif not isinstance(node, _Node):
            raise TreeFallback("a kid that is content on one page and an element on another")
        if raw.FPDF_StructElement_CountChildren(element) != node.n_kids:
            raise TreeFallback("one path leads to two elements")
        kids = node.kids
        child_at, mcid_at = (raw.FPDF_StructElement_GetChildAtIndex,
                             raw.FPDF_StructElement_GetChildMarkedContentID)
        for index in range(node.n_kids):
            known = kids.get(index)
            if known is not None and not isinstance(known, _Node):
                continue  # content: on one page only (its own /Pg or its element's)
            child = child_at(element, index)
            if child:
                kids[index] = self._merge(child, known, number, depth + 1, listed)
            elif known is None:
                mcid = mcid_at(element, index)
                if mcid >= 0:
                    kids[index] = (number, mcid)
        return node

    def _node(self, element: Any) -> _Node:
        kind = self._kind(element)
        node = _Node(kind=kind, n_kids=raw.FPDF_StructElement_CountChildren(element))
        if kind in CELL_KINDS:
            node.attributes = self._cell_attributes(element)
        return node

    def _kind(self, element: Any) -> str:
        """The element's kind: pdfium's (one step of the RoleMap) on through the map."""
        length = raw.FPDF_StructElement_GetType(element, self._buffer, _TYPE_BUFFER)
        if length > _TYPE_BUFFER:
            raise TreeFallback("a kind longer than any standard one")
        name = self._buffer.raw[:max(length - 2, 0)].decode("utf-16-le", "replace")
        if not name.isascii():
            raise TreeFallback("a kind that is not ASCII")
        steps = self._reader.role_steps(name)
        if steps is None or steps >= MAX_ROLE_STEPS:
            raise TreeFallback("a RoleMap chain longer than the reader follows")
        return self._reader.map_role(name)

    def _cell_attributes(self, element: Any) -> dict[str, int]:
        """RowSpan and ColSpan of a cell, from each of its attribute objects in turn (as
        `pdf_structure._cell_attributes` reads them)."""
        found: dict[str, int] = {}
        for index in range(raw.FPDF_StructElement_GetAttributeCount(element)):
            attributes = raw.FPDF_StructElement_GetAttributeAtIndex(element, index)
            if not attributes:
                continue
            for name in CELL_ATTRIBUTES:
                value = raw.FPDF_StructElement_Attr_GetValue(attributes, name.encode())
                if not value or raw.FPDF_StructElement_Attr_GetType(value) != (
                        raw.FPDF_OBJECT_NUMBER):
                    continue
                if raw.FPDF_StructElement_Attr_GetNumberValue(value, ctypes.byref(self._value)):
                    number = self._value.value
                    if number > 0 and number == int(number):
                        found[name] = int(number)
        return found

    # -- the document tree ------------------------------------------------------------

    def finish(self) -> Element | None:
        """The document's tree, as `read_structure` gives it; TreeFallback when pdfium's
        view cannot be shown to be pdfminer's."""
        if self.incomplete:
            raise TreeFallback("a page not parsed by pdfium")
        if self._failed is not None:
            raise TreeFallback(self._failed)
        root = structure_root(self._document)
        if root is None:
            return None
        objects = _Objects(self._reader, root)
        tree = Element(kind="StructTreeRoot")
        n_roots = len(objects.kids(())) if self._n_roots is None else self._n_roots
        self._fill(tree, (), n_roots, self.roots, objects, 0)
        return tree if tree.children else None

    def _fill(self, element: Element, path: tuple[int, ...], n_kids: int,
              kids: Mapping[int, _Node | ContentKey], objects: _Objects, depth: int) -> None:
        """`element`'s children: the kids pdfium gave, the others read from pdfminer."""
        for index in range(n_kids):
            kid = kids.get(index)
            if isinstance(kid, _Node):
                child = Element(kind=kid.kind, attributes=kid.attributes,
                                locate=objects.locator((*path, index)))
                element.children.append(child)
                self._fill(child, (*path, index), kid.n_kids, kid.kids, objects, depth + 1)
            elif kid is not None:
                element.children.append(kid)
            else:
                self._read_missing(element, objects.kid(path, index), depth)

    def _read_missing(self, element: Element, kid: Any, depth: int) -> None:
        """A kid pdfium did not build, read by pdfminer; it must have no content."""
        found = Element(kind=element.kind)
        self._reader.add_kids(found, kid, element.page, depth)
        if next(found.content(), None) is not None:
            raise TreeFallback("content pdfium does not reach")
        element.children.extend(found.children)


class _Objects:
    """pdfminer's objects along paths of kid indices from the tree root, each read once."""

    def __init__(self, reader: TreeReader, root: dict[str, Any]) -> None:
        self._reader = reader
        self._objects: dict[tuple[int, ...], Any] = {(): root}
        self._kids: dict[tuple[int, ...], list[Any]] = {}
        self._pages: dict[tuple[int, ...], int | None] = {(): None}

    def kids(self, path: tuple[int, ...]) -> list[Any]:
        """The ``/K`` of the element at `path`, as a list of (unresolved) kids."""
        found = self._kids.get(path)
        if found is None:
            obj = self._object(path)
            if not isinstance(obj, dict) or "K" not in obj:
                found = []
            else:
                value = resolve(obj["K"])
                found = value if isinstance(value, list) else [obj["K"]]
            self._kids[path] = found
        return found

    def kid(self, path: tuple[int, ...], index: int) -> Any:
        """Kid `index` of the element at `path` (None past its last)."""
        kids = self.kids(path)
        return kids[index] if index < len(kids) else None

    def _object(self, path: tuple[int, ...]) -> Any:
        if path not in self._objects:
            self._objects[path] = resolve(self.kid(path[:-1], path[-1]))
        return self._objects[path]

    def locator(self, path: tuple[int, ...]) -> Any:
        return lambda: self.page(path)

    def page(self, path: tuple[int, ...]) -> int | None:
        """The page of the element at `path`: its ``/Pg``, else its parent's."""
        if path not in self._pages:
            obj = self._object(path)
            parent = self.page(path[:-1])
            self._pages[path] = self._reader.page(
                obj.get("Pg") if isinstance(obj, dict) else None, parent)
        return self._pages[path]
