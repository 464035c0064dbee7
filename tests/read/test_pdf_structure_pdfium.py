"""A tagged PDF's structure tree read through pdfium (`pdf_structure_pdfium`) against the
tree pdfminer reads (`pdf_structure.read_structure`): the same elements, kinds, spans,
pages and content items on every tagged fixture, and hand-made trees pdfium does not give
whole (deeper than its 32 levels, kids listed twice) read by pdfminer instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from pipeline.model import Paragraph
from pipeline.read.pdf_pdfium import PdfiumDocument
from pipeline.read.pdf_reader import _page_numbers, _pdfium_tree, read_pdf
from pipeline.read.pdf_structure import Element, read_structure
from pipeline.read.pdf_structure_pdfium import PdfiumTree, TreeFallback

os.environ["PYTHAINLP_OFFLINE"] = "1"

PDF_DIR = Path(__file__).parent.parent / "fixtures" / "pdf"
TAGGED = [p for p in sorted(PDF_DIR.glob("*.pdf"))
          if "untagged" not in p.name and "scan" not in p.name]


def shape(element: Element) -> tuple[Any, ...]:
    """Everything the reader uses of an element, its page included."""
    return (element.kind, element.page, dict(element.attributes),
            [c if isinstance(c, tuple) else shape(c) for c in element.children])


def trees(path: Path) -> tuple[Element | None, Element | TreeFallback | None]:
    """pdfminer's tree of `path`, and pdfium's (every page added), or why pdfium's cannot
    be used."""
    with pdfplumber.open(path) as pdf:
        pages = list(pdf.pages)
        expected = read_structure(pdf.doc, _page_numbers(pages))
        tree = _pdfium_tree(pdf, pages)
        assert tree is not None
        document = PdfiumDocument(path)
        try:
            for index, page in enumerate(pages):
                document.parse(index, page, tree=tree)
        finally:
            document.close()
        # finish reads pdfminer's objects: the document must still be open
        return expected, _finish(tree)


def _finish(tree: PdfiumTree) -> Element | TreeFallback | None:
    try:
        return tree.finish()
    except TreeFallback as exc:
        return exc


@pytest.mark.parametrize("path", TAGGED, ids=lambda p: p.name)
def test_pdfium_tree_is_pdfminer_s_on_every_tagged_fixture(path: Path) -> None:
    expected, found = trees(path)
    assert not isinstance(found, TreeFallback), found
    assert expected is not None and found is not None
    assert shape(found) == shape(expected)


def test_tagged_fixtures_are_found() -> None:
    assert {p.name for p in TAGGED} >= {"yasothon2-fy2563.pdf", "school-fy2566.pdf"}


# -- hand-made trees --------------------------------------------------------------------


def tagged_pdf(path: Path, depth: int, *, twice: bool = False) -> Path:
    """A one-page PDF drawing "Hello" as MCID 0, tagged as a chain of `depth` Div
    elements down to the P holding it; with `twice`, the P is listed twice in its parent's
    /K (a kid pdfminer reads once)."""
    objects: list[bytes] = []

    def add(body: str) -> int:
        objects.append(body.encode("latin-1"))
        return len(objects)

    content = b"BT /F1 12 Tf 72 700 Td /P <</MCID 0>> BDC (Hello) Tj EMC ET"
    catalog = add("")  # filled below
    pages = add("")
    page = add("")
    stream = add(f"<</Length {len(content)}>>stream\n{content.decode()}\nendstream")
    font = add("<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    root = add("")
    chain = [add("") for _ in range(depth)]
    leaf = add("")
    parent_tree = add(f"<</Nums[0[{leaf} 0 R]]>>")
    objects[catalog - 1] = (f"<</Type/Catalog/Pages {pages} 0 R/StructTreeRoot {root} 0 R"
                            "/MarkInfo<</Marked true>>>>").encode()
    objects[pages - 1] = f"<</Type/Pages/Kids[{page} 0 R]/Count 1>>".encode()
    objects[page - 1] = (f"<</Type/Page/Parent {pages} 0 R/MediaBox[0 0 612 792]"
                         f"/Resources<</Font<</F1 {font} 0 R>>>>/Contents {stream} 0 R"
                         "/StructParents 0>>").encode()
    objects[root - 1] = (f"<</Type/StructTreeRoot/K[{chain[0]} 0 R]"
                         f"/ParentTree {parent_tree} 0 R>>").encode()
    parents = [root, *chain]
    for i, number in enumerate(chain):
        below = chain[i + 1] if i + 1 < len(chain) else leaf
        kids = f"{below} 0 R {below} 0 R" if twice and below == leaf else f"{below} 0 R"
        objects[number - 1] = (f"<</Type/StructElem/S/Div/P {parents[i]} 0 R"
                               f"/Pg {page} 0 R/K[{kids}]>>").encode()
    objects[leaf - 1] = (f"<</Type/StructElem/S/P/P {chain[-1]} 0 R/Pg {page} 0 R"
                         "/K 0>>").encode()
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<</Size {len(objects) + 1}/Root {catalog} 0 R>>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))
    return path


def test_shallow_hand_made_tree_is_read_by_pdfium(tmp_path: Path) -> None:
    expected, found = trees(tagged_pdf(tmp_path / "shallow.pdf", 3))
    assert isinstance(found, Element)
    assert expected is not None and shape(found) == shape(expected)
    assert [e.kind for e in found.walk()] == ["StructTreeRoot", "Div", "Div", "Div", "P"]
    assert list(found.content()) == [(1, 0)]


def test_tree_deeper_than_pdfium_reads_falls_back_to_pdfminer(tmp_path: Path) -> None:
    """pdfium cuts a chain of more than 32 levels; the content it misses is found among
    the kids it did not build, so the tree is pdfminer's, and the text is read by it."""
    path = tagged_pdf(tmp_path / "deep.pdf", 40)
    expected, found = trees(path)
    assert isinstance(found, TreeFallback)
    assert expected is not None and list(expected.content()) == [(1, 0)]
    for engine in ("pdfium", "pdfplumber"):
        blocks = read_pdf(path, engine=engine).blocks
        assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["Hello"]


def test_kid_listed_twice_is_read_by_pdfminer(tmp_path: Path) -> None:
    """pdfium puts one element in both places of a /K that lists it twice; pdfminer reads
    it once (it ends cycles that way), so the tree is pdfminer's."""
    path = tagged_pdf(tmp_path / "twice.pdf", 2, twice=True)
    expected, found = trees(path)
    assert isinstance(found, TreeFallback)
    assert expected is not None
    assert [e.kind for e in expected.walk()] == ["StructTreeRoot", "Div", "Div", "P"]
    blocks = read_pdf(path).blocks
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["Hello"]
