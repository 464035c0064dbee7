"""Bound what pdfminer inflates: no decoded PDF stream larger than `pdf_stream_bytes`.

pdfminer decodes a FlateDecode stream with one `zlib.decompress(data)` call, so a 1 MB
stream of zeros becomes 1 GB in memory before anyone can look at it, and pdfminer has no
setting to stop it. `install()` replaces the `zlib` pdfminer's stream module sees by one
whose `decompress` inflates in 1 MB pieces and raises LimitExceededError past the limit
of the document being read (`stream_limit`); everything else is the real zlib. The
decoder of damaged streams pdfminer falls back to starts over from the same bytes and
stops where they are damaged, before the limit, so it needs no guard of its own.

pdfium inflates in C, past that zlib: `StreamGuard` measures, without keeping them, the
streams a page's reading reaches (content, forms, fonts, images) before pdfium sees it.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from contextvars import ContextVar
from types import SimpleNamespace
from typing import Any

from pipeline.errors import LimitExceededError
from pipeline.limits import DEFAULT_LIMITS, describe

INFLATED_CHUNK = 1 << 20

_limit: ContextVar[int] = ContextVar("pdf_stream_bytes", default=DEFAULT_LIMITS.pdf_stream_bytes)


def bounded_decompress(data: bytes, *args: Any) -> bytes:
    """`zlib.decompress(data)` that refuses to produce more than the current limit."""
    limit = _limit.get()
    inflater = zlib.decompressobj(*args)
    pieces: list[bytes] = []
    total = 0
    chunk = inflater.decompress(data, INFLATED_CHUNK)
    while True:
        total += len(chunk)
        if total > limit:
            raise LimitExceededError("pdf_stream_bytes",
                                     f"a PDF stream inflating past {describe(limit, '_bytes')}",
                                     describe(limit, "_bytes"))
        pieces.append(chunk)
        if not inflater.unconsumed_tail:
            break
        chunk = inflater.decompress(inflater.unconsumed_tail, INFLATED_CHUNK)
    if not inflater.eof:
        raise zlib.error("incomplete or truncated stream")  # what zlib.decompress says
    pieces.append(inflater.flush())
    return b"".join(pieces)


GUARDED_ZLIB = SimpleNamespace(decompress=bounded_decompress,
                               decompressobj=zlib.decompressobj, error=zlib.error,
                               MAX_WBITS=zlib.MAX_WBITS)


def install() -> None:
    """Route pdfminer's stream decoding through `bounded_decompress` (idempotent)."""
    from pdfminer import pdftypes

    setattr(pdftypes, "zlib", GUARDED_ZLIB)  # noqa: B010 (a module global, not an API)


@contextlib.contextmanager
def stream_limit(limit: int) -> Iterator[None]:
    """The stream limit for the document read inside the block."""
    install()
    token = _limit.set(limit)
    try:
        yield
    finally:
        _limit.reset(token)


def _too_large(limit: int) -> LimitExceededError:
    return LimitExceededError("pdf_stream_bytes",
                              f"a PDF stream inflating past {describe(limit, '_bytes')}",
                              describe(limit, "_bytes"))


def inflated_size(data: bytes, limit: int) -> int:
    """How many bytes the zlib stream `data` inflates to, counted in pieces that are not
    kept; LimitExceededError past `limit`. A damaged stream counts up to the damage."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        chunk = inflater.decompress(data, INFLATED_CHUNK)
        while True:
            total += len(chunk)
            if total > limit:
                raise _too_large(limit)
            if not inflater.unconsumed_tail:
                break
            chunk = inflater.decompress(inflater.unconsumed_tail, INFLATED_CHUNK)
    except zlib.error:
        pass
    return total


class StreamGuard:
    """One document's streams held to `limit`, each measured once (a font or logo every
    page names is inflated once per document, not once per page).

    pdfium decodes what it parses itself, out of reach of the guarded zlib: the reader asks
    `content_bytes` and `check_resources` before handing a page over (`pdf_reader`).
    """

    def __init__(self, limit: int = DEFAULT_LIMITS.pdf_stream_bytes) -> None:
        self.limit = limit
        self._sizes: dict[int, int] = {}
        self._reached: set[int] = set()

    def size(self, stream: Any) -> int:
        """The decoded size of `stream`, counted without being kept; LimitExceededError
        past the limit."""
        key = stream.objid if isinstance(getattr(stream, "objid", None), int) else id(stream)
        if key not in self._sizes:
            self._sizes[key] = _stream_size(stream, self.limit)
        return self._sizes[key]

    def content_bytes(self, page_obj: Any) -> int:
        """The decoded size of a page's content streams and of the form XObjects its
        resources name (nested forms included): what pdfium's content parser reads."""
        from pdfminer.pdftypes import PDFStream, resolve1

        total = 0
        seen: set[int] = set()
        pending: list[Any] = [page_obj.resources]
        for stream in _streams(page_obj.contents):
            total += self.size(stream)
        while pending:
            resources = resolve1(pending.pop())
            if not isinstance(resources, dict):
                continue
            xobjects = resolve1(resources.get("XObject"))
            if not isinstance(xobjects, dict):
                continue
            for value in xobjects.values():
                form = resolve1(value)
                if not isinstance(form, PDFStream) or id(form) in seen:
                    continue
                seen.add(id(form))
                subtype = resolve1(form.get("Subtype"))
                if getattr(subtype, "name", None) != "Form":
                    continue
                total += self.size(form)
                pending.append(form.get("Resources"))
        return total

    def check_resources(self, page_obj: Any) -> None:
        """Every stream the page's resources reach held to the limit: font files, ToUnicode
        and CMap streams, Type 3 glyph procedures, images and their masks, forms, patterns,
        shadings (LimitExceededError, as `bounded_decompress`).

        pdfium inflates a font's file in memory to draw its glyphs, and an image when the
        page is rendered (the OCR reader's scans); pdfminer reads font files through the
        guarded zlib but leaves images to whoever asks. Walking everything the resources
        reach, rather than the keys where fonts and images live today, leaves no key
        unguarded; an object reached from several pages is walked once per document.
        """
        from pdfminer.pdftypes import PDFObjRef, PDFStream
        from pdfminer.psexceptions import PSException

        pending: list[Any] = [page_obj.resources]
        while pending:
            value = pending.pop()
            if isinstance(value, PDFObjRef):
                if value.objid in self._reached:
                    continue
                self._reached.add(value.objid)
                try:
                    value = value.resolve()
                except PSException:  # damaged: the parser meets it and says so itself
                    continue
            if isinstance(value, PDFStream):
                self.size(value)
                pending.extend(value.attrs.values())
            elif isinstance(value, dict):
                pending.extend(value.values())
            elif isinstance(value, list):
                pending.extend(value)


def _streams(contents: Any) -> Iterator[Any]:
    from pdfminer.pdftypes import PDFStream, resolve1

    for item in contents if isinstance(contents, list) else [contents]:
        stream = resolve1(item)
        if isinstance(stream, PDFStream):
            yield stream


def _stream_size(stream: Any, limit: int) -> int:
    """Decoded size of one stream: a flate stream's inflated size, counted (decrypted
    first in an encrypted PDF); any other stream's own length (its decoder does not
    inflate, or pdfminer decodes it through the guarded zlib)."""
    if stream.data is not None:
        return len(stream.data)
    data = stream.rawdata or b""
    if stream.decipher is not None and stream.objid is not None:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = [getattr(f, "name", f) for f, _ in stream.get_filters()]
    if filters and filters[0] in ("FlateDecode", "Fl"):
        return inflated_size(data, limit)
    return len(data)
