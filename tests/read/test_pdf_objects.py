"""Plain PDF objects read from the file's bytes (`pdf_objects.ObjectTable`): the values
pdfminer gives, and pdfminer's own reading wherever an object is not plain."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import LIT

from pipeline.read.pdf_objects import ObjectTable
from pipeline.read.pdf_structure import read_structure

PDF_DIR = Path(__file__).parent.parent / "fixtures" / "pdf"
TAGGED = [p for p in sorted(PDF_DIR.glob("*.pdf")) if not p.stem.endswith("-untagged")
          and "scan" not in p.stem]

# Objects 4-9 are plain; 10-13 are left to pdfminer (a stream, a name with an escape, a
# string with an escape, a bare number).
OBJECTS = {
    1: b"<< /Type /Catalog /Pages 2 0 R >>",
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.5 842] >>",
    4: b"<</Type/StructElem/S/Span/P 5 0 R/Pg 3 0 R/Lang(th-TH)/K[0 ]>>",
    5: b"<< /S /TD /A << /RowSpan 2 /ColSpan 3 /Gone null >> /K [4 0 R 1 6 0 R -2.5 .5] >>",
    6: b"[ /P true false null <0E 2a0E> % a comment\n 7 0 R ]",
    7: b"<< /Alt () /Nested << /Deep [ [ 1 ] << >> ] >> >>",
    8: b"<</K[+3 0 R]>>",
    9: b"[]",
    10: b"<< /Length 3 >>\nstream\nabc\nendstream",
    11: b"<< /S /A#42 >>",
    12: b"<< /T (a\\)b) >>",
    13: b"42",
}


def make_pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF of `objects` with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for objid, body in objects.items():
        offsets[objid] = out.tell()
        out.write(b"%d 0 obj\n" % objid + body + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for objid in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[objid])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def test_plain_objects_read_as_pdfminer_reads_them_without_pdfminer() -> None:
    data = make_pdf(OBJECTS)
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    table = ObjectTable(document, data)
    cached_before = set(document._cached_objs)
    ours = {objid: table.get(PDFObjRef(document, objid)) for objid in range(4, 10)}
    assert set(document._cached_objs) == cached_before  # pdfminer parsed none of them
    element = ours[4]
    assert element == {"Type": LIT("StructElem"), "S": LIT("Span"), "Lang": b"th-TH",
                       "P": element["P"], "Pg": element["Pg"], "K": [0]}
    assert (element["P"].objid, element["Pg"].objid) == (5, 3)
    cell = ours[5]
    assert cell["A"] == {"RowSpan": 2, "ColSpan": 3}  # the null entry left out
    assert [type(k).__name__ for k in cell["K"]] == ["PDFObjRef", "int", "PDFObjRef",
                                                     "float", "float"]
    assert cell["K"][1:2] + cell["K"][3:] == [1, -2.5, 0.5]
    assert ours[6][:5] == [LIT("P"), True, False, None, b"\x0e\x2a\x0e"]
    assert ours[6][5].objid == 7
    assert ours[7] == {"Alt": b"", "Nested": {"Deep": [[1], {}]}}
    assert ours[8]["K"][0].objid == 3  # "+3 0 R": pdfminer's reading of a signed number
    assert ours[9] == []
    for objid in range(4, 10):
        assert _plain(ours[objid]) == _plain(document.getobj(objid)), objid


def test_objects_that_are_not_plain_are_pdfminer_s() -> None:
    data = make_pdf(OBJECTS)
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    table = ObjectTable(document, data)
    stream = table.get(PDFObjRef(document, 10))
    assert isinstance(stream, PDFStream) and stream.get_data() == b"abc"
    assert table.get(PDFObjRef(document, 11)) == {"S": LIT("AB")}
    assert table.get(PDFObjRef(document, 12)) == {"T": b"a)b"}
    assert table.get(PDFObjRef(document, 13)) == 42
    assert {10, 11, 12, 13} <= set(document._cached_objs)  # read by pdfminer
    assert table.get(PDFObjRef(document, 99)) is None  # not in the file: None, as pdfminer


def test_a_moved_object_is_read_by_pdfminer() -> None:
    """A cross-reference offset that does not point at the object's header (a damaged
    file) leaves the object to pdfminer's own recovery."""
    data = make_pdf(OBJECTS)
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    table = ObjectTable(document, data[1:])  # every offset one byte past its object
    assert table.get(PDFObjRef(document, 5))["A"] == {"RowSpan": 2, "ColSpan": 3}
    assert 5 in document._cached_objs


@pytest.mark.parametrize("path", TAGGED, ids=[p.name for p in TAGGED])
def test_structure_tree_is_the_same_read_from_the_bytes(path: Path) -> None:
    trees = []
    for data in (None, path.read_bytes()):
        with pdfplumber.open(path) as pdf:
            numbers = {p.page_obj.pageid: p.page_number for p in pdf.pages}
            trees.append(read_structure(pdf.doc, numbers, data))
    assert trees[0] is not None
    assert trees[1] == trees[0]


def _plain(value: object) -> object:
    """`value` with references as their object numbers (a PDFObjRef compares by
    identity)."""
    if isinstance(value, PDFObjRef):
        return ("ref", value.objid)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_element_content_and_walk_are_depth_first_in_reading_order() -> None:
    """`Element.content` and `walk` (read with a stack, not nested generators) give the
    items and elements in the order of a depth-first reading of the children."""
    from pipeline.read.pdf_structure import Element

    inner = Element("Span", children=[(1, 2), (1, 3)])
    cell = Element("TD", children=[Element("P", children=[(1, 1), inner]), (1, 4)])
    tree = Element("Document", children=[(1, 0), cell, Element("P"), (2, 0)])
    assert list(tree.content()) == [(1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (2, 0)]
    assert [e.kind for e in tree.walk()] == ["Document", "TD", "P", "Span", "P"]
    assert list(inner.content()) == [(1, 2), (1, 3)]
    assert list(Element("P").content()) == []
