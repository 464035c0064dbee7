"""A PDF's plain indirect objects read straight from its bytes, for the structure tree.

A tagged plan's structure tree is thousands of small dictionaries (LibreOffice writes one
object per element, ``<</Type/StructElem/S/Span/P 5 0 R/Pg 1 0 R/Lang(th-TH)/K[0 ]>>``),
and pdfminer's tokenizer, a state machine in Python run per byte range with a debug log
call per token, spent a fifth of a tagged plan's whole reading on them. `ObjectTable`
reads such an object with one regular expression per token instead, giving the values
pdfminer gives (ints, floats, `PSLiteral` names, bytes, lists, dicts without their
``null`` entries, `PDFObjRef` references to the same document), and hands every object it
does not read exactly as pdfminer would back to pdfminer: one stored in an object stream,
an encrypted file's, a stream, a top-level value that is not a dictionary or an array, a
name with ``#`` escapes, a string with escapes or parentheses inside, a header that does
not name the object, any token it does not know. So a damaged or unusual file is read by
pdfminer, as before, and only the common plain objects take the short way.
"""

from __future__ import annotations

import re
from typing import Any, Final

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef
from pdfminer.psparser import LIT, PSLiteral

# One token after optional white space and comments (pdfminer's white space: bytes `\s`;
# a name or a keyword ends where pdfminer's END_LITERAL / END_KEYWORD match). A reference
# ("12 0 R") is one token here, three to pdfminer (two numbers the keyword R pops).
_TOKEN: Final = re.compile(rb"""
    (?:\s|%[^\r\n]*)*
    (?:
        (?P<ref>(?P<refid>\d+)\s+\d+\s+R(?![^#/%\[\]()<>{}\s])) |
        (?P<open><<) | (?P<close>>>) | (?P<lbr>\[) | (?P<rbr>\]) |
        /(?P<name>[^#/%\[\]()<>{}\s]*)(?P<escape>\#)? |
        (?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d*)) |
        (?P<hex><[0-9A-Fa-f\s]*>) |
        \((?P<str>[^()\\]*)\) |
        (?P<kw>[A-Za-z][^#/%\[\]()<>{}\s]*)
    )""", re.VERBOSE)
_HEADER: Final = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj(?![^#/%\[\]()<>{}\s])")
_SPACE: Final = re.compile(rb"\s+")
_BOOLEANS: Final = {b"true": True, b"false": False}
_CLOSES: Final = {"close": "open", "rbr": "lbr"}


class _Unread(Exception):
    """This object is left to pdfminer."""


class ObjectTable:
    """Indirect objects of `document`, read from `data` (the file's bytes) where they are
    plain, by pdfminer otherwise; each read once."""

    def __init__(self, document: PDFDocument, data: bytes) -> None:
        self._document = document
        self._data = data
        self._direct = not getattr(document, "decipher", None)
        self._objects: dict[int, Any] = {}

    def resolve(self, value: Any) -> Any:
        """`value` with references followed, as pdfminer's `resolve1` (an object pdfminer
        cannot find is None; its other errors are raised)."""
        while isinstance(value, PDFObjRef):
            value = self.get(value)
        return value

    def get(self, ref: PDFObjRef) -> Any:
        objid = ref.objid
        if objid in self._objects:
            return self._objects[objid]
        found: Any
        try:
            found = self._read(objid)
        except _Unread:
            found = ref.resolve()
        self._objects[objid] = found
        return found

    def _read(self, objid: int) -> Any:
        position = self._position(objid)
        header = _HEADER.match(self._data, position)
        if header is None or int(header.group(1)) != objid:
            raise _Unread
        value, _ = _parse(self._document, self._data, header.end())
        return value

    def _position(self, objid: int) -> int:
        """The object's offset in the file, as pdfminer finds it (the first cross-reference
        section that lists it); _Unread when it is in an object stream, or not listed."""
        if not self._direct or not isinstance(objid, int):
            raise _Unread
        for xref in self._document.xrefs:
            try:
                stream, index, _ = xref.get_pos(objid)
            except KeyError:
                continue
            if stream is not None or not isinstance(index, int):
                raise _Unread
            return index
        raise _Unread


def _parse(document: PDFDocument, data: bytes, position: int) -> tuple[Any, int]:
    """The dictionary or array starting at `position`, and where it ends."""
    match = _TOKEN.match(data, position)
    if match is None or match.lastgroup not in ("open", "lbr"):
        raise _Unread  # a bare value: pdfminer's stack parser reads those its own way
    stack: list[tuple[str, list[Any]]] = []
    items: list[Any] = []
    token = _TOKEN.match
    while match is not None:
        kind = match.lastgroup
        position = match.end()
        if kind == "ref":  # the commonest token of a structure tree, read first
            items.append(PDFObjRef(document, int(match.group("refid"))))
        elif kind == "name":
            try:
                items.append(LIT(str(match.group("name"), "utf-8")))
            except UnicodeDecodeError:
                items.append(LIT(match.group("name")))  # type: ignore[arg-type]
        elif kind == "open" or kind == "lbr":
            stack.append((kind, items))
            items = []
        elif kind == "close" or kind == "rbr":
            if not stack or stack[-1][0] != _CLOSES[kind]:
                raise _Unread
            value = _dictionary(items) if kind == "close" else items
            items = stack.pop()[1]
            if not stack:
                after = token(data, position)
                if after is None or after.group("kw") == b"stream":
                    raise _Unread  # a stream's dictionary, or the file ends in it
                return value, position
            items.append(value)
        else:
            _add_token(document, items, kind, match)
        match = token(data, position)
    raise _Unread


def _add_token(document: PDFDocument, items: list[Any], kind: str | None,
               match: re.Match[bytes]) -> None:
    """A token other than a reference, a name or a bracket (a name with escapes is left to
    pdfminer)."""
    text = match.group(kind) if kind else None
    if kind == "num":
        assert text is not None
        try:
            items.append(float(text) if b"." in text else int(text))
        except ValueError:
            raise _Unread from None
    elif kind == "hex":
        assert text is not None
        digits = _SPACE.sub(b"", text[1:-1])
        if len(digits) % 2:
            raise _Unread
        items.append(bytes.fromhex(digits.decode("ascii")))
    elif kind == "str":
        assert text is not None
        items.append(text)
    elif kind == "kw":
        _add_keyword(document, items, text or b"")
    else:
        raise _Unread


def _add_keyword(document: PDFDocument, items: list[Any], word: bytes) -> None:
    if word == b"R":
        if len(items) < 2 or not all(type(v) is int for v in items[-2:]):
            raise _Unread
        objid = items[-2]
        del items[-2:]
        items.append(PDFObjRef(document, objid))
    elif word == b"null":
        items.append(None)
    elif word in _BOOLEANS:
        items.append(_BOOLEANS[word])
    else:
        raise _Unread


def _dictionary(items: list[Any]) -> dict[str, Any]:
    """pdfminer's dictionary of key-value pairs: names as keys, ``null`` entries left out."""
    if len(items) % 2:
        raise _Unread
    found: dict[str, Any] = {}
    for key, value in zip(items[0::2], items[1::2], strict=True):
        name = key.name if isinstance(key, PSLiteral) else None
        if not isinstance(name, str):
            raise _Unread
        if value is not None:
            found[name] = value
    return found
