"""Readers: one per input format, each producing the format-neutral `Document`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.errors import LimitExceededError, ReadError, UnsupportedFormatError
from pipeline.limits import DEFAULT_LIMITS, Limits, describe
from pipeline.model import Document, Paragraph, SourceFormat, Table
from pipeline.read.engines import PdfEngine

EXTENSIONS: dict[str, SourceFormat] = {".docx": "docx", ".pdf": "pdf", ".doc": "doc"}
MAGIC: list[tuple[bytes, SourceFormat]] = [
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
]
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word .docx (ZIP)", "doc": "Word 97-2003 .doc"}


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in EXTENSIONS and not path.name.startswith("~$")


def sniff_format(head: bytes) -> SourceFormat | None:
    stripped = head.lstrip(b"\x00\t\r\n ")
    return next((fmt for magic, fmt in MAGIC if stripped.startswith(magic)), None)


def detect_format(path: Path) -> SourceFormat:
    """The format a file's name claims, checked against what its first bytes say."""
    claimed = EXTENSIONS.get(path.suffix.lower())
    if claimed is None:
        raise UnsupportedFormatError(
            f"{path}: unsupported file type '{path.suffix or '(none)'}'"
            " (expected .docx, .pdf or .doc)"
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if not head:
        raise ReadError(f"{path}: empty file (0 bytes)")
    actual = sniff_format(head)
    if actual == "doc":  # OLE: a .doc, or a password-protected .docx (never "rename it")
        from pipeline.read.encryption import check_not_encrypted

        check_not_encrypted(path)
    if actual is not None and actual != claimed:
        raise ReadError(
            f"{path}: file name says {FORMAT_NAMES[claimed]} but its content is"
            f" {FORMAT_NAMES[actual]}; rename it with the right extension"
        )
    return claimed


def read_document(path: Path, *, timeout: float = 120.0,
                  limits: Limits = DEFAULT_LIMITS,
                  pdf_engine: PdfEngine | None = None) -> Document:
    """Read any supported file into the document model (ReadError when it cannot, and
    LimitExceededError naming the file when it is larger than `limits` allow);
    `pdf_engine` says which parser reads a PDF's pages (`pipeline.read.engines`)."""
    fmt = detect_format(path)
    check_file_size(path, limits)
    document = _read_format(path, fmt, timeout, limits, pdf_engine)
    check_text_lengths(document, path, limits)
    return document


def _read_format(path: Path, fmt: SourceFormat, timeout: float, limits: Limits,
                 pdf_engine: PdfEngine | None) -> Document:
    if fmt == "docx":
        from pipeline.read.docx_reader import read_docx

        return read_docx(path, limits)
    if fmt == "pdf":
        from pipeline.read.pdf_reader import read_pdf

        return read_pdf(path, limits=limits, engine=pdf_engine)
    from pipeline.read.doc_convert import read_doc

    try:
        return read_doc(path, timeout=timeout, limits=limits)
    except LimitExceededError as exc:  # raised naming the converted copy: name the .doc
        raise LimitExceededError(exc.limit_name, exc.seen, exc.limit, path) from None


def _texts(blocks: Iterable[object]) -> Iterator[str]:
    """Every paragraph text and every cell's whole text (its lines joined, as the extractors
    read it), nested tables included: a cell of 100,000 short lines is as long a text for
    the period and amount parsers as one line of a million characters."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            for cell in block.cells:
                yield cell.text
                yield from _texts(cell.tables)


def check_text_lengths(document: Document, path: Path, limits: Limits) -> None:
    """LimitExceededError naming the file when a paragraph or a table cell (all its lines)
    is longer than `cell_chars`: never cut short (that would drop its end silently), refused
    whole."""
    longest = max((len(text) for text in _texts(document.blocks)), default=0)
    if longest > limits.cell_chars:
        raise LimitExceededError("cell_chars", f"a text of {longest:,} characters",
                                 f"{limits.cell_chars:,}", path)


def check_file_size(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise LimitExceededError("file_bytes", f"a file of {describe(size, '_bytes')}",
                                 describe(limits.file_bytes, "_bytes"), path)
